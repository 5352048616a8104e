"""A counsellor opens a case from a call, records a need, a goal and a task,
records an accompaniment to a Hello Work window from the directory, and sees
them in the plan and the timeline -- in Japanese (and in English).

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import re
import time

import tsg_e2e
from tsg_e2e import App

# The dock panel itself, not its tab or a menu item of the same name.
PANEL_ROLES = lambda role: role not in ("page tab", "label", "push button", "menu item",
                                        "toggle button", "check menu item")

NEED = {"ja": "家賃を払える住まいを見つける", "en": "Find a home she can afford"}
GOAL = {"ja": "3か月以内に転居する", "en": "Move within three months"}
TASK = {"ja": "住宅課の窓口へ一緒に行く", "en": "Go to the housing window with her"}
WINDOW = {"ja": "求職登録を済ませた。次回は履歴書を持参する。",
          "en": "Registered as a job seeker. Bring the CV next time."}
HELLO_WORK = {"ja": "ハローワーク", "en": "ハローワーク"}


class CasesTest(tsg_e2e.TestCase):
    KEYS = {"N_eed…": "ctrl+shift+e", "_Goal…": "ctrl+shift+g", "_Task…": "ctrl+shift+t",
            "_Accompaniment…": "ctrl+shift+w"}

    def add(self, app, panel, item):
        """Opens an entry of the case panel's Add menu with its shortcut (shown
        in the menu), from the timeline, which has the focus in the panel."""
        app.focus(app.find("list", app.tr("Timeline"), within=panel))
        app.press(self.KEYS[item])

    def form(self, app, title):
        return app.window(app.tr(title))

    def save(self, app, form):
        app.click(app.find("push button", app.label("_Save"), within=form))

    def select_first_call(self, app):
        call_log = app.find(PANEL_ROLES, app.tr("Call Log"))
        table = app.find(lambda r: r in ("tree table", "table"), app.tr("Records"), within=call_log)
        cell = app.wait_for(lambda: next((n for n in app._walk(table, True)
                                          if app.role(n) in ("table cell", "cell") and app.name(n)), None),
                            message="the call log shows no calls")
        app.mouse_click(cell)
        time.sleep(0.3)

    def check(self, lang):
        with App(lang=lang, generate=300) as app:
            # A call from the call log becomes a case.
            self.select_first_call(app)
            cases = app.find(PANEL_ROLES, app.tr("Cases"))
            app.click(app.find("push button", app.label("From _Call"), within=cases))
            panel = app.find(PANEL_ROLES, re.compile("^" + re.escape(app.tr("Case %s") % "") + r"C\d\d-\d{6}$"))
            app.find("label", app.tr("Intake"), within=panel)

            # A need (課題の切り分け) …
            self.add(app, panel, "N_eed…")
            form = self.form(app, "Need")
            app.set_text(app.find("text", app.tr("Need"), within=form), NEED[lang])
            self.save(app, form)
            app.wait_gone("frame", app.tr("Need"))
            app.find("label", NEED[lang], within=panel)

            # … a goal for it …
            self.add(app, panel, "_Goal…")
            form = self.form(app, "Goal")
            app.set_text(app.find("text", app.tr("Goal"), within=form), GOAL[lang])
            self.save(app, form)
            app.find("label", app.tr("Goal: %s") % GOAL[lang], within=panel)

            # … a task with its owner and due date (the keyboard saves) …
            self.add(app, panel, "_Task…")
            form = self.form(app, "Task")
            task = app.find("text", app.tr("Task"), within=form)
            app.set_text(task, TASK[lang])
            app.focus(task)
            app.press("ctrl+Return")
            app.find("check box", TASK[lang], within=panel)

            # … and an accompaniment to Hello Work, chosen from the directory.
            self.add(app, panel, "_Accompaniment…")
            form = self.form(app, "Accompaniment")
            search = app.find("entry", app.tr("Search the directory"), within=form)
            app.set_text(search, HELLO_WORK[lang])
            chosen = app.find("label", re.compile(re.escape(app.tr("Chosen: %s") % "") + ".*" + HELLO_WORK[lang]),
                              within=form)
            app.set_text(app.find("text", app.tr("What happened at the window"), within=form), WINDOW[lang])
            travel = app.find("spin button", app.tr("Travel time (minutes)"), within=form)
            app.set_text(travel, "35")
            self.save(app, form)
            app.wait_gone("frame", app.tr("Accompaniment"))

            # The timeline shows it with its destination and travel time.
            timeline = app.find("list", app.tr("Timeline"), within=panel)
            entry = app.find(None, re.compile(re.escape(WINDOW[lang])), within=timeline, tables=True)
            self.assertIn(HELLO_WORK[lang], app.name(entry))
            self.assertIn(app.tr("travel %s min") % "35", app.name(entry))
            self.assertIn(app.tr("Accompaniment"), app.name(entry))
            # and the call she made, and the opening of the case
            app.find(None, re.compile(re.escape(app.tr("Status change"))), within=timeline, tables=True)
            app.find(None, re.compile(re.escape(app.tr("Contact") + ":")), within=timeline, tables=True)

            # A task due before the case opened is refused at its field.
            self.add(app, panel, "_Task…")
            form = self.form(app, "Task")
            app.set_text(app.find("text", app.tr("Task"), within=form), TASK[lang])
            app.set_text(app.find("text", app.tr("Due date"), within=form), "2001-04-01")
            self.save(app, form)
            app.find("label", re.compile("2001-04-01"), within=form)
            app.press("Escape")
            app.wait_gone("frame", app.tr("Task"))
            app.screenshot("case-" + lang)
            self.assertEqual(app.quit(), 0)

    def test_keep_apart(self):
        """Two records with one name: the counsellor decides they are two
        women; the decision is stored and the pair is not offered again."""
        import sqlite3
        with App(lang="ja", generate=300) as app:
            with sqlite3.connect(app.database) as db:
                client, code, name, kana = db.execute(
                    "SELECT c.id, c.code, c.name, c.kana FROM cases k JOIN clients c ON c.id = k.client_id"
                    " WHERE c.name IS NOT NULL AND c.merged_into IS NULL ORDER BY k.opened_at DESC LIMIT 1").fetchone()
                db.execute("INSERT INTO clients (code, name, kana, age_band, created_at, updated_at)"
                           " VALUES ('C99-000001', ?, ?, 'unknown', 0, 0)", (name, kana))
            cases = app.find(PANEL_ROLES, app.tr("Cases"))
            app.set_text(app.find("entry", app.tr("Search"), within=cases), code)
            table = app.find(lambda r: r in ("tree table", "table"), app.tr("Records"), within=cases)
            cell = app.find(None, code, within=table, tables=True)
            app.mouse_click(cell)
            app.press("Return")
            panel = app.find(PANEL_ROLES, app.tr("Case %s") % code)
            banner = app.find(None, app.tr("Possible duplicate"), within=panel)
            app.find("label", re.compile("C99-000001"), within=banner)
            app.click(app.find("push button", app.label("_Keep Apart"), within=banner))
            app.find(None, re.compile(re.escape(app.tr("Kept apart: the two records will not be offered as one woman again."))))
            app.screenshot("kept-apart")
            with sqlite3.connect("file:%s?mode=ro" % app.database, uri=True) as db:
                kept = db.execute("SELECT count (*) FROM client_distinct WHERE ? IN (client_a, client_b)",
                                  (client,)).fetchone()[0]
            self.assertEqual(kept, 1)
            self.assertEqual(app.quit(), 0)

    def test_japanese(self):
        self.check("ja")

    def test_english(self):
        self.check("en")


if __name__ == "__main__":
    tsg_e2e.main()

"""A front-desk worker logs a call with the keyboard alone, in Japanese, and
sees it in the call log and in the counters; the form's keystrokes and the
time from Ctrl+N to the form and from Enter to the list are measured.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import os
import re
import tempfile
import time

import tsg_e2e
from tsg_e2e import App, DEMO_PASSWORD

FRONT_DESK = ("sasaki", DEMO_PASSWORD)
SUMMARY = "家賃を3か月滞納している。仕事を探しているがうまくいかない。ハローワーク川崎を案内した。"


class Keys:
    """Presses keys on the app and counts them (an IME commit is one key)."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def press(self, *keys):
        self.app.press(*keys)
        self.count += len(keys)

    def type(self, text):
        self.app.type_text(text)
        self.count += len(text)

    def ime(self, romaji, kana):
        """Kana typed through an input method: the romaji keys and one commit.
        The harness inserts the committed text, as the input method does."""
        self.app.type_text(kana)
        self.count += len(romaji) + 1


class CallLogTest(tsg_e2e.TestCase):
    def counter(self, app, panel, msgid):
        """The number of a counter, found by its accessible name."""
        others = [app.tr(m).split("%s")[0] for m in ("Contacts today: %s", "Contacts this month: %s")
                  if m != msgid]
        pattern = re.compile("^" + re.escape(app.tr(msgid)).replace("%s", ".+") + "$")
        label = app.find("label", lambda n: bool(pattern.match(n)) and
                         not any(o and n.startswith(o) for o in others), within=panel)
        return int(re.search(r"([\d,]+)$", app.name(label)).group(1).replace(",", ""))

    def has_focus(self, app, node):
        """@node or a widget inside it (a drop-down's button) has the focus."""
        if "focused" in app.states(node):
            return True
        return any(self.has_focus(app, c) for c in app.children(node))

    def open_import(self, app, panel, path):
        """The call log's menu, Import Contacts…, @path typed in the file
        chooser: the import dialog with its preview."""
        app.click(app.find("push button", app.tr("Call log menu"), within=panel))
        app.click(app.find("menu item", app.label("_Import Contacts…")))
        # GTK 4.8's file chooser dialog shows as a filler.
        app.find(lambda r: r in ("filler", "dialog", "frame"), app.tr("Import Contacts"))
        # "/" opens the location entry with the slash typed.
        app.press("slash")
        app.type_text(path[1:])
        app.press("Return")
        return app.window(app.tr("Import"))

    def check_log_a_call(self, lang):
        with App(lang=lang, generate=300, sign_in=FRONT_DESK) as app:
            panel = app.find(lambda r: r == "filler", app.tr("Call Log"))
            today_before = self.counter(app, panel, "Contacts today: %s")
            year_before = self.counter(app, panel, "Contacts in %s: %s")
            keys = Keys(app)

            # Ctrl+N: the form opens with the timer running, the focus on the channel.
            t0 = time.monotonic()
            keys.press("ctrl+n")
            form = app.window(app.tr("New Contact"))
            t_open = time.monotonic() - t0
            channel = app.find("combo box", app.tr("Channel"), within=form)
            app.wait_for(lambda: self.has_focus(app, channel), message="the channel does not have the focus")

            keys.press("Tab")                     # channel: free-dial line (the default)
            keys.type("09012345678")              # the caller's number (hashed by the store)
            keys.press("Tab", "Tab", "Tab")       # call type: consultation; first contact: ticked
            keys.press("3", "Tab")                # age band: the 3rd item, 30s
            # municipality by its reading; an IME commits the kana with one key
            keys.ime("nakahara", "なかはら")
            keys.press("Tab")
            keys.type("FL2504")                   # heard of us through: a flyer code
            keys.press("Tab", "Tab")              # no call-back; the case button is for counsellors
            keys.press("l", "w", "Tab")           # topics: financial hardship, work
            app.type_text(SUMMARY)                # the summary, typed through the IME
            keys.press("Tab", "2", "Tab", "4")    # risk: low; outcome: referred
            t1 = time.monotonic()
            keys.press("Return")                  # Enter saves
            # Only the top-level windows are looked at: walking the whole
            # tree would measure AT-SPI, not the application.
            title = app.tr("New Contact")
            while any(app.name(w) == title for w in app.children(app.root)):
                self.assertLess(time.monotonic() - t1, 10, "the form did not close after Enter")
                time.sleep(0.02)
            t_saved = time.monotonic() - t1
            app.find(None, re.compile(re.escape(SUMMARY[:20])), within=panel, tables=True)

            # The counters moved by one.
            app.wait_for(lambda: self.counter(app, panel, "Contacts today: %s") == today_before + 1,
                         message="the counter of today did not move")
            self.assertEqual(self.counter(app, panel, "Contacts in %s: %s"), year_before + 1)

            # The row shows what was typed.
            for msgid in ("Financial hardship", "Work", "Referred", "30s", "Free-dial line"):
                app.find(None, re.compile(re.escape(app.tr(msgid))), within=panel, tables=True)

            # The typed municipality reading became the stored name.
            exported = tsg_e2e.run_cli("--export", app.database + ".json", database=app.database)
            self.assertEqual(exported.returncode, 0, exported.stderr)
            text = open(app.database + ".json", encoding="utf-8").read()
            self.assertIn("神奈川県川崎市中原区", text)
            self.assertIn("FL2504", text)
            self.assertNotIn("09012345678", text)
            print("\n%s: %d keystrokes for the form (without the %d characters of the summary); "
                  "Ctrl+N to the form %.0f ms; Enter to the form closed %.0f ms (AT-SPI polling included)"
                  % (lang, keys.count, len(SUMMARY), t_open * 1000, t_saved * 1000))
            self.assertEqual(app.quit(), 0)

    def test_japanese(self):
        self.check_log_a_call("ja")

    def test_import_from_the_window(self):
        """The coordinator imports a spreadsheet: a bad row is named and
        nothing is imported; the corrected file is imported whole."""
        folder = tempfile.mkdtemp(prefix="tsg-e2e-import-")
        path = os.path.join(folder, "contacts.csv")
        rows = ["started_at,channel,outcome,summary",
                "2025-04-01T10:15:00+09:00,phone,listened,一件目",
                "2025-04-01T11:15:00+09:00,fax,listened,二件目"]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        with App(lang="ja", generate=50) as app:
            panel = app.find(lambda r: r == "filler", app.tr("Call Log"))
            count = app.find("label", re.compile(r"^\d+ 件$"), within=panel)
            before = int(app.name(count).split()[0])
            for attempt in ("bad", "good"):
                dialog = self.open_import(app, panel, path)
                # The preview shows the header row and the first rows.
                app.find("label", "started_at", within=dialog)
                app.find("label", "二件目", within=dialog)
                app.screenshot("import-preview-" + attempt)
                app.click(app.find("push button", app.label("_Import"), within=dialog))
                if attempt == "bad":
                    error = app.find("alert", re.compile(r"contacts\.csv:3"), within=dialog)
                    self.assertIn("fax", app.name(error))
                    self.assertIn(app.tr("%s\nNothing was imported.").split("\n")[1], app.name(error))
                    app.press("Escape")
                    app.wait_gone("dialog", app.tr("Import"))
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("\n".join(rows).replace(",fax,", ",line,") + "\n")
                    continue
                app.wait_gone("dialog", app.tr("Import"))
            app.wait_for(lambda: app.name(count) == "%d 件" % (before + 2),
                         message="the list did not grow by the 2 imported contacts")
            self.assertEqual(app.quit(), 0)

    def test_link_a_call_to_her_case(self):
        """A counsellor finds the case by the client's reading as she types,
        picks it from the list with the keyboard, and the call is linked."""
        import sqlite3
        with App(lang="ja", generate=300, sign_in=("yamada", DEMO_PASSWORD)) as app:
            with sqlite3.connect("file:%s?mode=ro" % app.database, uri=True) as db:
                case_id, code, kana = db.execute(
                    "SELECT k.id, c.code, c.kana FROM cases k JOIN clients c ON c.id = k.client_id "
                    "WHERE c.kana IS NOT NULL ORDER BY k.id LIMIT 1").fetchone()
            app.press("ctrl+n")
            form = app.window(app.tr("New Contact"))
            # Alt+E, the field's mnemonic, then the client's reading
            app.press("alt+e")
            app.type_text(kana)
            # The list offers her case (GTK 4.8 shows completions in a popup
            # AT-SPI does not see into); Down and Enter take it.
            time.sleep(1.0)
            app.screenshot("case-completion")
            app.press("Down", "Return")
            # Taken: the button now opens her case.
            app.find("push button", app.label("O_pen Case"), within=form)
            app.press("Return")
            app.wait_gone("frame", app.tr("New Contact"))
            with sqlite3.connect("file:%s?mode=ro" % app.database, uri=True) as db:
                linked = db.execute("SELECT case_id FROM contacts ORDER BY id DESC LIMIT 1").fetchone()[0]
            self.assertEqual(linked, case_id)
            self.assertEqual(app.quit(), 0)

    def test_import_progress_and_cancel(self):
        """A long import shows how far it is; Cancel stops it and nothing
        is imported (the transaction is rolled back)."""
        folder = tempfile.mkdtemp(prefix="tsg-e2e-import-")
        path = os.path.join(folder, "many.csv")
        n = 100000
        with open(path, "w", encoding="utf-8") as f:
            f.write("started_at,channel,outcome,summary\n")
            for i in range(n):
                f.write("2025-05-01T%02d:%02d:00+09:00,phone,listened,row %d\n" % (i // 60 % 24, i % 60, i))
        with App(lang="ja", generate=50) as app:
            panel = app.find(lambda r: r == "filler", app.tr("Call Log"))
            count = app.find("label", re.compile(r"^\d+ 件$"), within=panel)
            before = app.name(count)
            dialog = self.open_import(app, panel, path)
            # The summary counts the rows the import will read.
            app.find("label", re.compile(re.escape(app.trn("%u row to import.", "%u rows to import.", n).replace("%u", str(n)))),
                     within=dialog)
            app.click(app.find("push button", app.label("_Import"), within=dialog))
            bar = app.find("progress bar", app.tr("Import progress"), within=dialog)
            app.wait_for(lambda: (app.value(bar) or 0) > 0,
                         message="the progress bar did not move")
            app.screenshot("import-progress")
            self.assertLess(app.value(bar), 1.0)
            app.press("Escape")
            app.wait_gone("dialog", app.tr("Import"), timeout=60)
            time.sleep(0.5)
            self.assertEqual(app.name(count), before, "a cancelled import changed the list")
            self.assertEqual(app.quit(), 0)

    def test_english(self):
        self.check_log_a_call("en")


if __name__ == "__main__":
    tsg_e2e.main()

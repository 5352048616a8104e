"""Accounts, roles and the lock, through the accessibility tree: the first
start creates the administrator; a front-desk worker signs in, cannot open a
case, locks the window (Ctrl+Shift+L), fails and then succeeds to unlock;
six wrong passwords lock an account and say until when.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import os
import re
import sqlite3
import tempfile

import tsg_e2e
from tsg_e2e import App, DEMO_PASSWORD, generate_database


def failed_attempts(app, login):
    db = sqlite3.connect("file:%s?mode=ro" % app.database, uri=True, timeout=10)
    try:
        return db.execute("SELECT failed_attempts FROM staff WHERE login = ?", (login,)).fetchone()[0]
    finally:
        db.close()


def windows(app):
    """The names of the application's windows in the accessibility tree (a
    hidden window leaves it)."""
    return [app.name(w) for w in app.children(app.root)]


class SafetyTest(tsg_e2e.TestCase):
    def check_front_desk_cannot_open_case_then_lock(self, lang):
        # The newest call belongs to a case, so it is the first row of the call log.
        folder = tempfile.mkdtemp(prefix="tsg-e2e-safety-")
        path = os.path.join(folder, "office.db")
        generate_database(path, 200)
        db = sqlite3.connect(path)
        db.execute("UPDATE contacts SET case_id = (SELECT min(id) FROM cases)"
                   " WHERE id = (SELECT id FROM contacts ORDER BY started_at DESC, id DESC LIMIT 1)")
        db.commit()
        db.close()
        with App(lang=lang, database=path, sign_in=("sasaki", DEMO_PASSWORD)) as app:
            main_title = app.title()
            # Cases are not hers: no case appears anywhere in the window.
            self.assertFalse(app.exists(None, re.compile(r"^C\d\d-\d{6}$"), tables=True))
            self.assertFalse(app.exists("push button", app.label("_New Case…")))
            # She opens the call and asks for its case: the store refuses.
            call_log = app.find(lambda r: r == "filler", app.tr("Call Log"))
            table = app.find("tree table", None, within=call_log)
            first = app.find("label", re.compile(r"^\d{4}-\d\d-\d\d|\d+年"), within=table)
            app.mouse_click(first)
            app.press("Return")
            app.click(app.find("push button", app.label("O_pen Case")))
            refusal = re.escape(app.tr("Your role (%s) does not allow this.")).replace("%s", ".*")
            app.find("label", re.compile(refusal))
            self.assertFalse(app.exists(None, re.compile(r"^C\d\d-\d{6}$"), tables=True))
            app.press("Escape")

            # Lock at once: the records leave the screen and the tree.
            app.press("ctrl+shift+l")
            locked = app.find("panel", app.tr("Locked"))
            app.wait_for(lambda: main_title not in windows(app), None,
                         "the main window is still showing while locked")
            # Nothing of the call log is showing: its window is hidden.
            self.assertEqual(windows(app), [app.tr("Tsunagari Desk — Locked")])

            # A wrong password: one sentence, still locked.
            password = app.editables(locked)[0]
            app.set_text(password, "not her password")
            app.click(app.find("push button", app.label("_Unlock"), within=locked))
            app.find("label", app.tr("The login or the password is wrong."))
            self.assertNotIn(main_title, windows(app))

            # Her password: the window comes back as it was.
            app.set_text(app.editables(locked)[0], DEMO_PASSWORD)
            app.click(app.find("push button", app.label("_Unlock"), within=locked))
            app.wait_for(lambda: main_title in windows(app), None, "unlocking did not show the window")
            app.wait_gone("panel", app.tr("Locked"))
            self.assertEqual(app.quit(), 0)

    def test_front_desk_english(self):
        self.check_front_desk_cannot_open_case_then_lock("en")

    def test_front_desk_japanese(self):
        self.check_front_desk_cannot_open_case_then_lock("ja")

    def test_first_start_creates_administrator(self):
        with App(lang="en", sign_in=False) as app:
            app.create_administrator("kimura", "木村 由香", "first admin pass")
            app.wait_for(lambda: [n for n in windows(app) if "Sign In" not in n], None,
                         "creating the administrator did not open the main window")
            self.assertEqual(app.quit(), 0)

    def test_six_failures_lock_the_account(self):
        with App(lang="ja", generate=50, sign_in=False) as app:
            page = app.find("panel", app.tr("Sign In"))
            for attempt in range(6):
                login, password = app.editables(page)[:2]
                app.set_text(login, "nakamura")
                app.set_text(password, "wrong %d" % attempt)
                app.click(app.find("push button", app.label("_Sign In"), within=page))
                # Each answer is written to the database before it shows.
                app.wait_for(lambda: failed_attempts(app, "nakamura") == attempt + 1, None,
                             "attempt %d was not counted" % (attempt + 1))
                if attempt < 5:
                    app.find("label", app.tr("The login or the password is wrong."))
            # The sixth: locked, and the message says until when (Japanese date).
            until = app.find("label", re.compile(r"nakamura.*\d+年\d+月\d+日"))
            self.assertIn("ロック", app.name(until))
            # Even the right password now waits.
            login, password = app.editables(page)[:2]
            app.set_text(login, "nakamura")
            app.set_text(password, DEMO_PASSWORD)
            app.click(app.find("push button", app.label("_Sign In"), within=page))
            app.find("label", re.compile(r"nakamura.*ロック"))
            self.assertEqual(len([n for n in windows(app) if n != app.tr("Sign In — Tsunagari Desk")]), 0)
            self.assertEqual(app.quit(), 0)


if __name__ == "__main__":
    tsg_e2e.main()

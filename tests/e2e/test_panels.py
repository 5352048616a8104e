"""The main window in English and Japanese: the four panels, the demo title,
and the error dialog for a file that is not a database.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import os
import re
import tempfile

import tsg_e2e
from tsg_e2e import App

PANELS = {
    "en": ["Call Log", "Cases", "Directory", "Inventory"],
    "ja": ["相談記録", "ケース", "連携団体", "在庫"],
}
SEARCH = {"en": "Search", "ja": "検索"}
COUNT = {"en": re.compile(r"^([\d,]+) records?$"), "ja": re.compile(r"^([\d,]+) 件$")}
DEMO = {"en": "Demo", "ja": "デモ"}
NOT_SQLITE = {"en": "is not a Tsunagari Desk database", "ja": "つながりデスクのデータベースではありません"}
HEADING = {"en": "The Database Cannot Be Opened", "ja": "データベースを開けません"}
CLOSE = {"en": "Close", "ja": "閉じる"}

# The dock panel itself, not its tab or a menu item of the same name.
PANEL_ROLES = lambda role: role not in ("page tab", "label", "push button", "menu item",
                                        "toggle button", "check menu item")


class PanelsTest(tsg_e2e.TestCase):
    def check_window(self, lang):
        with App(lang=lang, generate=400) as app:
            self.assertIn(DEMO[lang], app.title())
            for key, title in enumerate(PANELS[lang], start=1):
                # A panel reads its rows once it is on screen: show each one
                # the way a person would, with its shortcut (Alt+1 … Alt+4).
                app.press("alt+%d" % key)
                panel = app.find(PANEL_ROLES, title)
                # Each panel is a real view: its search field and a count of
                # the rows it pages from the store.
                app.find("entry", SEARCH[lang], within=panel)
                count = app.find("label", COUNT[lang], within=panel)
                n = int(COUNT[lang].search(app.name(count)).group(1).replace(",", ""))
                self.assertGreater(n, 0, "%s shows no rows" % title)
            self.assertEqual(app.quit(), 0)

    def test_english(self):
        self.check_window("en")

    def test_japanese(self):
        self.check_window("ja")

    def check_not_sqlite(self, lang):
        folder = tempfile.mkdtemp(prefix="tsg-e2e-bad-")
        path = os.path.join(folder, "notes.db")
        content = "これはデータベースではありません。\nJust notes.\n".encode("utf-8")
        with open(path, "wb") as f:
            f.write(content)
        with App(lang=lang, database=path) as app:
            dialog = app.window(HEADING[lang])
            message = app.find("label", re.compile(re.escape(NOT_SQLITE[lang])), within=dialog)
            self.assertIn(path, app.name(message))
            app.click(app.find("push button", re.compile(CLOSE[lang]), within=dialog))
            status = app.wait_exit()
            self.assertNotEqual(status, 0)
            self.assertIn(NOT_SQLITE[lang], app.stderr())
        with open(path, "rb") as f:
            self.assertEqual(f.read(), content, "the file was changed")
        self.assertEqual(sorted(os.listdir(folder)), ["notes.db"], "files were left beside it")

    def test_not_sqlite_english(self):
        self.check_not_sqlite("en")

    def test_not_sqlite_japanese(self):
        self.check_not_sqlite("ja")


if __name__ == "__main__":
    tsg_e2e.main()

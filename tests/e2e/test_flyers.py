"""A coordinator makes a sheet of help cards for a bookshop and saves it:
the print run gets its code, the code is on the paper, the preview follows.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import os
import re
import sqlite3
import subprocess
import tempfile
import time

import tsg_e2e
from tsg_e2e import App

COORDINATOR = ("ito", "tsunagari")


class FlyersTest(tsg_e2e.TestCase):
    @staticmethod
    def point_index(database, name):
        # the editor lists the active points by name, as SQLite sorts them
        with sqlite3.connect(database) as db:
            names = [r[0] for r in db.execute("SELECT name FROM distribution_points"
                                              " WHERE active = 1 AND is_office = 0 ORDER BY name")]
        return names.index(name)

    def choose(self, app, combo, label, index):
        """Opens a combo row's list and picks item @index with the keyboard
        (the list starts on the current item, 0), checking it shows @label."""
        app.click(combo)
        app.find("label", label, tables=True)
        app.press(*(["Down"] * index), "Return")
        app.wait_for(lambda: app.find_all("label", label, within=combo, tables=True),
                     message="the combo row does not show %s" % label)

    def test_card_sheet_for_a_bookshop(self):
        folder = tempfile.mkdtemp(prefix="tsg-e2e-flyers-")
        target = os.path.join(folder, "cards-for-bookshop.pdf")
        with App(lang="ja", generate=300, sign_in=COORDINATOR) as app:
            # F10 opens the primary menu (the lock screen has a menu button of the same name)
            app.press("F10")
            app.click(app.find("menu item", re.compile(re.escape(app.tr("Flyers and Help Cards")))))
            # The editor is a dock panel (not its tab or the menu item).
            editor = app.find(lambda role: role not in ("page tab", "label", "menu item", "push button"),
                              app.tr("Flyers and Help Cards"))
            # The preview opens in the main window's dock as soon as the editor does.
            app.find(None, app.tr("Flyer Preview"))

            self.choose(app, app.find("combo box", re.compile("^" + re.escape(app.tr("_Template").split("(")[0])),
                                      within=editor),
                        app.tr("Help cards (10 on A4)"), 1)
            self.choose(app, app.find("combo box", re.compile("^" + re.escape(app.tr("_Distribution point").split("(")[0])),
                                      within=editor),
                        re.compile("武蔵小杉駅前書店"), 1 + self.point_index(app.database, "武蔵小杉駅前書店"))
            app.click(app.find("push button", re.compile(re.escape(app.tr("_Record Print Run…").split("(")[0])),
                               within=editor))

            # The run is recorded (a toast names its code) and a save dialog asks where.
            toast = app.find("label", re.compile(r"F[0-9A-Z]{5}"))
            code = re.search(r"F[0-9A-Z]{5}", app.name(toast)).group(0)
            # GTK's own file chooser (no portal here): its dialog and name field.
            chooser = app.find(lambda role: role in ("filler", "dialog", "frame"), app.tr("Save the Print-out"))
            name = app.find(lambda role: role in ("text", "entry"), None, within=chooser)
            app.set_text(name, target)
            app.press("Return")
            app.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 1000,
                         message="the PDF was not saved to %s" % target)
            time.sleep(0.5)

        with open(target, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        text = subprocess.run(["pdftotext", target, "-"], capture_output=True, text=True).stdout
        self.assertIn("0120-000-000", text)
        self.assertIn(code, text)
        # ten cards on the sheet, each with the code
        self.assertGreaterEqual(text.count(code), 10)


if __name__ == "__main__":
    tsg_e2e.main()

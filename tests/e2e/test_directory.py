"""A counsellor finds a Hello Work service in the directory, refers a woman
of a case to it, opens the referral letter's preview, zooms and saves the
PDF -- in Japanese (and in English).

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import os
import re
import shutil
import subprocess
import tempfile
import time

import tsg_e2e
from tsg_e2e import App

# The dock panel itself, not its tab or a menu item of the same name.
PANEL_ROLES = lambda role: role not in ("page tab", "label", "push button", "menu item",
                                        "toggle button", "check menu item")
TABLE_ROLES = lambda role: role in ("tree table", "table")
HELLO_WORK = "ハローワーク川崎"
REASON = "本人が面談で口頭により了承"


class DirectoryTest(tsg_e2e.TestCase):
    def find_service(self, app):
        directory = app.find(PANEL_ROLES, app.tr("Directory"))
        app.set_text(app.find("entry", app.tr("Search"), within=directory), HELLO_WORK)
        table = app.find(TABLE_ROLES, app.tr("Records"), within=directory)
        # GTK 4.8 names the cells after their type: the cell's label carries the text
        cell = app.wait_for(lambda: next((n for n in app._walk(table, True)
                                          if app.role(n) == "label" and app.name(n) == HELLO_WORK), None),
                            message="the directory shows no Hello Work service")
        app.mouse_click(cell)
        detail = app.find(None, app.tr("Service details"), within=directory)
        app.find("label", HELLO_WORK, within=detail)
        # today's hours, with whether it is open now
        app.find("label", re.compile("^(%s|%s)$" % (re.escape(app.tr("Open now")), re.escape(app.tr("Closed now")))),
                 within=detail)
        return directory, detail

    def refer(self, app, detail):
        app.click(app.find("push button", app.label("_Refer…"), within=detail))
        dialog = app.window(app.tr("Make a Referral"))
        cases = app.find("list", app.tr("Cases"), within=dialog)
        row = app.wait_for(lambda: next((n for n in app.children(cases) if app.name(n)), None),
                           message="the referral dialog lists no case")
        case_code = app.name(row).split()[0]
        # a search that finds one case chooses it
        app.set_text(app.find("entry", app.tr("Find a case"), within=dialog), case_code)
        # The generated cases have no consent recorded: the dialog asks why.
        app.find(None, app.tr("Reason for referring without her consent"), within=dialog)
        app.find("label", app.tr("She has not consented to a referral to this agency"), within=dialog)
        reason = app.editables(within=dialog)[-1]   # the text inside the entry row
        app.set_text(reason, REASON)
        app.click(app.find("push button", app.label("_Refer"), within=dialog))
        app.wait_gone("frame", app.tr("Make a Referral"))
        return case_code

    def preview(self, app):
        preview = app.find(PANEL_ROLES, re.compile("^" + re.escape(app.tr("Letter to %s") % HELLO_WORK)))
        # the first page is drawn (its picture is named "Page 1 of 1")
        app.find("image", app.tr("Page %u of %u").replace("%u", "1", 1).replace("%u", "1", 1), within=preview)
        return preview

    def zoom(self, app, preview):
        before = app.name(app.find(None, re.compile("^" + re.escape(app.tr("Zoom level %s") % "")), within=preview))
        app.click(app.find("push button", app.tr("Zoom in"), within=preview))
        app.wait_for(lambda: app.name(app.find(None, re.compile("^" + re.escape(app.tr("Zoom level %s") % "")),
                                               within=preview)) != before,
                     message="zoom in did not change the zoom level")

    def save(self, app, preview, folder):
        target = os.path.join(folder, "letter.pdf")
        app.click(app.find("push button", app.tr("Save as PDF"), within=preview))
        # GTK 4.8's file chooser dialog shows as a filler named after its title
        chooser = app.find(lambda r: r in ("frame", "dialog", "filler"), app.tr("Save as PDF"))
        name = app.find("text", None, within=chooser)
        app.set_text(name, target)
        app.focus(name)
        app.press("Return")
        app.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 1000,
                     message="the letter was not saved to %s" % target)
        with open(target, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        return target

    def check(self, lang):
        folder = tempfile.mkdtemp(prefix="tsg-e2e-letter-")
        try:
            with App(lang=lang, generate=300) as app:
                directory, detail = self.find_service(app)
                app.screenshot("directory-" + lang)
                case_code = self.refer(app, detail)
                # the letter's editor is a window of its own: the preview is in the dock
                editor = app.window(app.tr("Referral Letter"))
                app.find(None, app.tr("Department or person"), within=editor)
                to = [n for n in app.editables(within=editor) if app.name(n) != app.tr("Letter body")][0]
                app.set_text(to, "職業相談部門")
                time.sleep(1.0)   # saved after a pause in typing, then the preview refreshes
                app.press("Escape")
                app.wait_gone("frame", app.tr("Referral Letter"))
                preview = self.preview(app)
                self.zoom(app, preview)
                app.screenshot("letter-preview-" + lang)
                saved = self.save(app, preview, folder)
                if shutil.which("pdftotext"):
                    text = subprocess.run(["pdftotext", saved, "-"], capture_output=True, text=True).stdout
                    self.assertIn(HELLO_WORK, text)
                    self.assertIn("職業相談部門", text)
                    self.assertIn(case_code, text)
                self.assertEqual(app.quit(), 0)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def test_japanese(self):
        self.check("ja")

    def test_english(self):
        self.check("en")


if __name__ == "__main__":
    tsg_e2e.main()

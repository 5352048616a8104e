"""A coordinator opens the KPI report of a fiscal year, switches it to
publication mode and exports the PDF from the preview.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later
"""

import datetime
import os
import re
import sqlite3
import subprocess
import tempfile
import time
import zoneinfo

import tsg_e2e
from tsg_e2e import App

COORDINATOR = ("ito", "tsunagari")
FRONT_DESK = ("sasaki", "tsunagari")


def fiscal_year_now():
    now = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Tokyo"))
    return now.year - (1 if now.month < 4 else 0)


def reiwa(year):
    return "令和元年度" if year == 2019 else "令和%d年度" % (year - 2018)


def data_contacts(database, year):
    """The year's consultations, counted here without the application."""
    tz = zoneinfo.ZoneInfo("Asia/Tokyo")
    start = int(datetime.datetime(year, 4, 1, tzinfo=tz).timestamp())
    end = int(datetime.datetime(year + 1, 4, 1, tzinfo=tz).timestamp())
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM contacts WHERE started_at >= ? AND started_at < ?"
                          " AND call_type = 'data' AND deleted_at IS NULL", (start, end)).fetchone()[0]


def shown(n):
    return "<10" if 1 <= n <= 9 else "{:,}".format(n)


class ReportsTest(tsg_e2e.TestCase):
    def open_reports(self, app):
        app.press("alt+5")
        return app.find(lambda role: role not in ("page tab", "label", "menu item", "push button"),
                        app.tr("Reports"))

    def test_publication_pdf(self):
        folder = tempfile.mkdtemp(prefix="tsg-e2e-reports-")
        target = os.path.join(folder, "kpi-report.pdf")
        year = fiscal_year_now() - 1
        with App(lang="ja", generate=2000, sign_in=COORDINATOR) as app:
            panel = self.open_reports(app)
            # The chooser names years the Japanese way; the newest (this
            # year) comes first, so one step down is last year.
            label = re.escape(app.tr("_Fiscal year").split("(")[0])
            chooser = app.find("combo box", re.compile("^" + label), within=panel)
            app.click(chooser)
            app.find("label", reiwa(year), tables=True)
            app.press("Down", "Return")
            app.wait_for(lambda: app.find_all("label", reiwa(year), within=chooser, tables=True),
                         message="the chooser does not show %s" % reiwa(year))

            total = data_contacts(app.database, year)
            self.assertGreater(total, 9)
            contacts = app.tr("Contacts")
            app.find(None, "%s: %s" % (contacts, shown(total)), within=panel, tables=True)

            # For publication: the note appears and small counts become "<10".
            switch = app.find("check box", re.compile(re.escape(app.tr("For _publication").split("(")[0])),
                              within=panel)
            app.click(switch)
            app.find("label", app.tr("For publication: counts from 1 to 9 are shown as <10; x marks a figure"
                                     " withheld so that they cannot be worked out from a total."), within=panel)
            app.wait_for(lambda: app.find_all("label", "<10", within=panel),
                         message="no count is shown as <10 in publication mode")

            # The PDF opens in the preview, and is saved from there.
            app.click(app.find("push button", app.tr("P_DF").replace("_", ""), within=panel))
            title = app.tr("KPI report %s") % reiwa(year)
            preview = app.find(lambda role: role not in ("page tab", "label", "push button"), title, timeout=30)
            pages = re.escape(app.tr("Page %u of %u")).replace(re.escape("%u"), r"\d+")
            app.find(None, re.compile(pages), within=preview, timeout=30)
            app.click(app.find("push button", app.tr("Save as PDF"), within=preview))
            dialog = app.find(lambda role: role in ("filler", "dialog", "frame"), app.tr("Save as PDF"))
            name = app.find(lambda role: role in ("text", "entry"), None, within=dialog)
            app.set_text(name, target)
            app.press("Return")
            app.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 1000,
                         message="the PDF was not saved to %s" % target)
            time.sleep(0.5)
            # The export is in the audit log.
            with sqlite3.connect(app.database) as db:
                rows = db.execute("SELECT detail FROM audit_log"
                                  " WHERE action = 'export' AND record_kind = 'report'").fetchall()
            self.assertIn(("kpi %d pdf publication" % year,), rows)

        with open(target, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        text = subprocess.run(["pdftotext", target, "-"], capture_output=True, text=True).stdout
        self.assertIn(reiwa(year), text)
        self.assertIn("事業実績報告", text)
        self.assertIn("公表用", text)
        self.assertIn("<10", text)
        self.assertIn(shown(total), text)
        fonts = subprocess.run(["pdffonts", target], capture_output=True, text=True).stdout
        embedded = [line for line in fonts.splitlines()[2:] if line.strip()]
        self.assertTrue(embedded)
        for line in embedded:
            self.assertIn(" yes ", line, "a font is not embedded: " + line)

    def test_front_desk_is_told_why(self):
        with App(lang="ja", generate=50, sign_in=FRONT_DESK) as app:
            panel = self.open_reports(app)
            app.find(None, app.tr("Reports Are for Coordinators"), within=panel)
            button = app.find("push button", app.tr("P_DF").replace("_", ""), within=panel)
            self.assertNotIn("sensitive", app.states(button))
            # The cases panel, too, says why it is empty for her role.
            app.press("alt+2")
            cases = app.find(lambda role: role not in ("page tab", "label", "menu item", "push button",
                                                       "toggle button"), app.tr("Cases"))
            app.find(None, app.tr("Cases Are for Counsellors"), within=cases)
            self.assertFalse(app.exists(None, app.tr("Nothing Found"), within=cases))
            app.screenshot("cases-for-counsellors")


if __name__ == "__main__":
    tsg_e2e.main()

"""test_inventory: a coordinator moves hygiene products through the window.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

She records a receipt at the office, a transfer to the bookshop and a
distribution there; the stock matrix follows each movement, a quantity of
-3 gets a sentence under the field, and taking the bookshop below its par
level raises a desktop notification that a real notification daemon
(notification-daemon, on this test's own session bus) receives: the test
watches org.freedesktop.Notifications.Notify with dbus-monitor. A second
movement that stays below par raises none (once until restocked).
"""

import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tsg_e2e  # noqa: E402
from tsg_e2e import App, E2EError  # noqa: E402

DAEMON = "/usr/lib/notification-daemon/notification-daemon"
BOOKSHOP = "武蔵小杉駅前書店"
OFFICE = "つながりサポート事務所"
PADS = "昼用ナプキン"


class Notifications:
    """notification-daemon on this session bus, and a log of Notify calls."""

    def __init__(self, log_dir):
        self.log_path = os.path.join(log_dir, "notify-%d.log" % os.getpid())
        self.log = open(self.log_path, "w+", encoding="utf-8", errors="replace")
        self.monitor = subprocess.Popen(
            ["dbus-monitor", "--session",
             "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
            stdout=self.log, stderr=subprocess.DEVNULL)
        self.daemon = subprocess.Popen([DAEMON], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_for_server()

    def _wait_for_server(self):
        from gi.repository import Gio, GLib
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                reply = bus.call_sync("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                      "org.freedesktop.Notifications", "GetServerInformation", None,
                                      GLib.VariantType("(ssss)"), Gio.DBusCallFlags.NO_AUTO_START, 1000, None)
                self.server = reply.unpack()[0]
                return
            except GLib.Error:
                time.sleep(0.2)
        raise E2EError("notification-daemon did not take org.freedesktop.Notifications")

    def text(self):
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def count(self, needle):
        return self.text().count(needle)

    def close(self):
        for proc in (self.daemon, self.monitor):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.log.close()


class InventoryTest(tsg_e2e.TestCase):
    def setUp(self):
        super().setUp()
        if not os.path.exists(DAEMON) or shutil.which("dbus-monitor") is None:
            self.skipTest("notification-daemon or dbus-monitor is not installed")
        log_dir = os.environ.get("TSG_E2E_LOGDIR") or "/tmp"
        os.makedirs(log_dir, exist_ok=True)
        self.notifications = Notifications(log_dir)
        self.addCleanup(self.notifications.close)

    # --- helpers ---------------------------------------------------------

    def cell(self, app, panel, point, item):
        """The matrix cell of @point and @item: (node, balance, par, below)."""
        pattern = re.compile(r"^%s, %s: (\d+) in stock(?:, par (\d+)|, no par level)(, below par)?$"
                             % (re.escape(point), re.escape(item)))
        node = app.find("push button", pattern, within=panel)
        m = pattern.search(app.name(node))
        return node, int(m.group(1)), int(m.group(2) or -1), bool(m.group(3))

    def wait_balance(self, app, panel, point, item, expected):
        def ok():
            try:
                return self.cell(app, panel, point, item)[1] == expected
            except E2EError:
                return False
        app.wait_for(ok, message="the matrix never showed %d for %s at %s" % (expected, item, point))

    def record(self, app, button, title, quantity, client=None):
        """Opens a movement dialog, types the quantity and records it."""
        app.click(app.find("push button", app.label(button)))
        dialog = app.window(app.tr(title))
        app.set_text(app.find("text", app.label("_Quantity"), within=dialog), str(quantity))
        if client is not None:
            app.set_text(app.find("text", app.label("C_lient code"), within=dialog), client)
        app.click(app.find("push button", app.label("_Record"), within=dialog))
        return dialog

    def show_stock(self, app, panel):
        app.click(app.find("page tab", app.tr("Stock"), within=panel))

    # --- the test ----------------------------------------------------------

    def test_receipt_transfer_distribution_and_alert(self):
        with App(lang="en", generate=300, sign_in=("ito", tsg_e2e.DEMO_PASSWORD)) as app:
            app.press("alt+4")
            panel = app.find("filler", app.tr("Inventory"))
            _, office0, _, _ = self.cell(app, panel, OFFICE, PADS)
            _, book0, par, below = self.cell(app, panel, BOOKSHOP, PADS)
            self.assertEqual(par, 20)
            self.assertFalse(below)

            # A receipt of 50 at the office (the dialog's defaults: day pads, the office).
            self.record(app, "_Receipt…", "Record a Receipt", 50)
            app.wait_gone("dialog", app.tr("Record a Receipt"))
            self.wait_balance(app, panel, OFFICE, PADS, office0 + 50)

            # From the bookshop's cell: its history, where the dialogs start on it.
            node, _, _, _ = self.cell(app, panel, BOOKSHOP, PADS)
            app.click(node)
            app.find("label", re.compile(r"^\d+ movements? shown$"), within=panel)

            # A transfer of 5 from the office to the bookshop.
            self.record(app, "_Transfer…", "Record a Transfer", 5)
            app.wait_gone("dialog", app.tr("Record a Transfer"))
            self.show_stock(app, panel)
            self.wait_balance(app, panel, BOOKSHOP, PADS, book0 + 5)
            self.wait_balance(app, panel, OFFICE, PADS, office0 + 45)
            self.assertEqual(self.notifications.count("Below par"), 0)

            # Bad input: a negative quantity gets a sentence at the field, nothing moves.
            node, _, _, _ = self.cell(app, panel, BOOKSHOP, PADS)
            app.click(node)
            dialog = self.record(app, "_Distribution…", "Record a Distribution", -3)
            app.find("label", re.compile(r"^Quantity: -3 is not allowed"), within=dialog)
            # An unknown client code: named under the client field.
            app.set_text(app.find("text", app.label("_Quantity"), within=dialog), "1")
            app.set_text(app.find("text", app.label("C_lient code"), within=dialog), "C-NOBODY")
            app.click(app.find("push button", app.label("_Record"), within=dialog))
            app.find("label", re.compile(r"no client has the code “C-NOBODY”"), within=dialog)
            app.press("Escape")
            app.wait_gone("dialog", app.tr("Record a Distribution"))

            # A pickup tally that takes the bookshop to 15, below its par of 20.
            take = book0 + 5 - 15
            self.record(app, "_Distribution…", "Record a Distribution", take)
            app.wait_gone("dialog", app.tr("Record a Distribution"))
            self.show_stock(app, panel)
            self.wait_balance(app, panel, BOOKSHOP, PADS, 15)
            _, _, _, below = self.cell(app, panel, BOOKSHOP, PADS)
            self.assertTrue(below, "the bookshop's cell is not marked below par")
            app.wait_for(lambda: self.notifications.count("Below par: %s at %s" % (PADS, BOOKSHOP)) == 1,
                         timeout=10, message="no Notify reached the notification daemon:\n"
                         + self.notifications.text()[-2000:])
            self.assertIn("15 left; the par level is 20", self.notifications.text())

            # Still below par: no second notification until it is restocked.
            node, _, _, _ = self.cell(app, panel, BOOKSHOP, PADS)
            app.click(node)
            self.record(app, "_Distribution…", "Record a Distribution", 2)
            app.wait_gone("dialog", app.tr("Record a Distribution"))
            self.show_stock(app, panel)
            self.wait_balance(app, panel, BOOKSHOP, PADS, 13)
            time.sleep(1)
            self.assertEqual(self.notifications.count("Below par: %s at %s" % (PADS, BOOKSHOP)), 1)
            app.screenshot("below-par")

            # The ledger the window wrote is sound, its balances its sums.
            out = tsg_e2e.run_cli("--check", database=app.database)
            self.assertEqual(out.returncode, 0, out.stderr)

    def test_new_point_and_its_par_levels(self):
        """A coordinator adds a shop with a par level, finds it in the matrix
        below par, opens it from its name and lowers the par; a point
        without a code is refused at the form."""
        point = "中原図書館分室"
        with App(lang="en", generate=100, sign_in=("ito", tsg_e2e.DEMO_PASSWORD)) as app:
            app.press("alt+4")
            panel = app.find("filler", app.tr("Inventory"))
            self.cell(app, panel, OFFICE, PADS)

            # Without a code: one sentence, the form stays, nothing saved.
            app.click(app.find("push button", app.label("New Poi_nt…"), within=panel))
            dialog = app.window(app.tr("New Distribution Point"))
            app.set_text(app.find("text", app.tr("Name", "a place or a product"), within=dialog), point)
            app.click(app.find("push button", app.label("_Save"), within=dialog))
            app.find("label", re.compile("needs a code"), within=dialog)

            app.set_text(app.find("text", app.tr("Code"), within=dialog), "P-NAKAHARA-BRANCH")
            app.set_text(app.find("spin button", "Par: " + PADS, within=dialog), "30")
            app.screenshot("new-point")
            app.click(app.find("push button", app.label("_Save"), within=dialog))
            app.wait_gone("frame", app.tr("New Distribution Point"))
            _, balance, par, below = self.cell(app, panel, point, PADS)
            self.assertEqual((balance, par, below), (0, 30, True))

            # Its name in the matrix opens it; the par level goes down to 10.
            app.click(app.find("push button", point, within=panel))
            dialog = app.window(app.tr("Distribution Point"))
            par_field = app.find("spin button", "Par: " + PADS, within=dialog)
            self.assertEqual(app.value(par_field), 30)
            app.set_text(par_field, "10")
            app.click(app.find("push button", app.label("_Save"), within=dialog))
            app.wait_gone("frame", app.tr("Distribution Point"))
            app.wait_for(lambda: self.cell(app, panel, point, PADS)[2] == 10,
                         message="the par level did not change to 10")
            out = tsg_e2e.run_cli("--check", database=app.database)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual(app.quit(), 0)


if __name__ == "__main__":
    tsg_e2e.main()

"""--import and --export on the command line: exit 0 with a one-line summary,
or exactly one line on stderr naming the file, the line or array index, the
field and the value, a non-zero exit, and nothing imported.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Run with /usr/bin/python3; TSG_BINARY names the built binary.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

BINARY = os.environ.get("TSG_BINARY", "")
ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
ENV.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "", "TZ": "Asia/Tokyo"})

HEADER = "started_at,channel,call_type,duration_minutes,first_contact,age_band,topics,summary,client_ref\n"
GOOD = "2023-04-03T10:15:00+09:00,free_dial,data,12,true,30s,livelihood;work,家賃が払えない,A\n"
CHANNELS = "free_dial, phone, line, email, sns, visit, outreach"


def run(*args, env=None):
    cmd = [BINARY] + [str(a) for a in args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env or ENV, timeout=300)


def counts(db):
    """Row counts of every table (the search indexes through their own
    tables): a refused import changes none of them."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                            " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        return {n: con.execute('SELECT count (*) FROM "%s"' % n).fetchone()[0] for n in names}
    finally:
        con.close()


class ImportExportTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.path.exists(BINARY), "TSG_BINARY=%r is not the built binary" % BINARY)
        self.dir = tempfile.mkdtemp(prefix="tsg-import-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.db = self.path("office.db")
        # A database with something in it already.
        self.write("seed.csv", HEADER + GOOD)
        result = run("--database", self.db, "--import", self.path("seed.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(data)
        return self.path(name)

    def assert_refused(self, name, data, message):
        before = counts(self.db)
        result = run("--database", self.db, "--import", self.write(name, data))
        self.assertNotEqual(result.returncode, 0, "exit 0 for bad input; stdout: %r" % result.stdout)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, "expected exactly one line on stderr, got: %r" % result.stderr)
        self.assertEqual(lines[0], "tsunagari-desk: " + message)
        self.assertEqual(result.stdout, "")
        self.assertEqual(counts(self.db), before, "a refused import changed the database")

    def test_csv_import_summary(self):
        result = run("--database", self.db, "--import",
                     self.write("more.csv", "\ufeff" + HEADER + GOOD.replace("\n", "\r\n") * 3))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "Imported 3 records from more.csv.\n")
        self.assertEqual(result.stderr, "")
        self.assertEqual(counts(self.db)["contacts"], 4)

    def test_json_import_summary(self):
        data = {"contacts": [{"started_at": "2023-04-03T10:15:00+09:00", "channel": "free_dial",
                              "duration_minutes": 12, "first_contact": True, "age_band": "30s",
                              "topics": ["livelihood", "work"], "outcome": "referred", "summary": "…"}]}
        result = run("--database", self.db, "--import", self.write("records.json", json.dumps(data)))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "Imported 1 record from records.json.\n")

    def test_bad_channel(self):
        self.assert_refused("contacts.csv", HEADER + GOOD + GOOD.replace("free_dial", "fax"),
                            'contacts.csv:3: channel "fax" is not one of ' + CHANNELS)

    def test_bad_channel_json(self):
        rows = [{"started_at": "2023-04-03T10:15:00+09:00", "channel": "phone"}] * 3
        rows.append({"started_at": "2023-04-03T10:15:00+09:00", "channel": "fax"})
        self.assert_refused("contacts.json", json.dumps({"contacts": rows}),
                            'contacts.json: contacts[3].channel: "fax" is not one of ' + CHANNELS)

    def test_empty_file(self):
        self.assert_refused("empty.csv", "", "empty.csv is empty; nothing was imported.")
        self.assert_refused("empty.json", "", "empty.json is empty; nothing was imported.")

    def test_wrong_encoding(self):
        data = (HEADER + GOOD + GOOD.replace("家賃が払えない", "夫からの暴言")).encode("cp932")
        self.assert_refused("sjis.csv", data,
                            "sjis.csv:2: the file is not UTF-8 text (it looks like Shift_JIS); "
                            "save it again as UTF-8 (in a spreadsheet: CSV UTF-8)")

    def test_date_without_time_zone(self):
        self.assert_refused("nozone.csv", HEADER + GOOD + GOOD.replace("+09:00", ""),
                            'nozone.csv:3: started_at "2023-04-03T10:15:00" has no time zone '
                            "(write it like 2023-04-03T10:15:00+09:00)")
        self.assert_refused("nozone.json",
                            json.dumps({"contacts": [{"started_at": "2023-04-03T10:15:00", "channel": "phone"}]}),
                            'nozone.json: contacts[0].started_at: "2023-04-03T10:15:00" has no time zone '
                            "(write it like 2023-04-03T10:15:00+09:00)")

    def test_negative_duration(self):
        self.assert_refused("negative.csv", HEADER + GOOD + GOOD.replace(",12,", ",-5,"),
                            "negative.csv:3: duration_minutes -5 is negative")
        self.assert_refused("negative.json",
                            json.dumps({"contacts": [{"started_at": "2023-04-03T10:15:00+09:00", "channel": "phone",
                                                      "duration_minutes": -5}]}),
                            "negative.json: contacts[0].duration_minutes: -5 is negative")

    def test_missing_file(self):
        result = run("--database", self.db, "--import", self.path("nowhere.csv"))
        self.assertNotEqual(result.returncode, 0)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1)
        self.assertIn("nowhere.csv cannot be read", lines[0])

    def test_export_round_trip(self):
        out1, out2 = self.path("out1.json"), self.path("out2.json")
        result = run("--database", self.db, "--export", out1)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "Exported 2 records to %s.\n" % out1)
        with open(out1, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(data["clients"], [{"code": "A", "age_band": "30s"}])
        contact = data["contacts"][0]
        self.assertEqual(contact["started_at"], "2023-04-03T10:15:00+09:00")
        self.assertEqual(contact["topics"], ["livelihood", "work"])
        self.assertEqual(contact["client_ref"], "A")
        self.assertEqual(contact["staff"], "system")
        self.assertEqual(os.stat(out1).st_mode & 0o777, 0o600)

        fresh = self.path("fresh.db")
        result = run("--database", fresh, "--import", out1)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "Imported 2 records from out1.json.\n")
        result = run("--database", fresh, "--export", out2)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out1, "rb") as a, open(out2, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_export_needs_json_name(self):
        result = run("--database", self.db, "--export", self.path("out.csv"))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.splitlines()), 1)
        self.assertFalse(os.path.exists(self.path("out.csv")))

    def test_export_into_missing_folder(self):
        result = run("--database", self.db, "--export", self.path("no/such/folder/out.json"))
        self.assertEqual(result.returncode, 1)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1)
        self.assertIn("out.json cannot be written", lines[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)

"""--backup FILE and --restore FILE on the command line, end to end: backup,
change, restore, and the content equals the backup; --check is sound after.
A wrong passphrase, a damaged or foreign file, a missing passphrase or a
missing folder each give one line on stderr, a non-zero exit, and change
nothing.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Run with /usr/bin/python3; TSG_BINARY names the built binary.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

BINARY = os.environ.get("TSG_BINARY", "")
PASSPHRASE = "backup passphrase 1"
ENV = {k: v for k, v in os.environ.items()
       if k not in ("DISPLAY", "WAYLAND_DISPLAY", "TSG_BACKUP_PASSPHRASE")}
ENV.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "", "TZ": "Asia/Tokyo"})


def run(*args, passphrase=PASSPHRASE):
    env = dict(ENV)
    if passphrase is not None:
        env["TSG_BACKUP_PASSPHRASE"] = passphrase
    return subprocess.run([BINARY] + [str(a) for a in args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)


def content(path):
    """Every row of every table but the audit log (a restore adds to it) and
    the derived search indexes."""
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    h = hashlib.sha256()
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%fts%'"
        " AND name NOT LIKE '%bigram%' AND coalesce (sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'"
        " AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name")]
    for t in tables:
        for row in db.execute('SELECT * FROM "%s"' % t):
            h.update(repr((t, row)).encode())
    db.close()
    return h.hexdigest()


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class BackupCliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="tsg-backup-cli-")
        self.db = os.path.join(self.dir, "office.db")
        self.backup = os.path.join(self.dir, "office.tsgbackup")
        r = run("--database", self.db, "--generate", "300")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("--database", self.db, "--backup", self.backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(self.backup, r.stdout)
        self.saved = content(self.db)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def change(self):
        db = sqlite3.connect(self.db)
        db.execute("UPDATE contacts SET summary = 'changed after the backup' WHERE id % 5 = 0")
        db.execute("INSERT INTO office_settings (key, value) VALUES ('added', 'after the backup')")
        db.commit()
        db.close()
        self.assertNotEqual(content(self.db), self.saved)

    def assert_one_line_refusal(self, r, *words):
        self.assertNotEqual(r.returncode, 0)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        for w in words:
            self.assertIn(w, lines[0])

    def test_backup_change_restore(self):
        self.change()
        r = run("--database", self.db, "--restore", self.backup, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sound", r.stdout)
        self.assertEqual(content(self.db), self.saved)
        r = run("--database", self.db, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_restore_onto_another_desk(self):
        other = os.path.join(self.dir, "elsewhere", "office.db")
        r = run("--database", other, "--restore", self.backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(content(other), self.saved)
        self.assertEqual(os.stat(other).st_mode & 0o777, 0o600)

    def test_backup_into_folder(self):
        r = run("--database", self.db, "--backup", self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        made = [n for n in os.listdir(self.dir) if n.startswith("tsunagari-") and n.endswith(".tsgbackup")]
        self.assertEqual(len(made), 1)

    def test_refusals_change_nothing(self):
        self.change()
        before = file_bytes(self.db)
        damaged = os.path.join(self.dir, "damaged.tsgbackup")
        data = bytearray(file_bytes(self.backup))
        data[len(data) // 2] ^= 0x01
        with open(damaged, "wb") as f:
            f.write(data)
        foreign = os.path.join(self.dir, "notes.csv")
        with open(foreign, "w") as f:
            f.write("started_at,channel\n")
        cases = [
            (run("--database", self.db, "--restore", self.backup, passphrase="wrong passphrase"),
             ("passphrase", self.backup)),
            (run("--database", self.db, "--restore", damaged), ("damaged", damaged)),
            (run("--database", self.db, "--restore", foreign), ("not a Tsunagari Desk backup", foreign)),
            (run("--database", self.db, "--restore", os.path.join(self.dir, "missing.tsgbackup")),
             ("does not exist",)),
            (run("--database", self.db, "--restore", self.backup, passphrase=None),
             ("TSG_BACKUP_PASSPHRASE",)),
        ]
        for r, words in cases:
            with self.subTest(words=words):
                self.assert_one_line_refusal(r, *words)
                self.assertEqual(file_bytes(self.db), before)
        r = run("--database", self.db, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_backup_refusals(self):
        missing = os.path.join(self.dir, "no such folder", "x.tsgbackup")
        r = run("--database", self.db, "--backup", missing)
        self.assert_one_line_refusal(r, "no such folder")
        self.assertFalse(os.path.exists(missing))
        r = run("--database", self.db, "--backup", os.path.join(self.dir, "y.tsgbackup"), passphrase="short")
        self.assert_one_line_refusal(r, "8")
        r = run("--database", self.db, "--backup", os.path.join(self.dir, "z.tsgbackup"), passphrase=None)
        self.assert_one_line_refusal(r, "TSG_BACKUP_PASSPHRASE")


if __name__ == "__main__":
    unittest.main()

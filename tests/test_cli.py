"""The headless command line: --generate and --check work; bad input gets
exactly one line on stderr naming the file and what is wrong, a non-zero
exit, and the file untouched.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Run with /usr/bin/python3; TSG_BINARY names the built binary.
"""

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import unittest

BINARY = os.environ.get("TSG_BINARY", "")
# No display is needed: make sure none is used.
ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
ENV.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "", "TZ": "Asia/Tokyo"})


def run(*args, env=None, user=None):
    cmd = [BINARY] + [str(a) for a in args]
    if user is not None:
        cmd = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, env=env or ENV, timeout=300)


def digest(path):
    """Content and mode of a file and of the files beside it (-wal, -shm)."""
    out = {}
    folder = os.path.dirname(path)
    for name in sorted(os.listdir(folder)):
        p = os.path.join(folder, name)
        st = os.stat(p)
        with open(p, "rb") as f:
            out[name] = (hashlib.sha256(f.read()).hexdigest(), stat.S_IMODE(st.st_mode), st.st_mtime_ns)
    return out


class CommandLineTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.path.exists(BINARY), "TSG_BINARY=%r is not the built binary" % BINARY)
        self.dir = tempfile.mkdtemp(prefix="tsg-cli-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assert_one_line_failure(self, result, *needles):
        self.assertNotEqual(result.returncode, 0, "exit 0 for bad input; stdout: %r" % result.stdout)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, "expected exactly one line on stderr, got: %r" % result.stderr)
        for needle in needles:
            self.assertIn(needle, lines[0])
        return lines[0]

    # --- the good path ---------------------------------------------------

    def test_generate_then_check(self):
        db = self.path("sub/demo.db")
        r = run("--database", db, "--generate", 500, "--seed", 3)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertIn("500", r.stdout)
        # 0600 in a 0700 folder
        self.assertEqual(stat.S_IMODE(os.stat(db).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(db)).st_mode), 0o700)
        r = run("--database", db, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        with sqlite3.connect(db) as conn:
            n, = conn.execute("SELECT count(*) FROM contacts").fetchone()
            demo, = conn.execute("SELECT value FROM office_settings WHERE key = 'demo'").fetchone()
        self.assertEqual(n, 500)
        self.assertEqual(demo, "1")

    def test_check_finds_a_problem(self):
        db = self.path("demo.db")
        self.assertEqual(run("--database", db, "--generate", 50).returncode, 0)
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE contacts SET channel = 'fax' WHERE id = 1")
        r = run("--database", db, "--check")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("fax", r.stderr)

    def test_same_seed_same_database(self):
        a, b = self.path("a.db"), self.path("b.db")
        for p in (a, b):
            self.assertEqual(run("--database", p, "--generate", 200, "--seed", 9).returncode, 0)
        rows = []
        for p in (a, b):
            with sqlite3.connect(p) as conn:
                rows.append(conn.execute("SELECT started_at, channel, summary FROM contacts ORDER BY id").fetchall())
        self.assertEqual(rows[0], rows[1])

    # --- bad input: one line, non-zero, nothing changed ---------------------

    def test_not_sqlite(self):
        db = self.path("notes.db")
        with open(db, "w", encoding="utf-8") as f:
            f.write("これはデータベースではありません。\nJust notes.\n")
        before = digest(db)
        for args in (["--check"], ["--generate", 10]):
            r = run("--database", db, *args)
            self.assert_one_line_failure(r, db, "not a Tsunagari Desk database")
            self.assertEqual(digest(db), before)

    def test_newer_than_the_app(self):
        db = self.path("new.db")
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE t (x)")
            conn.execute("PRAGMA user_version = 999")
        before = digest(db)
        for args in (["--check"], ["--generate", 10]):
            r = run("--database", db, *args)
            self.assert_one_line_failure(r, db, "newer version", "999")
            self.assertEqual(digest(db), before)

    def test_read_only(self):
        db = self.path("ro.db")
        self.assertEqual(run("--database", db, "--generate", 20).returncode, 0)
        os.chmod(db, 0o400)
        before = digest(db)
        if os.geteuid() == 0:
            # root writes to read-only files: run the binary as nobody, which
            # may read the file (0444) but not write it.
            if not shutil.which("setpriv"):
                self.skipTest("running as root without setpriv")
            os.chmod(db, 0o444)
            os.chmod(self.dir, 0o755)
            before = digest(db)
            for d in _parents(BINARY):
                if not os.access(d, os.X_OK) or stat.S_IMODE(os.stat(d).st_mode) & 0o001 == 0:
                    self.skipTest("%s is not reachable for nobody" % d)
            r = run("--database", db, "--generate", 10, user=65534)
        else:
            r = run("--database", db, "--generate", 10)
        self.assert_one_line_failure(r, db, "read-only")
        self.assertEqual(digest(db), before)

    def test_folder_cannot_be_created(self):
        blocker = self.path("file")
        with open(blocker, "w") as f:
            f.write("x")
        db = os.path.join(blocker, "sub", "office.db")
        r = run("--database", db, "--generate", 10)
        self.assert_one_line_failure(r, os.path.join(blocker, "sub"), "cannot be created")
        with open(blocker) as f:
            self.assertEqual(f.read(), "x")
        self.assertEqual(os.listdir(self.dir), ["file"])

    def test_unknown_option(self):
        db = self.path("x.db")
        r = run("--database", db, "--generate", 10, "--frobnicate")
        self.assert_one_line_failure(r, "--frobnicate")
        self.assertFalse(os.path.exists(db), "a database was created for a bad command line")

    def test_negative_generate(self):
        db = self.path("demo.db")
        self.assertEqual(run("--database", db, "--generate", 30).returncode, 0)
        before = digest(db)
        r = run("--database", db, "--generate", -5)
        self.assert_one_line_failure(r, "--generate")
        self.assertEqual(digest(db), before)
        # and on a database that does not exist yet: nothing is created
        fresh = self.path("fresh.db")
        r = run("--database", fresh, "--generate", -5)
        self.assert_one_line_failure(r, "--generate")
        self.assertFalse(os.path.exists(fresh))

    def test_not_a_number(self):
        db = self.path("x.db")
        r = run("--database", db, "--generate", "many")
        self.assert_one_line_failure(r, "many")
        self.assertFalse(os.path.exists(db))


def _parents(path):
    path = os.path.dirname(os.path.abspath(path))
    out = []
    while True:
        out.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            return out
        path = parent


if __name__ == "__main__":
    unittest.main(verbosity=2)

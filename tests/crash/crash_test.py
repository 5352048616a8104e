"""Crash and concurrency tests of the store (suite 'crash').

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

1. SIGKILL during write bursts, TSG_CRASH_TRIALS times (default 1000): a
   writer process saves contacts in a loop and prints each one's number
   once committed; it is killed at a random moment. The next writer first
   verifies the database (tsg_store_check, what --check runs) and that
   every contact acknowledged by the writer before it is there whole; every
   100 trials and at the end all acknowledged contacts since the first are
   verified, and the real `tsunagari-desk --check` runs.
2. Two processes writing one database file at once lose nothing.

Environment: TSG_CRASH_WRITER (tests/crash/tsg-crash-writer), TSG_BINARY.
"""

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

WRITER = os.environ.get("TSG_CRASH_WRITER", "")
BINARY = os.environ.get("TSG_BINARY", "")
TRIALS = int(os.environ.get("TSG_CRASH_TRIALS", "1000"))
ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
ENV.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})


def check_cli(db):
    r = subprocess.run([BINARY, "--database", db, "--check"], capture_output=True, text=True, env=ENV,
                       timeout=120)
    return r.returncode, r.stdout + r.stderr


class CrashTest(unittest.TestCase):
    def setUp(self):
        # A SIGKILL leaves the page cache intact, so memory-backed files test
        # the same thing as a disk, without waiting for fsync.
        shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
        self.dir = tempfile.mkdtemp(prefix="tsg-crash-", dir=shm)
        self.db = os.path.join(self.dir, "office.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_sigkill_during_write_bursts(self):
        rng = random.Random(int(os.environ.get("TSG_CRASH_SEED", "20250401")))
        acknowledged = 0
        started = time.monotonic()
        # Rounds of 100 trials, each on a new database, so that the check
        # after every trial stays quick.
        for round_start in range(0, TRIALS, 100):
            db = os.path.join(self.dir, "office-%d.db" % round_start)
            acks_path = os.path.join(self.dir, "acks-%d.txt" % round_start)
            open(acks_path, "w").close()
            acknowledged += self.run_round(db, acks_path, round_start, min(100, TRIALS - round_start), rng)
            r = subprocess.run([WRITER, "verify", db, acks_path], capture_output=True, text=True, env=ENV)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            rc, out = check_cli(db)
            self.assertEqual(rc, 0, "after trial %d: --check: %s" % (round_start + 99, out))
        elapsed = time.monotonic() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        # The wall time depends on what else the machine runs; the CPU time of
        # the writers and checks does not.
        print("crash trials: %d SIGKILLs, %d acknowledged writes, 0 lost, %.1f s (%.1f s CPU in the children)"
              % (TRIALS, acknowledged, elapsed, usage.ru_utime + usage.ru_stime))
        sys.stdout.flush()

    def run_round(self, db, acks_path, first_trial, trials, rng):
        next_n = 0
        acknowledged = 0
        since = 0   # where the acknowledgements of the previous trial begin
        with open(acks_path, "a") as acks:
            for trial in range(first_trial, first_trial + trials):
                proc = subprocess.Popen([WRITER, "write", db, acks_path, str(next_n), str(since)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
                # The writer verifies first, then acknowledges its first write:
                # from then on it is writing in a loop.
                first = proc.stdout.readline()
                if not first.startswith(b"verified"):
                    proc.kill()
                    err = proc.stderr.read().decode()
                    self.fail("trial %d: verification failed: %s%s" % (trial, first.decode(), err))
                line = proc.stdout.readline()
                if not line:
                    proc.wait()
                    self.fail("trial %d: the writer stopped: %s" % (trial, proc.stderr.read().decode()))
                # Kill it somewhere in the next few commits.
                time.sleep(rng.uniform(0, 0.004))
                proc.send_signal(signal.SIGKILL)
                rest = proc.stdout.read()
                proc.wait()
                proc.stdout.close()
                proc.stderr.close()
                self.assertEqual(proc.returncode, -signal.SIGKILL)
                since = acks.tell()
                for l in [line] + rest.splitlines(keepends=True):
                    if l.endswith(b"\n"):
                        acks.write(l.decode())
                        acknowledged += 1
                        next_n = int(l.split()[0]) + 1
                acks.flush()
        return acknowledged

    def test_two_writers_at_once(self):
        count = 300
        procs = [subprocess.Popen([WRITER, "burst", self.db, tag, str(count)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=ENV)
                 for tag in ("desk-a", "desk-b")]
        for p in procs:
            out, err = p.communicate(timeout=300)
            self.assertEqual(p.returncode, 0, err.decode())
        import sqlite3
        db = sqlite3.connect(self.db)
        for tag in ("desk-a", "desk-b"):
            n = db.execute("SELECT count(DISTINCT summary) FROM contacts WHERE summary LIKE ?",
                           (tag + " %",)).fetchone()[0]
            self.assertEqual(n, count, tag)
        self.assertEqual(db.execute("SELECT count(*) FROM contact_topics").fetchone()[0], 2 * count * 2)
        db.close()
        rc, out = check_cli(self.db)
        self.assertEqual(rc, 0, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)

"""Benchmark of `--generate 1000000`: wall time, CPU, peak memory, database size.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Writes the ten-year database of 1,000,000 contacts to TSG_BENCH_DB (the
start-up benchmark uses it next), after `--check` says it is sound.
Environment: TSG_BINARY, TSG_BENCH_DB, TSG_BENCH_CONTACTS (default 1000000).
"""

import json
import os
import resource
import subprocess
import sys
import time

BINARY = os.environ["TSG_BINARY"]
TARGET = os.environ.get("TSG_BENCH_DB", "/tmp/bench-1m.db")
N = int(os.environ.get("TSG_BENCH_CONTACTS", "1000000"))
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", LANGUAGE="", TZ="Asia/Tokyo")


def main():
    partial = TARGET + ".partial"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(partial + suffix):
            os.unlink(partial + suffix)
    started = time.monotonic()
    r = subprocess.run([BINARY, "--database", partial, "--generate", str(N), "--seed", "1"],
                       capture_output=True, text=True, env=ENV)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        print("--generate failed: " + r.stderr, file=sys.stderr)
        return 1
    size = os.path.getsize(partial) + sum(os.path.getsize(partial + s) for s in ("-wal",)
                                          if os.path.exists(partial + s))
    started = time.monotonic()
    check = subprocess.run([BINARY, "--database", partial, "--check"], capture_output=True, text=True, env=ENV)
    check_wall = time.monotonic() - started
    if check.returncode != 0:
        print("--check failed on the generated database:\n" + check.stderr, file=sys.stderr)
        return 1
    for suffix in ("-wal", "-shm", ""):
        if os.path.exists(TARGET + suffix):
            os.unlink(TARGET + suffix)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(partial + suffix):
            os.rename(partial + suffix, TARGET + suffix)
    result = {
        "contacts": N,
        "generate_wall_s": round(wall, 1),
        "generate_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "generate_peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "database_bytes": size,
        "check_wall_s": round(check_wall, 1),
        "load_average_1min": os.getloadavg()[0],
    }
    print(json.dumps(result, indent=2))
    out = os.environ.get("TSG_BENCH_OUT_GENERATE")
    if out:
        with open(out, "w") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

/* tsg-bench.h: opt-in timing marks for tests/bench (TSG_BENCH=1)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With TSG_BENCH=1 in the environment, prints to stdout, once each:
 *   first-frame <GType of the window> <ms since process start> <monotonic µs>
 * when a window of @application has painted its first frame, and
 *   panels-loaded TsgWindow <ms since process start> <monotonic µs>
 * when the four panels of a main window have their first rows. Does nothing
 * otherwise. */
void tsg_bench_watch (GtkApplication *application);
/* Prints "<what> <GType of object> <ms since process start> <monotonic µs>"
 * with TSG_BENCH=1 (e.g. "window-init TsgWindow": construction begins). */
void tsg_bench_mark  (const char     *what,
                      GObject        *object);

G_END_DECLS

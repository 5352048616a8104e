/* tsg-time-input.h: times typed by staff, read in the local zone
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses what staff type for a time, in the local zone: "2025-04-01 10:15",
 * "2025/4/1 10:15", "4/1 10:15" (this year), "10:15" (today), "+30m", "+2h",
 * "+1d" (from @now); full-width digits too. Returns Unix seconds, or 0 when
 * it is not a time. */
gint64  tsg_parse_local_time    (const char *text,
                                 gint64      now);
/* "2025-04-01 10:15" in the local zone: what tsg_parse_local_time() reads. */
char   *tsg_format_local_input  (gint64      unix_seconds);

G_END_DECLS

/* tsg-format.h: dates and fiscal years as the office reads them
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Under Japanese: 2025年4月1日 10:15 / 2025年4月1日; in the local zone. */
char   *tsg_format_datetime     (gint64      unix_seconds);
char   *tsg_format_date         (gint64      unix_seconds);
char   *tsg_format_iso_date     (const char *yyyy_mm_dd);
/* FY2023 in English, 令和5年度 under Japanese (fiscal year 2018 + N). */
char   *tsg_format_fiscal_year  (int         fiscal_year);
int     tsg_fiscal_year_of      (gint64      unix_seconds);
/* [April 1st 00:00 local, next April 1st) of @fiscal_year, in Unix seconds. */
void    tsg_fiscal_year_bounds  (int         fiscal_year,
                                 gint64     *start,
                                 gint64     *end);

G_END_DECLS

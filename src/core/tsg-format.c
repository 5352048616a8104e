/* tsg-format.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-format"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "tsg-format.h"

char *
tsg_format_datetime (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  if (dt == NULL)
    return g_strdup ("");
  /* translators: date and time in lists, strftime format; Japanese: %Y年%-m月%-d日 %H:%M */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

char *
tsg_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  if (dt == NULL)
    return g_strdup ("");
  /* translators: a date, strftime format; Japanese: %Y年%-m月%-d日 */
  return g_date_time_format (dt, _("%b %-d, %Y"));
}

char *
tsg_format_iso_date (const char *yyyy_mm_dd)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (yyyy_mm_dd == NULL || sscanf (yyyy_mm_dd, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (yyyy_mm_dd ? yyyy_mm_dd : "");
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (dt == NULL)
    return g_strdup (yyyy_mm_dd);
  return g_date_time_format (dt, _("%b %-d, %Y"));
}

char *
tsg_format_fiscal_year (int fiscal_year)
{
  /* translators: how fiscal years are named: "western" gives FY2023,
   * "reiwa" gives 令和5年度. Japanese: reiwa */
  const char *style = C_("fiscal year style", "western");

  if (g_str_equal (style, "reiwa") && fiscal_year >= 2019)
    {
      if (fiscal_year == 2019)
        return g_strdup ("令和元年度");
      return g_strdup_printf ("令和%d年度", fiscal_year - 2018);
    }
  return g_strdup_printf ("FY%d", fiscal_year);
}

int
tsg_fiscal_year_of (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return g_date_time_get_year (dt) - (g_date_time_get_month (dt) < 4 ? 1 : 0);
}

void
tsg_fiscal_year_bounds (int     fiscal_year,
                        gint64 *start,
                        gint64 *end)
{
  g_autoptr(GDateTime) a = g_date_time_new_local (fiscal_year, 4, 1, 0, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_local (fiscal_year + 1, 4, 1, 0, 0, 0);

  *start = g_date_time_to_unix (a);
  *end = g_date_time_to_unix (b);
}

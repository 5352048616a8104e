/* tsg-time-input.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff type times as they say them on the phone: "15:30", "+2h", a date
 * with slashes, full-width digits from a Japanese input method. All of them
 * mean local time (the office's zone); the store keeps Unix seconds.
 */
#define G_LOG_DOMAIN "tsg-time-input"

#include "config.h"

#include <stdio.h>

#include "tsg-time-input.h"

gint64
tsg_parse_local_time (const char *text,
                      gint64      now)
{
  g_autofree char *norm = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) today = NULL;
  int y, mo, d, h = 0, mi = 0, n;
  char unit, tail;

  if (text == NULL)
    return 0;
  norm = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (norm == NULL)
    return 0;
  g_strstrip (norm);
  for (char *p = norm; *p; p++)
    if (*p == '/' || *p == '.')
      *p = '-';
    else if (*p == 'T')
      *p = ' ';

  if (sscanf (norm, "+%d%c%c", &n, &unit, &tail) == 2 && n >= 0)
    {
      switch (g_ascii_tolower (unit))
        {
        case 'm': return now + (gint64) n * 60;
        case 'h': return now + (gint64) n * 3600;
        case 'd': return now + (gint64) n * 86400;
        default: return 0;
        }
    }
  if (sscanf (norm, "+%d%c", &n, &tail) == 1 && n >= 0)
    return now + (gint64) n * 60;

  today = g_date_time_new_from_unix_local (now);
  if (sscanf (norm, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &tail) == 5 ||
      sscanf (norm, "%d-%d-%d%c", &y, &mo, &d, &tail) == 3)
    ;
  else if (sscanf (norm, "%d-%d %d:%d%c", &mo, &d, &h, &mi, &tail) == 4)
    y = g_date_time_get_year (today);
  else if (sscanf (norm, "%d:%d%c", &h, &mi, &tail) == 2)
    {
      y = g_date_time_get_year (today);
      mo = g_date_time_get_month (today);
      d = g_date_time_get_day_of_month (today);
    }
  else
    return 0;

  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return 0;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (dt == NULL || g_date_time_get_day_of_month (dt) != d)
    return 0;
  return g_date_time_to_unix (dt);
}

char *
tsg_format_local_input (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* bench-util.h: what every benchmark under tests/bench measures with
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_GNUC_UNUSED static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

G_GNUC_UNUSED static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @p quantile (0..1) of @times (doubles; sorted in place). */
G_GNUC_UNUSED static double
percentile (GArray *times,
            double  p)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, MIN (times->len - 1, (guint) (p * times->len)));
}

/* The benchmarks write: they work on a copy of the database. */
G_GNUC_UNUSED static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: cannot copy %s: %s\n", g_get_prgname () ? g_get_prgname () : "bench", from,
                  error->message);
      return FALSE;
    }
  return TRUE;
}

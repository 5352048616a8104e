/* test-format.c: dates and fiscal years in English and in Japanese
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office's zone is Asia/Tokyo: TZ is set before anything reads it. The
 * Japanese cases run in a subprocess with LANGUAGE/LC_ALL=ja_JP.UTF-8 and
 * the translations of the build tree ($TSG_LOCALEDIR).
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "tsg-format.h"

/* 2025-04-01 00:00 and 10:15 in Japan */
#define APRIL_1_2025 G_GINT64_CONSTANT (1743433200)
#define APRIL_1_2025_1015 G_GINT64_CONSTANT (1743470100)
#define APRIL_1_2026 G_GINT64_CONSTANT (1774969200)
#define APRIL_1_2019 G_GINT64_CONSTANT (1554044400)

static void
use_english (void)
{
  g_setenv ("LANGUAGE", "", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static gboolean
use_japanese (void)
{
  const char *localedir = g_getenv ("TSG_LOCALEDIR");

  g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("LC_ALL", "ja_JP.UTF-8", TRUE);
  if (setlocale (LC_ALL, "ja_JP.UTF-8") == NULL)
    return FALSE;
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

static void
test_fiscal_year_bounds (void)
{
  gint64 start, end;

  /* Local midnight of April 1st, not UTC's */
  tsg_fiscal_year_bounds (2025, &start, &end);
  g_assert_cmpint (start, ==, APRIL_1_2025);
  g_assert_cmpint (end, ==, APRIL_1_2026);

  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2025), ==, 2025);
  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2025 - 1), ==, 2024);
  /* A call at 00:30 on 1 April in Japan is an April call (15:30 UTC on
   * 31 March). */
  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2025 + 30 * 60), ==, 2025);
  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2026 - 1), ==, 2025);
  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2026), ==, 2026);
  /* January to March belong to the year before */
  g_assert_cmpint (tsg_fiscal_year_of (APRIL_1_2026 - 60 * 86400), ==, 2025);

  tsg_fiscal_year_bounds (2019, &start, &end);
  g_assert_cmpint (start, ==, APRIL_1_2019);
  /* Twelve months, 365 or 366 days */
  for (int fy = 2015; fy < 2035; fy++)
    {
      tsg_fiscal_year_bounds (fy, &start, &end);
      g_assert_cmpint ((end - start) / 86400, >=, 365);
      g_assert_cmpint ((end - start) / 86400, <=, 366);
      g_assert_cmpint ((end - start) % 86400, ==, 0);
      g_assert_cmpint (tsg_fiscal_year_of (start), ==, fy);
      g_assert_cmpint (tsg_fiscal_year_of (end - 1), ==, fy);
    }
}

static void
test_english (void)
{
  g_autofree char *date = NULL, *datetime = NULL, *iso = NULL, *fy = NULL, *fy19 = NULL, *bad = NULL;

  use_english ();
  date = tsg_format_date (APRIL_1_2025);
  datetime = tsg_format_datetime (APRIL_1_2025_1015);
  iso = tsg_format_iso_date ("2025-04-01");
  fy = tsg_format_fiscal_year (2025);
  fy19 = tsg_format_fiscal_year (2019);
  bad = tsg_format_iso_date ("not a date");

  g_assert_cmpstr (date, ==, "Apr 1, 2025");
  g_assert_cmpstr (datetime, ==, "2025-04-01 10:15");
  g_assert_cmpstr (iso, ==, "Apr 1, 2025");
  g_assert_cmpstr (fy, ==, "FY2025");
  g_assert_cmpstr (fy19, ==, "FY2019");
  g_assert_cmpstr (bad, ==, "not a date");
}

static void
test_japanese_subprocess (void)
{
  g_autofree char *date = NULL, *datetime = NULL, *iso = NULL;
  g_autofree char *fy = NULL, *fy19 = NULL, *fy23 = NULL, *fy18 = NULL, *bad = NULL, *null_iso = NULL;

  g_assert_true (use_japanese ());
  date = tsg_format_date (APRIL_1_2025);
  datetime = tsg_format_datetime (APRIL_1_2025_1015);
  iso = tsg_format_iso_date ("2025-04-01");
  fy = tsg_format_fiscal_year (2025);
  fy19 = tsg_format_fiscal_year (2019);
  fy23 = tsg_format_fiscal_year (2023);
  fy18 = tsg_format_fiscal_year (2018);
  bad = tsg_format_iso_date ("2025年");
  null_iso = tsg_format_iso_date (NULL);

  g_assert_cmpstr (date, ==, "2025年4月1日");
  g_assert_cmpstr (datetime, ==, "2025年4月1日 10:15");
  g_assert_cmpstr (iso, ==, "2025年4月1日");
  g_assert_cmpstr (fy, ==, "令和7年度");
  g_assert_cmpstr (fy19, ==, "令和元年度");
  /* GLOSSARY: 令和5年度 = April 2023 - March 2024 */
  g_assert_cmpstr (fy23, ==, "令和5年度");
  /* Before Reiwa there is no Reiwa year: the western form stays. */
  g_assert_cmpstr (fy18, ==, "FY2018");
  g_assert_cmpstr (bad, ==, "2025年");
  g_assert_cmpstr (null_iso, ==, "");
}

static void
test_japanese (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "ja_JP.UTF-8") == NULL)
    {
      g_test_skip ("the ja_JP.UTF-8 locale is missing (build-aux/dev generates it)");
      return;
    }
  setlocale (LC_ALL, previous);
  g_test_trap_subprocess ("/format/japanese/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  /* Before anything reads the zone: GLib caches the local time zone. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/fiscal-year-bounds", test_fiscal_year_bounds);
  g_test_add_func ("/format/english", test_english);
  g_test_add_func ("/format/japanese", test_japanese);
  g_test_add_func ("/format/japanese/subprocess", test_japanese_subprocess);
  return g_test_run ();
}

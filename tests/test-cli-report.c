/* test-cli-report.c: --report kpi on the command line, and its bad input
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tsg-cli-report.h"

typedef struct
{
  char     *dir;
  TsgStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = tsg_store_open (":memory:", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_clear_object (&f->store);
  g_free (f->dir);
}

static gboolean
run (Fixture    *f,
     int         fiscal_year,
     const char *format,
     const char *output,
     GError    **error)
{
  TsgReportRequest request = { "kpi", fiscal_year, format, output, FALSE };

  return tsg_cli_report (f->store, tsg_store_get_system_actor (f->store), &request, error);
}

static guint
n_files (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A year with no data is a report of zeros, not an error. */
static void
test_empty_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "r.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_true (run (f, 2030, "json", path, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "fiscal_year"), ==, 2030);
  g_assert_cmpint (json_object_get_int_member (o, "total_contacts"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "monthly")), ==, 12);
}

static void
test_csv_and_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "r.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "r.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (run (f, 2023, "csv", csv, &error));
  g_assert_true (g_file_get_contents (csv, &text, &len, NULL));
  g_assert_true (len > 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0);
  g_clear_pointer (&text, g_free);
  /* no --format: the extension says it */
  g_assert_true (run (f, 2023, NULL, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
  g_assert_true (len > 5 && memcmp (text, "%PDF-", 5) == 0);
}

/* Bad input: one sentence naming what is wrong, and no file. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "r.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "r.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (run (f, 1999, "json", path, &error));
  g_assert_nonnull (strstr (error->message, "1999"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  g_assert_false (run (f, 2101, "json", path, &error));
  g_clear_error (&error);
  g_assert_false (run (f, G_MININT, "json", path, &error));
  g_assert_nonnull (strstr (error->message, "--fiscal-year"));
  g_clear_error (&error);
  g_assert_false (run (f, 2023, "xml", path, &error));
  g_assert_nonnull (strstr (error->message, "xml"));
  g_clear_error (&error);
  g_assert_false (run (f, 2023, "json", missing, &error));
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (run (f, 2023, "json", f->dir, &error));
  g_assert_nonnull (strstr (error->message, f->dir));
  g_clear_error (&error);
  g_assert_false (run (f, 2023, "pdf", "-", &error));
  g_clear_error (&error);
  g_assert_cmpuint (n_files (f), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli-report/empty-year", Fixture, NULL, fixture_set_up, test_empty_year, fixture_tear_down);
  g_test_add ("/cli-report/csv-and-pdf", Fixture, NULL, fixture_set_up, test_csv_and_pdf, fixture_tear_down);
  g_test_add ("/cli-report/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  return g_test_run ();
}

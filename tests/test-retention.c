/* test-retention.c: closed cases anonymised after the retention period
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-store-retention.h"

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The figures a report counts, as one string. */
static char *
figures (const char *path)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          count_rows (path, "SELECT count(*) FROM contacts WHERE call_type = 'data'"),
                          count_rows (path, "SELECT count(DISTINCT client_id) FROM contacts"),
                          count_rows (path, "SELECT count(*) FROM cases"),
                          count_rows (path, "SELECT count(*) FROM timeline_events WHERE kind = 'accompaniment'"),
                          count_rows (path, "SELECT count(*) FROM timeline_events WHERE kind = 'outreach'"),
                          count_rows (path, "SELECT count(*) FROM referrals"),
                          count_rows (path, "SELECT count(*) FROM contact_topics"));
}

static void
test_preview_then_anonymise (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-retention-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(TsgActor) counsellor = tsg_actor_new (3, TSG_ROLE_COUNSELLOR, "c");
  g_autoptr(TsgRetentionPreview) preview = NULL;
  g_autoptr(TsgRetentionPreview) done = NULL;
  g_autoptr(TsgRetentionPreview) again = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TsgActor *admin = tsg_store_get_system_actor (store);
  gint64 named_before, audit_before;

  g_assert_true (tsg_store_generate (store, 3000, 4, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  before = figures (path);
  named_before = count_rows (path, "SELECT count(*) FROM clients WHERE name IS NOT NULL");

  g_assert_null (tsg_store_retention_preview (store, counsellor, 5, 0, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  preview = tsg_store_retention_preview (store, admin, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_cases, >, 0);
  g_assert_cmpuint (preview->n_clients, >, 0);
  g_assert_cmpuint (preview->lines->len, ==, preview->n_cases);
  g_test_message ("preview: %u cases, %u clients, %u contacts, %u events; first: %s",
                  preview->n_cases, preview->n_clients, preview->n_contacts, preview->n_events,
                  (char *) g_ptr_array_index (preview->lines, 0));
  /* A preview changes nothing. */
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients WHERE name IS NOT NULL"), ==, named_before);
  audit_before = count_rows (path, "SELECT count(*) FROM audit_log");

  done = tsg_store_retention_apply (store, admin, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->n_cases, ==, preview->n_cases);
  g_assert_cmpuint (done->n_clients, ==, preview->n_clients);

  /* Counts for the reports are the same; the text is gone. */
  after = figures (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients WHERE anonymised_at IS NOT NULL"), ==, preview->n_clients);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients WHERE anonymised_at IS NOT NULL"
                                     " AND (name IS NOT NULL OR kana IS NOT NULL OR address IS NOT NULL"
                                     " OR household_notes IS NOT NULL OR safe_contact IS NOT NULL)"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM contacts k JOIN clients c ON c.id = k.client_id"
                                     " WHERE c.anonymised_at IS NOT NULL AND k.summary <> ''"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM timeline_events e JOIN cases c ON c.id = e.case_id"
                                     " WHERE c.anonymised_at IS NOT NULL AND (e.body <> '' OR e.title <> '')"), ==, 0);
  /* Clients with a case still open keep their names. */
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients c WHERE c.anonymised_at IS NOT NULL"
                                     " AND EXISTS (SELECT 1 FROM cases k WHERE k.client_id = c.id AND k.status <> 'closed')"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients WHERE name IS NOT NULL"), <, named_before);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM clients WHERE name IS NOT NULL"), >, 0);

  /* One audit entry per case and one for the run. */
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM audit_log"), ==, audit_before + done->n_cases + 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM audit_log WHERE action = 'anonymise' AND record_kind = 'retention'"), ==, 1);

  /* The search no longer finds what was removed, and --check is sound. */
  g_assert_true (tsg_store_check (store, problems, &error));
  g_assert_no_error (error);

  again = tsg_store_retention_preview (store, admin, 5, 0, &error);
  g_assert_cmpuint (again->n_cases, ==, 0);
  g_assert_cmpuint (again->n_clients, ==, 0);

  g_assert_null (tsg_store_retention_apply (store, admin, 0, 0, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/retention/preview-then-anonymise", test_preview_then_anonymise);
  return g_test_run ();
}

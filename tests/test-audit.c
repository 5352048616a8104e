/* test-audit.c: the audit log viewer's queries and the hash chain
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "tsg-store-accounts.h"
#include "tsg-store-audit.h"

static void
test_filters_and_paging (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) admin = tsg_store_create_first_administrator (store, "kato", "加藤 美穂", "admin password", NULL);
  g_autoptr(TsgActor) counsellor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_auto(GStrv) actions = NULL;
  TsgAuditQuery query = { 0 };
  gint64 total = 0, total_all = 0;

  g_assert_cmpint (tsg_store_add_staff (store, admin, "yamada", "山田 恵子", TSG_ROLE_COUNSELLOR, "counsellor 1", &error), >, 0);
  for (int i = 0; i < 25; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%d", i);
      g_assert_true (tsg_store_set_setting (store, admin, key, "v", &error));
    }
  g_assert_null (tsg_store_sign_in (store, "yamada", "wrong", NULL));
  counsellor = tsg_store_sign_in (store, "yamada", "counsellor 1", &error);
  g_assert_no_error (error);

  /* Only those who may read the log. */
  g_assert_null (tsg_store_list_audit (store, counsellor, NULL, 0, 10, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  rows = tsg_store_list_audit (store, admin, NULL, 0, 1000, &total_all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, total_all);
  /* Newest first, and the newest is this very look at the log. */
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_AUDIT_COL_ACTION), ==, "view");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_AUDIT_COL_RECORD_KIND), ==, "audit_log");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_AUDIT_COL_STAFF), ==, "加藤 美穂");

  query.action = (char *) "update";
  query.record_kind = (char *) "setting";
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tsg_store_list_audit (store, admin, &query, 0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 25);
  g_assert_cmpuint (rows->len, ==, 10);
  page = tsg_store_list_audit (store, admin, &query, 20, 10, NULL, &error);
  g_assert_cmpuint (page->len, ==, 5);
  g_assert_cmpint (tsg_row_get_id (g_ptr_array_index (page, 0)), <, tsg_row_get_id (g_ptr_array_index (rows, 9)));

  /* Failed sign-ins have no staff member of their own. */
  memset (&query, 0, sizeof query);
  query.staff_id = -1;
  query.action = (char *) "sign_in_failed";
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tsg_store_list_audit (store, admin, &query, 0, 10, &total, &error);
  g_assert_cmpint (total, ==, 1);
  query.staff_id = tsg_actor_get_staff_id (counsellor);
  query.action = NULL;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tsg_store_list_audit (store, admin, &query, 0, 10, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_AUDIT_COL_ACTION), ==, "sign_in");

  /* A date range: nothing in the future. */
  memset (&query, 0, sizeof query);
  query.from = g_get_real_time () / G_USEC_PER_SEC + 3600;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tsg_store_list_audit (store, admin, &query, 0, 10, &total, &error);
  g_assert_cmpint (total, ==, 0);

  actions = tsg_store_list_audit_values (store, admin, "action", &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) actions, "sign_in"));
  g_assert_true (g_strv_contains ((const char *const *) actions, "update"));
}

static void
test_chain_detects_tampering (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-audit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  TsgStore *store = tsg_store_open (path, NULL);
  TsgActor *admin = tsg_store_get_system_actor (store);
  gint64 n = 0;
  sqlite3 *db;

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%d", i);
      g_assert_true (tsg_store_set_setting (store, admin, key, "v", NULL));
    }
  g_assert_true (tsg_store_verify_audit_chain (store, admin, problems, &n, &error));
  g_assert_cmpint (n, ==, 10);
  g_object_unref (store);

  /* Someone removes the guard and deletes one line in the middle. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = tsg_store_open (path, NULL);
  g_assert_false (tsg_store_verify_audit_chain (store, tsg_store_get_system_actor (store), problems, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "6"));
  g_object_unref (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit/filters-and-paging", test_filters_and_paging);
  g_test_add_func ("/audit/chain-detects-tampering", test_chain_detects_tampering);
  return g_test_run ();
}

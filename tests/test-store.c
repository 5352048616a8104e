/* test-store.c: opening, safety of files, transactions, audit, roles
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-store.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tsg-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_open_creates_private_file (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "office.db", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  GStatBuf st;

  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (tsg_store_get_schema_version (store), ==, tsg_store_get_latest_schema_version ());
  g_assert_false (tsg_store_is_demo (store));
}

static void
test_pragmas (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_nonnull (store);
  /* A second connection sees WAL mode, which is persistent in the file. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_untouched (const char *path,
                  const char *contents,
                  gsize       length)
{
  g_autofree char *after = NULL;
  gsize after_len = 0;

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, contents, length);
}

static void
test_not_sqlite_is_refused (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  const char text[] = "これはデータベースではありません。\nJust some notes.\n";
  g_autoptr(GError) error = NULL;
  TsgStore *store;

  g_assert_true (g_file_set_contents (path, text, sizeof text - 1, NULL));
  store = tsg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  assert_untouched (path, text, sizeof text - 1);
}

static void
test_too_new_is_refused (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *before = NULL, *wal = NULL;
  gsize before_len = 0;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  TsgStore *store;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 999;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = tsg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_TOO_NEW);
  assert_untouched (path, before, before_len);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_read_only_is_refused (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(GError) error = NULL;
  TsgStore *store;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write to read-only files");
      return;
    }
  store = tsg_store_open (path, NULL);
  g_object_unref (store);
  g_chmod (path, 0400);
  store = tsg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_READ_ONLY);
}

static void
test_uncreatable_folder (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "sub", "office.db", NULL);
  g_autoptr(GError) error = NULL;

  /* A plain file where a folder should be: the folder cannot be created. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_null (tsg_store_open (path, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE);
}

static void
test_settings_are_audited (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(TsgActor) front = tsg_actor_new (1, TSG_ROLE_FRONT_DESK, "front");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *value = NULL;

  g_assert_true (tsg_store_set_setting (store, tsg_store_get_system_actor (store), "office_name", "つながり", &error));
  g_assert_no_error (error);
  value = tsg_store_get_setting (store, "office_name");
  g_assert_cmpstr (value, ==, "つながり");

  /* Roles are enforced in core, not only by hiding widgets. */
  g_assert_false (tsg_store_set_setting (store, front, "office_name", "x", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);

  g_assert_true (tsg_store_check (store, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_audit_is_append_only_and_chained (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.db", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  TsgStore *store = tsg_store_open (path, NULL);
  sqlite3 *db;

  g_assert_true (tsg_store_set_setting (store, tsg_store_get_system_actor (store), "a", "1", NULL));
  g_assert_true (tsg_store_set_setting (store, tsg_store_get_system_actor (store), "b", "2", NULL));
  g_object_unref (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET detail = 'x'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  /* Someone with the file and sqlite3 removes the trigger and edits a row:
   * the hash chain tells. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "UPDATE audit_log SET detail = 'tampered' WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tsg_store_open (path, NULL);
  g_assert_false (tsg_store_check (store, problems, NULL));
  g_assert_cmpuint (problems->len, >=, 1);
  g_object_unref (store);
}

static void
test_lists_and_search (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgListQuery) query = tsg_list_query_new ();
  g_autoptr(GArray) all = NULL, found = NULL, short_found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TsgActor) coordinator = tsg_actor_new (1, TSG_ROLE_COORDINATOR, "c");
  TsgActor *admin = tsg_store_get_system_actor (store);

  g_assert_true (tsg_store_generate (store, 300, 7, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tsg_store_is_demo (store));

  all = tsg_store_list_ids (store, admin, TSG_LIST_CONTACTS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 300);
  /* Newest first by default */
  rows = tsg_store_fetch_rows (store, admin, TSG_LIST_CONTACTS, (gint64 *) all->data, 2, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (tsg_row_get_int (g_ptr_array_index (rows, 0), TSG_CONTACT_COL_STARTED_AT), >=,
                   tsg_row_get_int (g_ptr_array_index (rows, 1), TSG_CONTACT_COL_STARTED_AT));

  /* Katakana in the summaries, searched in half-width and in hiragana */
  query->search = g_strdup ("ﾊﾛｰﾜｰｸ");
  found = tsg_store_list_ids (store, admin, TSG_LIST_CONTACTS, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 0);
  g_assert_cmpuint (found->len, <, all->len);
  g_free (query->search);
  query->search = g_strdup ("家賃");   /* two characters: below the trigram size */
  short_found = tsg_store_list_ids (store, admin, TSG_LIST_CONTACTS, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (short_found->len, >, 0);

  g_assert_null (tsg_store_list_ids (store, coordinator, TSG_LIST_CONTACTS, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/open-creates-private-file", test_open_creates_private_file);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/not-sqlite-refused", test_not_sqlite_is_refused);
  g_test_add_func ("/store/too-new-refused", test_too_new_is_refused);
  g_test_add_func ("/store/read-only-refused", test_read_only_is_refused);
  g_test_add_func ("/store/uncreatable-folder", test_uncreatable_folder);
  g_test_add_func ("/store/settings-audited", test_settings_are_audited);
  g_test_add_func ("/store/audit-append-only-chained", test_audit_is_append_only_and_chained);
  g_test_add_func ("/store/lists-and-search", test_lists_and_search);
  return g_test_run ();
}

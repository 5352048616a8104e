/* test-accounts.c: first administrator, signing in, lockout, staff admin
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-store-accounts.h"

static char *
temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-accounts-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "office.db", NULL);
}

static gint64
count_audit (const char *path,
             const char *action)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log WHERE action = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_first_administrator (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) admin = NULL;
  g_autoptr(TsgActor) again = NULL;
  g_autoptr(TsgActor) signed_in = NULL;

  g_assert_true (tsg_store_needs_administrator (store));

  /* Bad input is refused with a sentence and nothing is written. */
  g_assert_null (tsg_store_create_first_administrator (store, "Kato", "加藤", "short", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tsg_store_create_first_administrator (store, "ka to", "加藤", "long enough", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ka to"));
  g_clear_error (&error);
  g_assert_null (tsg_store_create_first_administrator (store, "kato", "  ", "long enough", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tsg_store_needs_administrator (store));

  admin = tsg_store_create_first_administrator (store, " Kato ", "加藤 美穂", "correct horse", &error);
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  g_assert_cmpint (tsg_actor_get_role (admin), ==, TSG_ROLE_ADMINISTRATOR);
  g_assert_cmpstr (tsg_actor_get_name (admin), ==, "加藤 美穂");
  g_assert_false (tsg_store_needs_administrator (store));

  /* Only once. */
  again = tsg_store_create_first_administrator (store, "other", "Other", "correct horse", &error);
  g_assert_null (again);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  signed_in = tsg_store_sign_in (store, "KATO", "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_actor_get_staff_id (signed_in), ==, tsg_actor_get_staff_id (admin));
  g_assert_cmpint (count_audit (path, "create_first_administrator"), ==, 1);
  g_assert_cmpint (count_audit (path, "sign_in"), ==, 1);

  /* The password is stored as an argon2id string, never as typed. */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_prepare_v2 (db, "SELECT password_hash FROM staff WHERE login = 'kato'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "$argon2id$"));
    g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "horse"));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_system_account_cannot_sign_in (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (tsg_store_sign_in (store, "system", "", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_null (tsg_store_sign_in (store, "nobody", "whatever1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD);
}

static void
test_lockout (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(TsgStore) other_desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) admin = tsg_store_create_first_administrator (store, "kato", "加藤", "admin password", NULL);
  g_autoptr(TsgActor) actor = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 sasaki;

  sasaki = tsg_store_add_staff (store, admin, "sasaki", "佐々木 由美", TSG_ROLE_FRONT_DESK, "front desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sasaki, >, 1);

  for (int i = 1; i < TSG_SIGN_IN_MAX_FAILURES; i++)
    {
      g_assert_null (tsg_store_sign_in (store, "sasaki", "wrong", &error));
      g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  /* The sixth failure locks, and says until when. */
  g_assert_null (tsg_store_sign_in (store, "sasaki", "wrong", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "sasaki"));
  g_clear_error (&error);
  /* Even the right password is refused while locked, on any desk: the lock
   * is in the database. */
  g_assert_null (tsg_store_sign_in (store, "sasaki", "front desk 1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_LOCKED);
  g_clear_error (&error);
  other_desk = tsg_store_open (path, NULL);
  g_assert_null (tsg_store_sign_in (other_desk, "sasaki", "front desk 1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (path, "sign_in_failed"), ==, TSG_SIGN_IN_MAX_FAILURES);
  g_assert_cmpint (count_audit (path, "lock_account"), ==, 1);

  /* The lock lasts thirty minutes. */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_prepare_v2 (db, "SELECT locked_until FROM staff WHERE login = 'sasaki'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >=, now + TSG_SIGN_IN_LOCK_SECONDS - 5);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), <=, now + TSG_SIGN_IN_LOCK_SECONDS);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Thirty minutes later (moved back in the file), she signs in. */
  run_sql (path, "UPDATE staff SET locked_until = strftime('%s','now') - 1 WHERE login = 'sasaki'");
  actor = tsg_store_sign_in (store, "sasaki", "front desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_actor_get_role (actor), ==, TSG_ROLE_FRONT_DESK);
  g_clear_pointer (&actor, tsg_actor_unref);

  /* Locked again, then an administrator's reset lifts the lock. */
  for (int i = 0; i < TSG_SIGN_IN_MAX_FAILURES; i++)
    {
      g_assert_null (tsg_store_sign_in (store, "sasaki", "wrong", &error));
      g_clear_error (&error);
    }
  g_assert_null (tsg_store_sign_in (store, "sasaki", "front desk 1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (tsg_store_reset_password (store, admin, sasaki, "new password", &error));
  g_assert_no_error (error);
  actor = tsg_store_sign_in (store, "sasaki", "new password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (actor);

  g_assert_true (tsg_store_check (store, problems, &error));
}

static void
test_staff_admin (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) admin = tsg_store_create_first_administrator (store, "kato", "加藤", "admin password", NULL);
  g_autoptr(TsgActor) yamada_actor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 yamada;

  yamada = tsg_store_add_staff (store, admin, "yamada", "山田 恵子", TSG_ROLE_COUNSELLOR, "counsellor 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_store_add_staff (store, admin, "yamada", "別の山田", TSG_ROLE_COUNSELLOR, "counsellor 2", &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "yamada"));
  g_clear_error (&error);
  g_assert_cmpint (tsg_store_add_staff (store, admin, "ito", "伊藤", TSG_ROLE_COORDINATOR, "1234", &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rows = tsg_store_list_staff (store, admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  /* A counsellor may not manage staff. */
  yamada_actor = tsg_store_sign_in (store, "yamada", "counsellor 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_store_add_staff (store, yamada_actor, "x", "X", TSG_ROLE_ADMINISTRATOR, "password 1", &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Deactivated: refused with its own sentence once the password is right. */
  g_assert_true (tsg_store_set_staff_active (store, admin, yamada, FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (tsg_store_sign_in (store, "yamada", "counsellor 1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_INACTIVE);
  g_clear_error (&error);
  g_assert_true (tsg_store_set_staff_active (store, admin, yamada, TRUE, &error));

  /* The only administrator cannot be removed or demoted, nor deactivate herself. */
  g_assert_false (tsg_store_set_staff_active (store, admin, tsg_actor_get_staff_id (admin), FALSE, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tsg_store_set_staff_role (store, admin, tsg_actor_get_staff_id (admin), TSG_ROLE_COUNSELLOR, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tsg_store_set_staff_role (store, admin, yamada, TSG_ROLE_ADMINISTRATOR, &error));
  g_assert_true (tsg_store_set_staff_role (store, admin, tsg_actor_get_staff_id (admin), TSG_ROLE_COUNSELLOR, &error));
  g_assert_no_error (error);

  /* The system account is not a staff member one can change. */
  g_assert_false (tsg_store_reset_password (store, admin, 1, "a password", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Her own password. */
  g_assert_false (tsg_store_change_password (store, yamada_actor, "wrong", "new secret 1", &error));
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (tsg_store_change_password (store, yamada_actor, "counsellor 1", "new secret 1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&yamada_actor, tsg_actor_unref);
  yamada_actor = tsg_store_sign_in (store, "yamada", "new secret 1", &error);
  g_assert_no_error (error);
}

static void
test_demo_accounts (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(TsgStore) real = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) sasaki = NULL;
  g_autoptr(TsgActor) kato = NULL;

  g_assert_true (tsg_store_generate (store, 20, 3, 0, NULL, NULL, &error));
  g_assert_true (tsg_store_needs_administrator (store));
  g_assert_true (tsg_store_prepare_demo_accounts (store, &error));
  g_assert_no_error (error);
  g_assert_false (tsg_store_needs_administrator (store));
  sasaki = tsg_store_sign_in (store, "sasaki", TSG_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_actor_get_role (sasaki), ==, TSG_ROLE_FRONT_DESK);
  kato = tsg_store_sign_in (store, "kato", TSG_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsg_actor_get_role (kato), ==, TSG_ROLE_ADMINISTRATOR);

  /* Never on a real database. */
  g_assert_true (tsg_store_prepare_demo_accounts (real, &error));
  g_assert_true (tsg_store_needs_administrator (real));
}

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;
  TsgActor *actor = tsg_store_sign_in_finish (TSG_STORE (object), result, error);

  g_object_set_data_full (object, "actor", actor, actor ? (GDestroyNotify) tsg_actor_unref : NULL);
  g_object_set_data (object, "done", GINT_TO_POINTER (1));
}

static void
test_sign_in_async_and_time (void)
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(TsgActor) admin = tsg_store_create_first_administrator (store, "kato", "加藤", "admin password", NULL);
  GError *error = NULL;
  gint64 start;
  double seconds;

  start = g_get_monotonic_time ();
  tsg_store_sign_in_async (store, "kato", "admin password", NULL, on_signed_in_cb, &error);
  while (g_object_get_data (G_OBJECT (store), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_nonnull (g_object_get_data (G_OBJECT (store), "actor"));
  g_test_message ("sign-in took %.3f s", seconds);
  /* Slow on purpose, but a person at the counter must not wait. */
  g_assert_cmpfloat (seconds, <, 3.0);

  g_object_set_data (G_OBJECT (store), "done", NULL);
  tsg_store_sign_in_async (store, "kato", "wrong", NULL, on_signed_in_cb, &error);
  while (g_object_get_data (G_OBJECT (store), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_assert_null (g_object_get_data (G_OBJECT (store), "actor"));
  g_clear_error (&error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/accounts/first-administrator", test_first_administrator);
  g_test_add_func ("/accounts/system-cannot-sign-in", test_system_account_cannot_sign_in);
  g_test_add_func ("/accounts/lockout", test_lockout);
  g_test_add_func ("/accounts/staff-admin", test_staff_admin);
  g_test_add_func ("/accounts/demo-accounts", test_demo_accounts);
  g_test_add_func ("/accounts/sign-in-async-and-time", test_sign_in_async_and_time);
  return g_test_run ();
}

/* test-backup.c: encrypted backups, restore end to end, damaged files, rotation
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "tsg-backup.h"
#include "tsg-generator.h"

#define PASSPHRASE "kawasaki office 2025"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tsg-backup-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Every row of every table except the audit log (which a restore extends)
 * and the search indexes (derived), as one checksum. */
static char *
dump_database (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"
                                           " AND name <> 'audit_log' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, t));
      g_checksum_update (sum, (const guchar *) sql, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *v = sqlite3_column_text (stmt, c);
            g_checksum_update (sum, v ? v : (const guchar *) "\x01NULL", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

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

static void
assert_sound (const char *path)
{
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  if (!tsg_store_check (store, problems, &error))
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));
      g_assert_not_reached ();
    }
}

static GBytes *
read_file (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* A database with records, its backup, and the checksum of its content. */
typedef struct
{
  char         *dir;
  char         *db;
  char         *backup;
  char         *dump;
  TsgBackupKey *key;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;

  f->dir = temp_dir ();
  f->db = g_build_filename (f->dir, "office.db", NULL);
  f->backup = g_build_filename (f->dir, "office" TSG_BACKUP_SUFFIX, NULL);
  store = tsg_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (store, 400, 5, 0, NULL, NULL, &error));
  f->key = tsg_backup_key_new (PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_backup (store, tsg_store_get_system_actor (store), f->backup, f->key, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  f->dump = dump_database (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->backup);
  g_free (f->dump);
  tsg_backup_key_free (f->key);
}

static void
change_database (const char *path)
{
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (tsg_store_set_setting (store, tsg_store_get_system_actor (store), "office_name", "changed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE contacts SET summary = 'changed' WHERE id % 7 = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_backup_is_encrypted (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = read_file (f->backup);
  gsize len;
  const char *raw = g_bytes_get_data (bytes, &len);
  GStatBuf st;

  g_assert_cmpmem (raw, 8, "TSGBACK1", 8);
  /* Neither the SQLite header nor any text of the records shows. */
  g_assert_null (g_strstr_len (raw, len, "SQLite format 3"));
  g_assert_null (g_strstr_len (raw, len, "CREATE TABLE"));
  g_assert_null (g_strstr_len (raw, len, "ハローワーク"));
  g_assert_cmpint (g_stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* No temporary file is left beside the database. */
  g_assert_cmpint (count_rows (f->db, "SELECT 1"), ==, 1);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }
}

static void
test_restore_end_to_end (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 audit_before = count_rows (f->db, "SELECT count(*) FROM audit_log");
  g_autofree char *changed = NULL;

  change_database (f->db);
  changed = dump_database (f->db);
  g_assert_cmpstr (changed, !=, f->dump);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts WHERE summary = 'changed'"), >, 10);

  g_assert_true (tsg_backup_restore_file (f->db, f->backup, PASSPHRASE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *restored = dump_database (f->db);
    g_assert_cmpstr (restored, ==, f->dump);
  }
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts WHERE summary = 'changed'"), ==, 0);
  /* The log of the backup, plus one line saying it was restored. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit_before + 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'restore'"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "PRAGMA journal_mode"), ==, 0); /* text "wal" reads as 0 */
  assert_sound (f->db);
}

static void
assert_refused_and_untouched (Fixture    *f,
                              const char *backup,
                              const char *passphrase,
                              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  change_database (f->db);
  before = read_file (f->db);
  g_assert_false (tsg_backup_restore_file (f->db, backup, passphrase, &error));
  g_assert_error (error, TSG_BACKUP_ERROR, code);
  /* One sentence that names the file. */
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("%s", error->message);
  after = read_file (f->db);
  g_assert_true (g_bytes_equal (before, after));
  assert_sound (f->db);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  assert_refused_and_untouched (f, f->backup, "not the passphrase", TSG_BACKUP_ERROR_WRONG_PASSPHRASE);
}

static char *
altered_copy (Fixture    *f,
              const char *name,
              gssize      flip_at,
              gssize      cut_at,
              const char *append)
{
  g_autoptr(GBytes) bytes = read_file (f->backup);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  gsize len = g_bytes_get_size (bytes);
  g_autofree char *data = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
  g_autoptr(GString) out = NULL;

  if (flip_at >= 0)
    data[(gsize) flip_at % len] ^= 0x20;
  out = g_string_new_len (data, cut_at >= 0 ? MIN ((gsize) cut_at, len) : len);
  if (append)
    g_string_append (out, append);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  return g_steal_pointer (&path);
}

static void
test_damaged_backups (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = read_file (f->backup);
  gsize len = g_bytes_get_size (bytes);
  g_autofree char *middle = altered_copy (f, "middle.tsgbackup", len / 2, -1, NULL);
  g_autofree char *cut = altered_copy (f, "cut.tsgbackup", -1, len - 70000, NULL);
  g_autofree char *tail = altered_copy (f, "tail.tsgbackup", -1, -1, "extra");
  g_autofree char *salt = altered_copy (f, "salt.tsgbackup", 30, -1, NULL);
  g_autofree char *other = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.tsgbackup", NULL);

  g_assert_true (g_file_set_contents (other, "これはバックアップではありません", -1, NULL));
  assert_refused_and_untouched (f, middle, PASSPHRASE, TSG_BACKUP_ERROR_DAMAGED);
  assert_refused_and_untouched (f, cut, PASSPHRASE, TSG_BACKUP_ERROR_DAMAGED);
  assert_refused_and_untouched (f, tail, PASSPHRASE, TSG_BACKUP_ERROR_DAMAGED);
  /* A changed salt makes another key: it reads as a wrong passphrase. */
  assert_refused_and_untouched (f, salt, PASSPHRASE, TSG_BACKUP_ERROR_WRONG_PASSPHRASE);
  assert_refused_and_untouched (f, other, PASSPHRASE, TSG_BACKUP_ERROR_NOT_BACKUP);
  assert_refused_and_untouched (f, missing, PASSPHRASE, TSG_BACKUP_ERROR_IO);
}

static void
test_restore_into_missing_and_damaged (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "new", "office.db", NULL);
  g_autofree char *fresh_dir = g_path_get_dirname (fresh);
  g_autofree char *aside = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  g_assert_true (tsg_backup_restore_file (fresh, f->backup, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *restored = dump_database (fresh);
    g_assert_cmpstr (restored, ==, f->dump);
  }
  assert_sound (fresh);

  /* A database damaged past opening is kept aside, and the backup restored. */
  g_assert_true (g_file_set_contents (f->db, "SQLite format 3\0garbage garbage garbage", 40, NULL));
  g_assert_true (tsg_backup_restore_file (f->db, f->backup, PASSPHRASE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *restored = dump_database (f->db);
    g_assert_cmpstr (restored, ==, f->dump);
  }
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "office.db.damaged-") && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      aside = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (aside);
  g_unlink (fresh);
  g_rmdir (fresh_dir);
}

static void
test_restore_into_open_store (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (f->db, NULL);
  g_autoptr(TsgStore) other_desk = tsg_store_open (f->db, NULL);
  TsgActor *admin = tsg_store_get_system_actor (store);
  g_autoptr(TsgActor) front_desk = tsg_actor_new (5, TSG_ROLE_FRONT_DESK, "f");
  const char *count_sql = "SELECT count(*) FROM office_settings";
  gint64 before = count_rows (f->db, count_sql);

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *key = g_strdup_printf ("added-%d", i);
      g_assert_true (tsg_store_set_setting (store, admin, key, "x", &error));
    }
  g_assert_cmpint (count_rows (f->db, count_sql), ==, before + 30);

  g_assert_false (tsg_store_restore (store, front_desk, f->backup, PASSPHRASE, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tsg_store_restore (store, admin, f->backup, "wrong passphrase", &error));
  g_assert_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->db, count_sql), ==, before + 30);

  g_assert_true (tsg_store_restore (store, admin, f->backup, PASSPHRASE, &error));
  g_assert_no_error (error);
  /* Every connection to the file sees the restored content. */
  g_assert_cmpint (count_rows (f->db, count_sql), ==, before);
  {
    g_autofree char *value = tsg_store_get_setting (other_desk, "added-3");
    g_assert_null (value);
  }
  g_assert_true (tsg_store_set_setting (store, admin, "after", "restore", &error));
  g_clear_object (&store);
  g_clear_object (&other_desk);
  assert_sound (f->db);
}

static void
on_backup_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  tsg_store_backup_finish (TSG_STORE (object), result, error);
  g_object_set_data (object, "done", GINT_TO_POINTER (1));
}

static void
test_async_backup_while_writing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(TsgStore) store = tsg_store_open (f->db, NULL);
  g_autofree char *file = g_build_filename (f->dir, "async" TSG_BACKUP_SUFFIX, NULL);
  g_autofree char *restored = g_build_filename (f->dir, "restored.db", NULL);
  TsgActor *admin = tsg_store_get_system_actor (store);
  GError *error = NULL;
  guint writes = 0;

  tsg_store_backup_async (store, admin, file, f->key, NULL, on_backup_done_cb, &error);
  /* The window goes on saving while the backup runs. */
  while (g_object_get_data (G_OBJECT (store), "done") == NULL)
    {
      g_autofree char *key = g_strdup_printf ("during-%u", writes++);
      g_assert_true (tsg_store_set_setting (store, admin, key, "x", NULL));
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_no_error (error);
  g_test_message ("%u writes during the backup", writes);
  g_assert_true (tsg_backup_restore_file (restored, file, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_sound (restored);
}

static void
test_stored_key_and_roles (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TsgStore) store = tsg_store_open (f->db, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) counsellor = tsg_actor_new (3, TSG_ROLE_COUNSELLOR, "c");
  g_autoptr(TsgBackupKey) key = NULL;
  g_autofree char *file = g_build_filename (f->dir, "scheduled" TSG_BACKUP_SUFFIX, NULL);
  g_autofree char *restored = g_build_filename (f->dir, "restored.db", NULL);
  TsgActor *admin = tsg_store_get_system_actor (store);

  g_assert_false (tsg_store_has_backup_key (store));
  g_assert_null (tsg_backup_key_new ("short", &error));
  g_assert_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (tsg_store_set_backup_passphrase (store, counsellor, "a long passphrase", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tsg_store_backup (store, counsellor, file, f->key, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  g_assert_true (tsg_store_set_backup_passphrase (store, admin, "a long passphrase", &error));
  g_assert_no_error (error);
  g_assert_true (tsg_store_has_backup_key (store));
  g_assert_null (tsg_store_get_backup_key (store, counsellor, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  key = tsg_store_get_backup_key (store, admin, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_backup (store, admin, file, key, &error));
  g_assert_no_error (error);
  /* The passphrase alone opens it, as on the command line of another desk. */
  g_assert_true (tsg_backup_restore_file (restored, file, "a long passphrase", &error));
  g_assert_no_error (error);
}

static void
test_missing_folder_and_rotation (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "gone", "x" TSG_BACKUP_SUFFIX, NULL);
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(TsgBackupKey) key = tsg_backup_key_new (PASSPHRASE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;

  g_assert_false (tsg_store_backup (store, tsg_store_get_system_actor (store), missing, key, &error));
  g_assert_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "gone"));
  g_clear_error (&error);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 4, 1 + i, 10, 0, 0);
      g_autofree char *path = tsg_backup_file_name (dir, when);
      g_assert_true (tsg_store_backup (store, tsg_store_get_system_actor (store), path, key, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 4, 5, 10, 0, 0);
    g_autofree char *twin = tsg_backup_file_name (dir, when);
    g_assert_true (g_str_has_suffix (twin, "-2" TSG_BACKUP_SUFFIX));
  }
  {
    g_autofree char *other = g_build_filename (dir, "keep-me.txt", NULL);
    g_assert_true (g_file_set_contents (other, "x", 1, NULL));
  }
  g_assert_cmpint (tsg_backup_rotate (dir, 3, &error), ==, 2);
  g_assert_no_error (error);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      n++;
      g_assert_false (g_str_has_prefix (name, "tsunagari-20250401"));
      g_assert_false (g_str_has_prefix (name, "tsunagari-20250402"));
    }
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (tsg_backup_rotate (missing, 3, &error), ==, -1);
  g_assert_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/backup/encrypted", test_backup_is_encrypted);
  ADD ("/backup/restore-end-to-end", test_restore_end_to_end);
  ADD ("/backup/wrong-passphrase", test_wrong_passphrase);
  ADD ("/backup/damaged", test_damaged_backups);
  ADD ("/backup/restore-missing-and-damaged", test_restore_into_missing_and_damaged);
  ADD ("/backup/restore-open-store", test_restore_into_open_store);
  ADD ("/backup/async-while-writing", test_async_backup_while_writing);
  ADD ("/backup/stored-key-and-roles", test_stored_key_and_roles);
#undef ADD
  g_test_add_func ("/backup/missing-folder-and-rotation", test_missing_folder_and_rotation);
  return g_test_run ();
}

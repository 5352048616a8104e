/* test-migrations.c: a database of every earlier schema version opens,
 * keeps its rows and checks sound; a failing step changes nothing.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When you add schema version N+1 to src/core/tsg-migrations.c, add
 * fixtures[N+1] below: SQL inserting representative rows that are valid at
 * version N+1. The loops cover every version on their own.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "tsg-store-private.h"

/* Rows valid at each version, written straight into the tables of that
 * version (so they keep working when the store's API moves on). Stock is
 * received before it is handed out, and each contact is in the search index,
 * as tsg_store_check() expects. */
#define FIXTURE_V1 \
  "INSERT INTO staff (id, login, display_name, role, created_at)" \
  "  VALUES (2, 'yamada', '山田 恵子', 'counsellor', 1680000000);" \
  "INSERT INTO office_settings (key, value) VALUES ('office_name', 'つながりサポート事務所');" \
  "INSERT INTO clients (id, code, name, kana, age_band, municipality, address_withheld, created_at, updated_at)" \
  "  VALUES (1, 'C23-000001', '佐藤 花子', 'さとう はなこ', '30s', '神奈川県川崎市中原区', 1, 1680000000, 1680000000);" \
  "INSERT INTO clients (id, code, age_band, created_at, updated_at)" \
  "  VALUES (2, 'C23-000002', 'unknown', 1680100000, 1680100000);" \
  "INSERT INTO clients_fts (rowid, body) VALUES (1, 'c23-000001 佐藤 花子 さとう はなこ');" \
  "INSERT INTO organizations (id, uid, name, category, updated_at)" \
  "  VALUES (1, 'org-1', 'ハローワーク川崎', 'work', 1680000000);" \
  "INSERT INTO services (id, uid, organization_id, name, updated_at)" \
  "  VALUES (1, 'svc-1', 1, '職業相談・職業紹介', 1680000000);" \
  "INSERT INTO locations (id, uid, organization_id, name) VALUES (1, 'loc-1', 1, 'ハローワーク川崎');" \
  "INSERT INTO service_at_location (service_id, location_id) VALUES (1, 1);" \
  "INSERT INTO addresses (location_id, address_1, city, state_province, postal_code)" \
  "  VALUES (1, '南町17-2', '川崎市川崎区', '神奈川県', '210-0015');" \
  "INSERT INTO phones (service_id, number) VALUES (1, '044-000-0101');" \
  "INSERT INTO schedules (service_id, freq, byday, opens_at, closes_at) VALUES (1, 'WEEKLY', 'MO,TU', '08:30', '17:15');" \
  "INSERT INTO directory_fts (rowid, body) VALUES (1, 'はろーわーく川崎 職業相談・職業紹介');" \
  "INSERT INTO cases (id, client_id, status, lead_staff_id, opened_at, updated_at)" \
  "  VALUES (1, 1, 'support', 2, 1680000000, 1680000000);" \
  "INSERT INTO cases (id, client_id, status, lead_staff_id, opened_at, closed_at, updated_at)" \
  "  VALUES (2, 2, 'closed', 2, 1680100000, 1690000000, 1690000000);" \
  "INSERT INTO needs (id, case_id, domain, description, created_at) VALUES (1, 1, 'work', '仕事を探したい', 1680000000);" \
  "INSERT INTO goals (id, case_id, need_id, description, created_at) VALUES (1, 1, 1, 'パートの仕事に就く', 1680000000);" \
  "INSERT INTO tasks (case_id, goal_id, description, owner_staff_id, due_on, created_at)" \
  "  VALUES (1, 1, 'ハローワークへ同行する', 2, '2023-05-01', 1680000000);" \
  "INSERT INTO contacts (id, started_at, channel, call_type, duration_minutes, first_contact, age_band," \
  "  topics, summary, outcome, client_id, case_id, staff_id, created_at, updated_at)" \
  "  VALUES (1, 1680000000, 'free_dial', 'data', 25, 1, '30s', 'work livelihood'," \
  "  '仕事が見つからず、家賃の支払いが遅れている。', 'referred', 1, 1, 2, 1680000000, 1680000000);" \
  "INSERT INTO contacts (id, started_at, channel, call_type, duration_minutes, summary, staff_id, created_at, updated_at)" \
  "  VALUES (2, 1680003600, 'free_dial', 'silent', 0, '', 2, 1680003600, 1680003600);" \
  "INSERT INTO contact_topics (contact_id, topic) VALUES (1, 'work'), (1, 'livelihood');" \
  "INSERT INTO contacts_fts (rowid, body) VALUES (1, '仕事が見つからず、家賃の支払いが遅れている。'), (2, '');" \
  "INSERT INTO timeline_events (id, case_id, kind, occurred_at, title, body, service_id, staff_id, created_at)" \
  "  VALUES (1, 1, 'accompaniment', 1680500000, '窓口への同行', '求人の探し方を一緒に確認した。', 1, 2, 1680500000);" \
  "INSERT INTO referrals (client_id, case_id, contact_id, service_id, status, staff_id, created_at, updated_at)" \
  "  VALUES (1, 1, 1, 1, 'sent', 2, 1680000000, 1680000000);" \
  "INSERT INTO items (id, code, name, category, pack_size) VALUES (1, 'PAD-D', '昼用ナプキン', 'pads_day', 20);" \
  "INSERT INTO distribution_points (id, code, name, kind, is_office) VALUES (1, 'OFFICE', '事務所', 'office', 1);" \
  "INSERT INTO distribution_points (id, code, name, kind) VALUES (2, 'HW-KWS', 'ハローワーク川崎', 'hello_work');" \
  "INSERT INTO stock_movements (occurred_at, kind, item_id, to_point_id, quantity, created_at)" \
  "  VALUES (1680000000, 'receipt', 1, 1, 100, 1680000000);" \
  "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, to_point_id, quantity, created_at)" \
  "  VALUES (1680100000, 'transfer', 1, 1, 2, 30, 1680100000);" \
  "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, quantity, created_at)" \
  "  VALUES (1680200000, 'distribution', 1, 2, 5, 1680200000);" \
  "INSERT INTO trainings (id, held_on, theme, survey_very_good, survey_good, created_at)" \
  "  VALUES (1, '2023-06-10', 'DV被害者支援の基礎', 12, 5, 1686000000);" \
  "INSERT INTO training_participants (training_id, affiliation, count) VALUES (1, '相談員', 17);" \
  "INSERT INTO targets (fiscal_year, kpi, target) VALUES (2023, 'contacts', 1200);"

static const char *const fixtures[] = {
  /* version 0: nothing exists yet (an empty file) */
  "",

  /* version 1 */
  FIXTURE_V1,

  /* version 2: a pair of clients decided to be two different women */
  FIXTURE_V1
  "INSERT INTO client_distinct (client_a, client_b, decided_by, decided_at) VALUES (1, 2, 2, 1690000000);",
};

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-migrations-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("the fixture was refused: %s", message);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s%s", c ? "|" : "", v ? v : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Every ordinary table (no SQLite internals, no FTS shadow tables) with its
 * columns, as "table\tcol1,col2,...". */
static GPtrArray *
list_tables (sqlite3 *db)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT t.name, group_concat (c.name, ',')"
                                       " FROM sqlite_schema t, pragma_table_info (t.name) c"
                                       " WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'"
                                       " AND t.sql NOT LIKE 'CREATE VIRTUAL%'"
                                       " AND t.name NOT IN (SELECT name || '_data' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'"
                                       "   UNION SELECT name || '_idx' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'"
                                       "   UNION SELECT name || '_content' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'"
                                       "   UNION SELECT name || '_docsize' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'"
                                       "   UNION SELECT name || '_config' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%')"
                                       " GROUP BY t.name ORDER BY t.name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup_printf ("%s\t%s", sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return tables;
}

/* table -> its rows (only the columns it had then), in a stable order. */
static GHashTable *
snapshot (sqlite3 *db)
{
  GHashTable *snap = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) tables = list_tables (db);

  for (guint i = 0; i < tables->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (tables, i), "\t", 2);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", parts[1], parts[0], parts[1]);

      g_hash_table_insert (snap, g_strdup (g_ptr_array_index (tables, i)), query_text (db, sql));
    }
  return snap;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* All rows of all tables, in one string. */
static char *
dump_all (sqlite3 *db)
{
  g_autoptr(GHashTable) snap = snapshot (db);
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (snap, NULL);
  guint n = g_hash_table_size (snap);
  GString *out = g_string_new (NULL);

  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "== %s\n%s", (char *) keys[i], (char *) g_hash_table_lookup (snap, keys[i]));
  return g_string_free (out, FALSE);
}

static guint64
count_rows (GHashTable *snap)
{
  GHashTableIter iter;
  gpointer value;
  guint64 n = 0;

  g_hash_table_iter_init (&iter, snap);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (const char *p = value; *p; p++)
      n += *p == '\n';
  return n;
}

static void
assert_sound (TsgStore *store)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean sound = tsg_store_check (store, problems, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (sound);
}

static void
test_every_version_has_a_fixture (void)
{
  guint latest = tsg_store_get_latest_schema_version ();

  if (G_N_ELEMENTS (fixtures) <= latest)
    g_error ("schema version %u has no fixture: add fixtures[%u] in tests/test-migrations.c",
             (guint) G_N_ELEMENTS (fixtures), (guint) G_N_ELEMENTS (fixtures));
  g_assert_cmpuint (G_N_ELEMENTS (fixtures), ==, latest + 1);
}

/* Creates a database at @version with that version's fixture rows, closes
 * it, opens it with tsg_store_open() and checks that everything survived. */
static void
test_upgrade_from (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  guint latest = tsg_store_get_latest_schema_version ();
  g_autofree char *path = temp_path ("office.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  TsgStore *store;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (version, <, G_N_ELEMENTS (fixtures));
  store = _tsg_store_open_at_version (path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsg_store_get_schema_version (store), ==, version);
  exec_ok (store->db, fixtures[version]);
  if (version > 0)
    {
      /* An audit row, hash-chained as the store writes them, so the chain is
       * checked across the upgrade too. */
      g_assert_true (_tsg_store_begin (store, NULL));
      g_assert_true (_tsg_store_audit (store, store->system_actor, "update", "setting", 0,
                                       "office_name", &error));
      g_assert_no_error (error);
      g_assert_true (_tsg_store_commit (store, NULL));
    }
  before = snapshot (store->db);
  if (version > 0)
    g_assert_cmpuint (count_rows (before), >, 20);
  g_object_unref (store);

  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (tsg_store_get_schema_version (store), ==, latest);

  /* Every row of every table of the old version, with the values of the
   * columns it had, is still there. */
  after = snapshot (store->db);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\t", 2);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", parts[1], parts[0], parts[1]);
      g_autofree char *now = query_text (store->db, sql);

      g_auto(GStrv) old_rows = g_strsplit (value, "\n", -1);
      g_auto(GStrv) new_rows = g_strsplit (now ? now : "", "\n", -1);

      /* A step may add rows (a new setting), never lose or change one. */
      for (guint r = 0; old_rows[r] != NULL; r++)
        if (*old_rows[r] != '\0' && !g_strv_contains ((const char *const *) new_rows, old_rows[r]))
          {
            g_test_message ("table %s lost or changed a row across the upgrade from version %u: %s",
                            parts[0], version, old_rows[r]);
            g_assert_cmpstr (now, ==, value);
          }
    }
  g_assert_cmpuint (count_rows (after), >=, count_rows (before));
  assert_sound (store);
  g_object_unref (store);

  /* Opening an up-to-date database again changes nothing. */
  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsg_store_get_schema_version (store), ==, latest);
  g_object_unref (store);
  remove_database (path);
}

/* --- a step that fails is rolled back whole ----------------------------- */

static guint fail_at_version;

/* Refuses "PRAGMA user_version = <fail_at_version>", the last statement of
 * a migration step: everything the step did before must be rolled back. */
static int
deny_version_bump (void       *user_data,
                   int         action,
                   const char *arg1,
                   const char *arg2,
                   const char *db_name,
                   const char *trigger)
{
  if (fail_at_version > 0 && action == SQLITE_PRAGMA && g_strcmp0 (arg1, "user_version") == 0 &&
      arg2 != NULL && (guint) atoi (arg2) == fail_at_version)
    return SQLITE_DENY;
  return SQLITE_OK;
}

static int
install_authorizer (sqlite3                     *db,
                    char                       **error_message,
                    const sqlite3_api_routines  *api)
{
  sqlite3_set_authorizer (db, deny_version_bump, NULL);
  return SQLITE_OK;
}

static void
test_failing_step_is_rolled_back (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *path = temp_path ("office.db");
  g_autofree char *schema_before = NULL, *schema_after = NULL, *rows_before = NULL, *rows_after = NULL;
  g_autoptr(GError) error = NULL;
  TsgStore *store;
  sqlite3 *db;

  store = _tsg_store_open_at_version (path, version - 1, &error);
  g_assert_no_error (error);
  exec_ok (store->db, fixtures[version - 1]);
  schema_before = query_text (store->db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name");
  rows_before = dump_all (store->db);
  g_object_unref (store);

  fail_at_version = version;
  sqlite3_auto_extension ((void (*) (void)) install_authorizer);
  store = tsg_store_open (path, &error);
  sqlite3_cancel_auto_extension ((void (*) (void)) install_authorizer);
  fail_at_version = 0;

  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "version"));

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  {
    g_autofree char *v = query_text (db, "PRAGMA user_version");
    g_autofree char *expected = g_strdup_printf ("%u\n", version - 1);
    g_assert_cmpstr (v, ==, expected);
  }
  schema_after = query_text (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name");
  rows_after = dump_all (db);
  sqlite3_close (db);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpstr (rows_after, ==, rows_before);

  /* And without the fault the same file upgrades. */
  g_clear_error (&error);
  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsg_store_get_schema_version (store), ==, tsg_store_get_latest_schema_version ());
  g_object_unref (store);
  remove_database (path);
}

int
main (int argc, char *argv[])
{
  guint latest = tsg_store_get_latest_schema_version ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrations/every-version-has-a-fixture", test_every_version_has_a_fixture);
  for (guint v = 0; v < latest && v < G_N_ELEMENTS (fixtures); v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/upgrade-from-v%u", v);
      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_upgrade_from);
    }
  /* The latest version itself: reopening keeps everything. */
  if (latest < G_N_ELEMENTS (fixtures))
    g_test_add_data_func ("/migrations/reopen-latest", GUINT_TO_POINTER (latest), test_upgrade_from);
  for (guint v = 1; v <= latest && v <= G_N_ELEMENTS (fixtures); v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/failing-step-v%u-rolled-back", v);
      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_failing_step_is_rolled_back);
    }
  return g_test_run ();
}

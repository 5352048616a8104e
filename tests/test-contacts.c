/* test-contacts.c: the call log in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-store-contacts.h"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *desk;    /* staff 2, front desk */
} Fixture;

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  exec_sql (f->path,
            "INSERT INTO staff (id, login, display_name, role, created_at) VALUES"
            " (2, 'sasaki', '佐々木 由美', 'front_desk', 0),"
            " (3, 'ito', '伊藤 さおり', 'coordinator', 0);");
  f->desk = tsg_actor_new (2, TSG_ROLE_FRONT_DESK, "佐々木 由美");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  tsg_actor_unref (f->desk);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
local_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static TsgContact *
make_contact (const char *summary)
{
  TsgContact *c = tsg_contact_new ();
  const char *topics[] = { "livelihood", "housing", NULL };

  c->started_at = local_time (2025, 4, 1, 10, 15);
  c->channel = g_strdup ("free_dial");
  c->duration_minutes = 12;
  c->first_contact = TRUE;
  c->age_band = g_strdup ("30s");
  c->municipality = g_strdup ("神奈川県川崎市中原区");
  c->topics = g_strdupv ((GStrv) topics);
  c->summary = g_strdup (summary);
  c->outcome = g_strdup ("listened");
  return c;
}

static gint64
save (Fixture    *f,
      TsgContact *c)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tsg_store_save_contact (f->store, f->desk, c, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_save_and_get (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgContact) c = make_contact ("家賃の支払いが遅れている。");
  g_autoptr(TsgContact) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *topics = NULL;
  gint64 id;

  c->risk_level = g_strdup ("medium");
  c->heard_via = g_strdup ("P-0003");
  c->callback_at = local_time (2025, 4, 2, 15, 0);
  id = save (f, c);
  g_assert_cmpint (c->id, ==, id);

  back = tsg_store_get_contact (f->store, f->desk, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->started_at, ==, c->started_at);
  g_assert_cmpstr (back->channel, ==, "free_dial");
  g_assert_cmpstr (back->call_type, ==, "data");
  g_assert_cmpint (back->duration_minutes, ==, 12);
  g_assert_true (back->first_contact);
  g_assert_cmpstr (back->age_band, ==, "30s");
  g_assert_cmpstr (back->municipality, ==, "神奈川県川崎市中原区");
  g_assert_cmpuint (g_strv_length (back->topics), ==, 2);
  g_assert_cmpstr (back->topics[0], ==, "livelihood");
  g_assert_cmpstr (back->summary, ==, "家賃の支払いが遅れている。");
  g_assert_cmpstr (back->risk_level, ==, "medium");
  g_assert_cmpstr (back->outcome, ==, "listened");
  g_assert_cmpstr (back->heard_via, ==, "P-0003");
  g_assert_cmpint (back->staff_id, ==, 2);
  g_assert_cmpint (back->callback_at, ==, c->callback_at);

  /* The topics table, the search index and the audit log, all written. */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contact_topics"), ==, 2);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts_fts"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'create'"
                                       " AND record_kind = 'contact' AND staff_id = 2"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'view'"
                                       " AND record_kind = 'contact'"), ==, 1);
  topics = query_text (f->path, "SELECT topics FROM contacts");
  g_assert_cmpstr (topics, ==, "livelihood housing");
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  struct { const char *field; const char *value; const char *message; } cases[] = {
    { "channel", "fax", "channel \"fax\" is not one of free_dial, phone, line, email, sns, visit, outreach" },
    { "call_type", "spam", "call_type \"spam\" is not one of data, silent, hang_up, prank, wrong_number" },
    { "age_band", "32", "age_band \"32\" is not one of teens, 20s, 30s, 40s, 50s, 60s, 70plus, unknown" },
    { "outcome", "solved", "outcome \"solved\" is not one of listened, information, referred, accompaniment, continuing, closed" },
    { "topic", "money", "topics \"money\" is not one of livelihood, work, mental, dv, housing, family, child_rearing, health, sexual_violence, relationships, legal, other" },
    { "risk_level", "extreme", "risk_level \"extreme\" is not one of low, medium, high, urgent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsgContact) c = make_contact ("x");
      g_autoptr(GError) error = NULL;

      if (g_str_equal (cases[i].field, "channel"))
        g_free (c->channel), c->channel = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "call_type"))
        c->call_type = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "age_band"))
        g_free (c->age_band), c->age_band = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "outcome"))
        g_free (c->outcome), c->outcome = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "risk_level"))
        c->risk_level = g_strdup (cases[i].value);
      else
        {
          g_free (c->topics[1]);
          c->topics[1] = g_strdup (cases[i].value);
        }
      g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, c, &error), ==, 0);
      g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(TsgContact) c = make_contact ("x");
    g_autoptr(GError) error = NULL;
    c->duration_minutes = -5;
    g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, c, &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "duration_minutes -5 is negative");
  }
  {
    g_autoptr(TsgContact) c = make_contact ("x");
    g_autoptr(GError) error = NULL;
    c->client_id = 99;
    g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, c, &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "client_id 99 does not exist");
  }
  {
    g_autoptr(TsgContact) c = make_contact ("x");
    g_autoptr(GError) error = NULL;
    c->started_at = 0;
    g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, c, &error), ==, 0);
    g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  }
  /* Nothing was written by any of them. */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE record_kind = 'contact'"), ==, 0);
}

/* The audit row is part of the save: when it cannot be written, the
 * contact is not saved either. */
static void
test_audit_same_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgContact) c = make_contact ("監査が書けなければ保存しない");
  g_autoptr(GError) error = NULL;

  exec_sql (f->path, "CREATE TRIGGER refuse_create BEFORE INSERT ON audit_log WHEN new.action = 'create'"
                     " BEGIN SELECT RAISE (ABORT, 'audit refused'); END;");
  g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, c, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contact_topics"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts_fts"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts_bigram WHERE contacts_bigram MATCH '\"監査\"'"), ==, 0);
  /* (only its fixed records, no segment: segment pages have huge ids) */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts_bigram_data"), ==,
                   query_int (f->path, "SELECT count (*) FROM contacts_bigram_data WHERE id < 1000"));
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgActor) coordinator = tsg_actor_new (3, TSG_ROLE_COORDINATOR, "伊藤");
  g_autoptr(TsgContact) c = make_contact ("x");
  g_autoptr(GError) error = NULL;
  TsgCallerInfo info;
  guint a, b, n;
  gint64 id = save (f, c);

  g_assert_cmpint (tsg_store_save_contact (f->store, coordinator, c, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (tsg_store_get_contact (f->store, coordinator, id, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tsg_store_delete_contact (f->store, coordinator, id, "test", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tsg_store_lookup_caller (f->store, coordinator, "0901234", &info, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tsg_store_contact_counters (f->store, coordinator, 0, &a, &b, &n, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
}

static guint
count_search (Fixture    *f,
              const char *search)
{
  g_autoptr(TsgListQuery) q = tsg_list_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  q->search = g_strdup (search);
  ids = tsg_store_list_ids (f->store, f->desk, TSG_LIST_CONTACTS, q, &error);
  g_assert_no_error (error);
  return ids->len;
}

static void
test_update_and_history (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgContact) c = make_contact ("最初の記録");
  g_autoptr(TsgContact) back = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) other = tsg_actor_new (1, TSG_ROLE_ADMINISTRATOR, "System");
  g_autofree char *old_data = NULL;
  g_autofree char *detail = NULL;
  TsgContactVersion *v;
  gint64 id = save (f, c);

  g_free (c->outcome);
  c->outcome = g_strdup ("referred");
  g_free (c->summary);
  c->summary = g_strdup ("書き直した記録");
  c->staff_id = 0;  /* the call's staff member stays */
  g_assert_cmpint (tsg_store_save_contact (f->store, other, c, &error), ==, id);
  g_assert_no_error (error);

  /* Saving again unchanged writes no version. */
  g_assert_cmpint (tsg_store_save_contact (f->store, other, c, &error), ==, id);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contact_versions"), ==, 1);

  back = tsg_store_get_contact (f->store, f->desk, id, &error);
  g_assert_cmpstr (back->outcome, ==, "referred");
  g_assert_cmpint (back->staff_id, ==, 2);

  history = tsg_store_contact_history (f->store, f->desk, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  v = g_ptr_array_index (history, 0);
  g_assert_cmpint (v->version, ==, 1);
  g_assert_cmpstr (v->staff_name, ==, "System");
  g_assert_cmpstr (v->changes, ==, "summary changed; outcome: listened → referred");
  g_assert_cmpint (v->changed_at, >, 0);

  old_data = query_text (f->path, "SELECT data FROM contact_versions");
  g_assert_nonnull (strstr (old_data, "\"outcome\":\"listened\""));
  g_assert_nonnull (strstr (old_data, "最初の記録"));
  /* The audit names the fields, not the text. */
  detail = query_text (f->path, "SELECT detail FROM audit_log WHERE action = 'update'");
  g_assert_cmpstr (detail, ==, "summary, outcome");

  /* The search index follows the new text. */
  {
    g_autoptr(TsgListQuery) q = tsg_list_query_new ();
    g_autoptr(GArray) ids = NULL;
    q->search = g_strdup ("書き直し");
    ids = tsg_store_list_ids (f->store, f->desk, TSG_LIST_CONTACTS, q, &error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_array_unref (g_steal_pointer (&ids));
    g_free (q->search);
    q->search = g_strdup ("最初の");
    ids = tsg_store_list_ids (f->store, f->desk, TSG_LIST_CONTACTS, q, &error);
    g_assert_cmpuint (ids->len, ==, 0);
  }
  /* And so do the short searches (the bigram index, which keeps no copy
   * of the text and is told what to forget). */
  g_assert_cmpuint (count_search (f, "最初"), ==, 0);
  g_assert_cmpuint (count_search (f, "初"), ==, 0);
  g_assert_cmpuint (count_search (f, "直し"), ==, 1);
  g_assert_cmpuint (count_search (f, "記録"), ==, 1);
}


static void
test_delete_tombstone (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgContact) c = make_contact ("間違えて記録した相談");
  g_autoptr(TsgContact) keep = make_contact ("残る相談");
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  guint today = 0, month = 0, year = 0;
  gint64 id;

  c->caller_number = g_strdup ("090-1111-2222");
  c->callback_at = local_time (2025, 4, 1, 11, 0);
  id = save (f, c);
  save (f, keep);
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 2);

  g_assert_false (tsg_store_delete_contact (f->store, f->desk, id, "  ", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (tsg_store_delete_contact (f->store, f->desk, id, "別の相談者の記録と取り違えた", &error));
  g_assert_no_error (error);

  /* The tombstone stays; the contact leaves lists, counts, search, lookups. */
  reason = query_text (f->path, "SELECT delete_reason FROM contacts WHERE deleted_at IS NOT NULL");
  g_assert_cmpstr (reason, ==, "別の相談者の記録と取り違えた");
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 1);
  g_assert_cmpuint (count_search (f, "間違えて"), ==, 0);
  g_assert_cmpuint (count_search (f, "間違"), ==, 0);
  g_assert_cmpuint (count_search (f, "残る"), ==, 1);
  g_assert_cmpuint (count_search (f, "相談"), ==, 1);
  g_assert_cmpuint (count_search (f, ""), ==, 1);
  g_assert_true (tsg_store_contact_counters (f->store, f->desk, local_time (2025, 4, 1, 18, 0),
                                             &today, &month, &year, &error));
  g_assert_cmpuint (today, ==, 1);
  {
    TsgCallerInfo info;
    g_assert_true (tsg_store_lookup_caller (f->store, f->desk, "09011112222", &info, &error));
    g_assert_cmpuint (info.previous_contacts, ==, 0);
  }
  {
    g_autoptr(GPtrArray) due = tsg_store_due_callbacks (f->store, f->desk, local_time (2025, 4, 2, 0, 0), &error);
    g_assert_cmpuint (due->len, ==, 0);
  }
  g_assert_null (tsg_store_get_contact (f->store, f->desk, id, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'delete'"), ==, 1);
  /* Deleting twice is refused. */
  g_assert_false (tsg_store_delete_contact (f->store, f->desk, id, "again", &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0, n = strlen (needle); i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_caller_hash (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  TsgCallerInfo info;
  gint64 first_id, client_id;

  exec_sql (f->path, "INSERT INTO clients (id, code, created_at, updated_at) VALUES (7, 'K-0007', 0, 0)");
  client_id = 7;

  /* Nobody has called from this number yet. */
  g_assert_true (tsg_store_lookup_caller (f->store, f->desk, "090-8765-4321", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.previous_contacts, ==, 0);
  g_assert_cmpint (info.client_id, ==, 0);

  {
    g_autoptr(TsgContact) c = make_contact ("一回目");
    c->caller_number = g_strdup ("090-8765-4321");
    c->client_id = client_id;
    first_id = save (f, c);
  }
  {
    g_autoptr(TsgContact) c = make_contact ("二回目");
    /* Full-width digits, the international form: the same line. */
    c->caller_number = g_strdup ("＋８１ ９０ ８７６５ ４３２１");
    c->started_at = local_time (2025, 5, 10, 9, 0);
    save (f, c);
  }
  g_assert_cmpint (first_id, >, 0);

  g_assert_true (tsg_store_lookup_caller (f->store, f->desk, "09087654321", &info, &error));
  g_assert_cmpuint (info.previous_contacts, ==, 2);
  g_assert_cmpint (info.last_at, ==, local_time (2025, 5, 10, 9, 0));
  g_assert_cmpint (info.client_id, ==, client_id);
  g_assert_true (tsg_store_lookup_caller (f->store, f->desk, "+81-90-8765-4321", &info, &error));
  g_assert_cmpuint (info.previous_contacts, ==, 2);
  g_assert_true (tsg_store_lookup_caller (f->store, f->desk, "090-8765-4322", &info, &error));
  g_assert_cmpuint (info.previous_contacts, ==, 0);
  /* A match is audited, a miss is not. */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'lookup_caller'"), ==, 2);
  /* Her client record learned the hash. */
  g_assert_cmpint (query_int (f->path, "SELECT length (caller_hash) FROM clients WHERE id = 7"), ==, 32);
  g_assert_cmpint (query_int (f->path, "SELECT count (DISTINCT caller_hash) FROM contacts"), ==, 1);

  /* The number is nowhere in the database, the WAL included. */
  g_clear_object (&f->store);
  g_assert_false (file_contains (f->path, "09087654321"));
  g_assert_false (file_contains (f->path, "87654321"));
  g_assert_false (file_contains (f->path, "８７６５"));
  g_assert_false (file_contains (wal, "87654321"));
  g_assert_false (file_contains (wal, "８７６５"));

  /* Another database has another key: the same number hashes apart. */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
    g_autofree char *wal2 = g_strconcat (other_path, "-wal", NULL);
    g_autofree char *shm2 = g_strconcat (other_path, "-shm", NULL);
    g_autofree char *k1 = query_text (f->path, "SELECT value FROM office_settings WHERE key = 'caller_hash_key'");
    g_autofree char *k2 = NULL;
    TsgStore *other = tsg_store_open (other_path, &error);
    g_assert_no_error (error);
    g_object_unref (other);
    k2 = query_text (other_path, "SELECT value FROM office_settings WHERE key = 'caller_hash_key'");
    g_assert_cmpuint (strlen (k1), ==, 64);
    g_assert_cmpstr (k1, !=, k2);
    g_unlink (other_path);
    g_unlink (wal2);
    g_unlink (shm2);
  }
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* Saves only append to the log; a thread of the store copies it into the
 * database file (so no save waits for that), while the store stays open. */
static void
test_checkpoints_in_background (Fixture *f, gconstpointer data)
{
  gint64 deadline;
  GStatBuf st;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 4096 * 4);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(TsgContact) c = make_contact ("記録は書き込みログからファイルへ移される");
      save (f, c);
    }
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      g_usleep (100000);
      g_assert_cmpint (g_stat (f->path, &st), ==, 0);
    }
  while (st.st_size <= 4096 * 4 && g_get_monotonic_time () < deadline);
  g_assert_cmpint (st.st_size, >, 4096 * 4);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts"), ==, 50);
}

static void
test_search_folding (Fixture *f, gconstpointer data)
{
  const char *texts[] = {
    "ｶﾀｶﾅで書かれた相談",
    "カタカナで書かれた相談",
    "かたかなで書かれた相談",
    "夫からの暴言が続いている",
    "離婚の手続きについて知りたい",
    "家賃の支払いが遅れている",
    "ＤＶの相談（全角）",
    "dv and money",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TsgContact) c = make_contact (texts[i]);
      save (f, c);
    }
  /* Width and kana fold alike, whichever way the search is typed. */
  g_assert_cmpuint (count_search (f, "ｶﾀｶﾅ"), ==, 3);
  g_assert_cmpuint (count_search (f, "カタカナ"), ==, 3);
  g_assert_cmpuint (count_search (f, "かたかな"), ==, 3);
  g_assert_cmpuint (count_search (f, "カタカナで書"), ==, 3);
  /* One and two characters: the bigram index. */
  g_assert_cmpuint (count_search (f, "離婚"), ==, 1);
  g_assert_cmpuint (count_search (f, "家賃"), ==, 1);
  g_assert_cmpuint (count_search (f, "夫"), ==, 1);
  g_assert_cmpuint (count_search (f, "婚"), ==, 1);
  g_assert_cmpuint (count_search (f, "い"), ==, 3);   /* 続いている, 知りたい, 遅れている */
  g_assert_cmpuint (count_search (f, "相談"), ==, 4);
  g_assert_cmpuint (count_search (f, "談"), ==, 4);    /* at the end of a text too */
  g_assert_cmpuint (count_search (f, "ｶﾀ"), ==, 3);
  g_assert_cmpuint (count_search (f, "dv"), ==, 2);
  g_assert_cmpuint (count_search (f, "ＤＶ"), ==, 2);
  g_assert_cmpuint (count_search (f, "DV"), ==, 2);
  g_assert_cmpuint (count_search (f, "v"), ==, 2);
  g_assert_cmpuint (count_search (f, "猫"), ==, 0);
  g_assert_cmpuint (count_search (f, "婚離"), ==, 0);
  /* Punctuation falls back to a scan and still answers. */
  g_assert_cmpuint (count_search (f, "（"), ==, 1);
  g_assert_cmpuint (count_search (f, "\""), ==, 0);
}

static void
test_counters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  struct { int y, m, d, h; const char *call_type; } calls[] = {
    { 2025, 3, 31, 23, "data" },     /* fiscal 2024 */
    { 2025, 4, 1, 0, "data" },       /* 00:30 on April 1st: fiscal 2025, April */
    { 2025, 5, 20, 10, "data" },
    { 2025, 6, 3, 9, "data" },
    { 2025, 6, 3, 11, "data" },
    { 2025, 6, 3, 12, "silent" },    /* kept, never counted */
    { 2025, 6, 4, 9, "data" },       /* tomorrow */
  };
  guint today = 0, month = 0, year = 0;

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(TsgContact) c = make_contact ("x");
      c->started_at = local_time (calls[i].y, calls[i].m, calls[i].d, calls[i].h, 30);
      c->call_type = g_strdup (calls[i].call_type);
      save (f, c);
    }
  g_assert_true (tsg_store_contact_counters (f->store, f->desk, local_time (2025, 6, 3, 18, 0),
                                             &today, &month, &year, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (today, ==, 2);
  g_assert_cmpuint (month, ==, 3);
  g_assert_cmpuint (year, ==, 5);

  g_assert_true (tsg_store_contact_counters (f->store, f->desk, local_time (2025, 4, 1, 9, 0),
                                             &today, &month, &year, &error));
  g_assert_cmpuint (today, ==, 1);
  g_assert_cmpuint (month, ==, 1);
  g_assert_cmpuint (year, ==, 5);
}

static void
test_drafts (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgActor) other = tsg_actor_new (3, TSG_ROLE_COORDINATOR, "伊藤");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_null (tsg_store_load_draft (f->store, f->desk, "contact"));
  g_assert_true (tsg_store_save_draft (f->store, f->desk, "contact", "{\"summary\":\"途中\"}", &error));
  g_assert_true (tsg_store_save_draft (f->store, f->desk, "contact", "{\"summary\":\"途中まで\"}", &error));
  g_assert_no_error (error);
  a = tsg_store_load_draft (f->store, f->desk, "contact");
  g_assert_cmpstr (a, ==, "{\"summary\":\"途中まで\"}");
  /* One draft per staff member: hers is not his. */
  g_assert_null (tsg_store_load_draft (f->store, other, "contact"));

  /* It survives closing the store without saving (a crash). */
  g_clear_object (&f->store);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  b = tsg_store_load_draft (f->store, f->desk, "contact");
  g_assert_cmpstr (b, ==, a);
  g_assert_true (tsg_store_clear_draft (f->store, f->desk, "contact", &error));
  c = tsg_store_load_draft (f->store, f->desk, "contact");
  g_assert_null (c);
}

static void
test_callbacks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(TsgContact) a = make_contact ("午後に折り返し");
  g_autoptr(TsgContact) b = make_contact ("明日折り返し");
  g_autoptr(TsgContact) none = make_contact ("折り返し不要");
  gint64 id_a;

  a->callback_at = local_time (2025, 4, 1, 15, 0);
  b->callback_at = local_time (2025, 4, 2, 15, 0);
  id_a = save (f, a);
  save (f, b);
  save (f, none);

  due = tsg_store_due_callbacks (f->store, f->desk, local_time (2025, 4, 1, 15, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (tsg_row_get_id (g_ptr_array_index (due, 0)), ==, id_a);
  g_assert_cmpint (tsg_row_get_int (g_ptr_array_index (due, 0), 0), ==, a->callback_at);
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (due, 0), 1), ==, "午後に折り返し");
  g_clear_pointer (&due, g_ptr_array_unref);

  g_assert_true (tsg_store_mark_callback_done (f->store, f->desk, id_a, &error));
  due = tsg_store_due_callbacks (f->store, f->desk, local_time (2025, 4, 1, 16, 0), &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = tsg_store_due_callbacks (f->store, f->desk, local_time (2025, 4, 3, 0, 0), &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Moving the reminder re-arms it. */
  a->callback_at = local_time (2025, 4, 2, 10, 0);
  g_assert_cmpint (tsg_store_save_contact (f->store, f->desk, a, &error), ==, id_a);
  due = tsg_store_due_callbacks (f->store, f->desk, local_time (2025, 4, 3, 0, 0), &error);
  g_assert_cmpuint (due->len, ==, 2);
}

static void
assert_first_page_is_prefix (TsgStore   *store,
                             TsgActor   *actor,
                             const char *search,
                             const char *channel)
{
  g_autoptr(TsgListQuery) q = tsg_list_query_new ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GError) error = NULL;

  q->search = g_strdup (search);
  q->channel = g_strdup (channel);
  all = tsg_store_list_ids (store, actor, TSG_LIST_CONTACTS, q, &error);
  g_assert_no_error (error);
  first = tsg_store_list_first_ids (store, actor, TSG_LIST_CONTACTS, q, 64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, MIN (all->len, 64));
  g_assert_cmpmem (first->data, first->len * sizeof (gint64), all->data, first->len * sizeof (gint64));
}

/* The first page of a search comes from the newest contacts when it can
 * (tsg_store_list_first_ids): it must be exactly the list's beginning, for
 * common words, rare ones, old ones, and a contact whose id is out of step
 * with its date. */
static void
test_first_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", &error);
  TsgActor *actor;
  const char *searches[] = { NULL, "ハローワーク", "ﾊﾛｰﾜｰｸ", "家賃", "夫", "性被害", "養育費が支払われていない",
                             "古い記録だけの言葉", "新しい記録の言葉", "該当なし", "婚", "（" };

  g_assert_no_error (error);
  actor = tsg_store_get_system_actor (store);
  /* More contacts than the window of the newest (20,000). */
  g_assert_true (tsg_store_generate (store, 24000, 3, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TsgContact) old = make_contact ("古い記録だけの言葉がある");
    g_autoptr(TsgContact) fresh = make_contact ("新しい記録の言葉がある");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    old->started_at = g_date_time_to_unix (now) - 9 * 365 * 86400;  /* newest id, oldest date */
    g_assert_cmpint (tsg_store_save_contact (store, actor, old, &error), >, 0);
    fresh->started_at = g_date_time_to_unix (now) + 60;
    g_assert_cmpint (tsg_store_save_contact (store, actor, fresh, &error), >, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      assert_first_page_is_prefix (store, actor, searches[i], NULL);
      assert_first_page_is_prefix (store, actor, searches[i], "line");
    }
  /* An early contact (small id) moved to the newest date: the window's
   * smallest id is then small, and the page still right. */
  {
    g_autoptr(TsgContact) early = tsg_store_get_contact (store, actor, 3, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_assert_no_error (error);
    early->started_at = g_date_time_to_unix (now) + 120;
    g_free (early->summary);
    early->summary = g_strdup ("ハローワークの窓口で日付を直した記録");
    g_assert_cmpint (tsg_store_save_contact (store, actor, early, &error), ==, 3);
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      assert_first_page_is_prefix (store, actor, searches[i], NULL);
    {
      g_autoptr(TsgListQuery) q = tsg_list_query_new ();
      g_autoptr(GArray) first = NULL;
      q->search = g_strdup ("ハローワーク");
      first = tsg_store_list_first_ids (store, actor, TSG_LIST_CONTACTS, q, 64, &error);
      g_assert_cmpint (g_array_index (first, gint64, 0), ==, 3);
    }
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/contacts/save-and-get", test_save_and_get);
  ADD ("/contacts/validation", test_validation);
  ADD ("/contacts/audit-same-transaction", test_audit_same_transaction);
  ADD ("/contacts/roles", test_roles);
  ADD ("/contacts/update-and-history", test_update_and_history);
  ADD ("/contacts/delete-tombstone", test_delete_tombstone);
  ADD ("/contacts/caller-hash", test_caller_hash);
  ADD ("/contacts/checkpoints-in-background", test_checkpoints_in_background);
  ADD ("/contacts/search-folding", test_search_folding);
  ADD ("/contacts/counters", test_counters);
  ADD ("/contacts/drafts", test_drafts);
  ADD ("/contacts/callbacks", test_callbacks);
#undef ADD
  g_test_add_func ("/contacts/first-page", test_first_page);
  return g_test_run ();
}

/* test-records.c: records JSON import/export and the contacts CSV import
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "tsg-records.h"
#include "tsg-store-contacts.h"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *admin;
} Fixture;

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

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

/* Every table's row count (the search indexes through their own tables):
 * an import that failed must leave all alike. */
static char *
snapshot (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM \"%s\"", sqlite3_column_text (stmt, 0));
      sqlite3_stmt *count;
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &count, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      g_string_append_printf (s, "%s=%lld ", sqlite3_column_text (stmt, 0), sqlite3_column_int64 (count, 0));
      sqlite3_finalize (count);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-records-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  f->admin = tsg_actor_ref (tsg_store_get_system_actor (f->store));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  tsg_actor_unref (f->admin);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* Imports a file that must be refused with exactly @message, and checks
 * that nothing at all changed. */
static void
assert_refused (Fixture    *f,
                const char *name,
                const char *contents,
                gssize      length,
                const char *message)
{
  g_autofree char *path = write_file (f, name, contents, length);
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 99;

  g_assert_false (tsg_records_import_file (f->store, f->admin, path, &n, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (n, ==, 0);
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);
}

static guint
import_ok (Fixture    *f,
           const char *name,
           const char *contents,
           gssize      length)
{
  g_autofree char *path = write_file (f, name, contents, length);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (tsg_records_import_file (f->store, f->admin, path, &n, &error));
  g_assert_no_error (error);
  return n;
}

#define HEADER "started_at,channel,call_type,duration_minutes,first_contact,age_band,topics,summary\n"
#define GOOD_ROW "2023-04-03T10:15:00+09:00,free_dial,data,12,true,30s,livelihood;work,ok\n"

/* --- bad input: one test per kind the issue lists ------------------------ */

static void
test_csv_bad_channel (Fixture *f, gconstpointer data)
{
  /* The issue's own example, on line 3 after a good row that must not land. */
  assert_refused (f, "contacts.csv", HEADER GOOD_ROW
                  "2023-04-03T11:00:00+09:00,fax,data,5,false,20s,,x\n", -1,
                  "contacts.csv:3: channel \"fax\" is not one of free_dial, phone, line, email, sns, visit, outreach");
}

static void
test_csv_empty (Fixture *f, gconstpointer data)
{
  assert_refused (f, "contacts.csv", "", 0, "contacts.csv is empty; nothing was imported.");
  assert_refused (f, "blank.csv", "\xEF\xBB\xBF\r\n\n", -1, "blank.csv is empty; nothing was imported.");
  assert_refused (f, "header.csv", HEADER, -1,
                  "header.csv has a header row but no contacts; nothing was imported.");
}

static void
test_csv_wrong_encoding (Fixture *f, gconstpointer data)
{
  g_autofree char *sjis = g_convert ("夫からの暴言", -1, "CP932", "UTF-8", NULL, NULL, NULL);
  g_autofree char *contents = g_strconcat (HEADER GOOD_ROW
                                           "2023-04-03T11:00:00+09:00,phone,data,5,false,20s,dv,", sjis, "\n", NULL);

  assert_refused (f, "contacts.csv", contents, -1,
                  "contacts.csv:3: the file is not UTF-8 text (it looks like Shift_JIS); save it again as UTF-8 (in a spreadsheet: CSV UTF-8)");
  assert_refused (f, "latin.csv", HEADER "2023-04-03T11:00:00+09:00,phone,data,5,false,20s,dv,caf\xe9\xff\xfe\n", -1,
                  "latin.csv:2: the file is not UTF-8 text; save it again as UTF-8 (in a spreadsheet: CSV UTF-8)");
}

static void
test_csv_no_time_zone (Fixture *f, gconstpointer data)
{
  assert_refused (f, "contacts.csv", HEADER GOOD_ROW GOOD_ROW
                  "2023-04-03T11:00:00,phone,data,5,false,20s,dv,x\n", -1,
                  "contacts.csv:4: started_at \"2023-04-03T11:00:00\" has no time zone (write it like 2023-04-03T10:15:00+09:00)");
  assert_refused (f, "slashes.csv", HEADER "2023/04/03 11:00,phone,data,5,false,20s,dv,x\n", -1,
                  "slashes.csv:2: started_at \"2023/04/03 11:00\" is not a date and time (write it like 2023-04-03T10:15:00+09:00)");
}

static void
test_csv_negative_duration (Fixture *f, gconstpointer data)
{
  assert_refused (f, "contacts.csv", HEADER GOOD_ROW
                  "2023-04-03T11:00:00+09:00,phone,data,-5,false,20s,dv,x\n", -1,
                  "contacts.csv:3: duration_minutes -5 is negative");
  assert_refused (f, "words.csv", HEADER "2023-04-03T11:00:00+09:00,phone,data,ten,false,20s,dv,x\n", -1,
                  "words.csv:2: duration_minutes \"ten\" is not a whole number");
}

static void
test_csv_other_errors (Fixture *f, gconstpointer data)
{
  assert_refused (f, "topic.csv", HEADER "2023-04-03T11:00:00+09:00,phone,data,5,false,20s,dv;money,x\n", -1,
                  "topic.csv:2: topics \"money\" is not one of livelihood, work, mental, dv, housing, family, child_rearing, health, sexual_violence, relationships, legal, other");
  assert_refused (f, "column.csv", "started_at,chanel\n2023-04-03T11:00:00+09:00,phone\n", -1,
                  "column.csv:1: column \"chanel\" is not a contact field (the first row must name the columns: id, started_at, channel, call_type, duration_minutes, first_contact, age_band, municipality, topics, summary, risk_level, outcome, referred_service, heard_via, client_ref, case_ref, staff, callback_at, callback_done)");
  assert_refused (f, "missing.csv", "channel,summary\nphone,x\n", -1,
                  "missing.csv:2: started_at is missing");
  assert_refused (f, "quote.csv", HEADER GOOD_ROW "2023-04-03T11:00:00+09:00,phone,data,5,false,20s,dv,\"never closed\n", -1,
                  "quote.csv:3: a quoted cell is never closed (a \" is missing)");
  assert_refused (f, "cells.csv", HEADER "2023-04-03T11:00:00+09:00,phone,data,5,false,20s,dv,x,extra\n", -1,
                  "cells.csv:2: the row has 9 cells but the header names 8 columns");
  assert_refused (f, "bool.csv", HEADER "2023-04-03T11:00:00+09:00,phone,data,5,maybe,20s,dv,x\n", -1,
                  "bool.csv:2: first_contact \"maybe\" is not true or false");
  assert_refused (f, "service.csv", "started_at,channel,referred_service\n2023-04-03T11:00:00+09:00,phone,svc-404\n", -1,
                  "service.csv:2: referred_service \"svc-404\" is not in the referral directory (import the directory first)");
  assert_refused (f, "contacts.txt", "x", -1,
                  "contacts.txt: only .json (records) and .csv (contacts) files can be imported");
}

static void
test_json_errors (Fixture *f, gconstpointer data)
{
  const char *good = "{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\"}";
  struct { const char *body; const char *message; } cases[] = {
    { "{\"contacts\":[%s,%s,%s,{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"fax\"}]}",
      "contacts.json: contacts[3].channel: \"fax\" is not one of free_dial, phone, line, email, sns, visit, outreach" },
    { "{\"contacts\":[%s,{\"started_at\":\"2023-04-03T10:15:00\",\"channel\":\"phone\"}]}",
      "contacts.json: contacts[1].started_at: \"2023-04-03T10:15:00\" has no time zone (write it like 2023-04-03T10:15:00+09:00)" },
    { "{\"contacts\":[%s,{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"duration_minutes\":-5}]}",
      "contacts.json: contacts[1].duration_minutes: -5 is negative" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"duration_minutes\":\"12\"}]}",
      "contacts.json: contacts[0].duration_minutes: \"12\" is not a whole number" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"duration_minutes\":12.5}]}",
      "contacts.json: contacts[0].duration_minutes: 12.5 is not a whole number" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"first_contact\":\"yes\"}]}",
      "contacts.json: contacts[0].first_contact: \"yes\" is not true or false" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"topics\":\"dv\"}]}",
      "contacts.json: contacts[0].topics: \"dv\" is not a list of topics" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"topics\":[\"dv\",3]}]}",
      "contacts.json: contacts[0].topics[1]: 3 is not text" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":7}]}",
      "contacts.json: contacts[0].channel: 7 is not text" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"chanel\":\"phone\"}]}",
      "contacts.json: contacts[0]: \"chanel\" is not a field of contacts (the fields are id, started_at, channel, call_type, duration_minutes, first_contact, age_band, municipality, topics, summary, risk_level, outcome, referred_service, heard_via, client_ref, case_ref, staff, callback_at, callback_done)" },
    { "{\"contacts\":[%s,\"phone\"]}",
      "contacts.json: contacts[1]: a contact must be an object" },
    { "{\"contacts\":{\"channel\":\"phone\"}}",
      "contacts.json: contacts must be an array of records, not {\"channel\":\"phone\"}" },
    { "[%s]",
      "contacts.json: the file must hold one object with an array per kind of record (%s)" },
    { "{\"calls\":[%s]}",
      "contacts.json: \"calls\" is not a kind of record this version knows (%s)" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"case_ref\":\"9\"}]}",
      "contacts.json: contacts[0].case_ref: \"9\" is not a case of the file" },
    { "{\"clients\":[{\"code\":\"A\"},{\"code\":\"A\"}]}",
      "contacts.json: clients[1].code: \"A\" appears twice in the file" },
    { "{\"contacts\":[{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"duration_minutes\":2000}]}",
      "contacts.json: contacts[0]: duration_minutes 2000 is longer than a day" },
  };

  /* The kinds of record: the table's keys, whatever the areas added. */
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; tsg_records_sections[i].key; i++)
    g_string_append_printf (keys, "%s%s", i ? ", " : "", tsg_records_sections[i].key);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *body = g_strdup_printf (cases[i].body, good, good, good);
      g_autofree char *message = g_strdup_printf (cases[i].message, keys->str);
#pragma GCC diagnostic pop
      assert_refused (f, "contacts.json", body, -1, message);
    }
  assert_refused (f, "empty.json", "  \n", -1, "empty.json is empty; nothing was imported.");
  {
    g_autofree char *sjis = g_convert ("{\"contacts\":[{\"summary\":\"夫\"}]}", -1, "CP932", "UTF-8", NULL, NULL, NULL);
    assert_refused (f, "sjis.json", sjis, -1,
                    "sjis.json:1: the file is not UTF-8 text (it looks like Shift_JIS); save it again as UTF-8 (in a spreadsheet: CSV UTF-8)");
  }
}

static void
test_json_syntax_error (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "broken.json", "{\"contacts\": [\n{\"channel\": \"phone\",}\n]}", -1);
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (tsg_records_import_file (f->store, f->admin, path, NULL, &error));
  /* json-glib's words, with the file and the line in front. */
  g_assert_true (g_str_has_prefix (error->message, "broken.json:2:"));
  g_assert_true (g_str_has_suffix (error->message, "(the file is not valid JSON)"));
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* --- good CSV ------------------------------------------------------------ */

static void
check_csv_contacts (Fixture *f)
{
  g_autoptr(TsgContact) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts"), ==, 2);
  c = tsg_store_get_contact (f->store, f->admin, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->channel, ==, "line");
  g_assert_cmpstr (c->summary, ==, "夫から「出ていけ」と言われ、\n\"暴言\"が続く");
  g_assert_cmpuint (g_strv_length (c->topics), ==, 2);
  g_assert_cmpstr (c->topics[0], ==, "dv");
  g_assert_cmpstr (c->topics[1], ==, "housing");
  g_assert_cmpint (c->duration_minutes, ==, -1);
  g_assert_false (c->first_contact);
  g_clear_pointer (&c, tsg_contact_free);
  c = tsg_store_get_contact (f->store, f->admin, 1, &error);
  g_assert_cmpstr (c->municipality, ==, "神奈川県川崎市中原区");
  g_assert_cmpint (c->duration_minutes, ==, 12);
  g_assert_true (c->first_contact);
  g_assert_cmpint (c->client_id, >, 0);
}

#define CSV_BODY \
  "started_at,channel,duration_minutes,first_contact,municipality,topics,summary,client_ref\r\n" \
  "2023-04-03T10:15:00+09:00,free_dial,12,TRUE,神奈川県川崎市中原区,livelihood ; work,\"家賃が、払えない\",A\r\n" \
  "2023-04-04T21:05:00+09:00,line,,FALSE,,dv;housing,\"夫から「出ていけ」と言われ、\r\n\"\"暴言\"\"が続く\",\r\n"

static void
test_csv_with_bom (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (import_ok (f, "bom.csv", "\xEF\xBB\xBF" CSV_BODY, -1), ==, 2);
  check_csv_contacts (f);
}

static void
test_csv_without_bom_lf (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) lf = g_string_new (CSV_BODY);

  g_string_replace (lf, "\r\n", "\n", 0);
  g_assert_cmpuint (import_ok (f, "lf.csv", lf->str, -1), ==, 2);
  check_csv_contacts (f);
  /* One audit row for the batch, naming the ids. */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'import'"
                                       " AND record_kind = 'contact' AND detail LIKE '2 contacts (ids 1–2) from lf.csv'"), ==, 1);
}

static void
test_csv_preview (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "preview.csv", "\xEF\xBB\xBF" CSV_BODY, -1);
  g_auto(GStrv) columns = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (tsg_records_preview_csv (path, 1, &columns, &rows, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (columns), ==, 8);
  g_assert_cmpstr (columns[0], ==, "started_at");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[6], ==, "家賃が、払えない");
  /* Nothing was imported by looking. */
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM contacts"), ==, 0);
}

static gboolean
stop_at_first_tick (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  g_assert_cmpuint (total, ==, 1200);
  return FALSE;
}

static void
test_import_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new (HEADER);
  g_autofree char *path = NULL;
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  for (guint i = 0; i < 1200; i++)
    g_string_append (csv, GOOD_ROW);
  path = write_file (f, "big.csv", csv->str, -1);
  g_assert_false (tsg_records_import_file_full (f->store, f->admin, path, stop_at_first_tick, &calls, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (calls, ==, 1);
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* --- round trip ---------------------------------------------------------- */

static void
add_directory (const char *path)
{
  exec_sql (path,
            "INSERT INTO organizations (id, uid, name, updated_at) VALUES (1, 'org-1', '法テラス川崎', 0);"
            "INSERT INTO services (id, uid, organization_id, name, updated_at)"
            "  VALUES (5, 'svc-hoterasu', 1, '無料法律相談', 0);");
}

static void
make_full_records (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) desk = tsg_actor_new (2, TSG_ROLE_FRONT_DESK, "佐々木 由美");
  g_autoptr(GDateTime) dt = g_date_time_new_local (2024, 3, 31, 23, 45, 0);
  const char *topics[] = { "dv", "legal", "housing", NULL };

  exec_sql (f->path,
            "INSERT INTO staff (id, login, display_name, role, created_at) VALUES"
            " (2, 'sasaki', '佐々木 由美', 'front_desk', 0);"
            "INSERT INTO clients (id, code, age_band, municipality, created_at, updated_at)"
            "  VALUES (1, 'C24-000001', '40s', '東京都北区', 0, 0), (2, 'C24-000002', 'unknown', NULL, 0, 0);");
  add_directory (f->path);
  {
    g_autoptr(TsgContact) c = tsg_contact_new ();
    c->started_at = g_date_time_to_unix (dt);
    c->channel = g_strdup ("phone");
    c->call_type = g_strdup ("data");
    c->duration_minutes = 47;
    c->first_contact = TRUE;
    c->age_band = g_strdup ("40s");
    c->municipality = g_strdup ("東京都北区");
    c->topics = g_strdupv ((GStrv) topics);
    c->summary = g_strdup ("夫からの暴言。\n離婚と住まいについて \"法テラス\" を案内した。");
    c->risk_level = g_strdup ("high");
    c->outcome = g_strdup ("referred");
    c->referred_service_id = 5;
    c->heard_via = g_strdup ("P-0007");
    c->client_id = 1;
    c->callback_at = c->started_at + 86400;
    c->caller_number = g_strdup ("090-1234-5678");
    g_assert_cmpint (tsg_store_save_contact (f->store, desk, c, &error), ==, 1);
    g_assert_true (tsg_store_mark_callback_done (f->store, desk, 1, &error));
  }
  {
    g_autoptr(TsgContact) c = tsg_contact_new ();
    c->started_at = g_date_time_to_unix (dt) + 3600;
    c->channel = g_strdup ("line");
    c->call_type = g_strdup ("prank");
    c->client_id = 2;
    g_assert_cmpint (tsg_store_save_contact (f->store, f->admin, c, &error), ==, 2);
  }
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *out1 = g_build_filename (f->dir, "out1.json", NULL);
  g_autofree char *out2 = g_build_filename (f->dir, "out2.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *text1 = NULL, *text2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) fresh = NULL;
  g_autoptr(TsgContact) back = NULL;
  guint n = 0;
  GStatBuf st;

  make_full_records (f);
  g_assert_true (tsg_records_export_file_full (f->store, f->admin, out1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4); /* two clients, two contacts */
  g_assert_cmpint (g_stat (out1, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (out1, &text1, NULL, NULL));
  /* Local time with its offset; staff by login; the client by code. */
  g_assert_nonnull (strstr (text1, "\"started_at\":\"2024-03-31T23:45:00+09:00\""));
  g_assert_nonnull (strstr (text1, "\"staff\":\"sasaki\""));
  g_assert_nonnull (strstr (text1, "\"client_ref\":\"C24-000001\""));
  g_assert_nonnull (strstr (text1, "\"referred_service\":\"svc-hoterasu\""));
  g_assert_null (strstr (text1, "5678"));
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM audit_log WHERE action = 'export' AND record_kind = 'records'"), ==, 1);

  fresh = tsg_store_open (db2, &error);
  g_assert_no_error (error);
  add_directory (db2);
  g_assert_true (tsg_records_import_file (fresh, tsg_store_get_system_actor (fresh), out1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (tsg_records_export_file (fresh, tsg_store_get_system_actor (fresh), out2, &error));
  g_assert_true (g_file_get_contents (out2, &text2, NULL, NULL));
  /* Every field came back: the second export is the first, byte for byte. */
  g_assert_cmpstr (text2, ==, text1);

  back = tsg_store_get_contact (fresh, tsg_store_get_system_actor (fresh), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->summary, ==, "夫からの暴言。\n離婚と住まいについて \"法テラス\" を案内した。");
  g_assert_cmpint (back->duration_minutes, ==, 47);
  g_assert_cmpstr (back->risk_level, ==, "high");
  g_assert_cmpint (back->referred_service_id, ==, 5);
  /* Her staff member came as an account that cannot sign in. */
  g_assert_cmpint (query_int (db2, "SELECT active FROM staff WHERE login = 'sasaki'"), ==, 0);
  g_assert_cmpint (query_int (db2, "SELECT password_hash IS NULL FROM staff WHERE login = 'sasaki'"), ==, 1);
  /* Searchable after import. */
  {
    g_autoptr(TsgListQuery) q = tsg_list_query_new ();
    g_autoptr(GArray) ids = NULL;
    q->search = g_strdup ("離婚");
    ids = tsg_store_list_ids (fresh, tsg_store_get_system_actor (fresh), TSG_LIST_CONTACTS, q, &error);
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

static void
test_export_denied (Fixture *f, gconstpointer data)
{
  g_autoptr(TsgActor) desk = tsg_actor_new (1, TSG_ROLE_FRONT_DESK, "desk");
  g_autofree char *out = g_build_filename (f->dir, "out.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (tsg_records_export_file (f->store, desk, out, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_client_refs (Fixture *f, gconstpointer data)
{
  /* A client_ref links within the file only: "A" becomes one new client,
   * even though this database has a client coded "A" already. */
  exec_sql (f->path, "INSERT INTO clients (code, created_at, updated_at) VALUES ('A', 0, 0)");
  g_assert_cmpuint (import_ok (f, "refs.json",
                               "{\"contacts\":["
                               "{\"started_at\":\"2023-04-03T10:15:00+09:00\",\"channel\":\"phone\",\"client_ref\":\"A\",\"age_band\":\"20s\"},"
                               "{\"started_at\":\"2023-04-10T10:15:00+09:00\",\"channel\":\"line\",\"client_ref\":\"A\"},"
                               "{\"started_at\":\"2023-04-11T10:15:00+09:00\",\"channel\":\"line\",\"client_ref\":7}]}", -1), ==, 3);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM clients"), ==, 3);
  g_assert_cmpint (query_int (f->path, "SELECT count (DISTINCT client_id) FROM contacts"), ==, 2);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM clients WHERE code = 'A-2' AND age_band = '20s'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM clients WHERE code = '7'"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/records/csv/bad-channel", test_csv_bad_channel);
  ADD ("/records/csv/empty", test_csv_empty);
  ADD ("/records/csv/wrong-encoding", test_csv_wrong_encoding);
  ADD ("/records/csv/no-time-zone", test_csv_no_time_zone);
  ADD ("/records/csv/negative-duration", test_csv_negative_duration);
  ADD ("/records/csv/other-errors", test_csv_other_errors);
  ADD ("/records/csv/with-bom-crlf", test_csv_with_bom);
  ADD ("/records/csv/without-bom-lf", test_csv_without_bom_lf);
  ADD ("/records/csv/preview", test_csv_preview);
  ADD ("/records/csv/cancelled", test_import_cancelled);
  ADD ("/records/json/errors", test_json_errors);
  ADD ("/records/json/syntax-error", test_json_syntax_error);
  ADD ("/records/json/round-trip", test_round_trip);
  ADD ("/records/json/client-refs", test_client_refs);
  ADD ("/records/export-denied", test_export_denied);
#undef ADD
  return g_test_run ();
}

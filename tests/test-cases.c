/* test-cases.c: clients, duplicates, merges, the case status flow, the
 * support plan, contradictory dates, consent, the timeline, reminders and
 * the case export
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tsg-case-rules.h"
#include "tsg-case-summary.h"
#include "tsg-records.h"
#include "tsg-store-cases.h"
#include "tsg-timeline-model.h"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *counsellor;
  TsgActor *front_desk;
  sqlite3  *db;          /* a second connection for fixtures and checks */
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (f->db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s: %s", sql, err);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static gint64
audit_count (Fixture *f)
{
  return query_int (f, "SELECT count (*) FROM audit_log");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-cases-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);
  exec_sql (f, "INSERT INTO staff (id, login, display_name, role, created_at) VALUES"
               " (2, 'aiko', '山田 愛子', 'counsellor', 0), (3, 'mika', '佐々木 美香', 'front_desk', 0);"
               "INSERT INTO organizations (id, uid, name, updated_at) VALUES"
               " (10, 'org-hw', 'ハローワーク川崎', 0), (11, 'org-shakyo', '川崎市社会福祉協議会', 0);"
               "INSERT INTO services (id, uid, organization_id, name, updated_at) VALUES"
               " (20, 'svc-hw', 10, '職業相談窓口', 0), (21, 'svc-shakyo', 11, '生活福祉資金', 0);");
  f->counsellor = tsg_actor_new (2, TSG_ROLE_COUNSELLOR, "山田 愛子");
  f->front_desk = tsg_actor_new (3, TSG_ROLE_FRONT_DESK, "佐々木 美香");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  sqlite3_close (f->db);
  g_clear_object (&f->store);
  tsg_actor_unref (f->counsellor);
  tsg_actor_unref (f->front_desk);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_client (Fixture    *f,
            const char *name,
            const char *kana)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgClient) c = tsg_client_new ();
  gint64 id;

  c->name = g_strdup (name);
  c->kana = g_strdup (kana);
  id = tsg_store_save_client (f->store, f->counsellor, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A case opened @days_ago days ago. */
static gint64
open_case (Fixture *f,
           gint64   client_id,
           int      days_ago)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tsg_store_open_case (f->store, f->counsellor, client_id, 0, NULL,
                                   g_get_real_time () / G_USEC_PER_SEC - days_ago * 86400, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
days_from_today (int days)
{
  g_autofree char *today = tsg_date_today ();

  return tsg_date_add_days (today, days);
}

/* --- the status flow ---------------------------------------------------- */

static void
test_status_flow_rules (void)
{
  static const struct { const char *from, *to; gboolean ok; } cases[] = {
    { "intake", "assessment", TRUE },
    { "assessment", "planning", TRUE },
    { "planning", "support", TRUE },
    { "support", "monitoring", TRUE },
    { "monitoring", "closed", TRUE },
    { "support", "planning", TRUE },        /* one step back */
    { "intake", "closed", TRUE },           /* she stopped coming */
    { "closed", "support", TRUE },          /* reopened where work resumes */
    { "closed", "intake", TRUE },
    { "intake", "support", FALSE },         /* no skipping the assessment */
    { "monitoring", "assessment", FALSE },
    { "support", "support", FALSE },
    { "closed", "closed", FALSE },
    { "support", "archived", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = tsg_case_status_change_allowed (cases[i].from, cases[i].to, &error);

      g_test_message ("%s -> %s", cases[i].from, cases[i].to);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
    }
  g_assert_cmpstr (tsg_case_status_next ("intake"), ==, "assessment");
  g_assert_null (tsg_case_status_next ("closed"));
}

static void
test_status_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgCase) kase = NULL;
  g_autofree char *today = tsg_date_today ();
  g_autofree char *before_opening = days_from_today (-20);
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *ten_days_ago = days_from_today (-10);
  g_autofree char *five_days_ago = days_from_today (-5);
  gint64 case_id = open_case (f, add_client (f, NULL, NULL), 14);
  gint64 audits;

  /* Each refusal names its field and saves nothing. */
  audits = audit_count (f);
  g_assert_false (tsg_store_change_case_status (f->store, f->counsellor, case_id, "support", "進んだ", NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tsg_store_change_case_status (f->store, f->counsellor, case_id, "assessment", "  ", NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reason"));
  g_clear_error (&error);
  g_assert_false (tsg_store_change_case_status (f->store, f->counsellor, case_id, "assessment", "面談した",
                                                before_opening, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, before_opening));
  g_clear_error (&error);
  g_assert_false (tsg_store_change_case_status (f->store, f->counsellor, case_id, "assessment", "面談した",
                                                tomorrow, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, audits);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM case_status_changes"), ==, 1);

  g_assert_true (tsg_store_change_case_status (f->store, f->counsellor, case_id, "assessment", "初回面談を行った",
                                               ten_days_ago, &error));
  g_assert_no_error (error);
  /* Not before the last change */
  g_assert_false (tsg_store_change_case_status (f->store, f->counsellor, case_id, "planning", "課題を整理した",
                                                before_opening, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tsg_store_change_case_status (f->store, f->counsellor, case_id, "closed", "本人の希望で終結",
                                               five_days_ago, &error));
  g_assert_no_error (error);
  kase = tsg_store_get_case (f->store, f->counsellor, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->status, ==, "closed");
  g_assert_cmpint (kase->closed_at, >, 0);
  g_clear_pointer (&kase, tsg_case_free);

  /* Reopened: the closing date goes, the history stays. */
  g_assert_true (tsg_store_change_case_status (f->store, f->counsellor, case_id, "support", "再び相談があった",
                                               today, &error));
  g_assert_no_error (error);
  kase = tsg_store_get_case (f->store, f->counsellor, case_id, &error);
  g_assert_cmpstr (kase->status, ==, "support");
  g_assert_cmpint (kase->closed_at, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM case_status_changes"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM timeline_events WHERE kind = 'status'"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'view' AND record_kind = 'case'"), ==, 2);
}

/* --- duplicates and merges --------------------------------------------- */

static void
test_name_folding (void)
{
  g_autofree char *a = tsg_client_name_key ("サトウ ハナコ");
  g_autofree char *b = tsg_client_name_key ("さとう　はなこ");
  g_autofree char *c = tsg_client_name_key ("ｻﾄｳ ﾊﾅｺ");
  g_autofree char *d = tsg_client_name_key ("サトー・ハナコ");
  g_autofree char *e = tsg_client_name_key ("さと はなこ");
  g_autofree char *x = tsg_client_name_key ("サトウ ハルコ");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (d, ==, e);   /* the long-vowel mark drops */
  g_assert_cmpstr (a, !=, x);
  g_assert_null (tsg_client_name_key ("  "));
}

static gboolean
has_match (GPtrArray *matches,
           gint64     client_id)
{
  for (guint i = 0; i < matches->len; i++)
    if (((TsgClientMatch *) g_ptr_array_index (matches, i))->client_id == client_id)
      return TRUE;
  return FALSE;
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) m = NULL;
  gint64 hanako = add_client (f, "佐藤 花子", "サトウ ハナコ");
  gint64 other = add_client (f, "鈴木 一美", "スズキ カズミ");
  gint64 from_import, caller, contact;

  /* The name and the kana, however they were typed, and in either field. */
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, "さとう はなこ", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (has_match (m, hanako));
  g_assert_false (has_match (m, other));
  g_assert_true (((TsgClientMatch *) g_ptr_array_index (m, 0))->same_name);
  g_clear_pointer (&m, g_ptr_array_unref);
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, "ｻﾄｳ ﾊﾅｺ", NULL, 0, 0, &error);
  g_assert_true (has_match (m, hanako));
  g_clear_pointer (&m, g_ptr_array_unref);
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, "佐藤花子", NULL, 0, hanako, &error);
  g_assert_cmpuint (m->len, ==, 0);   /* herself is left out */
  g_clear_pointer (&m, g_ptr_array_unref);

  /* Rows written without keys (imports, the generator) are keyed on use. */
  exec_sql (f, "INSERT INTO clients (id, code, kana, created_at, updated_at) VALUES (50, 'X-50', 'ｻﾄｳ ﾊﾅｺ', 0, 0)");
  from_import = 50;
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, "サトウ　ハナコ", 0, 0, &error);
  g_assert_true (has_match (m, hanako));
  g_assert_true (has_match (m, from_import));
  g_clear_pointer (&m, g_ptr_array_unref);

  /* The repeat-caller hash: a client whose earlier call came from the same number. */
  caller = add_client (f, NULL, NULL);
  exec_sql (f, "INSERT INTO contacts (id, started_at, channel, client_id, caller_hash, created_at, updated_at)"
               " VALUES (70, 1700000000, 'free_dial', (SELECT max (id) FROM clients WHERE code LIKE 'C%'),"
               "  x'0102', 0, 0),"
               " (71, 1700100000, 'free_dial', NULL, x'0102', 0, 0)");
  contact = 71;
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, NULL, contact, 0, &error);
  g_assert_no_error (error);
  g_assert_true (has_match (m, caller));
  g_assert_true (((TsgClientMatch *) g_ptr_array_index (m, 0))->same_caller);
  g_clear_pointer (&m, g_ptr_array_unref);

  /* Looked at from the imported record, Hanako is offered; once a
   * counsellor decides they are two women, never again (either way round). */
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, "さとう はなこ", 0, from_import, &error);
  g_assert_true (has_match (m, hanako));
  g_clear_pointer (&m, g_ptr_array_unref);
  g_assert_true (tsg_store_keep_clients_apart (f->store, f->counsellor, from_import, hanako, &error));
  g_assert_no_error (error);
  g_assert_true (tsg_store_keep_clients_apart (f->store, f->counsellor, hanako, from_import, &error));
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, "さとう はなこ", 0, from_import, &error);
  g_assert_false (has_match (m, hanako));
  g_clear_pointer (&m, g_ptr_array_unref);
  m = tsg_store_find_duplicate_clients (f->store, f->counsellor, NULL, "さとう はなこ", 0, hanako, &error);
  g_assert_false (has_match (m, from_import));
  g_clear_pointer (&m, g_ptr_array_unref);
  g_assert_false (tsg_store_keep_clients_apart (f->store, f->counsellor, hanako, hanako, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tsg_store_keep_clients_apart (f->store, f->front_desk, hanako, other, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Front desk staff do not see clients. */
  m = tsg_store_find_duplicate_clients (f->store, f->front_desk, "佐藤 花子", NULL, 0, 0, &error);
  g_assert_null (m);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgClient) kept = NULL;
  g_autoptr(TsgClient) other_c = tsg_client_new ();
  gint64 keep = add_client (f, "佐藤 花子", NULL);
  gint64 other, case_id;
  gint64 audits;
  g_autofree char *sql = NULL;

  other_c->kana = g_strdup ("サトウ ハナコ");
  other_c->address_withheld = TRUE;
  other_c->address = g_strdup ("川崎市中原区1-2-3");
  other_c->never_call_back = TRUE;
  other_c->risk_level = g_strdup ("high");
  other = tsg_store_save_client (f->store, f->counsellor, other_c, &error);
  g_assert_no_error (error);
  case_id = open_case (f, other, 3);
  g_assert_cmpint (tsg_store_add_consent (f->store, f->counsellor, other, 10, "referral", NULL, &error), >, 0);
  sql = g_strdup_printf ("INSERT INTO contacts (started_at, channel, client_id, case_id, created_at, updated_at)"
                         " VALUES (1700000000, 'phone', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 0)",
                         other, case_id);
  exec_sql (f, sql);

  /* Herself: refused, nothing written */
  audits = audit_count (f);
  g_assert_false (tsg_store_merge_clients (f->store, f->counsellor, keep, keep, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "herself"));
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, audits);

  g_assert_true (tsg_store_merge_clients (f->store, f->counsellor, keep, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM clients"), ==, 2);   /* nothing deleted */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT merged_into FROM clients WHERE id = %" G_GINT64_FORMAT, other);
  g_assert_cmpint (query_int (f, sql), ==, keep);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT (SELECT count (*) FROM cases WHERE client_id = %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count (*) FROM contacts WHERE client_id = %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count (*) FROM consents WHERE client_id = %1$" G_GINT64_FORMAT ")", keep);
  g_assert_cmpint (query_int (f, sql), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'merge'"), ==, 2);

  kept = tsg_store_get_client (f->store, f->counsellor, keep, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->name, ==, "佐藤 花子");
  g_assert_cmpstr (kept->kana, ==, "サトウ ハナコ");   /* filled from the other */
  g_assert_true (kept->address_withheld);               /* the safer setting */
  g_assert_true (kept->never_call_back);
  g_assert_cmpstr (kept->risk_level, ==, "high");
  /* Consent follows her. */
  g_assert_true (tsg_store_consent_allows (f->store, f->counsellor, other, 10, "referral", NULL, &error));
  g_assert_true (tsg_store_consent_allows (f->store, f->counsellor, keep, 10, "referral", NULL, &error));

  /* Merged already: refused both ways */
  g_assert_false (tsg_store_merge_clients (f->store, f->counsellor, other, keep, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
}

/* --- the plan and contradictory dates ---------------------------------- */

static void
test_plan_dates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *before_opening = days_from_today (-40);
  g_autofree char *in_a_week = days_from_today (7);
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *yesterday = days_from_today (-1);
  gint64 case_id = open_case (f, add_client (f, NULL, NULL), 30);
  gint64 need, goal, task, audits;

  audits = audit_count (f);
  /* An empty need */
  g_assert_cmpint (tsg_store_add_need (f->store, f->counsellor, case_id, "housing", "   ", 1, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Need"));
  g_clear_error (&error);
  g_assert_cmpint (tsg_store_add_need (f->store, f->counsellor, case_id, "spaceship", "家", 1, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, audits);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM needs"), ==, 0);

  need = tsg_store_add_need (f->store, f->counsellor, case_id, "housing", "家賃の安い住まいを探す", 1, &error);
  g_assert_no_error (error);
  goal = tsg_store_add_goal (f->store, f->counsellor, case_id, need, "3か月以内に転居する", &error);
  g_assert_no_error (error);

  /* A task due before the case opened */
  g_assert_cmpint (tsg_store_add_task (f->store, f->counsellor, case_id, goal, "住宅課へ同行", 0,
                                       before_opening, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, before_opening));
  g_clear_error (&error);
  g_assert_cmpint (tsg_store_add_task (f->store, f->counsellor, case_id, goal, "住宅課へ同行", 0,
                                       "2025-02-30", &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM tasks"), ==, 0);
  task = tsg_store_add_task (f->store, f->counsellor, case_id, goal, "住宅課へ同行", 0, in_a_week, &error);
  g_assert_no_error (error);
  /* Done tomorrow: no */
  g_assert_false (tsg_store_set_task_done (f->store, f->counsellor, task, tomorrow, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A review in the future marked as held */
  audits = audit_count (f);
  g_assert_cmpint (tsg_store_record_plan_review (f->store, f->counsellor, case_id, tomorrow, "見直した",
                                                 NULL, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The next review before the review */
  g_assert_cmpint (tsg_store_record_plan_review (f->store, f->counsellor, case_id, yesterday, "見直した",
                                                 before_opening, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, audits);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM plan_reviews"), ==, 0);

  g_assert_cmpint (tsg_store_record_plan_review (f->store, f->counsellor, case_id, yesterday,
                                                 "住まいの候補が2件見つかった", in_a_week, &error), >, 0);
  g_assert_no_error (error);
  /* the next review is waiting */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM plan_reviews WHERE reviewed_on IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM timeline_events WHERE kind = 'plan_review'"), ==, 1);

  plan = tsg_store_case_plan (f->store, f->counsellor, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 5);   /* need, goal, task, review waiting, review held */
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (plan, 0), TSG_PLAN_COL_KIND), ==, "need");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (plan, 1), TSG_PLAN_COL_KIND), ==, "goal");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (plan, 2), TSG_PLAN_COL_KIND), ==, "task");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (plan, 2), TSG_PLAN_COL_DUE_ON), ==, in_a_week);
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (plan, 3), TSG_PLAN_COL_DUE_ON), ==, in_a_week);

  /* A closed case's plan is not changed. */
  g_assert_true (tsg_store_change_case_status (f->store, f->counsellor, case_id, "closed", "終結", NULL, &error));
  g_assert_cmpint (tsg_store_add_need (f->store, f->counsellor, case_id, "work", "仕事", 2, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
}

static void
test_template_and_due (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) fired = NULL;
  g_autofree char *start = days_from_today (-30);
  g_autofree char *d7 = days_from_today (-23);
  g_autofree char *d14 = days_from_today (-16);
  g_autofree char *today = tsg_date_today ();
  gint64 case_id = open_case (f, add_client (f, NULL, NULL), 31);
  gint64 need;
  gboolean claimed;

  need = tsg_store_apply_plan_template (f->store, f->counsellor, case_id, "housing", start, &error);
  g_assert_no_error (error);
  g_assert_cmpint (need, >, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM goals"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM tasks"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM tasks WHERE due_on = date ('now', 'localtime', '-23 days')"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM tasks WHERE due_on = date ('now', 'localtime')"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM plan_reviews WHERE next_review_on = date ('now', 'localtime')"), ==, 1);
  g_assert_cmpint (tsg_store_apply_plan_template (f->store, f->counsellor, case_id, "moon", NULL, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Due by today: the three tasks (+7, +14, +30) and the review (+30). */
  due = tsg_store_due_items (f->store, f->counsellor, today, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (due, 0), TSG_DUE_COL_DUE_ON), ==, d7);
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (due, 1), TSG_DUE_COL_DUE_ON), ==, d14);
  g_assert_cmpint (tsg_row_get_int (g_ptr_array_index (due, 0), TSG_DUE_COL_CASE_ID), ==, case_id);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = tsg_store_due_items (f->store, f->counsellor, d7, 0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Notifications fire once per task. */
  fired = tsg_store_take_due_notifications (f->store, f->counsellor, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fired->len, ==, 3);
  g_clear_pointer (&fired, g_ptr_array_unref);
  fired = tsg_store_take_due_notifications (f->store, f->counsellor, today, &error);
  g_assert_cmpuint (fired->len, ==, 0);

  /* The start-up digest: once a day. */
  claimed = tsg_store_claim_due_digest (f->store, f->counsellor, today, &error);
  g_assert_no_error (error);
  g_assert_true (claimed);
  g_assert_false (tsg_store_claim_due_digest (f->store, f->counsellor, today, &error));
  g_assert_no_error (error);

  /* Done tasks and closed cases drop out. */
  g_assert_true (tsg_store_change_case_status (f->store, f->counsellor, case_id, "closed", "転居した", NULL, &error));
  due = tsg_store_due_items (f->store, f->counsellor, today, 0, &error);
  g_assert_cmpuint (due->len, ==, 0);
}

/* --- consent ----------------------------------------------------------- */

static void
test_consent (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *ten_days_ago = days_from_today (-10);
  g_autofree char *twenty_days_ago = days_from_today (-20);
  g_autofree char *five_days_ago = days_from_today (-5);
  gint64 client = add_client (f, NULL, NULL);
  gint64 consent, audits;

  /* Nothing agreed: not allowed, and the guard refuses without a reason. */
  g_assert_false (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "referral", NULL, &error));
  g_assert_no_error (error);
  audits = audit_count (f);
  g_assert_false (tsg_store_require_consent (f->store, f->counsellor, client, 10, "referral", "  ", &error));
  g_assert_error (error, TSG_CASES_ERROR, TSG_CASES_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "ハローワーク川崎"));
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, audits);
  /* An override with a reason goes ahead and is audited. */
  g_assert_true (tsg_store_require_consent (f->store, f->counsellor, client, 10, "referral",
                                            "命に関わる緊急時のため", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'consent_override'"
                                 " AND detail LIKE '%緊急時%'"), ==, 1);

  /* Not in the future; withdrawn not before given */
  g_assert_cmpint (tsg_store_add_consent (f->store, f->counsellor, client, 10, "referral", tomorrow, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tsg_store_add_consent (f->store, f->counsellor, client, 10, "gossip", NULL, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  consent = tsg_store_add_consent (f->store, f->counsellor, client, 10, "referral", ten_days_ago, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "referral", NULL, &error));
  /* for that agency and scope only, and from the day she gave it */
  g_assert_false (tsg_store_consent_allows (f->store, f->counsellor, client, 11, "referral", NULL, &error));
  g_assert_false (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "letter", NULL, &error));
  g_assert_false (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "referral", twenty_days_ago, &error));
  g_assert_true (tsg_store_require_consent (f->store, f->counsellor, client, 10, "referral", NULL, &error));

  g_assert_false (tsg_store_withdraw_consent (f->store, f->counsellor, consent, twenty_days_ago, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tsg_store_withdraw_consent (f->store, f->counsellor, consent, five_days_ago, &error));
  g_assert_no_error (error);
  g_assert_false (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "referral", NULL, &error));
  g_assert_true (tsg_store_consent_allows (f->store, f->counsellor, client, 10, "referral", ten_days_ago, &error));

  /* A consent for any partner agency */
  g_assert_cmpint (tsg_store_add_consent (f->store, f->counsellor, client, 0, "letter", NULL, &error), >, 0);
  g_assert_true (tsg_store_consent_allows (f->store, f->counsellor, client, 11, "letter", NULL, &error));
  /* Front desk may ask (they refer callers), not record. */
  g_assert_true (tsg_store_consent_allows (f->store, f->front_desk, client, 11, "letter", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsg_store_add_consent (f->store, f->front_desk, client, 0, "letter", NULL, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
}

/* --- the timeline ------------------------------------------------------ */

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TsgRow) detail = NULL;
  TsgTimelineEntry entry = { 0 };
  gint64 client = add_client (f, NULL, NULL);
  gint64 case_id = open_case (f, client, 10);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *sql = NULL;

  /* An accompaniment needs its destination from the directory. */
  entry.case_id = case_id;
  entry.kind = g_strdup ("accompaniment");
  entry.title = g_strdup ("ハローワークへ同行");
  entry.body = g_strdup ("窓口で求職登録。次回は履歴書を持参する。");
  entry.travel_minutes = 25;
  entry.occurred_at = now - 3 * 86400;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Destination"));
  g_clear_error (&error);
  entry.service_id = 20;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), >, 0);
  g_assert_no_error (error);
  /* Not before the case opened, not in the future */
  entry.occurred_at = now - 30 * 86400;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.occurred_at = now + 2 * 86400;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  tsg_timeline_entry_clear (&entry);

  entry.case_id = case_id;
  entry.kind = g_strdup ("note");
  entry.body = g_strdup ("本人より電話。面接の日程が決まった。");
  entry.travel_minutes = -1;
  entry.occurred_at = now - 86400;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), >, 0);
  tsg_timeline_entry_clear (&entry);

  /* A contact from the call log, a referral and products handed over. */
  sql = g_strdup_printf (
    "INSERT INTO contacts (started_at, channel, summary, outcome, client_id, case_id, created_at, updated_at)"
    " VALUES (%1$" G_GINT64_FORMAT " - 2 * 86400, 'free_dial', '仕事が見つからず家賃が払えない', 'continuing',"
    "  %2$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 0, 0);"
    "INSERT INTO referrals (client_id, case_id, service_id, status, created_at, updated_at)"
    " VALUES (%2$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 21, 'sent', %1$" G_GINT64_FORMAT " - 5 * 86400, 0);"
    "INSERT INTO items (id, code, name, category) VALUES (1, 'PAD-D', 'ナプキン（昼用）', 'pads_day');"
    "INSERT INTO distribution_points (id, code, name, kind, is_office) VALUES (1, 'OFFICE', '事務所', 'office', 1);"
    "INSERT INTO stock_movements (occurred_at, kind, item_id, to_point_id, quantity, created_at)"
    " VALUES (%1$" G_GINT64_FORMAT " - 9 * 86400, 'receipt', 1, 1, 10, 0);"
    "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, quantity, client_id, case_id, created_at)"
    " VALUES (%1$" G_GINT64_FORMAT " - 4 * 86400, 'distribution', 1, 1, 2, %2$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 0);",
    now, client, case_id);
  exec_sql (f, sql);

  keys = tsg_store_timeline_keys (f->store, f->counsellor, case_id, NULL, &error);
  g_assert_no_error (error);
  /* status (opened), accompaniment, note, contact, referral, distribution */
  g_assert_cmpuint (keys->len, ==, 6);
  rows = tsg_store_fetch_timeline (f->store, f->counsellor, (gint64 *) keys->data, keys->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  /* newest first */
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_TIMELINE_COL_KIND), ==, "note");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 1), TSG_TIMELINE_COL_KIND), ==, "contact");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 2), TSG_TIMELINE_COL_KIND), ==, "accompaniment");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 2), TSG_TIMELINE_COL_DESTINATION), ==,
                   "ハローワーク川崎 — 職業相談窓口");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 2), TSG_TIMELINE_COL_TRAVEL), ==, "25");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 3), TSG_TIMELINE_COL_KIND), ==, "distribution");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 3), TSG_TIMELINE_COL_STATUS), ==, "2");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 4), TSG_TIMELINE_COL_KIND), ==, "referral");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 4), TSG_TIMELINE_COL_STATUS), ==, "sent");
  g_assert_cmpstr (tsg_row_get_value (g_ptr_array_index (rows, 5), TSG_TIMELINE_COL_KIND), ==, "status");

  /* Filtered by kind */
  g_clear_pointer (&keys, g_array_unref);
  keys = tsg_store_timeline_keys (f->store, f->counsellor, case_id, "accompaniment", &error);
  g_assert_cmpuint (keys->len, ==, 1);
  detail = tsg_store_get_timeline_entry (f->store, f->counsellor, g_array_index (keys, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tsg_row_get_value (detail, TSG_TIMELINE_COL_BODY), ==, "窓口で求職登録。次回は履歴書を持参する。");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'view'"
                                 " AND record_kind = 'case_timeline'"), ==, 2);

  /* A contact event standing for a contact does not show twice. */
  exec_sql (f, "INSERT INTO timeline_events (case_id, kind, occurred_at, ref_id, created_at)"
               " SELECT case_id, 'contact', started_at, id, 0 FROM contacts");
  g_clear_pointer (&keys, g_array_unref);
  keys = tsg_store_timeline_keys (f->store, f->counsellor, case_id, "contact", &error);
  g_assert_cmpuint (keys->len, ==, 1);
}

static void
test_open_from_contact (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgCase) kase = NULL;
  gint64 case_id, again;

  exec_sql (f, "INSERT INTO contacts (id, started_at, channel, age_band, municipality, summary, caller_hash,"
               " created_at, updated_at) VALUES (90, 1700000000, 'free_dial', '30s', '神奈川県川崎市中原区',"
               " '仕事を失い家賃が払えない', x'0a0b', 0, 0)");
  g_assert_cmpint (tsg_store_open_case_from_contact (f->store, f->front_desk, 90, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  case_id = tsg_store_open_case_from_contact (f->store, f->counsellor, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_id, >, 0);
  kase = tsg_store_get_case (f->store, f->counsellor, case_id, &error);
  g_assert_cmpstr (kase->status, ==, "intake");
  g_assert_cmpint (kase->lead_staff_id, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT case_id FROM contacts WHERE id = 90"), ==, case_id);
  g_assert_cmpint (query_int (f, "SELECT client_id FROM contacts WHERE id = 90"), ==, kase->client_id);
  /* her client record takes what the call said, and the caller hash */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM clients WHERE age_band = '30s'"
                                 " AND municipality = '神奈川県川崎市中原区' AND caller_hash = x'0a0b'"), ==, 1);
  /* Opening again opens the same case. */
  again = tsg_store_open_case_from_contact (f->store, f->counsellor, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, case_id);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM cases"), ==, 1);
}

static void
test_export_withholds_address (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgClient) c = tsg_client_new ();
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gint64 client, case_id;

  c->name = g_strdup ("田中 由美");
  c->address = g_strdup ("川崎市高津区溝口9-9-9");
  c->address_withheld = TRUE;
  c->safe_contact = g_strdup ("LINEのみ");
  client = tsg_store_save_client (f->store, f->counsellor, c, &error);
  g_assert_no_error (error);
  case_id = open_case (f, client, 5);
  g_assert_cmpint (tsg_store_add_need (f->store, f->counsellor, case_id, "dv", "加害者から離れる", 1, &error), >, 0);

  /* The counsellor sees it on screen … */
  g_clear_pointer (&c, tsg_client_free);
  c = tsg_store_get_client (f->store, f->counsellor, client, &error);
  g_assert_cmpstr (c->address, ==, "川崎市高津区溝口9-9-9");
  /* … but it never leaves in an export. */
  json = tsg_store_export_case_json (f->store, f->counsellor, case_id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (json, "溝口"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "clients")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "cases")), ==, 1);
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (root, "clients"), 0), "address_withheld"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (root, "cases"), 0), "needs")), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'export'"), ==, 1);
}


static void
test_records_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) other = NULL;
  g_autofree char *json_path = g_build_filename (f->dir, "records.json", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *one = NULL;
  TsgTimelineEntry entry = { 0 };
  gint64 client = add_client (f, "田中 由美", "タナカ ユミ");
  gint64 case_id = open_case (f, client, 20);
  gint64 need, goal;
  guint n = 0;
  sqlite3 *db;

  need = tsg_store_add_need (f->store, f->counsellor, case_id, "work", "安定した仕事に就く", 1, &error);
  goal = tsg_store_add_goal (f->store, f->counsellor, case_id, need, "求職登録をする", &error);
  g_assert_cmpint (tsg_store_add_task (f->store, f->counsellor, case_id, goal, "ハローワークへ同行", 0, NULL, &error), >, 0);
  g_assert_cmpint (tsg_store_add_consent (f->store, f->counsellor, client, 10, "referral", NULL, &error), >, 0);
  entry.case_id = case_id;
  entry.kind = g_strdup ("accompaniment");
  entry.body = g_strdup ("窓口で求職登録");
  entry.service_id = 20;
  entry.travel_minutes = 30;
  g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &entry, &error), >, 0);
  g_assert_no_error (error);
  tsg_timeline_entry_clear (&entry);
  sql = g_strdup_printf ("INSERT INTO contacts (started_at, channel, summary, client_id, case_id, created_at, updated_at)"
                         " VALUES (1700000000, 'phone', '求職の相談', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 0)",
                         client, case_id);
  exec_sql (f, sql);

  g_assert_true (tsg_records_export_file (f->store, tsg_store_get_system_actor (f->store), json_path, &error));
  g_assert_no_error (error);

  other = tsg_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO organizations (id, uid, name, updated_at) VALUES (10, 'org-hw', 'ハローワーク川崎', 0);"
                                     "INSERT INTO services (id, uid, organization_id, name, updated_at) VALUES (20, 'svc-hw', 10, '職業相談窓口', 0);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  tsg_records_import_file (other, tsg_store_get_system_actor (other), json_path, &n, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  {
    static const struct { const char *sql; gint64 expected; } checks[] = {
      { "SELECT count (*) FROM cases", 1 },
      { "SELECT count (*) FROM needs n JOIN goals g ON g.need_id = n.id JOIN tasks t ON t.goal_id = g.id", 1 },
      { "SELECT count (*) FROM timeline_events WHERE kind = 'accompaniment' AND service_id = 20 AND travel_minutes = 30", 1 },
      { "SELECT count (*) FROM consents WHERE organization_id = 10 AND scope = 'referral'", 1 },
      { "SELECT count (*) FROM contacts c JOIN cases k ON k.id = c.case_id AND k.client_id = c.client_id", 1 },
      { "SELECT count (*) FROM case_status_changes", 1 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        sqlite3_stmt *stmt;
        g_assert_cmpint (sqlite3_prepare_v2 (db, checks[i].sql, -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_test_message ("%s", checks[i].sql);
        g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, checks[i].expected);
        sqlite3_finalize (stmt);
      }
  }
  sqlite3_close (db);

  /* The one-case export names its case for the contacts too. */
  one = tsg_store_export_case_json (f->store, f->counsellor, case_id, &error);
  g_assert_nonnull (strstr (one, "\"case_ref\""));
  g_assert_nonnull (strstr (one, "\"distributions\""));
  {
    g_autofree char *w1 = g_strconcat (other_path, "-wal", NULL);
    g_autofree char *w2 = g_strconcat (other_path, "-shm", NULL);
    g_clear_object (&other);
    g_unlink (other_path); g_unlink (w1); g_unlink (w2); g_unlink (json_path);
  }
}

static void
test_summary_pdf_withholds_address (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgClient) c = tsg_client_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *pdf_path = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-enc", "UTF-8", NULL, "-", NULL };
  gint64 client, case_id;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  c->name = g_strdup ("田中 由美");
  c->address = g_strdup ("川崎市高津区溝口9-9-9");
  c->address_withheld = TRUE;
  c->never_call_back = TRUE;
  c->safe_contact = g_strdup ("LINEのみ");
  client = tsg_store_save_client (f->store, f->counsellor, c, &error);
  g_assert_no_error (error);
  case_id = open_case (f, client, 5);
  g_assert_cmpint (tsg_store_add_need (f->store, f->counsellor, case_id, "dv", "加害者から離れて安全を確保する", 1, &error), >, 0);

  pdf = tsg_case_summary_pdf (f->store, f->counsellor, case_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  argv[0] = pdftotext;
  argv[3] = pdf_path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "加害者から離れて安全を確保する"));
  g_assert_nonnull (strstr (text, "LINEのみ"));
  g_assert_null (strstr (text, "溝口"));   /* the withheld address stays withheld */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_log WHERE action = 'export' AND detail = 'pdf'"), ==, 1);
  g_unlink (pdf_path);
}

static void
test_timeline_model_pages (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgTimelineModel) model = NULL;
  g_autoptr(TsgRow) first = NULL;
  gint64 case_id = open_case (f, add_client (f, NULL, NULL), 30);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n;

  for (guint i = 0; i < 40; i++)
    {
      TsgTimelineEntry e = { case_id, (char *) "note", now - (gint64) (i + 1) * 3600, (char *) "", (char *) "電話で様子を確認", 0, -1 };
      g_assert_cmpint (tsg_store_add_timeline_entry (f->store, f->counsellor, &e, &error), >, 0);
    }
  model = tsg_timeline_model_new (f->store, f->counsellor, case_id);
  g_assert_true (tsg_timeline_model_reload (model, &error));
  /* 40 notes and the opening of the case; the view gets a screenful first. */
  g_assert_cmpuint (tsg_keyed_model_get_total (TSG_KEYED_MODEL (model)), ==, 41);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, <, 41);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (tsg_row_get_int (first, TSG_TIMELINE_COL_OCCURRED_AT), ==, now - 3600);
  g_assert_cmpuint (tsg_keyed_model_get_cached (TSG_KEYED_MODEL (model)), <=, 32);
  /* Scrolled near the end: the next page comes, up to everything. */
  for (guint i = 0; i < 5; i++)
    {
      tsg_keyed_model_grow (TSG_KEYED_MODEL (model));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 41);
  tsg_timeline_model_set_kind (model, "status");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cases/status-flow-rules", test_status_flow_rules);
  g_test_add_func ("/cases/name-folding", test_name_folding);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cases/status-change", test_status_change);
  ADD ("/cases/duplicates", test_duplicates);
  ADD ("/cases/merge", test_merge);
  ADD ("/cases/plan-dates", test_plan_dates);
  ADD ("/cases/template-and-due", test_template_and_due);
  ADD ("/cases/consent", test_consent);
  ADD ("/cases/timeline", test_timeline);
  ADD ("/cases/timeline-model-pages", test_timeline_model_pages);
  ADD ("/cases/open-from-contact", test_open_from_contact);
  ADD ("/cases/export-withholds-address", test_export_withholds_address);
  ADD ("/cases/records-round-trip", test_records_round_trip);
  ADD ("/cases/summary-pdf-withholds-address", test_summary_pdf_withholds_address);
#undef ADD
  return g_test_run ();
}

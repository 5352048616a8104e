/* test-reports.c: the KPI report against figures worked out by hand
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are written with plain SQL on a second connection (a test-only
 * helper): the report must count what is in the tables, whoever wrote it.
 * The office's zone is Asia/Tokyo (set in main), so the month boundaries are
 * JST midnights, nine hours before the UTC ones.
 */
#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "tsg-store-reports.h"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *coordinator;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-reports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  f->coordinator = tsg_actor_new (2, TSG_ROLE_COORDINATOR, "Coordinator");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  tsg_actor_unref (f->coordinator);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs @sql on a second connection to the fixture's file. */
static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Unix seconds of a wall-clock time in Tokyo. */
static gint64
jst (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static void
add_contact (Fixture    *f,
             gint64      at,
             const char *channel,
             const char *call_type,
             gboolean    first,
             const char *age_band,
             gint64      client_id,
             const char *municipality,
             const char *heard_via,
             gboolean    deleted)
{
  g_autofree char *client = client_id ? g_strdup_printf ("%" G_GINT64_FORMAT, client_id) : g_strdup ("NULL");
  g_autofree char *muni = municipality ? g_strdup_printf ("'%s'", municipality) : g_strdup ("NULL");
  g_autofree char *heard = heard_via ? g_strdup_printf ("'%s'", heard_via) : g_strdup ("NULL");
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO contacts (started_at, channel, call_type, first_contact, age_band,"
                     " municipality, heard_via, client_id, deleted_at, created_at, updated_at)"
                     " VALUES (%" G_GINT64_FORMAT ", '%s', '%s', %d, '%s', %s, %s, %s, %s, 0, 0)",
                     at, channel, call_type, first, age_band, muni, heard, client,
                     deleted ? "1" : "NULL");
  exec_sql (f, sql);
}

static void
add_clients (Fixture *f,
             guint    n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO clients (id, code, created_at, updated_at)"
                                              " VALUES (%u, 'C-%u', 0, 0)", i, i);
      exec_sql (f, sql);
    }
}

static TsgKpiReport *
report (Fixture *f,
        int      fiscal_year)
{
  g_autoptr(GError) error = NULL;
  TsgKpiReport *r = tsg_store_kpi_report (f->store, f->coordinator, fiscal_year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static TsgKpiRow *
row (TsgKpiTable *table,
     const char  *key)
{
  TsgKpiRow *r = tsg_kpi_table_find_row (table, key);

  g_assert_nonnull (r);
  return r;
}

/* The known dataset of fiscal year 2023 (April 2023 – March 2024):
 *
 *   when (JST)              channel    type    first client notes
 *   2023-03-31 23:59:59     free_dial  data    1     -      FY2022, March: previous year
 *   2023-04-01 00:30        free_dial  data    1     1      April (15:30 UTC on March 31st)
 *   2023-05-10 14:00        phone      data    1     -      May, anonymous
 *   2023-05-11 10:00        free_dial  silent  0     -      not a consultation
 *   2023-06-01 11:00        free_dial  data    1     2      deleted: not counted
 *   2023-06-02 11:00        free_dial  data    0     2      June
 *   2024-03-31 23:59        line       data    0     1      March
 *   2024-04-01 00:00        line       data    1     3      FY2024
 *
 * By hand: 4 data contacts (April, May, June, March: one each), 2 distinct
 * clients, 1 anonymous, 2 first contacts (ratio 0.5), free-dial 2 contacts
 * of which 1 first (0.5), line 1, phone 1, 1 non-data call.
 */
static void
add_known_year (Fixture *f)
{
  add_clients (f, 3);
  add_contact (f, jst (2023, 3, 31, 23, 59, 59), "free_dial", "data", TRUE, "30s", 0, NULL, NULL, FALSE);
  add_contact (f, jst (2023, 4, 1, 0, 30, 0), "free_dial", "data", TRUE, "20s", 1, "川崎市", "KWS-CITY", FALSE);
  add_contact (f, jst (2023, 5, 10, 14, 0, 0), "phone", "data", TRUE, "teens", 0, NULL, NULL, FALSE);
  add_contact (f, jst (2023, 5, 11, 10, 0, 0), "free_dial", "silent", FALSE, "unknown", 0, NULL, NULL, FALSE);
  add_contact (f, jst (2023, 6, 1, 11, 0, 0), "free_dial", "data", TRUE, "40s", 2, "横浜市", NULL, TRUE);
  add_contact (f, jst (2023, 6, 2, 11, 0, 0), "free_dial", "data", FALSE, "40s", 2, "横浜市", NULL, FALSE);
  add_contact (f, jst (2024, 3, 31, 23, 59, 0), "line", "data", FALSE, "20s", 1, "川崎市", NULL, FALSE);
  add_contact (f, jst (2024, 4, 1, 0, 0, 0), "line", "data", TRUE, "20s", 3, NULL, NULL, FALSE);
}

static void
test_known_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  static const gint64 expected_months[12] = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  double ratio;

  add_known_year (f);
  r = report (f, 2023);

  g_assert_cmpint (r->total_contacts.value, ==, 4);
  g_assert_cmpint (r->unique_clients.value, ==, 2);
  g_assert_cmpint (r->anonymous_contacts.value, ==, 1);
  g_assert_cmpint (r->first_contacts.value, ==, 2);
  g_assert_cmpint (r->non_data_contacts.value, ==, 1);
  g_assert_cmpint (row (r->non_data_by_type, "silent")->cells[0].value, ==, 1);
  g_assert_true (tsg_kpi_report_get_actual (r, TSG_KPI_FIRST_CONTACT_RATIO, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 0.5, 1e-9);

  /* The month boundary is the local midnight. */
  g_assert_cmpuint (r->monthly->rows->len, ==, 12);
  for (guint m = 0; m < 12; m++)
    {
      TsgKpiRow *month = g_ptr_array_index (r->monthly->rows, m);
      g_assert_cmpint (month->cells[0].value, ==, expected_months[m]);
    }
  g_assert_cmpstr (row (r->monthly, "2023-04")->key, ==, "2023-04");
  g_assert_cmpstr (((TsgKpiRow *) g_ptr_array_index (r->monthly->rows, 11))->key, ==, "2024-03");
  /* The previous year's March holds the call at 23:59:59 on March 31st. */
  g_assert_cmpint (row (r->monthly, "2024-03")->cells[1].value, ==, 1);
  g_assert_cmpint (r->monthly->totals[1].value, ==, 1);
  g_assert_cmpint (r->monthly->totals[2].value, ==, 0);

  g_assert_cmpint (row (r->by_channel, "free_dial")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->by_channel, "free_dial")->cells[1].value, ==, 1);
  g_assert_true (tsg_kpi_report_get_actual (r, TSG_KPI_FIRST_CONTACT_RATIO_FREE_DIAL, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 0.5, 1e-9);
  g_assert_cmpint (row (r->by_channel, "line")->cells[0].value, ==, 1);
  g_assert_cmpint (row (r->by_channel, "phone")->cells[0].value, ==, 1);
  g_assert_cmpint (r->by_channel->totals[0].value, ==, 4);

  g_assert_cmpint (row (r->by_age_band, "20s")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->by_age_band, "teens")->cells[0].value, ==, 1);
  g_assert_true (tsg_kpi_report_get_young_share (r, &ratio));
  g_assert_cmpfloat_with_epsilon (ratio, 0.75, 1e-9);

  g_assert_cmpint (row (r->by_municipality, "川崎市")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->by_municipality, "横浜市")->cells[0].value, ==, 1);
  g_assert_cmpstr (row (r->by_municipality, "")->label, ==, "Not recorded");
  g_assert_cmpint (row (r->by_municipality, "")->cells[0].value, ==, 1);
  g_assert_cmpint (r->by_municipality->totals[0].value, ==, 4);

  g_assert_cmpint (r->attributed_contacts.value, ==, 1);
  g_assert_cmpint (row (r->contacts_by_point, "KWS-CITY")->cells[0].value, ==, 1);
}

/* The same dataset through the worker thread and its second connection. */
static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TsgKpiReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = tsg_store_kpi_report_finish (TSG_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;

  add_known_year (f);
  tsg_store_kpi_report_async (f->store, f->coordinator, 2023, NULL, report_ready_cb, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (r->total_contacts.value, ==, 4);
  g_assert_cmpint (r->unique_clients.value, ==, 2);
}

/* first_contact is 0 or 1 as the store writes it; any other true value
 * (an import, an older version) still counts as a first contact. */
static void
test_first_contact_values (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;

  add_known_year (f);
  exec_sql (f, "UPDATE contacts SET first_contact = 2 WHERE id = 3");
  r = report (f, 2023);
  g_assert_cmpint (r->first_contacts.value, ==, 2);
  g_assert_cmpint (row (r->by_channel, "phone")->cells[1].value, ==, 1);
  g_assert_cmpint (r->by_channel->totals[0].value, ==, 4);
}

static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;

  add_known_year (f);
  /* contact 2 (April): dv and housing; 3 (May): dv; 4 (silent): ignored.
   * Written as the contacts store writes them: the list on the row and one
   * contact_topics row each. */
  exec_sql (f, "INSERT INTO contact_topics VALUES (2, 'dv'), (2, 'housing'), (3, 'dv'), (4, 'work');"
               "UPDATE contacts SET topics = 'dv housing' WHERE id = 2;"
               "UPDATE contacts SET topics = 'dv' WHERE id = 3;"
               "UPDATE contacts SET topics = 'work' WHERE id = 4;");
  r = report (f, 2023);
  g_assert_cmpint (row (r->by_topic, "dv")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->by_topic, "housing")->cells[0].value, ==, 1);
  g_assert_cmpint (row (r->by_topic, "work")->cells[0].value, ==, 0);
}

static void
test_zero_year (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *o;
  double ratio;

  add_known_year (f);
  r = report (f, 2010);
  g_assert_cmpint (r->total_contacts.value, ==, 0);
  g_assert_cmpint (r->unique_clients.value, ==, 0);
  g_assert_cmpuint (r->monthly->rows->len, ==, 12);
  g_assert_false (tsg_kpi_report_get_actual (r, TSG_KPI_FIRST_CONTACT_RATIO, &ratio));
  json = tsg_kpi_report_to_json (r);
  o = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (o, "total_contacts"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "first_contact_ratio"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "monthly")), ==, 12);
}

static void
test_bad_year_and_role (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) front_desk = tsg_actor_new (3, TSG_ROLE_FRONT_DESK, "Front desk");
  TsgKpiReport *r;

  r = tsg_store_kpi_report (f->store, f->coordinator, 1999, &error);
  g_assert_null (r);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1999"));
  g_clear_error (&error);
  r = tsg_store_kpi_report (f->store, f->coordinator, 2101, &error);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  r = tsg_store_kpi_report (f->store, front_desk, 2023, &error);
  g_assert_null (r);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
}

/* --- publication ------------------------------------------------------ */

static void
add_n_contacts (Fixture    *f,
                guint       n,
                const char *channel)
{
  for (guint i = 0; i < n; i++)
    add_contact (f, jst (2023, 7, 1 + i % 28, 10, 0, 0), channel, "data", FALSE, "30s", 0, NULL, NULL, FALSE);
}

static void
test_publication_one_way (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(TsgKpiReport) p = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *o, *channels;
  double ratio;

  /* free-dial 50, LINE 5, e-mail 30: LINE is small. Left alone, 85 − 50 −
   * 30 would give it back, so the next smallest (e-mail) is withheld. */
  add_n_contacts (f, 50, "free_dial");
  add_n_contacts (f, 5, "line");
  add_n_contacts (f, 30, "email");
  r = report (f, 2023);
  p = tsg_kpi_report_for_publication (r);

  g_assert_true (p->publication);
  g_assert_cmpint (row (p->by_channel, "line")->cells[0].state, ==, TSG_CELL_SMALL);
  g_assert_cmpint (row (p->by_channel, "email")->cells[0].state, ==, TSG_CELL_WITHHELD);
  g_assert_cmpint (row (p->by_channel, "free_dial")->cells[0].state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (row (p->by_channel, "phone")->cells[0].state, ==, TSG_CELL_SHOWN);   /* 0 */
  g_assert_cmpint (p->by_channel->totals[0].state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (p->total_contacts.state, ==, TSG_CELL_SHOWN);
  /* The ratio of a hidden count is not shown either. */
  g_assert_false (tsg_kpi_table_get_ratio (p->by_channel, row (p->by_channel, "line"), &ratio));
  g_assert_true (tsg_kpi_table_get_ratio (p->by_channel, row (p->by_channel, "free_dial"), &ratio));
  /* The source report is untouched. */
  g_assert_cmpint (row (r->by_channel, "line")->cells[0].state, ==, TSG_CELL_SHOWN);

  json = tsg_kpi_report_to_json (p);
  o = json_node_get_object (json);
  channels = json_object_get_object_member (o, "by_channel");
  g_assert_cmpstr (json_object_get_string_member (channels, "line"), ==, "<10");
  g_assert_true (json_object_get_null_member (channels, "email"));
  g_assert_cmpint (json_object_get_int_member (channels, "free_dial"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (o, "total_contacts"), ==, 85);
  g_assert_true (json_object_get_boolean_member (o, "publication"));
}

static void
add_point_and_items (Fixture *f)
{
  exec_sql (f,
    "INSERT INTO distribution_points (id, code, name, kind, is_office) VALUES"
    " (1, 'OFFICE', '事務所', 'office', 1), (2, 'A', '図書館', 'library', 0), (3, 'B', '書店', 'bookshop', 0);"
    "INSERT INTO items (id, code, name, category) VALUES (1, 'PAD', 'ナプキン', 'pads_day'), (2, 'LINER', 'シート', 'liners');");
}

static void
distribute (Fixture *f,
            int      point,
            int      item,
            int      quantity)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO stock_movements (occurred_at, kind, item_id, to_point_id, quantity, created_at)"
                     " VALUES (%1$" G_GINT64_FORMAT ", 'receipt', %3$d, %2$d, %4$d, 0);"
                     "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, quantity, created_at)"
                     " VALUES (%1$" G_GINT64_FORMAT ", 'distribution', %3$d, %2$d, %4$d, 0)",
                     jst (2023, 9, 1, 12, 0, 0), point, item, quantity);
  exec_sql (f, sql);
}

static void
test_publication_two_way (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(TsgKpiReport) p = NULL;
  TsgKpiTable *t;
  TsgKpiRow *a, *b;

  /*          PAD  LINER | total
   *   A        5     20 |    25
   *   B       30     40 |    70
   *   total   35     60 |    95
   *
   * A/PAD is small. Column PAD then has one hidden cell: B/PAD (30) is
   * withheld; row A has one: A/LINER (20) is withheld; that leaves row B
   * with one: B/LINER (40) is withheld. Every line now hides two cells or
   * none, and every total is published. */
  add_point_and_items (f);
  distribute (f, 2, 1, 5);
  distribute (f, 2, 2, 20);
  distribute (f, 3, 1, 30);
  distribute (f, 3, 2, 40);
  r = report (f, 2023);
  t = r->distributions_by_point;
  a = row (t, "A");
  b = row (t, "B");
  g_assert_cmpint (a->total.value, ==, 25);
  g_assert_cmpint (t->grand_total.value, ==, 95);
  g_assert_cmpint (r->distributions.value, ==, 95);
  g_assert_cmpint (t->totals[tsg_kpi_table_column (t, "PAD")].value, ==, 35);

  p = tsg_kpi_report_for_publication (r);
  t = p->distributions_by_point;
  a = row (t, "A");
  b = row (t, "B");
  g_assert_cmpint (a->cells[tsg_kpi_table_column (t, "PAD")].state, ==, TSG_CELL_SMALL);
  g_assert_cmpint (b->cells[tsg_kpi_table_column (t, "PAD")].state, ==, TSG_CELL_WITHHELD);
  g_assert_cmpint (a->cells[tsg_kpi_table_column (t, "LINER")].state, ==, TSG_CELL_WITHHELD);
  g_assert_cmpint (b->cells[tsg_kpi_table_column (t, "LINER")].state, ==, TSG_CELL_WITHHELD);
  g_assert_cmpint (a->total.state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (b->total.state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (t->grand_total.state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (p->distributions.state, ==, TSG_CELL_SHOWN);
}

/* A hidden count cannot come back through a total: checked over every
 * table of a publication report with many small cells. */
static gboolean
line_is_safe (TsgKpiCell **cells,
              guint        n)
{
  guint hidden = 0;

  for (guint i = 0; i < n; i++)
    hidden += cells[i]->state != TSG_CELL_SHOWN;
  return hidden != 1;
}

static void
test_publication_invariant (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(TsgKpiReport) p = NULL;

  add_known_year (f);
  add_n_contacts (f, 12, "free_dial");
  add_n_contacts (f, 3, "email");
  add_point_and_items (f);
  distribute (f, 2, 1, 3);
  distribute (f, 3, 2, 50);
  distribute (f, 3, 1, 11);
  r = report (f, 2023);
  p = tsg_kpi_report_for_publication (r);

  for (guint i = 0; i < tsg_kpi_report_get_n_tables (p); i++)
    {
      TsgKpiTable *t = tsg_kpi_report_get_table (p, i);
      g_autofree TsgKpiCell **line = g_new (TsgKpiCell *, MAX (t->rows->len, t->n_columns) + 1);

      for (guint k = 0; k < t->rows->len; k++)
        for (guint c = 0; c < t->n_columns; c++)
          {
            TsgKpiCell *cell = &((TsgKpiRow *) g_ptr_array_index (t->rows, k))->cells[c];
            if (cell->value >= 1 && cell->value <= 9)
              g_assert_cmpint (cell->state, !=, TSG_CELL_SHOWN);
          }
      if (t->flags & TSG_KPI_TABLE_COLUMN_TOTALS)
        for (guint c = 0; c < t->n_columns; c++)
          {
            for (guint k = 0; k < t->rows->len; k++)
              line[k] = &((TsgKpiRow *) g_ptr_array_index (t->rows, k))->cells[c];
            line[t->rows->len] = &t->totals[c];
            g_assert_true (line_is_safe (line, t->rows->len + 1));
          }
      if (t->flags & TSG_KPI_TABLE_ROW_TOTALS)
        for (guint k = 0; k < t->rows->len; k++)
          {
            TsgKpiRow *rr = g_ptr_array_index (t->rows, k);
            for (guint c = 0; c < t->n_columns; c++)
              line[c] = &rr->cells[c];
            line[t->n_columns] = &rr->total;
            g_assert_true (line_is_safe (line, t->n_columns + 1));
          }
    }
  /* 4 + 12 + 3 contacts: the total (19) is published, the small ones not. */
  g_assert_cmpint (p->total_contacts.state, ==, TSG_CELL_SHOWN);
  g_assert_cmpint (p->unique_clients.state, ==, TSG_CELL_SMALL);
  g_assert_cmpint (p->non_data_contacts.state, ==, TSG_CELL_SMALL);
}

/* --- writers ---------------------------------------------------------- */

static void
test_json_contract (Fixture       *f,
                    gconstpointer  data)
{
  static const char *keys[] = {
    "fiscal_year", "label", "monthly", "total_contacts", "unique_clients", "first_contact_ratio",
    "by_channel", "by_age_band", "accompaniments", "outreach", "referrals", "distributions",
    "non_data_contacts", "anonymous_contacts", "by_topic", "by_municipality",
    "accompaniments_by_destination", "referrals_by_category", "distributions_by_point",
    "contacts_by_distribution_point", "trainings", "usefulness_rate", "targets",
  };
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;
  JsonArray *monthly;

  add_known_year (f);
  r = report (f, 2023);
  json = tsg_kpi_report_to_json (r);
  json_generator_set_root (gen, json);
  text = json_generator_to_data (gen, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_cmpint (json_object_get_int_member (o, "fiscal_year"), ==, 2023);
  g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "FY2023");
  g_assert_cmpint (json_object_get_int_member (o, "total_contacts"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "unique_clients"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "anonymous_contacts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "non_data_contacts"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "first_contact_ratio"), 0.5, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "by_channel"), "free_dial"), ==, 2);
  monthly = json_object_get_array_member (o, "monthly");
  g_assert_cmpuint (json_array_get_length (monthly), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (monthly, 0), "month"), ==, "2023-04");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (monthly, 0), "contacts"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (monthly, 11), "month"), ==, "2024-03");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (monthly, 11), "contacts"), ==, 1);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const char *csv;
  gsize len;

  add_clients (f, 1);
  add_contact (f, jst (2023, 4, 3, 10, 0, 0), "phone", "data", TRUE, "30s", 1, "市, \"町\"", NULL, FALSE);
  add_contact (f, jst (2023, 4, 3, 11, 0, 0), "phone", "data", TRUE, "30s", 1, "=1+2", NULL, FALSE);
  r = report (f, 2023);
  bytes = tsg_kpi_report_to_csv (r);
  csv = g_bytes_get_data (bytes, &len);
  text = g_strndup (csv, len);

  g_assert_true (len > 3 && memcmp (csv, "\xEF\xBB\xBF", 3) == 0);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Every line ends with CRLF: no bare LF, no bare CR. */
  for (gsize i = 0; i < len; i++)
    {
      if (csv[i] == '\n')
        g_assert_true (i > 0 && csv[i - 1] == '\r');
      if (csv[i] == '\r')
        g_assert_true (i + 1 < len && csv[i + 1] == '\n');
    }
  g_assert_nonnull (strstr (text, "\r\n\"市, \"\"町\"\"\",1\r\n"));
  /* A formula-like text stays text. */
  g_assert_nonnull (strstr (text, "\r\n\"'=1+2\",1\r\n"));
  g_assert_nonnull (strstr (text, "\r\nContacts,2\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFirst-contact ratio,100.0%\r\n"));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(TsgKpiReport) p = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  const char *bytes;
  gsize len;

  add_known_year (f);
  r = report (f, 2023);
  p = tsg_kpi_report_for_publication (r);
  pdf = tsg_kpi_report_to_pdf (p, "つながりサポート", &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (pdf, &len);
  g_assert_true (len > 1000 && memcmp (bytes, "%PDF-", 5) == 0);
  /* cairo embeds the font subset: a FontFile stream is there. */
  g_assert_nonnull (memmem (bytes, len, "/FontFile", 9));
}

/* --- cases, referrals, stock ----------------------------------------- */

static void
test_activities (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autofree char *sql = NULL;
  gint64 in_year = jst (2023, 8, 1, 10, 0, 0), before = jst (2023, 3, 31, 23, 0, 0);

  add_clients (f, 1);
  add_point_and_items (f);
  sql = g_strdup_printf (
    "INSERT INTO organizations (id, uid, name, category, updated_at) VALUES"
    " (1, 'hw', 'ハローワーク', 'work', 0), (2, 'sk', '社会福祉協議会', 'welfare', 0);"
    "INSERT INTO services (id, uid, organization_id, name, updated_at) VALUES"
    " (1, 's1', 1, '職業相談', 0), (2, 's2', 2, '生活福祉資金', 0), (3, 's3', 1, 'マザーズ', 0);"
    "INSERT INTO cases (id, client_id, opened_at, updated_at) VALUES (1, 1, 0, 0);"
    "INSERT INTO timeline_events (case_id, kind, occurred_at, service_id, created_at) VALUES"
    " (1, 'accompaniment', %1$" G_GINT64_FORMAT ", 1, 0), (1, 'accompaniment', %1$" G_GINT64_FORMAT ", 3, 0),"
    " (1, 'accompaniment', %1$" G_GINT64_FORMAT ", 2, 0), (1, 'accompaniment', %1$" G_GINT64_FORMAT ", NULL, 0),"
    " (1, 'accompaniment', %2$" G_GINT64_FORMAT ", 1, 0),"
    " (1, 'outreach', %1$" G_GINT64_FORMAT ", NULL, 0), (1, 'outreach', %1$" G_GINT64_FORMAT ", NULL, 0),"
    " (1, 'note', %1$" G_GINT64_FORMAT ", NULL, 0);"
    "INSERT INTO referrals (client_id, case_id, service_id, created_at, updated_at) VALUES"
    " (1, 1, 1, %1$" G_GINT64_FORMAT ", 0), (1, 1, 2, %1$" G_GINT64_FORMAT ", 0), (1, 1, 3, %1$" G_GINT64_FORMAT ", 0),"
    " (1, 1, 3, %2$" G_GINT64_FORMAT ", 0);",
    in_year, before);
  exec_sql (f, sql);
  distribute (f, 2, 1, 7);
  distribute (f, 2, 1, 4);
  distribute (f, 3, 2, 12);

  r = report (f, 2023);
  /* Two at Hello Work (two services), one at the council, one unrecorded;
   * the one of March 2023 belongs to the year before. */
  g_assert_cmpint (r->accompaniments.value, ==, 4);
  g_assert_cmpint (row (r->accompaniments_by_destination, "hw")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->accompaniments_by_destination, "sk")->cells[0].value, ==, 1);
  g_assert_cmpint (row (r->accompaniments_by_destination, "")->cells[0].value, ==, 1);
  g_assert_cmpint (r->outreach.value, ==, 2);
  g_assert_cmpint (r->referrals.value, ==, 3);
  g_assert_cmpint (row (r->referrals_by_category, "work")->cells[0].value, ==, 2);
  g_assert_cmpint (row (r->referrals_by_category, "welfare")->cells[0].value, ==, 1);
  g_assert_cmpint (r->distributions.value, ==, 23);
  g_assert_cmpint (row (r->distributions_by_point, "A")->cells[tsg_kpi_table_column (r->distributions_by_point, "PAD")].value, ==, 11);
  g_assert_cmpint (row (r->distributions_by_point, "B")->total.value, ==, 12);
}

/* --- trainings and targets ------------------------------------------- */

static gint64
save_training (Fixture    *f,
               const char *held_on,
               int         very_good,
               int         good,
               int         neutral)
{
  g_autoptr(TsgTraining) t = tsg_training_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  t->held_on = g_strdup (held_on);
  t->theme = g_strdup ("相談対応の基礎");
  g_free (t->mode);
  t->mode = g_strdup ("online");
  t->survey[TSG_SURVEY_VERY_GOOD] = very_good;
  t->survey[TSG_SURVEY_GOOD] = good;
  t->survey[TSG_SURVEY_NEUTRAL] = neutral;
  tsg_training_add_group (t, "市町村職員", 12);
  tsg_training_add_group (t, "NPO", 8);
  id = tsg_store_save_training (f->store, f->coordinator, t, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_trainings (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(TsgTraining) bad = tsg_training_new ();
  g_autoptr(GError) error = NULL;
  TsgTraining *t;
  double rate;
  gint64 id;

  /* Kanagawa's first training: 20 + 10 of 33 answers = 90.9 %. */
  id = save_training (f, "2023-06-10", 20, 10, 3);
  save_training (f, "2024-04-01", 1, 1, 1);   /* next fiscal year */
  list = tsg_store_list_trainings (f->store, f->coordinator, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  t = g_ptr_array_index (list, 0);
  g_assert_cmpint (t->id, ==, id);
  g_assert_cmpstr (t->mode, ==, "online");
  g_assert_cmpint (tsg_training_get_participants (t), ==, 20);
  g_assert_true (tsg_training_get_usefulness_rate (t, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 30.0 / 33.0, 1e-9);

  r = report (f, 2023);
  g_assert_cmpint (r->training_sessions.value, ==, 1);
  g_assert_cmpint (r->training_participants.value, ==, 20);
  g_assert_cmpint (r->training_participants_by_session->totals[tsg_kpi_table_column (r->training_participants_by_session, "市町村職員")].value, ==, 12);
  g_assert_true (tsg_kpi_report_get_usefulness_rate (r, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 30.0 / 33.0, 1e-9);

  /* Edit, then delete. */
  t->survey[TSG_SURVEY_NEUTRAL] = 0;
  g_assert_cmpint (tsg_store_save_training (f->store, f->coordinator, t, &error), ==, id);
  g_assert_no_error (error);
  g_clear_pointer (&r, tsg_kpi_report_unref);
  r = report (f, 2023);
  g_assert_true (tsg_kpi_report_get_usefulness_rate (r, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 1.0, 1e-9);
  g_assert_true (tsg_store_delete_training (f->store, f->coordinator, id, &error));
  g_assert_no_error (error);
  g_assert_false (tsg_store_delete_training (f->store, f->coordinator, id, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad input names the field and changes nothing. */
  bad->held_on = g_strdup ("2023-02-30");
  bad->theme = g_strdup ("x");
  g_assert_cmpint (tsg_store_save_training (f->store, f->coordinator, bad, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2023-02-30"));
  g_clear_error (&error);
  g_free (bad->held_on);
  bad->held_on = g_strdup ("2023-07-01");
  tsg_training_add_group (bad, "NPO", -1);
  g_assert_cmpint (tsg_store_save_training (f->store, f->coordinator, bad, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_error (&error);
  list = tsg_store_list_trainings (f->store, f->coordinator, 2023, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TsgKpiReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgKpiGrid) grid = NULL;
  double targets[TSG_N_KPIS], actual;

  add_known_year (f);
  g_assert_true (tsg_store_set_target (f->store, f->coordinator, 2023, TSG_KPI_TOTAL_CONTACTS, 5, &error));
  g_assert_true (tsg_store_set_target (f->store, f->coordinator, 2023, TSG_KPI_FIRST_CONTACT_RATIO, 0.4, &error));
  g_assert_true (tsg_store_set_target (f->store, f->coordinator, 2023, TSG_KPI_OUTREACH, 3, &error));
  g_assert_true (tsg_store_set_target (f->store, f->coordinator, 2023, TSG_KPI_OUTREACH, NAN, &error));
  g_assert_no_error (error);
  g_assert_false (tsg_store_set_target (f->store, f->coordinator, 2023, TSG_KPI_FIRST_CONTACT_RATIO, 1.5, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (tsg_store_get_targets (f->store, f->coordinator, 2023, targets, &error));
  g_assert_cmpfloat (targets[TSG_KPI_TOTAL_CONTACTS], ==, 5);
  g_assert_true (isnan (targets[TSG_KPI_OUTREACH]));

  r = report (f, 2023);
  g_assert_true (tsg_kpi_report_get_actual (r, TSG_KPI_TOTAL_CONTACTS, &actual));
  g_assert_cmpfloat (actual / r->targets[TSG_KPI_TOTAL_CONTACTS], ==, 0.8);
  grid = tsg_kpi_report_targets_grid (r);
  g_assert_cmpuint (grid->rows->len, ==, 3);   /* header and two targets */
  g_assert_cmpstr (((GStrv) g_ptr_array_index (grid->rows, 1))[3], ==, "80.0%");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (grid->rows, 2))[3], ==, "125.0%");
}

int
main (int    argc,
      char **argv)
{
  /* The office's zone: every boundary in these tests is a JST midnight. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/reports/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("known-year", test_known_year);
  ADD ("async", test_async);
  ADD ("topics", test_topics);
  ADD ("first-contact-values", test_first_contact_values);
  ADD ("zero-year", test_zero_year);
  ADD ("bad-year-and-role", test_bad_year_and_role);
  ADD ("publication/one-way", test_publication_one_way);
  ADD ("publication/two-way", test_publication_two_way);
  ADD ("publication/invariant", test_publication_invariant);
  ADD ("json-contract", test_json_contract);
  ADD ("csv", test_csv);
  ADD ("pdf", test_pdf);
  ADD ("activities", test_activities);
  ADD ("trainings", test_trainings);
  ADD ("targets", test_targets);
#undef ADD
  return g_test_run ();
}

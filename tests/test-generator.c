/* test-generator.c: the synthetic office is deterministic and realistic
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tsg-format.h"
#include "tsg-generator.h"
#include "tsg-store-private.h"

#define N_CONTACTS 3000
/* 15 March 2025, 12:00 in Japan: the last of ten fiscal years is FY2024. */
#define END_TIME G_GINT64_CONSTANT (1742007600)

/* The tables the generator fills with seeded content. (staff is left out:
 * demo accounts may carry salted password hashes; the audit log and the
 * settings carry the time of generation and a per-database key.) */
static const char *const content_tables[] = {
  "clients", "contacts", "contact_topics", "cases", "timeline_events", "referrals",
  "organizations", "services", "locations", "addresses", "phones", "schedules",
  "items", "distribution_points", "stock_movements", "trainings", "training_participants",
  "plan_reviews",
};

static TsgStore *
generate (guint64 n,
          guint32 seed)
{
  g_autoptr(GError) error = NULL;
  TsgStore *store = tsg_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (store, n, seed, END_TIME, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
scalar (TsgStore   *store,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* SHA-256 over every row of @table in rowid order. */
static char *
table_hash (TsgStore   *store,
            const char *table)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", table);
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);
          g_checksum_update (sum, (const guchar *) (v ? v : "\x01NULL"), -1);
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
        }
      rows++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_strdup_printf ("%u:%s", rows, g_checksum_get_string (sum));
}

static void
test_same_seed_same_content (void)
{
  g_autoptr(TsgStore) a = generate (N_CONTACTS, 42);
  g_autoptr(TsgStore) b = generate (N_CONTACTS, 42);
  g_autoptr(TsgStore) c = generate (N_CONTACTS, 43);
  guint differing = 0;

  for (guint i = 0; i < G_N_ELEMENTS (content_tables); i++)
    {
      g_autofree char *ha = table_hash (a, content_tables[i]);
      g_autofree char *hb = table_hash (b, content_tables[i]);
      g_autofree char *hc = table_hash (c, content_tables[i]);

      g_test_message ("%s %s", content_tables[i], ha);
      g_assert_cmpstr (ha, ==, hb);
      differing += g_strcmp0 (ha, hc) != 0;
    }
  /* Another seed gives other women, other calls, other stock. */
  {
    g_autofree char *ca = table_hash (a, "contacts");
    g_autofree char *cc = table_hash (c, "contacts");
    g_autofree char *la = table_hash (a, "clients");
    g_autofree char *lc = table_hash (c, "clients");
    g_assert_cmpstr (ca, !=, cc);
    g_assert_cmpstr (la, !=, lc);
  }
  g_assert_cmpuint (differing, >=, 5);
}

static void
test_proportions (void)
{
  g_autoptr(TsgStore) store = generate (N_CONTACTS, 7);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 contacts = scalar (store, "SELECT count (*) FROM contacts");
  gint64 data = scalar (store, "SELECT count (*) FROM contacts WHERE call_type = 'data'");
  gint64 unique_clients = scalar (store, "SELECT count (DISTINCT client_id) FROM contacts WHERE call_type = 'data'");
  gint64 start, end, first_start;
  double non_data_share;

  g_assert_cmpint (contacts, ==, N_CONTACTS);
  g_assert_true (tsg_store_is_demo (store));

  /* 実人数 against 延べ件数: a woman calls a few times (Gunma: 1,241 / 212). */
  g_test_message ("data contacts %" G_GINT64_FORMAT ", unique clients %" G_GINT64_FORMAT, data, unique_clients);
  g_assert_cmpint (unique_clients * 8, >=, data);
  g_assert_cmpint (unique_clients * 3, <=, data);

  /* About 8 % silent, hang-up, prank and wrong-number calls. */
  non_data_share = (double) (contacts - data) / (double) contacts;
  g_test_message ("non-data share %.3f", non_data_share);
  g_assert_cmpfloat (non_data_share, >, 0.05);
  g_assert_cmpfloat (non_data_share, <, 0.11);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM contacts WHERE call_type = 'data' AND client_id IS NULL"
                                  " AND first_contact = 0"), >, 0);

  /* Every channel of the contract appears; nothing else does. */
  g_assert_cmpint (scalar (store, "SELECT count (DISTINCT channel) FROM contacts"), ==, 7);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM contacts WHERE channel NOT IN"
                                  " ('free_dial','phone','line','email','sns','visit','outreach')"), ==, 0);
  g_assert_cmpint (scalar (store, "SELECT count (DISTINCT call_type) FROM contacts"), ==, 5);
  g_assert_cmpint (scalar (store, "SELECT count (DISTINCT age_band) FROM contacts WHERE call_type = 'data'"), ==, 8);
  g_assert_cmpint (scalar (store, "SELECT count (DISTINCT topic) FROM contact_topics"), ==, 12);

  /* Cases, their timelines and referrals, the directory, stock, trainings */
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM cases"), >, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM cases") * 2, <, unique_clients);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM timeline_events"), >, scalar (store, "SELECT count (*) FROM cases"));
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM referrals"), >, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM services"), >=, 20);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM stock_movements WHERE kind = 'receipt'"), >, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM stock_movements WHERE kind = 'distribution'"), >, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM trainings"), >, 0);

  /* The ledger never takes a balance below zero, whenever one looks. */
  g_assert_cmpint (scalar (store,
                           "SELECT count (*) FROM ("
                           "  SELECT point_id, item_id, sum (delta) OVER (PARTITION BY point_id, item_id"
                           "    ORDER BY occurred_at, id) AS running FROM ("
                           "    SELECT id, occurred_at, to_point_id AS point_id, item_id, quantity AS delta"
                           "      FROM stock_movements WHERE to_point_id IS NOT NULL"
                           "    UNION ALL"
                           "    SELECT id, occurred_at, from_point_id, item_id, -quantity"
                           "      FROM stock_movements WHERE from_point_id IS NOT NULL))"
                           " WHERE running < 0"), ==, 0);

  /* Every contact and every client is in its search index. */
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM contacts WHERE id NOT IN (SELECT rowid FROM contacts_fts)"), ==, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM clients WHERE id NOT IN (SELECT rowid FROM clients_fts)"), ==, 0);

  /* Ten fiscal years ending with the one that holds the end: FY2015-FY2024,
   * every one of them with calls. */
  tsg_fiscal_year_bounds (2015, &first_start, &end);
  tsg_fiscal_year_bounds (2024, &start, &end);
  g_assert_cmpint (scalar (store, "SELECT min (started_at) FROM contacts"), >=, first_start);
  g_assert_cmpint (scalar (store, "SELECT max (started_at) FROM contacts"), <, END_TIME);
  for (int fy = 2015; fy <= 2024; fy++)
    {
      g_autofree char *sql = NULL;
      tsg_fiscal_year_bounds (fy, &start, &end);
      sql = g_strdup_printf ("SELECT count (*) FROM contacts WHERE started_at >= %" G_GINT64_FORMAT
                             " AND started_at < %" G_GINT64_FORMAT, start, end);
      g_assert_cmpint (scalar (store, sql), >, N_CONTACTS / 20);
    }

  g_assert_true (tsg_store_check (store, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_zero_contacts (void)
{
  g_autoptr(TsgStore) store = generate (0, 1);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (scalar (store, "SELECT count (*) FROM contacts"), ==, 0);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM services"), >, 0);
  g_assert_true (tsg_store_is_demo (store));
  g_assert_true (tsg_store_check (store, problems, NULL));
}

/* A second run into a database that holds records is refused whole: one
 * sentence, and nothing changed. */
static void
test_refuses_a_used_database (void)
{
  g_autoptr(TsgStore) store = generate (50, 1);
  g_autoptr(GError) error = NULL;
  gint64 audit = scalar (store, "SELECT count (*) FROM audit_log");

  g_assert_false (tsg_store_generate (store, 50, 2, 0, NULL, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already holds records"));
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM contacts"), ==, 50);
  g_assert_cmpint (scalar (store, "SELECT count (*) FROM audit_log"), ==, audit);
}

typedef struct
{
  guint64 last;
  guint   calls;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last);
  g_assert_cmpuint (done, <=, total);
  p->last = done;
  p->calls++;
}

static void
test_progress_reaches_the_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", &error);
  Progress p = { 0 };

  g_assert_true (tsg_store_generate (store, 500, 3, END_TIME, progress_cb, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.last, ==, 500);
  g_assert_cmpuint (p.calls, >=, 1);
}

int
main (int argc, char *argv[])
{
  /* Fiscal years and hours are Japanese local time. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/generator/same-seed-same-content", test_same_seed_same_content);
  g_test_add_func ("/generator/proportions", test_proportions);
  g_test_add_func ("/generator/zero-contacts", test_zero_contacts);
  g_test_add_func ("/generator/refuses-a-used-database", test_refuses_a_used_database);
  g_test_add_func ("/generator/progress", test_progress_reaches_the_end);
  return g_test_run ();
}

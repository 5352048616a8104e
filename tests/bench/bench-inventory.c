/* bench-inventory.c: the inventory's budgets on ten years of movements
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is a `--generate 1000000` one (about 480,000 stock
 * movements) named by TSG_BENCH_DB (default /tmp/bench-1m.db), generated
 * with this schema (it needs stock_balances). Nothing here writes. Without
 * it the benchmark is skipped (exit 77).
 *
 * Budgets (issue 6): the stock matrix (points × items) under 50 ms; the
 * first page of a point's history under 50 ms. Also printed, for the
 * record: the same matrix summed from the ledger (what a design without the
 * balance table would cost), a deep history page, the reach table, the
 * restock list and the ledger CSV.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "tsg-store-inventory.h"

#define RUNS 50
#define PAGE 100

static double
time_matrix (TsgStore *store,
             TsgActor *actor)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TsgStockMatrix) matrix = tsg_store_get_stock_matrix (store, actor, &error);
  double t = ms_since (start);

  g_assert_no_error (error);
  g_assert_cmpuint (matrix->points->len, >, 1);
  return t;
}

static double
time_history (TsgStore *store,
              TsgActor *actor,
              gint64    point_id,
              guint     skip_pages)
{
  g_auto(TsgHistoryCursor) cursor = { 0 };
  g_autoptr(GError) error = NULL;
  double t = 0;

  for (guint page = 0; page <= skip_pages; page++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) rows = tsg_store_point_history (store, actor, point_id, 0, &cursor, PAGE, &error);

      t = ms_since (start);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, PAGE);
    }
  return t;
}

/* The alternative the balance table replaces: every balance summed from
 * the ledger through its indexes. */
static double
time_ledger_sums (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 start;
  int n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT point_id, item_id, sum (delta) FROM ("
    "  SELECT to_point_id AS point_id, item_id, sum (quantity) AS delta FROM stock_movements"
    "   WHERE to_point_id IS NOT NULL GROUP BY 1, 2"
    "  UNION ALL SELECT from_point_id, item_id, -sum (quantity) FROM stock_movements"
    "   WHERE from_point_id IS NOT NULL GROUP BY 1, 2) GROUP BY 1, 2", -1, &stmt, NULL), ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (n, >, 0);
  return ms_since (start);
}

static void
report (const char *what,
        double      cold,
        GArray     *times,
        double      budget)
{
  double median = percentile (times, 0.5), p95 = percentile (times, 0.95);
  double worst = g_array_index (times, double, times->len - 1);

  g_print ("%-40s cold %7.2f ms  median %7.2f ms  p95 %7.2f ms  max %7.2f ms%s\n",
           what, cold, median, p95, worst, budget > 0 ? (median < budget && cold < budget ? "  (within budget)" : "  OVER BUDGET") : "");
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("TSG_BENCH_DB") ? g_getenv ("TSG_BENCH_DB") : "/tmp/bench-1m.db";
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  g_autoptr(TsgActor) actor = tsg_actor_new (1, TSG_ROLE_COORDINATOR, "bench");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GArray) matrix_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) history_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) deep_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GOutputStream) sink = NULL;
  double matrix_cold, history_cold, t;
  gboolean ok = TRUE;
  gint64 start, n_movements;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_print ("SKIP: no benchmark database at %s (tsunagari-desk --database %s --generate 1000000)\n", path, path);
      return 77;
    }
  if (!(store = tsg_store_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_movements = tsg_store_count (store, TSG_LIST_MOVEMENTS);
  g_print ("%s: %" G_GINT64_FORMAT " stock movements\n", path, n_movements);

  matrix_cold = time_matrix (store, actor);
  for (int i = 0; i < RUNS; i++)
    {
      t = time_matrix (store, actor);
      g_array_append_val (matrix_times, t);
    }

  points = tsg_store_list_points (store, actor, FALSE, &error);
  g_assert_no_error (error);
  history_cold = time_history (store, actor, ((TsgPoint *) g_ptr_array_index (points, 1))->id, 0);
  for (int i = 0; i < RUNS; i++)
    for (guint p = 0; p < points->len; p++)
      {
        gint64 id = ((TsgPoint *) g_ptr_array_index (points, p))->id;

        t = time_history (store, actor, id, 0);
        g_array_append_val (history_times, t);
        if (i == 0)
          {
            /* The 50th page, carried there page by page as the view does. */
            t = time_history (store, actor, id, 49);
            g_array_append_val (deep_times, t);
          }
      }

  report ("stock matrix (balance table)", matrix_cold, matrix_times, 50);
  report ("a point's history, first page of 100", history_cold, history_times, 50);
  report ("a point's history, 50th page of 100", g_array_index (deep_times, double, 0), deep_times, 0);
  ok = percentile (matrix_times, 0.5) < 50 && matrix_cold < 50 &&
       percentile (history_times, 0.5) < 50 && history_cold < 50;

  g_print ("%-40s %7.2f ms (the design the balance table replaces)\n", "matrix summed from the ledger",
           time_ledger_sums (path));

  start = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) reach = tsg_store_inventory_reach (store, actor, 0, 12, &error);
    g_assert_no_error (error);
  }
  g_print ("%-40s %7.2f ms\n", "reach, 12 months x every point", ms_since (start));

  start = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) lines = tsg_store_restock_list (store, actor, 0, &error);
    g_assert_no_error (error);
  }
  g_print ("%-40s %7.2f ms\n", "restock list", ms_since (start));

  /* These write (movements, audit rows): only with TSG_BENCH_WRITE, on a
   * copy of the database. */
  if (g_getenv ("TSG_BENCH_WRITE"))
    {
      g_autoptr(GArray) write_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(TsgActor) writer = tsg_actor_new (1, TSG_ROLE_COORDINATOR, "bench");
      TsgPoint *office = g_ptr_array_index (points, 0);
      g_autoptr(GPtrArray) items = tsg_store_list_items (store, actor, FALSE, &error);

      for (int i = 0; i < 40; i++)
        {
          TsgMovementSpec spec;
          g_auto(TsgMovementResult) result = { 0 };

          tsg_movement_spec_init (&spec, i % 2 ? TSG_MOVEMENT_DISTRIBUTION : TSG_MOVEMENT_RECEIPT);
          spec.item_id = ((TsgItem *) g_ptr_array_index (items, 0))->id;
          spec.quantity = 1;
          spec.source = "donation";
          if (i % 2)
            spec.from_point_id = office->id;
          else
            spec.to_point_id = office->id;
          start = g_get_monotonic_time ();
          g_assert_true (tsg_store_record_movement (store, writer, &spec, &result, &error));
          t = ms_since (start);
          g_array_append_val (write_times, t);
        }
      report ("recording one movement (synchronous=FULL)", g_array_index (write_times, double, 0), write_times, 0);

      sink = g_memory_output_stream_new_resizable ();
      start = g_get_monotonic_time ();
      g_assert_true (tsg_store_export_ledger_csv (store, actor, sink, NULL, &error));
      g_print ("%-40s %7.2f ms (%zu bytes)\n", "ledger CSV, every movement", ms_since (start),
               g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)));
    }
  return ok ? 0 : 1;
}

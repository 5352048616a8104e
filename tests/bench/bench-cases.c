/* bench-cases.c: the cases' budgets on a ten-year database
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is a `--generate 1000000` one named by TSG_BENCH_DB (default
 * /tmp/bench-1m.db), generated with the cases schema (cases.next_review_on);
 * without it the benchmark is skipped (exit 77). It is copied first, since
 * the benchmark writes (and every opening of a case commits its audit rows,
 * with synchronous=FULL, as it does at the office).
 *
 * Budgets (issue 4): opening a case with 500 timeline entries renders its
 * first screen within 100 ms (the case panel read from the store, laid out
 * and painted in a window); the Due list within 50 ms.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "tsg-display.h"
#include "tsg-case-panel.h"
#include "tsg-case-rules.h"
#include "tsg-due-panel.h"
#include "tsg-store-cases.h"
#include "tsg-store-private.h"

#define RUNS 15
#define ENTRIES 500
#define OPEN_BUDGET_MS 100.0
#define DUE_BUDGET_MS 50.0

/* Sorts @v: then v[n / 2] is the median and v[n - 1] the worst. */
static void
sort_times (double *v,
            guint   n)
{
  qsort (v, n, sizeof *v, compare_doubles);
}

static gboolean
has_cases_schema (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('cases') WHERE name = 'next_review_on'",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return found;
}

/* An open case of the last year, given ENTRIES more entries spread since it
 * opened (inside the caller's transaction). */
static gint64
prepare_case (TsgStore *store,
              TsgActor *actor)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 case_id = 0, opened = 0, now = g_get_real_time () / G_USEC_PER_SEC;

  stmt = _tsg_store_prepare (store, "SELECT id, opened_at FROM cases WHERE status = 'support'"
                                    " ORDER BY opened_at DESC LIMIT 1", &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      case_id = sqlite3_column_int64 (stmt, 0);
      opened = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (case_id, >, 0);
  for (guint i = 0; i < ENTRIES; i++)
    {
      TsgTimelineEntry e = { 0 };

      e.case_id = case_id;
      e.kind = (char *) (i % 3 == 0 ? "accompaniment" : i % 3 == 1 ? "note" : "outreach");
      e.title = (char *) "ハローワークへ同行";
      e.body = (char *) "窓口で担当者と面談した。次回は必要な書類を持参する。本人は落ち着いて話していた。";
      e.service_id = i % 3 == 0 ? 1 : 0;
      e.travel_minutes = 20;
      e.occurred_at = opened + (now - opened - 60) * (gint64) i / ENTRIES;
      if (tsg_store_add_timeline_entry (store, actor, &e, &error) == 0)
        g_error ("cannot add a timeline entry: %s", error->message);
    }
  return case_id;
}

typedef struct
{
  GMainLoop *loop;
  gboolean   painted;
} Paint;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Paint         *paint)
{
  paint->painted = TRUE;
  g_main_loop_quit (paint->loop);
}

/* From nothing on screen to the case painted: read, build, lay out, paint. */
static double
open_case_once (GtkWindow *window,
                TsgStore  *store,
                TsgActor  *actor,
                gint64     case_id,
                guint     *n_entries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgCasePanel) panel = NULL;
  Paint paint = { g_main_loop_new (NULL, FALSE), FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &paint);
  gint64 start = g_get_monotonic_time ();
  double ms;

  panel = tsg_case_panel_new (store, actor, case_id, &error);
  g_assert_no_error (error);
  if (g_getenv ("TSG_BENCH_VERBOSE"))
    g_print ("  panel built in %.1f ms\n", ms_since (start));
  gtk_window_set_child (window, GTK_WIDGET (panel));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  g_main_loop_run (paint.loop);
  ms = ms_since (start);
  if (g_getenv ("TSG_BENCH_VERBOSE"))
    {
      guint rows = 0;
      for (GtkWidget *w = gtk_widget_get_first_child (tsg_case_panel_get_timeline_view (panel)); w; w = gtk_widget_get_next_sibling (w))
        rows++;
      g_print ("  painted in %.1f ms, %u row widgets, %u rows read\n", ms, rows,
               tsg_keyed_model_get_cached (TSG_KEYED_MODEL (tsg_case_panel_get_timeline (panel))));
    }
  *n_entries = tsg_keyed_model_get_total (TSG_KEYED_MODEL (tsg_case_panel_get_timeline (panel)));
  g_signal_handler_disconnect (clock, id);
  g_main_loop_unref (paint.loop);
  gtk_window_set_child (window, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ms;
}

static double
due_list_once (TsgStore *store,
               TsgActor *actor,
               guint    *n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *today = tsg_date_today ();
  gint64 start = g_get_monotonic_time ();

  g_autoptr(GArray) keys = tsg_store_due_keys (store, actor, today, 0, &error);

  g_assert_no_error (error);
  rows = tsg_store_fetch_due (store, actor, (gint64 *) keys->data, MIN (keys->len, 32), &error);
  g_assert_no_error (error);
  *n_items = keys->len;
  return ms_since (start);
}

static double
due_panel_once (GtkWindow *window,
                TsgStore  *store,
                TsgActor  *actor)
{
  Paint paint = { g_main_loop_new (NULL, FALSE), FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &paint);
  gint64 start = g_get_monotonic_time ();
  double ms;

  gtk_window_set_child (window, tsg_due_panel_new (store, actor));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  g_main_loop_run (paint.loop);
  ms = ms_since (start);
  g_signal_handler_disconnect (clock, id);
  g_main_loop_unref (paint.loop);
  gtk_window_set_child (window, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  const char *source = g_getenv ("TSG_BENCH_DB") ? g_getenv ("TSG_BENCH_DB") : "/tmp/bench-1m.db";
  g_autofree char *path = g_strconcat (source, ".bench-cases", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  TsgActor *actor;
  GtkWindow *window;
  double open_ms[RUNS], due_ms[RUNS], panel_ms[RUNS];
  guint n_entries = 0, n_due = 0;
  double first_open;
  gint64 case_id, start;
  gboolean ok = TRUE;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!g_file_test (source, G_FILE_TEST_EXISTS) || !has_cases_schema (source))
    {
      g_printerr ("bench-cases: %s is missing or predates the cases schema; generate it with "
                  "tsunagari-desk --database %s --generate 1000000\n", source, source);
      return 77;
    }
  /* As the application does (src/main.c): no software GL under Xvfb. */
  tsg_display_avoid_software_gl ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-cases: no display\n");
      return 77;
    }
  if (!copy_file (source, path))
    return 1;
  g_type_ensure (PANEL_TYPE_WIDGET);
  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  actor = tsg_store_get_system_actor (store);

  start = g_get_monotonic_time ();
  g_assert_true (_tsg_store_begin (store, &error));
  case_id = prepare_case (store, actor);
  g_assert_true (_tsg_store_commit (store, &error));
  g_print ("prepared case %" G_GINT64_FORMAT " with %d more entries in %.0f ms\n", case_id, ENTRIES, ms_since (start));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_present (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < RUNS; i++)
    open_ms[i] = open_case_once (window, store, actor, case_id, &n_entries);
  first_open = open_ms[0];
  for (guint i = 0; i < RUNS; i++)
    due_ms[i] = due_list_once (store, actor, &n_due);
  for (guint i = 0; i < RUNS; i++)
    panel_ms[i] = due_panel_once (window, store, actor);
  sort_times (open_ms, RUNS);
  sort_times (due_ms, RUNS);
  sort_times (panel_ms, RUNS);

  g_print ("open a case with %u timeline entries, first screen painted: first %.1f ms, median %.1f ms, worst %.1f ms (budget %.0f ms)\n",
           n_entries, first_open, open_ms[RUNS / 2], open_ms[RUNS - 1], OPEN_BUDGET_MS);
  g_print ("due list (%u items): keys and first page from the store: median %.1f ms, worst %.1f ms (budget %.0f ms)\n",
           n_due, due_ms[RUNS / 2], due_ms[RUNS - 1], DUE_BUDGET_MS);
  g_print ("due panel, first screen painted: median %.1f ms, worst %.1f ms\n",
           panel_ms[RUNS / 2], panel_ms[RUNS - 1]);
  if (n_entries < ENTRIES)
    ok = FALSE;
  if (open_ms[RUNS / 2] > OPEN_BUDGET_MS || due_ms[RUNS / 2] > DUE_BUDGET_MS)
    ok = FALSE;

  gtk_window_destroy (window);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return ok ? 0 : 1;
}

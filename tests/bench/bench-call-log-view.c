/* bench-call-log-view.c: the call log panel and its entry form on a database
 * of a million contacts, as a front-desk worker meets them
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TSG_BENCH_DB (default /tmp/bench-1m.db, a `--generate 1000000` database)
 * is copied first: the panel marks due call-backs done. Skipped (77)
 * without it. Needs a display (Xvfb).
 *
 * Measured: the panel's first page painted after it is given the store
 * (budget 50 ms), the counters, a search until its first page is painted,
 * Ctrl+N to the form painted, saving a contact from the form until the form
 * is gone, and resident memory while the list is scrolled from top to
 * bottom in 400 jumps (budget 150 MB).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libpanel.h>

#include "bench-util.h"
#include "tsg-display.h"
#include "tsg-call-log-view.h"
#include "tsg-contact-editor.h"
#include "tsg-enum-dropdown.h"
#include "tsg-store-contacts.h"

static guint frames;

static long
rss_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  return p ? strtol (p + strlen (field) + 1, NULL, 10) : -1;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  frames++;
}

/* Iterates until the window has painted a frame after now. */
static void
wait_frame (void)
{
  guint seen = frames;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (frames == seen && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_mapped (GtkWidget *w)
{
  return gtk_widget_get_mapped (w);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
list_shown (GtkWidget *root)
{
  if (GTK_IS_STACK (root))
    return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (root)), "list") == 0;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (list_shown (c))
      return TRUE;
  return FALSE;
}

static void
on_saved_cb (TsgContactEditor *editor,
             gint64            id,
             gint64           *out)
{
  *out = id;
}

int
main (int   argc,
      char *argv[])
{
  const char *source = g_getenv ("TSG_BENCH_DB") ? g_getenv ("TSG_BENCH_DB") : "/tmp/bench-1m.db";
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
  TsgActor *actor;
  GtkWindow *window;
  TsgCallLogView *view;
  TsgContactEditor *editor;
  GtkAdjustment *vadj;
  GtkWidget *search;
  gint64 start, saved = 0;
  double t_redraw, t_first, t_set_store, t_counters, t_search, t_form, t_save;
  long rss_start, rss_max = 0;
  guint n;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-call-log-view: no %s (generate it with --generate 1000000)\n", source);
      return 77;
    }
  /* As the application does (src/main.c): no software GL under Xvfb. */
  tsg_display_avoid_software_gl ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-call-log-view: no display\n");
      return 77;
    }
  adw_init ();
  panel_init ();

  dir = g_dir_make_tmp ("tsg-bench-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "office.db", NULL);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (path);
  /* TSG_BENCH_IN_PLACE: use the database itself (profiling; it is written to). */
  if (g_getenv ("TSG_BENCH_IN_PLACE"))
    {
      g_free (path);
      path = g_strdup (source);
    }
  else
    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  actor = tsg_store_get_system_actor (store);
  n = (guint) tsg_store_count (store, TSG_LIST_CONTACTS);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  view = TSG_CALL_LOG_VIEW (tsg_call_log_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  while (!is_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
  wait_frame ();
  rss_start = rss_kb ("VmRSS:");
  /* What one frame of this window costs on this machine, for comparison. */
  {
    g_autoptr(GArray) redraws = g_array_new (FALSE, FALSE, sizeof (double));
    for (guint i = 0; i < 10; i++)
      {
        gint64 t = g_get_monotonic_time ();
        double ms;

        gtk_widget_queue_draw (GTK_WIDGET (window));
        wait_frame ();
        ms = ms_since (t);
        g_array_append_val (redraws, ms);
      }
    t_redraw = percentile (redraws, 0.5);
  }

  if (g_getenv ("TSG_BENCH_PARTS"))
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GArray) ids = tsg_store_list_first_ids (store, actor, TSG_LIST_CONTACTS, NULL, 64, NULL);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) due = NULL;
      guint a, b, c;
      g_printerr ("parts: first ids %.1f ms\n", ms_since (t)); t = g_get_monotonic_time ();
      rows = tsg_store_fetch_rows (store, actor, TSG_LIST_CONTACTS, (gint64 *) ids->data, ids->len, NULL);
      g_printerr ("parts: fetch rows %.1f ms\n", ms_since (t)); t = g_get_monotonic_time ();
      tsg_store_contact_counters (store, actor, g_get_real_time () / G_USEC_PER_SEC, &a, &b, &c, NULL);
      g_printerr ("parts: counters %.1f ms\n", ms_since (t)); t = g_get_monotonic_time ();
      due = tsg_store_due_callbacks (store, actor, g_get_real_time () / G_USEC_PER_SEC, NULL);
      g_printerr ("parts: due callbacks %.1f ms (%u due)\n", ms_since (t), due ? due->len : 0); t = g_get_monotonic_time ();
      { g_autoptr(GArray) all = tsg_store_list_ids (store, actor, TSG_LIST_CONTACTS, NULL, NULL);
        g_printerr ("parts: all ids %.1f ms\n", ms_since (t)); }
      g_printerr ("parts: rss %.1f MB\n", rss_kb ("VmRSS:") / 1024.0);
    }

  /* Opening the view: its first page painted. */
  start = g_get_monotonic_time ();
  tsg_list_panel_set_store (TSG_LIST_PANEL (view), store, actor);
  t_set_store = ms_since (start);
  /* The rows must be what is shown, not the "loading" page. */
  while (!list_shown (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);
  wait_frame ();
  t_first = ms_since (start);
  if (g_getenv ("TSG_BENCH_FIRST_ONLY"))
    {
      printf ("{\"set_store_ms\": %.1f, \"first_page_painted_ms\": %.1f}\n", t_set_store, t_first);
      return 0;
    }
  while (tsg_row_model_get_loading (tsg_list_panel_get_model (TSG_LIST_PANEL (view))))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tsg_list_panel_get_model (TSG_LIST_PANEL (view)))), ==, n);

  start = g_get_monotonic_time ();
  tsg_call_log_view_update_counters (view);
  t_counters = ms_since (start);

  /* Scrolling from the top to the bottom. */
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tsg_list_panel_get_column_view (TSG_LIST_PANEL (view))));
  for (guint i = 0; i <= 400; i++)
    {
      double upper = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      gint64 t = g_get_monotonic_time ();
      double ms;

      gtk_adjustment_set_value (vadj, upper * i / 400.0);
      wait_frame ();
      ms = ms_since (t);
      g_array_append_val (jumps, ms);
      rss_max = MAX (rss_max, rss_kb ("VmRSS:"));
    }

  /* A search: its first page painted. */
  search = tsg_list_panel_get_search_entry (TSG_LIST_PANEL (view));
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (search), "ハローワーク");
  g_signal_emit_by_name (search, "search-changed");
  wait_frame ();
  t_search = ms_since (start);

  /* Ctrl+N: the form painted. */
  start = g_get_monotonic_time ();
  tsg_call_log_view_new_contact (view);
  editor = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && editor == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (TSG_IS_CONTACT_EDITOR (w))
          editor = TSG_CONTACT_EDITOR (w);
      }
  }
  g_assert_nonnull (editor);
  while (!is_mapped (GTK_WIDGET (editor)))
    g_main_context_iteration (NULL, TRUE);
  t_form = ms_since (start);

  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (find_named (GTK_WIDGET (editor), "outcome")), "referred");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor), "municipality")), "かわさきしなかはら");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_named (GTK_WIDGET (editor), "summary"))),
                            "家賃を滞納している。ハローワーク川崎を案内した。", -1);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  t_save = ms_since (start);
  g_assert_cmpint (saved, >, 0);

  printf ("{\"contacts\": %u, \"empty_window_frame_p50_ms\": %.1f, \"set_store_ms\": %.1f, \"first_page_painted_ms\": %.1f, \"counters_ms\": %.1f, "
          "\"scroll_jump_p50_ms\": %.1f, \"scroll_jump_p95_ms\": %.1f, \"rss_start_mb\": %.1f, "
          "\"rss_max_scrolling_mb\": %.1f, \"search_first_page_painted_ms\": %.1f, "
          "\"new_contact_form_mapped_ms\": %.1f, \"save_and_close_ms\": %.1f}\n",
          n, t_redraw, t_set_store, t_first, t_counters, percentile (jumps, 0.5), percentile (jumps, 0.95),
          rss_start / 1024.0, rss_max / 1024.0, t_search, t_form, t_save);

  gtk_window_destroy (window);
  g_clear_object (&store);
  if (g_getenv ("TSG_BENCH_IN_PLACE"))
    return rss_max / 1024.0 < 150 && t_first < 50 ? 0 : 1;
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return rss_max / 1024.0 < 150 && t_first < 50 ? 0 : 1;
}

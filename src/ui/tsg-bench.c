/* tsg-bench.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start-up benchmark (tests/bench/bench_startup.py) reads these marks
 * from stdout; the monotonic stamp lets it compare with its own clock, to
 * the microsecond, the time it spawned the process or clicked a button.
 */
#define G_LOG_DOMAIN "tsg-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tsg-bench.h"
#include "tsg-list-panel.h"
#include "tsg-window.h"

static const char *const panel_ids[] = { "call-log", "cases", "directory", "inventory" };

/* When the process started, on the monotonic clock (from /proc/self/stat,
 * in clock ticks since boot). */
static gint64
process_start_monotonic (void)
{
  static gint64 start = -1;
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long ticks = 0;
  struct timespec boot, mono;

  if (start >= 0)
    return start;
  start = 0;
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return start;
  /* after "pid (comm)": field 3 is the state, field 22 the start time */
  if (sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
              &ticks) != 1)
    return start;
  clock_gettime (CLOCK_BOOTTIME, &boot);
  clock_gettime (CLOCK_MONOTONIC, &mono);
  start = (gint64) mono.tv_sec * G_USEC_PER_SEC + mono.tv_nsec / 1000
          - ((gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000
             - (gint64) (ticks * G_USEC_PER_SEC / (unsigned long long) sysconf (_SC_CLK_TCK)));
  return start;
}

static gboolean
enabled (void)
{
  static int on = -1;

  if (on < 0)
    on = g_strcmp0 (g_getenv ("TSG_BENCH"), "1") == 0;
  return on;
}

static void
mark (const char *what,
      const char *type_name)
{
  gint64 now = g_get_monotonic_time ();

  printf ("%s %s %.1f %" G_GINT64_FORMAT "\n", what, type_name,
          (now - process_start_monotonic ()) / 1000.0, now);
  fflush (stdout);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  mark ("first-frame", G_OBJECT_TYPE_NAME (window));
}


typedef struct
{
  GtkWidget *window;
  guint      waiting;
} PanelsLoaded;

static void
on_model_loaded_cb (TsgRowModel  *model,
                    const char   *error_message,
                    PanelsLoaded *state)
{
  g_signal_handlers_disconnect_by_func (model, on_model_loaded_cb, state);
  if (--state->waiting == 0)
    {
      mark ("panels-loaded", G_OBJECT_TYPE_NAME (state->window));
      g_free (state);
    }
}

static void
watch_panels (TsgWindow *window)
{
  PanelsLoaded *state = g_new0 (PanelsLoaded, 1);

  state->window = GTK_WIDGET (window);
  for (guint i = 0; i < G_N_ELEMENTS (panel_ids); i++)
    {
      GtkWidget *panel = tsg_window_get_panel (window, panel_ids[i]);
      TsgRowModel *model = panel ? tsg_list_panel_get_model (TSG_LIST_PANEL (panel)) : NULL;

      /* Only the panels on screen read their rows (see tsg-list-panel.c). */
      if (model != NULL && gtk_widget_get_mapped (panel) && tsg_row_model_get_loading (model))
        {
          state->waiting++;
          g_signal_connect (model, "loaded", G_CALLBACK (on_model_loaded_cb), state);
        }
    }
  if (state->waiting == 0)
    {
      mark ("panels-loaded", G_OBJECT_TYPE_NAME (window));
      g_free (state);
    }
}

/* Mapped: the panels exist and the frame clock runs. */
static void
on_window_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_window_map_cb, NULL);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), window, 0);
  if (TSG_IS_WINDOW (window))
    watch_panels (TSG_WINDOW (window));
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
}

void
tsg_bench_watch (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  if (!enabled ())
    return;
  process_start_monotonic ();
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), NULL);
}

void
tsg_bench_mark (const char *what,
                GObject    *object)
{
  if (enabled ())
    mark (what, G_OBJECT_TYPE_NAME (object));
}

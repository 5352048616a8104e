/* tsg-first-frame.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's first frame must not wait for queries over a million
 * contacts: the window and each list panel defer their reading to here.
 */
#define G_LOG_DOMAIN "tsg-first-frame"

#include "config.h"

#include "tsg-first-frame.h"

#define FUNC_KEY   "tsg-first-frame-func"
#define SOURCE_KEY "tsg-first-frame-source"

static void
remove_source (gpointer id)
{
  g_source_remove (GPOINTER_TO_UINT (id));
}

static gboolean
run_cb (gpointer data)
{
  GtkWidget *widget = data;
  TsgFirstFrameFunc func = g_object_get_data (G_OBJECT (widget), FUNC_KEY);

  g_object_steal_data (G_OBJECT (widget), SOURCE_KEY);
  if (func != NULL)
    func (widget);
  return G_SOURCE_REMOVE;
}

/* The source goes with the widget: its finalization removes it. */
static void
schedule (GtkWidget *widget)
{
  guint id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, run_cb, widget, NULL);

  g_object_set_data_full (G_OBJECT (widget), SOURCE_KEY, GUINT_TO_POINTER (id), remove_source);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *widget)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, widget);
  /* cancelled meanwhile (the widget is being disposed) */
  if (g_object_get_data (G_OBJECT (widget), FUNC_KEY) != NULL)
    schedule (widget);
}

static void
on_map_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, on_map_cb, NULL);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), widget, 0);
  else
    schedule (widget);
}

void
tsg_after_first_frame (GtkWidget         *widget,
                       TsgFirstFrameFunc  func)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (g_object_get_data (G_OBJECT (widget), FUNC_KEY) == NULL);

  g_object_set_data (G_OBJECT (widget), FUNC_KEY, func);
  if (gtk_widget_get_mapped (widget))
    on_map_cb (widget);
  else
    g_signal_connect (widget, "map", G_CALLBACK (on_map_cb), NULL);
}

void
tsg_first_frame_cancel (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_handlers_disconnect_by_func (widget, on_map_cb, NULL);
  g_object_set_data (G_OBJECT (widget), FUNC_KEY, NULL);
  g_object_set_data (G_OBJECT (widget), SOURCE_KEY, NULL);
}

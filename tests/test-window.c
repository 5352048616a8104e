/* test-window.c: the main window on a generated database: four panels with
 * rows, the demo title, and a moved or hidden panel remembered for the next
 * window.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libpanel.h>

#include "tsg-generator.h"
#include "tsg-list-panel.h"
#include "tsg-window.h"

static const char *const panel_ids[] = { "call-log", "cases", "directory", "inventory" };
static const char *const panel_titles[] = { "Call Log", "Cases", "Directory", "Inventory" };

static char *database_dir;
static char *database_path;

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
has_rows (gpointer data)
{
  TsgRowModel *model = tsg_list_panel_get_model (TSG_LIST_PANEL (data));

  return !tsg_row_model_get_loading (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* A panel reads its rows once shown: a tab behind another reads nothing
 * until it is brought forward, as a person would (win.show-panel). */
static TsgWindow *
open_window (TsgStore *store)
{
  TsgWindow *window = tsg_window_new (NULL, store, tsg_store_get_system_actor (store));

  gtk_window_present (GTK_WINDOW (window));
  iterate_until (is_mapped, window, "the window is mapped");
  for (guint i = 0; i < G_N_ELEMENTS (panel_ids); i++)
    {
      GtkWidget *panel = tsg_window_get_panel (window, panel_ids[i]);

      /* a panel the person closed stays closed */
      if (gtk_widget_get_parent (panel) == NULL)
        continue;
      if (!gtk_widget_get_mapped (panel))
        g_assert_true (tsg_row_model_get_held (tsg_list_panel_get_model (TSG_LIST_PANEL (panel))));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", panel_ids[i]);
      iterate_until (has_rows, panel, "a panel shown has rows");
    }
  return window;
}

static void
close_window (TsgWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PanelFrame *
frame_of (GtkWidget *panel)
{
  GtkWidget *frame = gtk_widget_get_ancestor (panel, PANEL_TYPE_FRAME);

  return frame ? PANEL_FRAME (frame) : NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_panels_and_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (database_path, &error);
  TsgWindow *window;
  GtkWidget *title;

  g_assert_no_error (error);
  window = open_window (store);

  for (guint i = 0; i < G_N_ELEMENTS (panel_ids); i++)
    {
      GtkWidget *panel = tsg_window_get_panel (window, panel_ids[i]);
      TsgRowModel *model = tsg_list_panel_get_model (TSG_LIST_PANEL (panel));
      g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);

      g_assert_nonnull (panel);
      g_assert_cmpstr (panel_widget_get_id (PANEL_WIDGET (panel)), ==, panel_ids[i]);
      g_assert_cmpstr (panel_widget_get_title (PANEL_WIDGET (panel)), ==, panel_titles[i]);
      /* In the dock, with real rows from the store */
      g_assert_nonnull (frame_of (panel));
      g_assert_true (TSG_IS_ROW (row));
      g_assert_cmpint (tsg_row_get_id (row), >, 0);
    }
  g_assert_null (tsg_window_get_panel (window, "no-such-panel"));

  /* The demo is labelled as such, in the title and the subtitle. */
  g_assert_true (tsg_store_is_demo (store));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Demo"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "demo"));
  title = find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), "Demo"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), "synthetic"));

  close_window (window);
}

static void
test_layout_is_restored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (database_path, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TsgWindow *window;
  GtkWidget *cases, *inventory, *directory;
  PanelFrame *frame;
  g_autoptr(GVariant) layout = NULL;

  g_assert_no_error (error);
  g_settings_reset (settings, "layout");
  window = open_window (store);
  cases = tsg_window_get_panel (window, "cases");
  inventory = tsg_window_get_panel (window, "inventory");
  directory = tsg_window_get_panel (window, "directory");
  g_assert_true (frame_of (cases) != frame_of (inventory));

  /* The person drags Cases next to Inventory in the centre and closes the
   * Directory panel. */
  g_object_ref (cases);
  panel_frame_remove (frame_of (cases), PANEL_WIDGET (cases));
  panel_frame_add (frame_of (inventory), PANEL_WIDGET (cases));
  g_object_unref (cases);
  panel_frame_remove (frame_of (directory), PANEL_WIDGET (directory));
  g_assert_null (gtk_widget_get_parent (directory));
  tsg_window_save_layout (window);
  close_window (window);

  layout = g_settings_get_value (settings, "layout");
  /* Every placed panel has a position; the hidden one has none. */
  for (guint i = 0; i < G_N_ELEMENTS (panel_ids); i++)
    {
      g_autoptr(GVariant) saved = g_variant_lookup_value (layout, panel_ids[i], NULL);
      if (g_str_equal (panel_ids[i], "directory"))
        g_assert_null (saved);
      else
        g_assert_nonnull (saved);
    }

  /* The next window, from the same settings, looks the same. */
  window = open_window (store);
  cases = tsg_window_get_panel (window, "cases");
  inventory = tsg_window_get_panel (window, "inventory");
  directory = tsg_window_get_panel (window, "directory");
  g_assert_nonnull (frame_of (cases));
  g_assert_true (frame_of (cases) == frame_of (inventory));
  {
    g_autoptr(PanelPosition) position = panel_widget_get_position (PANEL_WIDGET (cases));
    g_assert_cmpint (panel_position_get_area (position), ==, PANEL_AREA_CENTER);
  }
  g_assert_null (gtk_widget_get_parent (directory));
  g_assert_nonnull (frame_of (tsg_window_get_panel (window, "call-log")));

  /* Panels > Directory brings it back, where it was by default. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "directory"));
  frame = frame_of (directory);
  g_assert_nonnull (frame);
  {
    g_autoptr(PanelPosition) position = panel_widget_get_position (PANEL_WIDGET (directory));
    g_assert_cmpint (panel_position_get_area (position), ==, PANEL_AREA_START);
  }
  g_assert_true (panel_frame_get_visible_child (frame) == PANEL_WIDGET (directory));

  /* Reset puts everything back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-layout", NULL));
  g_assert_true (frame_of (cases) != frame_of (inventory));
  for (guint i = 0; i < G_N_ELEMENTS (panel_ids); i++)
    g_assert_nonnull (frame_of (tsg_window_get_panel (window, panel_ids[i])));
  close_window (window);
  g_settings_reset (settings, "layout");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  int status;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipped\n");
      return 77;
    }
  adw_init ();
  panel_init ();

  database_dir = g_dir_make_tmp ("tsg-window-XXXXXX", &error);
  g_assert_no_error (error);
  database_path = g_build_filename (database_dir, "demo.db", NULL);
  store = tsg_store_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (store, 600, 3, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/window/panels-and-title", test_panels_and_title);
  g_test_add_func ("/window/layout-is-restored", test_layout_is_restored);
  status = g_test_run ();

  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (database_path, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (database_dir);
  }
  g_free (database_path);
  g_free (database_dir);
  return status;
}

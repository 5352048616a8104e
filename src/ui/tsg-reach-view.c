/* tsg-reach-view.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The link from products to consultations: for each point, two rows over
 * the last twelve months — units handed out there, and contacts whose
 * "heard of us through" names the point (or a flyer print run made for it).
 */
#define G_LOG_DOMAIN "tsg-reach-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-reach-view.h"

#define N_MONTHS 12

struct _TsgReachView
{
  GtkWidget  parent_instance;

  /* Owned widgets */
  GtkWidget *scroller;
  GtkGrid   *grid;
};

G_DEFINE_FINAL_TYPE (TsgReachView, tsg_reach_view, GTK_TYPE_WIDGET)

static GtkWidget *
cell_label (const char *text,
            const char *accessible,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  if (accessible)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return label;
}

static char *
month_label (const char *yyyy_mm)
{
  int y = 0, m = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (yyyy_mm, "%d-%d", &y, &m) != 2 || !(dt = g_date_time_new_local (y, m, 1, 0, 0, 0)))
    return g_strdup (yyyy_mm);
  /* translators: a month heading of the reach table (strftime); ja: %Y年%-m月 */
  return g_date_time_format (dt, _("%b %Y"));
}

static void
clear (TsgReachView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
add_row (TsgReachView *self,
         int           row,
         const char   *point_name,
         const char   *what,
         GPtrArray    *cells,
         guint         first,
         gboolean      contacts)
{
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *total_name = NULL;

  gtk_grid_attach (self->grid, cell_label (what, NULL, 0, "dim-label"), 1, row, 1, 1);
  for (guint m = 0; m < N_MONTHS; m++)
    {
      TsgReachCell *cell = g_ptr_array_index (cells, first + m);
      gint64 value = contacts ? cell->contacts : cell->units;
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      g_autofree char *month = month_label (cell->month);
      /* translators: accessible name of a reach cell: point, month, what, number */
      g_autofree char *name = g_strdup_printf (_("%s, %s, %s: %s"), point_name, month, what, text);

      total += value;
      gtk_grid_attach (self->grid, cell_label (text, name, 1, "numeric"), (int) m + 2, row, 1, 1);
    }
  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  /* translators: accessible name of a reach total: point, what, number */
  total_name = g_strdup_printf (_("%s, twelve months, %s: %s"), point_name, what, total_text);
  gtk_grid_attach (self->grid, cell_label (total_text, total_name, 1, "heading"), N_MONTHS + 2, row, 1, 1);
}

void
tsg_reach_view_reload (TsgReachView *self,
                       TsgStore     *store,
                       TsgActor     *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) points = NULL;
  int row = 1;

  g_return_if_fail (TSG_IS_REACH_VIEW (self));

  clear (self);
  if (!(cells = tsg_store_inventory_reach (store, actor, 0, N_MONTHS, &error)) ||
      !(points = tsg_store_list_points (store, actor, TRUE, &error)))
    {
      gtk_grid_attach (self->grid, cell_label (error->message, NULL, 0, "error"), 0, 0, 1, 1);
      return;
    }

  gtk_grid_attach (self->grid, cell_label (_("Distribution point"), NULL, 0, "heading"), 0, 0, 2, 1);
  for (guint m = 0; m < N_MONTHS && m < cells->len; m++)
    {
      g_autofree char *month = month_label (((TsgReachCell *) g_ptr_array_index (cells, m))->month);
      gtk_grid_attach (self->grid, cell_label (month, NULL, 1, "heading"), (int) m + 2, 0, 1, 1);
    }
  gtk_grid_attach (self->grid, cell_label (_("12 months"), NULL, 1, "heading"), N_MONTHS + 2, 0, 1, 1);

  /* The cells come point by point, N_MONTHS each, in the order of points
   * the store lists (the office first: it hands out too). */
  for (guint first = 0; first + N_MONTHS <= cells->len; first += N_MONTHS)
    {
      gint64 point_id = ((TsgReachCell *) g_ptr_array_index (cells, first))->point_id;
      const char *name = "";
      GtkWidget *label;

      for (guint p = 0; p < points->len; p++)
        if (((TsgPoint *) g_ptr_array_index (points, p))->id == point_id)
          name = ((TsgPoint *) g_ptr_array_index (points, p))->name;
      label = cell_label (name, NULL, 0, NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_grid_attach (self->grid, label, 0, row, 1, 2);
      add_row (self, row, name, _("Units handed out"), cells, first, FALSE);
      add_row (self, row + 1, name, _("Contacts who heard of us here"), cells, first, TRUE);
      row += 2;
    }
}

static void
tsg_reach_view_dispose (GObject *object)
{
  TsgReachView *self = TSG_REACH_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (tsg_reach_view_parent_class)->dispose (object);
}

static void
tsg_reach_view_class_init (TsgReachViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_reach_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tsg_reach_view_init (TsgReachView *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->grid));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reach"), -1);
}

GtkWidget *
tsg_reach_view_new (void)
{
  return g_object_new (TSG_TYPE_REACH_VIEW, NULL);
}

/* tsg-stock-grid.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain GtkGrid of buttons rather than a GtkColumnView: the matrix is
 * small (tens of points, a handful of items), every cell must be reachable
 * with Tab and the arrow keys, and each needs its own accessible name.
 */
#define G_LOG_DOMAIN "tsg-stock-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-stock-grid.h"

struct _TsgStockGrid
{
  GtkWidget       parent_instance;

  /* Owned widgets */
  GtkWidget      *scroller;
  GtkGrid        *grid;

  /* Owned references */
  TsgStockMatrix *matrix;

  gboolean        only_below;
  gboolean        points_editable;
};

G_DEFINE_FINAL_TYPE (TsgStockGrid, tsg_stock_grid, GTK_TYPE_WIDGET)

enum { CELL_ACTIVATED, POINT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

char *
tsg_stock_grid_describe_cell (const TsgPoint *point,
                              const TsgItem  *item,
                              gint64          balance,
                              gint64          par)
{
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
  g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, par);

  if (par < 0)
    /* translators: accessible name of a stock matrix cell: point, item, balance */
    return g_strdup_printf (_("%s, %s: %s in stock, no par level"), point->name, item->name, b);
  if (balance < par)
    /* translators: accessible name of a stock matrix cell: point, item, balance, par */
    return g_strdup_printf (_("%s, %s: %s in stock, par %s, below par"), point->name, item->name, b, p);
  /* translators: accessible name of a stock matrix cell: point, item, balance, par */
  return g_strdup_printf (_("%s, %s: %s in stock, par %s"), point->name, item->name, b, p);
}

static void
on_cell_clicked_cb (GtkButton    *button,
                    TsgStockGrid *self)
{
  gint64 *ids = g_object_get_data (G_OBJECT (button), "tsg-ids");

  g_signal_emit (self, signals[CELL_ACTIVATED], 0, ids[0], ids[1]);
}

static GtkWidget *
header_label (const char *text,
              gboolean    is_row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), is_row ? 0 : 0.5);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A point's name wraps in lines, never a character a line. */
  gtk_label_set_width_chars (GTK_LABEL (label), is_row ? 10 : 4);
  gtk_label_set_max_width_chars (GTK_LABEL (label), is_row ? 24 : 10);
  gtk_label_set_justify (GTK_LABEL (label), is_row ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
on_point_clicked_cb (GtkButton    *button,
                     TsgStockGrid *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "tsg-point-id");

  g_signal_emit (self, signals[POINT_ACTIVATED], 0, *id);
}

/* A point's name; a button that opens the point when points may be edited. */
static GtkWidget *
point_header (TsgStockGrid   *self,
              const TsgPoint *point)
{
  GtkWidget *label = header_label (point->name, TRUE);
  GtkWidget *button;
  g_autofree char *description = NULL;

  if (!self->points_editable)
    return label;
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  /* translators: what activating a point's name in the stock matrix does */
  description = g_strdup_printf (_("Edit %s and its par levels"), point->name);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, point->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data_full (G_OBJECT (button), "tsg-point-id", g_memdup2 (&point->id, sizeof point->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_point_clicked_cb), self, 0);
  return button;
}

static GtkWidget *
make_cell (TsgStockGrid   *self,
           const TsgPoint *point,
           const TsgItem  *item,
           gint64          balance,
           gint64          par)
{
  g_autofree char *name = tsg_stock_grid_describe_cell (point, item, balance, par);
  g_autofree char *text = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label;
  gint64 *ids = g_new (gint64, 2);

  if (par >= 0)
    text = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, balance, par);
  else
    text = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "stock-cell");
  if (par >= 0 && balance < par)
    gtk_widget_add_css_class (button, "below-par");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  ids[0] = point->id;
  ids[1] = item->id;
  g_object_set_data_full (G_OBJECT (button), "tsg-ids", ids, g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self, 0);
  return button;
}

static void
clear_grid (TsgStockGrid *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static gboolean
point_below_par (TsgStockMatrix *matrix,
                 guint           p)
{
  guint n_items = matrix->items->len;

  for (guint i = 0; i < n_items; i++)
    if (matrix->pars[p * n_items + i] >= 0 && matrix->balances[p * n_items + i] < matrix->pars[p * n_items + i])
      return TRUE;
  return FALSE;
}

static void
build (TsgStockGrid *self)
{
  TsgStockMatrix *matrix = self->matrix;
  guint n_items;
  int row = 1;

  clear_grid (self);
  if (matrix == NULL)
    return;

  n_items = matrix->items->len;
  for (guint i = 0; i < n_items; i++)
    {
      TsgItem *item = g_ptr_array_index (matrix->items, i);
      gtk_grid_attach (self->grid, header_label (item->name, FALSE), (int) i + 1, 0, 1, 1);
    }
  for (guint p = 0; p < matrix->points->len; p++)
    {
      TsgPoint *point = g_ptr_array_index (matrix->points, p);

      if (self->only_below && !point_below_par (matrix, p))
        continue;
      gtk_grid_attach (self->grid, point_header (self, point), 0, row, 1, 1);
      for (guint i = 0; i < n_items; i++)
        {
          TsgItem *item = g_ptr_array_index (matrix->items, i);
          GtkWidget *cell = make_cell (self, point, item, matrix->balances[p * n_items + i],
                                       matrix->pars[p * n_items + i]);
          gtk_grid_attach (self->grid, cell, (int) i + 1, row, 1, 1);
        }
      row++;
    }
}

void
tsg_stock_grid_set_matrix (TsgStockGrid   *self,
                           TsgStockMatrix *matrix)
{
  g_return_if_fail (TSG_IS_STOCK_GRID (self));

  if (matrix != self->matrix)
    {
      g_clear_pointer (&self->matrix, tsg_stock_matrix_free);
      self->matrix = matrix;
    }
  build (self);
}

void
tsg_stock_grid_set_only_below (TsgStockGrid *self,
                               gboolean      only_below)
{
  g_return_if_fail (TSG_IS_STOCK_GRID (self));

  self->only_below = !!only_below;
  build (self);
}

void
tsg_stock_grid_set_points_editable (TsgStockGrid *self,
                                    gboolean      editable)
{
  g_return_if_fail (TSG_IS_STOCK_GRID (self));

  self->points_editable = !!editable;
  build (self);
}

static void
tsg_stock_grid_dispose (GObject *object)
{
  TsgStockGrid *self = TSG_STOCK_GRID (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->matrix, tsg_stock_matrix_free);
  G_OBJECT_CLASS (tsg_stock_grid_parent_class)->dispose (object);
}

static void
tsg_stock_grid_class_init (TsgStockGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_stock_grid_dispose;

  /**
   * TsgStockGrid::cell-activated:
   * @point_id: the row's distribution point
   * @item_id: the column's item
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * TsgStockGrid::point-activated:
   * @point_id: the distribution point whose name was activated
   */
  signals[POINT_ACTIVATED] = g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stockgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tsg_stock_grid_init (TsgStockGrid *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_vexpand (self->scroller, TRUE);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_grid_set_column_spacing (self->grid, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->grid));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stock Matrix"), -1);
}

GtkWidget *
tsg_stock_grid_new (void)
{
  return g_object_new (TSG_TYPE_STOCK_GRID, NULL);
}

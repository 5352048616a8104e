/* tsg-stock-grid.h: the stock matrix, distribution points × items
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

#define TSG_TYPE_STOCK_GRID (tsg_stock_grid_get_type ())

G_DECLARE_FINAL_TYPE (TsgStockGrid, tsg_stock_grid, TSG, STOCK_GRID, GtkWidget)

GtkWidget *tsg_stock_grid_new        (void);
/* Shows @matrix (kept until the next call). Each cell is a button whose
 * accessible name says the point, the item, the balance and the par; cells
 * below par carry the style class "below-par". Activating a cell emits
 * "cell-activated" (point id, item id). */
void       tsg_stock_grid_set_matrix (TsgStockGrid   *self,
                                      TsgStockMatrix *matrix);
/* Shows only the points with a cell below par (the rest stay loaded). */
void       tsg_stock_grid_set_only_below (TsgStockGrid *self,
                                          gboolean      only_below);
/* The accessible name of a cell, as tests and screen readers read it. */
char      *tsg_stock_grid_describe_cell (const TsgPoint *point,
                                         const TsgItem  *item,
                                         gint64          balance,
                                         gint64          par);

/* The points' names become buttons ("point-activated"). */
void tsg_stock_grid_set_points_editable (TsgStockGrid *self,
                                         gboolean      editable);

G_END_DECLS

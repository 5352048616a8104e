/* tsg-list-panel.h: base of the dock panels that list records from the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpanel.h>

#include "tsg-row-model.h"

G_BEGIN_DECLS

#define TSG_TYPE_LIST_PANEL (tsg_list_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (TsgListPanel, tsg_list_panel, TSG, LIST_PANEL, PanelWidget)

/* Turns column @column of @row into the text of a cell. */
typedef char *(*TsgCellFormatter) (TsgRow *row,
                                   guint   column);

struct _TsgListPanelClass
{
  PanelWidgetClass parent_class;

  TsgListKind kind;

  /* Called once the store is set: add columns, load extra state. */
  void (*setup)     (TsgListPanel *self);
  /* A row was activated (Enter or double click). */
  void (*activated) (TsgListPanel *self,
                     TsgRow       *row);
};

void          tsg_list_panel_set_store     (TsgListPanel     *self,
                                            TsgStore         *store,
                                            TsgActor         *actor);
/* Instead of rows: why there are none (a role that may not read them). */
void          tsg_list_panel_show_message  (TsgListPanel     *self,
                                            const char       *title,
                                            const char       *description);
TsgStore     *tsg_list_panel_get_store     (TsgListPanel     *self);
TsgActor     *tsg_list_panel_get_actor     (TsgListPanel     *self);
TsgRowModel  *tsg_list_panel_get_model     (TsgListPanel     *self);
GtkColumnView*tsg_list_panel_get_column_view (TsgListPanel   *self);
GtkBox       *tsg_list_panel_get_toolbar   (TsgListPanel     *self);
GtkWidget    *tsg_list_panel_get_search_entry (TsgListPanel  *self);
void          tsg_list_panel_add_column    (TsgListPanel     *self,
                                            const char       *title,
                                            guint             column,
                                            TsgCellFormatter  format,
                                            gboolean          expand,
                                            int               fixed_width);
TsgRow       *tsg_list_panel_get_selected  (TsgListPanel     *self);
void          tsg_list_panel_reload        (TsgListPanel     *self);
/* Changes the query (the base keeps the search text and the sort order). */
TsgListQuery *tsg_list_panel_dup_query     (TsgListPanel     *self);
void          tsg_list_panel_set_query     (TsgListPanel     *self,
                                            const TsgListQuery *query);

/* Cell formatters shared by the views */
char *tsg_cell_text          (TsgRow *row, guint column);
char *tsg_cell_datetime      (TsgRow *row, guint column);
char *tsg_cell_date          (TsgRow *row, guint column);

G_END_DECLS

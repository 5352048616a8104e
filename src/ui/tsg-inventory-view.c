/* tsg-inventory-view.c: hygiene-product stock and its ledger
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-inventory-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-domain.h"
#include "tsg-inventory-view.h"

struct _TsgInventoryView
{
  TsgListPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (TsgInventoryView, tsg_inventory_view, TSG_TYPE_LIST_PANEL)

static char *
format_kind (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_movement_kinds, tsg_row_get_value (row, column)));
}

static void
tsg_inventory_view_setup (TsgListPanel *panel)
{
  tsg_list_panel_add_column (panel, _("Date and Time"), TSG_MOVEMENT_COL_OCCURRED_AT, tsg_cell_datetime, FALSE, 150);
  tsg_list_panel_add_column (panel, _("Movement"), TSG_MOVEMENT_COL_KIND, format_kind, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Item"), TSG_MOVEMENT_COL_ITEM, NULL, FALSE, 150);
  tsg_list_panel_add_column (panel, _("From"), TSG_MOVEMENT_COL_FROM, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("To"), TSG_MOVEMENT_COL_TO, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Quantity"), TSG_MOVEMENT_COL_QUANTITY, NULL, FALSE, 80);
  tsg_list_panel_add_column (panel, _("Note"), TSG_MOVEMENT_COL_NOTE, NULL, FALSE, 150);
}

static void
tsg_inventory_view_class_init (TsgInventoryViewClass *klass)
{
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_MOVEMENTS;
  panel_class->setup = tsg_inventory_view_setup;
}

static void
tsg_inventory_view_init (TsgInventoryView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "inventory");
  panel_widget_set_title (PANEL_WIDGET (self), _("Inventory"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "package-x-generic-symbolic");
}

GtkWidget *
tsg_inventory_view_new (void)
{
  return g_object_new (TSG_TYPE_INVENTORY_VIEW, NULL);
}

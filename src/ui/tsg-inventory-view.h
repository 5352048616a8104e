/* tsg-inventory-view.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-list-panel.h"

G_BEGIN_DECLS

#define TSG_TYPE_INVENTORY_VIEW (tsg_inventory_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgInventoryView, tsg_inventory_view, TSG, INVENTORY_VIEW, TsgListPanel)

GtkWidget *tsg_inventory_view_new (void);

G_END_DECLS

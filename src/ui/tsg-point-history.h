/* tsg-point-history.h: one distribution point's movements, newest first,
 * with the running balance of each row's item
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

#define TSG_TYPE_POINT_HISTORY (tsg_point_history_get_type ())

G_DECLARE_FINAL_TYPE (TsgPointHistory, tsg_point_history, TSG, POINT_HISTORY, GtkWidget)

GtkWidget *tsg_point_history_new        (void);
void       tsg_point_history_set_store  (TsgPointHistory *self,
                                         TsgStore        *store,
                                         TsgActor        *actor);
/* Shows @point_id's history (@item_id 0: every item) from the newest. */
void       tsg_point_history_show       (TsgPointHistory *self,
                                         gint64           point_id,
                                         gint64           item_id);
/* Reloads the points and items and the first page (after a movement). */
void       tsg_point_history_reload     (TsgPointHistory *self);
gint64     tsg_point_history_get_point  (TsgPointHistory *self);
/* 0: every item */
gint64     tsg_point_history_get_item   (TsgPointHistory *self);

G_END_DECLS

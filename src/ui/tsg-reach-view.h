/* tsg-reach-view.h: what each distribution point reaches, month by month
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

#define TSG_TYPE_REACH_VIEW (tsg_reach_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgReachView, tsg_reach_view, TSG, REACH_VIEW, GtkWidget)

GtkWidget *tsg_reach_view_new    (void);
/* Loads the last twelve months: per point, the units handed out and the
 * contacts who said they heard of the office there. */
void       tsg_reach_view_reload (TsgReachView *self,
                                  TsgStore     *store,
                                  TsgActor     *actor);

G_END_DECLS

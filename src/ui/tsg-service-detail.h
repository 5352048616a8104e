/* tsg-service-detail.h: the detail pane of the referral directory
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_SERVICE_DETAIL (tsg_service_detail_get_type ())

G_DECLARE_FINAL_TYPE (TsgServiceDetail, tsg_service_detail, TSG, SERVICE_DETAIL, GtkWidget)

/* Signals: "refer" (gint64 service_id) when the person asks to refer. */
GtkWidget *tsg_service_detail_new         (void);
void       tsg_service_detail_set_store   (TsgServiceDetail *self,
                                           TsgStore         *store,
                                           TsgActor         *actor);
/* 0 shows "No service selected". */
void       tsg_service_detail_set_service (TsgServiceDetail *self,
                                           gint64            service_id);
gint64     tsg_service_detail_get_service (TsgServiceDetail *self);

G_END_DECLS

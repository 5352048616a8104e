/* tsg-service-picker.h: choose a service (an agency's window) from the
 * referral directory: a search entry over a paging list of services
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_SERVICE_PICKER (tsg_service_picker_get_type ())

G_DECLARE_FINAL_TYPE (TsgServicePicker, tsg_service_picker, TSG, SERVICE_PICKER, GtkWidget)

GtkWidget  *tsg_service_picker_new            (TsgStore         *store,
                                               TsgActor         *actor);
/* 0 = none chosen */
gint64      tsg_service_picker_get_service_id (TsgServicePicker *self);
/* "agency — service", "" when none */
const char *tsg_service_picker_get_label      (TsgServicePicker *self);
GtkWidget  *tsg_service_picker_get_search_entry (TsgServicePicker *self);

G_END_DECLS

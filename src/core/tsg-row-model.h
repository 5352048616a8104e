/* tsg-row-model.h: a GListModel that pages rows from the store on demand
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_ROW_MODEL (tsg_row_model_get_type ())

G_DECLARE_FINAL_TYPE (TsgRowModel, tsg_row_model, TSG, ROW_MODEL, GObject)

TsgRowModel        *tsg_row_model_new          (TsgStore           *store,
                                                TsgActor           *actor,
                                                TsgListKind         kind);
TsgListKind         tsg_row_model_get_kind     (TsgRowModel        *self);
const TsgListQuery *tsg_row_model_get_query    (TsgRowModel        *self);
void                tsg_row_model_set_query    (TsgRowModel        *self,
                                                const TsgListQuery *query);
void                tsg_row_model_reload       (TsgRowModel        *self);
void                tsg_row_model_set_first_page (TsgRowModel      *self,
                                                  guint             n_rows);
void                tsg_row_model_hold         (TsgRowModel        *self);
void                tsg_row_model_release      (TsgRowModel        *self);
gboolean            tsg_row_model_get_held     (TsgRowModel        *self);
gboolean            tsg_row_model_reload_sync  (TsgRowModel        *self,
                                                GError            **error);
gboolean            tsg_row_model_get_loading  (TsgRowModel        *self);
guint               tsg_row_model_get_cached   (TsgRowModel        *self);
gint64              tsg_row_model_get_id       (TsgRowModel        *self,
                                                guint               position);
int                 tsg_row_model_find         (TsgRowModel        *self,
                                                gint64              id);

G_END_DECLS

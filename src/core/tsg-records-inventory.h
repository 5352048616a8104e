/* tsg-records-inventory.h: the "items", "distribution_points" and
 * "stock_movements" sections of records JSON
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   {"items": [{"code": "PAD-D", "name": "昼用ナプキン", "category": "pads_day",
 *               "unit": "パック", "pack_size": 20, "is_kit": false, "active": true},
 *              {"code": "KIT", "name": "…", "category": "kit", "is_kit": true,
 *               "components": [{"item": "PAD-D", "quantity": 1}]}],
 *    "distribution_points": [{"code": "BOOK-MSK", "name": "…", "kind": "bookshop",
 *               "address": "…", "municipality": "…", "contact_person": "…",
 *               "opening_hours": "…", "is_office": false, "active": true,
 *               "par_levels": [{"item": "PAD-D", "par": 20}]}],
 *    "stock_movements": [{"occurred_at": "2025-04-01T10:00:00+09:00",
 *               "kind": "transfer", "item": "PAD-D", "from": "OFFICE",
 *               "to": "BOOK-MSK", "quantity": 30, "source": "donation",
 *               "cost_yen": 3000, "funding_source": "…", "client_ref": "C-0001",
 *               "reason": "…"}]}
 *
 * Items and points are matched by code (an import updates them); movements
 * are appended in the file's order through the ledger's own checks, so an
 * import that would take a balance below zero is refused whole.
 */
#pragma once

#include "tsg-records.h"

G_BEGIN_DECLS

gboolean _tsg_records_import_items     (TsgStore          *store,
                                        TsgActor          *actor,
                                        JsonArray         *array,
                                        TsgRecordsContext *context,
                                        GError           **error);
gboolean _tsg_records_export_items     (TsgStore          *store,
                                        TsgActor          *actor,
                                        JsonBuilder       *builder,
                                        TsgRecordsContext *context,
                                        GError           **error);
gboolean _tsg_records_import_points    (TsgStore          *store,
                                        TsgActor          *actor,
                                        JsonArray         *array,
                                        TsgRecordsContext *context,
                                        GError           **error);
gboolean _tsg_records_export_points    (TsgStore          *store,
                                        TsgActor          *actor,
                                        JsonBuilder       *builder,
                                        TsgRecordsContext *context,
                                        GError           **error);
gboolean _tsg_records_import_movements (TsgStore          *store,
                                        TsgActor          *actor,
                                        JsonArray         *array,
                                        TsgRecordsContext *context,
                                        GError           **error);
gboolean _tsg_records_export_movements (TsgStore          *store,
                                        TsgActor          *actor,
                                        TsgRecordsWriter  *writer,
                                        TsgRecordsContext *context,
                                        GError           **error);

G_END_DECLS

/* tsg-records-cases.h: the "cases" section of records JSON
 * (tsg-store-cases-records.c), for the table in tsg-records-sections.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-records.h"

G_BEGIN_DECLS

gboolean _tsg_records_import_cases (TsgStore          *store,
                                    TsgActor          *actor,
                                    JsonArray         *array,
                                    TsgRecordsContext *context,
                                    GError           **error);
gboolean _tsg_records_export_cases (TsgStore          *store,
                                    TsgActor          *actor,
                                    TsgRecordsWriter  *writer,
                                    TsgRecordsContext *context,
                                    GError           **error);

G_END_DECLS

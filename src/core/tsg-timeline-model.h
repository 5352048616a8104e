/* tsg-timeline-model.h: the timeline of one case as a paging GListModel
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-keyed-model.h"
#include "tsg-store-cases.h"

G_BEGIN_DECLS

#define TSG_TYPE_TIMELINE_MODEL (tsg_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (TsgTimelineModel, tsg_timeline_model, TSG, TIMELINE_MODEL, TsgKeyedModel)

/* Items are TsgRow (TSG_TIMELINE_COL_*), newest first; only the page
 * around a position the view asks for is read. */
TsgTimelineModel *tsg_timeline_model_new       (TsgStore          *store,
                                                TsgActor          *actor,
                                                gint64             case_id);
gint64            tsg_timeline_model_get_case_id (TsgTimelineModel *self);
/* NULL = every kind */
void              tsg_timeline_model_set_kind  (TsgTimelineModel  *self,
                                                const char        *kind);
const char       *tsg_timeline_model_get_kind  (TsgTimelineModel  *self);
/* Reads the keys again (after an entry was added). */
gboolean          tsg_timeline_model_reload    (TsgTimelineModel  *self,
                                                GError           **error);
/* Keys read elsewhere (tsg_store_read_case_view): tsg_keyed_model_set_keys(). */

G_END_DECLS

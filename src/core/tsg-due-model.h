/* tsg-due-model.h: the tasks and plan reviews due, as a paging GListModel
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-keyed-model.h"
#include "tsg-store-cases.h"

G_BEGIN_DECLS

#define TSG_TYPE_DUE_MODEL (tsg_due_model_get_type ())

G_DECLARE_FINAL_TYPE (TsgDueModel, tsg_due_model, TSG, DUE_MODEL, TsgKeyedModel)

/* Items are TsgRow (TSG_DUE_COL_*), soonest first; empty until reloaded. */
TsgDueModel *tsg_due_model_new    (TsgStore     *store,
                                   TsgActor     *actor);
gboolean     tsg_due_model_reload (TsgDueModel  *self,
                                   const char   *on_date,
                                   gint64        staff_id,
                                   GError      **error);

G_END_DECLS

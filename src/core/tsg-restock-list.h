/* tsg-restock-list.h: the restock list as an A4 PDF
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* What to take from the office to which point to bring every point (or
 * only @point_id, when not 0) up to its par levels: one table per point
 * with a tick box per line, then the totals to take out of the office
 * store, shortfalls marked.
 * Returns: (transfer full): the PDF, or NULL with @error. */
GBytes *tsg_restock_list_render (TsgStore  *store,
                                 TsgActor  *actor,
                                 gint64     point_id,
                                 gint64     now,
                                 GError   **error);

G_END_DECLS

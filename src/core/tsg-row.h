/* tsg-row.h: one row of a list view, loaded on demand
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TSG_TYPE_ROW (tsg_row_get_type ())

G_DECLARE_FINAL_TYPE (TsgRow, tsg_row, TSG, ROW, GObject)

TsgRow     *tsg_row_new        (gint64      id,
                                GStrv       values);
gint64      tsg_row_get_id     (TsgRow     *self);
guint       tsg_row_get_n_values (TsgRow   *self);
/* Returns "" for NULL columns and out-of-range indexes. */
const char *tsg_row_get_value  (TsgRow     *self,
                                guint       column);
gint64      tsg_row_get_int    (TsgRow     *self,
                                guint       column);

G_END_DECLS

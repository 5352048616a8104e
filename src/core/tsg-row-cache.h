/* tsg-row-cache.h: rows of a keyed list, read a page at a time (private)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* The rows of @n_keys keys, in any order (matched by id). */
typedef GPtrArray *(*TsgRowFetchFunc) (gpointer       data,
                                       const gint64  *keys,
                                       guint          n_keys,
                                       GError       **error);

/* The row at @position of @keys: from @cache (gint64* -> TsgRow), else the
 * page of @page_size keys around it is read into the cache first (emptied
 * when it would pass @limit). A key whose row is gone (deleted since the
 * keys were read) gets an empty placeholder row, so a list's length stays
 * honest until the next reload. Returns: (transfer full) */
TsgRow *_tsg_row_cache_get (GHashTable      *cache,
                            GArray          *keys,
                            guint            position,
                            guint            page_size,
                            guint            limit,
                            TsgRowFetchFunc  fetch,
                            gpointer         data);

G_END_DECLS

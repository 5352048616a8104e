/* tsg-row-cache.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What TsgRowModel (a million ids) and TsgKeyedModel (a timeline, what is
 * due) share: a view asks for one row, the page around it is read in one
 * query, and a bounded cache keeps what was read.
 */
#define G_LOG_DOMAIN "tsg-row-cache"

#include "config.h"

#include "tsg-row-cache.h"

static void
fetch_page (GHashTable      *cache,
            GArray          *keys,
            guint            position,
            guint            page_size,
            guint            limit,
            TsgRowFetchFunc  fetch,
            gpointer         data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint start = position - position % page_size;
  guint n = MIN (page_size, keys->len - start);

  if (g_hash_table_size (cache) + n > limit)
    g_hash_table_remove_all (cache);
  rows = fetch (data, &g_array_index (keys, gint64, start), n, &error);
  if (rows == NULL)
    {
      g_warning ("Failed to read rows: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gint64 key = tsg_row_get_id (row);

      g_hash_table_replace (cache, g_memdup2 (&key, sizeof key), g_object_ref (row));
    }
}

TsgRow *
_tsg_row_cache_get (GHashTable      *cache,
                    GArray          *keys,
                    guint            position,
                    guint            page_size,
                    guint            limit,
                    TsgRowFetchFunc  fetch,
                    gpointer         data)
{
  gint64 key;
  TsgRow *row;

  g_return_val_if_fail (position < keys->len, NULL);

  key = g_array_index (keys, gint64, position);
  if (!(row = g_hash_table_lookup (cache, &key)))
    {
      fetch_page (cache, keys, position, page_size, limit, fetch, data);
      row = g_hash_table_lookup (cache, &key);
    }
  return row ? g_object_ref (row) : tsg_row_new (key, NULL);
}

/* tsg-generator.h: synthetic, realistic office data (demo and benchmarks)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

typedef void (*TsgGenerateProgress) (guint64  done,
                                     guint64  total,
                                     gpointer user_data);

/* Writes @n_contacts contacts over the ten fiscal years that end with the one
 * holding @end (Unix seconds; 0 = now), with proportionate clients, cases,
 * timeline events, directory entries, stock movements and trainings.
 * The same @seed and @end give the same database. The store is marked as a
 * demo database. */
gboolean tsg_store_generate (TsgStore            *self,
                             guint64              n_contacts,
                             guint32              seed,
                             gint64               end,
                             TsgGenerateProgress  progress,
                             gpointer             user_data,
                             GError             **error);

G_END_DECLS

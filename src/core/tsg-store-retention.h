/* tsg-store-retention.h: anonymising closed cases after the retention period
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* office_settings key: whole years a closed case keeps its details */
#define TSG_RETENTION_YEARS_KEY "retention_years"

/* What anonymising would remove, or did remove. */
typedef struct
{
  gint64     cutoff;        /* cases closed before this (Unix seconds) */
  guint      n_cases;       /* their titles, plans, notes and timelines' text */
  guint      n_clients;     /* names, kana, address, notes, safe contact, caller hash */
  guint      n_contacts;    /* summaries and caller hashes of her calls */
  guint      n_events;      /* timeline entries whose text goes */
  GPtrArray *lines;         /* one line per case, "C19-000123: opened …, closed …" */
} TsgRetentionPreview;

void                 tsg_retention_preview_free (TsgRetentionPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgRetentionPreview, tsg_retention_preview_free)

/* Closed cases whose closing is more than @years before @now (0: now),
 * and the clients with no newer case or contact. Administrators only. */
TsgRetentionPreview *tsg_store_retention_preview (TsgStore  *self,
                                                  TsgActor  *actor,
                                                  guint      years,
                                                  gint64     now,
                                                  GError   **error);
/* Removes names, kana, address and free text from those records, in one
 * transaction with an audit entry per case and one for the whole run.
 * The records themselves stay, so every count of the reports is the same
 * after as before. Returns: (transfer full): what was anonymised. */
TsgRetentionPreview *tsg_store_retention_apply   (TsgStore  *self,
                                                  TsgActor  *actor,
                                                  guint      years,
                                                  gint64     now,
                                                  GError   **error);

G_END_DECLS

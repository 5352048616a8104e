/* tsg-store-audit.h: reading the audit log (administrators)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log itself is written by _tsg_store_audit() (tsg-store-private.h) in
 * the transaction of every view, change, export and print of a person's
 * record; it is append-only and hash-chained.
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* What to show: every field is optional (0 / NULL: no restriction). */
typedef struct
{
  gint64  staff_id;     /* -1: entries with no staff member (failed sign-ins) */
  char   *record_kind;
  char   *action;
  gint64  from;         /* Unix seconds, inclusive */
  gint64  to;           /* Unix seconds, exclusive */
} TsgAuditQuery;

/* Columns of the rows tsg_store_list_audit() returns (TsgRow values; the
 * row id is the entry's number). */
enum { TSG_AUDIT_COL_AT, TSG_AUDIT_COL_STAFF, TSG_AUDIT_COL_ACTION, TSG_AUDIT_COL_RECORD_KIND,
       TSG_AUDIT_COL_RECORD_ID, TSG_AUDIT_COL_DETAIL, TSG_AUDIT_COL_STAFF_ID, TSG_AUDIT_N_COLS };

/* Newest first, @limit entries from @offset; @total (optional) receives the
 * number of entries that match. Reading the log is itself logged. */
GPtrArray *tsg_store_list_audit         (TsgStore            *self,
                                         TsgActor            *actor,
                                         const TsgAuditQuery *query,
                                         guint                offset,
                                         guint                limit,
                                         gint64              *total,
                                         GError             **error);
/* The distinct values of "action" or "record_kind" in the log, sorted. */
GStrv      tsg_store_list_audit_values  (TsgStore            *self,
                                         TsgActor            *actor,
                                         const char          *column,
                                         GError             **error);
/* Recomputes the hash chain: TRUE when no entry was altered or removed;
 * @problems receives one line per broken link; @n_entries how many were
 * checked. */
gboolean   tsg_store_verify_audit_chain (TsgStore            *self,
                                         TsgActor            *actor,
                                         GPtrArray           *problems,
                                         gint64              *n_entries,
                                         GError             **error);

G_END_DECLS

/* tsg-call-log-view.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-list-panel.h"

G_BEGIN_DECLS

#define TSG_TYPE_CALL_LOG_VIEW (tsg_call_log_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgCallLogView, tsg_call_log_view, TSG, CALL_LOG_VIEW, TsgListPanel)

GtkWidget *tsg_call_log_view_new           (void);
/* Ctrl+N: the entry form for a new contact (offers to restore a draft). */
void       tsg_call_log_view_new_contact   (TsgCallLogView *self);
/* Opens a saved contact in the entry form. */
void       tsg_call_log_view_open_contact  (TsgCallLogView *self,
                                            gint64          id);
/* Re-reads the counters (today, this month, this fiscal year). */
void       tsg_call_log_view_update_counters (TsgCallLogView *self);
/* Writes every record as records JSON to @file in a worker thread (its own
 * connection); emits "exported" (gboolean ok) and shows a toast. */
void       tsg_call_log_view_export_to     (TsgCallLogView *self,
                                            GFile          *file);
/* Checks for due call-back reminders now (every 30 s otherwise). */
void       tsg_call_log_view_check_callbacks (TsgCallLogView *self);

G_END_DECLS

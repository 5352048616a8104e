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

GtkWidget *tsg_call_log_view_new (void);

G_END_DECLS

/* tsg-cases-view.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-list-panel.h"

G_BEGIN_DECLS

#define TSG_TYPE_CASES_VIEW (tsg_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgCasesView, tsg_cases_view, TSG, CASES_VIEW, TsgListPanel)

GtkWidget *tsg_cases_view_new (void);

G_END_DECLS

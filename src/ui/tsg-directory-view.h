/* tsg-directory-view.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-list-panel.h"

G_BEGIN_DECLS

#define TSG_TYPE_DIRECTORY_VIEW (tsg_directory_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgDirectoryView, tsg_directory_view, TSG, DIRECTORY_VIEW, TsgListPanel)

GtkWidget *tsg_directory_view_new (void);

G_END_DECLS

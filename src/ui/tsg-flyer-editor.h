/* tsg-flyer-editor.h: a dock panel to choose a template, a point and services;
 * the preview panel follows
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-window.h"

G_BEGIN_DECLS

#define TSG_TYPE_FLYER_EDITOR (tsg_flyer_editor_get_type ())

G_DECLARE_FINAL_TYPE (TsgFlyerEditor, tsg_flyer_editor, TSG, FLYER_EDITOR, PanelWidget)

GtkWidget *tsg_flyer_editor_new (TsgWindow *window);

G_END_DECLS

/* tsg-preview-panel-private.h: what the tests and benchmarks look into
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-preview-panel.h"

G_BEGIN_DECLS

/* "empty", "loading", "pages" or "error" */
const char *_tsg_preview_panel_get_state        (TsgPreviewPanel *self);
const char *_tsg_preview_panel_get_error        (TsgPreviewPanel *self);
guint       _tsg_preview_panel_get_n_pages      (TsgPreviewPanel *self);
/* Pages that hold a texture rendered at the current zoom. */
guint       _tsg_preview_panel_get_n_rendered   (TsgPreviewPanel *self);
gboolean    _tsg_preview_panel_page_is_rendered (TsgPreviewPanel *self,
                                                 guint            index);
guint       _tsg_preview_panel_get_current_page (TsgPreviewPanel *self);
double      _tsg_preview_panel_get_zoom         (TsgPreviewPanel *self);
gboolean    _tsg_preview_panel_save_to_file     (TsgPreviewPanel *self,
                                                 GFile           *file,
                                                 GError         **error);
/* Runs the print operation's page drawing into a PDF file (no dialog). */
gboolean    _tsg_preview_panel_print_to_file    (TsgPreviewPanel *self,
                                                 const char      *path,
                                                 GError         **error);

G_END_DECLS

/* tsg-preview-panel.h: a dock panel showing a PDF (letters, flyers, reports)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpanel.h>

G_BEGIN_DECLS

#define TSG_TYPE_PREVIEW_PANEL (tsg_preview_panel_get_type ())

G_DECLARE_FINAL_TYPE (TsgPreviewPanel, tsg_preview_panel, TSG, PREVIEW_PANEL, PanelWidget)

/* Rebuilds the PDF (a refresh after an edit); runs on the main thread.
 * Returns: (transfer full) (nullable): the new PDF, or NULL with @error set. */
typedef GBytes *(*TsgPreviewRegenerate) (gpointer   user_data,
                                         GError   **error);

GtkWidget *tsg_preview_panel_new            (const char           *title);
/* Shows @pdf (kept by reference); Poppler opens and renders it in worker
 * threads. A PDF Poppler cannot open shows a status page saying so. */
void       tsg_preview_panel_set_pdf        (TsgPreviewPanel      *self,
                                             GBytes               *pdf,
                                             const char           *suggested_filename);
GBytes    *tsg_preview_panel_get_pdf        (TsgPreviewPanel      *self);
void       tsg_preview_panel_set_regenerate (TsgPreviewPanel      *self,
                                             TsgPreviewRegenerate  func,
                                             gpointer              user_data,
                                             GDestroyNotify        destroy);
/* Calls the regenerate function and shows its result (keeps zoom and page). */
void       tsg_preview_panel_refresh        (TsgPreviewPanel      *self);

G_END_DECLS

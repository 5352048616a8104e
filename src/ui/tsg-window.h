/* tsg-window.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-preview-panel.h"
#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_WINDOW (tsg_window_get_type ())

G_DECLARE_FINAL_TYPE (TsgWindow, tsg_window, TSG, WINDOW, AdwApplicationWindow)

TsgWindow *tsg_window_new        (AdwApplication *application,
                                  TsgStore       *store,
                                  TsgActor       *actor);
TsgStore  *tsg_window_get_store  (TsgWindow      *self);
TsgActor  *tsg_window_get_actor  (TsgWindow      *self);
void       tsg_window_show_toast (TsgWindow      *self,
                                  const char     *message);
/* @id: call-log, cases, directory or inventory */
GtkWidget *tsg_window_get_panel  (TsgWindow      *self,
                                  const char     *id);
void       tsg_window_save_layout (TsgWindow     *self);
/* Adds @panel (a case, the Due list) to the centre of the dock when it has
 * no place yet, and raises it. */
void       tsg_window_present_panel (TsgWindow   *self,
                                     PanelWidget *panel);
/* Opens (or reuses, by @id) a document preview in the centre of the dock
 * and raises it. @pdf may be NULL to only raise an existing preview. */
TsgPreviewPanel *tsg_window_show_preview (TsgWindow  *self,
                                          const char *id,
                                          const char *title,
                                          GBytes     *pdf,
                                          const char *suggested_filename);

G_END_DECLS

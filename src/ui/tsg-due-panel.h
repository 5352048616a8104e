/* tsg-due-panel.h: the tasks and plan reviews that are due, in a dock panel
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpanel.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_DUE_PANEL (tsg_due_panel_get_type ())

G_DECLARE_FINAL_TYPE (TsgDuePanel, tsg_due_panel, TSG, DUE_PANEL, PanelWidget)

GtkWidget *tsg_due_panel_new     (TsgStore    *store,
                                  TsgActor    *actor);
/* Reads the list again; FALSE with @error when it cannot be read. */
gboolean   tsg_due_panel_reload  (TsgDuePanel *self,
                                  GError     **error);
guint      tsg_due_panel_get_n_items (TsgDuePanel *self);

G_END_DECLS

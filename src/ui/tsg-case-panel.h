/* tsg-case-panel.h: one case in a dock panel: the client's safety settings,
 * the status, the support plan, consents and the timeline
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpanel.h>

#include "tsg-store-cases.h"
#include "tsg-timeline-model.h"

G_BEGIN_DECLS

#define TSG_TYPE_CASE_PANEL (tsg_case_panel_get_type ())

G_DECLARE_FINAL_TYPE (TsgCasePanel, tsg_case_panel, TSG, CASE_PANEL, PanelWidget)

/* Reads the case (audited as a view). Returns NULL with @error when the
 * case cannot be read (missing, or the role may not). */
TsgCasePanel     *tsg_case_panel_new         (TsgStore      *store,
                                              TsgActor      *actor,
                                              gint64         case_id,
                                              GError       **error);
gint64            tsg_case_panel_get_case_id (TsgCasePanel  *self);
TsgTimelineModel *tsg_case_panel_get_timeline (TsgCasePanel *self);
GtkWidget        *tsg_case_panel_get_timeline_view (TsgCasePanel *self);
/* Reads the case, the plan, consents and the timeline again. */
void              tsg_case_panel_reload      (TsgCasePanel  *self);

G_END_DECLS

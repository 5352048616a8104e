/* tsg-reports-view.h: the Reports panel (KPI report, targets, trainings)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpanel.h>

#include "tsg-store-reports.h"

G_BEGIN_DECLS

#define TSG_TYPE_REPORTS_VIEW (tsg_reports_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgReportsView, tsg_reports_view, TSG, REPORTS_VIEW, PanelWidget)

GtkWidget    *tsg_reports_view_new             (void);
/* Shows the report of the current fiscal year, or why it cannot (roles
 * without TSG_PERM_REPORTS). */
void          tsg_reports_view_set_store       (TsgReportsView *self,
                                                TsgStore       *store,
                                                TsgActor       *actor);
void          tsg_reports_view_set_fiscal_year (TsgReportsView *self,
                                                int             fiscal_year);
int           tsg_reports_view_get_fiscal_year (TsgReportsView *self);
void          tsg_reports_view_set_publication (TsgReportsView *self,
                                                gboolean        publication);
/* The report shown (with small counts hidden under publication), or NULL
 * while it loads. */
TsgKpiReport *tsg_reports_view_get_report      (TsgReportsView *self);

G_END_DECLS

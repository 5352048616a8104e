/* tsg-cases-view.c: the cases, for counsellors
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cases-view.h"
#include "tsg-domain.h"

struct _TsgCasesView
{
  TsgListPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (TsgCasesView, tsg_cases_view, TSG_TYPE_LIST_PANEL)

static char *
format_status (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_case_statuses, tsg_row_get_value (row, column)));
}

static char *
format_age_band (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_age_bands, tsg_row_get_value (row, column)));
}

static void
tsg_cases_view_setup (TsgListPanel *panel)
{
  tsg_list_panel_add_column (panel, _("Client Code"), TSG_CASE_COL_CODE, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Name"), TSG_CASE_COL_CLIENT, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Status"), TSG_CASE_COL_STATUS, format_status, FALSE, 90);
  tsg_list_panel_add_column (panel, _("Lead"), TSG_CASE_COL_LEAD, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Opened"), TSG_CASE_COL_OPENED_AT, tsg_cell_date, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Last Activity"), TSG_CASE_COL_LAST_EVENT_AT, tsg_cell_date, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Age Band"), TSG_CASE_COL_AGE_BAND, format_age_band, FALSE, 70);
}

static void
tsg_cases_view_class_init (TsgCasesViewClass *klass)
{
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_CASES;
  panel_class->setup = tsg_cases_view_setup;
}

static void
tsg_cases_view_init (TsgCasesView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "cases");
  panel_widget_set_title (PANEL_WIDGET (self), _("Cases"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "folder-symbolic");
}

GtkWidget *
tsg_cases_view_new (void)
{
  return g_object_new (TSG_TYPE_CASES_VIEW, NULL);
}

/* tsg-call-log-view.c: the call log, what front-desk staff use on every call
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-call-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-call-log-view.h"
#include "tsg-domain.h"

struct _TsgCallLogView
{
  TsgListPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (TsgCallLogView, tsg_call_log_view, TSG_TYPE_LIST_PANEL)

static char *
format_channel (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_channels, tsg_row_get_value (row, column)));
}

static char *
format_call_type (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_call_types, tsg_row_get_value (row, column)));
}

static char *
format_age_band (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_age_bands, tsg_row_get_value (row, column)));
}

static char *
format_topics (TsgRow *row, guint column)
{
  return tsg_enum_labels_for_list (tsg_topics, tsg_row_get_value (row, column));
}

static char *
format_outcome (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_outcomes, tsg_row_get_value (row, column)));
}

static void
tsg_call_log_view_setup (TsgListPanel *panel)
{
  tsg_list_panel_add_column (panel, _("Date and Time"), TSG_CONTACT_COL_STARTED_AT, tsg_cell_datetime, FALSE, 150);
  tsg_list_panel_add_column (panel, _("Channel"), TSG_CONTACT_COL_CHANNEL, format_channel, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Call Type"), TSG_CONTACT_COL_CALL_TYPE, format_call_type, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Age Band"), TSG_CONTACT_COL_AGE_BAND, format_age_band, FALSE, 80);
  tsg_list_panel_add_column (panel, _("Topics"), TSG_CONTACT_COL_TOPICS, format_topics, FALSE, 180);
  tsg_list_panel_add_column (panel, _("Outcome"), TSG_CONTACT_COL_OUTCOME, format_outcome, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Staff"), TSG_CONTACT_COL_STAFF, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Summary"), TSG_CONTACT_COL_SUMMARY, NULL, TRUE, -1);
}

static void
tsg_call_log_view_class_init (TsgCallLogViewClass *klass)
{
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_CONTACTS;
  panel_class->setup = tsg_call_log_view_setup;
}

static void
tsg_call_log_view_init (TsgCallLogView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "call-log");
  panel_widget_set_title (PANEL_WIDGET (self), _("Call Log"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "call-start-symbolic");
}

GtkWidget *
tsg_call_log_view_new (void)
{
  return g_object_new (TSG_TYPE_CALL_LOG_VIEW, NULL);
}

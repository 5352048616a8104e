/* tsg-cases-view.c: the cases, for counsellors
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list of cases with a status filter and search; a case opens in its
 * own dock panel (win.open-case). The toolbar also opens a new case, a case
 * from the call selected in the call log, and the Due list.
 */
#define G_LOG_DOMAIN "tsg-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cases-view.h"
#include "tsg-domain.h"

struct _TsgCasesView
{
  TsgListPanel parent_instance;

  GtkDropDown *status_filter;
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

/* "Open" (every status but closed) is the default: the work in hand. */
enum { FILTER_OPEN, FILTER_ALL, FILTER_FIRST_STATUS };

static void
on_status_filter_changed_cb (TsgCasesView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autoptr(TsgListQuery) query = NULL;
  guint selected = gtk_drop_down_get_selected (self->status_filter);

  if (tsg_list_panel_get_model (panel) == NULL)
    return;
  query = tsg_list_panel_dup_query (panel);
  g_clear_pointer (&query->status, g_free);
  if (selected == FILTER_OPEN)
    query->status = g_strdup ("open");
  else if (selected >= FILTER_FIRST_STATUS)
    query->status = g_strdup (tsg_case_statuses[selected - FILTER_FIRST_STATUS].id);
  tsg_list_panel_set_query (panel, query);
}

static GtkWidget *
toolbar_button (const char *label,
                const char *action,
                const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
add_toolbar (TsgCasesView *self)
{
  GtkBox *toolbar = tsg_list_panel_get_toolbar (TSG_LIST_PANEL (self));
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  GtkWidget *new_button;

  g_strv_builder_add (b, _("Open cases"));
  g_strv_builder_add (b, _("All cases"));
  for (guint i = 0; tsg_case_statuses[i].id; i++)
    g_strv_builder_add (b, tsg_enum_label (tsg_case_statuses, tsg_case_statuses[i].id));
  labels = g_strv_builder_end (b);
  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_filter), _("Show cases in this status"));
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (on_status_filter_changed_cb), self);
  gtk_box_append (toolbar, GTK_WIDGET (self->status_filter));
  gtk_box_append (toolbar, toolbar_button (_("_Due"), "win.show-due", _("Tasks and plan reviews that are due")));
  gtk_box_append (toolbar, toolbar_button (_("From _Call"), "win.open-case-from-call",
                                           _("Open a case for the call selected in the call log")));
  new_button = toolbar_button (_("_New Case…"), "win.new-case", _("A new client and case"));
  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_box_append (toolbar, new_button);
}

static void
tsg_cases_view_setup (TsgListPanel *panel)
{
  TsgCasesView *self = TSG_CASES_VIEW (panel);

  tsg_list_panel_add_column (panel, _("Client Code"), TSG_CASE_COL_CODE, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Name"), TSG_CASE_COL_CLIENT, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Status"), TSG_CASE_COL_STATUS, format_status, FALSE, 90);
  tsg_list_panel_add_column (panel, _("Lead"), TSG_CASE_COL_LEAD, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Opened"), TSG_CASE_COL_OPENED_AT, tsg_cell_date, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Last Activity"), TSG_CASE_COL_LAST_EVENT_AT, tsg_cell_date, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Age Band"), TSG_CASE_COL_AGE_BAND, format_age_band, FALSE, 70);
  add_toolbar (self);
  on_status_filter_changed_cb (self);
}

static void
tsg_cases_view_activated (TsgListPanel *panel,
                          TsgRow       *row)
{
  gtk_widget_activate_action (GTK_WIDGET (panel), "win.open-case", "x", tsg_row_get_id (row));
}

static void
tsg_cases_view_class_init (TsgCasesViewClass *klass)
{
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_CASES;
  panel_class->setup = tsg_cases_view_setup;
  panel_class->activated = tsg_cases_view_activated;
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

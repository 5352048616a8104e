/* tsg-directory-view.c: the referral directory of partner agencies
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-directory-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-directory-view.h"
#include "tsg-domain.h"

struct _TsgDirectoryView
{
  TsgListPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (TsgDirectoryView, tsg_directory_view, TSG_TYPE_LIST_PANEL)

static char *
format_category (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_org_categories, tsg_row_get_value (row, column)));
}

static void
tsg_directory_view_setup (TsgListPanel *panel)
{
  tsg_list_panel_add_column (panel, _("Organization"), TSG_SERVICE_COL_ORGANIZATION, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Service"), TSG_SERVICE_COL_NAME, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Category"), TSG_SERVICE_COL_CATEGORY, format_category, FALSE, 100);
  tsg_list_panel_add_column (panel, _("City"), TSG_SERVICE_COL_CITY, NULL, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Phone"), TSG_SERVICE_COL_PHONE, NULL, FALSE, 120);
}

static void
tsg_directory_view_class_init (TsgDirectoryViewClass *klass)
{
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_SERVICES;
  panel_class->setup = tsg_directory_view_setup;
}

static void
tsg_directory_view_init (TsgDirectoryView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "directory");
  panel_widget_set_title (PANEL_WIDGET (self), _("Directory"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "x-office-address-book-symbolic");
}

GtkWidget *
tsg_directory_view_new (void)
{
  return g_object_new (TSG_TYPE_DIRECTORY_VIEW, NULL);
}

/* tsg-case-panel-private.h: shared by tsg-case-panel.c and tsg-case-dialogs.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-case-panel.h"
#include "tsg-form-dialog.h"

G_BEGIN_DECLS

struct _TsgCasePanel
{
  PanelWidget       parent_instance;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *status_label;
  GtkLabel         *info_label;
  GtkWidget        *safety_box;
  GtkLabel         *safety_label;
  GtkListBox       *plan_list;
  GtkListBox       *consent_list;
  GtkLabel         *timeline_count;
  GtkDropDown      *kind_filter;
  GtkListView      *timeline_view;
  GtkWidget        *add_button;
  GtkWidget        *duplicate_box;
  GtkLabel         *duplicate_label;

  /* Owned */
  TsgStore         *store;
  TsgActor         *actor;
  gint64            case_id;
  TsgCase          *kase;
  TsgClient        *client;
  GPtrArray        *plan;       /* TsgRow, tsg_store_case_plan () */
  TsgTimelineModel *timeline;
  GtkSingleSelection *selection;
  gint64            duplicate_id;   /* the client she may be, 0 = none */
  guint             duplicate_idle;
};

/* tsg-case-dialogs.c: one dialog per kind of entry */
void  _tsg_case_panel_add_entry      (TsgCasePanel *self,
                                      const char   *kind);
void  _tsg_case_panel_add_need       (TsgCasePanel *self);
void  _tsg_case_panel_add_goal       (TsgCasePanel *self);
void  _tsg_case_panel_add_task       (TsgCasePanel *self);
void  _tsg_case_panel_review         (TsgCasePanel *self);
void  _tsg_case_panel_template       (TsgCasePanel *self);
void  _tsg_case_panel_add_consent    (TsgCasePanel *self);
void  _tsg_case_panel_withdraw_consent (TsgCasePanel *self,
                                        gint64        consent_id);
void  _tsg_case_panel_change_status  (TsgCasePanel *self);
void  _tsg_case_panel_edit_client    (TsgCasePanel *self);
void  _tsg_case_panel_show_entry     (TsgCasePanel *self,
                                      gint64        key);
void  _tsg_case_panel_toast          (TsgCasePanel *self,
                                      const char   *message);
/* "2025-04-01" + "10:15" → Unix seconds (local); FALSE with one sentence. */
gboolean _tsg_parse_date_time        (const char   *date,
                                      const char   *time,
                                      gint64       *unix_seconds,
                                      GError      **error);

G_END_DECLS

/* tsg-contact-editor-private.h: shared by tsg-contact-editor.c and
 * tsg-contact-editor-draft.c (one class, split by concern)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-call-timer.h"
#include "tsg-contact-editor.h"
#include "tsg-municipality-completion.h"
#include "tsg-service-completion.h"
#include "tsg-case-completion.h"
#include "tsg-store-contacts.h"

G_BEGIN_DECLS

#define TSG_N_TOPIC_KEYS 12

struct _TsgContactEditor
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkButton        *delete_button;
  GtkRevealer      *banner_revealer;
  GtkLabel         *banner_label;
  GtkLabel         *error_label;
  GtkGrid          *call_grid;
  TsgCallTimer     *call_timer;
  GtkLabel         *timer_label;
  GtkLabel         *started_label;
  GtkEntry         *started_entry;
  GtkLabel         *duration_label;
  GtkSpinButton    *duration_spin;
  GtkLabel         *channel_label;
  GtkLabel         *number_label;
  GtkEntry         *number_entry;
  GtkLabel         *call_type_label;
  GtkCheckButton   *first_contact_check;
  GtkLabel         *age_label;
  GtkLabel         *municipality_label;
  GtkEntry         *municipality_entry;
  GtkLabel         *heard_label;
  GtkEntry         *heard_entry;
  GtkLabel         *callback_label;
  GtkEntry         *callback_entry;
  GtkLabel         *case_title_label;
  GtkEntry         *case_entry;
  GtkButton        *case_button;
  GtkLabel         *topics_label;
  GtkGrid          *topics_grid;
  GtkLabel         *summary_label;
  GtkTextView      *summary_view;
  GtkGrid          *outcome_grid;
  GtkLabel         *risk_label;
  GtkLabel         *outcome_label;
  GtkLabel         *referred_label;
  GtkEntry         *referred_entry;
  GtkExpander      *history_expander;
  GtkLabel         *history_label;

  /* Built in code */
  GtkDropDown      *channel_dropdown;
  GtkDropDown      *call_type_dropdown;
  GtkDropDown      *age_dropdown;
  GtkDropDown      *risk_dropdown;
  GtkDropDown      *outcome_dropdown;
  GtkCheckButton   *topic_checks[TSG_N_TOPIC_KEYS];

  /* Owned references */
  TsgStore         *store;
  TsgActor         *actor;
  TsgContact       *loaded;        /* the saved contact being edited, or NULL */
  TsgMunicipalityCompletion *municipalities;
  TsgServiceCompletion *services; /* the directory's services, for the referral */
  TsgCaseCompletion *cases;       /* her case, by number or name */

  gint64            started_at;    /* when the form opened (the call was answered) */
  gint64            client_id;
  gboolean          client_from_case;  /* client_id came with the chosen case */
  gint64            case_id;
  guint             draft_id;
  guint             lookup_id;
  guint             filling : 1;   /* programmatic changes are not edits */
  guint             modified : 1;
  guint             first_contact_touched : 1;
  guint             duration_touched : 1;
  guint             closing : 1;
};

char  *_tsg_contact_editor_get_summary      (TsgContactEditor  *self);
GStrv  _tsg_contact_editor_get_topics       (TsgContactEditor  *self);
void   _tsg_contact_editor_set_topics       (TsgContactEditor  *self,
                                             const char *const *topics);
void   _tsg_contact_editor_set_text         (GtkEntry          *entry,
                                             const char        *text);
void   _tsg_contact_editor_update_case_link (TsgContactEditor  *self);

/* tsg-contact-editor-draft.c */
gboolean _tsg_contact_editor_save_draft_cb  (gpointer           user_data);
void     _tsg_contact_editor_schedule_draft (TsgContactEditor  *self);
void     _tsg_contact_editor_clear_draft    (TsgContactEditor  *self);

G_END_DECLS

/* tsg-case-dialogs.c: the dialogs of the case panel, one per kind of entry
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each dialog is a TsgFormDialog whose save function calls the store; the
 * store checks everything (dates against the case, empty texts…) and its
 * one-sentence error is shown under the field it names, nothing saved.
 */
#define G_LOG_DOMAIN "tsg-case-dialogs"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-case-panel-private.h"
#include "tsg-case-rules.h"
#include "tsg-format.h"
#include "tsg-service-picker.h"

gboolean
_tsg_parse_date_time (const char  *date,
                      const char  *time,
                      gint64      *unix_seconds,
                      GError     **error)
{
  GDate d;
  int h = 12, m = 0;
  char tail;
  g_autoptr(GDateTime) dt = NULL;

  if (!tsg_date_check (_("Date"), date, FALSE, error))
    return FALSE;
  tsg_date_parse (date, &d);
  if (time != NULL && *time != '\0' &&
      (sscanf (time, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s “%s” is not a time (HH:MM)."), _("Time"), time);
      return FALSE;
    }
  dt = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), h, m, 0);
  *unix_seconds = g_date_time_to_unix (dt);
  return TRUE;
}

static TsgFormDialog *
new_form (TsgCasePanel *self,
          const char   *title,
          TsgFormSaveFunc save)
{
  TsgFormDialog *form = tsg_form_dialog_new (GTK_WIDGET (self), title, NULL);

  tsg_form_dialog_set_save_func (form, save, g_object_ref (self), g_object_unref);
  return form;
}

static void
add_date_time (TsgFormDialog *form)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  tsg_form_dialog_add_entry (form, "date", _("Date"), date, "YYYY-MM-DD");
  tsg_form_dialog_add_entry (form, "time", _("Time"), time, "HH:MM");
}

static void
saved (TsgCasePanel *self,
       const char   *message)
{
  tsg_case_panel_reload (self);
  if (message)
    _tsg_case_panel_toast (self, message);
}

/* --- timeline entries --------------------------------------------------- */

static gboolean
save_entry (TsgFormDialog *form,
            gpointer       data,
            GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *date = tsg_form_dialog_get_text (form, "date");
  g_autofree char *time = tsg_form_dialog_get_text (form, "time");
  TsgTimelineEntry entry = { 0 };
  GtkWidget *picker = tsg_form_dialog_has_field (form, "destination")
                      ? tsg_form_dialog_get_widget (form, "destination") : NULL;
  gboolean ok;

  entry.case_id = self->case_id;
  entry.kind = g_strdup (g_object_get_data (G_OBJECT (form), "kind"));
  entry.title = tsg_form_dialog_get_text (form, "title");
  entry.body = tsg_form_dialog_get_text (form, "body");
  entry.travel_minutes = -1;
  if (tsg_form_dialog_has_field (form, "travel") && tsg_form_dialog_get_number (form, "travel") > 0)
    entry.travel_minutes = tsg_form_dialog_get_number (form, "travel");
  if (picker)
    {
      entry.service_id = tsg_service_picker_get_service_id (TSG_SERVICE_PICKER (picker));
      /* The title says where she was taken when nothing else was typed. */
      if ((entry.title == NULL || *entry.title == '\0') && entry.service_id > 0)
        {
          g_free (entry.title);
          entry.title = g_strdup (tsg_service_picker_get_label (TSG_SERVICE_PICKER (picker)));
        }
    }
  ok = _tsg_parse_date_time (date, time, &entry.occurred_at, error) &&
       tsg_store_add_timeline_entry (self->store, self->actor, &entry, error) > 0;
  tsg_timeline_entry_clear (&entry);
  if (ok)
    saved (self, NULL);
  return ok;
}

void
_tsg_case_panel_add_entry (TsgCasePanel *self,
                           const char   *kind)
{
  TsgFormDialog *form;
  const char *body_label;

  if (!tsg_enum_contains (tsg_manual_timeline_kinds, kind))
    return;
  form = new_form (self, tsg_enum_label (tsg_timeline_kinds, kind), save_entry);
  g_object_set_data_full (G_OBJECT (form), "kind", g_strdup (kind), g_free);
  if (g_str_equal (kind, "accompaniment"))
    {
      GtkWidget *picker = tsg_service_picker_new (self->store, self->actor);

      tsg_form_dialog_set_intro (form, _("Where you went with her, how long it took, and what happened at the window."));
      tsg_form_dialog_add_widget (form, "destination", _("Destination"), picker);
      tsg_form_dialog_add_number (form, "travel", _("Travel time (minutes)"), 0, 600, 0);
      body_label = _("What happened at the window");
    }
  else if (g_str_equal (kind, "outreach"))
    {
      tsg_form_dialog_add_entry (form, "title", _("Where"), NULL, _("e.g. a café near the station"));
      tsg_form_dialog_add_number (form, "travel", _("Travel time (minutes)"), 0, 600, 0);
      body_label = _("What happened");
    }
  else if (g_str_equal (kind, "conference"))
    {
      tsg_form_dialog_add_entry (form, "title", _("Who took part"), NULL, NULL);
      body_label = _("What was agreed");
    }
  else if (g_str_equal (kind, "document"))
    {
      tsg_form_dialog_add_entry (form, "title", _("Document"), NULL, _("e.g. application form for housing"));
      body_label = _("Notes");
    }
  else
    {
      tsg_form_dialog_add_entry (form, "title", _("Subject"), NULL, NULL);
      body_label = _("Note");
    }
  tsg_form_dialog_add_text (form, "body", body_label, NULL);
  add_date_time (form);
  if (g_str_equal (kind, "accompaniment"))
    tsg_form_dialog_add_entry (form, "title", _("Subject"), NULL, _("(optional) e.g. job seeker registration"));
  tsg_form_dialog_present (form);
}

/* --- needs, goals, tasks ---------------------------------------------- */

static gboolean
save_need (TsgFormDialog *form,
           gpointer       data,
           GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *domain = tsg_form_dialog_get_text (form, "domain");
  g_autofree char *description = tsg_form_dialog_get_text (form, "description");
  g_autofree char *priority = tsg_form_dialog_get_text (form, "priority");

  if (tsg_store_add_need (self->store, self->actor, self->case_id, domain, description,
                          priority ? atoi (priority) : 2, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_add_need (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Need"), save_need);

  tsg_form_dialog_set_intro (form, _("One need per problem she faces (課題の切り分け)."));
  tsg_form_dialog_add_choice (form, "domain", _("Domain"), tsg_need_domains, NULL, NULL);
  tsg_form_dialog_add_text (form, "description", _("Need"), NULL);
  tsg_form_dialog_add_choice (form, "priority", _("Priority"), tsg_need_priorities, NULL, "2");
  tsg_form_dialog_present (form);
}

/* (ids, texts) of the plan rows of @kind, with a first "none" item. */
static void
plan_choices (TsgCasePanel *self,
              const char   *kind,
              const char   *none_label,
              GArray      **ids,
              GStrv        *texts)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  gint64 none = 0;

  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (*ids, none);
  g_strv_builder_add (b, none_label);
  for (guint i = 0; self->plan && i < self->plan->len; i++)
    {
      TsgRow *row = g_ptr_array_index (self->plan, i);
      gint64 id = tsg_row_get_id (row);

      if (!g_str_equal (tsg_row_get_value (row, TSG_PLAN_COL_KIND), kind))
        continue;
      g_array_append_val (*ids, id);
      g_strv_builder_add (b, tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION));
    }
  *texts = g_strv_builder_end (b);
}

/* The last item of a given kind: the one just added is the likely parent. */
static gint64
last_of (GArray *ids)
{
  return ids->len > 1 ? g_array_index (ids, gint64, ids->len - 1) : 0;
}

static gboolean
save_goal (TsgFormDialog *form,
           gpointer       data,
           GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *description = tsg_form_dialog_get_text (form, "description");

  if (tsg_store_add_goal (self->store, self->actor, self->case_id, tsg_form_dialog_get_id (form, "need"),
                          description, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_add_goal (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Goal"), save_goal);
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) texts = NULL;

  plan_choices (self, "need", _("The case as a whole"), &ids, &texts);
  tsg_form_dialog_add_id_choice (form, "need", _("For the need"), ids, texts, last_of (ids));
  tsg_form_dialog_add_entry (form, "description", _("Goal"), NULL, NULL);
  tsg_form_dialog_present (form);
}

static gboolean
save_task (TsgFormDialog *form,
           gpointer       data,
           GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *description = tsg_form_dialog_get_text (form, "description");
  g_autofree char *due = tsg_form_dialog_get_text (form, "due");

  if (tsg_store_add_task (self->store, self->actor, self->case_id, tsg_form_dialog_get_id (form, "goal"),
                          description, tsg_form_dialog_get_id (form, "owner"), due, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

static void
staff_choices (TsgCasePanel *self,
               GArray      **ids,
               GStrv        *texts)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GPtrArray) rows = tsg_store_case_staff_choices (self->store, self->actor, NULL);

  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; rows && i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gint64 id = tsg_row_get_id (row);

      g_array_append_val (*ids, id);
      g_strv_builder_add (b, tsg_row_get_value (row, 0));
    }
  *texts = g_strv_builder_end (b);
}

void
_tsg_case_panel_add_task (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Task"), save_task);
  g_autoptr(GArray) goal_ids = NULL;
  g_autoptr(GArray) staff_ids = NULL;
  g_auto(GStrv) goals = NULL;
  g_auto(GStrv) staff = NULL;
  g_autofree char *today = tsg_date_today ();
  g_autofree char *due = tsg_date_add_days (today, 7);

  plan_choices (self, "goal", _("No goal"), &goal_ids, &goals);
  staff_choices (self, &staff_ids, &staff);
  tsg_form_dialog_add_entry (form, "description", _("Task"), NULL, NULL);
  tsg_form_dialog_add_id_choice (form, "goal", _("For the goal"), goal_ids, goals, last_of (goal_ids));
  tsg_form_dialog_add_id_choice (form, "owner", _("Owner"), staff_ids, staff, tsg_actor_get_staff_id (self->actor));
  tsg_form_dialog_add_entry (form, "due", _("Due date"), due, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

static gboolean
save_review (TsgFormDialog *form,
             gpointer       data,
             GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *reviewed = tsg_form_dialog_get_text (form, "reviewed");
  g_autofree char *summary = tsg_form_dialog_get_text (form, "summary");
  g_autofree char *next = tsg_form_dialog_get_text (form, "next");

  if (tsg_store_record_plan_review (self->store, self->actor, self->case_id, reviewed, summary,
                                    next, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_review (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Plan Review"), save_review);
  g_autofree char *today = tsg_date_today ();
  g_autofree char *next = tsg_date_add_days (today, 30);

  tsg_form_dialog_add_entry (form, "reviewed", _("Review date"), today, "YYYY-MM-DD");
  tsg_form_dialog_add_text (form, "summary", _("What changed"), NULL);
  tsg_form_dialog_add_entry (form, "next", _("Next review"), next, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

static gboolean
save_template (TsgFormDialog *form,
               gpointer       data,
               GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *start = tsg_form_dialog_get_text (form, "start");
  TsgEnumValue *values = g_object_get_data (G_OBJECT (form), "values");
  int index = gtk_drop_down_get_selected (GTK_DROP_DOWN (tsg_form_dialog_get_widget (form, "template")));

  if (tsg_store_apply_plan_template (self->store, self->actor, self->case_id, values[index].id, start,
                                     error) == 0)
    return FALSE;
  saved (self, _("The plan and its follow-ups were scheduled."));
  return TRUE;
}

void
_tsg_case_panel_template (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Plan from a Template"), save_template);
  guint n = 0;
  TsgEnumValue *values;
  g_autofree char *today = tsg_date_today ();

  while (tsg_plan_templates[n].id)
    n++;
  values = g_new0 (TsgEnumValue, n + 1);
  for (guint i = 0; i < n; i++)
    {
      values[i].id = tsg_plan_templates[i].id;
      values[i].label = tsg_plan_templates[i].label;
    }
  g_object_set_data_full (G_OBJECT (form), "values", values, g_free);
  tsg_form_dialog_set_intro (form, _("A template adds a need, a goal and its tasks with due dates, "
                                     "and schedules the plan review."));
  tsg_form_dialog_add_choice (form, "template", _("Template"), values, NULL, NULL);
  tsg_form_dialog_add_entry (form, "start", _("Start date"), today, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

/* --- consent ------------------------------------------------------------ */

static gboolean
save_consent (TsgFormDialog *form,
              gpointer       data,
              GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *scope = tsg_form_dialog_get_text (form, "scope");
  g_autofree char *given = tsg_form_dialog_get_text (form, "given");

  if (tsg_store_add_consent (self->store, self->actor, self->kase->client_id,
                             tsg_form_dialog_get_id (form, "agency"), scope, given, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_add_consent (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Consent to Share"), save_consent);
  g_autoptr(GPtrArray) orgs = tsg_store_consent_organizations (self->store, self->actor, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) texts = NULL;
  g_autofree char *today = tsg_date_today ();
  gint64 any = 0;

  g_array_append_val (ids, any);
  g_strv_builder_add (b, _("Any partner agency"));
  for (guint i = 0; orgs && i < orgs->len; i++)
    {
      gint64 id = tsg_row_get_id (g_ptr_array_index (orgs, i));
      g_array_append_val (ids, id);
      g_strv_builder_add (b, tsg_row_get_value (g_ptr_array_index (orgs, i), 0));
    }
  texts = g_strv_builder_end (b);
  tsg_form_dialog_set_intro (form, _("What she agreed may be shared, with which agency, and when."));
  tsg_form_dialog_add_id_choice (form, "agency", _("Agency"), ids, texts, 0);
  tsg_form_dialog_add_choice (form, "scope", _("What may be shared"), tsg_consent_scopes, NULL, NULL);
  tsg_form_dialog_add_entry (form, "given", _("Date of consent"), today, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

static gboolean
save_withdrawal (TsgFormDialog *form,
                 gpointer       data,
                 GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *date = tsg_form_dialog_get_text (form, "withdrawn");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (form), "consent-id"));

  if (!tsg_store_withdraw_consent (self->store, self->actor, id, date, error))
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_withdraw_consent (TsgCasePanel *self,
                                  gint64        consent_id)
{
  TsgFormDialog *form = new_form (self, _("Withdraw Consent"), save_withdrawal);
  g_autofree char *today = tsg_date_today ();

  g_object_set_data (G_OBJECT (form), "consent-id", GSIZE_TO_POINTER (consent_id));
  tsg_form_dialog_add_entry (form, "withdrawn", _("Date withdrawn"), today, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

/* --- status ------------------------------------------------------------- */

static gboolean
save_status (TsgFormDialog *form,
             gpointer       data,
             GError       **error)
{
  TsgCasePanel *self = data;
  g_autofree char *status = tsg_form_dialog_get_text (form, "status");
  g_autofree char *reason = tsg_form_dialog_get_text (form, "reason");
  g_autofree char *date = tsg_form_dialog_get_text (form, "date");

  if (!tsg_store_change_case_status (self->store, self->actor, self->case_id, status, reason, date, error))
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_change_status (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Change Status"), save_status);
  guint n = tsg_enum_count (tsg_case_statuses), k = 0;
  TsgEnumValue *allowed = g_new0 (TsgEnumValue, n + 1);
  const char *next = tsg_case_status_next (self->kase->status);
  g_autofree char *today = tsg_date_today ();
  g_autofree char *intro = NULL;

  /* Only the moves the flow allows are offered; the next step first. */
  if (next)
    allowed[k++] = tsg_case_statuses[tsg_enum_index (tsg_case_statuses, next)];
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (tsg_case_statuses[i].id, next) != 0 &&
        tsg_case_status_change_allowed (self->kase->status, tsg_case_statuses[i].id, NULL))
      allowed[k++] = tsg_case_statuses[i];
  g_object_set_data_full (G_OBJECT (form), "allowed", allowed, g_free);
  intro = g_strdup_printf (_("The case is in “%s”."), tsg_enum_label (tsg_case_statuses, self->kase->status));
  tsg_form_dialog_set_intro (form, intro);
  tsg_form_dialog_add_choice (form, "status", _("New status"), allowed, NULL, NULL);
  tsg_form_dialog_add_entry (form, "reason", _("Reason"), NULL, NULL);
  tsg_form_dialog_add_entry (form, "date", _("Date of the change"), today, "YYYY-MM-DD");
  tsg_form_dialog_present (form);
}

/* --- the client --------------------------------------------------------- */

static gboolean
save_client (TsgFormDialog *form,
             gpointer       data,
             GError       **error)
{
  TsgCasePanel *self = data;
  g_autoptr(TsgClient) c = tsg_client_copy (self->client);
  g_autofree char *expiry = tsg_form_dialog_get_text (form, "risk_expiry");

#define TEXT(field, key) G_STMT_START { g_free (c->field); c->field = tsg_form_dialog_get_text (form, key); \
  if (c->field && *c->field == '\0') g_clear_pointer (&c->field, g_free); } G_STMT_END
  TEXT (name, "name");
  TEXT (kana, "kana");
  TEXT (age_band, "age_band");
  TEXT (municipality, "municipality");
  TEXT (household_notes, "household");
  TEXT (address, "address");
  TEXT (safe_contact, "safe_contact");
  TEXT (risk_level, "risk_level");
#undef TEXT
  c->address_withheld = tsg_form_dialog_get_active (form, "address_withheld");
  c->never_call_back = tsg_form_dialog_get_active (form, "never_call_back");
  c->no_mail_home = tsg_form_dialog_get_active (form, "no_mail_home");
  c->risk_expires_at = 0;
  if (expiry && *expiry)
    {
      if (!tsg_date_check (_("Risk expiry"), expiry, FALSE, error))
        return FALSE;
      if (!_tsg_parse_date_time (expiry, "23:59", &c->risk_expires_at, error))
        return FALSE;
    }
  if (tsg_store_save_client (self->store, self->actor, c, error) == 0)
    return FALSE;
  saved (self, NULL);
  return TRUE;
}

void
_tsg_case_panel_edit_client (TsgCasePanel *self)
{
  TsgFormDialog *form = new_form (self, _("Client and Safety"), save_client);
  TsgClient *c = self->client;
  g_autofree char *expiry = c->risk_expires_at > 0 ? tsg_date_of_unix (c->risk_expires_at) : NULL;

  tsg_form_dialog_add_check (form, "address_withheld", _("Address withheld (住所秘匿)"), c->address_withheld);
  tsg_form_dialog_add_entry (form, "safe_contact", _("Safe way and time to contact"), c->safe_contact,
                             _("e.g. LINE only, weekdays 10–16"));
  tsg_form_dialog_add_check (form, "never_call_back", _("Never call back"), c->never_call_back);
  tsg_form_dialog_add_check (form, "no_mail_home", _("No mail to her home"), c->no_mail_home);
  tsg_form_dialog_add_choice (form, "risk_level", _("Risk level"), tsg_risk_levels, _("Not assessed"), c->risk_level);
  tsg_form_dialog_add_entry (form, "risk_expiry", _("Risk expiry"), expiry, "YYYY-MM-DD");
  tsg_form_dialog_add_entry (form, "name", _("Name"), c->name, _("(optional)"));
  tsg_form_dialog_add_entry (form, "kana", _("Kana"), c->kana, _("(optional)"));
  tsg_form_dialog_add_choice (form, "age_band", _("Age band"), tsg_age_bands, NULL, c->age_band);
  tsg_form_dialog_add_entry (form, "municipality", _("Municipality"), c->municipality, NULL);
  tsg_form_dialog_add_entry (form, "address", _("Address"), c->address,
                             c->address_withheld && c->address == NULL ? _("(withheld)") : NULL);
  tsg_form_dialog_add_text (form, "household", _("Household"), c->household_notes);
  tsg_form_dialog_present (form);
}

/* --- one entry in full -------------------------------------------------- */

void
_tsg_case_panel_show_entry (TsgCasePanel *self,
                            gint64        key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgRow) row = tsg_store_get_timeline_entry (self->store, self->actor, key, &error);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  const char *kind, *dest, *travel, *staff, *status;
  GString *text;

  if (row == NULL)
    {
      _tsg_case_panel_toast (self, error->message);
      return;
    }
  kind = tsg_row_get_value (row, TSG_TIMELINE_COL_KIND);
  dest = tsg_row_get_value (row, TSG_TIMELINE_COL_DESTINATION);
  travel = tsg_row_get_value (row, TSG_TIMELINE_COL_TRAVEL);
  staff = tsg_row_get_value (row, TSG_TIMELINE_COL_STAFF);
  status = tsg_row_get_value (row, TSG_TIMELINE_COL_STATUS);
  when = tsg_format_datetime (tsg_row_get_int (row, TSG_TIMELINE_COL_OCCURRED_AT));
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\n", when);
  if (g_str_equal (kind, "contact"))
    g_string_append_printf (text, "%s\n", tsg_enum_label (tsg_channels, tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE)));
  else if (g_str_equal (kind, "status"))
    g_string_append_printf (text, "→ %s\n", tsg_enum_label (tsg_case_statuses, tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE)));
  else if (*tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE) && !g_str_equal (kind, "plan_review"))
    g_string_append_printf (text, "%s\n", tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE));
  if (*dest)
    g_string_append_printf (text, _("Destination: %s\n"), dest);
  if (*travel)
    g_string_append_printf (text, _("Travel time: %s minutes\n"), travel);
  if (g_str_equal (kind, "referral") && *status)
    g_string_append_printf (text, _("Referral status: %s\n"), tsg_enum_label (tsg_referral_statuses, status));
  if (*staff)
    g_string_append_printf (text, _("Staff: %s\n"), staff);
  g_string_append_printf (text, "\n%s", tsg_row_get_value (row, TSG_TIMELINE_COL_BODY));
  body = g_string_free (text, FALSE);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   tsg_enum_label (tsg_timeline_kinds, kind), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

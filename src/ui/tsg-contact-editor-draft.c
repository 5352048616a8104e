/* tsg-contact-editor-draft.c: the entry form as a draft in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One second after each change the form is written to the store as JSON
 * (tsg_store_save_draft), so that a crash or a power cut in the middle of
 * a call loses at most a second of typing; the next Ctrl+N offers it back.
 * The caller's number is never part of it: only its keyed hash is ever
 * kept, and only when the contact is saved.
 */
#define G_LOG_DOMAIN "tsg-contact-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tsg-call-timer.h"
#include "tsg-contact-editor-private.h"
#include "tsg-enum-dropdown.h"
#include "tsg-store-contacts.h"

#define DRAFT_DELAY_MS 1000

char *
tsg_contact_editor_to_json (TsgContactEditor *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *summary = _tsg_contact_editor_get_summary (self);
  g_auto(GStrv) topics = _tsg_contact_editor_get_topics (self);
  const char *id;

  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), NULL);

#define ADD_STRING(key, value) \
  G_STMT_START { json_builder_set_member_name (b, key); json_builder_add_string_value (b, (value) ? (value) : ""); } G_STMT_END
#define ADD_INT(key, value) \
  G_STMT_START { json_builder_set_member_name (b, key); json_builder_add_int_value (b, value); } G_STMT_END

  json_builder_begin_object (b);
  ADD_INT ("id", self->loaded ? self->loaded->id : 0);
  ADD_INT ("saved_at", g_get_real_time () / G_USEC_PER_SEC);
  ADD_STRING ("started", gtk_editable_get_text (GTK_EDITABLE (self->started_entry)));
  ADD_INT ("timer_seconds", tsg_call_timer_get_elapsed (self->call_timer));
  json_builder_set_member_name (b, "timer_running");
  json_builder_add_boolean_value (b, tsg_call_timer_get_running (self->call_timer));
  ADD_INT ("duration", self->duration_touched || !tsg_call_timer_get_running (self->call_timer)
                       ? gtk_spin_button_get_value_as_int (self->duration_spin) : -1);
  json_builder_set_member_name (b, "duration_touched");
  json_builder_add_boolean_value (b, self->duration_touched);
  id = tsg_enum_dropdown_get_id (self->channel_dropdown);
  ADD_STRING ("channel", id);
  id = tsg_enum_dropdown_get_id (self->call_type_dropdown);
  ADD_STRING ("call_type", id);
  json_builder_set_member_name (b, "first_contact");
  json_builder_add_boolean_value (b, gtk_check_button_get_active (self->first_contact_check));
  id = tsg_enum_dropdown_get_id (self->age_dropdown);
  ADD_STRING ("age_band", id);
  ADD_STRING ("municipality", gtk_editable_get_text (GTK_EDITABLE (self->municipality_entry)));
  ADD_STRING ("heard_via", gtk_editable_get_text (GTK_EDITABLE (self->heard_entry)));
  ADD_STRING ("callback", gtk_editable_get_text (GTK_EDITABLE (self->callback_entry)));
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; topics[i] != NULL; i++)
    json_builder_add_string_value (b, topics[i]);
  json_builder_end_array (b);
  ADD_STRING ("summary", summary);
  id = tsg_enum_dropdown_get_id (self->risk_dropdown);
  ADD_STRING ("risk_level", id);
  id = tsg_enum_dropdown_get_id (self->outcome_dropdown);
  ADD_STRING ("outcome", id);
  ADD_STRING ("referred", gtk_editable_get_text (GTK_EDITABLE (self->referred_entry)));
  ADD_INT ("client_id", self->client_id);
  ADD_INT ("case_id", self->case_id);
  /* The caller's number is never written anywhere, drafts included. */
  json_builder_end_object (b);

#undef ADD_STRING
#undef ADD_INT

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
_tsg_contact_editor_save_draft_cb (gpointer user_data)
{
  TsgContactEditor *self = user_data;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  self->draft_id = 0;
  json = tsg_contact_editor_to_json (self);
  if (!tsg_store_save_draft (self->store, self->actor, TSG_CONTACT_DRAFT_KIND, json, &error))
    g_debug ("The draft was not saved: %s", error->message);
  return G_SOURCE_REMOVE;
}

void
_tsg_contact_editor_schedule_draft (TsgContactEditor *self)
{
  if (self->closing)
    return;
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (DRAFT_DELAY_MS, _tsg_contact_editor_save_draft_cb, self);
}

void
_tsg_contact_editor_clear_draft (TsgContactEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (!tsg_store_clear_draft (self->store, self->actor, TSG_CONTACT_DRAFT_KIND, &error))
    g_debug ("The draft was not cleared: %s", error->message);
}

static const char *
member_string (JsonObject *o,
               const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *o,
            const char *key,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
member_bool (JsonObject *o,
             const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}


gboolean
tsg_contact_editor_restore_draft (TsgContactEditor *self,
                                  const char       *json,
                                  GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  JsonObject *o;
  JsonArray *array;
  gint64 id, timer, saved_at, now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The draft is not a contact form."));
      return FALSE;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  id = member_int (o, "id", 0);
  if (id > 0)
    {
      if (!tsg_contact_editor_load (self, id, error))
        return FALSE;
    }
  else
    tsg_contact_editor_start_new (self);

  self->filling = TRUE;
  _tsg_contact_editor_set_text (self->started_entry, member_string (o, "started"));
  /* A call still going on when the app stopped goes on being counted. */
  timer = member_int (o, "timer_seconds", 0);
  saved_at = member_int (o, "saved_at", now);
  if (member_bool (o, "timer_running") && now - saved_at >= 0 && now - saved_at < 3600)
    {
      tsg_call_timer_set_elapsed (self->call_timer, timer + (now - saved_at));
      tsg_call_timer_start (self->call_timer);
    }
  else
    tsg_call_timer_set_elapsed (self->call_timer, timer);
  if (member_int (o, "duration", -1) >= 0)
    gtk_spin_button_set_value (self->duration_spin, member_int (o, "duration", 0));
  self->duration_touched = member_bool (o, "duration_touched");
  tsg_enum_dropdown_set_id (self->channel_dropdown, member_string (o, "channel"));
  tsg_enum_dropdown_set_id (self->call_type_dropdown, member_string (o, "call_type"));
  gtk_check_button_set_active (self->first_contact_check, member_bool (o, "first_contact"));
  self->first_contact_touched = TRUE;
  tsg_enum_dropdown_set_id (self->age_dropdown, member_string (o, "age_band"));
  _tsg_contact_editor_set_text (self->municipality_entry, member_string (o, "municipality"));
  _tsg_contact_editor_set_text (self->heard_entry, member_string (o, "heard_via"));
  _tsg_contact_editor_set_text (self->callback_entry, member_string (o, "callback"));
  array = json_object_get_member (o, "topics") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "topics"))
          ? json_object_get_array_member (o, "topics") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (topics, (gpointer) json_node_get_string (node));
    }
  g_ptr_array_add (topics, NULL);
  _tsg_contact_editor_set_topics (self, (const char *const *) topics->pdata);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            member_string (o, "summary") ? member_string (o, "summary") : "", -1);
  tsg_enum_dropdown_set_id (self->risk_dropdown, member_string (o, "risk_level"));
  tsg_enum_dropdown_set_id (self->outcome_dropdown, member_string (o, "outcome"));
  _tsg_contact_editor_set_text (self->referred_entry, member_string (o, "referred"));
  self->client_id = member_int (o, "client_id", 0);
  self->case_id = member_int (o, "case_id", 0);
  _tsg_contact_editor_update_case_link (self);
  self->filling = FALSE;
  /* Restored but not saved: it still counts as an unsaved change. */
  self->modified = TRUE;
  return TRUE;
}

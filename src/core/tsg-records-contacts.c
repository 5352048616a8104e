/* tsg-records-contacts.c: the "contacts" and (minimal) "clients" sections of
 * records JSON, and the rows of the contacts CSV import
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A contact in the file: the contract fields of DESIGN.md, plus what makes
 * an export round-trip (risk_level, referred_service by its directory uid,
 * heard_via, case_ref, callback_at, callback_done, id). client_ref links the
 * contacts of one woman within the file: she becomes one client record.
 */
#define G_LOG_DOMAIN "tsg-records"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-records-private.h"
#include "tsg-store-records-private.h"

static const char *const contact_fields[] = {
  "id", "started_at", "channel", "call_type", "duration_minutes", "first_contact", "age_band",
  "municipality", "topics", "summary", "risk_level", "outcome", "referred_service", "heard_via",
  "client_ref", "case_ref", "staff", "callback_at", "callback_done", NULL
};

static const char *const client_fields[] = {
  "code", "age_band", "municipality", NULL
};

gboolean
_tsg_records_is_contact_field (const char *name)
{
  return g_strv_contains (contact_fields, name);
}

char *
_tsg_records_contact_fields (void)
{
  return g_strjoinv (", ", (GStrv) contact_fields);
}

static gboolean
has_section (const char *key)
{
  for (guint i = 0; tsg_records_sections[i].key != NULL; i++)
    if (g_str_equal (tsg_records_sections[i].key, key))
      return TRUE;
  return FALSE;
}

static gint64
cached_id (GHashTable *table,
           const char *key)
{
  gint64 *id = g_hash_table_lookup (table, key);

  return id ? *id : 0;
}

static void
cache_id (GHashTable *table,
          const char *key,
          gint64      id)
{
  g_hash_table_insert (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

/* --- clients ------------------------------------------------------------ */

gboolean
_tsg_records_import_clients (TsgStore          *store,
                             TsgActor          *actor,
                             JsonArray         *array,
                             TsgRecordsContext *context,
                             GError           **error)
{
  guint n = json_array_get_length (array);

  if (!_tsg_store_require (store, actor, TSG_PERM_CONTACTS_WRITE, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *code = NULL;
      const char *age_band = NULL, *municipality = NULL;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          tsg_records_set_error (context, error, "clients", i, NULL, _("a client must be an object"));
          return FALSE;
        }
      object = json_node_get_object (node);
      if (!tsg_records_check_members (context, "clients", i, object, client_fields, error) ||
          !tsg_records_get_ref (context, "clients", i, object, "code", &code, error) ||
          !tsg_records_get_enum (context, "clients", i, object, "age_band", tsg_age_bands, FALSE, &age_band, error) ||
          !tsg_records_get_string (context, "clients", i, object, "municipality", FALSE, &municipality, error))
        return FALSE;
      if (code == NULL)
        {
          tsg_records_set_error (context, error, "clients", i, NULL, _("%s is missing"), "code");
          return FALSE;
        }
      if (g_hash_table_contains (context->client_refs, code))
        {
          tsg_records_set_error (context, error, "clients", i, "code",
                                 _("\"%s\" appears twice in the file"), code);
          return FALSE;
        }
      if (!(id = _tsg_store_records_new_client (store, code, age_band, municipality, error)))
        {
          tsg_records_prefix_error (context, error, "clients", i);
          return FALSE;
        }
      cache_id (context->client_refs, code, id);
      if (!_tsg_records_tick (context, error))
        return FALSE;
    }
  if (n > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u clients from %s", n, context->file);
      return _tsg_store_audit (store, actor, "import", "client", 0, detail, error);
    }
  return TRUE;
}

static gboolean
export_client (gint64      id,
               const char *code,
               const char *age_band,
               const char *municipality,
               gpointer    user_data,
               GError    **error)
{
  TsgRecordsWriter *writer = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "age_band");
  json_builder_add_string_value (b, age_band ? age_band : "unknown");
  if (municipality && *municipality)
    {
      json_builder_set_member_name (b, "municipality");
      json_builder_add_string_value (b, municipality);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return tsg_records_writer_add (writer, node, error);
}

gboolean
_tsg_records_export_clients (TsgStore          *store,
                             TsgActor          *actor,
                             TsgRecordsWriter  *writer,
                             TsgRecordsContext *context,
                             GError           **error)
{
  return _tsg_store_require (store, actor, TSG_PERM_CONTACTS_READ, error) &&
         _tsg_store_records_foreach_client (store, export_client, writer, error);
}

/* --- contacts: import --------------------------------------------------- */

gboolean
_tsg_records_contacts_begin (TsgStore          *store,
                             TsgActor          *actor,
                             TsgRecordsContext *context,
                             TsgContactsImport *state,
                             GError           **error)
{
  memset (state, 0, sizeof *state);
  return _tsg_store_require (store, actor, TSG_PERM_CONTACTS_WRITE, error);
}

gboolean
_tsg_records_contacts_end (TsgStore          *store,
                           TsgActor          *actor,
                           TsgRecordsContext *context,
                           TsgContactsImport *state,
                           GError           **error)
{
  g_autofree char *detail = NULL;

  if (state->n == 0)
    return TRUE;
  /* One audit row for the batch, naming the ids it created. */
  detail = g_strdup_printf ("%u contacts (ids %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ") from %s",
                            state->n, state->first_id, state->last_id, context->file);
  return _tsg_store_audit (store, actor, "import", "contact", 0, detail, error);
}

static gboolean
read_topics (TsgRecordsContext *context,
             guint              index,
             JsonObject        *object,
             GStrv             *topics,
             GError           **error)
{
  JsonNode *node = json_object_get_member (object, "topics");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree char *allowed = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (context->csv_line > 0)
    {
      /* "dv;housing" (spaces around the separators allowed) */
      parts = g_strsplit (json_node_get_string (node), ";", -1);
      for (guint i = 0; parts[i]; i++)
        g_strstrip (parts[i]);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      parts = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_autofree char *shown = json_to_string (element, FALSE);
              g_autofree char *member = g_strdup_printf ("topics[%u]", i);
              tsg_records_set_error (context, error, "contacts", index, member, _("%s is not text"), shown);
              return FALSE;
            }
          parts[i] = g_strdup (json_node_get_string (element));
        }
    }
  else
    {
      g_autofree char *shown = json_to_string (node, FALSE);
      tsg_records_set_error (context, error, "contacts", index, "topics",
                             _("%s is not a list of topics"), shown);
      return FALSE;
    }
  for (guint i = 0; parts[i]; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (!tsg_enum_contains (tsg_topics, parts[i]))
        {
          allowed = tsg_enum_join_ids (tsg_topics);
          tsg_records_set_error (context, error, "contacts", index, "topics",
                                 _("\"%s\" is not one of %s"), parts[i], allowed);
          return FALSE;
        }
      g_strv_builder_add (builder, parts[i]);
    }
  *topics = g_strv_builder_end (builder);
  return TRUE;
}

/* client_ref: the same string within the file is the same woman. */
static gboolean
resolve_client (TsgStore          *store,
                TsgRecordsContext *context,
                guint              index,
                const char        *ref,
                TsgContact        *c,
                GError           **error)
{
  gint64 id = cached_id (context->client_refs, ref);

  if (id == 0)
    {
      if (!(id = _tsg_store_records_new_client (store, ref, c->age_band, c->municipality, error)))
        {
          tsg_records_prefix_error (context, error, "contacts", index);
          return FALSE;
        }
      cache_id (context->client_refs, ref, id);
    }
  c->client_id = id;
  return TRUE;
}

static gboolean
resolve_staff (TsgStore          *store,
               TsgRecordsContext *context,
               guint              index,
               const char        *login,
               TsgContact        *c,
               GError           **error)
{
  g_autofree char *key = g_strconcat ("staff:", login, NULL);
  gint64 id = cached_id (context->ids, key);
  gboolean created;

  if (id == 0)
    {
      if (!_tsg_store_records_staff (store, login, &id, &created, error))
        {
          tsg_records_prefix_error (context, error, "contacts", index);
          return FALSE;
        }
      cache_id (context->ids, key, id);
    }
  c->staff_id = id;
  return TRUE;
}

static gboolean
resolve_service (TsgStore          *store,
                 TsgRecordsContext *context,
                 guint              index,
                 const char        *uid,
                 TsgContact        *c,
                 GError           **error)
{
  g_autofree char *key = g_strconcat ("service:", uid, NULL);
  gint64 id = cached_id (context->ids, key);

  if (id == 0)
    {
      if (!_tsg_store_records_service (store, uid, &id, error))
        {
          tsg_records_prefix_error (context, error, "contacts", index);
          return FALSE;
        }
      if (id == 0)
        {
          tsg_records_set_error (context, error, "contacts", index, "referred_service",
                                 _("\"%s\" is not in the referral directory (import the directory first)"), uid);
          return FALSE;
        }
      cache_id (context->ids, key, id);
    }
  c->referred_service_id = id;
  return TRUE;
}

static gboolean
resolve_case (TsgRecordsContext *context,
              guint              index,
              const char        *ref,
              TsgContact        *c,
              GError           **error)
{
  g_autofree char *key = g_strconcat ("case:", ref, NULL);
  gint64 id = cached_id (context->ids, key);

  if (id == 0)
    {
      tsg_records_set_error (context, error, "contacts", index, "case_ref",
                             _("\"%s\" is not a case of the file"), ref);
      return FALSE;
    }
  c->case_id = id;
  return TRUE;
}

/* Reads every member of one contact, type-checked, into @c. */
static gboolean
read_contact (TsgStore          *store,
              JsonObject        *object,
              guint              index,
              TsgRecordsContext *context,
              TsgContact        *c,
              gboolean          *callback_done,
              char             **external_id,
              GError           **error)
{
  const char *channel = NULL, *call_type = NULL, *age_band = NULL, *risk = NULL, *outcome = NULL;
  const char *municipality = NULL, *summary = NULL, *heard_via = NULL, *staff = NULL, *service = NULL;
  g_autofree char *client_ref = NULL, *case_ref = NULL;
  gint64 duration = G_MININT64;  /* = absent */
  const char *k = "contacts";

  if (!tsg_records_check_members (context, k, index, object, contact_fields, error) ||
      !tsg_records_get_time (context, k, index, object, "started_at", TRUE, &c->started_at, error) ||
      !tsg_records_get_enum (context, k, index, object, "channel", tsg_channels, TRUE, &channel, error) ||
      !tsg_records_get_enum (context, k, index, object, "call_type", tsg_call_types, FALSE, &call_type, error) ||
      !tsg_records_get_int (context, k, index, object, "duration_minutes", FALSE, &duration, error))
    return FALSE;
  if (duration != G_MININT64 && duration < 0)
    {
      tsg_records_set_error (context, error, k, index, "duration_minutes",
                             _("%lld is negative"), (long long) duration);
      return FALSE;
    }
  /* Absent: not recorded. Absurdly long: validation names it. */
  c->duration_minutes = duration == G_MININT64 ? -1 : (int) MIN (duration, G_MAXINT);
  if (!tsg_records_get_bool (context, k, index, object, "first_contact", &c->first_contact, error) ||
      !tsg_records_get_enum (context, k, index, object, "age_band", tsg_age_bands, FALSE, &age_band, error) ||
      !tsg_records_get_string (context, k, index, object, "municipality", FALSE, &municipality, error) ||
      !read_topics (context, index, object, &c->topics, error) ||
      !tsg_records_get_string (context, k, index, object, "summary", FALSE, &summary, error) ||
      !tsg_records_get_enum (context, k, index, object, "risk_level", tsg_risk_levels, FALSE, &risk, error) ||
      !tsg_records_get_enum (context, k, index, object, "outcome", tsg_outcomes, FALSE, &outcome, error) ||
      !tsg_records_get_string (context, k, index, object, "referred_service", FALSE, &service, error) ||
      !tsg_records_get_string (context, k, index, object, "heard_via", FALSE, &heard_via, error) ||
      !tsg_records_get_ref (context, k, index, object, "client_ref", &client_ref, error) ||
      !tsg_records_get_ref (context, k, index, object, "case_ref", &case_ref, error) ||
      !tsg_records_get_string (context, k, index, object, "staff", FALSE, &staff, error) ||
      !tsg_records_get_time (context, k, index, object, "callback_at", FALSE, &c->callback_at, error) ||
      !tsg_records_get_bool (context, k, index, object, "callback_done", callback_done, error) ||
      !tsg_records_get_ref (context, k, index, object, "id", external_id, error))
    return FALSE;

  c->channel = g_strdup (channel);
  c->call_type = g_strdup (call_type);
  c->age_band = g_strdup (age_band);
  c->municipality = g_strdup (municipality);
  c->summary = g_strdup (summary);
  c->risk_level = g_strdup (risk);
  c->outcome = g_strdup (outcome);
  c->heard_via = g_strdup (heard_via);

  if ((client_ref && !resolve_client (store, context, index, client_ref, c, error)) ||
      (case_ref && !resolve_case (context, index, case_ref, c, error)) ||
      (staff && !resolve_staff (store, context, index, staff, c, error)) ||
      (service && !resolve_service (store, context, index, service, c, error)))
    return FALSE;
  return TRUE;
}

gboolean
_tsg_records_import_contact (TsgStore          *store,
                             TsgActor          *actor,
                             JsonObject        *object,
                             guint              index,
                             TsgRecordsContext *context,
                             TsgContactsImport *state,
                             GError           **error)
{
  g_autoptr(TsgContact) c = tsg_contact_new ();
  g_autofree char *external_id = NULL;
  g_autofree char *id_key = NULL;
  gboolean callback_done = FALSE;
  gint64 id;

  if (!read_contact (store, object, index, context, c, &callback_done, &external_id, error))
    return FALSE;
  if (external_id != NULL)
    {
      id_key = g_strconcat ("contact:", external_id, NULL);
      if (g_hash_table_contains (context->ids, id_key))
        {
          tsg_records_set_error (context, error, "contacts", index, "id",
                                 _("\"%s\" appears twice in the file"), external_id);
          return FALSE;
        }
    }
  /* The same rules as the form: the store's validation, then the row. */
  if (!tsg_contact_validate (c, error) ||
      !(id = _tsg_store_insert_contact (store, actor, c, FALSE, error)) ||
      (callback_done && c->callback_at > 0 && !_tsg_store_records_set_callback_done (store, id, error)))
    {
      tsg_records_prefix_error (context, error, "contacts", index);
      return FALSE;
    }
  if (id_key != NULL)
    cache_id (context->ids, id_key, id);
  if (state->n++ == 0)
    state->first_id = id;
  state->last_id = id;
  return _tsg_records_tick (context, error);
}

gboolean
_tsg_records_import_contacts (TsgStore          *store,
                              TsgActor          *actor,
                              JsonArray         *array,
                              TsgRecordsContext *context,
                              GError           **error)
{
  TsgContactsImport state;
  guint n = json_array_get_length (array);

  if (!_tsg_records_contacts_begin (store, actor, context, &state, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          tsg_records_set_error (context, error, "contacts", i, NULL, _("a contact must be an object"));
          return FALSE;
        }
      if (!_tsg_records_import_contact (store, actor, json_node_get_object (node), i, context, &state, error))
        return FALSE;
    }
  return _tsg_records_contacts_end (store, actor, context, &state, error);
}

/* --- contacts: export --------------------------------------------------- */

typedef struct
{
  TsgRecordsWriter *writer;
  gboolean          with_cases;
} ExportState;

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       value)
{
  g_autofree char *text = NULL;

  if (value <= 0)
    return;
  text = tsg_records_format_time (value);
  add_string (b, member, text);
}

static gboolean
export_contact (const TsgRecordsContactRow *row,
                gpointer                    user_data,
                GError                    **error)
{
  ExportState *state = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) topics = g_strsplit (row->topics ? row->topics : "", " ", -1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->id);
  add_time (b, "started_at", row->started_at);
  add_string (b, "channel", row->channel);
  add_string (b, "call_type", row->call_type);
  if (row->duration_minutes >= 0)
    {
      json_builder_set_member_name (b, "duration_minutes");
      json_builder_add_int_value (b, row->duration_minutes);
    }
  json_builder_set_member_name (b, "first_contact");
  json_builder_add_boolean_value (b, row->first_contact);
  add_string (b, "age_band", row->age_band);
  add_string (b, "municipality", row->municipality);
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; topics[i]; i++)
    if (*topics[i])
      json_builder_add_string_value (b, topics[i]);
  json_builder_end_array (b);
  add_string (b, "summary", row->summary);
  add_string (b, "risk_level", row->risk_level);
  add_string (b, "outcome", row->outcome);
  add_string (b, "referred_service", row->service_uid);
  add_string (b, "heard_via", row->heard_via);
  add_string (b, "client_ref", row->client_code);
  if (state->with_cases && row->case_id > 0)
    {
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, row->case_id);
      add_string (b, "case_ref", ref);
    }
  add_string (b, "staff", row->staff_login);
  add_time (b, "callback_at", row->callback_at);
  if (row->callback_at > 0)
    {
      json_builder_set_member_name (b, "callback_done");
      json_builder_add_boolean_value (b, row->callback_done);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return tsg_records_writer_add (state->writer, node, error);
}

gboolean
_tsg_records_export_contacts (TsgStore          *store,
                              TsgActor          *actor,
                              TsgRecordsWriter  *writer,
                              TsgRecordsContext *context,
                              GError           **error)
{
  /* case_ref is the case's id, as the "cases" section writes its "ref";
   * without that section in this build it could not be read back. */
  ExportState state = { writer, has_section ("cases") };

  return _tsg_store_require (store, actor, TSG_PERM_CONTACTS_READ, error) &&
         _tsg_store_records_foreach_contact (store, export_contact, &state, error);
}

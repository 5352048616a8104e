/* tsg-case-export.c: one case's full record as records JSON
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape is the records contract (DESIGN.md): {"clients": [...],
 * "cases": [...], "contacts": [...]}, linked by client_ref. A withheld
 * address never leaves, whoever exports.
 */
#define G_LOG_DOMAIN "tsg-case-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tsg-case-export.h"
#include "tsg-store-cases-private.h"

char *
_tsg_iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup ("");
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *key,
          gint64       unix_seconds)
{
  g_autofree char *iso = NULL;

  if (unix_seconds <= 0)
    return;
  iso = _tsg_iso_time (unix_seconds);
  add_string (b, key, iso);
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

void
_tsg_build_client_json (JsonBuilder     *b,
                        const TsgClient *client)
{
  json_builder_begin_object (b);
  add_string (b, "client_ref", client->code);
  add_string (b, "code", client->code);
  add_string (b, "name", client->name);
  add_string (b, "kana", client->kana);
  add_string (b, "age_band", client->age_band);
  add_string (b, "municipality", client->municipality);
  add_string (b, "household_notes", client->household_notes);
  if (!client->address_withheld)
    add_string (b, "address", client->address);
  add_bool (b, "address_withheld", client->address_withheld);
  add_string (b, "safe_contact", client->safe_contact);
  add_bool (b, "never_call_back", client->never_call_back);
  add_bool (b, "no_mail_home", client->no_mail_home);
  add_string (b, "risk_level", client->risk_level);
  add_time (b, "risk_expires_at", client->risk_expires_at);
  json_builder_end_object (b);
}

/* Runs @sql with ?1 = @id and writes one object per row, naming the
 * columns by their SQL names; NULL columns are left out, integer columns
 * stay numbers, columns whose name ends in _at become ISO 8601 times. */
static gboolean
build_rows (TsgStore    *self,
            JsonBuilder *b,
            const char  *member,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *name = sqlite3_column_name (stmt, c);

          switch (sqlite3_column_type (stmt, c))
            {
            case SQLITE_NULL:
              break;
            case SQLITE_INTEGER:
              if (g_str_has_suffix (name, "_at"))
                add_time (b, name, sqlite3_column_int64 (stmt, c));
              else
                {
                  json_builder_set_member_name (b, name);
                  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, c));
                }
              break;
            default:
              add_string (b, name, (const char *) sqlite3_column_text (stmt, c));
            }
        }
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  return TRUE;
}

static const struct
{
  const char *member;
  const char *sql;
} case_parts[] = {
  { "staff", "SELECT s.login, s.display_name FROM case_staff cs JOIN staff s ON s.id = cs.staff_id"
             " WHERE cs.case_id = ?1 ORDER BY s.id" },
  { "status_changes", "SELECT from_status, to_status, reason, changed_on FROM case_status_changes"
                      " WHERE case_id = ?1 ORDER BY id" },
  { "needs", "SELECT id AS need_ref, domain, description, priority FROM needs WHERE case_id = ?1 ORDER BY id" },
  { "goals", "SELECT id AS goal_ref, need_id AS need_ref, description, achieved_on FROM goals"
             " WHERE case_id = ?1 ORDER BY id" },
  { "tasks", "SELECT t.goal_id AS goal_ref, t.description, s.login AS owner, t.due_on, t.done_on"
             " FROM tasks t LEFT JOIN staff s ON s.id = t.owner_staff_id WHERE t.case_id = ?1 ORDER BY t.id" },
  { "plan_reviews", "SELECT reviewed_on, summary, next_review_on FROM plan_reviews WHERE case_id = ?1 ORDER BY id" },
  /* Contacts, referrals and products have arrays of their own; the
   * timeline keeps what only the case holds. */
  { "timeline", "SELECT e.kind, e.occurred_at, e.title, e.body, v.uid AS service_uid, v.name AS service,"
                " o.name AS organization, e.travel_minutes, s.login AS staff"
                " FROM timeline_events e LEFT JOIN services v ON v.id = e.service_id"
                " LEFT JOIN organizations o ON o.id = v.organization_id LEFT JOIN staff s ON s.id = e.staff_id"
                " WHERE e.case_id = ?1 AND e.kind NOT IN ('contact', 'status') ORDER BY e.occurred_at, e.id" },
  { "referrals", "SELECT v.uid AS service_uid, v.name AS service, o.name AS organization, r.status, r.feedback,"
                 " r.consent_override_reason, r.created_at FROM referrals r JOIN services v ON v.id = r.service_id"
                 " JOIN organizations o ON o.id = v.organization_id WHERE r.case_id = ?1 ORDER BY r.id" },
  { "distributions", "SELECT m.occurred_at, i.code AS item, m.quantity, p.code AS point FROM stock_movements m"
                     " JOIN items i ON i.id = m.item_id LEFT JOIN distribution_points p ON p.id = m.from_point_id"
                     " WHERE m.kind = 'distribution' AND m.case_id = ?1 ORDER BY m.occurred_at, m.id" },
  { "consents", "SELECT o.name AS organization, o.uid AS organization_uid, c.scope, c.given_on, c.withdrawn_on"
                " FROM consents c LEFT JOIN organizations o ON o.id = c.organization_id"
                " WHERE c.client_id = (SELECT client_id FROM cases WHERE id = ?1) ORDER BY c.id" },
};

static gboolean
build_case (TsgStore      *self,
            JsonBuilder   *b,
            const TsgCase *kase,
            const char    *client_ref,
            gboolean       with_distributions,
            GError       **error)
{
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, kase->id);

  json_builder_begin_object (b);
  add_string (b, "ref", ref);
  add_string (b, "client_ref", client_ref);
  add_string (b, "status", kase->status);
  add_string (b, "title", kase->title);
  add_string (b, "lead", kase->lead_name);
  add_time (b, "opened_at", kase->opened_at);
  add_time (b, "closed_at", kase->closed_at);
  for (guint i = 0; i < G_N_ELEMENTS (case_parts); i++)
    {
      if (!with_distributions && g_str_equal (case_parts[i].member, "distributions"))
        continue;
      if (!build_rows (self, b, case_parts[i].member, case_parts[i].sql, kase->id, error))
        return FALSE;
    }
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
build_contacts (TsgStore    *self,
                JsonBuilder *b,
                gint64       case_id,
                const char  *client_ref,
                GError     **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT started_at, channel, call_type, duration_minutes, first_contact, age_band, topics, outcome,"
    " summary, municipality FROM contacts WHERE case_id = ? AND deleted_at IS NULL ORDER BY started_at, id", error);
  g_autofree char *case_ref = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  json_builder_set_member_name (b, "contacts");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) topics = g_strsplit ((const char *) sqlite3_column_text (stmt, 6), " ", -1);

      json_builder_begin_object (b);
      add_time (b, "started_at", sqlite3_column_int64 (stmt, 0));
      add_string (b, "channel", (const char *) sqlite3_column_text (stmt, 1));
      add_string (b, "call_type", (const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          json_builder_set_member_name (b, "duration_minutes");
          json_builder_add_int_value (b, sqlite3_column_int (stmt, 3));
        }
      add_bool (b, "first_contact", sqlite3_column_int (stmt, 4));
      add_string (b, "age_band", (const char *) sqlite3_column_text (stmt, 5));
      json_builder_set_member_name (b, "topics");
      json_builder_begin_array (b);
      for (guint i = 0; topics[i]; i++)
        if (*topics[i])
          json_builder_add_string_value (b, topics[i]);
      json_builder_end_array (b);
      add_string (b, "outcome", (const char *) sqlite3_column_text (stmt, 7));
      add_string (b, "summary", (const char *) sqlite3_column_text (stmt, 8));
      add_string (b, "municipality", (const char *) sqlite3_column_text (stmt, 9));
      add_string (b, "client_ref", client_ref);
      add_string (b, "case_ref", case_ref);
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
build_case_document (TsgStore  *self,
                     TsgActor  *actor,
                     gint64     case_id,
                     GError   **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(TsgCase) kase = NULL;
  g_autoptr(TsgClient) client = NULL;

  if (!(kase = tsg_store_get_case (self, actor, case_id, error)) ||
      !(client = _tsg_read_client (self, actor, kase->client_id, error)))
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "clients");
  json_builder_begin_array (b);
  _tsg_build_client_json (b, client);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  if (!build_case (self, b, kase, client->code, TRUE, error))
    return NULL;
  json_builder_end_array (b);
  if (!build_contacts (self, b, case_id, client->code, error))
    return NULL;
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
tsg_store_export_case_json (TsgStore  *self,
                            TsgActor  *actor,
                            gint64     case_id,
                            GError   **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(root = build_case_document (self, actor, case_id, error)) ||
      !_tsg_store_audit (self, actor, "export", "case", case_id, "json", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

JsonNode *
_tsg_build_case_node (TsgStore  *store,
                      TsgActor  *actor,
                      gint64     case_id,
                      gboolean   with_distributions,
                      GError   **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(TsgCase) kase = NULL;
  g_autoptr(TsgClient) client = NULL;

  if (!(kase = _tsg_read_case (store, case_id, error)) ||
      !(client = _tsg_read_client (store, actor, kase->client_id, error)) ||
      !build_case (store, b, kase, client->code, with_distributions, error))
    return NULL;
  return json_builder_get_root (b);
}

/* tsg-store-cases-records.c: the "cases" section of records JSON
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case in the file: "ref" (contacts name it in case_ref), "client_ref"
 * (the client's code), status, title, lead, opened_at, closed_at, and what
 * hangs off it: staff, status_changes, needs (need_ref), goals (goal_ref,
 * need_ref), tasks (goal_ref), plan_reviews, timeline, referrals and the
 * client's consents. "distributions" are written for reading only: the stock
 * ledger is imported through its own section. The export is the one-case
 * export of tsg-case-export.c, once per case.
 */
#define G_LOG_DOMAIN "tsg-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-case-export.h"
#include "tsg-case-rules.h"
#include "tsg-records-cases.h"
#include "tsg-records-private.h"
#include "tsg-store-cases-private.h"
#include "tsg-store-records-private.h"

static const char *const case_fields[] = {
  "ref", "client_ref", "status", "title", "lead", "opened_at", "closed_at", "staff", "status_changes",
  "needs", "goals", "tasks", "plan_reviews", "timeline", "referrals", "distributions", "consents", NULL
};

/* --- export ------------------------------------------------------------- */

gboolean
_tsg_records_export_cases (TsgStore          *store,
                           TsgActor          *actor,
                           TsgRecordsWriter  *writer,
                           TsgRecordsContext *context,
                           GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!_tsg_store_require (store, actor, TSG_PERM_CASES_READ, error) ||
      !(stmt = _tsg_store_prepare (store, "SELECT id FROM cases ORDER BY id", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (store, error, rc, "cases");
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonNode) node = _tsg_build_case_node (store, actor, g_array_index (ids, gint64, i), FALSE, error);

      if (node == NULL || !tsg_records_writer_add (writer, node, error))
        return FALSE;
    }
  if (!_tsg_store_begin (store, error))
    return FALSE;
  if (!_tsg_store_audit (store, actor, "export", "case", 0, "records", error))
    {
      _tsg_store_rollback (store);
      return FALSE;
    }
  return _tsg_store_commit (store, error);
}

/* --- import ------------------------------------------------------------- */

typedef struct
{
  TsgStore          *store;
  TsgActor          *actor;
  TsgRecordsContext *context;
  gint64             case_id;
  gint64             client_id;
  char              *where;       /* "cases[3]" */
  GHashTable        *needs;       /* need_ref -> id */
  GHashTable        *goals;       /* goal_ref -> id */
} CaseImport;

static gint64
lookup_ref (GHashTable *table,
            const char *ref)
{
  gint64 *id = ref ? g_hash_table_lookup (table, ref) : NULL;

  return id ? *id : 0;
}

static void
remember_ref (GHashTable *table,
              const char *ref,
              gint64      id)
{
  if (ref != NULL)
    g_hash_table_insert (table, g_strdup (ref), g_memdup2 (&id, sizeof id));
}

/* Runs @sql with the parameters @types names ('s' const char *, 'i'
 * gint64, 0 binding NULL); @rowid (may be NULL) receives the new row's id. */
static gboolean
insert (TsgStore   *store,
        gint64     *rowid,
        const char *sql,
        GError    **error,
        const char *types,
        ...)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (store, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        _tsg_bind_text (stmt, i + 1, va_arg (args, const char *));
      else
        _tsg_bind_id (stmt, i + 1, va_arg (args, gint64));
    }
  va_end (args);
  if (!_tsg_store_step_done (store, stmt, error))
    return FALSE;
  if (rowid)
    *rowid = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

static gboolean
date_member (CaseImport  *ci,
             const char  *key,
             guint        index,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             const char **value,
             GError     **error)
{
  GDate d;

  if (!tsg_records_get_string (ci->context, key, index, object, member, required, value, error))
    return FALSE;
  if (*value != NULL && !tsg_date_parse (*value, &d))
    {
      tsg_records_set_error (ci->context, error, key, index, member, _("\"%s\" is not a date (YYYY-MM-DD)"), *value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
staff_member (CaseImport  *ci,
              const char  *key,
              guint        index,
              JsonObject  *object,
              const char  *member,
              gint64      *id,
              GError     **error)
{
  const char *login = NULL;
  gboolean created;

  *id = 0;
  if (!tsg_records_get_string (ci->context, key, index, object, member, FALSE, &login, error))
    return FALSE;
  if (login == NULL)
    return TRUE;
  if (!_tsg_store_records_staff (ci->store, login, id, &created, error))
    {
      tsg_records_prefix_error (ci->context, error, key, index);
      return FALSE;
    }
  return TRUE;
}

/* Calls @func on each object of the array member @name of @object. */
typedef gboolean (*ElementFunc) (CaseImport *ci,
                                 const char *key,
                                 guint       index,
                                 JsonObject *element,
                                 GError    **error);

static gboolean
each_element (CaseImport  *ci,
              JsonObject  *object,
              const char  *name,
              const char * const *fields,
              ElementFunc  func,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *key = g_strdup_printf ("%s.%s", ci->where, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      tsg_records_set_error (ci->context, error, ci->where, 0, name, _("%s is not a list"), name);
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          tsg_records_set_error (ci->context, error, key, i, NULL, _("an element must be an object"));
          return FALSE;
        }
      if (!tsg_records_check_members (ci->context, key, i, json_node_get_object (element), fields, error) ||
          !func (ci, key, i, json_node_get_object (element), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_status_change (CaseImport *ci,
                      const char *key,
                      guint       i,
                      JsonObject *o,
                      GError    **error)
{
  const char *from = NULL, *to = NULL, *reason = NULL, *on = NULL;

  return tsg_records_get_enum (ci->context, key, i, o, "from_status", tsg_case_statuses, FALSE, &from, error) &&
         tsg_records_get_enum (ci->context, key, i, o, "to_status", tsg_case_statuses, TRUE, &to, error) &&
         tsg_records_get_string (ci->context, key, i, o, "reason", FALSE, &reason, error) &&
         date_member (ci, key, i, o, "changed_on", TRUE, &on, error) &&
         insert (ci->store, NULL, "INSERT INTO case_status_changes (case_id, from_status, to_status, reason, changed_on,"
                 " created_at) VALUES (?,?,?,coalesce (?, ''),?,?)", error, "issssi", ci->case_id, from, to,
                 reason ? reason : "", on, _tsg_store_now ());
}

static gboolean
import_need (CaseImport *ci,
             const char *key,
             guint       i,
             JsonObject *o,
             GError    **error)
{
  g_autofree char *ref = NULL;
  const char *domain = NULL, *description = NULL;
  gint64 priority = 2, id;
  g_autoptr(GError) invalid = NULL;

  if (!tsg_records_get_ref (ci->context, key, i, o, "need_ref", &ref, error) ||
      !tsg_records_get_enum (ci->context, key, i, o, "domain", tsg_need_domains, TRUE, &domain, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "description", TRUE, &description, error) ||
      !tsg_records_get_int (ci->context, key, i, o, "priority", FALSE, &priority, error))
    return FALSE;
  if (!tsg_need_validate (domain, description, (int) priority, &invalid))
    {
      tsg_records_set_error (ci->context, error, key, i, NULL, "%s", invalid->message);
      return FALSE;
    }
  if (!insert (ci->store, &id, "INSERT INTO needs (case_id, domain, description, priority, created_at)"
                     " VALUES (?,?,?,?,?)", error, "issii", ci->case_id, domain, description, priority,
                     _tsg_store_now ()))
    return FALSE;
  remember_ref (ci->needs, ref, id);
  return TRUE;
}

static gboolean
import_goal (CaseImport *ci,
             const char *key,
             guint       i,
             JsonObject *o,
             GError    **error)
{
  g_autofree char *ref = NULL, *need_ref = NULL;
  const char *description = NULL, *achieved = NULL;
  gint64 need_id = 0, id;

  if (!tsg_records_get_ref (ci->context, key, i, o, "goal_ref", &ref, error) ||
      !tsg_records_get_ref (ci->context, key, i, o, "need_ref", &need_ref, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "description", TRUE, &description, error) ||
      !date_member (ci, key, i, o, "achieved_on", FALSE, &achieved, error))
    return FALSE;
  if (need_ref && !(need_id = lookup_ref (ci->needs, need_ref)))
    {
      tsg_records_set_error (ci->context, error, key, i, "need_ref", _("\"%s\" is not a need of this case"), need_ref);
      return FALSE;
    }
  if (!insert (ci->store, &id, "INSERT INTO goals (case_id, need_id, description, achieved_on, created_at)"
                     " VALUES (?,?,?,?,?)", error, "iissi", ci->case_id, need_id, description, achieved,
                     _tsg_store_now ()))
    return FALSE;
  remember_ref (ci->goals, ref, id);
  return TRUE;
}

static gboolean
import_task (CaseImport *ci,
             const char *key,
             guint       i,
             JsonObject *o,
             GError    **error)
{
  g_autofree char *goal_ref = NULL;
  const char *description = NULL, *due = NULL, *done = NULL;
  gint64 goal_id = 0, owner = 0;

  if (!tsg_records_get_ref (ci->context, key, i, o, "goal_ref", &goal_ref, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "description", TRUE, &description, error) ||
      !staff_member (ci, key, i, o, "owner", &owner, error) ||
      !date_member (ci, key, i, o, "due_on", FALSE, &due, error) ||
      !date_member (ci, key, i, o, "done_on", FALSE, &done, error))
    return FALSE;
  if (goal_ref && !(goal_id = lookup_ref (ci->goals, goal_ref)))
    {
      tsg_records_set_error (ci->context, error, key, i, "goal_ref", _("\"%s\" is not a goal of this case"), goal_ref);
      return FALSE;
    }
  /* Imported tasks already due are not announced again. */
  return insert (ci->store, NULL, "INSERT INTO tasks (case_id, goal_id, description, owner_staff_id, due_on, done_on,"
                 " notified_at, created_at) VALUES (?,?,?,?,?,?,?,?)", error, "iisissii", ci->case_id, goal_id,
                 description, owner, due, done, _tsg_store_now (), _tsg_store_now ());
}

static gboolean
import_review (CaseImport *ci,
               const char *key,
               guint       i,
               JsonObject *o,
               GError    **error)
{
  const char *reviewed = NULL, *summary = NULL, *next = NULL;

  return date_member (ci, key, i, o, "reviewed_on", FALSE, &reviewed, error) &&
         tsg_records_get_string (ci->context, key, i, o, "summary", FALSE, &summary, error) &&
         date_member (ci, key, i, o, "next_review_on", FALSE, &next, error) &&
         insert (ci->store, NULL, "INSERT INTO plan_reviews (case_id, reviewed_on, summary, next_review_on, created_at)"
                 " VALUES (?,?,?,?,?)", error, "isssi", ci->case_id, reviewed, summary, next, _tsg_store_now ());
}

static gboolean
service_member (CaseImport  *ci,
                const char  *key,
                guint        i,
                JsonObject  *o,
                gboolean     required,
                gint64      *id,
                GError     **error)
{
  const char *uid = NULL;

  *id = 0;
  if (!tsg_records_get_string (ci->context, key, i, o, "service_uid", required, &uid, error))
    return FALSE;
  if (uid == NULL)
    return TRUE;
  if (!_tsg_store_records_service (ci->store, uid, id, error) || *id == 0)
    {
      g_clear_error (error);
      tsg_records_set_error (ci->context, error, key, i, "service_uid",
                             _("\"%s\" is not in the referral directory (import the directory first)"), uid);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_event (CaseImport *ci,
              const char *key,
              guint       i,
              JsonObject *o,
              GError    **error)
{
  const char *kind = NULL, *title = NULL, *body = NULL;
  gint64 at = 0, service = 0, travel = -1, staff = 0, id;
  g_autofree char *text = NULL;

  if (!tsg_records_get_enum (ci->context, key, i, o, "kind", tsg_timeline_kinds, TRUE, &kind, error) ||
      !tsg_records_get_time (ci->context, key, i, o, "occurred_at", TRUE, &at, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "title", FALSE, &title, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "body", FALSE, &body, error) ||
      !service_member (ci, key, i, o, FALSE, &service, error) ||
      !tsg_records_get_int (ci->context, key, i, o, "travel_minutes", FALSE, &travel, error) ||
      !staff_member (ci, key, i, o, "staff", &staff, error))
    return FALSE;
  /* (0 travel minutes reads back as "not recorded") */
  if (!insert (ci->store, &id, "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, service_id,"
               " travel_minutes, staff_id, created_at) VALUES (?,?,?,coalesce (?, ''),coalesce (?, ''),?,?,?,?)", error, "isissiiii",
               ci->case_id, kind, at, title ? title : "", body ? body : "", service,
               travel > 0 ? travel : (gint64) 0, staff, _tsg_store_now ()))
    return FALSE;
  text = g_strjoin (" ", title ? title : "", body ? body : "", NULL);
  return _tsg_store_index_text (ci->store, "timeline_fts", id, text, error);
}

static gboolean
import_referral (CaseImport *ci,
                 const char *key,
                 guint       i,
                 JsonObject *o,
                 GError    **error)
{
  const char *status = NULL, *feedback = NULL, *override = NULL;
  gint64 service = 0, at = 0;

  if (!service_member (ci, key, i, o, TRUE, &service, error) ||
      !tsg_records_get_enum (ci->context, key, i, o, "status", tsg_referral_statuses, FALSE, &status, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "feedback", FALSE, &feedback, error) ||
      !tsg_records_get_string (ci->context, key, i, o, "consent_override_reason", FALSE, &override, error) ||
      !tsg_records_get_time (ci->context, key, i, o, "created_at", FALSE, &at, error))
    return FALSE;
  if (at == 0)
    at = _tsg_store_now ();
  return insert (ci->store, NULL, "INSERT INTO referrals (client_id, case_id, service_id, status, feedback,"
                 " consent_override_reason, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", error, "iiisssii",
                 ci->client_id, ci->case_id, service, status ? status : "planned", feedback, override, at, at);
}

static gboolean
import_consent (CaseImport *ci,
                const char *key,
                guint       i,
                JsonObject *o,
                GError    **error)
{
  const char *uid = NULL, *scope = NULL, *given = NULL, *withdrawn = NULL;
  gint64 org = 0;
  sqlite3_stmt *stmt;

  if (!tsg_records_get_string (ci->context, key, i, o, "organization_uid", FALSE, &uid, error) ||
      !tsg_records_get_enum (ci->context, key, i, o, "scope", tsg_consent_scopes, TRUE, &scope, error) ||
      !date_member (ci, key, i, o, "given_on", TRUE, &given, error) ||
      !date_member (ci, key, i, o, "withdrawn_on", FALSE, &withdrawn, error))
    return FALSE;
  if (uid != NULL)
    {
      if (!(stmt = _tsg_store_prepare (ci->store, "SELECT id FROM organizations WHERE uid = ?", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        org = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (org == 0)
        {
          tsg_records_set_error (ci->context, error, key, i, "organization_uid",
                                 _("\"%s\" is not in the referral directory (import the directory first)"), uid);
          return FALSE;
        }
    }
  /* The same consent from several cases of hers is kept once. */
  if (!(stmt = _tsg_store_prepare (ci->store,
                                   "SELECT 1 FROM consents WHERE client_id = ? AND coalesce (organization_id, 0) = ?"
                                   " AND scope = ? AND given_on = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ci->client_id);
  sqlite3_bind_int64 (stmt, 2, org);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, given, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  return insert (ci->store, NULL, "INSERT INTO consents (client_id, organization_id, scope, given_on, withdrawn_on,"
                 " created_at) VALUES (?,?,?,?,?,?)", error, "iisssi", ci->client_id, org, scope, given,
                 withdrawn, _tsg_store_now ());
}

static gboolean
import_staff (CaseImport *ci,
              const char *key,
              guint       i,
              JsonObject *o,
              GError    **error)
{
  gint64 staff = 0;

  if (!staff_member (ci, key, i, o, "login", &staff, error))
    return FALSE;
  return staff == 0 ||
         insert (ci->store, NULL, "INSERT OR IGNORE INTO case_staff (case_id, staff_id) VALUES (?,?)", error, "ii",
                 ci->case_id, staff);
}

static gboolean
ignore_element (CaseImport *ci,
                const char *key,
                guint       i,
                JsonObject *o,
                GError    **error)
{
  return TRUE;
}

static gint64
resolve_client (CaseImport *ci,
                const char *ref,
                GError    **error)
{
  gint64 *cached = g_hash_table_lookup (ci->context->client_refs, ref);
  gint64 id;

  if (cached)
    return *cached;
  if (!(id = _tsg_store_records_new_client (ci->store, ref, NULL, NULL, error)))
    return 0;
  g_hash_table_insert (ci->context->client_refs, g_strdup (ref), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
import_case (CaseImport *ci,
             guint       index,
             JsonObject *o,
             GError    **error)
{
  static const char *const change_fields[] = { "from_status", "to_status", "reason", "changed_on", NULL };
  static const char *const need_fields[] = { "need_ref", "domain", "description", "priority", NULL };
  static const char *const goal_fields[] = { "goal_ref", "need_ref", "description", "achieved_on", NULL };
  static const char *const task_fields[] = { "goal_ref", "description", "owner", "due_on", "done_on", NULL };
  static const char *const review_fields[] = { "reviewed_on", "summary", "next_review_on", NULL };
  static const char *const event_fields[] = { "kind", "occurred_at", "title", "body", "service_uid", "service",
                                              "organization", "travel_minutes", "staff", NULL };
  static const char *const referral_fields[] = { "service_uid", "service", "organization", "status", "feedback",
                                                 "consent_override_reason", "created_at", NULL };
  static const char *const consent_fields[] = { "organization", "organization_uid", "scope", "given_on",
                                                "withdrawn_on", NULL };
  static const char *const staff_fields[] = { "login", "display_name", NULL };
  static const char *const distribution_fields[] = { "occurred_at", "item", "quantity", "point", NULL };
  g_autofree char *ref = NULL, *client_ref = NULL;
  const char *status = NULL, *title = NULL;
  gint64 opened = 0, closed = 0, lead = 0;
  g_autofree char *key = NULL;

  if (!tsg_records_check_members (ci->context, "cases", index, o, case_fields, error) ||
      !tsg_records_get_ref (ci->context, "cases", index, o, "ref", &ref, error) ||
      !tsg_records_get_ref (ci->context, "cases", index, o, "client_ref", &client_ref, error) ||
      !tsg_records_get_enum (ci->context, "cases", index, o, "status", tsg_case_statuses, FALSE, &status, error) ||
      !tsg_records_get_string (ci->context, "cases", index, o, "title", FALSE, &title, error) ||
      !tsg_records_get_time (ci->context, "cases", index, o, "opened_at", TRUE, &opened, error) ||
      !tsg_records_get_time (ci->context, "cases", index, o, "closed_at", FALSE, &closed, error) ||
      !staff_member (ci, "cases", index, o, "lead", &lead, error))
    return FALSE;
  if (client_ref == NULL)
    {
      tsg_records_set_error (ci->context, error, "cases", index, NULL, _("%s is missing"), "client_ref");
      return FALSE;
    }
  status = status ? status : "intake";
  /* The database's own check: a closed case has a closing date, and only it. */
  if (g_str_equal (status, "closed") != (closed > 0))
    {
      tsg_records_set_error (ci->context, error, "cases", index, "closed_at",
                             _("a closing date goes with the status closed, and only with it"));
      return FALSE;
    }
  if (!(ci->client_id = resolve_client (ci, client_ref, error)) ||
      !insert (ci->store, &ci->case_id, "INSERT INTO cases (client_id, status, lead_staff_id, opened_at, closed_at,"
                              " title, updated_at) VALUES (?,?,?,?,?,?,?)", error, "isiiisi", ci->client_id, status,
                              lead, opened, closed, title, _tsg_store_now ()))
    {
      tsg_records_prefix_error (ci->context, error, "cases", index);
      return FALSE;
    }
  if (ref != NULL)
    {
      key = g_strconcat ("case:", ref, NULL);
      if (g_hash_table_contains (ci->context->ids, key))
        {
          tsg_records_set_error (ci->context, error, "cases", index, "ref", _("\"%s\" appears twice in the file"), ref);
          return FALSE;
        }
      g_hash_table_insert (ci->context->ids, g_steal_pointer (&key), g_memdup2 (&ci->case_id, sizeof ci->case_id));
    }
  return each_element (ci, o, "staff", staff_fields, import_staff, error) &&
         each_element (ci, o, "status_changes", change_fields, import_status_change, error) &&
         each_element (ci, o, "needs", need_fields, import_need, error) &&
         each_element (ci, o, "goals", goal_fields, import_goal, error) &&
         each_element (ci, o, "tasks", task_fields, import_task, error) &&
         each_element (ci, o, "plan_reviews", review_fields, import_review, error) &&
         each_element (ci, o, "timeline", event_fields, import_event, error) &&
         each_element (ci, o, "referrals", referral_fields, import_referral, error) &&
         each_element (ci, o, "distributions", distribution_fields, ignore_element, error) &&
         each_element (ci, o, "consents", consent_fields, import_consent, error);
}

gboolean
_tsg_records_import_cases (TsgStore          *store,
                           TsgActor          *actor,
                           JsonArray         *array,
                           TsgRecordsContext *context,
                           GError           **error)
{
  guint n = json_array_get_length (array);

  if (!_tsg_store_require (store, actor, TSG_PERM_CASES_WRITE, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CaseImport ci = { store, actor, context, 0, 0, g_strdup_printf ("cases[%u]", i),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          tsg_records_set_error (context, error, "cases", i, NULL, _("a case must be an object"));
          ok = FALSE;
        }
      else
        ok = import_case (&ci, i, json_node_get_object (node), error) && _tsg_records_tick (context, error);
      g_free (ci.where);
      g_hash_table_unref (ci.needs);
      g_hash_table_unref (ci.goals);
      if (!ok)
        return FALSE;
    }
  if (n > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u cases from %s", n, context->file);
      return _tsg_store_audit (store, actor, "import", "case", 0, detail, error);
    }
  return TRUE;
}

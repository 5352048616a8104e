/* tsg-store-timeline.c: the timeline of a case, consent, reminders
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline is one chronology over several tables: timeline_events (what
 * counsellors add, status changes, plan reviews), contacts from the call log,
 * referrals and products handed over. An event that points at a contact,
 * referral or movement (ref_id) stands for it, so nothing shows twice.
 */
#define G_LOG_DOMAIN "tsg-store-timeline"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-case-rules.h"
#include "tsg-store-cases-private.h"

/* --- adding entries ---------------------------------------------------- */

void
tsg_timeline_entry_clear (TsgTimelineEntry *entry)
{
  g_clear_pointer (&entry->kind, g_free);
  g_clear_pointer (&entry->title, g_free);
  g_clear_pointer (&entry->body, g_free);
}

static gboolean
check_service (TsgStore  *self,
               gint64     service_id,
               GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tsg_store_prepare (self, "SELECT 1 FROM services WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("Destination: service %lld is not in the directory."), (long long) service_id);
  return FALSE;
}

static gboolean
validate_entry (TsgStore               *self,
                const TsgTimelineEntry *entry,
                const CaseInfo         *info,
                gint64                  occurred_at,
                GError                **error)
{
  g_autofree char *title = g_strstrip (g_strdup (entry->title ? entry->title : ""));
  g_autofree char *body = g_strstrip (g_strdup (entry->body ? entry->body : ""));
  g_autofree char *date = tsg_date_of_unix (occurred_at);

  if (!tsg_enum_contains (tsg_manual_timeline_kinds, entry->kind))
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_manual_timeline_kinds);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Entry kind “%s” is not one of %s."), entry->kind ? entry->kind : "", ids);
      return FALSE;
    }
  if (*title == '\0' && *body == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s: write what happened."), tsg_enum_label (tsg_timeline_kinds, entry->kind));
      return FALSE;
    }
  if (g_str_equal (entry->kind, "accompaniment") && entry->service_id <= 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Destination: choose the agency's window from the directory."));
      return FALSE;
    }
  if (entry->service_id > 0 && !check_service (self, entry->service_id, error))
    return FALSE;
  if (entry->travel_minutes > 24 * 60)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Travel time %d minutes is longer than a day."), entry->travel_minutes);
      return FALSE;
    }
  if (occurred_at > _tsg_store_now () + 300)
    {
      g_autofree char *today = tsg_date_today ();
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s %s is in the future (today is %s)."), _("Date"), date, today);
      return FALSE;
    }
  return _tsg_check_not_before_opening (info, _("Date"), date, error);
}

gint64
tsg_store_add_timeline_entry (TsgStore               *self,
                              TsgActor               *actor,
                              const TsgTimelineEntry *entry,
                              GError                **error)
{
  gint64 occurred_at = entry->occurred_at > 0 ? entry->occurred_at : _tsg_store_now ();
  CaseInfo info;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_read_case_info (self, entry->case_id, &info, error) ||
      !validate_entry (self, entry, &info, occurred_at, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(id = _tsg_insert_timeline_event (self, actor, entry->case_id, entry->kind, occurred_at,
                                         entry->title, entry->body, entry->service_id,
                                         entry->travel_minutes, 0, error)) ||
      !_tsg_store_audit (self, actor, "create", "timeline_event", id, entry->kind, error))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

/* --- reading ----------------------------------------------------------- */

static const char timeline_keys_sql[] =
  "SELECT key FROM ("
  " SELECT e.id * 8 AS key, e.occurred_at AS at, e.kind AS kind FROM timeline_events e"
  "  WHERE e.case_id = ?1"
  "   AND NOT (e.kind = 'contact' AND EXISTS (SELECT 1 FROM contacts d WHERE d.id = e.ref_id AND d.deleted_at IS NOT NULL))"
  " UNION ALL"
  " SELECT c.id * 8 + 1, c.started_at, 'contact' FROM contacts c"
  "  WHERE c.case_id = ?1 AND c.deleted_at IS NULL"
  "   AND NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.ref_id = c.id AND e.kind = 'contact' AND e.case_id = ?1)"
  " UNION ALL"
  " SELECT r.id * 8 + 2, r.created_at, 'referral' FROM referrals r"
  "  WHERE r.case_id = ?1"
  "   AND NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.ref_id = r.id AND e.kind = 'referral' AND e.case_id = ?1)"
  " UNION ALL"
  /* Products handed to her for this case, or to her while the case was open. */
  " SELECT m.id * 8 + 3, m.occurred_at, 'distribution' FROM stock_movements m"
  "  WHERE m.kind = 'distribution' AND (m.case_id = ?1 OR (m.case_id IS NULL"
  "   AND m.client_id = (SELECT client_id FROM cases WHERE id = ?1)"
  "   AND m.occurred_at >= (SELECT opened_at FROM cases WHERE id = ?1)"
  "   AND m.occurred_at <= coalesce ((SELECT closed_at FROM cases WHERE id = ?1), m.occurred_at)))"
  "   AND NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.ref_id = m.id AND e.kind = 'distribution' AND e.case_id = ?1)"
  ") WHERE ?2 IS NULL OR kind = ?2 ORDER BY at DESC, key DESC";

GArray *
tsg_store_timeline_keys (TsgStore   *self,
                         TsgActor   *actor,
                         gint64      case_id,
                         const char *kind,
                         GError    **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  CaseInfo info;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !(stmt = _tsg_store_prepare (self, timeline_keys_sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _tsg_bind_text (stmt, 2, kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "timeline");
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!_tsg_store_audit (self, actor, "view", "case_timeline", case_id, kind ? kind : "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&keys);
}

/* One statement per source; ?1 = a JSON array of ids, ?2 = body length. */
static const char *const timeline_rows_sql[] = {
  [TSG_TIMELINE_SOURCE_EVENT] =
    "SELECT e.id * 8, e.kind, e.occurred_at,"
    " CASE WHEN c.id IS NOT NULL THEN c.channel ELSE e.title END,"
    " substr (CASE WHEN c.id IS NOT NULL THEN c.summary ELSE e.body END, 1, ?2),"
    " coalesce (s.display_name, ''),"
    " coalesce (o.name || ' — ' || v.name, v.name, ''), coalesce (e.travel_minutes, ''),"
    " CASE e.kind WHEN 'contact' THEN coalesce (c.outcome, '') WHEN 'referral' THEN coalesce (r.status, '') ELSE '' END"
    " FROM timeline_events e LEFT JOIN staff s ON s.id = e.staff_id"
    " LEFT JOIN services v ON v.id = e.service_id LEFT JOIN organizations o ON o.id = v.organization_id"
    " LEFT JOIN contacts c ON e.kind = 'contact' AND c.id = e.ref_id"
    " LEFT JOIN referrals r ON e.kind = 'referral' AND r.id = e.ref_id"
    " WHERE e.id IN (SELECT value FROM json_each (?1))",
  [TSG_TIMELINE_SOURCE_CONTACT] =
    "SELECT c.id * 8 + 1, 'contact', c.started_at, c.channel, substr (c.summary, 1, ?2),"
    " coalesce (s.display_name, ''), coalesce (o.name || ' — ' || v.name, ''), '', coalesce (c.outcome, '')"
    " FROM contacts c LEFT JOIN staff s ON s.id = c.staff_id"
    " LEFT JOIN services v ON v.id = c.referred_service_id LEFT JOIN organizations o ON o.id = v.organization_id"
    " WHERE c.id IN (SELECT value FROM json_each (?1))",
  [TSG_TIMELINE_SOURCE_REFERRAL] =
    "SELECT r.id * 8 + 2, 'referral', r.created_at, coalesce (o.name || ' — ' || v.name, ''),"
    " substr (coalesce (r.feedback, ''), 1, ?2), coalesce (s.display_name, ''),"
    " coalesce (o.name || ' — ' || v.name, ''), '', r.status"
    " FROM referrals r LEFT JOIN staff s ON s.id = r.staff_id"
    " LEFT JOIN services v ON v.id = r.service_id LEFT JOIN organizations o ON o.id = v.organization_id"
    " WHERE r.id IN (SELECT value FROM json_each (?1))",
  [TSG_TIMELINE_SOURCE_MOVEMENT] =
    "SELECT m.id * 8 + 3, 'distribution', m.occurred_at, i.name, substr (coalesce (m.reason, ''), 1, ?2),"
    " coalesce (s.display_name, ''), coalesce (p.name, ''), '', m.quantity"
    " FROM stock_movements m JOIN items i ON i.id = m.item_id LEFT JOIN staff s ON s.id = m.staff_id"
    " LEFT JOIN distribution_points p ON p.id = m.from_point_id"
    " WHERE m.id IN (SELECT value FROM json_each (?1))",
};

static gboolean
fetch_source (TsgStore   *self,
              guint       source,
              const char *ids_json,
              int         body_length,
              GHashTable *by_key,
              GError    **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, timeline_rows_sql[source], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, body_length);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgRow *row = _tsg_row_from_stmt (stmt);
      gint64 key = tsg_row_get_id (row);
      g_hash_table_insert (by_key, g_memdup2 (&key, sizeof key), row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "timeline");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
fetch_timeline (TsgStore      *self,
                const gint64  *keys,
                guint          n_keys,
                int            body_length,
                GError       **error)
{
  GString *ids[G_N_ELEMENTS (timeline_rows_sql)];
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *rows;
  gboolean ok = TRUE;

  for (guint s = 0; s < G_N_ELEMENTS (ids); s++)
    ids[s] = g_string_new ("[");
  for (guint i = 0; i < n_keys; i++)
    {
      guint source = TSG_TIMELINE_KEY_SOURCE (keys[i]);
      if (source >= G_N_ELEMENTS (ids))
        continue;
      g_string_append_printf (ids[source], "%s%" G_GINT64_FORMAT, ids[source]->len > 1 ? "," : "",
                              TSG_TIMELINE_KEY_ID (keys[i]));
    }
  for (guint s = 0; s < G_N_ELEMENTS (ids); s++)
    {
      g_string_append_c (ids[s], ']');
      if (ok && ids[s]->len > 2)
        ok = fetch_source (self, s, ids[s]->str, body_length, by_key, error);
      g_string_free (ids[s], TRUE);
    }
  if (!ok)
    return NULL;
  rows = g_ptr_array_new_full (n_keys, g_object_unref);
  for (guint i = 0; i < n_keys; i++)
    {
      TsgRow *row = g_hash_table_lookup (by_key, &keys[i]);
      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
    }
  return rows;
}

GPtrArray *
tsg_store_fetch_timeline (TsgStore      *self,
                          TsgActor      *actor,
                          const gint64  *keys,
                          guint          n_keys,
                          GError       **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error))
    return NULL;
  return fetch_timeline (self, keys, n_keys, 240, error);
}

TsgRow *
tsg_store_get_timeline_entry (TsgStore  *self,
                              TsgActor  *actor,
                              gint64     key,
                              GError   **error)
{
  static const char *const kinds[] = { "timeline_event", "contact", "referral", "stock_movement" };
  g_autoptr(GPtrArray) rows = NULL;
  guint source = TSG_TIMELINE_KEY_SOURCE (key);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error))
    return NULL;
  if (!(rows = fetch_timeline (self, &key, 1, G_MAXINT, error)))
    return NULL;
  if (rows->len == 0 || source >= G_N_ELEMENTS (kinds))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("The timeline entry no longer exists."));
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!_tsg_store_audit (self, actor, "view", kinds[source], TSG_TIMELINE_KEY_ID (key), "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* --- consent ----------------------------------------------------------- */

static gboolean
check_exists (TsgStore   *self,
              const char *sql,
              gint64      id,
              const char *message,
              GError    **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  g_set_error_literal (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

gint64
tsg_store_add_consent (TsgStore   *self,
                       TsgActor   *actor,
                       gint64      client_id,
                       gint64      organization_id,
                       const char *scope,
                       const char *given_on,
                       GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autofree char *client_missing = g_strdup_printf (_("Client %lld does not exist."), (long long) client_id);
  g_autofree char *org_missing = g_strdup_printf (_("Agency: organization %lld is not in the directory."),
                                                  (long long) organization_id);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (given_on == NULL || *given_on == '\0')
    given_on = today;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error))
    return 0;
  if (!tsg_enum_contains (tsg_consent_scopes, scope))
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_consent_scopes);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Consent scope “%s” is not one of %s."), scope ? scope : "", ids);
      return 0;
    }
  if (!tsg_date_check (_("Date of consent"), given_on, FALSE, error) ||
      !_tsg_check_not_future (_("Date of consent"), given_on, error) ||
      !check_exists (self, "SELECT 1 FROM clients WHERE id = ?", client_id, client_missing, error) ||
      (organization_id > 0 &&
       !check_exists (self, "SELECT 1 FROM organizations WHERE id = ?", organization_id, org_missing, error)) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO consents (client_id, organization_id, scope, given_on, staff_id, created_at)"
                                   " VALUES (?,?,?,?,?,?)", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, client_id);
  _tsg_bind_id (stmt, 2, organization_id);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, given_on, -1, SQLITE_TRANSIENT);
  _tsg_bind_id (stmt, 5, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 6, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  detail = g_strdup_printf ("client %" G_GINT64_FORMAT " org %" G_GINT64_FORMAT " %s", client_id, organization_id, scope);
  if (!_tsg_store_audit (self, actor, "create", "consent", id, detail, error))
    goto fail;
  return _tsg_store_commit (self, error) ? id : 0;

fail:
  _tsg_store_rollback (self);
  return 0;
}

gboolean
tsg_store_withdraw_consent (TsgStore   *self,
                            TsgActor   *actor,
                            gint64      consent_id,
                            const char *withdrawn_on,
                            GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autofree char *given_on = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (withdrawn_on == NULL || *withdrawn_on == '\0')
    withdrawn_on = today;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !tsg_date_check (_("Date withdrawn"), withdrawn_on, FALSE, error) ||
      !_tsg_check_not_future (_("Date withdrawn"), withdrawn_on, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "SELECT given_on FROM consents WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consent_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    given_on = _tsg_col_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (given_on == NULL)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Consent %lld does not exist."), (long long) consent_id);
      return FALSE;
    }
  if (strcmp (withdrawn_on, given_on) < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s %s is before she gave her consent (%s)."), _("Date withdrawn"), withdrawn_on, given_on);
      return FALSE;
    }
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "UPDATE consents SET withdrawn_on = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, withdrawn_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, consent_id);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "withdraw", "consent", consent_id, withdrawn_on, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

GPtrArray *
tsg_store_client_consents (TsgStore  *self,
                           TsgActor  *actor,
                           gint64     client_id,
                           GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
                                   "SELECT c.id, coalesce (o.name, ''), c.scope, c.given_on, coalesce (c.withdrawn_on, ''),"
                                   " coalesce (c.organization_id, 0)"
                                   " FROM consents c LEFT JOIN organizations o ON o.id = c.organization_id"
                                   " WHERE c.client_id = ? ORDER BY c.given_on DESC, c.id DESC", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!(rows = _tsg_collect_rows (self, stmt, error)) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!_tsg_store_audit (self, actor, "view", "client_consents", client_id, "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  return _tsg_store_commit (self, error) ? g_steal_pointer (&rows) : NULL;
}

/* A merged client's records live with the client she was merged into. */
static gint64
resolve_client (TsgStore *self,
                gint64    client_id)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, "SELECT merged_into FROM clients WHERE id = ?", NULL);

  for (guint hops = 0; stmt != NULL && hops < 8; hops++)
    {
      gint64 next = 0;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, client_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        next = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (next <= 0)
        break;
      client_id = next;
    }
  return client_id;
}

static gboolean
may_check_consent (TsgStore  *self,
                   TsgActor  *actor,
                   GError   **error)
{
  /* Front desk refers callers too: the call log's roles may ask. */
  if (tsg_actor_may (actor, TSG_PERM_CONTACTS_WRITE))
    return TRUE;
  return _tsg_store_require (self, actor, TSG_PERM_CASES_READ, error);
}

static int
consent_lookup (TsgStore   *self,
                gint64      client_id,
                gint64      organization_id,
                const char *scope,
                const char *on_date,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT 1 FROM consents WHERE client_id = ? AND scope = ?"
                                   " AND (organization_id IS NULL OR organization_id = ?)"
                                   " AND given_on <= ?4 AND (withdrawn_on IS NULL OR withdrawn_on > ?4) LIMIT 1",
                                   error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, resolve_client (self, client_id));
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, organization_id);
  sqlite3_bind_text (stmt, 4, on_date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  _tsg_store_set_error (self, error, rc, "consent");
  return -1;
}

gboolean
tsg_store_consent_allows (TsgStore   *self,
                          TsgActor   *actor,
                          gint64      client_id,
                          gint64      organization_id,
                          const char *scope,
                          const char *on_date,
                          GError    **error)
{
  g_autofree char *today = tsg_date_today ();

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (on_date == NULL || *on_date == '\0')
    on_date = today;
  if (!may_check_consent (self, actor, error) ||
      !tsg_date_check (_("Date"), on_date, FALSE, error))
    return FALSE;
  return consent_lookup (self, client_id, organization_id, scope, on_date, error) == 1;
}

static char *
organization_name (TsgStore *self,
                   gint64    organization_id)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, "SELECT name FROM organizations WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = _tsg_col_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name ? name : g_strdup_printf ("%" G_GINT64_FORMAT, organization_id);
}

gboolean
tsg_store_require_consent (TsgStore   *self,
                           TsgActor   *actor,
                           gint64      client_id,
                           gint64      organization_id,
                           const char *scope,
                           const char *override_reason,
                           GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autofree char *reason = g_strstrip (g_strdup (override_reason ? override_reason : ""));
  g_autofree char *detail = NULL;
  int found;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!may_check_consent (self, actor, error))
    return FALSE;
  found = consent_lookup (self, client_id, organization_id, scope, today, error);
  if (found != 0)
    return found == 1;
  if (*reason == '\0')
    {
      g_autofree char *org = organization_name (self, organization_id);
      g_set_error (error, TSG_CASES_ERROR, TSG_CASES_ERROR_NO_CONSENT,
                   _("She has not agreed to share “%s” with %s; record her consent or give a reason to go ahead without it."),
                   tsg_enum_label (tsg_consent_scopes, scope), org);
      return FALSE;
    }
  detail = g_strdup_printf ("org %" G_GINT64_FORMAT " %s: %s", organization_id, scope, reason);
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, "consent_override", "client", client_id, detail, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

/* --- reminders --------------------------------------------------------- */

/* Keys of what is due: a task is its id × 2, a plan review its case's id ×
 * 2 + 1. Reviews come from cases.next_review_on (kept by triggers) through a
 * partial index of the open cases, so ten years cost what today costs. */
static const char due_keys_sql[] =
  "SELECT t.id * 2, t.due_on, 0 FROM tasks t JOIN cases k ON k.id = t.case_id"
  " WHERE t.done_on IS NULL AND t.due_on <= ?1 AND k.status <> 'closed'"
  "  AND (?2 = 0 OR t.owner_staff_id = ?2 OR k.lead_staff_id = ?2)"
  " UNION ALL"
  " SELECT id * 2 + 1, next_review_on, 1 FROM cases"
  " WHERE status <> 'closed' AND next_review_on IS NOT NULL AND next_review_on <= ?1"
  "  AND (?2 = 0 OR lead_staff_id = ?2)"
  " ORDER BY 2, 3, 1";

static const char *const due_rows_sql[2] = {
  "SELECT t.id * 2, 'task', t.case_id, c.code, t.description, t.due_on, coalesce (s.display_name, '')"
  " FROM tasks t JOIN cases k ON k.id = t.case_id JOIN clients c ON c.id = k.client_id"
  " LEFT JOIN staff s ON s.id = t.owner_staff_id WHERE t.id IN (SELECT value FROM json_each (?))",
  "SELECT k.id * 2 + 1, 'review', k.id, c.code,"
  " coalesce ((SELECT summary FROM plan_reviews WHERE case_id = k.id AND reviewed_on IS NOT NULL"
  "  ORDER BY id DESC LIMIT 1), ''), k.next_review_on, coalesce (s.display_name, '')"
  " FROM cases k JOIN clients c ON c.id = k.client_id LEFT JOIN staff s ON s.id = k.lead_staff_id"
  " WHERE k.id IN (SELECT value FROM json_each (?))",
};

GArray *
tsg_store_due_keys (TsgStore   *self,
                    TsgActor   *actor,
                    const char *on_date,
                    gint64      staff_id,
                    GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (on_date == NULL || *on_date == '\0')
    on_date = today;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !tsg_date_check (_("Date"), on_date, FALSE, error) ||
      !(stmt = _tsg_store_prepare (self, due_keys_sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "due");
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!_tsg_store_audit (self, actor, "list", "due", 0, on_date, error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  return _tsg_store_commit (self, error) ? g_steal_pointer (&keys) : NULL;
}

GPtrArray *
tsg_store_fetch_due (TsgStore      *self,
                     TsgActor      *actor,
                     const gint64  *keys,
                     guint          n_keys,
                     GError       **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *rows;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error))
    return NULL;
  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr(GString) json = g_string_new ("[");
      sqlite3_stmt *stmt;
      int rc;

      for (guint i = 0; i < n_keys; i++)
        if ((guint) (keys[i] % 2) == kind)
          g_string_append_printf (json, "%s%" G_GINT64_FORMAT, json->len > 1 ? "," : "", keys[i] / 2);
      g_string_append_c (json, ']');
      if (json->len == 2)
        continue;
      if (!(stmt = _tsg_store_prepare (self, due_rows_sql[kind], error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          TsgRow *row = _tsg_row_from_stmt (stmt);
          gint64 key = tsg_row_get_id (row);
          g_hash_table_insert (by_key, g_memdup2 (&key, sizeof key), row);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _tsg_store_set_error (self, error, rc, "due");
          return NULL;
        }
    }
  rows = g_ptr_array_new_full (n_keys, g_object_unref);
  for (guint i = 0; i < n_keys; i++)
    {
      TsgRow *row = g_hash_table_lookup (by_key, &keys[i]);
      if (row)
        g_ptr_array_add (rows, g_object_ref (row));
    }
  return rows;
}

GPtrArray *
tsg_store_due_items (TsgStore   *self,
                     TsgActor   *actor,
                     const char *on_date,
                     gint64      staff_id,
                     GError    **error)
{
  g_autoptr(GArray) keys = tsg_store_due_keys (self, actor, on_date, staff_id, error);

  if (keys == NULL)
    return NULL;
  return tsg_store_fetch_due (self, actor, (const gint64 *) keys->data, keys->len, error);
}

GPtrArray *
tsg_store_take_due_notifications (TsgStore   *self,
                                  TsgActor   *actor,
                                  const char *on_date,
                                  GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (on_date == NULL || *on_date == '\0')
    on_date = today;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !tsg_date_check (_("Date"), on_date, FALSE, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT t.id, 'task', t.case_id, c.code, t.description, t.due_on,"
                                   " coalesce (s.display_name, '')"
                                   " FROM tasks t JOIN cases k ON k.id = t.case_id JOIN clients c ON c.id = k.client_id"
                                   " LEFT JOIN staff s ON s.id = t.owner_staff_id"
                                   " WHERE t.done_on IS NULL AND t.due_on <= ? AND t.notified_at IS NULL"
                                   " AND k.status <> 'closed' ORDER BY t.due_on, t.id", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, on_date, -1, SQLITE_TRANSIENT);
  if (!(rows = _tsg_collect_rows (self, stmt, error)))
    goto fail;
  if (!(stmt = _tsg_store_prepare (self, "UPDATE tasks SET notified_at = ? WHERE id = ?", error)))
    goto fail;
  for (guint i = 0; i < rows->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, _tsg_store_now ());
      sqlite3_bind_int64 (stmt, 2, tsg_row_get_id (g_ptr_array_index (rows, i)));
      if (!_tsg_store_step_done (self, stmt, error))
        goto fail;
    }
  if (rows->len > 0 && !_tsg_store_audit (self, actor, "notify", "task", 0, on_date, error))
    goto fail;
  return _tsg_store_commit (self, error) ? g_steal_pointer (&rows) : NULL;

fail:
  _tsg_store_rollback (self);
  return NULL;
}

gboolean
tsg_store_claim_due_digest (TsgStore   *self,
                            TsgActor   *actor,
                            const char *on_date,
                            GError    **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean claimed;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !tsg_date_check (_("Date"), on_date, FALSE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  key = g_strdup_printf ("due_digest_shown:%" G_GINT64_FORMAT, tsg_actor_get_staff_id (actor));
  /* An upsert that only changes an older date: a change means it is ours. */
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO office_settings (key, value) VALUES (?1, ?2)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value < excluded.value",
                                   error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, on_date, -1, SQLITE_TRANSIENT);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  claimed = sqlite3_changes (self->db) > 0;
  if (!_tsg_store_commit (self, error))
    return FALSE;
  return claimed;

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

GPtrArray *
tsg_store_consent_organizations (TsgStore  *self,
                                 TsgActor  *actor,
                                 GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self, "SELECT id, name FROM organizations ORDER BY name, id", error)))
    return NULL;
  return _tsg_collect_rows (self, stmt, error);
}

void
tsg_case_view_free (TsgCaseView *view)
{
  if (view == NULL)
    return;
  g_clear_pointer (&view->kase, tsg_case_free);
  g_clear_pointer (&view->client, tsg_client_free);
  g_clear_pointer (&view->plan, g_ptr_array_unref);
  g_clear_pointer (&view->consents, g_ptr_array_unref);
  g_clear_pointer (&view->timeline_keys, g_array_unref);
  g_free (view);
}

TsgCaseView *
tsg_store_read_case_view (TsgStore   *self,
                          TsgActor   *actor,
                          gint64      case_id,
                          const char *kind,
                          GError    **error)
{
  g_autoptr(TsgCaseView) view = g_new0 (TsgCaseView, 1);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  /* The calls below nest as savepoints: their audit rows land with one
   * commit (one fsync), which is most of what opening a case costs. */
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!(view->kase = tsg_store_get_case (self, actor, case_id, error)) ||
      !(view->client = tsg_store_get_client (self, actor, view->kase->client_id, error)) ||
      !(view->plan = tsg_store_case_plan (self, actor, case_id, error)) ||
      !(view->consents = tsg_store_client_consents (self, actor, view->kase->client_id, error)) ||
      !(view->timeline_keys = tsg_store_timeline_keys (self, actor, case_id, kind, error)))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&view);
}

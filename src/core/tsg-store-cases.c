/* tsg-store-cases.c: cases and the support plan in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clients are in tsg-store-clients.c; the timeline, consent and reminders in
 * tsg-store-timeline.c; the rules that need no database in tsg-case-rules.c.
 */
#define G_LOG_DOMAIN "tsg-store-cases"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-case-rules.h"
#include "tsg-store-cases-private.h"

G_DEFINE_QUARK (tsg-cases-error-quark, tsg_cases_error)

/* --- small helpers shared with tsg-store-timeline.c -------------------- */

void
_tsg_bind_text (sqlite3_stmt *stmt,
                int           index,
                const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_tsg_bind_id (sqlite3_stmt *stmt,
              int           index,
              gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

char *
_tsg_col_dup (sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/* A TsgRow: the id from column 0, the values from columns 1..n (NULL → ""). */
TsgRow *
_tsg_row_from_stmt (sqlite3_stmt *stmt)
{
  int n = sqlite3_column_count (stmt);
  GStrv values = g_new0 (char *, n);

  for (int c = 1; c < n; c++)
    {
      const char *v = (const char *) sqlite3_column_text (stmt, c);
      values[c - 1] = g_strdup (v ? v : "");
    }
  return tsg_row_new (sqlite3_column_int64 (stmt, 0), values);
}

/* Runs a prepared, bound query and collects its rows. */
GPtrArray *
_tsg_collect_rows (TsgStore     *self,
                   sqlite3_stmt *stmt,
                   GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _tsg_row_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "rows");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
_tsg_read_case_info (TsgStore  *self,
                     gint64     case_id,
                     CaseInfo  *info,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (info, 0, sizeof *info);
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT client_id, opened_at, status, coalesce (closed_at, 0),"
                                   " coalesce ((SELECT max (changed_on) FROM case_status_changes WHERE case_id = k.id), '')"
                                   " FROM cases k WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *opened_on = tsg_date_of_unix (sqlite3_column_int64 (stmt, 1));

      info->client_id = sqlite3_column_int64 (stmt, 0);
      info->opened_at = sqlite3_column_int64 (stmt, 1);
      g_strlcpy (info->status, (const char *) sqlite3_column_text (stmt, 2), sizeof info->status);
      info->closed_at = sqlite3_column_int64 (stmt, 3);
      g_strlcpy (info->last_change_on, (const char *) sqlite3_column_text (stmt, 4), sizeof info->last_change_on);
      g_strlcpy (info->opened_on, opened_on, sizeof info->opened_on);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("Case %lld does not exist."), (long long) case_id);
  else
    _tsg_store_set_error (self, error, rc, "case");
  return FALSE;
}

/* Date @value of @field must not be before the case opened. */
gboolean
_tsg_check_not_before_opening (const CaseInfo *info,
                               const char     *field,
                               const char     *value,
                               GError        **error)
{
  if (value == NULL || *value == '\0' || strcmp (value, info->opened_on) >= 0)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: "Due date 2025-03-01 is before the case was opened (2025-04-01)." */
               _("%s %s is before the case was opened (%s)."), field, value, info->opened_on);
  return FALSE;
}

gboolean
_tsg_check_not_future (const char  *field,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *today = tsg_date_today ();

  if (value == NULL || *value == '\0' || strcmp (value, today) <= 0)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: "Review date 2030-01-01 is in the future (today is 2025-04-01)." */
               _("%s %s is in the future (today is %s)."), field, value, today);
  return FALSE;
}

static gboolean
check_open_case (const CaseInfo *info,
                 gint64          case_id,
                 GError        **error)
{
  if (tsg_case_status_is_open (info->status))
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("Case %lld is closed; reopen it before changing its plan."), (long long) case_id);
  return FALSE;
}

static gboolean
check_text (const char  *field,
            const char  *text,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (*trimmed != '\0')
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: %s is a field, e.g. "Task" */
               _("%s: the description is empty."), field);
  return FALSE;
}

/* Unix seconds for a calendar date: now for today, local noon otherwise. */
gint64
_tsg_unix_of_date (const char *date)
{
  g_autofree char *today = tsg_date_today ();
  GDate d;
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL || g_strcmp0 (date, today) == 0 || !tsg_date_parse (date, &d))
    return _tsg_store_now ();
  dt = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 12, 0, 0);
  return g_date_time_to_unix (dt);
}

gint64
_tsg_insert_timeline_event (TsgStore   *self,
                            TsgActor   *actor,
                            gint64      case_id,
                            const char *kind,
                            gint64      occurred_at,
                            const char *title,
                            const char *body,
                            gint64      service_id,
                            int         travel_minutes,
                            gint64      ref_id,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  g_autofree char *text = NULL;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body,"
                                   " service_id, travel_minutes, ref_id, staff_id, created_at)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, occurred_at);
  sqlite3_bind_text (stmt, 4, title ? title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, body ? body : "", -1, SQLITE_TRANSIENT);
  _tsg_bind_id (stmt, 6, service_id);
  if (travel_minutes >= 0)
    sqlite3_bind_int (stmt, 7, travel_minutes);
  else
    sqlite3_bind_null (stmt, 7);
  _tsg_bind_id (stmt, 8, ref_id);
  _tsg_bind_id (stmt, 9, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 10, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  text = g_strjoin (" ", title ? title : "", body ? body : "", NULL);
  if (!_tsg_store_index_text (self, "timeline_fts", id, text, error))
    return 0;
  return id;
}

/* --- cases ------------------------------------------------------------- */

void
tsg_case_free (TsgCase *kase)
{
  if (kase == NULL)
    return;
  g_free (kase->status);
  g_free (kase->lead_name);
  g_free (kase->title);
  g_clear_pointer (&kase->staff_ids, g_array_unref);
  g_free (kase);
}

static gboolean
check_client_for_case (TsgStore  *self,
                       gint64     client_id,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 merged = -1;

  if (!(stmt = _tsg_store_prepare (self, "SELECT coalesce (merged_into, 0) FROM clients WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    merged = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (merged < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Client %lld does not exist."), (long long) client_id);
      return FALSE;
    }
  if (merged > 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Client %lld was merged into client %lld; open the case there."),
                   (long long) client_id, (long long) merged);
      return FALSE;
    }
  return TRUE;
}

static gboolean
link_contact (TsgStore  *self,
              TsgActor  *actor,
              gint64     contact_id,
              gint64     client_id,
              gint64     case_id,
              GError   **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self,
                                   "UPDATE contacts SET client_id = ?, case_id = ?, updated_at = ?"
                                   " WHERE id = ? AND deleted_at IS NULL AND (client_id IS NULL OR client_id = ?)",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 4, contact_id);
  sqlite3_bind_int64 (stmt, 5, client_id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Contact %lld does not exist or belongs to another client."), (long long) contact_id);
      return FALSE;
    }
  return _tsg_store_audit (self, actor, "update", "contact", contact_id, "linked to a case", error);
}

static gboolean
insert_status_change (TsgStore   *self,
                      TsgActor   *actor,
                      gint64      case_id,
                      const char *from,
                      const char *to,
                      const char *reason,
                      const char *changed_on,
                      gint64      occurred_at,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 change_id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO case_status_changes (case_id, from_status, to_status, reason,"
                                   " changed_on, staff_id, created_at) VALUES (?,?,?,?,?,?,?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _tsg_bind_text (stmt, 2, from);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, changed_on, -1, SQLITE_TRANSIENT);
  _tsg_bind_id (stmt, 6, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 7, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  change_id = sqlite3_last_insert_rowid (self->db);
  /* The timeline keeps the status id as its title: shown translated. */
  return _tsg_insert_timeline_event (self, actor, case_id, "status", occurred_at, to, reason,
                                     0, -1, change_id, error) > 0;
}

static gint64
insert_case (TsgStore   *self,
             TsgActor   *actor,
             gint64      client_id,
             gint64      lead_staff_id,
             const char *title,
             gint64      opened_at,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 case_id;
  g_autofree char *opened_on = tsg_date_of_unix (opened_at);

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO cases (client_id, status, lead_staff_id, opened_at, title, updated_at)"
                                   " VALUES (?, 'intake', ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  _tsg_bind_id (stmt, 2, lead_staff_id > 0 ? lead_staff_id : tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 3, opened_at);
  _tsg_bind_text (stmt, 4, title);
  sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  case_id = sqlite3_last_insert_rowid (self->db);
  if (!insert_status_change (self, actor, case_id, NULL, "intake", _("Case opened"), opened_on,
                             opened_at, error) ||
      !_tsg_store_audit (self, actor, "create", "case", case_id, "", error))
    return 0;
  return case_id;
}

gint64
tsg_store_open_case (TsgStore   *self,
                     TsgActor   *actor,
                     gint64      client_id,
                     gint64      lead_staff_id,
                     const char *title,
                     gint64      opened_at,
                     gint64      from_contact_id,
                     GError    **error)
{
  gint64 case_id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (opened_at <= 0)
    opened_at = _tsg_store_now ();
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error))
    return 0;
  if (opened_at > _tsg_store_now () + 300)
    {
      g_autofree char *date = tsg_date_of_unix (opened_at);
      g_autofree char *today = tsg_date_today ();
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s %s is in the future (today is %s)."), _("Opening date"), date, today);
      return 0;
    }
  if (!_tsg_store_begin (self, error))
    return 0;
  if (!check_client_for_case (self, client_id, error) ||
      !(case_id = insert_case (self, actor, client_id, lead_staff_id, title, opened_at, error)) ||
      (from_contact_id > 0 && !link_contact (self, actor, from_contact_id, client_id, case_id, error)))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  if (!_tsg_store_commit (self, error))
    return 0;
  return case_id;
}

gint64
tsg_store_open_case_from_contact (TsgStore  *self,
                                  TsgActor  *actor,
                                  gint64     contact_id,
                                  GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 client_id = 0, case_id = 0;
  g_autoptr(TsgClient) client = tsg_client_new ();
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT coalesce (client_id, 0), coalesce (case_id, 0), age_band, municipality"
                                   " FROM contacts WHERE id = ? AND deleted_at IS NULL", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      client_id = sqlite3_column_int64 (stmt, 0);
      case_id = sqlite3_column_int64 (stmt, 1);
      client->age_band = _tsg_col_dup (stmt, 2);
      client->municipality = _tsg_col_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Contact %lld does not exist."), (long long) contact_id);
      goto fail;
    }
  /* The call already belongs to a case: that case is the one to open. */
  if (case_id > 0)
    return _tsg_store_commit (self, error) ? case_id : 0;
  if (client_id == 0)
    {
      client->from_contact_id = contact_id;
      if (!_tsg_insert_client (self, actor, client, error))
        goto fail;
      client_id = client->id;
    }
  if (!check_client_for_case (self, client_id, error) ||
      !(case_id = insert_case (self, actor, client_id, 0, NULL, _tsg_store_now (), error)) ||
      !link_contact (self, actor, contact_id, client_id, case_id, error))
    goto fail;
  if (!_tsg_store_commit (self, error))
    return 0;
  return case_id;

fail:
  _tsg_store_rollback (self);
  return 0;
}

TsgCase *
_tsg_read_case (TsgStore  *self,
                gint64     id,
                GError   **error)
{
  g_autoptr(TsgCase) kase = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT k.id, k.client_id, k.status, coalesce (k.lead_staff_id, 0),"
                                   " coalesce (s.display_name, ''), k.opened_at, coalesce (k.closed_at, 0), k.title"
                                   " FROM cases k LEFT JOIN staff s ON s.id = k.lead_staff_id WHERE k.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      kase = g_new0 (TsgCase, 1);
      kase->id = sqlite3_column_int64 (stmt, 0);
      kase->client_id = sqlite3_column_int64 (stmt, 1);
      kase->status = _tsg_col_dup (stmt, 2);
      kase->lead_staff_id = sqlite3_column_int64 (stmt, 3);
      kase->lead_name = _tsg_col_dup (stmt, 4);
      kase->opened_at = sqlite3_column_int64 (stmt, 5);
      kase->closed_at = sqlite3_column_int64 (stmt, 6);
      kase->title = _tsg_col_dup (stmt, 7);
      kase->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Case %lld does not exist."), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _tsg_store_set_error (self, error, rc, "case");
      return NULL;
    }
  if (!(stmt = _tsg_store_prepare (self, "SELECT staff_id FROM case_staff WHERE case_id = ? ORDER BY staff_id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (kase->staff_ids, staff_id);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&kase);
}

TsgCase *
tsg_store_get_case (TsgStore  *self,
                    TsgActor  *actor,
                    gint64     id,
                    GError   **error)
{
  g_autoptr(TsgCase) kase = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(kase = _tsg_read_case (self, id, error)) ||
      !_tsg_store_audit (self, actor, "view", "case", id, "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&kase);
}

static gboolean
check_status_change (const CaseInfo *info,
                     const char     *status,
                     const char     *reason,
                     const char     *changed_on,
                     GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  if (!tsg_case_status_change_allowed (info->status, status, error))
    return FALSE;
  if (*trimmed == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Reason: say why the status changes."));
      return FALSE;
    }
  if (!tsg_date_check (_("Date of the change"), changed_on, FALSE, error) ||
      !_tsg_check_not_future (_("Date of the change"), changed_on, error) ||
      !_tsg_check_not_before_opening (info, _("Date of the change"), changed_on, error))
    return FALSE;
  if (*info->last_change_on && strcmp (changed_on, info->last_change_on) < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s %s is before the last status change (%s)."), _("Date of the change"),
                   changed_on, info->last_change_on);
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_store_change_case_status (TsgStore   *self,
                              TsgActor   *actor,
                              gint64      case_id,
                              const char *status,
                              const char *reason,
                              const char *changed_on,
                              GError    **error)
{
  g_autofree char *today = tsg_date_today ();
  g_autofree char *detail = NULL;
  CaseInfo info;
  sqlite3_stmt *stmt;
  gint64 at;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (changed_on == NULL || *changed_on == '\0')
    changed_on = today;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_status_change (&info, status, reason, changed_on, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  at = MAX (_tsg_unix_of_date (changed_on), info.opened_at);
  if (!(stmt = _tsg_store_prepare (self,
                                   "UPDATE cases SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (g_str_equal (status, "closed"))
    sqlite3_bind_int64 (stmt, 2, at);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 4, case_id);
  detail = g_strdup_printf ("status %s -> %s on %s", info.status, status, changed_on);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !insert_status_change (self, actor, case_id, info.status, status, reason, changed_on, at, error) ||
      !_tsg_store_audit (self, actor, "update", "case", case_id, detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

static gboolean
check_staff (TsgStore  *self,
             gint64     staff_id,
             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tsg_store_prepare (self, "SELECT 1 FROM staff WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("Staff member %lld does not exist."), (long long) staff_id);
  return FALSE;
}

/* Runs one UPDATE/INSERT/DELETE with (int64, int64) parameters and audits it. */
static gboolean
simple_case_change (TsgStore   *self,
                    TsgActor   *actor,
                    const char *sql,
                    gint64      a,
                    gint64      b,
                    gint64      case_id,
                    const char *detail,
                    GError    **error)
{
  CaseInfo info;
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_staff (self, b, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "update", "case", case_id, detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gboolean
tsg_store_set_case_lead (TsgStore  *self,
                         TsgActor  *actor,
                         gint64     case_id,
                         gint64     staff_id,
                         GError   **error)
{
  g_autofree char *detail = g_strdup_printf ("lead %" G_GINT64_FORMAT, staff_id);

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  return simple_case_change (self, actor, "UPDATE cases SET lead_staff_id = ?2 WHERE id = ?1",
                             case_id, staff_id, case_id, detail, error);
}

gboolean
tsg_store_set_case_staff (TsgStore  *self,
                          TsgActor  *actor,
                          gint64     case_id,
                          gint64     staff_id,
                          gboolean   involved,
                          GError   **error)
{
  g_autofree char *detail = g_strdup_printf ("%s staff %" G_GINT64_FORMAT, involved ? "add" : "remove", staff_id);

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  return simple_case_change (self, actor,
                             involved ? "INSERT OR IGNORE INTO case_staff (case_id, staff_id) VALUES (?1, ?2)"
                                      : "DELETE FROM case_staff WHERE case_id = ?1 AND staff_id = ?2",
                             case_id, staff_id, case_id, detail, error);
}

GPtrArray *
tsg_store_case_staff_choices (TsgStore  *self,
                              TsgActor  *actor,
                              GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
                                   "SELECT id, display_name, role FROM staff WHERE active = 1 OR id = ?"
                                   " ORDER BY display_name, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tsg_actor_get_staff_id (actor));
  return _tsg_collect_rows (self, stmt, error);
}

GPtrArray *
tsg_store_client_cases (TsgStore  *self,
                        TsgActor  *actor,
                        gint64     client_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *rows;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  /* Which cases a woman has is itself about her: audited as a view of her
   * client record, in the same transaction as the read. */
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id, status, opened_at, coalesce (title, '') FROM cases"
                                   " WHERE client_id = ? ORDER BY opened_at DESC, id DESC", error)))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!(rows = _tsg_collect_rows (self, stmt, error)) ||
      !_tsg_store_audit (self, actor, "view", "client", client_id, "cases", error))
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    {
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

/* --- needs and the support plan ---------------------------------------- */

static gboolean
check_belongs (TsgStore   *self,
               const char *sql,
               gint64      id,
               gint64      case_id,
               const char *field,
               GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  if (id <= 0)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (found == case_id)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: "Goal 12 is not part of case 3." */
               _("%s %lld is not part of case %lld."), field, (long long) id, (long long) case_id);
  return FALSE;
}

static gint64
insert_need (TsgStore   *self,
             TsgActor   *actor,
             gint64      case_id,
             const char *domain,
             const char *description,
             int         priority,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO needs (case_id, domain, description, priority, created_at)"
                                   " VALUES (?,?,?,?,?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, priority);
  sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  return _tsg_store_audit (self, actor, "create", "need", id, domain, error) ? id : 0;
}

gint64
tsg_store_add_need (TsgStore   *self,
                    TsgActor   *actor,
                    gint64      case_id,
                    const char *domain,
                    const char *description,
                    int         priority,
                    GError    **error)
{
  CaseInfo info;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !tsg_need_validate (domain, description, priority, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_open_case (&info, case_id, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(id = insert_need (self, actor, case_id, domain, description, priority, error)))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

gboolean
tsg_store_update_need (TsgStore   *self,
                       TsgActor   *actor,
                       gint64      need_id,
                       const char *domain,
                       const char *description,
                       int         priority,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !tsg_need_validate (domain, description, priority, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "UPDATE needs SET domain = ?, description = ?, priority = ? WHERE id = ?",
                                   error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, priority);
  sqlite3_bind_int64 (stmt, 4, need_id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Need %lld does not exist."), (long long) need_id);
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, "update", "need", need_id, domain, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

static gint64
insert_goal (TsgStore   *self,
             TsgActor   *actor,
             gint64      case_id,
             gint64      need_id,
             const char *description,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO goals (case_id, need_id, description, created_at) VALUES (?,?,?,?)",
                                   error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _tsg_bind_id (stmt, 2, need_id);
  sqlite3_bind_text (stmt, 3, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  return _tsg_store_audit (self, actor, "create", "goal", id, "", error) ? id : 0;
}

gint64
tsg_store_add_goal (TsgStore   *self,
                    TsgActor   *actor,
                    gint64      case_id,
                    gint64      need_id,
                    const char *description,
                    GError    **error)
{
  CaseInfo info;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !check_text (_("Goal"), description, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_open_case (&info, case_id, error) ||
      !check_belongs (self, "SELECT case_id FROM needs WHERE id = ?", need_id, case_id, _("Need"), error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(id = insert_goal (self, actor, case_id, need_id, description, error)))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

/* Sets a date column of a plan row (achieved_on, done_on) after checking
 * it against the case's dates. */
static gboolean
set_plan_date (TsgStore   *self,
               TsgActor   *actor,
               const char *table,
               const char *column,
               const char *record_kind,
               const char *field,
               gint64      id,
               const char *date,
               GError    **error)
{
  g_autofree char *case_sql = g_strdup_printf ("SELECT case_id FROM %s WHERE id = ?", table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
  sqlite3_stmt *stmt;
  gint64 case_id = 0;
  CaseInfo info;

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, case_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    case_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (case_id == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   /* translators: "Task 12 does not exist." */
                   _("%s %lld does not exist."), record_kind, (long long) id);
      return FALSE;
    }
  if (!_tsg_read_case_info (self, case_id, &info, error) ||
      !tsg_date_check (field, date, TRUE, error) ||
      !_tsg_check_not_future (field, date, error) ||
      !_tsg_check_not_before_opening (&info, field, date, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, update_sql, error)))
    goto fail;
  _tsg_bind_text (stmt, 1, date);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "update", table, id, date ? date : "", error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gboolean
tsg_store_set_goal_achieved (TsgStore   *self,
                             TsgActor   *actor,
                             gint64      goal_id,
                             const char *achieved_on,
                             GError    **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  return set_plan_date (self, actor, "goals", "achieved_on", _("Goal"), _("Date achieved"),
                        goal_id, achieved_on, error);
}

gboolean
tsg_store_set_task_done (TsgStore   *self,
                         TsgActor   *actor,
                         gint64      task_id,
                         const char *done_on,
                         GError    **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  return set_plan_date (self, actor, "tasks", "done_on", _("Task"), _("Date done"),
                        task_id, done_on, error);
}

static gint64
insert_task (TsgStore   *self,
             TsgActor   *actor,
             gint64      case_id,
             gint64      goal_id,
             const char *description,
             gint64      owner_staff_id,
             const char *due_on,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO tasks (case_id, goal_id, description, owner_staff_id, due_on, created_at)"
                                   " VALUES (?,?,?,?,?,?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _tsg_bind_id (stmt, 2, goal_id);
  sqlite3_bind_text (stmt, 3, description, -1, SQLITE_TRANSIENT);
  _tsg_bind_id (stmt, 4, owner_staff_id > 0 ? owner_staff_id : tsg_actor_get_staff_id (actor));
  _tsg_bind_text (stmt, 5, due_on);
  sqlite3_bind_int64 (stmt, 6, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  return _tsg_store_audit (self, actor, "create", "task", id, due_on ? due_on : "", error) ? id : 0;
}

gint64
tsg_store_add_task (TsgStore   *self,
                    TsgActor   *actor,
                    gint64      case_id,
                    gint64      goal_id,
                    const char *description,
                    gint64      owner_staff_id,
                    const char *due_on,
                    GError    **error)
{
  CaseInfo info;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !check_text (_("Task"), description, error) ||
      !tsg_date_check (_("Due date"), due_on, TRUE, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_open_case (&info, case_id, error) ||
      !_tsg_check_not_before_opening (&info, _("Due date"), due_on, error) ||
      !check_belongs (self, "SELECT case_id FROM goals WHERE id = ?", goal_id, case_id, _("Goal"), error) ||
      (owner_staff_id > 0 && !check_staff (self, owner_staff_id, error)) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(id = insert_task (self, actor, case_id, goal_id, description, owner_staff_id, due_on, error)))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

static gboolean
check_review (const CaseInfo *info,
              const char     *reviewed_on,
              const char     *summary,
              const char     *next_review_on,
              GError        **error)
{
  g_autofree char *today = tsg_date_today ();
  gboolean held = reviewed_on != NULL && *reviewed_on != '\0';

  if (!tsg_date_check (_("Review date"), reviewed_on, TRUE, error) ||
      !tsg_date_check (_("Next review"), next_review_on, TRUE, error))
    return FALSE;
  if (!held && (next_review_on == NULL || *next_review_on == '\0'))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Review date: give the date the review was held or the date of the next review."));
      return FALSE;
    }
  /* A review marked as held cannot be in the future. */
  if (!_tsg_check_not_future (_("Review date"), reviewed_on, error) ||
      !_tsg_check_not_before_opening (info, _("Review date"), reviewed_on, error) ||
      !_tsg_check_not_before_opening (info, _("Next review"), next_review_on, error))
    return FALSE;
  if (held)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (summary ? summary : ""));
      if (*trimmed == '\0')
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("What changed: say what the review found or changed."));
          return FALSE;
        }
    }
  if (next_review_on && *next_review_on &&
      strcmp (next_review_on, held ? reviewed_on : today) <= 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s %s is not after %s."), _("Next review"), next_review_on, held ? reviewed_on : today);
      return FALSE;
    }
  return TRUE;
}

/* The review waiting to be held (scheduled, not yet held), 0 if none. */
static gint64
pending_review (TsgStore *self,
                gint64    case_id)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
                                           "SELECT id FROM plan_reviews WHERE case_id = ? AND reviewed_on IS NULL"
                                           " ORDER BY id DESC LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
_tsg_write_plan_review (TsgStore   *self,
                        TsgActor   *actor,
                        gint64      case_id,
                        const char *reviewed_on,
                        const char *summary,
                        const char *next_review_on,
                        GError    **error)
{
  gint64 id = pending_review (self, case_id);
  gboolean held = reviewed_on != NULL && *reviewed_on != '\0';
  sqlite3_stmt *stmt;

  if (id > 0)
    stmt = _tsg_store_prepare (self,
                               "UPDATE plan_reviews SET reviewed_on = ?1, summary = ?2, next_review_on = ?3,"
                               " staff_id = ?4 WHERE id = ?6", error);
  else
    stmt = _tsg_store_prepare (self,
                               "INSERT INTO plan_reviews (reviewed_on, summary, next_review_on, staff_id,"
                               " created_at, case_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  _tsg_bind_text (stmt, 1, reviewed_on);
  _tsg_bind_text (stmt, 2, summary);
  _tsg_bind_text (stmt, 3, next_review_on);
  _tsg_bind_id (stmt, 4, tsg_actor_get_staff_id (actor));
  if (id == 0)
    sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 6, id > 0 ? id : case_id);
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  if (held && !_tsg_insert_timeline_event (self, actor, case_id, "plan_review", _tsg_unix_of_date (reviewed_on),
                                           next_review_on ? next_review_on : "", summary, 0, -1, id, error))
    return 0;
  /* Held with a next date: that next review is now the one waiting. */
  if (held && next_review_on && *next_review_on)
    {
      if (!(stmt = _tsg_store_prepare (self,
                                       "INSERT INTO plan_reviews (case_id, next_review_on, staff_id, created_at)"
                                       " VALUES (?,?,?,?)", error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_text (stmt, 2, next_review_on, -1, SQLITE_TRANSIENT);
      _tsg_bind_id (stmt, 3, tsg_actor_get_staff_id (actor));
      sqlite3_bind_int64 (stmt, 4, _tsg_store_now ());
      if (!_tsg_store_step_done (self, stmt, error))
        return 0;
    }
  return _tsg_store_audit (self, actor, held ? "create" : "update", "plan_review", id,
                           held ? reviewed_on : next_review_on, error) ? id : 0;
}

gint64
tsg_store_record_plan_review (TsgStore   *self,
                              TsgActor   *actor,
                              gint64      case_id,
                              const char *reviewed_on,
                              const char *summary,
                              const char *next_review_on,
                              GError    **error)
{
  CaseInfo info;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_review (&info, reviewed_on, summary, next_review_on, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!(id = _tsg_write_plan_review (self, actor, case_id, reviewed_on, summary, next_review_on, error)))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

static gboolean
append_plan_rows (TsgStore   *self,
                  const char *sql,
                  gint64      case_id,
                  GPtrArray  *rows,
                  GError    **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) found = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!(found = _tsg_collect_rows (self, stmt, error)))
    return FALSE;
  g_ptr_array_extend_and_steal (rows, g_steal_pointer (&found));
  return TRUE;
}

/* Orders the plan as it reads: each need with its goals, each goal with
 * its tasks, then goals and tasks that stand alone, then the reviews. */
static GPtrArray *
order_plan (GPtrArray *needs,
            GPtrArray *goals,
            GPtrArray *tasks,
            GPtrArray *reviews)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);

  for (guint n = 0; n <= needs->len; n++)
    {
      TsgRow *need = n < needs->len ? g_ptr_array_index (needs, n) : NULL;
      gint64 need_id = need ? tsg_row_get_id (need) : 0;

      if (need)
        g_ptr_array_add (plan, g_object_ref (need));
      for (guint g = 0; g < goals->len; g++)
        {
          TsgRow *goal = g_ptr_array_index (goals, g);
          if (tsg_row_get_int (goal, TSG_PLAN_COL_PARENT_ID) != need_id || g_hash_table_contains (placed, goal))
            continue;
          g_hash_table_add (placed, goal);
          g_ptr_array_add (plan, g_object_ref (goal));
          for (guint t = 0; t < tasks->len; t++)
            {
              TsgRow *task = g_ptr_array_index (tasks, t);
              if (tsg_row_get_int (task, TSG_PLAN_COL_PARENT_ID) == tsg_row_get_id (goal))
                {
                  g_hash_table_add (placed, task);
                  g_ptr_array_add (plan, g_object_ref (task));
                }
            }
        }
    }
  /* Goals whose need is gone were placed with need 0 above; tasks without
   * a (known) goal come last. */
  for (guint t = 0; t < tasks->len; t++)
    if (!g_hash_table_contains (placed, g_ptr_array_index (tasks, t)))
      g_ptr_array_add (plan, g_object_ref (g_ptr_array_index (tasks, t)));
  for (guint r = 0; r < reviews->len; r++)
    g_ptr_array_add (plan, g_object_ref (g_ptr_array_index (reviews, r)));
  return plan;
}

GPtrArray *
tsg_store_case_plan (TsgStore  *self,
                     TsgActor  *actor,
                     gint64     case_id,
                     GError   **error)
{
  g_autoptr(GPtrArray) needs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!append_plan_rows (self,
                         "SELECT id, 'need', 0, domain, description, priority, '', '', '' FROM needs"
                         " WHERE case_id = ? ORDER BY priority, id", case_id, needs, error) ||
      !append_plan_rows (self,
                         "SELECT id, 'goal', coalesce (need_id, 0), '', description, '', '', '', achieved_on"
                         " FROM goals WHERE case_id = ? ORDER BY id", case_id, goals, error) ||
      !append_plan_rows (self,
                         "SELECT t.id, 'task', coalesce (t.goal_id, 0), '', t.description, '',"
                         " coalesce (s.display_name, ''), t.due_on, t.done_on"
                         " FROM tasks t LEFT JOIN staff s ON s.id = t.owner_staff_id WHERE t.case_id = ?"
                         " ORDER BY t.done_on IS NOT NULL, t.due_on IS NULL, t.due_on, t.id", case_id, tasks, error) ||
      /* The review waiting and the last one held. */
      !append_plan_rows (self,
                         "SELECT * FROM (SELECT id, 'review', 0, '', coalesce (summary, ''), '', '',"
                         " coalesce (next_review_on, ''), coalesce (reviewed_on, '') FROM plan_reviews"
                         " WHERE case_id = ?1 AND reviewed_on IS NULL ORDER BY id DESC LIMIT 1)"
                         " UNION ALL SELECT * FROM (SELECT id, 'review', 0, '', coalesce (summary, ''), '', '',"
                         " '', reviewed_on FROM plan_reviews WHERE case_id = ?1 AND reviewed_on IS NOT NULL"
                         " ORDER BY reviewed_on DESC, id DESC LIMIT 1)", case_id, reviews, error) ||
      !_tsg_store_audit (self, actor, "view", "case_plan", case_id, "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return order_plan (needs, goals, tasks, reviews);
}

gint64
tsg_store_apply_plan_template (TsgStore   *self,
                               TsgActor   *actor,
                               gint64      case_id,
                               const char *template_id,
                               const char *start_on,
                               GError    **error)
{
  const TsgPlanTemplate *tpl = tsg_plan_template_lookup (template_id);
  g_autofree char *today = tsg_date_today ();
  g_autofree char *review_on = NULL;
  CaseInfo info;
  gint64 need_id, goal_id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (start_on == NULL || *start_on == '\0')
    start_on = today;
  if (tpl == NULL)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Plan template “%s” does not exist."), template_id ? template_id : "");
      return 0;
    }
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !tsg_date_check (_("Start date"), start_on, FALSE, error) ||
      !_tsg_read_case_info (self, case_id, &info, error) ||
      !check_open_case (&info, case_id, error) ||
      !_tsg_check_not_before_opening (&info, _("Start date"), start_on, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  /* The texts are written in the language of the person applying it. */
  if (!(need_id = insert_need (self, actor, case_id, tpl->need_domain, g_dgettext (GETTEXT_PACKAGE, tpl->need), 1, error)) ||
      !(goal_id = insert_goal (self, actor, case_id, need_id, g_dgettext (GETTEXT_PACKAGE, tpl->goal), error)))
    goto fail;
  for (guint i = 0; i < TSG_PLAN_TEMPLATE_MAX_TASKS && tpl->tasks[i].description; i++)
    {
      g_autofree char *due = tsg_date_add_days (start_on, tpl->tasks[i].days);
      if (!insert_task (self, actor, case_id, goal_id, g_dgettext (GETTEXT_PACKAGE, tpl->tasks[i].description),
                        0, due, error))
        goto fail;
    }
  review_on = tsg_date_add_days (start_on, tpl->review_days);
  if (!_tsg_write_plan_review (self, actor, case_id, NULL, NULL, review_on, error) ||
      !_tsg_store_audit (self, actor, "update", "case", case_id, template_id, error))
    goto fail;
  return _tsg_store_commit (self, error) ? need_id : 0;

fail:
  _tsg_store_rollback (self);
  return 0;
}

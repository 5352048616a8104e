/* tsg-store-records.c: the SQL behind the records import and export of
 * contacts and (minimal) clients
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These run inside the import's or export's one transaction (tsg-records.c)
 * and write no audit rows of their own: the caller writes one per batch.
 */
#define G_LOG_DOMAIN "tsg-store-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-store-records-private.h"

static gboolean
lookup_id (TsgStore   *self,
           const char *sql,
           const char *key,
           gint64     *id,
           GError    **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "lookup");
      return FALSE;
    }
  return TRUE;
}

/* A staff member named in a file who does not work here (yet) gets an
 * inactive account with no password: she cannot sign in, but the records
 * she wrote keep her name. */
gboolean
_tsg_store_records_staff (TsgStore   *self,
                          const char *login,
                          gint64     *id,
                          gboolean   *created,
                          GError    **error)
{
  sqlite3_stmt *stmt;

  *created = FALSE;
  if (!lookup_id (self, "SELECT id FROM staff WHERE login = ?", login, id, error))
    return FALSE;
  if (*id > 0)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO staff (login, display_name, role, active, created_at)"
                                   " VALUES (?1, ?1, 'front_desk', 0, ?2)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  *created = TRUE;
  return TRUE;
}

gboolean
_tsg_store_records_service (TsgStore   *self,
                            const char *uid,
                            gint64     *id,
                            GError    **error)
{
  return lookup_id (self, "SELECT id FROM services WHERE uid = ?", uid, id, error);
}

/* A client_ref names a woman within one file only, so an imported client is
 * always a new client record; she keeps the file's code unless this
 * database already uses it for someone else. */
gint64
_tsg_store_records_new_client (TsgStore   *self,
                               const char *code,
                               const char *age_band,
                               const char *municipality,
                               GError    **error)
{
  g_autofree char *free_code = g_strdup (code);
  sqlite3_stmt *stmt;
  gint64 existing = 0, id, now = _tsg_store_now ();

  for (guint n = 2; ; n++)
    {
      if (!lookup_id (self, "SELECT id FROM clients WHERE code = ?", free_code, &existing, error))
        return 0;
      if (existing == 0)
        break;
      g_free (free_code);
      free_code = g_strdup_printf ("%s-%u", code, n);
    }
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO clients (code, age_band, municipality, created_at, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, free_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, age_band ? age_band : "unknown", -1, SQLITE_TRANSIENT);
  if (municipality && *municipality)
    sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_tsg_store_index_new_text (self, "clients_fts", id, free_code, error))
    return 0;
  return id;
}

/* A big import keeps its pages in memory (128 MB) rather than spilling
 * them to the log and reading them back; then back to SQLite's default. */
void
_tsg_store_records_bulk (TsgStore *self,
                         gboolean  bulk)
{
  _tsg_store_exec (self, bulk ? "PRAGMA cache_size = -131072" : "PRAGMA cache_size = -2000", NULL);
}

gboolean
_tsg_store_records_set_callback_done (TsgStore  *self,
                                      gint64     contact_id,
                                      GError   **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, "UPDATE contacts SET callback_done = 1 WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  return _tsg_store_step_done (self, stmt, error);
}

/* Live contacts in id order, with the names the file uses for what they
 * point at (the staff login, the client's code, the service's uid). */
gboolean
_tsg_store_records_foreach_contact (TsgStore              *self,
                                    TsgRecordsContactFunc  func,
                                    gpointer               user_data,
                                    GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Its own statement (not the cache): the callback may use the store. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT c.id, c.started_at, c.channel, c.call_type, c.duration_minutes, c.first_contact,"
                           " c.age_band, c.municipality, c.topics, c.summary, c.risk_level, c.outcome,"
                           " c.heard_via, c.case_id, c.callback_at, c.callback_done,"
                           " s.login, k.code, v.uid"
                           " FROM contacts c LEFT JOIN staff s ON s.id = c.staff_id"
                           " LEFT JOIN clients k ON k.id = c.client_id"
                           " LEFT JOIN services v ON v.id = c.referred_service_id"
                           " WHERE c.deleted_at IS NULL ORDER BY c.id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgRecordsContactRow row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .started_at = sqlite3_column_int64 (stmt, 1),
        .channel = (const char *) sqlite3_column_text (stmt, 2),
        .call_type = (const char *) sqlite3_column_text (stmt, 3),
        .duration_minutes = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4),
        .first_contact = sqlite3_column_int (stmt, 5) != 0,
        .age_band = (const char *) sqlite3_column_text (stmt, 6),
        .municipality = (const char *) sqlite3_column_text (stmt, 7),
        .topics = (const char *) sqlite3_column_text (stmt, 8),
        .summary = (const char *) sqlite3_column_text (stmt, 9),
        .risk_level = (const char *) sqlite3_column_text (stmt, 10),
        .outcome = (const char *) sqlite3_column_text (stmt, 11),
        .heard_via = (const char *) sqlite3_column_text (stmt, 12),
        .case_id = sqlite3_column_int64 (stmt, 13),
        .callback_at = sqlite3_column_int64 (stmt, 14),
        .callback_done = sqlite3_column_int (stmt, 15) != 0,
        .staff_login = (const char *) sqlite3_column_text (stmt, 16),
        .client_code = (const char *) sqlite3_column_text (stmt, 17),
        .service_uid = (const char *) sqlite3_column_text (stmt, 18),
      };
      if (!func (&row, user_data, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  return TRUE;
}

gboolean
_tsg_store_records_foreach_client (TsgStore             *self,
                                   TsgRecordsClientFunc  func,
                                   gpointer              user_data,
                                   GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, code, age_band, municipality FROM clients ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
               user_data, error))
      {
        sqlite3_finalize (stmt);
        return FALSE;
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  return TRUE;
}

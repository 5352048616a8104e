/* tsg-store-retention.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anonymising keeps every row and every coded field (dates, channels,
 * topics, age bands, municipalities, outcomes, kinds of event, services) so
 * the yearly figures do not move; it removes what names her or tells her
 * story: names, kana, address, household notes, safe contact, caller hash,
 * summaries, notes, plans, letters and the earlier versions of her contacts.
 * A client keeps her identity while any case of hers is open or closed
 * within the period, or while she has called within it.
 */
#define G_LOG_DOMAIN "tsg-store-retention"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-store-private.h"
#include "tsg-store-retention.h"

void
tsg_retention_preview_free (TsgRetentionPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->lines, g_ptr_array_unref);
  g_free (preview);
}

static gint64
cutoff_for (guint  years,
            gint64 now)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (now > 0 ? now : _tsg_store_now ());
  g_autoptr(GDateTime) back = g_date_time_add_years (at, -(gint) years);

  return g_date_time_to_unix (back);
}

/* The cases and clients concerned, in temporary tables the statements
 * below join against (dropped at the end of the connection's use). */
static gboolean
select_targets (TsgStore  *self,
                gint64     cutoff,
                GError   **error)
{
  g_autofree char *sql = g_strdup_printf (
    "DROP TABLE IF EXISTS temp.retention_cases;"
    "DROP TABLE IF EXISTS temp.retention_clients;"
    "CREATE TEMP TABLE retention_cases AS"
    "  SELECT id, client_id FROM cases"
    "  WHERE status = 'closed' AND closed_at < %" G_GINT64_FORMAT " AND anonymised_at IS NULL;"
    "CREATE TEMP TABLE retention_clients AS"
    "  SELECT DISTINCT cl.id FROM clients cl JOIN retention_cases rc ON rc.client_id = cl.id"
    "  WHERE cl.anonymised_at IS NULL"
    "    AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = cl.id"
    "                    AND NOT (c.status = 'closed' AND c.closed_at < %" G_GINT64_FORMAT "))"
    "    AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.client_id = cl.id"
    "                    AND k.started_at >= %" G_GINT64_FORMAT ");"
    "CREATE TEMP TABLE IF NOT EXISTS retention_contacts (id INTEGER PRIMARY KEY);"
    "DELETE FROM temp.retention_contacts;"
    "INSERT OR IGNORE INTO temp.retention_contacts"
    "  SELECT id FROM contacts WHERE case_id IN (SELECT id FROM temp.retention_cases)"
    "  UNION SELECT id FROM contacts WHERE client_id IN (SELECT id FROM temp.retention_clients);",
    cutoff, cutoff, cutoff);

  return _tsg_store_exec (self, sql, error);
}

static gint64
count_of (TsgStore   *self,
          const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static TsgRetentionPreview *
describe_targets (TsgStore  *self,
                  gint64     cutoff,
                  GError   **error)
{
  g_autoptr(TsgRetentionPreview) preview = g_new0 (TsgRetentionPreview, 1);
  sqlite3_stmt *stmt;
  int rc;

  preview->cutoff = cutoff;
  preview->lines = g_ptr_array_new_with_free_func (g_free);
  preview->n_cases = (guint) count_of (self, "SELECT count(*) FROM temp.retention_cases");
  preview->n_clients = (guint) count_of (self, "SELECT count(*) FROM temp.retention_clients");
  preview->n_contacts = (guint) count_of (self, "SELECT count(*) FROM temp.retention_contacts");
  preview->n_events = (guint) count_of (self, "SELECT count(*) FROM timeline_events"
                                              " WHERE case_id IN (SELECT id FROM temp.retention_cases)");
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT cl.code, c.opened_at, c.closed_at FROM temp.retention_cases rc"
                          " JOIN cases c ON c.id = rc.id JOIN clients cl ON cl.id = c.client_id"
                          " ORDER BY c.closed_at, cl.code", -1, &stmt, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "retention");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *opened = tsg_format_date (sqlite3_column_int64 (stmt, 1));
      g_autofree char *closed = tsg_format_date (sqlite3_column_int64 (stmt, 2));
      /* translators: one line of the retention preview: client code, dates */
      g_ptr_array_add (preview->lines, g_strdup_printf (_("%s: opened %s, closed %s"),
                                                        (const char *) sqlite3_column_text (stmt, 0),
                                                        opened, closed));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "retention");
      return NULL;
    }
  return g_steal_pointer (&preview);
}

TsgRetentionPreview *
tsg_store_retention_preview (TsgStore  *self,
                             TsgActor  *actor,
                             guint      years,
                             gint64     now,
                             GError   **error)
{
  TsgRetentionPreview *preview;
  gint64 cutoff = cutoff_for (years, now);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error))
    return NULL;
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!select_targets (self, cutoff, error) || !(preview = describe_targets (self, cutoff, error)))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  /* Nothing was changed: the temporary tables go with the rollback. */
  _tsg_store_rollback (self);
  return preview;
}

/* Every statement here only blanks text; none removes a row a figure
 * counts. The search indexes are rewritten below. */
static const char *const anonymise_sql[] = {
  "UPDATE clients SET name = NULL, kana = NULL, name_key = NULL, kana_key = NULL, address = NULL,"
  " household_notes = NULL, safe_contact = NULL, caller_hash = NULL, anonymised_at = ?1"
  " WHERE id IN (SELECT id FROM temp.retention_clients)",
  "UPDATE cases SET title = NULL, anonymised_at = ?1 WHERE id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE case_status_changes SET reason = '' WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE needs SET description = '—' WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE goals SET description = '' WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE tasks SET description = '' WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE plan_reviews SET summary = NULL WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE timeline_events SET title = '', body = '' WHERE case_id IN (SELECT id FROM temp.retention_cases)",
  "UPDATE referrals SET feedback = NULL, consent_override_reason = NULL, letter_to = NULL, letter_body = NULL"
  " WHERE case_id IN (SELECT id FROM temp.retention_cases)"
  "    OR client_id IN (SELECT id FROM temp.retention_clients)",
  "UPDATE reminders SET note = '' WHERE case_id IN (SELECT id FROM temp.retention_cases)"
  "    OR contact_id IN (SELECT id FROM temp.retention_contacts)",
  "UPDATE contacts SET summary = '', caller_hash = NULL WHERE id IN (SELECT id FROM temp.retention_contacts)",
  "DELETE FROM contact_versions WHERE contact_id IN (SELECT id FROM temp.retention_contacts)",
  "UPDATE stock_movements SET reason = NULL WHERE case_id IN (SELECT id FROM temp.retention_cases)"
  "    OR client_id IN (SELECT id FROM temp.retention_clients)",
};

static gboolean
run_anonymise (TsgStore  *self,
               gint64     now,
               GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (anonymise_sql); i++)
    {
      sqlite3_stmt *stmt;
      int rc = sqlite3_prepare_v2 (self->db, anonymise_sql[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          if (sqlite3_bind_parameter_count (stmt) > 0)
            sqlite3_bind_int64 (stmt, 1, now);
          rc = sqlite3_step (stmt);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          _tsg_store_set_error (self, error, rc, "retention");
          return FALSE;
        }
    }
  return TRUE;
}

/* The search indexes must not keep what the rows no longer hold. */
static gboolean
reindex (TsgStore  *self,
         GError   **error)
{
  static const struct { const char *fts; const char *ids; gboolean code; } sets[] = {
    { "contacts_fts", "SELECT id FROM temp.retention_contacts", FALSE },
    { "timeline_fts", "SELECT id FROM timeline_events WHERE case_id IN (SELECT id FROM temp.retention_cases)", FALSE },
    { "clients_fts", "SELECT r.id, c.code FROM temp.retention_clients r JOIN clients c ON c.id = r.id", TRUE },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      int rc;

      if (sqlite3_prepare_v2 (self->db, sets[s].ids, -1, &stmt, NULL) != SQLITE_OK)
        {
          _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "retention");
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
          g_ptr_array_add (codes, sets[s].code ? g_strdup ((const char *) sqlite3_column_text (stmt, 1))
                                               : g_strdup (""));
        }
      sqlite3_finalize (stmt);
      for (guint i = 0; i < ids->len; i++)
        if (!_tsg_store_index_text (self, sets[s].fts, g_array_index (ids, gint64, i),
                                    g_ptr_array_index (codes, i), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
audit_cases (TsgStore  *self,
             TsgActor  *actor,
             GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM temp.retention_cases ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "retention");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!_tsg_store_audit (self, actor, "anonymise", "case", g_array_index (ids, gint64, i), "retention", error))
      return FALSE;
  return TRUE;
}

TsgRetentionPreview *
tsg_store_retention_apply (TsgStore  *self,
                           TsgActor  *actor,
                           guint      years,
                           gint64     now,
                           GError   **error)
{
  g_autoptr(TsgRetentionPreview) done = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *cutoff_text = NULL;
  gint64 cutoff = cutoff_for (years, now);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error))
    return NULL;
  if (years < 1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The retention period must be at least one year."));
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!select_targets (self, cutoff, error) || !(done = describe_targets (self, cutoff, error)) ||
      !run_anonymise (self, _tsg_store_now (), error) || !reindex (self, error) ||
      !audit_cases (self, actor, error))
    goto fail;
  cutoff_text = tsg_format_date (cutoff);
  detail = g_strdup_printf ("%u years, closed before %s: %u cases, %u clients, %u contacts, %u timeline entries",
                            years, cutoff_text, done->n_cases, done->n_clients, done->n_contacts, done->n_events);
  if (!_tsg_store_audit (self, actor, "anonymise", "retention", 0, detail, error))
    goto fail;
  if (!_tsg_store_exec (self, "DROP TABLE temp.retention_cases; DROP TABLE temp.retention_clients;"
                              "DROP TABLE temp.retention_contacts;", error))
    goto fail;
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&done);

fail:
  _tsg_store_rollback (self);
  return NULL;
}

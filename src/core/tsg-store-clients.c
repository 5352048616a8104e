/* tsg-store-clients.c: clients, duplicate detection and merges in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store-clients"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-case-rules.h"
#include "tsg-privacy.h"
#include "tsg-store-cases-private.h"

/* --- clients ----------------------------------------------------------- */

TsgClient *
tsg_client_new (void)
{
  return g_new0 (TsgClient, 1);
}

TsgClient *
tsg_client_copy (const TsgClient *client)
{
  TsgClient *copy = g_memdup2 (client, sizeof *client);

  copy->code = g_strdup (client->code);
  copy->name = g_strdup (client->name);
  copy->kana = g_strdup (client->kana);
  copy->age_band = g_strdup (client->age_band);
  copy->municipality = g_strdup (client->municipality);
  copy->household_notes = g_strdup (client->household_notes);
  copy->address = g_strdup (client->address);
  copy->safe_contact = g_strdup (client->safe_contact);
  copy->risk_level = g_strdup (client->risk_level);
  return copy;
}

void
tsg_client_free (TsgClient *client)
{
  if (client == NULL)
    return;
  g_free (client->code);
  g_free (client->name);
  g_free (client->kana);
  g_free (client->age_band);
  g_free (client->municipality);
  g_free (client->household_notes);
  g_free (client->address);
  g_free (client->safe_contact);
  g_free (client->risk_level);
  g_free (client);
}

G_DEFINE_BOXED_TYPE (TsgClient, tsg_client, tsg_client_copy, tsg_client_free)

static gboolean
validate_client (const TsgClient *client,
                 GError         **error)
{
  if (client->age_band && !tsg_enum_contains (tsg_age_bands, client->age_band))
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_age_bands);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Age band “%s” is not one of %s."), client->age_band, ids);
      return FALSE;
    }
  if (client->risk_level && *client->risk_level && !tsg_enum_contains (tsg_risk_levels, client->risk_level))
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_risk_levels);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Risk level “%s” is not one of %s."), client->risk_level, ids);
      return FALSE;
    }
  if (client->risk_expires_at > 0 && (client->risk_level == NULL || *client->risk_level == '\0'))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Risk expiry: an expiry is set but no risk level."));
      return FALSE;
    }
  if (client->risk_expires_at > 0 && client->risk_expires_at < _tsg_store_now () - 86400)
    {
      g_autofree char *date = tsg_date_of_unix (client->risk_expires_at);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Risk expiry %s is already past."), date);
      return FALSE;
    }
  if ((client->name && g_utf8_strlen (client->name, -1) > 200) ||
      (client->kana && g_utf8_strlen (client->kana, -1) > 200))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Name: longer than 200 characters."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
index_client (TsgStore   *self,
              gint64      id,
              const char *code,
              const char *name,
              const char *kana,
              GError    **error)
{
  g_autofree char *text = g_strjoin (" ", code ? code : "", name ? name : "", kana ? kana : "", NULL);

  return _tsg_store_index_text (self, "clients_fts", id, text, error);
}

/* C26-000123: the year she first came and a running number; nothing in it
 * points to her. */
static char *
next_client_code (TsgStore *self,
                  GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (!(stmt = _tsg_store_prepare (self, "SELECT coalesce (max (id), 0) + 1 FROM clients", error)))
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!(stmt = _tsg_store_prepare (self, "SELECT 1 FROM clients WHERE code = ?", error)))
    return NULL;
  for (;; n++)
    {
      g_autofree char *code = g_strdup_printf ("C%02d-%06" G_GINT64_FORMAT,
                                               g_date_time_get_year (now) % 100, n);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&code);
      if (rc != SQLITE_ROW)
        {
          _tsg_store_set_error (self, error, rc, "code");
          return NULL;
        }
    }
}

gboolean
_tsg_insert_client (TsgStore   *self,
                    TsgActor   *actor,
                    TsgClient  *client,
                    GError    **error)
{
  g_autofree char *code = NULL;
  g_autofree char *name_key = tsg_client_name_key (client->name);
  g_autofree char *kana_key = tsg_client_name_key (client->kana);
  sqlite3_stmt *stmt;
  gint64 now = _tsg_store_now ();

  if (!(code = next_client_code (self, error)))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO clients (code, name, kana, age_band, municipality, household_notes,"
                                   " address, address_withheld, safe_contact, never_call_back, no_mail_home,"
                                   " risk_level, risk_expires_at, caller_hash, name_key, kana_key, created_at, updated_at)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,"
                                   " (SELECT caller_hash FROM contacts WHERE id = ?),"
                                   " coalesce (?, ''), coalesce (?, ''),?,?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  _tsg_bind_text (stmt, 2, client->name);
  _tsg_bind_text (stmt, 3, client->kana);
  sqlite3_bind_text (stmt, 4, client->age_band ? client->age_band : "unknown", -1, SQLITE_TRANSIENT);
  _tsg_bind_text (stmt, 5, client->municipality);
  _tsg_bind_text (stmt, 6, client->household_notes);
  _tsg_bind_text (stmt, 7, client->address);
  sqlite3_bind_int (stmt, 8, client->address_withheld);
  _tsg_bind_text (stmt, 9, client->safe_contact);
  sqlite3_bind_int (stmt, 10, client->never_call_back);
  sqlite3_bind_int (stmt, 11, client->no_mail_home);
  _tsg_bind_text (stmt, 12, client->risk_level);
  _tsg_bind_id (stmt, 13, client->risk_expires_at);
  sqlite3_bind_int64 (stmt, 14, client->from_contact_id);
  _tsg_bind_text (stmt, 15, name_key);
  _tsg_bind_text (stmt, 16, kana_key);
  sqlite3_bind_int64 (stmt, 17, now);
  sqlite3_bind_int64 (stmt, 18, now);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  client->id = sqlite3_last_insert_rowid (self->db);
  g_free (client->code);
  client->code = g_steal_pointer (&code);
  client->created_at = client->updated_at = now;
  return index_client (self, client->id, client->code, client->name, client->kana, error) &&
         _tsg_store_audit (self, actor, "create", "client", client->id, client->code, error);
}

static gboolean
update_client (TsgStore   *self,
               TsgActor   *actor,
               TsgClient  *client,
               GError    **error)
{
  g_autofree char *name_key = tsg_client_name_key (client->name);
  g_autofree char *kana_key = tsg_client_name_key (client->kana);
  /* A reader who may not see a withheld address gets NULL and must not
   * wipe it by saving. */
  gboolean keep_address = !tsg_privacy_address_allowed (self, actor, client->id, TRUE, TSG_OUTPUT_SCREEN);
  sqlite3_stmt *stmt;
  g_autofree char *code = NULL;

  if (!(stmt = _tsg_store_prepare (self,
                                   "UPDATE clients SET name = ?, kana = ?, age_band = ?, municipality = ?,"
                                   " household_notes = ?, address = CASE WHEN ? AND address_withheld = 1 THEN address ELSE ? END,"
                                   " address_withheld = ?, safe_contact = ?, never_call_back = ?, no_mail_home = ?,"
                                   " risk_level = ?, risk_expires_at = ?, name_key = coalesce (?, ''),"
                                   " kana_key = coalesce (?, ''), updated_at = ?"
                                   " WHERE id = ? RETURNING code", error)))
    return FALSE;
  _tsg_bind_text (stmt, 1, client->name);
  _tsg_bind_text (stmt, 2, client->kana);
  sqlite3_bind_text (stmt, 3, client->age_band ? client->age_band : "unknown", -1, SQLITE_TRANSIENT);
  _tsg_bind_text (stmt, 4, client->municipality);
  _tsg_bind_text (stmt, 5, client->household_notes);
  sqlite3_bind_int (stmt, 6, keep_address);
  _tsg_bind_text (stmt, 7, client->address);
  sqlite3_bind_int (stmt, 8, client->address_withheld);
  _tsg_bind_text (stmt, 9, client->safe_contact);
  sqlite3_bind_int (stmt, 10, client->never_call_back);
  sqlite3_bind_int (stmt, 11, client->no_mail_home);
  _tsg_bind_text (stmt, 12, client->risk_level);
  _tsg_bind_id (stmt, 13, client->risk_expires_at);
  _tsg_bind_text (stmt, 14, name_key);
  _tsg_bind_text (stmt, 15, kana_key);
  sqlite3_bind_int64 (stmt, 16, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 17, client->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = _tsg_col_dup (stmt, 0);
  if (sqlite3_reset (stmt) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "client");
      return FALSE;
    }
  if (code == NULL)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Client %lld does not exist."), (long long) client->id);
      return FALSE;
    }
  return index_client (self, client->id, code, client->name, client->kana, error) &&
         _tsg_store_audit (self, actor, "update", "client", client->id, "", error);
}

gint64
tsg_store_save_client (TsgStore   *self,
                       TsgActor   *actor,
                       TsgClient  *client,
                       GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  g_return_val_if_fail (client != NULL, 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !validate_client (client, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  ok = client->id > 0 ? update_client (self, actor, client, error)
                      : _tsg_insert_client (self, actor, client, error);
  if (!ok)
    {
      _tsg_store_rollback (self);
      return 0;
    }
  if (!_tsg_store_commit (self, error))
    return 0;
  return client->id;
}

TsgClient *
_tsg_read_client (TsgStore  *self,
                  TsgActor  *actor,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(TsgClient) client = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id, code, name, kana, age_band, municipality, household_notes, address,"
                                   " address_withheld, safe_contact, never_call_back, no_mail_home, risk_level,"
                                   " coalesce (risk_expires_at, 0), coalesce (merged_into, 0), created_at, updated_at"
                                   " FROM clients WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      client = tsg_client_new ();
      client->id = sqlite3_column_int64 (stmt, 0);
      client->code = _tsg_col_dup (stmt, 1);
      client->name = _tsg_col_dup (stmt, 2);
      client->kana = _tsg_col_dup (stmt, 3);
      client->age_band = _tsg_col_dup (stmt, 4);
      client->municipality = _tsg_col_dup (stmt, 5);
      client->household_notes = _tsg_col_dup (stmt, 6);
      client->address_withheld = sqlite3_column_int (stmt, 8);
      /* Whether she may see it is decided in one place (tsg-privacy.c). */
      if (tsg_privacy_address_allowed (self, actor, client->id, client->address_withheld, TSG_OUTPUT_SCREEN))
        client->address = _tsg_col_dup (stmt, 7);
      client->safe_contact = _tsg_col_dup (stmt, 9);
      client->never_call_back = sqlite3_column_int (stmt, 10);
      client->no_mail_home = sqlite3_column_int (stmt, 11);
      client->risk_level = _tsg_col_dup (stmt, 12);
      client->risk_expires_at = sqlite3_column_int64 (stmt, 13);
      client->merged_into = sqlite3_column_int64 (stmt, 14);
      client->created_at = sqlite3_column_int64 (stmt, 15);
      client->updated_at = sqlite3_column_int64 (stmt, 16);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("Client %lld does not exist."), (long long) id);
  else if (rc != SQLITE_ROW)
    _tsg_store_set_error (self, error, rc, "client");
  return g_steal_pointer (&client);
}

TsgClient *
tsg_store_get_client (TsgStore  *self,
                      TsgActor  *actor,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(TsgClient) client = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(client = _tsg_read_client (self, actor, id, error)) ||
      !_tsg_store_audit (self, actor, "view", "client", id, "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&client);
}

void
tsg_client_match_free (TsgClientMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->code);
  g_free (match->name);
  g_free (match->kana);
  g_free (match->age_band);
  g_free (match);
}

/* Clients written without keys (the demo generator, imports) get them the
 * first time anyone looks for duplicates. */
static gboolean
fill_missing_name_keys (TsgStore  *self,
                        GError   **error)
{
  sqlite3_stmt *sel, *upd;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!(sel = _tsg_store_prepare (self,
                                  "SELECT id, name, kana FROM clients"
                                  " WHERE (name IS NOT NULL AND name_key IS NULL) OR (kana IS NOT NULL AND kana_key IS NULL)",
                                  error)))
    return FALSE;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (sel, 0);
      char *nk = tsg_client_name_key ((const char *) sqlite3_column_text (sel, 1));
      char *kk = tsg_client_name_key ((const char *) sqlite3_column_text (sel, 2));

      g_array_append_val (ids, id);
      g_ptr_array_add (keys, nk ? nk : g_strdup (""));
      g_ptr_array_add (keys, kk ? kk : g_strdup (""));
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "keys");
      return FALSE;
    }
  if (!(upd = _tsg_store_prepare (self, "UPDATE clients SET name_key = ?, kana_key = ? WHERE id = ?", error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (upd, 1, g_ptr_array_index (keys, 2 * i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 2, g_ptr_array_index (keys, 2 * i + 1), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 3, g_array_index (ids, gint64, i));
      if (!_tsg_store_step_done (self, upd, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
query_duplicates (TsgStore   *self,
                  const char *name_key,
                  const char *kana_key,
                  gint64      from_contact_id,
                  gint64      exclude_id,
                  GError    **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_client_match_free);
  sqlite3_stmt *stmt;
  int rc;

  /* ?1/?2 the folded name and kana (either may have been typed in either
   * field), ?3 the caller hash of the contact she called from. */
  if (!(stmt = _tsg_store_prepare (self,
      "WITH h (hash) AS (SELECT caller_hash FROM contacts WHERE id = ?3 AND caller_hash IS NOT NULL"
      "  UNION SELECT caller_hash FROM clients WHERE id = ?4 AND caller_hash IS NOT NULL),"
      " m AS ("
      "  SELECT id FROM clients WHERE name_key IN (?1, ?2) AND name_key <> ''"
      "  UNION SELECT id FROM clients WHERE kana_key IN (?1, ?2) AND kana_key <> ''"
      "  UNION SELECT id FROM clients WHERE caller_hash IN (SELECT hash FROM h)"
      "  UNION SELECT client_id FROM contacts WHERE caller_hash IN (SELECT hash FROM h) AND client_id IS NOT NULL)"
      " SELECT c.id, c.code, c.name, c.kana, c.age_band,"
      "  coalesce ((SELECT max (started_at) FROM contacts WHERE client_id = c.id AND deleted_at IS NULL), 0),"
      "  (SELECT count (*) FROM cases WHERE client_id = c.id),"
      "  (c.name_key IN (?1, ?2) AND c.name_key <> '') OR (c.kana_key IN (?1, ?2) AND c.kana_key <> ''),"
      "  c.caller_hash IN (SELECT hash FROM h)"
      "   OR c.id IN (SELECT client_id FROM contacts WHERE caller_hash IN (SELECT hash FROM h))"
      " FROM clients c WHERE c.id IN (SELECT id FROM m) AND c.merged_into IS NULL AND c.id <> ?4"
      "  AND NOT EXISTS (SELECT 1 FROM client_distinct d"
      "                  WHERE (d.client_a = c.id AND d.client_b = ?4) OR (d.client_a = ?4 AND d.client_b = c.id))"
      " ORDER BY 8 + 9 DESC, 6 DESC LIMIT 20", error)))
    return NULL;
  _tsg_bind_text (stmt, 1, name_key);
  _tsg_bind_text (stmt, 2, kana_key);
  sqlite3_bind_int64 (stmt, 3, from_contact_id);
  sqlite3_bind_int64 (stmt, 4, exclude_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgClientMatch *m = g_new0 (TsgClientMatch, 1);

      m->client_id = sqlite3_column_int64 (stmt, 0);
      m->code = _tsg_col_dup (stmt, 1);
      m->name = _tsg_col_dup (stmt, 2);
      m->kana = _tsg_col_dup (stmt, 3);
      m->age_band = _tsg_col_dup (stmt, 4);
      m->last_contact_at = sqlite3_column_int64 (stmt, 5);
      m->n_cases = (guint) sqlite3_column_int (stmt, 6);
      m->same_name = sqlite3_column_int (stmt, 7) != 0;
      m->same_caller = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (matches, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "duplicates");
      return NULL;
    }
  return g_steal_pointer (&matches);
}

GPtrArray *
tsg_store_find_duplicate_clients (TsgStore   *self,
                                  TsgActor   *actor,
                                  const char *name,
                                  const char *kana,
                                  gint64      from_contact_id,
                                  gint64      exclude_id,
                                  GError    **error)
{
  g_autofree char *name_key = tsg_client_name_key (name);
  g_autofree char *kana_key = tsg_client_name_key (kana);
  g_autoptr(GPtrArray) matches = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!fill_missing_name_keys (self, error) ||
      !(matches = query_duplicates (self, name_key, kana_key, from_contact_id, exclude_id, error)))
    goto fail;
  /* The candidates' names were shown: one audit row per client seen. */
  for (guint i = 0; i < matches->len; i++)
    {
      TsgClientMatch *m = g_ptr_array_index (matches, i);
      if (!_tsg_store_audit (self, actor, "view", "client", m->client_id, "duplicate check", error))
        goto fail;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&matches);

fail:
  _tsg_store_rollback (self);
  return NULL;
}

/**
 * tsg_store_keep_clients_apart:
 *
 * Records that a counsellor looked at two client records offered as one
 * woman and decided they are two: the duplicate check does not offer the
 * pair again. Audited on both records.
 */
gboolean
tsg_store_keep_clients_apart (TsgStore  *self,
                              TsgActor  *actor,
                              gint64     client_id,
                              gint64     other_id,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (client_id == other_id)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Client %lld cannot be kept apart from herself."), (long long) client_id);
      return FALSE;
    }
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  detail = g_strdup_printf ("not the same woman as client %lld", (long long) other_id);
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO client_distinct (client_a, client_b, decided_by, decided_at)"
                                   " VALUES (min (?1, ?2), max (?1, ?2), ?3, ?4) ON CONFLICT DO NOTHING", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  _tsg_bind_id (stmt, 3, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 4, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "keep-apart", "client", client_id, detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

static gboolean
check_mergeable (TsgStore  *self,
                 gint64     keep_id,
                 gint64     other_id,
                 GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 ids[2] = { keep_id, other_id };

  if (keep_id == other_id)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Merge: client %lld cannot be merged with herself."), (long long) keep_id);
      return FALSE;
    }
  if (!(stmt = _tsg_store_prepare (self, "SELECT merged_into FROM clients WHERE id = ?", error)))
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      int rc;
      gint64 merged = 0;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        merged = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                       _("Client %lld does not exist."), (long long) ids[i]);
          return FALSE;
        }
      if (merged > 0)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("Merge: client %lld was already merged into client %lld."),
                       (long long) ids[i], (long long) merged);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
tsg_store_merge_clients (TsgStore  *self,
                         TsgActor  *actor,
                         gint64     keep_id,
                         gint64     other_id,
                         GError   **error)
{
  /* Every record of hers moves; nothing is deleted. The kept record keeps
   * its values, takes the other's where it has none, and the safer of the
   * safety settings (a withheld address stays withheld). */
  static const char *const moves[] = {
    "UPDATE contacts SET client_id = ?1 WHERE client_id = ?2",
    "UPDATE cases SET client_id = ?1 WHERE client_id = ?2",
    "UPDATE consents SET client_id = ?1 WHERE client_id = ?2",
    "UPDATE referrals SET client_id = ?1 WHERE client_id = ?2",
    "UPDATE stock_movements SET client_id = ?1 WHERE client_id = ?2",
    "UPDATE clients SET"
    " name = coalesce (name, (SELECT name FROM clients WHERE id = ?2)),"
    " kana = coalesce (kana, (SELECT kana FROM clients WHERE id = ?2)),"
    " name_key = CASE WHEN name IS NULL THEN (SELECT name_key FROM clients WHERE id = ?2) ELSE name_key END,"
    " kana_key = CASE WHEN kana IS NULL THEN (SELECT kana_key FROM clients WHERE id = ?2) ELSE kana_key END,"
    " age_band = CASE WHEN age_band = 'unknown' THEN (SELECT age_band FROM clients WHERE id = ?2) ELSE age_band END,"
    " municipality = coalesce (municipality, (SELECT municipality FROM clients WHERE id = ?2)),"
    " household_notes = coalesce (household_notes, (SELECT household_notes FROM clients WHERE id = ?2)),"
    " address = coalesce (address, (SELECT address FROM clients WHERE id = ?2)),"
    " address_withheld = max (address_withheld, (SELECT address_withheld FROM clients WHERE id = ?2)),"
    " safe_contact = coalesce (safe_contact, (SELECT safe_contact FROM clients WHERE id = ?2)),"
    " never_call_back = max (never_call_back, (SELECT never_call_back FROM clients WHERE id = ?2)),"
    " no_mail_home = max (no_mail_home, (SELECT no_mail_home FROM clients WHERE id = ?2)),"
    " caller_hash = coalesce (caller_hash, (SELECT caller_hash FROM clients WHERE id = ?2)),"
    " updated_at = ?3"
    " WHERE id = ?1",
    /* The higher risk level wins, with its expiry. */
    "UPDATE clients SET (risk_level, risk_expires_at) = (SELECT o.risk_level, o.risk_expires_at FROM clients o"
    "  WHERE o.id = ?2 AND o.risk_level IS NOT NULL)"
    " WHERE id = ?1 AND (SELECT risk_level FROM clients WHERE id = ?2) IS NOT NULL"
    "  AND (risk_level IS NULL OR"
    "   instr ('lowmediumhighurgent', (SELECT risk_level FROM clients WHERE id = ?2)) > instr ('lowmediumhighurgent', risk_level))",
    "UPDATE clients SET merged_into = ?1, updated_at = ?3 WHERE id = ?2",
  };
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !check_mergeable (self, keep_id, other_id, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      sqlite3_stmt *stmt = _tsg_store_prepare (self, moves[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, keep_id);
      sqlite3_bind_int64 (stmt, 2, other_id);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, _tsg_store_now ());
      if (!_tsg_store_step_done (self, stmt, error))
        goto fail;
    }
  detail = g_strdup_printf ("merged client %" G_GINT64_FORMAT " into %" G_GINT64_FORMAT, other_id, keep_id);
  if (!_tsg_store_audit (self, actor, "merge", "client", keep_id, detail, error) ||
      !_tsg_store_audit (self, actor, "merge", "client", other_id, detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

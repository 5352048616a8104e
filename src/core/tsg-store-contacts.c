/* tsg-store-contacts.c: the call log in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write is one transaction holding the row, its topics, its search
 * index entry and its audit row. The caller's number never reaches the file:
 * only a BLAKE2b hash keyed with this database's own key does.
 */
#define G_LOG_DOMAIN "tsg-store-contacts"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "tsg-domain.h"
#include "tsg-format.h"
#include "tsg-store-contacts-private.h"

#define CONTACT_COLUMNS \
  "id, started_at, channel, call_type, duration_minutes, first_contact, age_band, municipality," \
  " topics, summary, risk_level, outcome, referred_service_id, heard_via, client_id, case_id," \
  " staff_id, callback_at"

/* --- the caller hash --------------------------------------------------- */

char *
_tsg_caller_number_normalise (const char *number)
{
  g_autofree char *nfkc = NULL;
  GString *digits;
  gboolean plus = FALSE, seen_digit = FALSE;

  if (number == NULL || !g_utf8_validate (number, -1, NULL))
    return g_strdup ("");
  /* NFKC folds full-width digits (０９０) and the full-width plus sign. */
  nfkc = g_utf8_normalize (number, -1, G_NORMALIZE_ALL_COMPOSE);
  digits = g_string_new (NULL);
  for (const char *p = nfkc; p && *p; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          g_string_append_c (digits, *p);
          seen_digit = TRUE;
        }
      else if (*p == '+' && !seen_digit)
        plus = TRUE;
    }
  /* +81 90-… is the same line as 090-…; so is 0081 90-… dialled abroad. */
  if (plus && g_str_has_prefix (digits->str, "81"))
    g_string_overwrite_len (g_string_erase (digits, 0, 1), 0, "0", 1);
  else if (g_str_has_prefix (digits->str, "0081"))
    g_string_overwrite_len (g_string_erase (digits, 0, 3), 0, "0", 1);
  if (nfkc != NULL)
    sodium_memzero (nfkc, strlen (nfkc));
  return g_string_free (digits, FALSE);
}

gboolean
_tsg_store_caller_hash (TsgStore   *self,
                        const char *number,
                        guint8      hash[TSG_CALLER_HASH_BYTES],
                        GError    **error)
{
  g_autofree char *key_hex = tsg_store_get_setting (self, "caller_hash_key");
  g_autofree char *digits = NULL;
  guint8 key[crypto_generichash_KEYBYTES];
  size_t key_len = 0;

  if (key_hex == NULL ||
      sodium_hex2bin (key, sizeof key, key_hex, strlen (key_hex), NULL, &key_len, NULL) != 0 ||
      key_len < crypto_generichash_KEYBYTES_MIN)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                   _("The database has no key for caller numbers (office setting caller_hash_key)."));
      return FALSE;
    }
  digits = _tsg_caller_number_normalise (number);
  crypto_generichash (hash, TSG_CALLER_HASH_BYTES, (const guint8 *) digits, strlen (digits),
                      key, key_len);
  sodium_memzero (key, sizeof key);
  sodium_memzero (digits, strlen (digits));
  return TRUE;
}

static gboolean
has_number (const TsgContact *contact)
{
  return contact->caller_number != NULL && *contact->caller_number != '\0';
}

/* --- reading rows ------------------------------------------------------ */

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text ? g_strdup (text) : NULL;
}

static GStrv
split_topics (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text ? text : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* Reads CONTACT_COLUMNS, in that order. */
static TsgContact *
contact_from_row (sqlite3_stmt *stmt)
{
  TsgContact *c = tsg_contact_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->started_at = sqlite3_column_int64 (stmt, 1);
  c->channel = column_dup (stmt, 2);
  c->call_type = column_dup (stmt, 3);
  c->duration_minutes = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4);
  c->first_contact = sqlite3_column_int (stmt, 5) != 0;
  c->age_band = column_dup (stmt, 6);
  c->municipality = column_dup (stmt, 7);
  c->topics = split_topics ((const char *) sqlite3_column_text (stmt, 8));
  c->summary = column_dup (stmt, 9);
  c->risk_level = column_dup (stmt, 10);
  c->outcome = column_dup (stmt, 11);
  c->referred_service_id = sqlite3_column_int64 (stmt, 12);
  c->heard_via = column_dup (stmt, 13);
  c->client_id = sqlite3_column_int64 (stmt, 14);
  c->case_id = sqlite3_column_int64 (stmt, 15);
  c->staff_id = sqlite3_column_int64 (stmt, 16);
  c->callback_at = sqlite3_column_int64 (stmt, 17);
  return c;
}

TsgContact *
_tsg_store_read_contact (TsgStore  *self,
                         gint64     id,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  TsgContact *contact = NULL;
  int rc;

  if (!(stmt = _tsg_store_prepare (self, "SELECT " CONTACT_COLUMNS " FROM contacts"
                                         " WHERE id = ? AND deleted_at IS NULL", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    contact = contact_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("Contact %lld does not exist or was deleted."), (long long) id);
  else
    _tsg_store_set_error (self, error, rc, "contact");
  sqlite3_reset (stmt);
  return contact;
}

/* --- writing rows ------------------------------------------------------ */

/* "dv housing": the order of tsg_topics, no duplicates, so that the list
 * column and the comparison of versions do not depend on typing order. */
static char *
join_topics (GStrv topics)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; tsg_topics[i].id != NULL; i++)
    if (topics != NULL && g_strv_contains ((const char * const *) topics, tsg_topics[i].id))
      g_string_append_printf (s, "%s%s", s->len ? " " : "", tsg_topics[i].id);
  return g_string_free (s, FALSE);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           col,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, col, id);
  else
    sqlite3_bind_null (stmt, col);
}

static gboolean
row_exists (TsgStore   *self,
            const char *sql,
            gint64      id,
            GError    **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Names the reference that points nowhere, rather than letting the foreign
 * key fail with SQLite's own words. */
static gboolean
check_references (TsgStore         *self,
                  const TsgContact *c,
                  GError          **error)
{
  static const struct { const char *field; const char *sql; gsize offset; } refs[] = {
    { "client_id", "SELECT 1 FROM clients WHERE id = ?", G_STRUCT_OFFSET (TsgContact, client_id) },
    { "case_id", "SELECT 1 FROM cases WHERE id = ?", G_STRUCT_OFFSET (TsgContact, case_id) },
    { "staff_id", "SELECT 1 FROM staff WHERE id = ?", G_STRUCT_OFFSET (TsgContact, staff_id) },
    { "referred_service_id", "SELECT 1 FROM services WHERE id = ?",
      G_STRUCT_OFFSET (TsgContact, referred_service_id) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      gint64 id = G_STRUCT_MEMBER (gint64, c, refs[i].offset);
      GError *local = NULL;

      if (id <= 0)
        continue;
      if (!row_exists (self, refs[i].sql, id, &local))
        {
          if (local != NULL)
            g_propagate_error (error, local);
          else
            g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                         /* translators: a field name, then a number */
                         _("%s %lld does not exist"), refs[i].field, (long long) id);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_topics (TsgStore   *self,
              gint64      id,
              GStrv       topics,
              gboolean    replace,
              GError    **error)
{
  sqlite3_stmt *stmt;

  if (replace)
    {
      if (!(stmt = _tsg_store_prepare (self, "DELETE FROM contact_topics WHERE contact_id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (topics == NULL || topics[0] == NULL)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self, "INSERT OR IGNORE INTO contact_topics (contact_id, topic) VALUES (?, ?)", error)))
    return FALSE;
  for (guint i = 0; topics[i]; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, topics[i], -1, SQLITE_STATIC);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A contact linked to a case appears on the case's timeline (as the demo
 * generator writes it: kind 'contact', ref_id = the contact). */
static gboolean
write_timeline (TsgStore         *self,
                const TsgContact *c,
                gint64            staff_id,
                GError          **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM timeline_events WHERE kind = 'contact' AND ref_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  if (c->case_id <= 0)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, ref_id,"
                                   " staff_id, created_at) VALUES (?, 'contact', ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->case_id);
  sqlite3_bind_int64 (stmt, 2, c->started_at);
  sqlite3_bind_text (stmt, 3, c->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c->summary ? c->summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, c->id);
  bind_id_or_null (stmt, 6, staff_id);
  sqlite3_bind_int64 (stmt, 7, _tsg_store_now ());
  return _tsg_store_step_done (self, stmt, error);
}

/* Binds the columns shared by INSERT and UPDATE, parameters 1..17. */
static void
bind_contact (sqlite3_stmt     *stmt,
              const TsgContact *c,
              const char       *topics,
              gint64            staff_id)
{
  sqlite3_bind_int64 (stmt, 1, c->started_at);
  sqlite3_bind_text (stmt, 2, c->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c->call_type ? c->call_type : "data", -1, SQLITE_TRANSIENT);
  if (c->duration_minutes >= 0)
    sqlite3_bind_int (stmt, 4, c->duration_minutes);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, c->first_contact ? 1 : 0);
  sqlite3_bind_text (stmt, 6, c->age_band ? c->age_band : "unknown", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 7, c->municipality);
  sqlite3_bind_text (stmt, 8, topics, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, c->summary ? c->summary : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 10, c->risk_level);
  bind_text_or_null (stmt, 11, c->outcome);
  bind_id_or_null (stmt, 12, c->referred_service_id);
  bind_text_or_null (stmt, 13, c->heard_via);
  bind_id_or_null (stmt, 14, c->client_id);
  bind_id_or_null (stmt, 15, c->case_id);
  bind_id_or_null (stmt, 16, staff_id);
  bind_id_or_null (stmt, 17, c->callback_at);
}

static gboolean
remember_caller (TsgStore          *self,
                 TsgContact        *c,
                 sqlite3_stmt      *contact_stmt,
                 int                col,
                 guint8             hash[TSG_CALLER_HASH_BYTES],
                 GError           **error)
{
  if (!has_number (c))
    return TRUE;
  if (!_tsg_store_caller_hash (self, c->caller_number, hash, error))
    return FALSE;
  sqlite3_bind_blob (contact_stmt, col, hash, TSG_CALLER_HASH_BYTES, SQLITE_TRANSIENT);
  return TRUE;
}

/* Her client record learns the hash too, so the next call finds her even
 * when the earlier contacts carried no number. */
static gboolean
link_client_hash (TsgStore   *self,
                  TsgContact *c,
                  guint8      hash[TSG_CALLER_HASH_BYTES],
                  GError    **error)
{
  sqlite3_stmt *stmt;

  if (!has_number (c) || c->client_id <= 0)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self, "UPDATE clients SET caller_hash = ? WHERE id = ? AND caller_hash IS NULL", error)))
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, TSG_CALLER_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, c->client_id);
  return _tsg_store_step_done (self, stmt, error);
}

gint64
_tsg_store_insert_contact (TsgStore   *self,
                           TsgActor   *actor,
                           TsgContact *c,
                           gboolean    audit,
                           GError    **error)
{
  g_autofree char *topics = join_topics (c->topics);
  gint64 staff_id = c->staff_id > 0 ? c->staff_id : tsg_actor_get_staff_id (actor);
  gint64 now = _tsg_store_now ();
  guint8 hash[TSG_CALLER_HASH_BYTES];
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_references (self, c, error))
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO contacts (started_at, channel, call_type, duration_minutes,"
                                   " first_contact, age_band, municipality, topics, summary, risk_level, outcome,"
                                   " referred_service_id, heard_via, client_id, case_id, staff_id, callback_at,"
                                   " caller_hash, created_at, updated_at)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error)))
    return 0;
  bind_contact (stmt, c, topics, staff_id);
  if (!remember_caller (self, c, stmt, 18, hash, error))
    return 0;
  sqlite3_bind_int64 (stmt, 19, now);
  sqlite3_bind_int64 (stmt, 20, now);
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  c->id = id;

  if (!write_topics (self, id, c->topics, FALSE, error) ||
      !_tsg_store_index_new_text (self, "contacts_fts", id, c->summary, error) ||
      !link_client_hash (self, c, hash, error) ||
      (c->case_id > 0 && !write_timeline (self, c, staff_id, error)))
    return 0;
  if (audit)
    {
      g_autofree char *detail = g_strdup_printf ("%s %s", c->channel, c->call_type ? c->call_type : "data");
      if (!_tsg_store_audit (self, actor, "create", "contact", id, detail, error))
        return 0;
    }
  return id;
}

/* --- versions ---------------------------------------------------------- */

static char *
contact_to_json (const TsgContact *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

#define ADD_STR(key, value) \
  G_STMT_START { json_builder_set_member_name (b, key); \
    if (value) json_builder_add_string_value (b, value); else json_builder_add_null_value (b); } G_STMT_END
#define ADD_INT(key, value) \
  G_STMT_START { json_builder_set_member_name (b, key); json_builder_add_int_value (b, value); } G_STMT_END

  json_builder_begin_object (b);
  ADD_INT ("started_at", c->started_at);
  ADD_STR ("channel", c->channel);
  ADD_STR ("call_type", c->call_type);
  ADD_INT ("duration_minutes", c->duration_minutes);
  json_builder_set_member_name (b, "first_contact");
  json_builder_add_boolean_value (b, c->first_contact);
  ADD_STR ("age_band", c->age_band);
  ADD_STR ("municipality", c->municipality);
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; c->topics && c->topics[i]; i++)
    json_builder_add_string_value (b, c->topics[i]);
  json_builder_end_array (b);
  ADD_STR ("summary", c->summary);
  ADD_STR ("risk_level", c->risk_level);
  ADD_STR ("outcome", c->outcome);
  ADD_INT ("referred_service_id", c->referred_service_id);
  ADD_STR ("heard_via", c->heard_via);
  ADD_INT ("client_id", c->client_id);
  ADD_INT ("case_id", c->case_id);
  ADD_INT ("staff_id", c->staff_id);
  ADD_INT ("callback_at", c->callback_at);
  json_builder_end_object (b);
#undef ADD_STR
#undef ADD_INT

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
note_text (GString    *changes,
           const char *field,
           const char *before,
           const char *after)
{
  if (g_strcmp0 (before ? before : "", after ? after : "") == 0)
    return;
  if (changes->len)
    g_string_append (changes, "; ");
  g_string_append_printf (changes, "%s: %s → %s", field,
                          before && *before ? before : "—", after && *after ? after : "—");
}

static void
note_time (GString    *changes,
           const char *field,
           gint64      before,
           gint64      after)
{
  g_autofree char *a = NULL, *b = NULL;

  if (before == after)
    return;
  a = before > 0 ? tsg_format_datetime (before) : NULL;
  b = after > 0 ? tsg_format_datetime (after) : NULL;
  note_text (changes, field, a, b);
}

static void
note_number (GString    *changes,
             const char *field,
             gint64      before,
             gint64      after,
             gint64      none)
{
  g_autofree char *a = NULL, *b = NULL;

  if (before == after)
    return;
  a = before != none ? g_strdup_printf ("%" G_GINT64_FORMAT, before) : NULL;
  b = after != none ? g_strdup_printf ("%" G_GINT64_FORMAT, after) : NULL;
  note_text (changes, field, a, b);
}

/* "outcome: listened → referred; summary changed": field names as the
 * records contract spells them; free text is never copied into the list. */
static char *
describe_changes (const TsgContact *old,
                  const TsgContact *c,
                  const char       *new_topics,
                  gint64            new_staff)
{
  GString *s = g_string_new (NULL);
  g_autofree char *old_topics = join_topics (old->topics);

  note_time (s, "started_at", old->started_at, c->started_at);
  note_text (s, "channel", old->channel, c->channel);
  note_text (s, "call_type", old->call_type, c->call_type ? c->call_type : "data");
  note_number (s, "duration_minutes", old->duration_minutes, c->duration_minutes, -1);
  note_text (s, "first_contact", old->first_contact ? "true" : "false", c->first_contact ? "true" : "false");
  note_text (s, "age_band", old->age_band, c->age_band ? c->age_band : "unknown");
  note_text (s, "municipality", old->municipality, c->municipality);
  note_text (s, "topics", old_topics, new_topics);
  if (g_strcmp0 (old->summary ? old->summary : "", c->summary ? c->summary : "") != 0)
    g_string_append_printf (s, "%ssummary changed", s->len ? "; " : "");
  note_text (s, "risk_level", old->risk_level, c->risk_level);
  note_text (s, "outcome", old->outcome, c->outcome);
  note_number (s, "referred_service_id", old->referred_service_id, c->referred_service_id, 0);
  note_text (s, "heard_via", old->heard_via, c->heard_via);
  note_number (s, "client_id", old->client_id, c->client_id, 0);
  note_number (s, "case_id", old->case_id, c->case_id, 0);
  note_number (s, "staff_id", old->staff_id, new_staff, 0);
  note_time (s, "callback_at", old->callback_at, c->callback_at);
  if (has_number (c))
    g_string_append_printf (s, "%scaller number given", s->len ? "; " : "");
  return g_string_free (s, FALSE);
}

static gboolean
write_version (TsgStore   *self,
               TsgActor   *actor,
               TsgContact *old,
               const char *changes,
               GError    **error)
{
  g_autofree char *data = contact_to_json (old);
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO contact_versions (contact_id, version, data, changes, staff_id, changed_at)"
                                   " VALUES (?1, (SELECT coalesce (max (version), 0) + 1 FROM contact_versions"
                                   "              WHERE contact_id = ?1), ?2, ?3, ?4, ?5)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, old->id);
  sqlite3_bind_text (stmt, 2, data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, changes, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 4, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  return _tsg_store_step_done (self, stmt, error);
}

static gint64
update_contact (TsgStore   *self,
                TsgActor   *actor,
                TsgContact *c,
                GError    **error)
{
  g_autoptr(TsgContact) old = NULL;
  g_autofree char *topics = join_topics (c->topics);
  g_autofree char *changes = NULL;
  g_autofree char *fields = NULL;
  guint8 hash[TSG_CALLER_HASH_BYTES];
  gint64 staff_id;
  sqlite3_stmt *stmt;

  if (!(old = _tsg_store_read_contact (self, c->id, error)))
    return 0;
  /* The staff member who took the call stays, unless the form changes it. */
  staff_id = c->staff_id > 0 ? c->staff_id : old->staff_id;
  changes = describe_changes (old, c, topics, staff_id);
  if (*changes == '\0')
    return c->id;
  if (!check_references (self, c, error) ||
      !write_version (self, actor, old, changes, error))
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "UPDATE contacts SET started_at = ?1, channel = ?2, call_type = ?3,"
                                   " duration_minutes = ?4, first_contact = ?5, age_band = ?6, municipality = ?7,"
                                   " topics = ?8, summary = ?9, risk_level = ?10, outcome = ?11,"
                                   " referred_service_id = ?12, heard_via = ?13, client_id = ?14, case_id = ?15,"
                                   " staff_id = ?16, callback_at = ?17, caller_hash = coalesce (?18, caller_hash),"
                                   " callback_done = CASE WHEN callback_at IS ?17 THEN callback_done ELSE 0 END,"
                                   " updated_at = ?19 WHERE id = ?20", error)))
    return 0;
  bind_contact (stmt, c, topics, staff_id);
  if (!remember_caller (self, c, stmt, 18, hash, error))
    return 0;
  sqlite3_bind_int64 (stmt, 19, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 20, c->id);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !write_topics (self, c->id, c->topics, TRUE, error) ||
      !_tsg_store_index_text (self, "contacts_fts", c->id, c->summary, error) ||
      !link_client_hash (self, c, hash, error))
    return 0;
  if ((old->case_id != c->case_id || g_strcmp0 (old->summary, c->summary) != 0 ||
       old->started_at != c->started_at || g_strcmp0 (old->channel, c->channel) != 0) &&
      !write_timeline (self, c, staff_id, error))
    return 0;
  /* The audit names the fields, not their values. */
  {
    g_auto(GStrv) parts = g_strsplit (changes, "; ", -1);
    GString *names = g_string_new (NULL);
    for (guint i = 0; parts[i]; i++)
      {
        char *colon = strchr (parts[i], ':');
        char *space = strchr (parts[i], ' ');
        char *end = colon ? colon : space;
        g_string_append_printf (names, "%s%.*s", names->len ? ", " : "",
                                end ? (int) (end - parts[i]) : (int) strlen (parts[i]), parts[i]);
      }
    fields = g_string_free (names, FALSE);
  }
  if (!_tsg_store_audit (self, actor, "update", "contact", c->id, fields, error))
    return 0;
  return c->id;
}

/* --- the public API ---------------------------------------------------- */

/**
 * tsg_store_save_contact:
 * @contact: (inout): on success its id is set
 *
 * Inserts (id == 0) or updates a contact in one transaction. An update that
 * changes nothing writes nothing.
 *
 * Returns: the contact's id, 0 with @error set on failure (nothing written).
 */
gint64
tsg_store_save_contact (TsgStore    *self,
                        TsgActor    *actor,
                        TsgContact  *contact,
                        GError     **error)
{
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_WRITE, error) ||
      !tsg_contact_validate (contact, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (contact->id > 0)
    id = update_contact (self, actor, contact, error);
  else
    id = _tsg_store_insert_contact (self, actor, contact, TRUE, error);
  if (id == 0)
    {
      _tsg_store_rollback (self);
      if (contact->id > 0 && error && *error == NULL)
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED, _("The contact was not saved."));
      return 0;
    }
  if (!_tsg_store_commit (self, error))
    return 0;
  return id;
}

TsgContact *
tsg_store_get_contact (TsgStore  *self,
                       TsgActor  *actor,
                       gint64     id,
                       GError   **error)
{
  g_autoptr(TsgContact) contact = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(contact = _tsg_store_read_contact (self, id, error)) ||
      !_tsg_store_audit (self, actor, "view", "contact", id, "", error))
    {
      _tsg_store_rollback (self);
      return NULL;
    }
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&contact);
}

gboolean
tsg_store_delete_contact (TsgStore    *self,
                          TsgActor    *actor,
                          gint64       id,
                          const char  *reason,
                          GError     **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autoptr(TsgContact) old = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_WRITE, error))
    return FALSE;
  if (*why == '\0' || !g_utf8_validate (why, -1, NULL))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("A reason is needed to delete contact %lld."), (long long) id);
      return FALSE;
    }
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!(old = _tsg_store_read_contact (self, id, error)))
    goto fail;
  /* The row stays as a tombstone (for the audit); it leaves the lists, the
   * counters, the search index, repeat-caller matches and reminders. */
  if (!(stmt = _tsg_store_prepare (self, "UPDATE contacts SET deleted_at = ?, delete_reason = ?, updated_at = ?"
                                         " WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, _tsg_store_now ());
  sqlite3_bind_text (stmt, 2, why, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 4, id);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_unindex_text (self, "contacts_fts", id, error))
    goto fail;
  old->case_id = 0;
  if (!write_timeline (self, old, 0, error) ||
      !_tsg_store_audit (self, actor, "delete", "contact", id, why, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

GPtrArray *
tsg_store_contact_history (TsgStore  *self,
                           TsgActor  *actor,
                           gint64     id,
                           GError   **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_contact_version_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_READ, error) ||
      !_tsg_store_begin (self, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT v.version, v.changed_at, coalesce (s.display_name, ''), v.changes"
                                   " FROM contact_versions v LEFT JOIN staff s ON s.id = v.staff_id"
                                   " WHERE v.contact_id = ? ORDER BY v.version", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgContactVersion *v = g_new0 (TsgContactVersion, 1);
      v->version = sqlite3_column_int (stmt, 0);
      v->changed_at = sqlite3_column_int64 (stmt, 1);
      v->staff_name = column_dup (stmt, 2);
      v->changes = column_dup (stmt, 3);
      g_ptr_array_add (versions, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "history");
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, "view_history", "contact", id, "", error))
    goto fail;
  /* A failed commit rolls back by itself. */
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&versions);

fail:
  _tsg_store_rollback (self);
  return NULL;
}

/* --- repeat callers ---------------------------------------------------- */

static gint64
current_case_of (TsgStore *self,
                 gint64    client_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id FROM cases WHERE client_id = ?"
                                   " ORDER BY status = 'closed', opened_at DESC LIMIT 1", NULL)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/**
 * tsg_store_lookup_caller:
 * @info: (out): zeroed when nobody with this number called before
 *
 * Finds earlier contacts with the same keyed hash. A match is audited (it
 * reveals that she called); a miss is not, so the form may look up as the
 * number is typed without flooding the log.
 */
gboolean
tsg_store_lookup_caller (TsgStore       *self,
                         TsgActor       *actor,
                         const char     *phone_number,
                         TsgCallerInfo  *info,
                         GError        **error)
{
  guint8 hash[TSG_CALLER_HASH_BYTES];
  g_autofree char *digits = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_READ, error))
    return FALSE;
  digits = _tsg_caller_number_normalise (phone_number);
  if (*digits == '\0')
    return TRUE;
  sodium_memzero (digits, strlen (digits));
  if (!_tsg_store_caller_hash (self, phone_number, hash, error))
    return FALSE;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT count (*), max (started_at) FROM contacts"
                                   " WHERE caller_hash = ? AND deleted_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->previous_contacts = sqlite3_column_int (stmt, 0);
      info->last_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  /* Her client and case: from her latest linked contact, else from a client
   * record that carries the hash (following merges). */
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT coalesce (k.merged_into, c.client_id), c.case_id FROM contacts c"
                                   " JOIN clients k ON k.id = c.client_id"
                                   " WHERE c.caller_hash = ? AND c.deleted_at IS NULL"
                                   " ORDER BY c.started_at DESC LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->client_id = sqlite3_column_int64 (stmt, 0);
      info->case_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (info->client_id == 0)
    {
      if (!(stmt = _tsg_store_prepare (self,
                                       "SELECT coalesce (merged_into, id) FROM clients WHERE caller_hash = ?"
                                       " ORDER BY updated_at DESC LIMIT 1", error)))
        return FALSE;
      sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        info->client_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (info->client_id > 0 && info->case_id == 0)
    info->case_id = current_case_of (self, info->client_id);

  if (info->previous_contacts == 0 && info->client_id == 0)
    return TRUE;
  detail = g_strdup_printf ("%u previous contacts", info->previous_contacts);
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, "lookup_caller", info->client_id ? "client" : "contact",
                         info->client_id, detail, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

/* --- counters ---------------------------------------------------------- */

gboolean
tsg_store_contact_counters (TsgStore  *self,
                            TsgActor  *actor,
                            gint64     now,
                            guint     *today,
                            guint     *this_month,
                            guint     *this_fiscal_year,
                            GError   **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) day = NULL, next_day = NULL, month = NULL, next_month = NULL;
  gint64 fy_start, fy_end;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_READ, error))
    return FALSE;
  if (now <= 0)
    now = _tsg_store_now ();
  /* Days, months and fiscal years are those of the office's zone. */
  dt = g_date_time_new_from_unix_local (now);
  day = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                               g_date_time_get_day_of_month (dt), 0, 0, 0);
  next_day = g_date_time_add_days (day, 1);
  month = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt), 1, 0, 0, 0);
  next_month = g_date_time_add_months (month, 1);
  tsg_fiscal_year_bounds (tsg_fiscal_year_of (now), &fy_start, &fy_end);

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT coalesce (sum (started_at >= ?1 AND started_at < ?2), 0),"
                                   " coalesce (sum (started_at >= ?3 AND started_at < ?4), 0), count (*)"
                                   " FROM contacts WHERE started_at >= ?5 AND started_at < ?6"
                                   " AND deleted_at IS NULL AND call_type = 'data'", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (day));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (next_day));
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (month));
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (next_month));
  sqlite3_bind_int64 (stmt, 5, fy_start);
  sqlite3_bind_int64 (stmt, 6, fy_end);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tsg_store_set_error (self, error, rc, "counters");
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (today)
    *today = sqlite3_column_int (stmt, 0);
  if (this_month)
    *this_month = sqlite3_column_int (stmt, 1);
  if (this_fiscal_year)
    *this_fiscal_year = sqlite3_column_int (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

/* --- drafts ------------------------------------------------------------ */

static gboolean
check_draft_actor (TsgActor  *actor,
                   GError   **error)
{
  if (actor == NULL || tsg_actor_get_staff_id (actor) <= 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED,
                   _("Drafts belong to a signed-in staff member."));
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_store_save_draft (TsgStore    *self,
                      TsgActor    *actor,
                      const char  *kind,
                      const char  *json,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && json != NULL, FALSE);

  if (!check_draft_actor (actor, error))
    return FALSE;
  /* One statement: atomic on its own, no explicit transaction needed. */
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO drafts (staff_id, kind, data, updated_at) VALUES (?, ?, ?, ?)"
                                   " ON CONFLICT (staff_id, kind) DO UPDATE SET data = excluded.data,"
                                   " updated_at = excluded.updated_at", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tsg_actor_get_staff_id (actor));
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _tsg_store_now ());
  return _tsg_store_step_done (self, stmt, error);
}

char *
tsg_store_load_draft (TsgStore   *self,
                      TsgActor   *actor,
                      const char *kind)
{
  sqlite3_stmt *stmt;
  char *data = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!check_draft_actor (actor, NULL) || kind == NULL)
    return NULL;
  if (!(stmt = _tsg_store_prepare (self, "SELECT data FROM drafts WHERE staff_id = ? AND kind = ?", NULL)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tsg_actor_get_staff_id (actor));
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return data;
}

gboolean
tsg_store_clear_draft (TsgStore    *self,
                       TsgActor    *actor,
                       const char  *kind,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!check_draft_actor (actor, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM drafts WHERE staff_id = ? AND kind = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tsg_actor_get_staff_id (actor));
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  return _tsg_store_step_done (self, stmt, error);
}

/* --- call-back reminders ----------------------------------------------- */

GPtrArray *
tsg_store_due_callbacks (TsgStore  *self,
                         TsgActor  *actor,
                         gint64     now,
                         GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_READ, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id, callback_at, substr (summary, 1, 80) FROM contacts"
                                   " WHERE callback_at IS NOT NULL AND callback_done = 0 AND callback_at <= ?"
                                   " AND deleted_at IS NULL ORDER BY callback_at, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now > 0 ? now : _tsg_store_now ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, 3);
      values[0] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
      values[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, tsg_row_new (sqlite3_column_int64 (stmt, 0), values));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "callbacks");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
tsg_store_mark_callback_done (TsgStore  *self,
                              TsgActor  *actor,
                              gint64     contact_id,
                              GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_CONTACTS_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "UPDATE contacts SET callback_done = 1 WHERE id = ?"
                                         " AND callback_at IS NOT NULL AND deleted_at IS NULL", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Contact %lld has no call-back reminder."), (long long) contact_id);
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, "callback_done", "contact", contact_id, "", error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

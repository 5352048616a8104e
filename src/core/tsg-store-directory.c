/* tsg-store-directory.c: the referral directory (HSDS-shaped tables)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are matched by uid (the HSDS id), so importing the same file twice
 * updates rather than duplicates. Referrals live in tsg-store-referrals.c.
 */
#define G_LOG_DOMAIN "tsg-store-directory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-store-directory.h"
#include "tsg-store-private.h"

#define BIND_TEXT(s, i, v) sqlite3_bind_text ((s), (i), (v), -1, SQLITE_TRANSIENT)

static char *
col_text (sqlite3_stmt *stmt,
          int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? g_strdup (text) : NULL;
}

static gboolean
step_returning_id (TsgStore     *self,
                   sqlite3_stmt *stmt,
                   gint64       *id,
                   GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      _tsg_store_set_error (self, error, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "directory");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* --- writing ---------------------------------------------------------- */

static gboolean
save_term (TsgStore         *self,
           const TsgDirTerm *term,
           GHashTable       *term_ids,
           gint64           *id_out,
           GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 id, parent_id = 0;

  if (term_ids && (id = GPOINTER_TO_SIZE (g_hash_table_lookup (term_ids, term->uid))) != 0)
    {
      if (id_out)
        *id_out = id;
      return TRUE;
    }
  if (term->parent_uid != NULL)
    {
      /* A parent that is not in the file (nor the store) is left unlinked. */
      if (!(stmt = _tsg_store_prepare (self, "SELECT id FROM taxonomy_terms WHERE uid = ?", error)))
        return FALSE;
      BIND_TEXT (stmt, 1, term->parent_uid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        parent_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (!(stmt = _tsg_store_prepare (self,
          "INSERT INTO taxonomy_terms (uid, code, name, description, parent_id, taxonomy) VALUES (?,?,?,?,?,?)"
          " ON CONFLICT (uid) DO UPDATE SET code = excluded.code, name = excluded.name,"
          " description = excluded.description, parent_id = excluded.parent_id, taxonomy = excluded.taxonomy"
          " RETURNING id", error)))
    return FALSE;
  BIND_TEXT (stmt, 1, term->uid);
  BIND_TEXT (stmt, 2, term->code);
  BIND_TEXT (stmt, 3, term->name ? term->name : term->uid);
  BIND_TEXT (stmt, 4, term->description);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 5, parent_id);
  BIND_TEXT (stmt, 6, term->taxonomy);
  if (!step_returning_id (self, stmt, &id, error))
    return FALSE;
  if (term_ids)
    g_hash_table_insert (term_ids, g_strdup (term->uid), GSIZE_TO_POINTER (id));
  if (id_out)
    *id_out = id;
  return TRUE;
}

/* Replaces the phones of one owner (column = organization_id, service_id
 * or location_id). Organization phones are those with no service and no
 * location. */
static gboolean
save_phones (TsgStore   *self,
             const char *column,
             gint64      owner_id,
             GPtrArray  *phones,
             GError    **error)
{
  g_autofree char *del_sql = NULL;
  g_autofree char *ins_sql = NULL;
  sqlite3_stmt *stmt;

  if (g_str_equal (column, "organization_id"))
    del_sql = g_strdup ("DELETE FROM phones WHERE organization_id = ? AND service_id IS NULL AND location_id IS NULL");
  else
    del_sql = g_strdup_printf ("DELETE FROM phones WHERE %s = ?", column);
  if (!(stmt = _tsg_store_prepare (self, del_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;

  ins_sql = g_strdup_printf ("INSERT INTO phones (%s, uid, number, extension, type, description) VALUES (?,?,?,?,?,?)",
                             column);
  for (guint i = 0; i < phones->len; i++)
    {
      const TsgDirPhone *p = g_ptr_array_index (phones, i);

      if (!(stmt = _tsg_store_prepare (self, ins_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner_id);
      BIND_TEXT (stmt, 2, p->uid);
      BIND_TEXT (stmt, 3, p->number);
      BIND_TEXT (stmt, 4, p->extension);
      BIND_TEXT (stmt, 5, p->type);
      BIND_TEXT (stmt, 6, p->description);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_schedules (TsgStore   *self,
                const char *column,
                gint64      owner_id,
                GPtrArray  *schedules,
                GError    **error)
{
  g_autofree char *del_sql = g_strdup_printf ("DELETE FROM schedules WHERE %s = ?", column);
  g_autofree char *ins_sql = g_strdup_printf ("INSERT INTO schedules (%s, uid, freq, byday, opens_at, closes_at,"
                                              " valid_from, valid_to, description, notes) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                              column);
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self, del_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    {
      const TsgDirSchedule *s = g_ptr_array_index (schedules, i);

      if (!(stmt = _tsg_store_prepare (self, ins_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner_id);
      BIND_TEXT (stmt, 2, s->uid);
      BIND_TEXT (stmt, 3, s->freq);
      BIND_TEXT (stmt, 4, s->byday);
      BIND_TEXT (stmt, 5, s->opens_at);
      BIND_TEXT (stmt, 6, s->closes_at);
      BIND_TEXT (stmt, 7, s->valid_from);
      BIND_TEXT (stmt, 8, s->valid_to);
      BIND_TEXT (stmt, 9, s->description);
      BIND_TEXT (stmt, 10, s->notes);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_location (TsgStore             *self,
               gint64                org_id,
               const TsgDirLocation *loc,
               gint64               *id_out,
               GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  /* confidential only ever goes up: an outside file never unmarks a shelter */
  if (!(stmt = _tsg_store_prepare (self,
          "INSERT INTO locations (uid, organization_id, name, alternate_name, description, location_type,"
          " transportation, url, latitude, longitude, confidential) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
          " ON CONFLICT (uid) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name,"
          " alternate_name = excluded.alternate_name, description = excluded.description,"
          " location_type = excluded.location_type, transportation = excluded.transportation, url = excluded.url,"
          " latitude = excluded.latitude, longitude = excluded.longitude,"
          " confidential = max (confidential, excluded.confidential)"
          " RETURNING id", error)))
    return FALSE;
  BIND_TEXT (stmt, 1, loc->uid);
  sqlite3_bind_int64 (stmt, 2, org_id);
  BIND_TEXT (stmt, 3, loc->name);
  BIND_TEXT (stmt, 4, loc->alternate_name);
  BIND_TEXT (stmt, 5, loc->description);
  BIND_TEXT (stmt, 6, loc->location_type ? loc->location_type : "physical");
  BIND_TEXT (stmt, 7, loc->transportation);
  BIND_TEXT (stmt, 8, loc->url);
  if (loc->has_coordinates)
    {
      sqlite3_bind_double (stmt, 9, loc->latitude);
      sqlite3_bind_double (stmt, 10, loc->longitude);
    }
  sqlite3_bind_int (stmt, 11, loc->confidential ? 1 : 0);
  if (!step_returning_id (self, stmt, &id, error))
    return FALSE;

  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM addresses WHERE location_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < loc->addresses->len; i++)
    {
      const TsgDirAddress *a = g_ptr_array_index (loc->addresses, i);

      if (!(stmt = _tsg_store_prepare (self,
              "INSERT INTO addresses (location_id, uid, attention, address_1, address_2, city, region,"
              " state_province, postal_code, country, address_type) VALUES (?,?,?,?,?,?,?,?,?,?,?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      BIND_TEXT (stmt, 2, a->uid);
      BIND_TEXT (stmt, 3, a->attention);
      BIND_TEXT (stmt, 4, a->address_1 ? a->address_1 : "");
      BIND_TEXT (stmt, 5, a->address_2);
      BIND_TEXT (stmt, 6, a->city ? a->city : "");
      BIND_TEXT (stmt, 7, a->region);
      BIND_TEXT (stmt, 8, a->state_province ? a->state_province : "");
      BIND_TEXT (stmt, 9, a->postal_code ? a->postal_code : "");
      BIND_TEXT (stmt, 10, a->country ? a->country : "JP");
      BIND_TEXT (stmt, 11, a->address_type ? a->address_type : "physical");
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (!save_phones (self, "location_id", id, loc->phones, error) ||
      !save_schedules (self, "location_id", id, loc->schedules, error))
    return FALSE;
  *id_out = id;
  return TRUE;
}

static gint64
lookup_location (TsgStore   *self,
                 GHashTable *location_ids,
                 const char *uid)
{
  sqlite3_stmt *stmt;
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (location_ids, uid));

  if (id != 0 || !(stmt = _tsg_store_prepare (self, "SELECT id FROM locations WHERE uid = ?", NULL)))
    return id;
  BIND_TEXT (stmt, 1, uid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The folded search text of a service: names, description, eligibility,
 * the cities it is given in and its categories. */
static gboolean
index_service (TsgStore                 *self,
               gint64                    service_id,
               const TsgDirOrganization *org,
               const TsgDirService      *svc,
               GError                  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt;
  const char *parts[] = { org->name, org->alternate_name, svc->name, svc->alternate_name,
                          svc->description, svc->eligibility, svc->application_process };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i])
      g_string_append_printf (text, "%s ", parts[i]);
  if (!(stmt = _tsg_store_prepare (self,
          "SELECT a.state_province || a.city FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
          " JOIN addresses a ON a.location_id = l.id WHERE sl.service_id = ? AND l.confidential = 0"
          " UNION ALL SELECT t.name FROM service_taxonomy st JOIN taxonomy_terms t ON t.id = st.term_id"
          " WHERE st.service_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_int64 (stmt, 2, service_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s ", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return _tsg_store_index_text (self, "directory_fts", service_id, text->str, error);
}

static gboolean
save_service (TsgStore                 *self,
              gint64                    org_id,
              const TsgDirOrganization *org,
              const TsgDirService      *svc,
              GHashTable               *location_ids,
              GHashTable               *term_ids,
              GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _tsg_store_prepare (self,
          "INSERT INTO services (uid, organization_id, name, alternate_name, description, url, email, status,"
          " eligibility, fees, languages, application_process, verified_on, verified_by, updated_at)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
          " ON CONFLICT (uid) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name,"
          " alternate_name = excluded.alternate_name, description = excluded.description, url = excluded.url,"
          " email = excluded.email, status = excluded.status, eligibility = excluded.eligibility,"
          " fees = excluded.fees, languages = excluded.languages,"
          " application_process = excluded.application_process, verified_on = excluded.verified_on,"
          " verified_by = excluded.verified_by, updated_at = excluded.updated_at"
          " RETURNING id", error)))
    return FALSE;
  BIND_TEXT (stmt, 1, svc->uid);
  sqlite3_bind_int64 (stmt, 2, org_id);
  BIND_TEXT (stmt, 3, svc->name);
  BIND_TEXT (stmt, 4, svc->alternate_name);
  BIND_TEXT (stmt, 5, svc->description);
  BIND_TEXT (stmt, 6, svc->url);
  BIND_TEXT (stmt, 7, svc->email);
  BIND_TEXT (stmt, 8, svc->status ? svc->status : "active");
  BIND_TEXT (stmt, 9, svc->eligibility);
  BIND_TEXT (stmt, 10, svc->fees);
  BIND_TEXT (stmt, 11, svc->languages);
  BIND_TEXT (stmt, 12, svc->application_process);
  BIND_TEXT (stmt, 13, svc->verified_on);
  BIND_TEXT (stmt, 14, svc->verified_by);
  sqlite3_bind_int64 (stmt, 15, _tsg_store_now ());
  if (!step_returning_id (self, stmt, &id, error))
    return FALSE;
  if (!save_phones (self, "service_id", id, svc->phones, error) ||
      !save_schedules (self, "service_id", id, svc->schedules, error))
    return FALSE;

  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM service_taxonomy WHERE service_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < svc->terms->len; i++)
    {
      gint64 term_id;

      if (!save_term (self, g_ptr_array_index (svc->terms, i), term_ids, &term_id, error) ||
          !(stmt = _tsg_store_prepare (self, "INSERT OR IGNORE INTO service_taxonomy (service_id, term_id) VALUES (?,?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, term_id);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* Links to confidential locations are kept: the file never had them. */
  if (!(stmt = _tsg_store_prepare (self,
          "DELETE FROM service_at_location WHERE service_id = ?"
          " AND location_id NOT IN (SELECT id FROM locations WHERE confidential = 1)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < svc->location_uids->len; i++)
    {
      const char *uid = g_ptr_array_index (svc->location_uids, i);
      gint64 loc_id = lookup_location (self, location_ids, uid);

      if (loc_id == 0)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("Service “%s” is given at location %s, which is neither in the file nor in the directory."),
                       svc->name, uid);
          return FALSE;
        }
      if (!(stmt = _tsg_store_prepare (self, "INSERT OR IGNORE INTO service_at_location (service_id, location_id) VALUES (?,?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, loc_id);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return index_service (self, id, org, svc, error);
}

static gboolean
save_organization (TsgStore                 *self,
                   const TsgDirOrganization *org,
                   GHashTable               *term_ids,
                   TsgDirectoryCounts       *counts,
                   GError                  **error)
{
  g_autoptr(GHashTable) location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gint64 id;

  /* A record that only names its organization (a service list): the
   * organization must already be in the directory, and is left as it is. */
  if (org->name == NULL)
    {
      if (!(stmt = _tsg_store_prepare (self, "SELECT id FROM organizations WHERE uid = ?", error)))
        return FALSE;
      BIND_TEXT (stmt, 1, org->uid);
      id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (id == 0)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("Organization %s is named by a service but is neither in the file nor in the directory."),
                       org->uid);
          return FALSE;
        }
      goto children;
    }
  if (!(stmt = _tsg_store_prepare (self,
          "INSERT INTO organizations (uid, name, alternate_name, description, email, website, category,"
          " verified_on, verified_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
          " ON CONFLICT (uid) DO UPDATE SET name = excluded.name, alternate_name = excluded.alternate_name,"
          " description = excluded.description, email = excluded.email, website = excluded.website,"
          " category = coalesce (excluded.category, category), verified_on = excluded.verified_on,"
          " verified_by = excluded.verified_by, updated_at = excluded.updated_at"
          " RETURNING id", error)))
    return FALSE;
  BIND_TEXT (stmt, 1, org->uid);
  BIND_TEXT (stmt, 2, org->name);
  BIND_TEXT (stmt, 3, org->alternate_name);
  BIND_TEXT (stmt, 4, org->description);
  BIND_TEXT (stmt, 5, org->email);
  BIND_TEXT (stmt, 6, org->website);
  BIND_TEXT (stmt, 7, org->category);
  BIND_TEXT (stmt, 8, org->verified_on);
  BIND_TEXT (stmt, 9, org->verified_by);
  sqlite3_bind_int64 (stmt, 10, _tsg_store_now ());
  if (!step_returning_id (self, stmt, &id, error) ||
      !save_phones (self, "organization_id", id, org->phones, error))
    return FALSE;
  counts->organizations++;

children:
  for (guint i = 0; i < org->locations->len; i++)
    {
      const TsgDirLocation *loc = g_ptr_array_index (org->locations, i);
      gint64 loc_id;

      if (!save_location (self, id, loc, &loc_id, error))
        return FALSE;
      g_hash_table_insert (location_ids, g_strdup (loc->uid), GSIZE_TO_POINTER (loc_id));
      counts->locations++;
    }
  for (guint i = 0; i < org->services->len; i++)
    {
      if (!save_service (self, id, org, g_ptr_array_index (org->services, i), location_ids, term_ids, error))
        return FALSE;
      counts->services++;
    }
  return TRUE;
}

gboolean
tsg_store_save_directory (TsgStore            *self,
                          TsgActor            *actor,
                          GPtrArray           *organizations,
                          GPtrArray           *terms,
                          TsgDirectoryCounts  *counts,
                          GError             **error)
{
  g_autoptr(GHashTable) term_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *detail = NULL;
  TsgDirectoryCounts local = { 0 };

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (organizations != NULL, FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; terms && i < terms->len; i++)
    {
      if (!save_term (self, g_ptr_array_index (terms, i), term_ids, NULL, error))
        goto fail;
    }
  for (guint i = 0; i < organizations->len; i++)
    if (!save_organization (self, g_ptr_array_index (organizations, i), term_ids, &local, error))
      goto fail;
  local.terms = g_hash_table_size (term_ids);
  detail = g_strdup_printf ("organizations=%u services=%u locations=%u terms=%u",
                            local.organizations, local.services, local.locations, local.terms);
  if (!_tsg_store_audit (self, actor, "import", "directory", 0, detail, error))
    goto fail;
  if (!_tsg_store_commit (self, error))
    return FALSE;
  if (counts)
    *counts = local;
  return TRUE;

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

/* --- reading ---------------------------------------------------------- */

static gboolean
load_phones (TsgStore   *self,
             const char *where,
             gint64      owner_id,
             GPtrArray  *out,
             GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT uid, number, extension, type, description FROM phones"
                                          " WHERE %s ORDER BY id", where);
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirPhone *p = tsg_dir_phone_new ();
      p->uid = col_text (stmt, 0);
      p->number = col_text (stmt, 1);
      p->extension = col_text (stmt, 2);
      p->type = col_text (stmt, 3);
      p->description = col_text (stmt, 4);
      g_ptr_array_add (out, p);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_schedules (TsgStore   *self,
                const char *column,
                gint64      owner_id,
                GPtrArray  *out,
                GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT uid, freq, byday, opens_at, closes_at, valid_from, valid_to,"
                                          " description, notes FROM schedules WHERE %s = ? ORDER BY id", column);
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirSchedule *s = tsg_dir_schedule_new ();
      s->uid = col_text (stmt, 0);
      s->freq = col_text (stmt, 1);
      s->byday = col_text (stmt, 2);
      s->opens_at = col_text (stmt, 3);
      s->closes_at = col_text (stmt, 4);
      s->valid_from = col_text (stmt, 5);
      s->valid_to = col_text (stmt, 6);
      s->description = col_text (stmt, 7);
      s->notes = col_text (stmt, 8);
      g_ptr_array_add (out, s);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static TsgDirLocation *
read_location (TsgStore      *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(TsgDirLocation) loc = tsg_dir_location_new ();
  gint64 id = sqlite3_column_int64 (stmt, 0);
  sqlite3_stmt *adr;

  loc->uid = col_text (stmt, 1);
  loc->name = col_text (stmt, 2);
  loc->alternate_name = col_text (stmt, 3);
  loc->description = col_text (stmt, 4);
  loc->location_type = col_text (stmt, 5);
  loc->transportation = col_text (stmt, 6);
  loc->url = col_text (stmt, 7);
  loc->has_coordinates = sqlite3_column_type (stmt, 8) != SQLITE_NULL && sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  loc->latitude = sqlite3_column_double (stmt, 8);
  loc->longitude = sqlite3_column_double (stmt, 9);
  loc->confidential = sqlite3_column_int (stmt, 10) != 0;

  if (!(adr = _tsg_store_prepare (self,
          "SELECT uid, attention, address_1, address_2, city, region, state_province, postal_code, country,"
          " address_type FROM addresses WHERE location_id = ? ORDER BY id", error)))
    return NULL;
  sqlite3_bind_int64 (adr, 1, id);
  while (sqlite3_step (adr) == SQLITE_ROW)
    {
      TsgDirAddress *a = tsg_dir_address_new ();
      a->uid = col_text (adr, 0);
      a->attention = col_text (adr, 1);
      a->address_1 = col_text (adr, 2);
      a->address_2 = col_text (adr, 3);
      a->city = col_text (adr, 4);
      a->region = col_text (adr, 5);
      a->state_province = col_text (adr, 6);
      a->postal_code = col_text (adr, 7);
      a->country = col_text (adr, 8);
      a->address_type = col_text (adr, 9);
      g_ptr_array_add (loc->addresses, a);
    }
  sqlite3_reset (adr);
  if (!load_phones (self, "location_id = ?", id, loc->phones, error) ||
      !load_schedules (self, "location_id", id, loc->schedules, error))
    return NULL;
  return g_steal_pointer (&loc);
}

#define LOCATION_COLUMNS \
  "l.id, l.uid, l.name, l.alternate_name, l.description, l.location_type, l.transportation, l.url," \
  " l.latitude, l.longitude, l.confidential"

static gboolean
load_org_locations (TsgStore           *self,
                    TsgDirOrganization *org,
                    gboolean            include_confidential,
                    GError            **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT " LOCATION_COLUMNS " FROM locations l WHERE l.organization_id = ? AND (l.confidential = 0 OR ?)"
    " ORDER BY l.uid", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org->id);
  sqlite3_bind_int (stmt, 2, include_confidential);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirLocation *loc = read_location (self, stmt, error);
      if (loc == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_ptr_array_add (org->locations, loc);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_service_links (TsgStore      *self,
                    TsgDirService *svc,
                    gboolean       include_confidential,
                    GError       **error)
{
  sqlite3_stmt *stmt;

  if (!load_phones (self, "service_id = ?", svc->id, svc->phones, error) ||
      !load_schedules (self, "service_id", svc->id, svc->schedules, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self,
          "SELECT t.uid, t.code, t.name, t.description, p.uid, t.taxonomy FROM service_taxonomy st"
          " JOIN taxonomy_terms t ON t.id = st.term_id LEFT JOIN taxonomy_terms p ON p.id = t.parent_id"
          " WHERE st.service_id = ? ORDER BY t.uid", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, svc->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirTerm *t = tsg_dir_term_new ();
      t->uid = col_text (stmt, 0);
      t->code = col_text (stmt, 1);
      t->name = col_text (stmt, 2);
      t->description = col_text (stmt, 3);
      t->parent_uid = col_text (stmt, 4);
      t->taxonomy = col_text (stmt, 5);
      g_ptr_array_add (svc->terms, t);
    }
  sqlite3_reset (stmt);
  if (!(stmt = _tsg_store_prepare (self,
          "SELECT l.uid FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
          " WHERE sl.service_id = ? AND (l.confidential = 0 OR ?) ORDER BY l.uid", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, svc->id);
  sqlite3_bind_int (stmt, 2, include_confidential);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (svc->location_uids, col_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

#define SERVICE_COLUMNS \
  "s.id, s.uid, s.name, s.alternate_name, s.description, s.url, s.email, s.status, s.eligibility, s.fees," \
  " s.languages, s.application_process, s.verified_on, s.verified_by"

static TsgDirService *
read_service (sqlite3_stmt *stmt)
{
  TsgDirService *svc = tsg_dir_service_new ();

  svc->id = sqlite3_column_int64 (stmt, 0);
  svc->uid = col_text (stmt, 1);
  svc->name = col_text (stmt, 2);
  svc->alternate_name = col_text (stmt, 3);
  svc->description = col_text (stmt, 4);
  svc->url = col_text (stmt, 5);
  svc->email = col_text (stmt, 6);
  svc->status = col_text (stmt, 7);
  svc->eligibility = col_text (stmt, 8);
  svc->fees = col_text (stmt, 9);
  svc->languages = col_text (stmt, 10);
  svc->application_process = col_text (stmt, 11);
  svc->verified_on = col_text (stmt, 12);
  svc->verified_by = col_text (stmt, 13);
  return svc;
}

#define ORG_COLUMNS \
  "o.id, o.uid, o.name, o.alternate_name, o.description, o.email, o.website, o.category, o.verified_on, o.verified_by"

static TsgDirOrganization *
read_organization (sqlite3_stmt *stmt)
{
  TsgDirOrganization *org = tsg_dir_organization_new ();

  org->id = sqlite3_column_int64 (stmt, 0);
  org->uid = col_text (stmt, 1);
  org->name = col_text (stmt, 2);
  org->alternate_name = col_text (stmt, 3);
  org->description = col_text (stmt, 4);
  org->email = col_text (stmt, 5);
  org->website = col_text (stmt, 6);
  org->category = col_text (stmt, 7);
  org->verified_on = col_text (stmt, 8);
  org->verified_by = col_text (stmt, 9);
  return org;
}

static gboolean
load_org_services (TsgStore           *self,
                   TsgDirOrganization *org,
                   gboolean            include_confidential,
                   GError            **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT " SERVICE_COLUMNS " FROM services s WHERE s.organization_id = ? ORDER BY s.uid", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (org->services, read_service (stmt));
  sqlite3_reset (stmt);
  for (guint i = 0; i < org->services->len; i++)
    if (!load_service_links (self, g_ptr_array_index (org->services, i), include_confidential, error))
      return FALSE;
  return TRUE;
}

GPtrArray *
tsg_store_load_directory (TsgStore  *self,
                          TsgActor  *actor,
                          gboolean   include_confidential,
                          GError   **error)
{
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_organization_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self, "SELECT " ORG_COLUMNS " FROM organizations o ORDER BY o.uid", error)))
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (orgs, read_organization (stmt));
  sqlite3_reset (stmt);
  for (guint i = 0; i < orgs->len; i++)
    {
      TsgDirOrganization *org = g_ptr_array_index (orgs, i);

      if (!load_phones (self, "organization_id = ? AND service_id IS NULL AND location_id IS NULL",
                        org->id, org->phones, error) ||
          !load_org_locations (self, org, include_confidential, error) ||
          !load_org_services (self, org, include_confidential, error))
        return NULL;
    }
  return g_steal_pointer (&orgs);
}

GPtrArray *
tsg_store_load_taxonomy (TsgStore  *self,
                         TsgActor  *actor,
                         GError   **error)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_term_free);
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
          "SELECT t.uid, t.code, t.name, t.description, p.uid, t.taxonomy FROM taxonomy_terms t"
          " LEFT JOIN taxonomy_terms p ON p.id = t.parent_id ORDER BY t.uid", error)))
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirTerm *t = tsg_dir_term_new ();
      t->uid = col_text (stmt, 0);
      t->code = col_text (stmt, 1);
      t->name = col_text (stmt, 2);
      t->description = col_text (stmt, 3);
      t->parent_uid = col_text (stmt, 4);
      t->taxonomy = col_text (stmt, 5);
      g_ptr_array_add (terms, t);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&terms);
}

TsgDirOrganization *
tsg_store_get_service (TsgStore  *self,
                       TsgActor  *actor,
                       gint64     service_id,
                       GError   **error)
{
  g_autoptr(TsgDirOrganization) org = NULL;
  TsgDirService *svc;
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
          "SELECT " ORG_COLUMNS ", " SERVICE_COLUMNS " FROM services s JOIN organizations o ON o.id = s.organization_id"
          " WHERE s.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Service %lld is not in the directory."), (long long) service_id);
      return NULL;
    }
  org = read_organization (stmt);
  {
    /* the service columns follow the ten organization columns */
    svc = tsg_dir_service_new ();
    svc->id = sqlite3_column_int64 (stmt, 10);
    svc->uid = col_text (stmt, 11);
    svc->name = col_text (stmt, 12);
    svc->alternate_name = col_text (stmt, 13);
    svc->description = col_text (stmt, 14);
    svc->url = col_text (stmt, 15);
    svc->email = col_text (stmt, 16);
    svc->status = col_text (stmt, 17);
    svc->eligibility = col_text (stmt, 18);
    svc->fees = col_text (stmt, 19);
    svc->languages = col_text (stmt, 20);
    svc->application_process = col_text (stmt, 21);
    svc->verified_on = col_text (stmt, 22);
    svc->verified_by = col_text (stmt, 23);
  }
  sqlite3_reset (stmt);
  g_ptr_array_add (org->services, svc);
  if (!load_phones (self, "organization_id = ? AND service_id IS NULL AND location_id IS NULL",
                    org->id, org->phones, error) ||
      !load_service_links (self, svc, TRUE, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
          "SELECT " LOCATION_COLUMNS " FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
          " WHERE sl.service_id = ? ORDER BY l.confidential, l.uid", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgDirLocation *loc = read_location (self, stmt, error);
      if (loc == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (org->locations, loc);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&org);
}

GStrv
tsg_store_directory_municipalities (TsgStore  *self,
                                    TsgActor  *actor,
                                    GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
          "SELECT DISTINCT a.city FROM addresses a JOIN locations l ON l.id = a.location_id"
          " JOIN service_at_location sl ON sl.location_id = l.id"
          " WHERE l.confidential = 0 AND a.city <> '' ORDER BY a.city", error)))
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

gboolean
tsg_store_verify_service (TsgStore    *self,
                          TsgActor    *actor,
                          gint64       service_id,
                          const char  *verified_by,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self,
          "UPDATE services SET verified_on = date ('now', 'localtime'), verified_by = ?, updated_at = ?"
          " WHERE id = ?", error)))
    goto fail;
  BIND_TEXT (stmt, 1, verified_by ? verified_by : tsg_actor_get_name (actor));
  sqlite3_bind_int64 (stmt, 2, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, 3, service_id);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "verify", "service", service_id, "", error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

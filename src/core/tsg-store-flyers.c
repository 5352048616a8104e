/* tsg-store-flyers.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store-flyers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tsg-store-flyers.h"
#include "tsg-store-private.h"

/* Opening hours as printed: "月〜金 8:30–17:15" from the weekly schedule. */
static char *
format_hours (const char *byday,
              const char *opens,
              const char *closes)
{
  static const struct { const char *code; const char *kanji; } days[] = {
    { "MO", "月" }, { "TU", "火" }, { "WE", "水" }, { "TH", "木" }, { "FR", "金" }, { "SA", "土" }, { "SU", "日" },
  };
  GString *s = g_string_new (NULL);
  g_auto(GStrv) parts = g_strsplit (byday ? byday : "", ",", -1);
  int first = -1, last = -1;
  gboolean contiguous = TRUE;

  for (guint i = 0; parts[i]; i++)
    for (int d = 0; d < 7; d++)
      if (g_str_equal (g_strstrip (parts[i]), days[d].code))
        {
          if (first < 0)
            first = d;
          else if (d != last + 1)
            contiguous = FALSE;
          last = d;
        }
  if (first >= 0 && contiguous && last - first >= 2)
    g_string_append_printf (s, "%s〜%s", days[first].kanji, days[last].kanji);
  else
    for (guint i = 0; parts[i]; i++)
      for (int d = 0; d < 7; d++)
        if (g_str_equal (parts[i], days[d].code))
          g_string_append (s, days[d].kanji);
  if (opens && closes && *opens && *closes)
    {
      if (g_str_equal (opens, "00:00") && g_str_equal (closes, "24:00"))
        g_string_append (s, s->len ? " 24時間" : "24時間");
      else
        g_string_append_printf (s, "%s%s–%s", s->len ? " " : "", opens, closes);
    }
  return g_string_free (s, FALSE);
}

static gboolean
add_services (TsgStore     *self,
              TsgFlyerSpec *spec,
              const gint64 *ids,
              guint         n_ids,
              GError      **error)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *last_category = NULL;
  guint in_category = 0;
  sqlite3_stmt *stmt;
  int rc;
  /* Confidential locations (shelters) never leave the office. */
  const char *sql =
    "SELECT o.category, o.name, s.name,"
    " (SELECT number FROM phones WHERE service_id = s.id ORDER BY id LIMIT 1),"
    " (SELECT byday FROM schedules WHERE service_id = s.id ORDER BY id LIMIT 1),"
    " (SELECT opens_at FROM schedules WHERE service_id = s.id ORDER BY id LIMIT 1),"
    " (SELECT closes_at FROM schedules WHERE service_id = s.id ORDER BY id LIMIT 1)"
    " FROM services s JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.status = 'active'"
    " AND NOT EXISTS (SELECT 1 FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
    "                 WHERE sl.service_id = s.id AND l.confidential = 1)"
    " AND (?1 = '[]' OR s.id IN (SELECT value FROM json_each (?1)))"
    " AND (?1 <> '[]' OR EXISTS (SELECT 1 FROM phones WHERE service_id = s.id))"
    " ORDER BY o.category, o.name, s.name";

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *category = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *hours = format_hours ((const char *) sqlite3_column_text (stmt, 4),
                                             (const char *) sqlite3_column_text (stmt, 5),
                                             (const char *) sqlite3_column_text (stmt, 6));
      /* Without a choice, one help window per need keeps the flyer to one page. */
      if (n_ids == 0 && g_strcmp0 (category, last_category) == 0 && ++in_category > 1)
        continue;
      if (g_strcmp0 (category, last_category) != 0)
        {
          g_free (last_category);
          last_category = g_strdup (category);
          in_category = 1;
        }
      tsg_flyer_spec_add_service (spec,
                                  category,
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2),
                                  (const char *) sqlite3_column_text (stmt, 3),
                                  hours);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "flyer services");
      return FALSE;
    }
  return TRUE;
}

TsgFlyerSpec *
tsg_store_flyer_spec (TsgStore         *self,
                      TsgActor         *actor,
                      TsgFlyerTemplate  template,
                      const gint64     *service_ids,
                      guint             n_services,
                      gint64            point_id,
                      GError          **error)
{
  g_autoptr(TsgFlyerSpec) spec = tsg_flyer_spec_new (template);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error))
    return NULL;
  spec->office_name = tsg_store_get_setting (self, "office_name");
  spec->free_dial = tsg_store_get_setting (self, "free_dial");
  spec->line_id = tsg_store_get_setting (self, "line_id");
  spec->line_url = tsg_store_get_setting (self, "line_url");
  spec->office_hours = tsg_store_get_setting (self, "office_hours");
  if (spec->office_name == NULL)
    spec->office_name = g_strdup ("");
  if (point_id > 0)
    {
      sqlite3_stmt *stmt = _tsg_store_prepare (self, "SELECT name FROM distribution_points WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, point_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        spec->point_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (template == TSG_FLYER_A4 && !add_services (self, spec, service_ids, n_services, error))
    return NULL;
  return g_steal_pointer (&spec);
}

gint64
tsg_store_find_point (TsgStore   *self,
                      TsgActor   *actor,
                      const char *id_or_code,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error))
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id FROM distribution_points WHERE code = ?1 OR CAST (id AS TEXT) = ?1",
                                   error)))
    return 0;
  sqlite3_bind_text (stmt, 1, id_or_code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("There is no distribution point “%s” (give its number or its code)."), id_or_code);
  return id;
}

/* Short codes people can read out on the phone: no 0/O, 1/I. */
static char *
new_code (void)
{
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  char code[7] = "F";

  for (int i = 1; i < 6; i++)
    code[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
  return g_strdup (code);
}

char *
tsg_store_create_print_run (TsgStore         *self,
                            TsgActor         *actor,
                            gint64            point_id,
                            TsgFlyerTemplate  template,
                            guint             quantity,
                            GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error))
    return NULL;
  if (quantity == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The number of copies must be 1 or more."));
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO print_runs (code, point_id, template, quantity, printed_on, staff_id, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    goto fail;
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *code = new_code ();
      int rc;

      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      if (point_id > 0)
        sqlite3_bind_int64 (stmt, 2, point_id);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, tsg_flyer_template_to_id (template), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) quantity);
      sqlite3_bind_text (stmt, 5, today, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, tsg_actor_get_staff_id (actor));
      sqlite3_bind_int64 (stmt, 7, _tsg_store_now ());
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          detail = g_strdup_printf ("%s %s x%u", code, tsg_flyer_template_to_id (template), quantity);
          if (!_tsg_store_audit (self, actor, "create", "print_run",
                                 sqlite3_last_insert_rowid (self->db), detail, error) ||
              !_tsg_store_commit (self, error))
            goto fail;
          return g_steal_pointer (&code);
        }
      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        {
          _tsg_store_set_error (self, error, rc, "print run");
          goto fail;
        }
      /* a code already used (or an unknown point): try again, then report */
    }
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("The print run could not be recorded: the distribution point does not exist."));
fail:
  _tsg_store_rollback (self);
  return NULL;
}

gint64
tsg_store_point_for_code (TsgStore   *self,
                          const char *code)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (code == NULL || *code == '\0')
    return 0;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id FROM distribution_points WHERE code = ?1"
                                   " UNION ALL SELECT point_id FROM print_runs WHERE code = ?1 AND point_id IS NOT NULL"
                                   " LIMIT 1", NULL)))
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static GPtrArray *
list_rows (TsgStore   *self,
           const char *sql,
           GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc, n;

  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    return NULL;
  n = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, n);
      for (int c = 1; c < n; c++)
        values[c - 1] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows, tsg_row_new (sqlite3_column_int64 (stmt, 0), values));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "flyer choices");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
tsg_store_list_flyer_points (TsgStore  *self,
                             TsgActor  *actor,
                             GError   **error)
{
  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error))
    return NULL;
  return list_rows (self,
                    "SELECT id, code, name FROM distribution_points"
                    " WHERE active = 1 AND is_office = 0 ORDER BY name", error);
}

GPtrArray *
tsg_store_list_flyer_services (TsgStore  *self,
                               TsgActor  *actor,
                               GError   **error)
{
  if (!_tsg_store_require (self, actor, TSG_PERM_DIRECTORY_READ, error))
    return NULL;
  return list_rows (self,
                    "SELECT s.id, coalesce (o.category, ''), o.name, s.name"
                    " FROM services s JOIN organizations o ON o.id = s.organization_id"
                    " WHERE s.status = 'active'"
                    " AND NOT EXISTS (SELECT 1 FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
                    "                 WHERE sl.service_id = s.id AND l.confidential = 1)"
                    " ORDER BY o.category, o.name, s.name", error);
}

/* tsg-store-audit.c: reading the audit log
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-store-audit.h"
#include "tsg-store-private.h"

/* WHERE clause and its bindings for @query (values bound in order). */
static void
build_where (const TsgAuditQuery *query,
             GString             *sql,
             GPtrArray           *texts,
             GArray              *ints,
             GString             *kinds)
{
  g_string_append (sql, " WHERE 1");
  if (query == NULL)
    return;
  if (query->staff_id > 0)
    {
      g_string_append (sql, " AND a.staff_id = ?");
      g_string_append_c (kinds, 'i');
      g_array_append_val (ints, query->staff_id);
    }
  else if (query->staff_id < 0)
    g_string_append (sql, " AND a.staff_id IS NULL");
  if (query->record_kind && *query->record_kind)
    {
      g_string_append (sql, " AND a.record_kind = ?");
      g_string_append_c (kinds, 't');
      g_ptr_array_add (texts, query->record_kind);
    }
  if (query->action && *query->action)
    {
      g_string_append (sql, " AND a.action = ?");
      g_string_append_c (kinds, 't');
      g_ptr_array_add (texts, query->action);
    }
  if (query->from > 0)
    {
      g_string_append (sql, " AND a.at >= ?");
      g_string_append_c (kinds, 'i');
      g_array_append_val (ints, query->from);
    }
  if (query->to > 0)
    {
      g_string_append (sql, " AND a.at < ?");
      g_string_append_c (kinds, 'i');
      g_array_append_val (ints, query->to);
    }
}

static void
bind_where (sqlite3_stmt *stmt,
            GPtrArray    *texts,
            GArray       *ints,
            GString      *kinds)
{
  guint t = 0, i = 0;

  for (gsize k = 0; k < kinds->len; k++)
    {
      if (kinds->str[k] == 't')
        sqlite3_bind_text (stmt, (int) k + 1, g_ptr_array_index (texts, t++), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, (int) k + 1, g_array_index (ints, gint64, i++));
    }
}

static char *
describe_query (const TsgAuditQuery *query)
{
  if (query == NULL)
    return g_strdup ("");
  return g_strdup_printf ("staff=%" G_GINT64_FORMAT " kind=%s action=%s from=%" G_GINT64_FORMAT " to=%" G_GINT64_FORMAT,
                          query->staff_id, query->record_kind ? query->record_kind : "",
                          query->action ? query->action : "", query->from, query->to);
}

GPtrArray *
tsg_store_list_audit (TsgStore            *self,
                      TsgActor            *actor,
                      const TsgAuditQuery *query,
                      guint                offset,
                      guint                limit,
                      gint64              *total,
                      GError             **error)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) ints = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_AUDIT_READ, error))
    return NULL;
  /* Who looked at the log is in the log. */
  if (offset == 0)
    {
      g_autofree char *detail = describe_query (query);

      if (!_tsg_store_begin (self, error))
        return NULL;
      if (!_tsg_store_audit (self, actor, "view", "audit_log", 0, detail, error))
        {
          _tsg_store_rollback (self);
          return NULL;
        }
      if (!_tsg_store_commit (self, error))
        return NULL;
    }

  build_where (query, where, texts, ints, kinds);
  if (total != NULL)
    {
      count_sql = g_strconcat ("SELECT count(*) FROM audit_log a", where->str, NULL);
      if (!(stmt = _tsg_store_prepare (self, count_sql, error)))
        return NULL;
      bind_where (stmt, texts, ints, kinds);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  sql = g_strdup_printf ("SELECT a.id, a.at, coalesce (s.display_name, ''), a.action, a.record_kind,"
                         " coalesce (a.record_id, 0), a.detail, coalesce (a.staff_id, 0)"
                         " FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id%s"
                         " ORDER BY a.id DESC LIMIT %u OFFSET %u", where->str, limit, offset);
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    return NULL;
  bind_where (stmt, texts, ints, kinds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, TSG_AUDIT_N_COLS + 1);

      for (int c = 0; c < TSG_AUDIT_N_COLS; c++)
        values[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c + 1));
      g_ptr_array_add (rows, tsg_row_new (sqlite3_column_int64 (stmt, 0), values));
    }
  sqlite3_reset (stmt);
  /* Statements built for one query are not worth keeping. */
  g_hash_table_remove (self->statements, sql);
  if (count_sql != NULL)
    g_hash_table_remove (self->statements, count_sql);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "audit");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GStrv
tsg_store_list_audit_values (TsgStore    *self,
                             TsgActor    *actor,
                             const char  *column,
                             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  const char *sql;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (g_strcmp0 (column, "action") == 0)
    sql = "SELECT DISTINCT action FROM audit_log ORDER BY 1";
  else if (g_strcmp0 (column, "record_kind") == 0)
    sql = "SELECT DISTINCT record_kind FROM audit_log ORDER BY 1";
  else
    g_return_val_if_reached (NULL);
  if (!_tsg_store_require (self, actor, TSG_PERM_AUDIT_READ, error) ||
      !(stmt = _tsg_store_prepare (self, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "audit");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
tsg_store_verify_audit_chain (TsgStore   *self,
                              TsgActor   *actor,
                              GPtrArray  *problems,
                              gint64     *n_entries,
                              GError    **error)
{
  guint before = problems->len;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_AUDIT_READ, error))
    return FALSE;
  if (n_entries != NULL)
    {
      if (!(stmt = _tsg_store_prepare (self, "SELECT count(*) FROM audit_log", error)))
        return FALSE;
      *n_entries = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  if (!_tsg_store_check_audit_chain (self, problems, error))
    return FALSE;
  return problems->len == before;
}

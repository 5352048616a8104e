/* tsg-store-inventory.c: items, kits, distribution points and par levels
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store-inventory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-domain.h"
#include "tsg-store-inventory.h"
#include "tsg-store-private.h"

void
tsg_item_free (TsgItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->name);
  g_free (item->category);
  g_free (item->unit);
  g_free (item);
}

void
tsg_point_free (TsgPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->code);
  g_free (point->name);
  g_free (point->kind);
  g_free (point->address);
  g_free (point->municipality);
  g_free (point->contact_person);
  g_free (point->opening_hours);
  g_free (point);
}

void
tsg_stock_alert_free (TsgStockAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->point_name);
  g_free (alert->item_name);
  g_free (alert);
}

void
tsg_stock_matrix_free (TsgStockMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_clear_pointer (&matrix->points, g_ptr_array_unref);
  g_clear_pointer (&matrix->items, g_ptr_array_unref);
  g_free (matrix->balances);
  g_free (matrix->pars);
  g_free (matrix);
}

void
tsg_history_row_free (TsgHistoryRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->item_name);
  g_free (row->other_point);
  g_free (row->note);
  g_free (row);
}

void
tsg_history_cursor_clear (TsgHistoryCursor *cursor)
{
  g_clear_pointer (&cursor->balances, g_hash_table_unref);
  cursor->before_id = 0;
  cursor->done = FALSE;
}

void
tsg_restock_line_free (TsgRestockLine *line)
{
  if (line == NULL)
    return;
  g_free (line->point_name);
  g_free (line->point_address);
  g_free (line->item_name);
  g_free (line->unit);
  g_free (line);
}

void
tsg_reach_cell_free (TsgReachCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->month);
  g_free (cell);
}

/* A number for a translated message (G_GINT64_FORMAT inside _() would
 * hide the message from xgettext). The buffer is per thread and reused. */
static const char *
number_text (gint64 n)
{
  static GPrivate key = G_PRIVATE_INIT (g_free);
  char *buf = g_private_get (&key);

  if (buf == NULL)
    {
      buf = g_malloc (32);
      g_private_set (&key, buf);
    }
  g_snprintf (buf, 32, "%" G_GINT64_FORMAT, n);
  return buf;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? g_strdup (text) : NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

#define ITEM_COLUMNS "id, code, name, category, unit, pack_size, is_kit, active"
#define POINT_COLUMNS "id, code, name, kind, address, municipality, contact_person, opening_hours, is_office, active"

static TsgItem *
item_from_row (sqlite3_stmt *stmt)
{
  TsgItem *item = g_new0 (TsgItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->code = column_dup (stmt, 1);
  item->name = column_dup (stmt, 2);
  item->category = column_dup (stmt, 3);
  item->unit = column_dup (stmt, 4);
  item->pack_size = sqlite3_column_int (stmt, 5);
  item->is_kit = sqlite3_column_int (stmt, 6) != 0;
  item->active = sqlite3_column_int (stmt, 7) != 0;
  return item;
}

static TsgPoint *
point_from_row (sqlite3_stmt *stmt)
{
  TsgPoint *point = g_new0 (TsgPoint, 1);

  point->id = sqlite3_column_int64 (stmt, 0);
  point->code = column_dup (stmt, 1);
  point->name = column_dup (stmt, 2);
  point->kind = column_dup (stmt, 3);
  point->address = column_dup (stmt, 4);
  point->municipality = column_dup (stmt, 5);
  point->contact_person = column_dup (stmt, 6);
  point->opening_hours = column_dup (stmt, 7);
  point->is_office = sqlite3_column_int (stmt, 8) != 0;
  point->active = sqlite3_column_int (stmt, 9) != 0;
  return point;
}

static GPtrArray *
collect (TsgStore     *self,
         sqlite3_stmt *stmt,
         gpointer    (*from_row) (sqlite3_stmt *),
         GDestroyNotify free_func,
         GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "inventory");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
tsg_store_list_items (TsgStore  *self,
                      TsgActor  *actor,
                      gboolean   include_inactive,
                      GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
                                   "SELECT " ITEM_COLUMNS " FROM items WHERE active OR ?"
                                   " ORDER BY is_kit, id", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);
  return collect (self, stmt, (gpointer) item_from_row, (GDestroyNotify) tsg_item_free, error);
}

GPtrArray *
tsg_store_list_points (TsgStore  *self,
                       TsgActor  *actor,
                       gboolean   include_inactive,
                       GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
                                   "SELECT " POINT_COLUMNS " FROM distribution_points WHERE active OR ?"
                                   " ORDER BY is_office DESC, id", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);
  return collect (self, stmt, (gpointer) point_from_row, (GDestroyNotify) tsg_point_free, error);
}

TsgItem *
tsg_store_get_item (TsgStore  *self,
                    TsgActor  *actor,
                    gint64     item_id,
                    GError   **error)
{
  sqlite3_stmt *stmt;
  TsgItem *item = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self, "SELECT " ITEM_COLUMNS " FROM items WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    item = item_from_row (stmt);
  else
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("There is no item number %s."), number_text (item_id));
  sqlite3_reset (stmt);
  return item;
}

TsgPoint *
tsg_store_get_point (TsgStore  *self,
                     TsgActor  *actor,
                     gint64     point_id,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  TsgPoint *point = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self, "SELECT " POINT_COLUMNS " FROM distribution_points WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, point_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    point = point_from_row (stmt);
  else
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("There is no distribution point number %s."), number_text (point_id));
  sqlite3_reset (stmt);
  return point;
}

static gint64
find_by_code (TsgStore   *self,
              const char *sql,
              const char *code)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (code == NULL || !(stmt = _tsg_store_prepare (self, sql, NULL)))
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
tsg_store_find_item (TsgStore   *self,
                     const char *code)
{
  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  return find_by_code (self, "SELECT id FROM items WHERE code = ?", code);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_item (const TsgItem          *item,
               const TsgKitComponent  *components,
               guint                   n_components,
               GError                **error)
{
  if (blank (item->code))
    return invalid (error, _("An item needs a code."));
  if (blank (item->name))
    return invalid (error, _("An item needs a name."));
  if (!tsg_enum_contains (tsg_item_categories, item->category))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Category: “%s” is not one of %s."), item->category ? item->category : "",
                   "pads_day pads_night liners tampons period_underwear other kit");
      return FALSE;
    }
  if (item->pack_size <= 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Pack size: %d is not allowed; enter a whole number above zero."), item->pack_size);
      return FALSE;
    }
  if (item->is_kit && n_components == 0)
    return invalid (error, _("A kit needs at least one component."));
  if (!item->is_kit && n_components > 0)
    return invalid (error, _("Only a kit has components."));
  for (guint i = 0; i < n_components; i++)
    if (components[i].quantity <= 0)
      return invalid (error, _("Each component of a kit needs a quantity above zero."));
  return TRUE;
}

static gboolean
save_components (TsgStore              *self,
                 gint64                 kit_id,
                 const TsgKitComponent *components,
                 guint                  n_components,
                 GError               **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM kit_components WHERE kit_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kit_id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < n_components; i++)
    {
      sqlite3_stmt *comp;

      if (components[i].item_id == kit_id)
        return invalid (error, _("A kit cannot contain itself."));
      if (!(comp = _tsg_store_prepare (self,
                                       "INSERT INTO kit_components (kit_id, item_id, quantity)"
                                       " SELECT ?, id, ? FROM items WHERE id = ? AND is_kit = 0", error)))
        return FALSE;
      sqlite3_bind_int64 (comp, 1, kit_id);
      sqlite3_bind_int (comp, 2, components[i].quantity);
      sqlite3_bind_int64 (comp, 3, components[i].item_id);
      if (!_tsg_store_step_done (self, comp, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        return invalid (error, _("A component of a kit must be an item that is not itself a kit."));
    }
  return TRUE;
}

gint64
tsg_store_save_item (TsgStore              *self,
                     TsgActor              *actor,
                     const TsgItem         *item,
                     const TsgKitComponent *components,
                     guint                  n_components,
                     GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 id = item->id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error) ||
      !validate_item (item, components, n_components, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (id == 0)
    stmt = _tsg_store_prepare (self,
                               "INSERT INTO items (code, name, category, unit, pack_size, is_kit, active)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = _tsg_store_prepare (self,
                               "UPDATE items SET code = ?1, name = ?2, category = ?3, unit = ?4,"
                               " pack_size = ?5, is_kit = ?6, active = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, item->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, item->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, blank (item->unit) ? "pack" : item->unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, item->pack_size);
  sqlite3_bind_int (stmt, 6, item->is_kit);
  sqlite3_bind_int (stmt, 7, item->active);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("There is no item number %s."), number_text (id));
      goto fail;
    }
  if (!save_components (self, id, components, n_components, error) ||
      !_tsg_store_audit (self, actor, item->id == 0 ? "create" : "update", "item", id, item->code, error) ||
      !_tsg_store_commit (self, error))
    goto fail;
  return id;

fail:
  if (self->tx_depth > 0)
    _tsg_store_rollback (self);
  return 0;
}

GArray *
tsg_store_get_kit_components (TsgStore *self,
                              gint64    kit_id)
{
  GArray *components = g_array_new (FALSE, TRUE, sizeof (TsgKitComponent));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), components);

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT item_id, quantity FROM kit_components WHERE kit_id = ? ORDER BY item_id",
                                   NULL)))
    return components;
  sqlite3_bind_int64 (stmt, 1, kit_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgKitComponent c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };
      g_array_append_val (components, c);
    }
  sqlite3_reset (stmt);
  return components;
}

gint64
tsg_store_save_point (TsgStore        *self,
                      TsgActor        *actor,
                      const TsgPoint  *point,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = point->id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error))
    return 0;
  if (blank (point->code))
    return invalid (error, _("A distribution point needs a code.")), 0;
  if (blank (point->name))
    return invalid (error, _("A distribution point needs a name.")), 0;
  if (!tsg_enum_contains (tsg_point_kinds, point->kind))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Kind: “%s” is not a kind of distribution point."), point->kind ? point->kind : "");
      return 0;
    }
  if (!_tsg_store_begin (self, error))
    return 0;
  if (id == 0)
    stmt = _tsg_store_prepare (self,
                               "INSERT INTO distribution_points (code, name, kind, address, municipality,"
                               " contact_person, opening_hours, is_office, active)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = _tsg_store_prepare (self,
                               "UPDATE distribution_points SET code = ?1, name = ?2, kind = ?3, address = ?4,"
                               " municipality = ?5, contact_person = ?6, opening_hours = ?7, is_office = ?8,"
                               " active = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, point->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, point->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, point->kind, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, point->address);
  bind_text_or_null (stmt, 5, point->municipality);
  bind_text_or_null (stmt, 6, point->contact_person);
  bind_text_or_null (stmt, 7, point->opening_hours);
  sqlite3_bind_int (stmt, 8, point->is_office);
  sqlite3_bind_int (stmt, 9, point->active);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 10, id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("There is no distribution point number %s."), number_text (id));
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, point->id == 0 ? "create" : "update", "distribution_point",
                         id, point->code, error) ||
      !_tsg_store_commit (self, error))
    goto fail;
  return id;

fail:
  _tsg_store_rollback (self);
  return 0;
}

gboolean
tsg_store_set_par_level (TsgStore  *self,
                         TsgActor  *actor,
                         gint64     point_id,
                         gint64     item_id,
                         gint64     par,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error))
    return FALSE;
  if (par < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Par level: %s is not allowed; enter 0 or more."), number_text (par));
      return FALSE;
    }
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (par == 0)
    stmt = _tsg_store_prepare (self, "DELETE FROM par_levels WHERE point_id = ?1 AND item_id = ?2", error);
  else
    /* A new par re-arms the alert when the point is at or above it, and
     * arms it as already sent when the point is below it now (the matrix
     * shows that), so that only the next drop below par notifies. */
    stmt = _tsg_store_prepare (self,
                               "INSERT INTO par_levels (point_id, item_id, par, alerted)"
                               " VALUES (?1, ?2, ?3, coalesce ((SELECT balance FROM stock_balances"
                               "   WHERE point_id = ?1 AND item_id = ?2), 0) < ?3)"
                               " ON CONFLICT (point_id, item_id) DO UPDATE SET par = excluded.par,"
                               "   alerted = excluded.alerted", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (par > 0)
    sqlite3_bind_int64 (stmt, 3, par);
  detail = g_strdup_printf ("point %" G_GINT64_FORMAT " item %" G_GINT64_FORMAT " par %" G_GINT64_FORMAT,
                            point_id, item_id, par);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "update", "par_level", point_id, detail, error) ||
      !_tsg_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gint64
tsg_store_get_par_level (TsgStore *self,
                         gint64    point_id,
                         gint64    item_id)
{
  sqlite3_stmt *stmt;
  gint64 par = -1;

  g_return_val_if_fail (TSG_IS_STORE (self), -1);

  if (!(stmt = _tsg_store_prepare (self, "SELECT par FROM par_levels WHERE point_id = ? AND item_id = ?", NULL)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    par = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return par;
}

GArray *
tsg_store_get_par_levels (TsgStore *self,
                          gint64    point_id)
{
  GArray *levels = g_array_new (FALSE, TRUE, sizeof (TsgParLevel));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), levels);

  if (!(stmt = _tsg_store_prepare (self, "SELECT item_id, par FROM par_levels WHERE point_id = ? ORDER BY item_id",
                                   NULL)))
    return levels;
  sqlite3_bind_int64 (stmt, 1, point_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TsgParLevel level = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (levels, level);
    }
  sqlite3_reset (stmt);
  return levels;
}

/* --- the stock matrix ------------------------------------------------- */

static int
index_of (GPtrArray *array,
          gint64     id)
{
  /* Items and points are few (tens): a scan is cheaper than a hash. */
  for (guint i = 0; i < array->len; i++)
    if (*(gint64 *) g_ptr_array_index (array, i) == id)
      return (int) i;
  return -1;
}

TsgStockMatrix *
tsg_store_get_stock_matrix (TsgStore  *self,
                            TsgActor  *actor,
                            GError   **error)
{
  g_autoptr(TsgStockMatrix) matrix = g_new0 (TsgStockMatrix, 1);
  sqlite3_stmt *stmt;
  guint n;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!(matrix->points = tsg_store_list_points (self, actor, FALSE, error)) ||
      !(matrix->items = tsg_store_list_items (self, actor, FALSE, error)))
    return NULL;
  n = matrix->points->len * matrix->items->len;
  matrix->balances = g_new0 (gint64, MAX (n, 1));
  matrix->pars = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    matrix->pars[i] = -1;

  /* TsgPoint and TsgItem both start with their id. */
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT 0, point_id, item_id, balance FROM stock_balances"
                                   " UNION ALL SELECT 1, point_id, item_id, par FROM par_levels", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int p = index_of (matrix->points, sqlite3_column_int64 (stmt, 1));
      int i = index_of (matrix->items, sqlite3_column_int64 (stmt, 2));

      if (p < 0 || i < 0)
        continue;
      if (sqlite3_column_int (stmt, 0) == 0)
        matrix->balances[p * matrix->items->len + i] = sqlite3_column_int64 (stmt, 3);
      else
        matrix->pars[p * matrix->items->len + i] = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "stock");
      return NULL;
    }
  return g_steal_pointer (&matrix);
}

/* --- restock list and reach ------------------------------------------- */

GPtrArray *
tsg_store_restock_list (TsgStore  *self,
                        TsgActor  *actor,
                        gint64     point_id,
                        GError   **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_restock_line_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error) ||
      !(stmt = _tsg_store_prepare (self,
        "SELECT p.id, p.name, coalesce (p.address, p.municipality, ''), i.id, i.name, i.unit,"
        "  coalesce (b.balance, 0), l.par,"
        "  coalesce ((SELECT sum (ob.balance) FROM stock_balances ob JOIN distribution_points o"
        "    ON o.id = ob.point_id AND o.is_office WHERE ob.item_id = i.id), 0)"
        " FROM par_levels l"
        " JOIN distribution_points p ON p.id = l.point_id AND p.active AND NOT p.is_office"
        " JOIN items i ON i.id = l.item_id AND i.active"
        " LEFT JOIN stock_balances b ON b.point_id = l.point_id AND b.item_id = l.item_id"
        " WHERE coalesce (b.balance, 0) < l.par AND (?1 = 0 OR p.id = ?1)"
        " ORDER BY p.id, i.is_kit, i.id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, point_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgRestockLine *line = g_new0 (TsgRestockLine, 1);

      line->point_id = sqlite3_column_int64 (stmt, 0);
      line->point_name = column_dup (stmt, 1);
      line->point_address = column_dup (stmt, 2);
      line->item_id = sqlite3_column_int64 (stmt, 3);
      line->item_name = column_dup (stmt, 4);
      line->unit = column_dup (stmt, 5);
      line->balance = sqlite3_column_int64 (stmt, 6);
      line->par = sqlite3_column_int64 (stmt, 7);
      line->needed = line->par - line->balance;
      line->office_balance = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (lines, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "restock");
      return NULL;
    }
  return g_steal_pointer (&lines);
}

GPtrArray *
tsg_store_inventory_reach (TsgStore  *self,
                           TsgActor  *actor,
                           gint64     until,
                           guint      n_months,
                           GError   **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_reach_cell_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) end_dt = NULL;
  g_autoptr(GDateTime) this_month = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GString) bounds = g_string_new ("[");
  g_auto(GStrv) months = g_new0 (char *, n_months + 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  g_return_val_if_fail (n_months > 0, NULL);

  if (!(points = tsg_store_list_points (self, actor, TRUE, error)))
    return NULL;
  end_dt = g_date_time_new_from_unix_local (until > 0 ? until : _tsg_store_now ());
  this_month = g_date_time_new_local (g_date_time_get_year (end_dt), g_date_time_get_month (end_dt), 1, 0, 0, 0);
  first = g_date_time_add_months (this_month, -(int) (n_months - 1));

  /* Months follow the office's local zone, as the KPI report does; their
   * bounds are computed here once, so SQLite compares integers instead of
   * converting every row's time. */
  for (guint m = 0; m < n_months; m++)
    {
      g_autoptr(GDateTime) lo = g_date_time_add_months (first, (int) m);
      g_autoptr(GDateTime) hi = g_date_time_add_months (first, (int) m + 1);

      months[m] = g_date_time_format (lo, "%Y-%m");
      g_string_append_printf (bounds, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", m ? "," : "",
                              g_date_time_to_unix (lo), g_date_time_to_unix (hi));
    }
  g_string_append_c (bounds, ']');

  /* Every point × month, so that a quiet month shows as zero. */
  for (guint p = 0; p < points->len; p++)
    {
      TsgPoint *point = g_ptr_array_index (points, p);

      for (guint m = 0; m < n_months; m++)
        {
          TsgReachCell *cell = g_new0 (TsgReachCell, 1);

          cell->point_id = point->id;
          cell->month = g_strdup (months[m]);
          g_hash_table_insert (by_key, g_strdup_printf ("%" G_GINT64_FORMAT " %u", point->id, m), cell);
          g_ptr_array_add (cells, cell);
        }
    }

  /* A contact "heard of us" through a point when heard_via holds the
   * point's code, or the code of a flyer print run made for that point. */
  if (!(stmt = _tsg_store_prepare (self,
        "WITH months (m, lo, hi) AS (SELECT CAST (key AS INTEGER), value ->> 0, value ->> 1 FROM json_each (?1))"
        " SELECT 0, d.from_point_id, months.m, count (*), sum (d.quantity)"
        " FROM months JOIN stock_movements d ON d.kind = 'distribution'"
        "   AND d.occurred_at >= months.lo AND d.occurred_at < months.hi"
        " GROUP BY 2, 3"
        " UNION ALL "
        "SELECT 1, k.point_id, months.m, count (*), 0"
        " FROM (SELECT id AS point_id, code FROM distribution_points"
        "       UNION ALL SELECT point_id, code FROM print_runs WHERE point_id IS NOT NULL) k"
        /* CROSS JOIN fixes the order: per code and month, one range of the
         * heard_via index (SQLite would otherwise scan it whole per month). */
        " CROSS JOIN months"
        " CROSS JOIN contacts c INDEXED BY contacts_heard_via ON c.heard_via = k.code AND c.started_at >= months.lo AND c.started_at < months.hi"
        "   AND c.deleted_at IS NULL"
        " GROUP BY 2, 3", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, bounds->str, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %d", (gint64) sqlite3_column_int64 (stmt, 1),
                                              sqlite3_column_int (stmt, 2));
      TsgReachCell *cell = g_hash_table_lookup (by_key, key);

      if (cell == NULL)
        continue;
      if (sqlite3_column_int (stmt, 0) == 0)
        {
          cell->distributions = sqlite3_column_int64 (stmt, 3);
          cell->units = sqlite3_column_int64 (stmt, 4);
        }
      else
        cell->contacts = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "reach");
      return NULL;
    }
  return g_steal_pointer (&cells);
}

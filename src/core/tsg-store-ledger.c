/* tsg-store-ledger.c: the append-only stock ledger
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each public call is one transaction: validate against the balances as
 * they are now, append the movement(s) (the triggers of schema v1 keep
 * stock_balances), update the par-level alerts, audit, commit. Anything
 * refused rolls back whole, so a refused movement changes nothing.
 *
 * Balances are checked in posting order (the order of ids): a movement
 * dated in the past is still checked against today's balance, and a point's
 * history shows its running balance in posting order, which therefore never
 * dips below zero.
 */
#define G_LOG_DOMAIN "tsg-store-ledger"

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "tsg-domain.h"
#include "tsg-store-inventory.h"
#include "tsg-store-private.h"

/* A movement dated further ahead than this is a typing mistake. */
#define FUTURE_SLACK (24 * 3600)

static const char *kind_ids[] = {
  "receipt", "transfer", "distribution", "adjustment", "count",
};

const char *
tsg_movement_kind_to_id (TsgMovementKind kind)
{
  g_return_val_if_fail (kind <= TSG_MOVEMENT_COUNT, NULL);
  return kind_ids[kind];
}

void
tsg_movement_spec_init (TsgMovementSpec *spec,
                        TsgMovementKind  kind)
{
  memset (spec, 0, sizeof *spec);
  spec->kind = kind;
  spec->cost_yen = -1;
}

void
tsg_movement_result_clear (TsgMovementResult *result)
{
  g_clear_pointer (&result->alerts, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* --- validation ---------------------------------------------------------- */

typedef struct
{
  gint64   id;
  char    *name;
  gboolean active;
  gboolean is_kit;     /* items */
} Named;

static void
named_clear (Named *n)
{
  g_clear_pointer (&n->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Named, named_clear)

static gboolean
load_named (TsgStore   *self,
            const char *sql,
            gint64      id,
            Named      *out)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL || id <= 0)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->id = id;
      out->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->active = sqlite3_column_int (stmt, 1) != 0;
      out->is_kit = sqlite3_column_int (stmt, 2) != 0;
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
load_point (TsgStore *self,
            gint64    id,
            Named    *out)
{
  return load_named (self, "SELECT name, active, 0 FROM distribution_points WHERE id = ?", id, out);
}

static gboolean
load_item (TsgStore *self,
           gint64    id,
           Named    *out)
{
  return load_named (self, "SELECT name, active, is_kit FROM items WHERE id = ?", id, out);
}

gint64
tsg_store_get_balance (TsgStore *self,
                       gint64    point_id,
                       gint64    item_id)
{
  sqlite3_stmt *stmt;
  gint64 balance = 0;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT balance FROM stock_balances WHERE point_id = ? AND item_id = ?", NULL)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    balance = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return balance;
}

gint64
tsg_store_sum_movements (TsgStore *self,
                         gint64    point_id,
                         gint64    item_id)
{
  sqlite3_stmt *stmt;
  gint64 sum = 0;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT coalesce ((SELECT sum (quantity) FROM stock_movements"
                                   "   WHERE to_point_id = ?1 AND item_id = ?2), 0)"
                                   " - coalesce ((SELECT sum (quantity) FROM stock_movements"
                                   "   WHERE from_point_id = ?1 AND item_id = ?2), 0)", NULL)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sum = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return sum;
}

static gboolean
refuse (TsgMovementResult *result,
        TsgMovementField   field,
        GError           **error,
        const char        *message)
{
  if (result != NULL)
    result->invalid_field = field;
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
check_quantity (gint64             quantity,
                TsgMovementResult *result,
                GError           **error)
{
  g_autofree char *msg = NULL;
  g_autofree char *typed = NULL;

  if (quantity > 0)
    return TRUE;
  typed = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);
  /* translators: %s is the number typed, e.g. -3 or 0 */
  msg = g_strdup_printf (_("Quantity: %s is not allowed; enter a whole number above zero."), typed);
  return refuse (result, TSG_MOVEMENT_FIELD_QUANTITY, error, msg);
}

/* The point a quantity leaves must hold it: "does not hold" when it holds
 * none at all, "not enough" when the balance would go below zero. */
static gboolean
check_available (TsgStore          *self,
                 const Named       *point,
                 const Named       *item,
                 gint64             quantity,
                 TsgMovementField   field,
                 TsgMovementResult *result,
                 GError           **error)
{
  gint64 balance = tsg_store_get_balance (self, point->id, item->id);
  g_autofree char *msg = NULL;

  if (balance <= 0)
    {
      msg = g_strdup_printf (_("%s does not hold any %s, so none can leave it."), point->name, item->name);
      return refuse (result, field, error, msg);
    }
  if (balance < quantity)
    {
      g_autofree char *have = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
      g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);
      /* translators: "Quantity: only 5 of Day pads are at Bookshop; 8 would take its stock below zero." */
      msg = g_strdup_printf (_("Quantity: only %s of %s are at %s; %s would take its stock below zero."),
                             have, item->name, point->name, want);
      return refuse (result, TSG_MOVEMENT_FIELD_QUANTITY, error, msg);
    }
  return TRUE;
}

static gboolean
check_point (TsgStore          *self,
             gint64             id,
             gboolean           arriving,
             TsgMovementField   field,
             Named             *out,
             TsgMovementResult *result,
             GError           **error)
{
  g_autofree char *msg = NULL;

  if (!load_point (self, id, out))
    {
      msg = field == TSG_MOVEMENT_FIELD_FROM
              ? g_strdup (_("From: choose the distribution point the stock leaves."))
              : g_strdup (_("To: choose the distribution point the stock arrives at."));
      return refuse (result, field, error, msg);
    }
  /* Stock may still be taken back from a point that closed; nothing new
   * goes to it. */
  if (arriving && !out->active)
    {
      msg = g_strdup_printf (_("%s is inactive; no stock can be sent there."), out->name);
      return refuse (result, field, error, msg);
    }
  return TRUE;
}

typedef struct
{
  Named  item;
  Named  from;
  Named  to;
  gint64 client_id;
  gint64 case_id;
  char  *client_code;
} Checked;

static void
checked_clear (Checked *c)
{
  named_clear (&c->item);
  named_clear (&c->from);
  named_clear (&c->to);
  g_clear_pointer (&c->client_code, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checked, checked_clear)

/* Her record, following merges; and her open case, if she has one. */
static gboolean
find_client (TsgStore          *self,
             const char        *code,
             Checked           *out,
             TsgMovementResult *result,
             GError           **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (code));
  sqlite3_stmt *stmt;
  g_autofree char *msg = NULL;
  gint64 id = 0, merged = 0;
  gboolean anonymised = FALSE;

  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id, coalesce (merged_into, 0), anonymised_at IS NOT NULL"
                                   " FROM clients WHERE code = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      merged = sqlite3_column_int64 (stmt, 1);
      anonymised = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (id == 0)
    {
      msg = g_strdup_printf (_("Client: no client has the code “%s”."), trimmed);
      return refuse (result, TSG_MOVEMENT_FIELD_CLIENT, error, msg);
    }
  for (guint hops = 0; merged != 0 && hops < 16; hops++)
    {
      if (!(stmt = _tsg_store_prepare (self, "SELECT coalesce (merged_into, 0) FROM clients WHERE id = ?", error)))
        return FALSE;
      id = merged;
      sqlite3_bind_int64 (stmt, 1, id);
      merged = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  if (anonymised)
    {
      msg = g_strdup_printf (_("Client: the record of “%s” was anonymised; hand products out as an anonymous tally."),
                             trimmed);
      return refuse (result, TSG_MOVEMENT_FIELD_CLIENT, error, msg);
    }
  out->client_id = id;
  out->client_code = g_steal_pointer (&trimmed);
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id FROM cases WHERE client_id = ? AND status <> 'closed'"
                                   " ORDER BY opened_at DESC, id DESC LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out->case_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
validate (TsgStore              *self,
          const TsgMovementSpec *spec,
          gboolean               import,
          Checked               *c,
          TsgMovementResult     *result,
          GError               **error)
{
  g_autofree char *msg = NULL;
  TsgMovementKind kind = spec->kind;

  if (kind > TSG_MOVEMENT_COUNT || (kind == TSG_MOVEMENT_COUNT && !import))
    return refuse (result, TSG_MOVEMENT_FIELD_KIND, error,
                   _("A stock count is recorded with the count form, not as a single movement."));
  /* An imported count's correction moves like an adjustment. */
  if (kind == TSG_MOVEMENT_COUNT)
    kind = TSG_MOVEMENT_ADJUSTMENT;
  if (!load_item (self, spec->item_id, &c->item))
    return refuse (result, TSG_MOVEMENT_FIELD_ITEM, error, _("Item: choose the product that moves."));
  if (!check_quantity (spec->quantity, result, error))
    return FALSE;
  if (spec->occurred_at > _tsg_store_now () + FUTURE_SLACK)
    return refuse (result, TSG_MOVEMENT_FIELD_OCCURRED_AT, error,
                   _("Date: the movement is dated in the future; enter when it happened."));

  switch (kind)
    {
    case TSG_MOVEMENT_RECEIPT:
      if (spec->from_point_id != 0)
        return refuse (result, TSG_MOVEMENT_FIELD_FROM, error,
                       _("From: a receipt comes from outside; record stock from a point as a transfer."));
      if (!c->item.active)
        {
          msg = g_strdup_printf (_("Item: %s is no longer stocked (inactive); it cannot be received."), c->item.name);
          return refuse (result, TSG_MOVEMENT_FIELD_ITEM, error, msg);
        }
      if (g_strcmp0 (spec->source, "donation") != 0 && g_strcmp0 (spec->source, "purchase") != 0)
        return refuse (result, TSG_MOVEMENT_FIELD_SOURCE, error,
                       _("Source: choose whether the stock was donated or purchased."));
      if (spec->cost_yen < -1)
        return refuse (result, TSG_MOVEMENT_FIELD_COST, error,
                       _("Cost: the cost in yen cannot be below zero."));
      return check_point (self, spec->to_point_id, TRUE, TSG_MOVEMENT_FIELD_TO, &c->to, result, error);

    case TSG_MOVEMENT_TRANSFER:
      if (!check_point (self, spec->from_point_id, FALSE, TSG_MOVEMENT_FIELD_FROM, &c->from, result, error))
        return FALSE;
      if (spec->to_point_id == spec->from_point_id)
        {
          msg = g_strdup_printf (_("To: the stock already is at %s; a transfer needs two different points."),
                                 c->from.name);
          return refuse (result, TSG_MOVEMENT_FIELD_TO, error, msg);
        }
      if (!check_point (self, spec->to_point_id, TRUE, TSG_MOVEMENT_FIELD_TO, &c->to, result, error))
        return FALSE;
      return check_available (self, &c->from, &c->item, spec->quantity, TSG_MOVEMENT_FIELD_FROM, result, error);

    case TSG_MOVEMENT_DISTRIBUTION:
      if (spec->to_point_id != 0)
        return refuse (result, TSG_MOVEMENT_FIELD_TO, error,
                       _("To: products handed out leave the stock; record stock sent to a point as a transfer."));
      if (!check_point (self, spec->from_point_id, FALSE, TSG_MOVEMENT_FIELD_FROM, &c->from, result, error))
        return FALSE;
      if (!import && !blank (spec->client_code) && !find_client (self, spec->client_code, c, result, error))
        return FALSE;
      return check_available (self, &c->from, &c->item, spec->quantity, TSG_MOVEMENT_FIELD_FROM, result, error);

    case TSG_MOVEMENT_ADJUSTMENT:
      if ((spec->from_point_id != 0) == (spec->to_point_id != 0))
        return refuse (result, TSG_MOVEMENT_FIELD_FROM, error,
                       _("Point: an adjustment adds stock to one point or takes it from one point."));
      if (blank (spec->reason) && spec->kind == TSG_MOVEMENT_ADJUSTMENT)
        return refuse (result, TSG_MOVEMENT_FIELD_REASON, error,
                       _("Reason: say why the stock is adjusted (damaged, expired, found…)."));
      if (spec->to_point_id != 0)
        return check_point (self, spec->to_point_id, TRUE, TSG_MOVEMENT_FIELD_TO, &c->to, result, error);
      if (!check_point (self, spec->from_point_id, FALSE, TSG_MOVEMENT_FIELD_FROM, &c->from, result, error))
        return FALSE;
      return check_available (self, &c->from, &c->item, spec->quantity, TSG_MOVEMENT_FIELD_FROM, result, error);

    case TSG_MOVEMENT_COUNT:
    default:
      g_assert_not_reached ();
    }
}

/* --- writing ------------------------------------------------------------- */

typedef struct
{
  const char *kind;
  gint64      item_id;
  gint64      from_point_id;
  gint64      to_point_id;
  gint64      quantity;
  gint64      occurred_at;
  const char *source;
  gint64      cost_yen;
  const char *funding_source;
  gint64      client_id;
  gint64      case_id;
  const char *reason;
  gint64      count_id;
} Row;

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (!blank (text))
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gint64
insert_row (TsgStore   *self,
            TsgActor   *actor,
            const Row  *row,
            GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _tsg_store_now ();
  gint64 id;
  g_autofree char *detail = NULL;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id,"
                                   " to_point_id, quantity, source, cost_yen, funding_source, client_id, case_id,"
                                   " reason, staff_id, count_id, created_at)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, row->occurred_at > 0 ? row->occurred_at : now);
  sqlite3_bind_text (stmt, 2, row->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->item_id);
  bind_id_or_null (stmt, 4, row->from_point_id);
  bind_id_or_null (stmt, 5, row->to_point_id);
  sqlite3_bind_int64 (stmt, 6, row->quantity);
  bind_text_or_null (stmt, 7, row->source);
  if (row->cost_yen >= 0)
    sqlite3_bind_int64 (stmt, 8, row->cost_yen);
  else
    sqlite3_bind_null (stmt, 8);
  bind_text_or_null (stmt, 9, row->funding_source);
  bind_id_or_null (stmt, 10, row->client_id);
  bind_id_or_null (stmt, 11, row->case_id);
  bind_text_or_null (stmt, 12, row->reason);
  bind_id_or_null (stmt, 13, actor ? tsg_actor_get_staff_id (actor) : 0);
  bind_id_or_null (stmt, 14, row->count_id);
  sqlite3_bind_int64 (stmt, 15, now);
  if (!_tsg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  detail = g_strdup_printf ("%s item %" G_GINT64_FORMAT " from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                            " quantity %" G_GINT64_FORMAT, row->kind, row->item_id, row->from_point_id,
                            row->to_point_id, row->quantity);
  if (!_tsg_store_audit (self, actor, "create", "stock_movement", id, detail, error))
    return 0;
  return id;
}

/* After a movement: a point that went below par raises an alert once; one
 * that is back at or above par is re-armed (par_levels.alerted). */
static gboolean
update_alert (TsgStore          *self,
              gint64             point_id,
              gint64             item_id,
              TsgMovementResult *result,
              GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 par, balance;
  gboolean alerted;

  if (point_id <= 0)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT l.par, l.alerted, coalesce (b.balance, 0), p.name, i.name"
                                   " FROM par_levels l JOIN distribution_points p ON p.id = l.point_id"
                                   " JOIN items i ON i.id = l.item_id"
                                   " LEFT JOIN stock_balances b ON b.point_id = l.point_id AND b.item_id = l.item_id"
                                   " WHERE l.point_id = ? AND l.item_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  par = sqlite3_column_int64 (stmt, 0);
  alerted = sqlite3_column_int (stmt, 1) != 0;
  balance = sqlite3_column_int64 (stmt, 2);
  if (balance < par && !alerted && result != NULL)
    {
      TsgStockAlert *alert = g_new0 (TsgStockAlert, 1);

      alert->point_id = point_id;
      alert->item_id = item_id;
      alert->point_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      alert->item_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      alert->balance = balance;
      alert->par = par;
      if (result->alerts == NULL)
        result->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_stock_alert_free);
      g_ptr_array_add (result->alerts, alert);
    }
  sqlite3_reset (stmt);
  if ((balance < par) == alerted)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "UPDATE par_levels SET alerted = ? WHERE point_id = ? AND item_id = ?", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, balance < par);
  sqlite3_bind_int64 (stmt, 2, point_id);
  sqlite3_bind_int64 (stmt, 3, item_id);
  return _tsg_store_step_done (self, stmt, error);
}

/* Her case timeline shows what she was given, where. */
static gboolean
add_to_timeline (TsgStore      *self,
                 TsgActor      *actor,
                 const Checked *c,
                 gint64         movement_id,
                 gint64         quantity,
                 gint64         occurred_at,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *title = g_strdup_printf ("%s × %" G_GINT64_FORMAT, c->item.name, quantity);
  g_autofree char *text = NULL;
  gint64 event_id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, ref_id,"
                                   " staff_id, created_at) VALUES (?, 'distribution', ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->case_id);
  sqlite3_bind_int64 (stmt, 2, occurred_at > 0 ? occurred_at : _tsg_store_now ());
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c->from.name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, movement_id);
  bind_id_or_null (stmt, 6, actor ? tsg_actor_get_staff_id (actor) : 0);
  sqlite3_bind_int64 (stmt, 7, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  event_id = sqlite3_last_insert_rowid (self->db);
  text = g_strdup_printf ("%s %s", title, c->from.name);
  return _tsg_store_index_text (self, "timeline_fts", event_id, text, error) &&
         _tsg_store_audit (self, actor, "create", "timeline_event", event_id, "distribution", error);
}

static gboolean
finish_tx (TsgStore *self,
           gboolean  ok,
           GError  **error)
{
  if (ok && _tsg_store_commit (self, error))
    return TRUE;
  _tsg_store_rollback (self);
  return FALSE;
}

/* A result starts empty; on failure only invalid_field is kept. */
static void
prepare_result (TsgMovementResult *result)
{
  if (result != NULL)
    {
      g_clear_pointer (&result->alerts, g_ptr_array_unref);
      memset (result, 0, sizeof *result);
    }
}

/* @import: from records JSON — the client comes as @client_id (the file's
 * client_ref), no timeline row is written (her case's timeline travels
 * with the case), and count corrections are accepted. */
static gboolean
record (TsgStore              *self,
        TsgActor              *actor,
        const TsgMovementSpec *spec,
        gboolean               import,
        gint64                 client_id,
        TsgMovementResult     *result,
        GError               **error)
{
  g_auto(Checked) c = { 0 };
  Row row = { 0 };
  gint64 id;
  gboolean ok;

  prepare_result (result);
  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  /* Validation reads the balances inside the write transaction, so no other
   * connection can move the same stock between the check and the insert. */
  if (!validate (self, spec, import, &c, result, error))
    return finish_tx (self, FALSE, NULL);
  if (import && spec->kind == TSG_MOVEMENT_DISTRIBUTION)
    c.client_id = client_id;

  row.kind = kind_ids[spec->kind];
  row.item_id = spec->item_id;
  row.from_point_id = spec->from_point_id;
  row.to_point_id = spec->to_point_id;
  row.quantity = spec->quantity;
  row.occurred_at = spec->occurred_at;
  row.source = spec->kind == TSG_MOVEMENT_RECEIPT ? spec->source : NULL;
  row.cost_yen = spec->kind == TSG_MOVEMENT_RECEIPT ? spec->cost_yen : -1;
  row.funding_source = spec->kind == TSG_MOVEMENT_RECEIPT ? spec->funding_source : NULL;
  row.client_id = c.client_id;
  row.case_id = c.case_id;
  row.reason = spec->reason;

  id = insert_row (self, actor, &row, error);
  ok = id > 0 &&
       update_alert (self, spec->from_point_id, spec->item_id, result, error) &&
       update_alert (self, spec->to_point_id, spec->item_id, result, error);
  if (ok && c.client_id > 0 && !import)
    {
      g_autofree char *detail = g_strdup_printf ("distribution %" G_GINT64_FORMAT, id);

      ok = _tsg_store_audit (self, actor, "update", "client", c.client_id, detail, error) &&
           (c.case_id == 0 || add_to_timeline (self, actor, &c, id, spec->quantity, spec->occurred_at, error));
    }
  if (!finish_tx (self, ok, error))
    {
      if (result != NULL)
        g_clear_pointer (&result->alerts, g_ptr_array_unref);
      return FALSE;
    }
  if (result != NULL)
    {
      result->movement_id = id;
      result->case_id = c.case_id;
    }
  return TRUE;
}

gboolean
tsg_store_record_movement (TsgStore              *self,
                           TsgActor              *actor,
                           const TsgMovementSpec *spec,
                           TsgMovementResult     *result,
                           GError               **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  return record (self, actor, spec, FALSE, 0, result, error);
}

gboolean
tsg_store_import_movement (TsgStore              *self,
                           TsgActor              *actor,
                           const TsgMovementSpec *spec,
                           gint64                 client_id,
                           GError               **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  return record (self, actor, spec, TRUE, client_id, NULL, error);
}

gboolean
tsg_store_foreach_movement (TsgStore         *self,
                            TsgActor         *actor,
                            TsgMovementVisit  visit,
                            gpointer          user_data,
                            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error))
    return FALSE;
  /* Its own statement, not the cache: a visitor may call the store. */
  if (sqlite3_prepare_v2 (self->db,
        "SELECT m.id, m.occurred_at, m.kind, i.code, f.code, t.code, m.quantity, m.source,"
        "  coalesce (m.cost_yen, -1), m.funding_source, c.code, m.reason"
        " FROM stock_movements m JOIN items i ON i.id = m.item_id"
        " LEFT JOIN distribution_points f ON f.id = m.from_point_id"
        " LEFT JOIN distribution_points t ON t.id = m.to_point_id"
        " LEFT JOIN clients c ON c.id = m.client_id"
        " ORDER BY m.id", -1, &stmt, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "export");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgMovementRecord r = {
        .id = sqlite3_column_int64 (stmt, 0),
        .occurred_at = sqlite3_column_int64 (stmt, 1),
        .kind = (const char *) sqlite3_column_text (stmt, 2),
        .item_code = (const char *) sqlite3_column_text (stmt, 3),
        .from_code = (const char *) sqlite3_column_text (stmt, 4),
        .to_code = (const char *) sqlite3_column_text (stmt, 5),
        .quantity = sqlite3_column_int64 (stmt, 6),
        .source = (const char *) sqlite3_column_text (stmt, 7),
        .cost_yen = sqlite3_column_int64 (stmt, 8),
        .funding_source = (const char *) sqlite3_column_text (stmt, 9),
        .client_code = (const char *) sqlite3_column_text (stmt, 10),
        .reason = (const char *) sqlite3_column_text (stmt, 11),
      };
      if (!visit (&r, user_data, error))
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

/* --- counts and kits ----------------------------------------------------- */

static gboolean
count_line (TsgStore          *self,
            TsgActor          *actor,
            gint64             count_id,
            gint64             point_id,
            gint64             item_id,
            gint64             counted,
            gint64             counted_at,
            TsgMovementResult *result,
            GError           **error)
{
  gint64 expected = tsg_store_get_balance (self, point_id, item_id);
  sqlite3_stmt *stmt;
  Row row = { 0 };
  gint64 id;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO stock_count_lines (count_id, item_id, expected, counted)"
                                   " VALUES (?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, count_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_int64 (stmt, 3, expected);
  sqlite3_bind_int64 (stmt, 4, counted);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  if (counted == expected)
    return TRUE;

  row.kind = "count";
  row.item_id = item_id;
  row.quantity = ABS (counted - expected);
  row.from_point_id = counted < expected ? point_id : 0;
  row.to_point_id = counted > expected ? point_id : 0;
  row.occurred_at = counted_at;
  row.cost_yen = -1;
  row.count_id = count_id;
  if ((id = insert_row (self, actor, &row, error)) == 0)
    return FALSE;
  if (result != NULL && result->movement_id == 0)
    result->movement_id = id;
  return update_alert (self, point_id, item_id, result, error);
}

static gboolean
validate_count (TsgStore           *self,
                const Named        *point,
                const TsgCountLine *lines,
                guint               n_lines,
                gboolean            full,
                TsgMovementResult  *result,
                GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *msg = NULL;

  if (!point->active)
    {
      msg = g_strdup_printf (_("Point: %s is inactive; its stock cannot be counted."), point->name);
      return refuse (result, TSG_MOVEMENT_FIELD_FROM, error, msg);
    }
  if (n_lines == 0 && !full)
    return refuse (result, TSG_MOVEMENT_FIELD_LINES, error,
                   _("Count: enter what is on the shelf for at least one item."));
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(Named) item = { 0 };

      if (!load_item (self, lines[i].item_id, &item))
        return refuse (result, TSG_MOVEMENT_FIELD_LINES, error,
                       _("Count: a line names an item that does not exist."));
      if (lines[i].counted < 0)
        {
          msg = g_strdup_printf (_("Count: %s cannot be counted below zero."), item.name);
          return refuse (result, TSG_MOVEMENT_FIELD_LINES, error, msg);
        }
      if (g_hash_table_contains (seen, &lines[i].item_id))
        {
          msg = g_strdup_printf (_("Count: %s is counted twice."), item.name);
          return refuse (result, TSG_MOVEMENT_FIELD_LINES, error, msg);
        }
      g_hash_table_add (seen, (gpointer) &lines[i].item_id);
    }
  return TRUE;
}

gboolean
tsg_store_record_count (TsgStore           *self,
                        TsgActor           *actor,
                        gint64              point_id,
                        gboolean            full,
                        const TsgCountLine *lines,
                        guint               n_lines,
                        gint64              counted_at,
                        TsgMovementResult  *result,
                        GError            **error)
{
  g_auto(Named) point = { 0 };
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 count_id;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);

  prepare_result (result);
  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error))
    return FALSE;
  if (!load_point (self, point_id, &point))
    return refuse (result, TSG_MOVEMENT_FIELD_FROM, error, _("Point: choose the distribution point counted."));
  if (counted_at > _tsg_store_now () + FUTURE_SLACK)
    return refuse (result, TSG_MOVEMENT_FIELD_OCCURRED_AT, error,
                   _("Date: the count is dated in the future; enter when it was taken."));
  if (!validate_count (self, &point, lines, n_lines, full, result, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_lines; i++)
    g_hash_table_add (listed, (gpointer) &lines[i].item_id);
  /* A full count: whatever the ledger holds there and nobody found is gone. */
  if (full)
    {
      if (!(stmt = _tsg_store_prepare (self,
                                       "SELECT item_id FROM stock_balances WHERE point_id = ? AND balance > 0"
                                       " ORDER BY item_id", error)))
        return finish_tx (self, FALSE, NULL);
      sqlite3_bind_int64 (stmt, 1, point_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 item_id = sqlite3_column_int64 (stmt, 0);
          if (!g_hash_table_contains (listed, &item_id))
            g_array_append_val (missing, item_id);
        }
      sqlite3_reset (stmt);
    }

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO stock_counts (point_id, counted_at, full, staff_id, created_at)"
                                   " VALUES (?, ?, ?, ?, ?)", error)))
    return finish_tx (self, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, counted_at > 0 ? counted_at : _tsg_store_now ());
  sqlite3_bind_int (stmt, 3, full);
  bind_id_or_null (stmt, 4, actor ? tsg_actor_get_staff_id (actor) : 0);
  sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  if (!_tsg_store_step_done (self, stmt, error))
    return finish_tx (self, FALSE, NULL);
  count_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; ok && i < n_lines; i++)
    ok = count_line (self, actor, count_id, point_id, lines[i].item_id, lines[i].counted, counted_at, result, error);
  for (guint i = 0; ok && i < missing->len; i++)
    ok = count_line (self, actor, count_id, point_id, g_array_index (missing, gint64, i), 0, counted_at,
                     result, error);
  ok = ok && _tsg_store_audit (self, actor, "create", "stock_count", count_id, full ? "full" : "partial", error);
  if (!finish_tx (self, ok, error))
    {
      prepare_result (result);
      return FALSE;
    }
  if (result != NULL)
    result->count_id = count_id;
  return TRUE;
}

gboolean
tsg_store_assemble_kits (TsgStore           *self,
                         TsgActor           *actor,
                         gint64              point_id,
                         gint64              kit_id,
                         gint64              quantity,
                         TsgMovementResult  *result,
                         GError            **error)
{
  g_auto(Named) point = { 0 };
  g_auto(Named) kit = { 0 };
  g_autoptr(GArray) components = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *number = NULL;
  g_autofree char *msg = NULL;
  gboolean ok = TRUE;
  Row row = { 0 };
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  prepare_result (result);
  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_WRITE, error))
    return FALSE;
  if (!load_item (self, kit_id, &kit) || !kit.is_kit)
    return refuse (result, TSG_MOVEMENT_FIELD_ITEM, error, _("Kit: choose the kit to pack."));
  if (!check_quantity (quantity, result, error) ||
      !check_point (self, point_id, TRUE, TSG_MOVEMENT_FIELD_TO, &point, result, error))
    return FALSE;
  components = tsg_store_get_kit_components (self, kit_id);
  if (components->len == 0)
    {
      msg = g_strdup_printf (_("Kit: %s has no components to pack."), kit.name);
      return refuse (result, TSG_MOVEMENT_FIELD_ITEM, error, msg);
    }
  if (!_tsg_store_begin (self, error))
    return FALSE;

  /* translators: the reason of the adjustments that pack kits, e.g. "Packed 10 × Support kit" */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);
  reason = g_strdup_printf (_("Packed %s × %s"), number, kit.name);
  row.kind = "adjustment";
  row.cost_yen = -1;
  row.reason = reason;
  for (guint i = 0; ok && i < components->len; i++)
    {
      TsgKitComponent *comp = &g_array_index (components, TsgKitComponent, i);
      g_auto(Named) part = { 0 };

      load_item (self, comp->item_id, &part);
      ok = check_available (self, &point, &part, quantity * comp->quantity, TSG_MOVEMENT_FIELD_QUANTITY,
                            result, error);
      if (!ok)
        break;
      row.item_id = comp->item_id;
      row.from_point_id = point_id;
      row.quantity = quantity * comp->quantity;
      ok = (id = insert_row (self, actor, &row, error)) > 0 &&
           update_alert (self, point_id, comp->item_id, result, error);
      if (ok && result != NULL && result->movement_id == 0)
        result->movement_id = id;
    }
  if (ok)
    {
      row.item_id = kit_id;
      row.from_point_id = 0;
      row.to_point_id = point_id;
      row.quantity = quantity;
      ok = insert_row (self, actor, &row, error) > 0 &&
           update_alert (self, point_id, kit_id, result, error);
    }
  if (!finish_tx (self, ok, error))
    {
      if (result != NULL)
        {
          TsgMovementField field = result->invalid_field;
          prepare_result (result);
          result->invalid_field = field;
        }
      return FALSE;
    }
  return TRUE;
}

/* --- a point's history ------------------------------------------------- */

static gboolean
load_current_balances (TsgStore         *self,
                       gint64            point_id,
                       TsgHistoryCursor *cursor,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  cursor->balances = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!(stmt = _tsg_store_prepare (self, "SELECT item_id, balance FROM stock_balances WHERE point_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, point_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item = sqlite3_column_int64 (stmt, 0);
      gint64 balance = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (cursor->balances, g_memdup2 (&item, sizeof item), g_memdup2 (&balance, sizeof balance));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "history");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
tsg_store_point_history (TsgStore          *self,
                         TsgActor          *actor,
                         gint64             point_id,
                         gint64             item_id,
                         TsgHistoryCursor  *cursor,
                         guint              limit,
                         GError           **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_history_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error))
    return NULL;
  if (cursor->done)
    return g_steal_pointer (&rows);
  if (cursor->balances == NULL)
    {
      cursor->before_id = 0;
      if (!load_current_balances (self, point_id, cursor, error))
        return NULL;
    }

  /* Two index-ordered streams (out of / into the point), merged: each reads
   * only its newest @limit entries, however long the ledger. */
  if (!(stmt = _tsg_store_prepare (self,
        "SELECT m.id, m.occurred_at, m.kind, m.item_id, i.name, coalesce (o.name, ''),"
        "  CASE WHEN m.to_point_id = ?1 THEN m.quantity ELSE -m.quantity END,"
        "  coalesce (m.reason, m.funding_source, m.source, ''), m.client_id IS NOT NULL"
        " FROM (SELECT id FROM (SELECT id FROM stock_movements INDEXED BY movements_from_posted"
        "         WHERE from_point_id = ?1 AND (?2 = 0 OR item_id = ?2) AND (?3 = 0 OR id < ?3)"
        "         ORDER BY id DESC LIMIT ?4)"
        "       UNION ALL"
        "       SELECT id FROM (SELECT id FROM stock_movements INDEXED BY movements_to_posted"
        "         WHERE to_point_id = ?1 AND (?2 = 0 OR item_id = ?2) AND (?3 = 0 OR id < ?3)"
        "         ORDER BY id DESC LIMIT ?4)) x"
        " JOIN stock_movements m ON m.id = x.id"
        " JOIN items i ON i.id = m.item_id"
        " LEFT JOIN distribution_points o"
        "   ON o.id = CASE WHEN m.to_point_id = ?1 THEN m.from_point_id ELSE m.to_point_id END"
        " ORDER BY m.id DESC LIMIT ?4", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, point_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_int64 (stmt, 3, cursor->before_id);
  sqlite3_bind_int (stmt, 4, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgHistoryRow *row = g_new0 (TsgHistoryRow, 1);
      gint64 *balance;

      row->id = sqlite3_column_int64 (stmt, 0);
      row->occurred_at = sqlite3_column_int64 (stmt, 1);
      row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->item_id = sqlite3_column_int64 (stmt, 3);
      row->item_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->other_point = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->delta = sqlite3_column_int64 (stmt, 6);
      row->note = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      row->to_client = sqlite3_column_int (stmt, 8) != 0;

      /* Walking back in posting order: the balance after this row is what
       * the newer rows leave; before it, that minus its own change. */
      balance = g_hash_table_lookup (cursor->balances, &row->item_id);
      if (balance == NULL)
        {
          gint64 zero = 0;
          balance = g_memdup2 (&zero, sizeof zero);
          g_hash_table_insert (cursor->balances, g_memdup2 (&row->item_id, sizeof row->item_id), balance);
        }
      row->balance_after = *balance;
      *balance -= row->delta;
      cursor->before_id = row->id;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "history");
      return NULL;
    }
  if (rows->len < limit)
    cursor->done = TRUE;
  return g_steal_pointer (&rows);
}

/* --- CSV ------------------------------------------------------------------ */

/* Quotes a field for spreadsheets; a leading = + - @ would start a formula
 * in Excel and LibreOffice, so such text gets a leading apostrophe. */
static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    is_text)
{
  gboolean quote;

  if (text == NULL)
    text = "";
  if (is_text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    {
      g_string_append (out, "\"'");
      quote = TRUE;
    }
  else
    {
      quote = strpbrk (text, ",\"\r\n") != NULL;
      if (quote)
        g_string_append_c (out, '"');
    }
  /* Whole runs between quotes, each quote doubled. */
  for (const char *p = text, *q; *p; p = q + 1)
    {
      q = strchr (p, '"');
      if (q == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, q - p + 1);
      g_string_append_c (out, '"');
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* ISO 8601 in the local zone with its offset. A GDateTime per row made the
 * export of 480,000 movements take seconds: the zone's offset is looked up
 * per row (cheap), the date itself is plain arithmetic through gmtime_r. */
static void
iso_local (GTimeZone *tz,
           gint64     unix_time,
           char       out[32])
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint32 offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
  time_t local = (time_t) (unix_time + offset);
  struct tm tm;

  if (gmtime_r (&local, &tm) == NULL)
    {
      out[0] = '\0';
      return;
    }
  g_snprintf (out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
              offset < 0 ? '-' : '+', ABS (offset) / 3600, (ABS (offset) / 60) % 60);
}

static const char *
kind_label (const char **labels,
            const char  *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (kind_ids[i], id) == 0)
      return labels[i];
  return id;
}

gboolean
tsg_store_export_ledger_csv (TsgStore       *self,
                             TsgActor       *actor,
                             GOutputStream  *stream,
                             GCancellable   *cancellable,
                             GError        **error)
{
  const char *headers[] = {
    N_("Movement number"), N_("Date and time"), N_("Movement"), N_("Item code"), N_("Item"),
    N_("From code"), N_("From"), N_("To code"), N_("To"), N_("Quantity"), N_("Source"),
    N_("Cost (yen)"), N_("Funding source"), N_("To a client"), N_("Reason"), N_("Staff"),
  };
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  /* Translated once, not per row. */
  const char *kind_labels[G_N_ELEMENTS (kind_ids)];
  const char *donation = _("Donation"), *purchase = _("Purchase"), *yes = _("Yes");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_INVENTORY_READ, error))
    return FALSE;
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, "export", "stock_movement", 0, "csv", error) ||
      !_tsg_store_commit (self, error))
    {
      if (self->tx_depth > 0)
        _tsg_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    kind_labels[i] = tsg_enum_label (tsg_movement_kinds, kind_ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, g_dgettext (GETTEXT_PACKAGE, headers[i]), TRUE);
    }
  g_string_append (out, "\r\n");

  if (!(stmt = _tsg_store_prepare (self,
        "SELECT m.id, m.occurred_at, m.kind, i.code, i.name, coalesce (f.code, ''), coalesce (f.name, ''),"
        "  coalesce (t.code, ''), coalesce (t.name, ''), m.quantity, coalesce (m.source, ''),"
        "  coalesce (m.cost_yen, ''), coalesce (m.funding_source, ''), m.client_id IS NOT NULL,"
        "  coalesce (m.reason, ''), coalesce (s.display_name, '')"
        " FROM stock_movements m JOIN items i ON i.id = m.item_id"
        " LEFT JOIN distribution_points f ON f.id = m.from_point_id"
        " LEFT JOIN distribution_points t ON t.id = m.to_point_id"
        " LEFT JOIN staff s ON s.id = m.staff_id"
        " ORDER BY m.id", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char when[32];
      const char *source = (const char *) sqlite3_column_text (stmt, 10);

      iso_local (tz, sqlite3_column_int64 (stmt, 1), when);
      for (int col = 0; col < 16; col++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, col);
          gboolean is_text = TRUE;

          if (col > 0)
            g_string_append_c (out, ',');
          switch (col)
            {
            case 1: text = when; break;
            case 2: text = kind_label (kind_labels, text); break;
            case 10:
              text = g_strcmp0 (source, "donation") == 0 ? donation
                   : g_strcmp0 (source, "purchase") == 0 ? purchase : source;
              break;
            case 13: text = sqlite3_column_int (stmt, 13) ? yes : ""; break;
            case 0: case 9: case 11: is_text = FALSE; break;
            default: break;
            }
          append_csv_field (out, text, is_text);
        }
      g_string_append (out, "\r\n");
      if (out->len > 64 * 1024)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          g_string_truncate (out, 0);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "export");
      return FALSE;
    }
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

/* tsg-store-inventory.h: hygiene products, distribution points and the
 * stock ledger
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger (stock_movements) is append-only and is the only source of
 * truth: a balance is the sum of the movements into a point minus those out
 * of it. stock_balances holds that sum, kept by triggers in the movement's
 * own transaction, so the stock matrix is one small read; --check verifies
 * that every stored balance equals the sum of its movements.
 *
 * Kits are stocked as kits. A support kit (an item with is_kit) is a bag
 * packed at the office from its components: tsg_store_assemble_kits() takes
 * the components out of a point's stock and puts the kits in (two
 * adjustments in one transaction), and from then on the kit moves, is
 * counted and is handed out as one unit, like the bags the points hold. A
 * kit handed out therefore moves one kit; its components left the stock
 * when the bag was packed. A kit received ready-packed (a donation of
 * bags) is a receipt of the kit itself.
 *
 * Every movement is one transaction, checked against the current balances
 * and audited. Bad input changes nothing and gets one sentence naming the
 * field; TsgMovementResult.invalid_field says which field, so a dialog can
 * show the sentence beside it.
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *code;
  char    *name;
  char    *category;       /* tsg_item_categories */
  char    *unit;           /* "pack", "box", "set"… as the office writes it */
  int      pack_size;      /* pieces in one unit */
  gboolean is_kit;
  gboolean active;
} TsgItem;

typedef struct
{
  gint64   item_id;
  int      quantity;
} TsgKitComponent;

typedef struct
{
  gint64   id;
  char    *code;
  char    *name;
  char    *kind;           /* tsg_point_kinds */
  char    *address;
  char    *municipality;
  char    *contact_person;
  char    *opening_hours;
  gboolean is_office;
  gboolean active;
} TsgPoint;

typedef enum
{
  TSG_MOVEMENT_RECEIPT,       /* into a point: a donation or a purchase */
  TSG_MOVEMENT_TRANSFER,      /* from one point to another */
  TSG_MOVEMENT_DISTRIBUTION,  /* out of a point: to a client, or a tally */
  TSG_MOVEMENT_ADJUSTMENT,    /* into or out of a point, with a reason */
  TSG_MOVEMENT_COUNT,         /* written by tsg_store_record_count() only */
} TsgMovementKind;

/* The field a refused movement was refused for. */
typedef enum
{
  TSG_MOVEMENT_FIELD_NONE,
  TSG_MOVEMENT_FIELD_KIND,
  TSG_MOVEMENT_FIELD_ITEM,
  TSG_MOVEMENT_FIELD_FROM,
  TSG_MOVEMENT_FIELD_TO,
  TSG_MOVEMENT_FIELD_QUANTITY,
  TSG_MOVEMENT_FIELD_OCCURRED_AT,
  TSG_MOVEMENT_FIELD_SOURCE,
  TSG_MOVEMENT_FIELD_COST,
  TSG_MOVEMENT_FIELD_FUNDING,
  TSG_MOVEMENT_FIELD_CLIENT,
  TSG_MOVEMENT_FIELD_REASON,
  TSG_MOVEMENT_FIELD_LINES,
} TsgMovementField;

/* What to record. Unused fields stay 0 / NULL (tsg_movement_spec_init). */
typedef struct
{
  TsgMovementKind kind;
  gint64      item_id;
  gint64      from_point_id;   /* 0: none (a receipt, an increase) */
  gint64      to_point_id;     /* 0: none (a distribution, a decrease) */
  gint64      quantity;        /* units, above zero */
  gint64      occurred_at;     /* Unix seconds; 0: now */
  const char *source;          /* receipts: "donation" or "purchase" */
  gint64      cost_yen;        /* receipts: -1 when not known (donations) */
  const char *funding_source;  /* receipts: the grant or the donor */
  const char *client_code;     /* distributions: NULL for an anonymous tally */
  const char *reason;          /* adjustments: required; others: a note */
} TsgMovementSpec;

/* A point that a movement took below its par level. */
typedef struct
{
  gint64  point_id;
  gint64  item_id;
  char   *point_name;
  char   *item_name;
  gint64  balance;
  gint64  par;
} TsgStockAlert;

typedef struct
{
  gint64           movement_id;    /* the (first) movement written, 0 if none */
  gint64           count_id;       /* tsg_store_record_count() */
  gint64           case_id;        /* a distribution to a client with an open case */
  GPtrArray       *alerts;         /* (element-type TsgStockAlert): newly below par */
  TsgMovementField invalid_field;  /* on TSG_STORE_ERROR_INVALID */
} TsgMovementResult;

typedef struct
{
  gint64 item_id;
  gint64 counted;                  /* what is on the shelf, 0 or more */
} TsgCountLine;

/* The stock matrix: points × items. */
typedef struct
{
  GPtrArray *points;               /* (element-type TsgPoint) office first */
  GPtrArray *items;                /* (element-type TsgItem) */
  gint64    *balances;             /* [point * items->len + item] */
  gint64    *pars;                 /* same layout; -1 where no par is set */
} TsgStockMatrix;

/* One row of a point's history, newest first, with the balance of that
 * row's item at the point just after it. */
typedef struct
{
  gint64  id;
  gint64  occurred_at;
  char   *kind;                    /* tsg_movement_kinds */
  gint64  item_id;
  char   *item_name;
  char   *other_point;             /* the other end of a transfer, or "" */
  gint64  delta;                   /* + into the point, - out of it */
  gint64  balance_after;
  char   *note;                    /* reason, source or funding */
  gboolean to_client;
} TsgHistoryRow;

/* Where the next page of a history starts; carries the running balances so
 * that a page costs what its rows cost. Zero-initialise for the first page. */
typedef struct
{
  gint64      before_id;           /* 0: from the newest */
  GHashTable *balances;            /* item id -> balance after before_id's row */
  gboolean    done;
} TsgHistoryCursor;

/* What to take where to bring a point up to its par levels. */
typedef struct
{
  gint64  point_id;
  char   *point_name;
  char   *point_address;
  gint64  item_id;
  char   *item_name;
  char   *unit;
  gint64  balance;
  gint64  par;
  gint64  needed;                  /* par - balance */
  gint64  office_balance;          /* what the office store holds now */
} TsgRestockLine;

/* Reach of one point in one month. */
typedef struct
{
  gint64  point_id;
  char   *month;                   /* "YYYY-MM", office's local time */
  gint64  distributions;           /* movements (hand-outs and tallies) */
  gint64  units;                   /* units handed out */
  gint64  contacts;                /* contacts who heard of us there */
} TsgReachCell;

void           tsg_item_free               (TsgItem          *item);
void           tsg_point_free              (TsgPoint         *point);
void           tsg_stock_alert_free        (TsgStockAlert    *alert);
void           tsg_stock_matrix_free       (TsgStockMatrix   *matrix);
void           tsg_history_row_free        (TsgHistoryRow    *row);
void           tsg_history_cursor_clear    (TsgHistoryCursor *cursor);
void           tsg_restock_line_free       (TsgRestockLine   *line);
void           tsg_reach_cell_free         (TsgReachCell     *cell);
void           tsg_movement_spec_init      (TsgMovementSpec  *spec,
                                            TsgMovementKind   kind);
void           tsg_movement_result_clear   (TsgMovementResult *result);
const char    *tsg_movement_kind_to_id     (TsgMovementKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgItem, tsg_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgPoint, tsg_point_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgStockMatrix, tsg_stock_matrix_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TsgMovementResult, tsg_movement_result_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TsgHistoryCursor, tsg_history_cursor_clear)

/* --- items, kits, points, par levels (tsg-store-inventory.c) ---------- */

/* Returns: (transfer full) (element-type TsgItem), by category and name. */
GPtrArray     *tsg_store_list_items        (TsgStore         *self,
                                            TsgActor         *actor,
                                            gboolean          include_inactive,
                                            GError          **error);
/* Returns: (transfer full) (element-type TsgPoint), the office first. */
GPtrArray     *tsg_store_list_points       (TsgStore         *self,
                                            TsgActor         *actor,
                                            gboolean          include_inactive,
                                            GError          **error);
TsgItem       *tsg_store_get_item          (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            item_id,
                                            GError          **error);
TsgPoint      *tsg_store_get_point         (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            GError          **error);
/* An item by its code; 0 when none. (Points: tsg_store_find_point() in
 * tsg-store-flyers.h takes an id or a code.) */
gint64         tsg_store_find_item         (TsgStore         *self,
                                            const char       *code);
/* Inserts (item->id == 0) or updates; a kit's components replace the old
 * ones. Returns the item's id, 0 with @error. */
gint64         tsg_store_save_item         (TsgStore         *self,
                                            TsgActor         *actor,
                                            const TsgItem    *item,
                                            const TsgKitComponent *components,
                                            guint             n_components,
                                            GError          **error);
/* Returns: (transfer full) (element-type TsgKitComponent) */
GArray        *tsg_store_get_kit_components (TsgStore        *self,
                                            gint64            kit_id);
gint64         tsg_store_save_point        (TsgStore         *self,
                                            TsgActor         *actor,
                                            const TsgPoint   *point,
                                            GError          **error);
/* @par 0 removes the par level. Re-arms the alert when the balance is at
 * or above the new par. */
gboolean       tsg_store_set_par_level     (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            gint64            item_id,
                                            gint64            par,
                                            GError          **error);
/* -1 when the point has no par level for the item. */
gint64         tsg_store_get_par_level     (TsgStore         *self,
                                            gint64            point_id,
                                            gint64            item_id);

/* --- the ledger (tsg-store-ledger.c) ---------------------------------- */

/* Records one movement in one transaction. @result (nullable) receives the
 * movement's id, the alerts it raised and, when the input was refused, the
 * field. */
gboolean       tsg_store_record_movement   (TsgStore         *self,
                                            TsgActor         *actor,
                                            const TsgMovementSpec *spec,
                                            TsgMovementResult *result,
                                            GError          **error);
/* A stock count at @point_id: each line's difference from the ledger
 * becomes a 'count' movement. A full count also counts every item the
 * point holds that is not in @lines as zero. */
gboolean       tsg_store_record_count      (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            gboolean          full,
                                            const TsgCountLine *lines,
                                            guint             n_lines,
                                            gint64            counted_at,
                                            TsgMovementResult *result,
                                            GError          **error);
/* Packs @quantity kits at @point_id from its components. */
gboolean       tsg_store_assemble_kits     (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            gint64            kit_id,
                                            gint64            quantity,
                                            TsgMovementResult *result,
                                            GError          **error);

/* The stored balance (0 when the point never held the item). */
gint64         tsg_store_get_balance       (TsgStore         *self,
                                            gint64            point_id,
                                            gint64            item_id);
/* The same balance summed from the ledger itself (slow; for checks). */
gint64         tsg_store_sum_movements     (TsgStore         *self,
                                            gint64            point_id,
                                            gint64            item_id);
TsgStockMatrix *tsg_store_get_stock_matrix (TsgStore         *self,
                                            TsgActor         *actor,
                                            GError          **error);
/* One page of @point_id's history (@item_id 0: every item), newest first.
 * Returns: (transfer full) (element-type TsgHistoryRow) */
GPtrArray     *tsg_store_point_history     (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            gint64            item_id,
                                            TsgHistoryCursor *cursor,
                                            guint             limit,
                                            GError          **error);
/* @point_id 0: every point below par. Returns: (transfer full)
 * (element-type TsgRestockLine), by point and item. */
GPtrArray     *tsg_store_restock_list      (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            point_id,
                                            GError          **error);
/* Distributions and contacts who heard of us there, per point and month,
 * for the @n_months months ending with the one holding @until (0: now).
 * Returns: (transfer full) (element-type TsgReachCell) */
GPtrArray     *tsg_store_inventory_reach   (TsgStore         *self,
                                            TsgActor         *actor,
                                            gint64            until,
                                            guint             n_months,
                                            GError          **error);
/* The whole ledger as CSV for spreadsheets: UTF-8 with a BOM, CRLF line
 * ends, one movement a line, oldest first. No client is named in it. */
gboolean       tsg_store_export_ledger_csv (TsgStore         *self,
                                            TsgActor         *actor,
                                            GOutputStream    *stream,
                                            GCancellable     *cancellable,
                                            GError          **error);

/* --- records JSON (tsg-records-inventory.c) ------------------------------ */

typedef struct
{
  gint64 item_id;
  gint64 par;
} TsgParLevel;

/* Returns: (transfer full) (element-type TsgParLevel), by item. */
GArray        *tsg_store_get_par_levels    (TsgStore         *self,
                                            gint64            point_id);

/* One movement as the records JSON writes it: codes, not ids. */
typedef struct
{
  gint64      id;
  gint64      occurred_at;
  const char *kind;
  const char *item_code;
  const char *from_code;       /* NULL: none */
  const char *to_code;
  gint64      quantity;
  const char *source;
  gint64      cost_yen;        /* -1: not known */
  const char *funding_source;
  const char *client_code;     /* NULL: anonymous */
  const char *reason;
} TsgMovementRecord;

typedef gboolean (*TsgMovementVisit) (const TsgMovementRecord *record,
                                      gpointer                 user_data,
                                      GError                 **error);

/* Every movement in posting order. */
gboolean       tsg_store_foreach_movement  (TsgStore         *self,
                                            TsgActor         *actor,
                                            TsgMovementVisit  visit,
                                            gpointer          user_data,
                                            GError          **error);
/* A movement from records JSON: checked like one recorded by hand (in the
 * file's order, so a balance never goes below zero), with the client given
 * by id (@client_id 0: anonymous) and no timeline row (her case's timeline
 * travels with her case); count corrections (TSG_MOVEMENT_COUNT, one point
 * set) are accepted. */
gboolean       tsg_store_import_movement   (TsgStore         *self,
                                            TsgActor         *actor,
                                            const TsgMovementSpec *spec,
                                            gint64            client_id,
                                            GError          **error);

G_END_DECLS

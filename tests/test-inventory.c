/* test-inventory.c: items, points, the stock ledger, counts, kits, alerts
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tsg-records.h"
#include "tsg-restock-list.h"
#include "tsg-store-flyers.h"
#include "tsg-store-inventory.h"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *coordinator;
  gint64    office;
  gint64    bookshop;
  gint64    school;      /* inactive */
  gint64    pads;
  gint64    liners;
  gint64    kit;
} Fixture;

static gint64
add_point (Fixture    *f,
           const char *code,
           const char *name,
           const char *kind,
           gboolean    office,
           gboolean    active)
{
  g_autoptr(GError) error = NULL;
  TsgPoint point = { 0, (char *) code, (char *) name, (char *) kind, NULL, NULL, NULL, NULL, office, active };
  gint64 id = tsg_store_save_point (f->store, f->coordinator, &point, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_item (Fixture               *f,
          const char            *code,
          const char            *name,
          const char            *category,
          const TsgKitComponent *components,
          guint                  n_components)
{
  g_autoptr(GError) error = NULL;
  TsgItem item = { 0, (char *) code, (char *) name, (char *) category, "pack", 10, n_components > 0, TRUE };
  gint64 id = tsg_store_save_item (f->store, f->coordinator, &item, components, n_components, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TsgKitComponent parts[2];

  /* Thousands of transactions with synchronous=FULL: on a RAM disk where
   * there is one, so the fsyncs do not make the test crawl on a busy disk. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    f->dir = g_mkdtemp (g_strdup ("/dev/shm/tsg-inventory-XXXXXX"));
  else
    f->dir = g_dir_make_tmp ("tsg-inventory-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  f->coordinator = tsg_actor_new (1, TSG_ROLE_COORDINATOR, "Coordinator");

  f->office = add_point (f, "OFFICE", "Office", "office", TRUE, TRUE);
  f->bookshop = add_point (f, "BOOK", "Bookshop", "bookshop", FALSE, TRUE);
  f->school = add_point (f, "SCHOOL", "School", "school", FALSE, FALSE);
  f->pads = add_item (f, "PAD", "Day pads", "pads_day", NULL, 0);
  f->liners = add_item (f, "LINER", "Liners", "liners", NULL, 0);
  parts[0] = (TsgKitComponent) { f->pads, 2 };
  parts[1] = (TsgKitComponent) { f->liners, 1 };
  f->kit = add_item (f, "KIT", "Support kit", "kit", parts, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->coordinator, tsg_actor_unref);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (f->dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gboolean
move (Fixture           *f,
      TsgMovementKind    kind,
      gint64             item,
      gint64             from,
      gint64             to,
      gint64             quantity,
      TsgMovementResult *result,
      GError           **error)
{
  TsgMovementSpec spec;

  tsg_movement_spec_init (&spec, kind);
  spec.item_id = item;
  spec.from_point_id = from;
  spec.to_point_id = to;
  spec.quantity = quantity;
  if (kind == TSG_MOVEMENT_RECEIPT)
    {
      spec.source = "donation";
      spec.funding_source = "Donor";
    }
  if (kind == TSG_MOVEMENT_ADJUSTMENT)
    spec.reason = "damaged";
  return tsg_store_record_movement (f->store, f->coordinator, &spec, result, error);
}

static void
move_ok (Fixture         *f,
         TsgMovementKind  kind,
         gint64           item,
         gint64           from,
         gint64           to,
         gint64           quantity)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsgMovementResult) result = { 0 };

  g_assert_true (move (f, kind, item, from, to, quantity, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.movement_id, >, 0);
}

static void
assert_sound (Fixture *f)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean ok = tsg_store_check (f->store, problems, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));
  g_assert_true (ok);
}

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TsgStockMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;

  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 100);
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 30);
  move_ok (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 4);
  move_ok (f, TSG_MOVEMENT_ADJUSTMENT, f->pads, f->office, 0, 5);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 65);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->bookshop, f->pads), ==, 26);
  g_assert_cmpint (tsg_store_sum_movements (f->store, f->bookshop, f->pads), ==, 26);

  matrix = tsg_store_get_stock_matrix (f->store, f->coordinator, &error);
  g_assert_no_error (error);
  /* The inactive school is not in the matrix; the office comes first. */
  g_assert_cmpuint (matrix->points->len, ==, 2);
  g_assert_cmpuint (matrix->items->len, ==, 3);
  g_assert_cmpint (((TsgPoint *) g_ptr_array_index (matrix->points, 0))->id, ==, f->office);
  g_assert_cmpint (matrix->balances[0 * 3 + 0], ==, 65);
  g_assert_cmpint (matrix->balances[1 * 3 + 0], ==, 26);
  g_assert_cmpint (matrix->pars[1 * 3 + 0], ==, -1);
  /* Every movement is audited. */
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM audit_log WHERE record_kind = 'stock_movement'"), ==, 4);
  assert_sound (f);
}

typedef struct
{
  const char      *name;
  TsgMovementKind  kind;
  int              item;       /* 0 pads, 1 liners, 2 none */
  int              from;       /* 0 none, 1 office, 2 bookshop, 3 school */
  int              to;
  gint64           quantity;
  const char      *client;
  const char      *reason;
  TsgMovementField field;
  const char      *words;      /* in the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "zero quantity", TSG_MOVEMENT_RECEIPT, 0, 0, 1, 0, NULL, NULL, TSG_MOVEMENT_FIELD_QUANTITY, "Quantity: 0" },
  { "negative quantity", TSG_MOVEMENT_TRANSFER, 0, 1, 2, -3, NULL, NULL, TSG_MOVEMENT_FIELD_QUANTITY, "Quantity: -3" },
  { "transfer to itself", TSG_MOVEMENT_TRANSFER, 0, 1, 1, 2, NULL, NULL, TSG_MOVEMENT_FIELD_TO, "two different points" },
  { "not held", TSG_MOVEMENT_DISTRIBUTION, 1, 2, 0, 1, NULL, NULL, TSG_MOVEMENT_FIELD_FROM, "does not hold any Liners" },
  { "below zero", TSG_MOVEMENT_DISTRIBUTION, 0, 2, 0, 11, NULL, NULL, TSG_MOVEMENT_FIELD_QUANTITY, "only 10 of Day pads" },
  { "transfer below zero", TSG_MOVEMENT_TRANSFER, 0, 1, 2, 41, NULL, NULL, TSG_MOVEMENT_FIELD_QUANTITY, "below zero" },
  { "to an inactive point", TSG_MOVEMENT_TRANSFER, 0, 1, 3, 1, NULL, NULL, TSG_MOVEMENT_FIELD_TO, "School is inactive" },
  { "no point", TSG_MOVEMENT_RECEIPT, 0, 0, 0, 1, NULL, NULL, TSG_MOVEMENT_FIELD_TO, "To:" },
  { "no item", TSG_MOVEMENT_RECEIPT, 2, 0, 1, 1, NULL, NULL, TSG_MOVEMENT_FIELD_ITEM, "Item:" },
  { "unknown client", TSG_MOVEMENT_DISTRIBUTION, 0, 2, 0, 1, "C-404", NULL, TSG_MOVEMENT_FIELD_CLIENT, "C-404" },
  { "adjustment without reason", TSG_MOVEMENT_ADJUSTMENT, 0, 1, 0, 1, NULL, "  ", TSG_MOVEMENT_FIELD_REASON, "Reason:" },
  { "adjustment both ways", TSG_MOVEMENT_ADJUSTMENT, 0, 1, 2, 1, NULL, "found", TSG_MOVEMENT_FIELD_FROM, "one point" },
  { "count as a movement", TSG_MOVEMENT_COUNT, 0, 0, 1, 1, NULL, NULL, TSG_MOVEMENT_FIELD_KIND, "count" },
};

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  gint64 points[] = { 0, f->office, f->bookshop, f->school };
  gint64 items[] = { f->pads, f->liners, 0 };
  gint64 movements, audits;

  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 50);
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 10);
  movements = count_rows (f, "SELECT count (*) FROM stock_movements");
  audits = count_rows (f, "SELECT count (*) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_auto(TsgMovementResult) result = { 0 };
      TsgMovementSpec spec;

      g_test_message ("case: %s", bad->name);
      tsg_movement_spec_init (&spec, bad->kind);
      spec.item_id = items[bad->item];
      spec.from_point_id = points[bad->from];
      spec.to_point_id = points[bad->to];
      spec.quantity = bad->quantity;
      spec.source = "purchase";
      spec.client_code = bad->client;
      spec.reason = bad->reason;
      g_assert_false (tsg_store_record_movement (f->store, f->coordinator, &spec, &result, &error));
      g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
      g_assert_cmpint (result.invalid_field, ==, bad->field);
      if (strstr (error->message, bad->words) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad->name, error->message, bad->words);
      g_assert_null (result.alerts);
      g_assert_cmpint (result.movement_id, ==, 0);
    }
  /* Nothing was saved: no movement, no audit entry, balances unchanged. */
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_movements"), ==, movements);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM audit_log"), ==, audits);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->bookshop, f->pads), ==, 10);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 40);
  assert_sound (f);
}

static void
test_ledger_is_append_only (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *db;

  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 5);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM stock_movements", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE stock_movements SET quantity = 9", NULL, NULL, NULL), !=, SQLITE_OK);
  /* The triggers refuse any row that takes a balance below zero, even one
   * written behind the store's back. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, quantity,"
                                 " created_at) VALUES (1, 'distribution', 4, 1, 6, 1)", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 5);

  /* --check notices a stored balance that disagrees with the ledger. */
  exec_sql (f, "UPDATE stock_balances SET balance = 7");
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_assert_false (tsg_store_check (f->store, problems, NULL));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "differs from the sum of its movements"));
  }
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsgActor) front_desk = tsg_actor_new (1, TSG_ROLE_FRONT_DESK, "Front desk");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TsgMovementSpec spec;

  tsg_movement_spec_init (&spec, TSG_MOVEMENT_RECEIPT);
  spec.item_id = f->pads;
  spec.to_point_id = f->office;
  spec.quantity = 3;
  spec.source = "donation";
  g_assert_false (tsg_store_record_movement (f->store, front_desk, &spec, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_movements"), ==, 0);
  /* Reading the stock is allowed. */
  items = tsg_store_list_items (f->store, front_desk, FALSE, NULL);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 3);
}

static void
test_client_distribution (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsgMovementResult) result = { 0 };
  TsgMovementSpec spec;

  exec_sql (f,
            "INSERT INTO clients (id, code, created_at, updated_at) VALUES (10, 'C-0010', 1, 1), (11, 'C-0011', 1, 1);"
            "INSERT INTO cases (id, client_id, status, opened_at, updated_at) VALUES (20, 10, 'closed', 1, 1);"
            "UPDATE cases SET closed_at = 2 WHERE id = 20;"
            "INSERT INTO cases (id, client_id, status, opened_at, updated_at) VALUES (21, 10, 'support', 5, 5);");
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 10);

  tsg_movement_spec_init (&spec, TSG_MOVEMENT_DISTRIBUTION);
  spec.item_id = f->pads;
  spec.from_point_id = f->office;
  spec.quantity = 2;
  spec.client_code = " C-0010 ";
  g_assert_true (tsg_store_record_movement (f->store, f->coordinator, &spec, &result, &error));
  g_assert_no_error (error);
  /* Her open case, not the closed one, shows the hand-over. */
  g_assert_cmpint (result.case_id, ==, 21);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM timeline_events WHERE case_id = 21 AND kind = 'distribution'"
                                  " AND title = 'Day pads × 2' AND body = 'Office'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_movements WHERE client_id = 10 AND case_id = 21"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM audit_log WHERE record_kind = 'client' AND record_id = 10"), ==, 1);

  /* A client without an open case: the movement names her, no timeline. */
  spec.client_code = "C-0011";
  tsg_movement_result_clear (&result);
  g_assert_true (tsg_store_record_movement (f->store, f->coordinator, &spec, &result, &error));
  g_assert_cmpint (result.case_id, ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM timeline_events"), ==, 1);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 6);
  assert_sound (f);
}

static void
test_alert_once_until_restocked (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsgMovementResult) result = { 0 };
  TsgStockAlert *alert;

  g_assert_true (tsg_store_set_par_level (f->store, f->coordinator, f->bookshop, f->pads, 10, &error));
  g_assert_no_error (error);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 100);

  /* The par was set while the bookshop held nothing: that counts as told
   * already (the matrix shows it); the first transfer up to par re-arms. */
  g_assert_true (move (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 12, &result, &error));
  g_assert_null (result.alerts);
  g_assert_true (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 2, &result, &error));
  g_assert_null (result.alerts);                      /* 10: at par */
  g_assert_true (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 1, &result, &error));
  g_assert_nonnull (result.alerts);                   /* 9: below */
  g_assert_cmpuint (result.alerts->len, ==, 1);
  alert = g_ptr_array_index (result.alerts, 0);
  g_assert_cmpint (alert->point_id, ==, f->bookshop);
  g_assert_cmpint (alert->item_id, ==, f->pads);
  g_assert_cmpint (alert->balance, ==, 9);
  g_assert_cmpint (alert->par, ==, 10);
  g_assert_cmpstr (alert->point_name, ==, "Bookshop");
  g_assert_cmpstr (alert->item_name, ==, "Day pads");

  g_assert_true (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 1, &result, &error));
  g_assert_null (result.alerts);                      /* 8: already told */
  g_assert_true (move (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 1, &result, &error));
  g_assert_null (result.alerts);                      /* 9: still below, not restocked */
  g_assert_true (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 1, &result, &error));
  g_assert_null (result.alerts);
  g_assert_true (move (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 5, &result, &error));
  g_assert_null (result.alerts);                      /* 13: restocked, re-armed */
  g_assert_cmpint (count_rows (f, "SELECT alerted FROM par_levels"), ==, 0);
  g_assert_true (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 4, &result, &error));
  g_assert_nonnull (result.alerts);                   /* 9: below again */
  g_assert_cmpint (count_rows (f, "SELECT alerted FROM par_levels"), ==, 1);
  /* A refused movement raises nothing. */
  g_assert_false (move (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 40, &result, &error));
  g_assert_null (result.alerts);
  g_clear_error (&error);
  /* A count below par alerts too (after a restock). */
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 10);
  {
    TsgCountLine line = { f->pads, 3 };
    tsg_movement_result_clear (&result);
    g_assert_true (tsg_store_record_count (f->store, f->coordinator, f->bookshop, FALSE, &line, 1, 0, &result, &error));
    g_assert_no_error (error);
    g_assert_nonnull (result.alerts);
    g_assert_cmpuint (result.alerts->len, ==, 1);
  }
  assert_sound (f);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsgMovementResult) result = { 0 };
  TsgCountLine lines[] = { { 0, 45 } };
  gint64 audits;

  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 50);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->liners, 0, f->office, 8);

  /* Partial: only the pads were counted; 45 on the shelf, 50 in the ledger. */
  lines[0].item_id = f->pads;
  g_assert_true (tsg_store_record_count (f->store, f->coordinator, f->office, FALSE, lines, 1, 0, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.count_id, >, 0);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 45);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->liners), ==, 8);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_movements WHERE kind = 'count' AND from_point_id = 1"
                                  " AND quantity = 5 AND count_id IS NOT NULL"), ==, 1);

  /* Full: pads found 47 (a count up), the liners not found at all. */
  lines[0].counted = 47;
  tsg_movement_result_clear (&result);
  g_assert_true (tsg_store_record_count (f->store, f->coordinator, f->office, TRUE, lines, 1, 0, &result, &error));
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 47);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->liners), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_count_lines"), ==, 3);

  /* A count that matches writes its lines and no movement. */
  tsg_movement_result_clear (&result);
  g_assert_true (tsg_store_record_count (f->store, f->coordinator, f->office, FALSE, lines, 1, 0, &result, &error));
  g_assert_cmpint (result.movement_id, ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_movements WHERE kind = 'count'"), ==, 3);

  /* Bad counts change nothing. */
  audits = count_rows (f, "SELECT count (*) FROM audit_log");
  g_assert_false (tsg_store_record_count (f->store, f->coordinator, f->school, FALSE, lines, 1, 0, &result, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "School is inactive"));
  g_assert_cmpint (result.invalid_field, ==, TSG_MOVEMENT_FIELD_FROM);
  g_clear_error (&error);
  lines[0].counted = -1;
  g_assert_false (tsg_store_record_count (f->store, f->coordinator, f->office, FALSE, lines, 1, 0, &result, &error));
  g_assert_cmpint (result.invalid_field, ==, TSG_MOVEMENT_FIELD_LINES);
  g_clear_error (&error);
  g_assert_false (tsg_store_record_count (f->store, f->coordinator, f->office, FALSE, NULL, 0, 0, &result, &error));
  g_assert_cmpint (result.invalid_field, ==, TSG_MOVEMENT_FIELD_LINES);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM audit_log"), ==, audits);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM stock_counts"), ==, 3);
  assert_sound (f);
}

static void
test_kits (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TsgMovementResult) result = { 0 };
  g_autoptr(GArray) parts = tsg_store_get_kit_components (f->store, f->kit);

  g_assert_cmpuint (parts->len, ==, 2);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 10);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->liners, 0, f->office, 3);

  /* Four kits need 8 pads and 4 liners: only 3 liners. */
  g_assert_false (tsg_store_assemble_kits (f->store, f->coordinator, f->office, f->kit, 4, &result, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Liners"));
  g_clear_error (&error);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 10);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->kit), ==, 0);

  g_assert_true (tsg_store_assemble_kits (f->store, f->coordinator, f->office, f->kit, 3, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->pads), ==, 4);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->liners), ==, 0);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->office, f->kit), ==, 3);

  /* A kit moves and is handed out as one unit. */
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->kit, f->office, f->bookshop, 2);
  move_ok (f, TSG_MOVEMENT_DISTRIBUTION, f->kit, f->bookshop, 0, 1);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->bookshop, f->kit), ==, 1);
  g_assert_cmpint (tsg_store_get_balance (f->store, f->bookshop, f->pads), ==, 0);

  /* A kit of kits, or a kit without components, is refused. */
  {
    TsgKitComponent nested = { f->kit, 1 };
    TsgItem item = { 0, "KIT2", "Kit of kits", "kit", "set", 1, TRUE, TRUE };
    g_assert_cmpint (tsg_store_save_item (f->store, f->coordinator, &item, &nested, 1, &error), ==, 0);
    g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (tsg_store_save_item (f->store, f->coordinator, &item, NULL, 0, &error), ==, 0);
    g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (tsg_store_find_item (f->store, "KIT2"), ==, 0);
  }
  assert_sound (f);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TsgHistoryCursor) cursor = { 0 };
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gint64 running[2] = { 0, 0 };

  for (int i = 0; i < 30; i++)
    {
      move_ok (f, TSG_MOVEMENT_RECEIPT, i % 2 ? f->liners : f->pads, 0, f->office, 10 + i);
      move_ok (f, TSG_MOVEMENT_TRANSFER, i % 2 ? f->liners : f->pads, f->office, f->bookshop, 3);
    }
  /* Pages of 7, newest first, joined: the balance after each row walks back
   * to zero. */
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *page = tsg_store_point_history (f->store, f->coordinator, f->office, 0, &cursor, 7, &error);

      g_assert_no_error (error);
      g_ptr_array_add (pages, page);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (page, i));
      if (cursor.done)
        break;
    }
  g_assert_cmpuint (all->len, ==, 60);
  for (guint i = all->len; i-- > 0;)
    {
      TsgHistoryRow *row = g_ptr_array_index (all, i);
      int k = row->item_id == f->pads ? 0 : 1;

      running[k] += row->delta;
      g_assert_cmpint (row->balance_after, ==, running[k]);
      g_assert_cmpint (row->balance_after, >=, 0);
      if (i > 0)
        g_assert_cmpint (row->id, <, ((TsgHistoryRow *) g_ptr_array_index (all, i - 1))->id);
      if (g_str_equal (row->kind, "transfer"))
        g_assert_cmpstr (row->other_point, ==, "Bookshop");
    }
  g_assert_cmpint (running[0], ==, tsg_store_get_balance (f->store, f->office, f->pads));
  g_assert_cmpint (running[1], ==, tsg_store_get_balance (f->store, f->office, f->liners));

  /* One item only. */
  {
    g_auto(TsgHistoryCursor) c2 = { 0 };
    g_autoptr(GPtrArray) rows = tsg_store_point_history (f->store, f->coordinator, f->bookshop, f->liners, &c2, 100, NULL);
    g_assert_cmpuint (rows->len, ==, 15);
    g_assert_true (c2.done);
    g_assert_cmpint (((TsgHistoryRow *) g_ptr_array_index (rows, 0))->balance_after, ==, 45);
  }
}

/* Property: whatever random movements are asked for, after each sequence
 * every stored balance equals the sum of the ledger and equals a model
 * kept here, none is negative, and refused movements change nothing. */
static void
test_random_sequences (Fixture       *f,
                       gconstpointer  data)
{
  gint64 points[] = { f->office, f->bookshop, f->school };
  gint64 items[] = { f->pads, f->liners, f->kit };
  gint64 model[3][3] = { { 0 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260401);
  guint n_sequences = g_test_thorough () ? 50000 : 10000;
  guint accepted = 0, refused = 0;
  gint64 rows = 0;

  for (guint s = 0; s < n_sequences; s++)
    {
      guint length = g_rand_int_range (rand, 1, 5);

      for (guint m = 0; m < length; m++)
        {
          g_autoptr(GError) error = NULL;
          g_auto(TsgMovementResult) result = { 0 };
          int kind = g_rand_int_range (rand, 0, 6);
          int ii = g_rand_int_range (rand, 0, 3);
          int from = g_rand_int_range (rand, 0, 3);
          int to = g_rand_int_range (rand, 0, 3);
          /* Mostly sensible, sometimes zero or negative. */
          gint64 qty = g_rand_int_range (rand, 0, 8) == 0 ? g_rand_int_range (rand, -3, 1)
                                                           : g_rand_int_range (rand, 1, 30);
          gboolean ok;
          gint64 before[3][3];

          memcpy (before, model, sizeof model);
          if (kind == 5)
            {
              TsgCountLine line = { items[ii], MAX (qty, 0) };
              gboolean full = g_rand_boolean (rand);

              ok = tsg_store_record_count (f->store, f->coordinator, points[from], full, &line, 1, 0, &result, &error);
              if (ok)
                {
                  if (full)
                    for (int k = 0; k < 3; k++)
                      model[from][k] = 0;
                  model[from][ii] = line.counted;
                }
            }
          else if (kind == 4)
            {
              ok = tsg_store_assemble_kits (f->store, f->coordinator, points[to], f->kit, qty, &result, &error);
              if (ok)
                {
                  model[to][0] -= 2 * qty;
                  model[to][1] -= qty;
                  model[to][2] += qty;
                }
            }
          else
            {
              TsgMovementKind k = (TsgMovementKind) kind;
              gint64 from_id = k == TSG_MOVEMENT_RECEIPT ? 0 : points[from];
              gint64 to_id = k == TSG_MOVEMENT_DISTRIBUTION ? 0 : points[to];

              if (k == TSG_MOVEMENT_ADJUSTMENT)
                {
                  if (g_rand_boolean (rand))
                    from_id = 0;
                  else
                    to_id = 0;
                }
              ok = move (f, k, items[ii], from_id, to_id, qty, &result, &error);
              if (ok)
                {
                  if (from_id)
                    model[from][ii] -= qty;
                  if (to_id)
                    model[to][ii] += qty;
                }
            }
          if (ok)
            {
              g_assert_no_error (error);
              accepted++;
            }
          else
            {
              /* Refused: a sentence, and the model (so the store) unchanged. */
              g_assert_nonnull (error);
              g_assert_cmpint (memcmp (before, model, sizeof model), ==, 0);
              g_assert_null (result.alerts);
              refused++;
            }
        }
      for (int p = 0; p < 3; p++)
        for (int i = 0; i < 3; i++)
          {
            gint64 stored = tsg_store_get_balance (f->store, points[p], items[i]);

            g_assert_cmpint (stored, >=, 0);
            g_assert_cmpint (stored, ==, model[p][i]);
            if (s % 50 == 0 || s == n_sequences - 1)
              g_assert_cmpint (tsg_store_sum_movements (f->store, points[p], items[i]), ==, stored);
          }
    }
  rows = count_rows (f, "SELECT count (*) FROM stock_movements");
  g_test_message ("%u movements accepted, %u refused, %" G_GINT64_FORMAT " ledger rows", accepted, refused, rows);
  g_assert_cmpuint (accepted, >, 1000);
  g_assert_cmpuint (refused, >, 1000);
  assert_sound (f);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  TsgMovementSpec spec;
  const char *text;
  g_auto(GStrv) lines = NULL;

  tsg_movement_spec_init (&spec, TSG_MOVEMENT_RECEIPT);
  spec.item_id = f->pads;
  spec.to_point_id = f->office;
  spec.quantity = 12;
  spec.source = "purchase";
  spec.cost_yen = 3000;
  spec.funding_source = "Grant, \"A\"";
  g_assert_true (tsg_store_record_movement (f->store, f->coordinator, &spec, NULL, &error));
  tsg_movement_spec_init (&spec, TSG_MOVEMENT_ADJUSTMENT);
  spec.item_id = f->pads;
  spec.from_point_id = f->office;
  spec.quantity = 1;
  spec.reason = "=1+2 wet\r\nbox";
  g_assert_true (tsg_store_record_movement (f->store, f->coordinator, &spec, NULL, &error));

  g_assert_true (tsg_store_export_ledger_csv (f->store, f->coordinator, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Movement number,Date and time,Movement,"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = g_strsplit (text + 3, "\r\n", -1);
  /* header, two rows (the second's reason holds a quoted CRLF), and "" */
  g_assert_nonnull (strstr (lines[1], ",Receipt,PAD,Day pads,,,OFFICE,Office,12,Purchase,3000,\"Grant, \"\"A\"\"\",,,"));
  g_assert_nonnull (strstr (text, ",\"'=1+2 wet\r\nbox\","));
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM audit_log WHERE action = 'export'"), ==, 1);
}

static void
test_restock_and_reach (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) reach = NULL;
  TsgRestockLine *line;
  g_autofree char *sql = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (tsg_store_set_par_level (f->store, f->coordinator, f->bookshop, f->pads, 20, &error));
  g_assert_true (tsg_store_set_par_level (f->store, f->coordinator, f->bookshop, f->liners, 5, &error));
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 100);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->liners, 0, f->office, 100);
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 8);
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->liners, f->office, f->bookshop, 6);
  move_ok (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 3);

  lines = tsg_store_restock_list (f->store, f->coordinator, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);      /* the liners are above par */
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpint (line->point_id, ==, f->bookshop);
  g_assert_cmpint (line->balance, ==, 5);
  g_assert_cmpint (line->needed, ==, 15);
  g_assert_cmpint (line->office_balance, ==, 92);
  {
    /* The same list as an A4 PDF (its text is checked by eye and in the
     * CLI; here: a PDF comes out whole). */
    g_autoptr(GBytes) pdf = tsg_restock_list_render (f->store, f->coordinator, 0, 0, &error);
    gsize size = 0;
    const char *bytes;

    g_assert_no_error (error);
    bytes = g_bytes_get_data (pdf, &size);
    g_assert_cmpuint (size, >, 1000);
    g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
    g_assert_nonnull (g_strstr_len (bytes + size - 32, 32, "%%EOF"));
  }

  sql = g_strdup_printf ("INSERT INTO contacts (started_at, channel, heard_via, created_at, updated_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'phone', 'BOOK', 1, 1), (%" G_GINT64_FORMAT ", 'line', 'BOOK', 1, 1);"
                         "INSERT INTO print_runs (code, point_id, template, quantity, printed_on, created_at)"
                         " VALUES ('FLY-1', 2, 'flyer', 100, '2025-01-01', 1);"
                         "INSERT INTO contacts (started_at, channel, heard_via, created_at, updated_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'phone', 'FLY-1', 1, 1);",
                         now - 60, now - 120, now - 30);
  exec_sql (f, sql);
  reach = tsg_store_inventory_reach (f->store, f->coordinator, 0, 12, &error);
  g_assert_no_error (error);
  /* Two active points (the inactive school too: it may have handed out
   * before it closed) × 12 months. */
  g_assert_cmpuint (reach->len, ==, 3 * 12);
  for (guint i = 0; i < reach->len; i++)
    {
      TsgReachCell *cell = g_ptr_array_index (reach, i);
      gboolean last = (i % 12) == 11;

      if (cell->point_id == f->bookshop && last)
        {
          g_assert_cmpint (cell->distributions, ==, 1);
          g_assert_cmpint (cell->units, ==, 3);
          g_assert_cmpint (cell->contacts, ==, 3);
        }
      else
        {
          g_assert_cmpint (cell->distributions, ==, 0);
          g_assert_cmpint (cell->contacts, ==, 0);
        }
    }
}

static void
test_records_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_build_filename (f->dir, "records.json", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr(TsgStore) other = NULL;
  g_autoptr(TsgActor) admin = tsg_actor_new (1, TSG_ROLE_ADMINISTRATOR, "Admin");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 points[2], items[3];
  guint n = 0;

  g_assert_true (tsg_store_set_par_level (f->store, f->coordinator, f->bookshop, f->pads, 12, &error));
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->pads, 0, f->office, 40);
  move_ok (f, TSG_MOVEMENT_RECEIPT, f->liners, 0, f->office, 9);
  move_ok (f, TSG_MOVEMENT_TRANSFER, f->pads, f->office, f->bookshop, 15);
  move_ok (f, TSG_MOVEMENT_DISTRIBUTION, f->pads, f->bookshop, 0, 4);
  g_assert_true (tsg_store_assemble_kits (f->store, f->coordinator, f->office, f->kit, 2, NULL, &error));
  {
    TsgCountLine line = { f->liners, 5 };
    g_assert_true (tsg_store_record_count (f->store, f->coordinator, f->office, FALSE, &line, 1, 0, NULL, &error));
  }
  g_assert_true (tsg_records_export_file (f->store, admin, json, &error));
  g_assert_no_error (error);

  other = tsg_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_records_import_file (other, admin, json, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3 + 3 + 8);   /* items, points, movements */
  points[0] = tsg_store_find_point (other, admin, "OFFICE", NULL);
  points[1] = tsg_store_find_point (other, admin, "BOOK", NULL);
  items[0] = tsg_store_find_item (other, "PAD");
  items[1] = tsg_store_find_item (other, "LINER");
  items[2] = tsg_store_find_item (other, "KIT");
  g_assert_cmpint (tsg_store_get_balance (other, points[0], items[0]), ==, tsg_store_get_balance (f->store, f->office, f->pads));
  g_assert_cmpint (tsg_store_get_balance (other, points[0], items[1]), ==, 5);
  g_assert_cmpint (tsg_store_get_balance (other, points[0], items[2]), ==, 2);
  g_assert_cmpint (tsg_store_get_balance (other, points[1], items[0]), ==, 11);
  g_assert_cmpint (tsg_store_get_par_level (other, points[1], items[0]), ==, 12);
  g_assert_true (tsg_store_check (other, problems, NULL));

  /* A file whose second movement takes more than there is: refused whole,
   * with the element and the reason named. */
  g_assert_true (g_file_set_contents (bad,
    "{\"stock_movements\": ["
    "{\"occurred_at\": \"2025-04-01T10:00:00+09:00\", \"kind\": \"receipt\", \"item\": \"PAD\","
    " \"to\": \"BOOK\", \"quantity\": 3, \"source\": \"donation\"},"
    "{\"occurred_at\": \"2025-04-02T10:00:00+09:00\", \"kind\": \"distribution\", \"item\": \"PAD\","
    " \"from\": \"BOOK\", \"quantity\": 500}]}", -1, NULL));
  g_assert_false (tsg_records_import_file (other, admin, bad, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "stock_movements"));
  g_assert_nonnull (strstr (error->message, "below zero"));
  g_assert_cmpint (tsg_store_get_balance (other, points[1], items[0]), ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/inventory/flow", test_flow);
  ADD ("/inventory/bad-input", test_bad_input);
  ADD ("/inventory/append-only", test_ledger_is_append_only);
  ADD ("/inventory/roles", test_roles);
  ADD ("/inventory/client-distribution", test_client_distribution);
  ADD ("/inventory/alert-once", test_alert_once_until_restocked);
  ADD ("/inventory/counts", test_counts);
  ADD ("/inventory/kits", test_kits);
  ADD ("/inventory/history", test_history);
  ADD ("/inventory/random-sequences", test_random_sequences);
  ADD ("/inventory/csv", test_csv);
  ADD ("/inventory/restock-and-reach", test_restock_and_reach);
  ADD ("/inventory/records-json", test_records_json);
#undef ADD

  return g_test_run ();
}

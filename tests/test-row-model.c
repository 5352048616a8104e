/* test-row-model.c: the paging list model over a generated store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-row-model.h"
#include "tsg-store.h"

/* More contacts than the model's cache may hold (2,048 rows). */
#define N_CONTACTS 5000
#define CACHE_LIMIT 2048
#define END_TIME G_GINT64_CONSTANT (1742007600)

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
  guint removed_total;   /* over every call: a reload shows its first page, */
  guint added_total;     /* then appends the rest */
  guint n_items_notifies;
  guint loaded;
  char *loaded_error;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
  c->removed_total += removed;
  c->added_total += added;
  /* The length is already the new one when the signal is emitted. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, position + added);
}

static void
on_n_items (GObject    *object,
            GParamSpec *pspec,
            Changes    *c)
{
  c->n_items_notifies++;
}

static void
on_loaded (TsgRowModel *model,
           const char  *error_message,
           Changes     *c)
{
  c->loaded++;
  g_free (c->loaded_error);
  c->loaded_error = g_strdup (error_message);
}

static void
watch (TsgRowModel *model,
       Changes     *c)
{
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), c);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (on_n_items), c);
  g_signal_connect (model, "loaded", G_CALLBACK (on_loaded), c);
}

static TsgStore *shared_store;

static TsgStore *
store (void)
{
  if (shared_store == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared_store = tsg_store_open (":memory:", &error);
      g_assert_no_error (error);
      g_assert_true (tsg_store_generate (shared_store, N_CONTACTS, 11, END_TIME, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return shared_store;
}

static void
test_items_are_rows_in_order (void)
{
  TsgStore *s = store ();
  TsgActor *actor = tsg_store_get_system_actor (s);
  g_autoptr(TsgRowModel) model = tsg_row_model_new (s, actor, TSG_LIST_CONTACTS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = tsg_store_list_ids (s, actor, TSG_LIST_CONTACTS, NULL, &error);
  Changes c = { 0 };
  guint n, max_cached = 0;
  gint64 previous_time = G_MAXINT64;

  g_assert_no_error (error);
  watch (model, &c);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TSG_TYPE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  g_assert_true (tsg_row_model_reload_sync (model, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_CONTACTS);
  g_assert_cmpint (n, ==, tsg_store_count (s, TSG_LIST_CONTACTS));
  g_assert_cmpuint (n, ==, ids->len);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, N_CONTACTS);
  g_assert_cmpuint (c.n_items_notifies, ==, 1);

  /* Nothing is fetched before somebody asks. */
  g_assert_cmpuint (tsg_row_model_get_cached (model), ==, 0);
  {
    g_autoptr(TsgRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_true (TSG_IS_ROW (first));
    g_assert_cmpint (tsg_row_get_id (first), ==, g_array_index (ids, gint64, 0));
    /* One page around the position, not the table. */
    g_assert_cmpuint (tsg_row_model_get_cached (model), >, 0);
    g_assert_cmpuint (tsg_row_model_get_cached (model), <=, 256);
  }

  /* Walking every item: the right row at each position, newest first, and
   * the cache never holds more than its limit. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 at;

      g_assert_nonnull (row);
      g_assert_cmpint (tsg_row_get_id (row), ==, g_array_index (ids, gint64, i));
      g_assert_cmpint (tsg_row_get_id (row), ==, tsg_row_model_get_id (model, i));
      g_assert_cmpuint (tsg_row_get_n_values (row), ==, TSG_CONTACT_N_COLS);
      at = tsg_row_get_int (row, TSG_CONTACT_COL_STARTED_AT);
      g_assert_cmpint (at, <=, previous_time);
      previous_time = at;
      max_cached = MAX (max_cached, tsg_row_model_get_cached (model));
    }
  g_assert_cmpuint (max_cached, <=, CACHE_LIMIT);
  g_assert_cmpuint (max_cached, <, n);

  /* Random access, backwards */
  for (guint i = n; i-- > 0; i -= MIN (i, 97))
    {
      g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (tsg_row_get_id (row), ==, g_array_index (ids, gint64, i));
    }

  /* Out of range */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), G_MAXUINT));
  g_assert_cmpint (tsg_row_model_get_id (model, n), ==, 0);
  g_assert_cmpint (tsg_row_model_find (model, g_array_index (ids, gint64, 17)), ==, 17);
  g_assert_cmpint (tsg_row_model_find (model, -5), ==, -1);

  /* A reload with the same query: one items-changed replacing everything,
   * and no n-items notification since the length stayed. */
  c = (Changes) { 0 };
  g_assert_true (tsg_row_model_reload_sync (model, NULL));
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.removed, ==, N_CONTACTS);
  g_assert_cmpuint (c.added, ==, N_CONTACTS);
  g_assert_cmpuint (c.n_items_notifies, ==, 0);
  g_assert_cmpuint (tsg_row_model_get_cached (model), ==, 0);
}

static gboolean
wait_loaded (TsgRowModel *model,
             Changes     *c,
             guint        loads)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (c->loaded < loads && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return c->loaded >= loads;
}

static void
test_queries_change_the_count (void)
{
  TsgStore *s = store ();
  TsgActor *actor = tsg_store_get_system_actor (s);
  g_autoptr(TsgRowModel) model = tsg_row_model_new (s, actor, TSG_LIST_CONTACTS);
  g_autoptr(TsgListQuery) query = tsg_list_query_new ();
  g_autoptr(GArray) line_ids = NULL;
  Changes c = { 0 };
  guint all, line, found;

  watch (model, &c);
  /* The view says how many rows it shows: that is the first page. */
  tsg_row_model_set_first_page (model, 48);
  tsg_row_model_reload (model);
  g_assert_true (tsg_row_model_get_loading (model));
  g_assert_true (wait_loaded (model, &c, 1));
  g_assert_null (c.loaded_error);
  g_assert_false (tsg_row_model_get_loading (model));
  all = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (all, ==, N_CONTACTS);
  /* The first page at once, then the rest appended after it. */
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 48);
  g_assert_cmpuint (c.removed_total, ==, 0);
  g_assert_cmpuint (c.added_total, ==, N_CONTACTS);
  g_assert_cmpuint (c.loaded, ==, 1);

  /* A filter: the LINE chats only */
  query->channel = g_strdup ("line");
  c.calls = c.removed_total = c.added_total = 0;
  tsg_row_model_set_query (model, query);
  g_assert_true (wait_loaded (model, &c, 2));
  line = g_list_model_get_n_items (G_LIST_MODEL (model));
  line_ids = tsg_store_list_ids (s, actor, TSG_LIST_CONTACTS, query, NULL);
  g_assert_cmpuint (line, ==, line_ids->len);
  g_assert_cmpuint (line, >, 0);
  g_assert_cmpuint (line, <, all);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.removed_total, ==, all);
  g_assert_cmpuint (c.added_total, ==, line);
  g_assert_cmpstr (tsg_row_model_get_query (model)->channel, ==, "line");
  for (guint i = 0; i < line; i += 50)
    {
      g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpstr (tsg_row_get_value (row, TSG_CONTACT_COL_CHANNEL), ==, "line");
    }

  /* Free text, in half-width katakana, on top of the filter */
  query->search = g_strdup ("ﾊﾛｰﾜｰｸ");
  tsg_row_model_set_query (model, query);
  g_assert_true (wait_loaded (model, &c, 3));
  found = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (found, >, 0);
  g_assert_cmpuint (found, <, line);

  /* Nothing matches */
  g_free (query->search);
  query->search = g_strdup ("該当しない言葉です");
  tsg_row_model_set_query (model, query);
  g_assert_true (wait_loaded (model, &c, 4));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  /* Two reloads in a row: the last query wins, with one more change. */
  g_clear_pointer (&query->search, g_free);
  g_clear_pointer (&query->channel, g_free);
  c.calls = 0;
  tsg_row_model_set_query (model, query);
  tsg_row_model_reload (model);
  g_assert_true (wait_loaded (model, &c, 5));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, all);
  g_free (c.loaded_error);
}

static void
test_other_lists (void)
{
  TsgStore *s = store ();
  TsgActor *actor = tsg_store_get_system_actor (s);
  const TsgListKind kinds[] = { TSG_LIST_CASES, TSG_LIST_SERVICES, TSG_LIST_MOVEMENTS };
  const guint n_cols[] = { TSG_CASE_N_COLS, TSG_SERVICE_N_COLS, TSG_MOVEMENT_N_COLS };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(TsgRowModel) model = tsg_row_model_new (s, actor, kinds[k]);
      guint n;

      g_assert_true (tsg_row_model_reload_sync (model, NULL));
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      g_assert_cmpint (n, ==, tsg_store_count (s, kinds[k]));
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i += 1 + n / 50)
        {
          g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
          g_assert_cmpint (tsg_row_get_id (row), ==, tsg_row_model_get_id (model, i));
          g_assert_cmpuint (tsg_row_get_n_values (row), ==, n_cols[k]);
        }
      g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
    }
}

/* A held model reads nothing, however often it is asked (a tab not shown
 * yet, a query set before the first frame); released, it reads once, with
 * the last query. */
static void
test_hold_and_release (void)
{
  g_autoptr(TsgRowModel) model = tsg_row_model_new (store (), tsg_store_get_system_actor (store ()),
                                                    TSG_LIST_CONTACTS);
  g_autoptr(TsgListQuery) query = tsg_list_query_new ();
  Changes c = { 0 };

  watch (model, &c);
  tsg_row_model_hold (model);
  g_assert_true (tsg_row_model_get_held (model));
  tsg_row_model_reload (model);
  tsg_row_model_set_query (model, query);
  g_assert_true (tsg_row_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (c.calls, ==, 0);
  g_assert_cmpuint (c.loaded, ==, 0);

  tsg_row_model_release (model);
  g_assert_false (tsg_row_model_get_held (model));
  g_assert_true (wait_loaded (model, &c, 1));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CONTACTS);
  /* Released twice: nothing more is read. */
  tsg_row_model_release (model);
  g_assert_cmpuint (c.loaded, ==, 1);
  g_free (c.loaded_error);
}

/* A file database: the ids are read by a worker thread on its own
 * connection while the main thread keeps going. */
static void
test_threaded_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-row-model-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(TsgStore) s = tsg_store_open (path, &error);
  g_autoptr(TsgRowModel) model = NULL;
  Changes c = { 0 };

  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (s, 400, 5, END_TIME, NULL, NULL, &error));
  model = tsg_row_model_new (s, tsg_store_get_system_actor (s), TSG_LIST_CONTACTS);
  watch (model, &c);
  tsg_row_model_reload (model);
  g_assert_true (wait_loaded (model, &c, 1));
  g_assert_null (c.loaded_error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 400);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.added_total, ==, 400);

  /* Dropping the model while a reload runs is safe: the reload keeps it
   * alive until the ids arrive. */
  tsg_row_model_reload (model);
  g_clear_object (&model);
  g_assert_true (wait_loaded (NULL, &c, 2));
  g_assert_null (c.loaded_error);
  g_clear_object (&s);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (c.loaded_error);
}

int
main (int argc, char *argv[])
{
  int status;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row-model/items-are-rows-in-order", test_items_are_rows_in_order);
  g_test_add_func ("/row-model/queries-change-the-count", test_queries_change_the_count);
  g_test_add_func ("/row-model/other-lists", test_other_lists);
  g_test_add_func ("/row-model/threaded-reload", test_threaded_reload);
  g_test_add_func ("/row-model/hold-and-release", test_hold_and_release);
  status = g_test_run ();
  g_clear_object (&shared_store);
  return status;
}

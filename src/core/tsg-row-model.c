/* tsg-row-model.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds only the ids of the matching rows (loaded off the main thread) and a
 * bounded cache of rows; get_item() fetches the page around a position with
 * one query. A view over a million contacts costs what its visible rows cost.
 */
#define G_LOG_DOMAIN "tsg-row-model"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "tsg-row-model.h"
#include "tsg-row-cache.h"
#include "tsg-store-private.h"

#define PAGE_SIZE 64
/* What a reload shows before the rest of the ids arrive, unless the view
 * says how many rows it shows (tsg_row_model_set_first_page()). A list view
 * makes a row widget for every item it has before its first allocation, so
 * a bigger first page only costs widgets nobody sees. */
#define FIRST_PAGE 30
#define CACHE_LIMIT 2048

struct _TsgRowModel
{
  GObject       parent_instance;

  TsgStore     *store;
  TsgActor     *actor;
  TsgListKind   kind;
  TsgListQuery *query;

  GArray       *ids;     /* gint64 */
  GHashTable   *cache;   /* gint64* -> TsgRow */
  GCancellable *cancellable;
  guint         loading : 1;
  guint         first_page;
  guint         held : 1;    /* reloads wait for tsg_row_model_release() */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsgRowModel, tsg_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_N_ITEMS, PROP_LOADING, N_PROPS };
enum { LOADED, N_SIGNALS };
static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return TSG_TYPE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return TSG_ROW_MODEL (model)->ids->len;
}

static GPtrArray *
fetch_rows (gpointer       data,
            const gint64  *keys,
            guint          n_keys,
            GError       **error)
{
  TsgRowModel *self = data;

  return tsg_store_fetch_rows (self->store, self->actor, self->kind, keys, n_keys, error);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TsgRowModel *self = TSG_ROW_MODEL (model);

  if (position >= self->ids->len)
    return NULL;
  return _tsg_row_cache_get (self->cache, self->ids, position, PAGE_SIZE, CACHE_LIMIT, fetch_rows, self);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
set_loading (TsgRowModel *self,
             gboolean     loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Every change goes through here: one items-changed and n-items notify. */
static void
replace_ids (TsgRowModel *self,
             GArray      *ids)
{
  guint removed = self->ids->len;

  g_array_unref (self->ids);
  self->ids = ids;
  g_hash_table_remove_all (self->cache);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
  if (removed != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The whole list after its first page: when it starts with the page shown,
 * only the rest is announced, so the rows on screen stay as they are. */
static void
append_or_replace_ids (TsgRowModel *self,
                       GArray      *ids)
{
  guint shown = self->ids->len;

  if (ids->len < shown ||
      memcmp (ids->data, self->ids->data, shown * sizeof (gint64)) != 0)
    {
      replace_ids (self, ids);
      return;
    }
  g_array_unref (self->ids);
  self->ids = ids;
  if (ids->len > shown)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, ids->len - shown);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
tsg_row_model_dispose (GObject *object)
{
  TsgRowModel *self = TSG_ROW_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_row_model_parent_class)->dispose (object);
}

static void
tsg_row_model_finalize (GObject *object)
{
  TsgRowModel *self = TSG_ROW_MODEL (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->query, tsg_list_query_free);
  G_OBJECT_CLASS (tsg_row_model_parent_class)->finalize (object);
}

static void
tsg_row_model_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TsgRowModel *self = TSG_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_row_model_class_init (TsgRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsg_row_model_dispose;
  object_class->finalize = tsg_row_model_finalize;
  object_class->get_property = tsg_row_model_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after each reload, with the GError message or NULL, once every
   * id is there (the first page shows before: items-changed). */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tsg_row_model_init (TsgRowModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->query = tsg_list_query_new ();
  self->first_page = FIRST_PAGE;
}

/* How many rows the view shows at once: the first page of a reload. */
void
tsg_row_model_set_first_page (TsgRowModel *self,
                              guint        n_rows)
{
  g_return_if_fail (TSG_IS_ROW_MODEL (self));
  self->first_page = CLAMP (n_rows, 8, PAGE_SIZE);
}

TsgRowModel *
tsg_row_model_new (TsgStore    *store,
                   TsgActor    *actor,
                   TsgListKind  kind)
{
  TsgRowModel *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (TSG_TYPE_ROW_MODEL, NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->kind = kind;
  return self;
}

TsgListKind
tsg_row_model_get_kind (TsgRowModel *self)
{
  return self->kind;
}

const TsgListQuery *
tsg_row_model_get_query (TsgRowModel *self)
{
  g_return_val_if_fail (TSG_IS_ROW_MODEL (self), NULL);
  return self->query;
}

void
tsg_row_model_set_query (TsgRowModel        *self,
                         const TsgListQuery *query)
{
  g_return_if_fail (TSG_IS_ROW_MODEL (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->query, tsg_list_query_free);
  self->query = tsg_list_query_copy (query);
  tsg_row_model_reload (self);
}

static void
reload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TsgRowModel) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids = tsg_store_list_ids_finish (TSG_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (ids == NULL)
    {
      g_warning ("Failed to list rows: %s", error->message);
      g_signal_emit (self, signals[LOADED], 0, error->message);
      return;
    }
  append_or_replace_ids (self, ids);
#ifdef __GLIBC__
  /* The worker grew the id array by doubling and read pages on its own
   * connection: glibc keeps what was freed there in the thread's arena. Give
   * it back, or a million ids leave ~25 MB resident for nothing. */
  malloc_trim (0);
#endif
  g_signal_emit (self, signals[LOADED], 0, NULL);
}

/* A newer reload cancels the one in flight: the last query wins. The first
 * page is read at once (a page's cost, even among a million rows), so the
 * view shows it within a frame; the rest of the ids follow from a thread. */
void
tsg_row_model_reload (TsgRowModel *self)
{
  g_autoptr(GError) error = NULL;
  GArray *first;

  g_return_if_fail (TSG_IS_ROW_MODEL (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->held)
    return;
  first = tsg_store_list_first_ids (self->store, self->actor, self->kind, self->query, self->first_page, &error);
  if (first == NULL)
    {
      set_loading (self, FALSE);
      g_warning ("Failed to list rows: %s", error->message);
      g_signal_emit (self, signals[LOADED], 0, error->message);
      return;
    }
  replace_ids (self, first);
  if (first->len < self->first_page)
    {
      /* That was all of them. */
      set_loading (self, FALSE);
      g_signal_emit (self, signals[LOADED], 0, NULL);
      return;
    }
  _tsg_store_list_ids_async_unaudited (self->store, self->actor, self->kind, self->query,
                                       self->cancellable, reload_cb, g_object_ref (self));
}

/**
 * tsg_row_model_hold:
 *
 * Until tsg_row_model_release(), reloads (and query changes) only mark the
 * model as loading and read nothing: a window shows its first frame before
 * its lists query a large database, and a list nobody has looked at yet
 * reads nothing at all.
 */
void
tsg_row_model_hold (TsgRowModel *self)
{
  g_return_if_fail (TSG_IS_ROW_MODEL (self));
  self->held = TRUE;
}

/* Runs the reload the hold kept waiting, if any was asked for. */
void
tsg_row_model_release (TsgRowModel *self)
{
  g_return_if_fail (TSG_IS_ROW_MODEL (self));

  if (!self->held)
    return;
  self->held = FALSE;
  if (self->loading)
    tsg_row_model_reload (self);
}

gboolean
tsg_row_model_get_held (TsgRowModel *self)
{
  g_return_val_if_fail (TSG_IS_ROW_MODEL (self), FALSE);
  return self->held;
}

gboolean
tsg_row_model_reload_sync (TsgRowModel  *self,
                           GError      **error)
{
  GArray *ids;

  g_return_val_if_fail (TSG_IS_ROW_MODEL (self), FALSE);

  ids = tsg_store_list_ids (self->store, self->actor, self->kind, self->query, error);
  if (ids == NULL)
    return FALSE;
  replace_ids (self, ids);
  return TRUE;
}

gboolean
tsg_row_model_get_loading (TsgRowModel *self)
{
  return self->loading;
}

guint
tsg_row_model_get_cached (TsgRowModel *self)
{
  return g_hash_table_size (self->cache);
}

gint64
tsg_row_model_get_id (TsgRowModel *self,
                      guint        position)
{
  g_return_val_if_fail (TSG_IS_ROW_MODEL (self), 0);
  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

int
tsg_row_model_find (TsgRowModel *self,
                    gint64       id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}

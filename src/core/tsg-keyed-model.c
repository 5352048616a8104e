/* tsg-keyed-model.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case's timeline and what is due are lists whose keys are cheap to read
 * at once (an index scan) while their rows are not: the keys are held, and
 * rows are read a page at a time when the view shows them, as TsgRowModel
 * does for the long lists. Subclasses say how keys and rows are read.
 */
#define G_LOG_DOMAIN "tsg-keyed-model"

#include "config.h"

#include "tsg-keyed-model.h"
#include "tsg-row-cache.h"

#define PAGE_SIZE 32
#define FIRST_PAGE 16   /* a screenful, and a little more */
#define CACHE_LIMIT 512

typedef struct
{
  TsgStore   *store;
  TsgActor   *actor;
  GArray     *keys;    /* gint64 */
  GHashTable *cache;   /* gint64* -> TsgRow */
  /* GTK 4.8 list views keep up to 200 rows alive around what is shown: the
   * model offers a page at a time and grows when the view scrolls near its
   * end (tsg_keyed_model_grow), so the first screen builds a page of rows,
   * not two hundred. */
  guint       shown;
  guint       grow_idle;
} TsgKeyedModelPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TsgKeyedModel, tsg_keyed_model, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (TsgKeyedModel)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define PRIV(self) ((TsgKeyedModelPrivate *) tsg_keyed_model_get_instance_private (TSG_KEYED_MODEL (self)))

static GType
get_item_type (GListModel *model)
{
  return TSG_TYPE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return PRIV (model)->shown;
}

static void
set_shown (TsgKeyedModel *self,
           guint          position,
           guint          removed,
           guint          shown)
{
  TsgKeyedModelPrivate *priv = PRIV (self);

  priv->shown = shown;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, shown - position);
  if (removed != shown - position)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
grow_cb (gpointer data)
{
  TsgKeyedModel *self = data;
  TsgKeyedModelPrivate *priv = PRIV (self);
  guint before = priv->shown;

  priv->grow_idle = 0;
  if (before < priv->keys->len)
    set_shown (self, before, 0, MIN (priv->keys->len, before + PAGE_SIZE));
  return G_SOURCE_REMOVE;
}

static GPtrArray *
fetch_rows (gpointer       data,
            const gint64  *keys,
            guint          n_keys,
            GError       **error)
{
  return TSG_KEYED_MODEL_GET_CLASS (data)->fetch (TSG_KEYED_MODEL (data), keys, n_keys, error);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TsgKeyedModelPrivate *priv = PRIV (model);

  if (position >= priv->shown)
    return NULL;
  return _tsg_row_cache_get (priv->cache, priv->keys, position, PAGE_SIZE, CACHE_LIMIT, fetch_rows, model);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
tsg_keyed_model_finalize (GObject *object)
{
  TsgKeyedModelPrivate *priv = PRIV (object);

  g_clear_handle_id (&priv->grow_idle, g_source_remove);
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->actor, tsg_actor_unref);
  g_clear_pointer (&priv->keys, g_array_unref);
  g_clear_pointer (&priv->cache, g_hash_table_unref);
  G_OBJECT_CLASS (tsg_keyed_model_parent_class)->finalize (object);
}

static void
tsg_keyed_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, PRIV (object)->shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_keyed_model_class_init (TsgKeyedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsg_keyed_model_finalize;
  object_class->get_property = tsg_keyed_model_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsg_keyed_model_init (TsgKeyedModel *self)
{
  TsgKeyedModelPrivate *priv = PRIV (self);

  priv->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

void
tsg_keyed_model_set_store (TsgKeyedModel *self,
                           TsgStore      *store,
                           TsgActor      *actor)
{
  TsgKeyedModelPrivate *priv = PRIV (self);

  g_return_if_fail (TSG_IS_STORE (store));
  g_return_if_fail (actor != NULL);

  g_set_object (&priv->store, store);
  g_clear_pointer (&priv->actor, tsg_actor_unref);
  priv->actor = tsg_actor_ref (actor);
}

TsgStore *
tsg_keyed_model_get_store (TsgKeyedModel *self)
{
  g_return_val_if_fail (TSG_IS_KEYED_MODEL (self), NULL);
  return PRIV (self)->store;
}

TsgActor *
tsg_keyed_model_get_actor (TsgKeyedModel *self)
{
  g_return_val_if_fail (TSG_IS_KEYED_MODEL (self), NULL);
  return PRIV (self)->actor;
}

void
tsg_keyed_model_set_keys (TsgKeyedModel *self,
                          GArray        *keys)
{
  TsgKeyedModelPrivate *priv;
  guint removed;

  g_return_if_fail (TSG_IS_KEYED_MODEL (self));
  g_return_if_fail (keys != NULL);

  priv = PRIV (self);
  removed = priv->shown;
  g_array_ref (keys);
  g_array_unref (priv->keys);
  priv->keys = keys;
  g_hash_table_remove_all (priv->cache);
  g_clear_handle_id (&priv->grow_idle, g_source_remove);
  set_shown (self, 0, removed, MIN (keys->len, FIRST_PAGE));
}

guint
tsg_keyed_model_get_total (TsgKeyedModel *self)
{
  g_return_val_if_fail (TSG_IS_KEYED_MODEL (self), 0);
  return PRIV (self)->keys->len;
}

guint
tsg_keyed_model_get_cached (TsgKeyedModel *self)
{
  g_return_val_if_fail (TSG_IS_KEYED_MODEL (self), 0);
  return g_hash_table_size (PRIV (self)->cache);
}

void
tsg_keyed_model_grow (TsgKeyedModel *self)
{
  TsgKeyedModelPrivate *priv;

  g_return_if_fail (TSG_IS_KEYED_MODEL (self));

  priv = PRIV (self);
  if (priv->shown < priv->keys->len && priv->grow_idle == 0)
    priv->grow_idle = g_idle_add (grow_cb, self);
}

/* tsg-timeline-model.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys of a case's timeline are few (hundreds) and cheap to read, so
 * they are read at once; rows are read a page at a time when the view
 * shows them, as TsgRowModel does for the long lists.
 */
#define G_LOG_DOMAIN "tsg-timeline-model"

#include "config.h"

#include "tsg-timeline-model.h"

#define PAGE_SIZE 32
#define FIRST_PAGE 16   /* a screenful, and a little more */
#define CACHE_LIMIT 512

struct _TsgTimelineModel
{
  GObject     parent_instance;

  TsgStore   *store;
  TsgActor   *actor;
  gint64      case_id;
  char       *kind;
  GArray     *keys;    /* gint64 */
  GHashTable *cache;   /* gint64* -> TsgRow */
  /* GTK 4.8 list views keep up to 200 rows alive around what is shown: the
   * model offers a page at a time and grows when the view scrolls near its
   * end (tsg_timeline_model_grow), so the first screen builds a page of rows, not two
   * hundred. */
  guint       shown;
  guint       grow_idle;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsgTimelineModel, tsg_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return TSG_TYPE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return TSG_TIMELINE_MODEL (model)->shown;
}

static gboolean
grow_cb (gpointer data)
{
  TsgTimelineModel *self = data;
  guint before = self->shown;

  self->grow_idle = 0;
  self->shown = MIN (self->keys->len, self->shown + PAGE_SIZE);
  if (self->shown > before)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->shown - before);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  return G_SOURCE_REMOVE;
}

static void
fetch_page (TsgTimelineModel *self,
            guint             position)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint start = position - position % PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->keys->len - start);

  if (g_hash_table_size (self->cache) + n > CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  rows = tsg_store_fetch_timeline (self->store, self->actor,
                                   &g_array_index (self->keys, gint64, start), n, &error);
  if (rows == NULL)
    {
      g_warning ("Failed to load the timeline: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gint64 key = tsg_row_get_id (row);
      g_hash_table_replace (self->cache, g_memdup2 (&key, sizeof key), g_object_ref (row));
    }
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TsgTimelineModel *self = TSG_TIMELINE_MODEL (model);
  TsgRow *row;
  gint64 key;

  if (position >= self->shown)
    return NULL;
  key = g_array_index (self->keys, gint64, position);
  if (!(row = g_hash_table_lookup (self->cache, &key)))
    {
      fetch_page (self, position);
      row = g_hash_table_lookup (self->cache, &key);
    }
  return row ? g_object_ref (row) : tsg_row_new (key, NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
tsg_timeline_model_finalize (GObject *object)
{
  TsgTimelineModel *self = TSG_TIMELINE_MODEL (object);

  g_clear_handle_id (&self->grow_idle, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_free (self->kind);
  G_OBJECT_CLASS (tsg_timeline_model_parent_class)->finalize (object);
}

static void
tsg_timeline_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, TSG_TIMELINE_MODEL (object)->shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_timeline_model_class_init (TsgTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsg_timeline_model_finalize;
  object_class->get_property = tsg_timeline_model_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsg_timeline_model_init (TsgTimelineModel *self)
{
  self->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

TsgTimelineModel *
tsg_timeline_model_new (TsgStore *store,
                        TsgActor *actor,
                        gint64    case_id)
{
  TsgTimelineModel *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (TSG_TYPE_TIMELINE_MODEL, NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->case_id = case_id;
  return self;
}

gint64
tsg_timeline_model_get_case_id (TsgTimelineModel *self)
{
  g_return_val_if_fail (TSG_IS_TIMELINE_MODEL (self), 0);
  return self->case_id;
}

void
tsg_timeline_model_set_keys (TsgTimelineModel *self,
                             GArray           *keys)
{
  guint removed;

  g_return_if_fail (TSG_IS_TIMELINE_MODEL (self));

  removed = self->shown;
  g_array_unref (self->keys);
  self->keys = g_array_ref (keys);
  g_hash_table_remove_all (self->cache);
  self->shown = MIN (keys->len, FIRST_PAGE);
  g_clear_handle_id (&self->grow_idle, g_source_remove);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown);
  if (removed != self->shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
tsg_timeline_model_reload (TsgTimelineModel  *self,
                           GError           **error)
{
  GArray *keys;
  guint removed;

  g_return_val_if_fail (TSG_IS_TIMELINE_MODEL (self), FALSE);

  if (!(keys = tsg_store_timeline_keys (self->store, self->actor, self->case_id, self->kind, error)))
    return FALSE;
  removed = self->shown;
  g_array_unref (self->keys);
  self->keys = keys;
  g_hash_table_remove_all (self->cache);
  self->shown = MIN (keys->len, FIRST_PAGE);
  g_clear_handle_id (&self->grow_idle, g_source_remove);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown);
  if (removed != self->shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

void
tsg_timeline_model_set_kind (TsgTimelineModel *self,
                             const char       *kind)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_TIMELINE_MODEL (self));

  if (kind != NULL && *kind == '\0')
    kind = NULL;
  if (g_strcmp0 (kind, self->kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  if (!tsg_timeline_model_reload (self, &error))
    g_warning ("Failed to filter the timeline: %s", error->message);
}

const char *
tsg_timeline_model_get_kind (TsgTimelineModel *self)
{
  return self->kind;
}

guint
tsg_timeline_model_get_cached (TsgTimelineModel *self)
{
  return g_hash_table_size (self->cache);
}

/* Every item, also those not offered to the view yet. */
guint
tsg_timeline_model_get_total (TsgTimelineModel *self)
{
  return self->keys->len;
}

/* Offers the next page to the view (when it scrolls near the end). */
void
tsg_timeline_model_grow (TsgTimelineModel *self)
{
  if (self->shown < self->keys->len && self->grow_idle == 0)
    self->grow_idle = g_idle_add (grow_cb, self);
}

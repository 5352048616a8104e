/* tsg-timeline-model.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys of a case's timeline are few (hundreds) and cheap to read, so
 * they are read at once; rows a page at a time (TsgKeyedModel).
 */
#define G_LOG_DOMAIN "tsg-timeline-model"

#include "config.h"

#include "tsg-timeline-model.h"

struct _TsgTimelineModel
{
  TsgKeyedModel parent_instance;

  gint64        case_id;
  char         *kind;
};

G_DEFINE_FINAL_TYPE (TsgTimelineModel, tsg_timeline_model, TSG_TYPE_KEYED_MODEL)

static GPtrArray *
tsg_timeline_model_fetch (TsgKeyedModel  *model,
                          const gint64   *keys,
                          guint           n_keys,
                          GError        **error)
{
  return tsg_store_fetch_timeline (tsg_keyed_model_get_store (model), tsg_keyed_model_get_actor (model),
                                   keys, n_keys, error);
}

static void
tsg_timeline_model_finalize (GObject *object)
{
  g_free (TSG_TIMELINE_MODEL (object)->kind);
  G_OBJECT_CLASS (tsg_timeline_model_parent_class)->finalize (object);
}

static void
tsg_timeline_model_class_init (TsgTimelineModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_timeline_model_finalize;
  TSG_KEYED_MODEL_CLASS (klass)->fetch = tsg_timeline_model_fetch;
}

static void
tsg_timeline_model_init (TsgTimelineModel *self)
{
}

TsgTimelineModel *
tsg_timeline_model_new (TsgStore *store,
                        TsgActor *actor,
                        gint64    case_id)
{
  TsgTimelineModel *self = g_object_new (TSG_TYPE_TIMELINE_MODEL, NULL);

  tsg_keyed_model_set_store (TSG_KEYED_MODEL (self), store, actor);
  self->case_id = case_id;
  return self;
}

gint64
tsg_timeline_model_get_case_id (TsgTimelineModel *self)
{
  g_return_val_if_fail (TSG_IS_TIMELINE_MODEL (self), 0);
  return self->case_id;
}

gboolean
tsg_timeline_model_reload (TsgTimelineModel  *self,
                           GError           **error)
{
  TsgKeyedModel *model = TSG_KEYED_MODEL (self);
  g_autoptr(GArray) keys = NULL;

  g_return_val_if_fail (TSG_IS_TIMELINE_MODEL (self), FALSE);

  keys = tsg_store_timeline_keys (tsg_keyed_model_get_store (model), tsg_keyed_model_get_actor (model),
                                  self->case_id, self->kind, error);
  if (keys == NULL)
    return FALSE;
  tsg_keyed_model_set_keys (model, keys);
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
  g_return_val_if_fail (TSG_IS_TIMELINE_MODEL (self), NULL);
  return self->kind;
}

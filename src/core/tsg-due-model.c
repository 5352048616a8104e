/* tsg-due-model.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is due can be thousands of items on an office's ten-year database:
 * the keys are read at once (an index scan), rows a page at a time when
 * the view shows them (TsgKeyedModel).
 */
#define G_LOG_DOMAIN "tsg-due-model"

#include "config.h"

#include "tsg-due-model.h"

struct _TsgDueModel
{
  TsgKeyedModel parent_instance;
};

G_DEFINE_FINAL_TYPE (TsgDueModel, tsg_due_model, TSG_TYPE_KEYED_MODEL)

static GPtrArray *
tsg_due_model_fetch (TsgKeyedModel  *model,
                     const gint64   *keys,
                     guint           n_keys,
                     GError        **error)
{
  return tsg_store_fetch_due (tsg_keyed_model_get_store (model), tsg_keyed_model_get_actor (model),
                              keys, n_keys, error);
}

static void
tsg_due_model_class_init (TsgDueModelClass *klass)
{
  TSG_KEYED_MODEL_CLASS (klass)->fetch = tsg_due_model_fetch;
}

static void
tsg_due_model_init (TsgDueModel *self)
{
}

TsgDueModel *
tsg_due_model_new (TsgStore *store,
                   TsgActor *actor)
{
  TsgDueModel *self = g_object_new (TSG_TYPE_DUE_MODEL, NULL);

  tsg_keyed_model_set_store (TSG_KEYED_MODEL (self), store, actor);
  return self;
}

/* @on_date NULL = today; @staff_id 0 = everybody's. */
gboolean
tsg_due_model_reload (TsgDueModel  *self,
                      const char   *on_date,
                      gint64        staff_id,
                      GError      **error)
{
  TsgKeyedModel *model = TSG_KEYED_MODEL (self);
  g_autoptr(GArray) keys = NULL;

  g_return_val_if_fail (TSG_IS_DUE_MODEL (self), FALSE);

  keys = tsg_store_due_keys (tsg_keyed_model_get_store (model), tsg_keyed_model_get_actor (model),
                             on_date, staff_id, error);
  if (keys == NULL)
    return FALSE;
  tsg_keyed_model_set_keys (model, keys);
  return TRUE;
}

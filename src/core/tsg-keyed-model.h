/* tsg-keyed-model.h: a GListModel over keys read at once, rows a page at a time
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_KEYED_MODEL (tsg_keyed_model_get_type ())

G_DECLARE_DERIVABLE_TYPE (TsgKeyedModel, tsg_keyed_model, TSG, KEYED_MODEL, GObject)

struct _TsgKeyedModelClass
{
  GObjectClass parent_class;

  /* The rows of @n_keys keys (TsgRow, in any order: matched by id). */
  GPtrArray *(*fetch) (TsgKeyedModel  *self,
                       const gint64   *keys,
                       guint           n_keys,
                       GError        **error);
};

/* For subclasses' constructors. */
void      tsg_keyed_model_set_store  (TsgKeyedModel *self,
                                      TsgStore      *store,
                                      TsgActor      *actor);
TsgStore *tsg_keyed_model_get_store  (TsgKeyedModel *self);
TsgActor *tsg_keyed_model_get_actor  (TsgKeyedModel *self);
/* Replaces the keys (takes a reference) and offers the first page. */
void      tsg_keyed_model_set_keys   (TsgKeyedModel *self,
                                      GArray        *keys);
/* Every item, also those not offered to the view yet. */
guint     tsg_keyed_model_get_total  (TsgKeyedModel *self);
guint     tsg_keyed_model_get_cached (TsgKeyedModel *self);
/* Offers the next page to the view; a view calls it when it is scrolled
 * near its end. */
void      tsg_keyed_model_grow       (TsgKeyedModel *self);

G_END_DECLS

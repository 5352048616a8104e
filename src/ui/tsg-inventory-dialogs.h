/* tsg-inventory-dialogs.h: a distribution point and its par levels, an item
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

/* Called with the saved record's id. */
typedef void (*TsgInventorySaved) (gpointer user_data,
                                   gint64   id);

/* A new point (@point_id 0) or an existing one, with a par level per
 * active item; @saved runs once it is stored. */
void tsg_point_dialog_present (GtkWidget         *parent,
                               TsgStore          *store,
                               TsgActor          *actor,
                               gint64             point_id,
                               TsgInventorySaved  saved,
                               gpointer           user_data,
                               GDestroyNotify     destroy);
/* A new item (@item_id 0) or an existing one. */
void tsg_item_dialog_present  (GtkWidget         *parent,
                               TsgStore          *store,
                               TsgActor          *actor,
                               gint64             item_id,
                               TsgInventorySaved  saved,
                               gpointer           user_data,
                               GDestroyNotify     destroy);

G_END_DECLS

/* tsg-count-dialog.h: a stock count at one distribution point
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

#define TSG_TYPE_COUNT_DIALOG (tsg_count_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgCountDialog, tsg_count_dialog, TSG, COUNT_DIALOG, GtkWindow)

/* One box per item for what is on the shelf. A partial count records the
 * boxes filled in; a full count needs every box. On success emits
 * "recorded" (TsgMovementResult *) and closes. */
GtkWidget *tsg_count_dialog_new (GtkWindow *parent,
                                 TsgStore  *store,
                                 TsgActor  *actor,
                                 gint64     point_id);

G_END_DECLS

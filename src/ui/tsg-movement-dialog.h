/* tsg-movement-dialog.h: record a receipt, a transfer, a distribution, an
 * adjustment, or pack kits
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store-inventory.h"

G_BEGIN_DECLS

typedef enum
{
  TSG_MOVEMENT_DIALOG_RECEIPT,
  TSG_MOVEMENT_DIALOG_TRANSFER,
  TSG_MOVEMENT_DIALOG_DISTRIBUTION,
  TSG_MOVEMENT_DIALOG_ADJUSTMENT,
  TSG_MOVEMENT_DIALOG_PACK_KITS,
} TsgMovementDialogMode;

#define TSG_TYPE_MOVEMENT_DIALOG (tsg_movement_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgMovementDialog, tsg_movement_dialog, TSG, MOVEMENT_DIALOG, GtkWindow)

/* @point_id, @item_id (0: none): preselected. On success the dialog emits
 * "recorded" (a TsgMovementResult *, valid during the emission) and closes;
 * a refused movement leaves it open with the sentence under the field. */
GtkWidget *tsg_movement_dialog_new (GtkWindow             *parent,
                                    TsgStore              *store,
                                    TsgActor              *actor,
                                    TsgMovementDialogMode  mode,
                                    gint64                 point_id,
                                    gint64                 item_id);

G_END_DECLS

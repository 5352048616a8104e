/* tsg-training-dialog.h: record or edit a staff training and its survey
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store-reports.h"

G_BEGIN_DECLS

#define TSG_TYPE_TRAINING_DIALOG (tsg_training_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgTrainingDialog, tsg_training_dialog, TSG, TRAINING_DIALOG, AdwWindow)

/* @training: the session to edit, or NULL for a new one (dated today, or
 * in @fiscal_year when today is outside it). Emits "saved" once stored. */
TsgTrainingDialog *tsg_training_dialog_new (GtkWindow         *parent,
                                            TsgStore          *store,
                                            TsgActor          *actor,
                                            const TsgTraining *training,
                                            int                fiscal_year);

G_END_DECLS

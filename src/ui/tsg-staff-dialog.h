/* tsg-staff-dialog.h: the administrator adds staff, resets passwords,
 * changes roles and deactivates accounts
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_STAFF_DIALOG (tsg_staff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgStaffDialog, tsg_staff_dialog, TSG, STAFF_DIALOG, AdwWindow)

GtkWidget *tsg_staff_dialog_new (TsgStore *store,
                                 TsgActor *actor);

G_END_DECLS

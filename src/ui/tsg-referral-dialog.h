/* tsg-referral-dialog.h: refer a woman to a service of the directory
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-window.h"

G_BEGIN_DECLS

#define TSG_TYPE_REFERRAL_DIALOG (tsg_referral_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgReferralDialog, tsg_referral_dialog, TSG, REFERRAL_DIALOG, AdwWindow)

/* A case (@case_id) or a contact (@contact_id), or neither to choose the
 * case in the dialog; a service (@service_id), or 0 to find it in the
 * dialog. Checks consent (asks for a reason when she has not consented),
 * makes the referral and, when asked, opens the letter with its preview. */
GtkWidget *tsg_referral_dialog_new (TsgWindow *window,
                                    gint64     case_id,
                                    gint64     contact_id,
                                    gint64     service_id);

G_END_DECLS

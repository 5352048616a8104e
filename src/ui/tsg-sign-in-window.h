/* tsg-sign-in-window.h: the first window: sign in, or create the administrator
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_SIGN_IN_WINDOW (tsg_sign_in_window_get_type ())

G_DECLARE_FINAL_TYPE (TsgSignInWindow, tsg_sign_in_window, TSG, SIGN_IN_WINDOW, AdwApplicationWindow)

/* Emits ::signed-in (TsgActor *) once a staff member has signed in or the
 * first administrator has been created. */
TsgSignInWindow *tsg_sign_in_window_new (AdwApplication *application,
                                         TsgStore       *store);

G_END_DECLS

/* tsg-lock-screen.h: the window shown while the desk is locked
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_LOCK_SCREEN (tsg_lock_screen_get_type ())

G_DECLARE_FINAL_TYPE (TsgLockScreen, tsg_lock_screen, TSG, LOCK_SCREEN, AdwApplicationWindow)

/* Emits ::unlocked (TsgActor *) when @actor types her password again or
 * another staff member signs in (compare the staff ids). */
TsgLockScreen *tsg_lock_screen_new (AdwApplication *application,
                                    TsgStore       *store,
                                    TsgActor       *actor);

G_END_DECLS

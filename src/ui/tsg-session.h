/* tsg-session.h: one staff member's time at the desk, from sign-in to
 * sign-out: her main window, the idle lock and the lock screen
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"
#include "tsg-window.h"

G_BEGIN_DECLS

#define TSG_TYPE_SESSION (tsg_session_get_type ())

G_DECLARE_FINAL_TYPE (TsgSession, tsg_session, TSG, SESSION, GObject)

/* Opens the main window for @actor. The window locks after
 * GSettings idle-lock-minutes without input in any window of the
 * application. Emits ::switch-user (TsgActor *) when another staff member
 * signs in at the lock screen: the application then starts her session and
 * ends this one. */
TsgSession *tsg_session_new              (AdwApplication *application,
                                          TsgStore       *store,
                                          TsgActor       *actor);
TsgWindow  *tsg_session_get_window       (TsgSession     *self);
TsgActor   *tsg_session_get_actor        (TsgSession     *self);
void        tsg_session_lock             (TsgSession     *self);
gboolean    tsg_session_is_locked        (TsgSession     *self);
/* Seconds without input before the lock (0: never); follows GSettings
 * until set here. */
void        tsg_session_set_idle_seconds (TsgSession     *self,
                                          guint           seconds);
/* Saves the layout and closes every window of the session. */
void        tsg_session_end              (TsgSession     *self);

G_END_DECLS

/* tsg-preferences-window.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_PREFERENCES_WINDOW (tsg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TsgPreferencesWindow, tsg_preferences_window, TSG, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *tsg_preferences_window_new (TsgStore *store,
                                       TsgActor *actor);

G_END_DECLS

/* tsg-display.h: choices made before GTK opens the display
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* On an X server without direct rendering (Xvfb, VNC, most remote desktops)
 * OpenGL runs in software (llvmpipe): GTK 4.8's GL renderer then costs about
 * a second of CPU and 70 MB before the first frame. There, and only when the
 * person has not chosen a renderer (GSK_RENDERER, GDK_DEBUG), draw with cairo
 * and leave GL alone. Call before the display is opened. Returns TRUE when
 * it chose cairo. */
gboolean tsg_display_avoid_software_gl (void);

G_END_DECLS

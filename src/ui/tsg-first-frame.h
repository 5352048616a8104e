/* tsg-first-frame.h: work that waits until a widget has been on screen
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*TsgFirstFrameFunc) (GtkWidget *widget);

/* Calls @func once, after the first frame that shows @widget has been
 * painted (in a G_PRIORITY_HIGH_IDLE source: before the next frame, which a
 * spinning "loading" page must not starve). Never if @widget goes first.
 * One per widget. */
void tsg_after_first_frame (GtkWidget         *widget,
                            TsgFirstFrameFunc  func);

/* Drops what is scheduled (call it from dispose). */
void tsg_first_frame_cancel (GtkWidget *widget);

G_END_DECLS

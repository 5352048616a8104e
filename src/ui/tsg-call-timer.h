/* tsg-call-timer.h: the running timer of a call (start/stop, elapsed time)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TSG_TYPE_CALL_TIMER (tsg_call_timer_get_type ())

G_DECLARE_FINAL_TYPE (TsgCallTimer, tsg_call_timer, TSG, CALL_TIMER, GtkWidget)

GtkWidget *tsg_call_timer_new          (void);
void       tsg_call_timer_start        (TsgCallTimer *self);
void       tsg_call_timer_stop         (TsgCallTimer *self);
void       tsg_call_timer_toggle       (TsgCallTimer *self);
gboolean   tsg_call_timer_get_running  (TsgCallTimer *self);
/* Seconds counted so far (while running too). */
gint64     tsg_call_timer_get_elapsed  (TsgCallTimer *self);
/* Stops the timer and sets what it shows (a restored draft). */
void       tsg_call_timer_set_elapsed  (TsgCallTimer *self,
                                        gint64        seconds);
/* Whole minutes, rounded up: a 20-second call lasted 1 minute; 0 when none. */
int        tsg_call_timer_get_minutes  (TsgCallTimer *self);

G_END_DECLS

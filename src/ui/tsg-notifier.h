/* tsg-notifier.h: desktop notifications (libnotify), with an in-app fallback
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TSG_TYPE_NOTIFIER (tsg_notifier_get_type ())

G_DECLARE_FINAL_TYPE (TsgNotifier, tsg_notifier, TSG, NOTIFIER, GObject)

/* The notifier of the process; calls notify_init (APP_ID) the first time. */
TsgNotifier *tsg_notifier_get_default (void);

/* Desktop notification via libnotify; when no notification server answers,
 * emits "fallback" (title, body) so the window shows an in-app toast instead.
 * @id: a notification with the same id replaces the one shown before.
 * @action_name/@target (nullable): a detailed action ("win.open-case", int64
 * id) activated on the active window when the notification's default action
 * is clicked. A floating @target is sunk. */
void         tsg_notifier_notify      (TsgNotifier *self,
                                       const char  *id,
                                       const char  *title,
                                       const char  *body,
                                       const char  *action_name,
                                       GVariant    *target);

/* Withdraws the notification shown with @id, if any. */
void         tsg_notifier_withdraw    (TsgNotifier *self,
                                       const char  *id);

/* Drops the default notifier and calls notify_uninit (); the application
 * calls it from its shutdown. */
void         tsg_notifier_shutdown    (void);

G_END_DECLS

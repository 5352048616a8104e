/* tsg-case-actions.h: the window's actions for cases, and the reminders
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   win.open-case (x case id)                opens or raises the case's panel
 *   win.open-case-from-contact (x contact id) a client and a case for that call
 *   win.new-case                              a new client (duplicates shown) and case
 *   win.show-due                              the Due list
 */
#pragma once

#include "tsg-case-panel.h"
#include "tsg-window.h"

G_BEGIN_DECLS

/* Called from the window's class_init. */
void          _tsg_case_actions_install (GtkWidgetClass *window_class);
/* Called once the window has its store: the start-up digest of what is due
 * (once a day) and a timer for tasks that fall due while the app runs. */
void          _tsg_case_actions_start   (TsgWindow      *window);
/* Opens (or raises) the panel of case @case_id; NULL with a toast when it
 * cannot be read. */
TsgCasePanel *tsg_window_open_case      (TsgWindow      *window,
                                         gint64          case_id);

G_END_DECLS

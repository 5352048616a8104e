/* tsg-application.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_APPLICATION (tsg_application_get_type ())

G_DECLARE_FINAL_TYPE (TsgApplication, tsg_application, TSG, APPLICATION, AdwApplication)

TsgApplication *tsg_application_new        (void);
TsgStore       *tsg_application_get_store  (TsgApplication *self);
/* Non-zero when the database could not be opened. */
int             tsg_application_get_exit_status (TsgApplication *self);

G_END_DECLS

/* tsg-audit-view.h: the administrator's window onto the audit log
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_AUDIT_VIEW (tsg_audit_view_get_type ())

G_DECLARE_FINAL_TYPE (TsgAuditView, tsg_audit_view, TSG, AUDIT_VIEW, AdwWindow)

GtkWidget *tsg_audit_view_new (TsgStore *store,
                               TsgActor *actor);

G_END_DECLS

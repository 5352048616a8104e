/* tsg-service-completion.h: the directory's services, completed by name
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_SERVICE_COMPLETION (tsg_service_completion_get_type ())

G_DECLARE_FINAL_TYPE (TsgServiceCompletion, tsg_service_completion, TSG, SERVICE_COMPLETION, GObject)

/* Reads the directory's services (nothing without TSG_PERM_DIRECTORY_READ). */
TsgServiceCompletion *tsg_service_completion_new      (TsgStore             *store,
                                                       TsgActor             *actor);
void                  tsg_service_completion_attach   (TsgServiceCompletion *self,
                                                       GtkEntry             *entry);
/* The service @text names: exactly, or as its only match; -1 when none or
 * several match (@n_matches says how many). @canonical receives the full
 * "Organization — Service". */
gint64                tsg_service_completion_resolve  (TsgServiceCompletion *self,
                                                       const char           *text,
                                                       guint                *n_matches,
                                                       char                **canonical);
/* "Organization — Service" of service @id, or NULL. */
char                 *tsg_service_completion_text_for (TsgServiceCompletion *self,
                                                       gint64                id);

G_END_DECLS

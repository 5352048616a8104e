/* tsg-case-completion.h: a case found by its number or its client's name
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_CASE_COMPLETION (tsg_case_completion_get_type ())

G_DECLARE_FINAL_TYPE (TsgCaseCompletion, tsg_case_completion, TSG, CASE_COMPLETION, GObject)

/* Searches nothing without TSG_PERM_CASES_READ. */
TsgCaseCompletion *tsg_case_completion_new      (TsgStore          *store,
                                                 TsgActor          *actor);
/* Completes @entry as it is typed in; "chosen" (gint64 case id) when a
 * match is picked from the list. */
void               tsg_case_completion_attach   (TsgCaseCompletion *self,
                                                 GtkEntry          *entry);
/* Sets the entry's text without searching. */
void               tsg_case_completion_set_text (TsgCaseCompletion *self,
                                                 const char        *text);
/* The case @text names: exactly as shown, or as the only match; 0 when none
 * or several match (@n_matches says how many, up to a page). */
gint64             tsg_case_completion_resolve  (TsgCaseCompletion *self,
                                                 const char        *text,
                                                 guint             *n_matches);
/* "C26-000006 佐藤 花子" for case @id, or NULL when it cannot be read. */
char              *tsg_case_completion_text_for (TsgCaseCompletion *self,
                                                 gint64             id);

G_END_DECLS

/* tsg-municipality-completion.h: municipality completion by name or reading
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TSG_TYPE_MUNICIPALITY_COMPLETION (tsg_municipality_completion_get_type ())

G_DECLARE_FINAL_TYPE (TsgMunicipalityCompletion, tsg_municipality_completion, TSG, MUNICIPALITY_COMPLETION, GObject)

/* The list (data/municipalities.tsv in the GResource) is loaded once per
 * process and shared by every completion. */
TsgMunicipalityCompletion *tsg_municipality_completion_new     (void);
/* Completes @entry: 川崎, かわさき and カワサキ all offer 神奈川県川崎市… */
void                       tsg_municipality_completion_attach  (TsgMunicipalityCompletion *self,
                                                                GtkEntry                  *entry);
/* The stored form ("神奈川県川崎市中原区") of @text: @text itself when it is
 * one, else the only municipality it matches; NULL when none or several
 * match. @n_matches (nullable) receives the number of matches. */
char                      *tsg_municipality_completion_resolve (TsgMunicipalityCompletion *self,
                                                                const char                *text,
                                                                guint                     *n_matches);

G_END_DECLS

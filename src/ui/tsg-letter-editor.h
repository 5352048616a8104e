/* tsg-letter-editor.h: edit a referral letter beside its preview
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-window.h"

G_BEGIN_DECLS

#define TSG_TYPE_LETTER_EDITOR (tsg_letter_editor_get_type ())

G_DECLARE_FINAL_TYPE (TsgLetterEditor, tsg_letter_editor, TSG, LETTER_EDITOR, AdwWindow)

/* Opens the letter of @referral_id in a preview panel of @window, and the
 * editor (addressee, 御中 or 様, body); every edit is saved and refreshes
 * the preview. */
TsgLetterEditor *tsg_letter_editor_open  (TsgWindow *window,
                                          gint64     referral_id);
/* Only the preview, rebuilt from the saved letter on refresh. */
TsgPreviewPanel *tsg_letter_show_preview (TsgWindow *window,
                                          gint64     referral_id);

/* Loads the letter's fonts into this thread's Pango font map and Poppler's
 * caches once, at a quiet moment (the directory calls it when a service is
 * first shown), so the first real letter appears as fast as the next ones. */
void             tsg_letter_warm_up      (void);

G_END_DECLS

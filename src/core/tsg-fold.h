/* tsg-fold.h: folding Japanese text for search and duplicate detection
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC (half-width katakana and full-width Latin to their usual forms), case
 * folded, katakana to hiragana: ｶﾀｶﾅ, カタカナ and かたかな fold alike. */
char *tsg_fold_for_search (const char *text);

/* As above, and also drops spaces, middle dots and the long-vowel mark, for
 * comparing names typed by different people ("サトウ ユーコ" = "さとうゆうこ"
 * is not claimed, but "サトー" = "さと" is). */
char *tsg_fold_for_name   (const char *text);

G_END_DECLS

/* tsg-fold.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-fold"

#include "config.h"

#include <string.h>

#include "tsg-fold.h"

static char *
fold (const char *text,
      gboolean    for_name)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  /* Invalid UTF-8 never reaches the index: it is replaced, not trusted. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
    }
  else
    nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (nfkc == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Katakana ァ..ヶ map onto hiragana ぁ..ゖ by a fixed offset. */
      if (c >= 0x30A1 && c <= 0x30F6)
        c -= 0x60;
      else if (c == 0x30FD || c == 0x30FE) /* ヽヾ -> ゝゞ */
        c -= 0x60;
      if (for_name && (g_unichar_isspace (c) || c == 0x30FC || c == 0x30FB || c == 0xFF65
                       || c == '-' || c == 0x2010 || c == 0x2212))
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
tsg_fold_for_search (const char *text)
{
  return fold (text, FALSE);
}

char *
tsg_fold_for_name (const char *text)
{
  return fold (text, TRUE);
}

/* tsg-cli-document.h: --document KIND [--point ID] --output FILE.pdf
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *kind;       /* flyer, cards, sticker, bookmark, restock-list */
  const char *point;      /* a distribution point id or code, or NULL */
  const char *output;     /* the PDF to write */
  guint       copies;     /* print run size (0: not given) */
  gboolean    english;    /* flyers: add the English line */
} TsgDocumentRequest;

/* Makes the document and writes it whole (never a partial file). */
gboolean tsg_cli_document (TsgStore                 *store,
                           TsgActor                 *actor,
                           const TsgDocumentRequest *request,
                           GError                  **error);

G_END_DECLS

/* tsg-privacy.h: the one place that decides whether a client's address may
 * be shown, printed or written out (住所秘匿)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* Where an address would go. */
typedef enum
{
  TSG_OUTPUT_SCREEN,     /* a window, to the signed-in person */
  TSG_OUTPUT_LETTER,     /* a referral letter to an agency */
  TSG_OUTPUT_DOCUMENT,   /* any other printed or saved PDF (case summary…) */
  TSG_OUTPUT_EXPORT,     /* records JSON, a case's JSON, CSV */
  TSG_OUTPUT_REPORT,     /* figures for the funding body, their PDFs */
  TSG_OUTPUT_FLYER,      /* flyers, help cards, stickers, bookmarks */
} TsgOutput;

/* The rules:
 * - reports and flyers never carry a client's address;
 * - an address that is not withheld goes to staff who may read cases (or
 *   export, for exports);
 * - a withheld address goes nowhere but a screen, and only for a staff member
 *   who may see withheld addresses (TSG_PERM_WITHHELD_ADDRESS) AND is the lead
 *   counsellor or case staff of one of her cases. Never a letter, a
 *   document or an export, whoever asks. */
gboolean  tsg_privacy_address_allowed (TsgStore   *store,
                                       TsgActor   *actor,
                                       gint64      client_id,
                                       gboolean    withheld,
                                       TsgOutput   output);

/* Reads her address for @output: NULL when she gave none or it may not go
 * there (@withheld, if given, says whether it is withheld). Showing a
 * withheld address is written to the audit log. */
char     *tsg_store_client_address    (TsgStore   *self,
                                       TsgActor   *actor,
                                       gint64      client_id,
                                       TsgOutput   output,
                                       gboolean   *withheld,
                                       GError    **error);

G_END_DECLS

/* tsg-store-contacts-private.h: what the importers share with the call log store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store-contacts.h"
#include "tsg-store-private.h"

G_BEGIN_DECLS

#define TSG_CALLER_HASH_BYTES 32

/* Digits only (full-width folded), a leading +81 turned into 0. "" when
 * there are no digits. */
char     *_tsg_caller_number_normalise (const char *number);
/* The keyed hash of a number under this database's key. */
gboolean  _tsg_store_caller_hash       (TsgStore   *self,
                                        const char *number,
                                        guint8      hash[TSG_CALLER_HASH_BYTES],
                                        GError    **error);

/* Inserts a validated new contact without a transaction of its own or a
 * permission check: the caller holds both (the records import). When
 * @audit is FALSE the caller writes one audit row for the whole batch. */
gint64    _tsg_store_insert_contact    (TsgStore   *self,
                                        TsgActor   *actor,
                                        TsgContact *contact,
                                        gboolean    audit,
                                        GError    **error);

/* Reads a live contact with no audit row (exports write one for the batch). */
TsgContact *_tsg_store_read_contact    (TsgStore   *self,
                                        gint64      id,
                                        GError    **error);

G_END_DECLS

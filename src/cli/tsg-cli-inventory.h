/* tsg-cli-inventory.h: --export-ledger
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* Writes the stock ledger as CSV (UTF-8 with a BOM, CRLF) to @path, whole
 * or not at all. Returns the exit status; prints one line on failure. */
int  tsg_cli_export_ledger (TsgStore   *store,
                            const char *path);

G_END_DECLS

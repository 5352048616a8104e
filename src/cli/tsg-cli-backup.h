/* tsg-cli-backup.h: --backup FILE and --restore FILE
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* The passphrase comes from TSG_BACKUP_PASSPHRASE, or is typed on the
 * terminal. Both return an exit status and print one line on failure. */
int tsg_cli_backup  (TsgStore   *store,
                     const char *file);
/* Runs before the database is opened: it may be the damaged one. */
int tsg_cli_restore (const char *database,
                     const char *file);

G_END_DECLS

/* tsg-cli-hsds.h: --import and --export of the referral directory as
 * Open Referral HSDS 3.1 JSON
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* TRUE when @path is a .json file whose content is HSDS (tsg_hsds_detect):
 * --import sends it to the directory instead of the records importer. */
gboolean tsg_cli_is_hsds_file       (const char *path);
int      tsg_cli_import_hsds        (TsgStore   *store,
                                     const char *path);
/* --export FILE.hsds.json writes the directory as HSDS. */
gboolean tsg_cli_wants_hsds_export  (const char *path);
int      tsg_cli_export_hsds        (TsgStore   *store,
                                     const char *path);

G_END_DECLS

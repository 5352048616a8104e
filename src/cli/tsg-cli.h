/* tsg-cli.h: the headless command line (contract in DESIGN.md)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for a headless action (import, export, report,
 * generate, check, document, backup, restore): no display is opened. */
gboolean  tsg_cli_wants_headless (int    argc,
                                  char **argv);
int       tsg_cli_run            (int    argc,
                                  char **argv);
char     *tsg_cli_default_database_path (void);

G_END_DECLS

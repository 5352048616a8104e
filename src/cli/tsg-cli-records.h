/* tsg-cli-records.h: --import and --export on the command line
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* Exit status: 0 with a one-line summary on stdout, else 1 with one line on
 * stderr (nothing imported). */
int tsg_cli_import (TsgStore   *store,
                    const char *path);
int tsg_cli_export (TsgStore   *store,
                    const char *path);

G_END_DECLS

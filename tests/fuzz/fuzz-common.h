/* fuzz-common.h: what the importer fuzz targets share
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tsg-store.h"

int       LLVMFuzzerTestOneInput (const uint8_t *data,
                                  size_t         size);

/* One in-memory store for the whole run, remade every few thousand inputs
 * so that imports that succeed do not make it grow without end. */
TsgStore *fuzz_store             (void);
/* Writes @data to a private temporary file ending in @suffix (the
 * importers read files) and returns its path, the same on every call. */
const char *fuzz_write_file      (const uint8_t *data,
                                  size_t         size,
                                  const char    *suffix);

/* fuzz-records-json.c: the records JSON importer (--import FILE.json)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any input must end in an import or one error sentence: no crash, no
 * sanitizer report, no critical warning.
 */
#include "config.h"

#include "fuzz-common.h"
#include "tsg-records.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TsgStore *store = fuzz_store ();
  const char *path = fuzz_write_file (data, size, ".json");
  GError *error = NULL;
  guint n = 0;

  if (!tsg_records_import_file (store, tsg_store_get_system_actor (store), path, &n, &error))
    {
      g_assert (error != NULL && error->message != NULL && *error->message != '\0');
      g_error_free (error);
    }
  return 0;
}

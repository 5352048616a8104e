/* fuzz-records-csv.c: the contacts CSV importer (--import FILE.csv) and its
 * preview
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "tsg-records.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TsgStore *store = fuzz_store ();
  const char *path = fuzz_write_file (data, size, ".csv");
  GError *error = NULL;
  guint n = 0;

  if (!tsg_records_import_file (store, tsg_store_get_system_actor (store), path, &n, &error))
    {
      g_assert (error != NULL && error->message != NULL && *error->message != '\0');
      g_clear_error (&error);
    }
  {
    g_auto(GStrv) columns = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    guint n_rows = 0;

    if (!tsg_records_preview_csv (path, 5, &columns, &rows, &n_rows, &error))
      g_clear_error (&error);
  }
  return 0;
}

/* fuzz-hsds.c: the Open Referral HSDS 3.x reader and importer
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "tsg-hsds.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TsgStore *store = fuzz_store ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  JsonNode *root;

  /* Through the file, as --import reads it (empty files, mapped reads). */
  {
    const char *path = fuzz_write_file (data, size, ".json");
    TsgDirectoryCounts counts = { 0 };

    if (!tsg_hsds_import_file (store, tsg_store_get_system_actor (store), path, &counts, NULL, &error))
      {
        g_assert (error != NULL && error->message != NULL && *error->message != '\0');
        g_clear_error (&error);
      }
  }
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, &error))
    {
      g_clear_error (&error);
      return 0;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;
  tsg_hsds_detect (root);
  {
    g_autoptr(TsgHsdsDocument) doc = tsg_hsds_read (root, &error);
    g_clear_error (&error);
  }
  {
    TsgDirectoryCounts counts = { 0 };
    g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);

    if (!tsg_hsds_import_node (store, tsg_store_get_system_actor (store), root, &counts, skipped, &error))
      {
        g_assert (error != NULL && error->message != NULL && *error->message != '\0');
        g_clear_error (&error);
      }
  }
  return 0;
}

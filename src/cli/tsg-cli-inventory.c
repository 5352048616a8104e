/* tsg-cli-inventory.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cli-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cli-inventory.h"
#include "tsg-store-inventory.h"

int
tsg_cli_export_ledger (TsgStore   *store,
                       const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  /* g_file_replace writes beside the target and renames on close: a
   * failure half-way leaves any earlier file as it was. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  if (stream == NULL ||
      !tsg_store_export_ledger_csv (store, tsg_store_get_system_actor (store), G_OUTPUT_STREAM (stream),
                                    NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      if (stream != NULL)
        {
          /* Closing with a cancelled cancellable abandons the temporary. */
          g_cancellable_cancel (cancelled);
          g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
        }
      g_printerr ("tsunagari-desk: %s: %s\n", path, error->message);
      return 1;
    }
  g_print (_("Exported the stock ledger to %s.\n"), path);
  return 0;
}

/* tsg-cli-records.c: --import FILE (.json records or HSDS, .csv contacts)
 * and --export FILE.json
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cli-records.h"
#include "tsg-records.h"

static void
fail_line (const char *message)
{
  g_printerr ("tsunagari-desk: %s\n", message);
}

int
tsg_cli_import (TsgStore   *store,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  TsgActor *actor = tsg_store_get_system_actor (store);
  guint n = 0;

  /* An HSDS directory never comes here: tsg_cli_run() sends it to
   * tsg_cli_import_hsds() (tsg_hsds_detect() on the file's shape). */
  if (!tsg_records_import_file (store, actor, path, &n, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record from %s.\n", "Imported %u records from %s.\n", n),
           n, name);
  return 0;
}

int
tsg_cli_export (TsgStore   *store,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  guint n = 0;

  if (!g_str_has_suffix (lower, ".json"))
    {
      g_autofree char *msg = g_strdup_printf (_("%s: --export writes records JSON; give the file a .json name."), path);
      fail_line (msg);
      return 2;
    }
  if (!tsg_records_export_file_full (store, tsg_store_get_system_actor (store), path, &n, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u record to %s.\n", "Exported %u records to %s.\n", n),
           n, path);
  return 0;
}

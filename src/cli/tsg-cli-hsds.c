/* tsg-cli-hsds.c: the referral directory on the command line (HSDS 3.1)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cli-hsds.h"
#include "tsg-hsds.h"

static void
fail_line (const char *message)
{
  g_printerr ("tsunagari-desk: %s\n", message);
}

gboolean
tsg_cli_is_hsds_file (const char *path)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (!g_str_has_suffix (lower, ".json"))
    return FALSE;
  parser = json_parser_new_immutable ();
  /* Not JSON at all: the records importer says so in its own words. */
  if (!json_parser_load_from_mapped_file (parser, path, NULL))
    return FALSE;
  return tsg_hsds_detect (json_parser_get_root (parser));
}

int
tsg_cli_import_hsds (TsgStore   *store,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_path_get_basename (path);
  TsgDirectoryCounts counts = { 0 };

  if (!tsg_hsds_import_file (store, tsg_store_get_system_actor (store), path, &counts, skipped, &error))
    {
      fail_line (error->message);
      return 1;
    }
  /* translators: the file name, then the counts of an HSDS import */
  g_print (_("Imported from %s: organizations %u, services %u, locations %u, taxonomy terms %u.\n"),
           name, counts.organizations, counts.services, counts.locations, counts.terms);
  for (guint i = 0; i < skipped->len; i++)
    /* translators: one line per field an import did not keep */
    g_print (_("Not kept: %s\n"), (const char *) g_ptr_array_index (skipped, i));
  return 0;
}

gboolean
tsg_cli_wants_hsds_export (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".hsds.json");
}

int
tsg_cli_export_hsds (TsgStore   *store,
                     const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!tsg_hsds_export_file (store, tsg_store_get_system_actor (store), path, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (_("Exported the referral directory to %s (HSDS 3.1; confidential locations left out).\n"), path);
  return 0;
}

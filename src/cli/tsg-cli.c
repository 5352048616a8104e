/* tsg-cli.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command: exit 0 on success; on failure one clear line on stderr and
 * a non-zero exit. Uses core only, so it runs with no display.
 */
#define G_LOG_DOMAIN "tsg-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "tsg-cli.h"
#include "tsg-cli-backup.h"
#include "tsg-cli-document.h"
#include "tsg-cli-hsds.h"
#include "tsg-cli-inventory.h"
#include "tsg-cli-records.h"
#include "tsg-cli-report.h"
#include "tsg-generator.h"
#include "tsg-store.h"

static const char *headless_options[] = {
  "--import", "--export", "--report", "--generate", "--check", "--document",
  "--backup", "--restore", "--export-ledger",
};

gboolean
tsg_cli_wants_headless (int    argc,
                        char **argv)
{
  for (int i = 1; i < argc; i++)
    for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
      {
        gsize n = strlen (headless_options[j]);
        if (strncmp (argv[i], headless_options[j], n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '='))
          return TRUE;
      }
  return FALSE;
}

/* TRUE when @option was given at all (a negative --generate must be
 * refused, not taken for "not given"). */
static gboolean
option_given (int         argc,
              char      **argv,
              const char *option)
{
  gsize n = strlen (option);

  for (int i = 1; i < argc; i++)
    if (strncmp (argv[i], option, n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '='))
      return TRUE;
  return FALSE;
}

char *
tsg_cli_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tsunagari-desk", "tsunagari.db", NULL);
}

typedef struct
{
  char    *database;
  gint64   generate;
  gint64   seed;
  gboolean check;
  char    *backup;
  char    *restore;
  char    *document;
  char    *point;
  char    *output;
  gint64   copies;
  gboolean english;
  char    *import;
  char    *export;
  char    *export_ledger;
  char    *report;
  int      fiscal_year;
  char    *format;
  gboolean publication;
} Options;

static void
fail_line (const char *message)
{
  g_printerr ("tsunagari-desk: %s\n", message);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT, done, total);
}

static int
run_generate (TsgStore *store,
              Options  *opts)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (opts->generate < 0)
    {
      fail_line (_("--generate needs a number of contacts of 0 or more."));
      return 2;
    }
  if (!tsg_store_generate (store, (guint64) opts->generate, (guint32) opts->seed, 0,
                           progress_cb, NULL, &error))
    {
      fail_line (error->message);
      return 1;
    }
  if (isatty (fileno (stderr)))
    g_printerr ("\n");
  g_print (_("Generated %lld contacts in %.1f s.\n"), (long long) opts->generate,
           (g_get_monotonic_time () - started) / 1e6);
  return 0;
}

static int
run_check (TsgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!tsg_store_check (store, problems, &error))
    {
      if (error != NULL)
        {
          fail_line (error->message);
          return 1;
        }
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
      fail_line (_("The database has problems (listed above)."));
      return 1;
    }
  g_print (_("The database is sound.\n"));
  return 0;
}

static int
run_document (TsgStore *store,
              Options  *opts)
{
  g_autoptr(GError) error = NULL;
  TsgDocumentRequest request = {
    .kind = opts->document, .point = opts->point, .output = opts->output,
    .copies = opts->copies > 0 ? (guint) MIN (opts->copies, G_MAXUINT) : 0, .english = opts->english,
  };

  if (opts->copies < 0)
    {
      fail_line (_("--copies needs a number of 1 or more."));
      return 2;
    }
  if (!tsg_cli_document (store, tsg_store_get_system_actor (store), &request, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (_("Wrote %s.\n"), opts->output);
  return 0;
}

static int
run_report (TsgStore *store,
            Options  *opts)
{
  g_autoptr(GError) error = NULL;
  TsgReportRequest request = {
    .kind = opts->report, .fiscal_year = opts->fiscal_year, .format = opts->format,
    .output = opts->output, .publication = opts->publication,
  };

  if (!tsg_cli_report (store, tsg_store_get_system_actor (store), &request, &error))
    {
      fail_line (error->message);
      return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? 2 : 1;
    }
  if (g_strcmp0 (opts->output, "-") != 0)
    g_print (_("Wrote %s.\n"), opts->output);
  return 0;
}

int
tsg_cli_run (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  Options opts = { .generate = -1, .seed = 1, .fiscal_year = G_MININT };
  int status = 0;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &opts.database, N_("The database file"), N_("PATH") },
    { "generate", 0, 0, G_OPTION_ARG_INT64, &opts.generate, N_("Add N synthetic contacts with cases, stock and trainings"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &opts.seed, N_("Seed for --generate (same seed, same data)"), "SEED" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &opts.check, N_("Check the database; exit 0 when sound"), NULL },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &opts.backup, N_("Write an encrypted backup to FILE (or a new file in the folder FILE); the passphrase comes from TSG_BACKUP_PASSPHRASE or the terminal"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &opts.restore, N_("Replace the database with the backup FILE; a wrong passphrase or a damaged file changes nothing"), N_("FILE") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &opts.document, N_("Make a document: flyer, cards, sticker, bookmark or restock-list"), N_("KIND") },
    { "point", 0, 0, G_OPTION_ARG_STRING, &opts.point, N_("The distribution point (number or code) the document is for"), N_("ID") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &opts.output, N_("The file to write"), N_("FILE") },
    { "copies", 0, 0, G_OPTION_ARG_INT64, &opts.copies, N_("Copies in the print run (default 100)"), "N" },
    { "english", 0, 0, G_OPTION_ARG_NONE, &opts.english, N_("Add an English line to flyers and cards"), NULL },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &opts.import, N_("Import records JSON (.json, or an HSDS directory) or contacts CSV (.csv); all or nothing"), N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &opts.export, N_("Export every record as records JSON (.json), or the referral directory as Open Referral HSDS (FILE.hsds.json)"), N_("FILE") },
    { "export-ledger", 0, 0, G_OPTION_ARG_FILENAME, &opts.export_ledger, N_("Export the stock ledger as CSV for spreadsheets (UTF-8 with BOM)"), N_("FILE") },
    { "report", 0, 0, G_OPTION_ARG_STRING, &opts.report, N_("Make a report: kpi"), N_("KIND") },
    { "fiscal-year", 0, 0, G_OPTION_ARG_INT, &opts.fiscal_year, N_("The fiscal year of the report (April YYYY to March YYYY+1)"), "YYYY" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &opts.format, N_("The report format: json, csv or pdf"), N_("FORMAT") },
    { "publication", 0, 0, G_OPTION_ARG_NONE, &opts.publication, N_("Hide small counts (1 to 9) for publication"), NULL },
    { NULL }
  };

  gboolean generate_given = option_given (argc, argv, "--generate");

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fail_line (error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument: %s"), argv[1]);
      fail_line (msg);
      return 2;
    }
  /* A bad count is refused before anything touches the database. */
  if (generate_given && opts.generate < 0)
    {
      fail_line (_("--generate needs a number of contacts of 0 or more."));
      g_free (opts.database);
      return 2;
    }
  if (opts.database == NULL)
    opts.database = tsg_cli_default_database_path ();

  /* Restoring comes before opening: the database may be the damaged one. */
  if (opts.restore != NULL)
    {
      status = tsg_cli_restore (opts.database, opts.restore);
      g_clear_pointer (&opts.restore, g_free);
      if (status != 0)
        {
          g_free (opts.database);
          return status;
        }
    }
  store = tsg_store_open (opts.database, &error);
  if (store == NULL)
    {
      fail_line (error->message);
      g_free (opts.database);
      return 1;
    }
  if (opts.generate >= 0)
    status = run_generate (store, &opts);
  if (status == 0 && opts.import)
    status = tsg_cli_is_hsds_file (opts.import) ? tsg_cli_import_hsds (store, opts.import)
                                                : tsg_cli_import (store, opts.import);
  if (status == 0 && opts.export)
    status = tsg_cli_wants_hsds_export (opts.export) ? tsg_cli_export_hsds (store, opts.export)
                                                     : tsg_cli_export (store, opts.export);
  if (status == 0 && opts.export_ledger)
    status = tsg_cli_export_ledger (store, opts.export_ledger);
  if (status == 0 && opts.check)
    status = run_check (store);
  if (status == 0 && opts.backup)
    status = tsg_cli_backup (store, opts.backup);
  g_clear_pointer (&opts.backup, g_free);
  if (status == 0 && opts.document)
    status = run_document (store, &opts);
  if (status == 0 && opts.report)
    status = run_report (store, &opts);

  g_free (opts.database);
  g_free (opts.document);
  g_free (opts.point);
  g_free (opts.output);
  g_free (opts.import);
  g_free (opts.export);
  g_free (opts.export_ledger);
  g_free (opts.report);
  g_free (opts.format);
  return status;
}

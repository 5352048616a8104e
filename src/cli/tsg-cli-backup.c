/* tsg-cli-backup.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cli-backup"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "tsg-backup.h"
#include "tsg-cli-backup.h"

static void
fail_line (const char *message)
{
  g_printerr ("tsunagari-desk: %s\n", message);
}

/* Reads one line from the terminal without echoing it. */
static char *
prompt_hidden (const char *prompt)
{
  struct termios old, quiet;
  char buf[1024];
  FILE *tty = fopen ("/dev/tty", "r+");
  char *line = NULL;

  if (tty == NULL)
    return NULL;
  fputs (prompt, tty);
  fflush (tty);
  if (tcgetattr (fileno (tty), &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (buf, sizeof buf, tty) != NULL)
    {
      buf[strcspn (buf, "\r\n")] = '\0';
      line = g_strdup (buf);
    }
  sodium_memzero (buf, sizeof buf);
  tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fputs ("\n", tty);
  fclose (tty);
  return line;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

typedef char CharSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CharSecret, free_secret)

static char *
get_passphrase (gboolean   twice,
                GError   **error)
{
  const char *env = g_getenv ("TSG_BACKUP_PASSPHRASE");
  g_autoptr(CharSecret) first = NULL;
  g_autoptr(CharSecret) second = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (!isatty (STDIN_FILENO) || !(first = prompt_hidden (_("Backup passphrase: "))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Give the backup passphrase in the environment variable TSG_BACKUP_PASSPHRASE, or run this on a terminal to type it."));
      return NULL;
    }
  if (twice)
    {
      second = prompt_hidden (_("The same passphrase again: "));
      if (g_strcmp0 (first, second) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The two passphrases differ; nothing was written."));
          return NULL;
        }
    }
  return g_steal_pointer (&first);
}

int
tsg_cli_backup (TsgStore   *store,
                const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CharSecret) passphrase = NULL;
  g_autoptr(TsgBackupKey) key = NULL;
  g_autofree char *target = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!(passphrase = get_passphrase (TRUE, &error)) ||
      !(key = tsg_backup_key_new (passphrase, &error)))
    {
      fail_line (error->message);
      return 1;
    }
  /* A folder gets a new dated file in it. */
  if (g_file_test (file, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      target = tsg_backup_file_name (file, now);
    }
  else
    target = g_strdup (file);
  if (!tsg_store_backup (store, tsg_store_get_system_actor (store), target, key, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (_("Backed up to %s in %.1f s.\n"), target, (g_get_monotonic_time () - started) / 1e6);
  return 0;
}

int
tsg_cli_restore (const char *database,
                 const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CharSecret) passphrase = NULL;

  if (!(passphrase = get_passphrase (FALSE, &error)) ||
      !tsg_backup_restore_file (database, file, passphrase, &error))
    {
      fail_line (error->message);
      return 1;
    }
  g_print (_("Restored %s from %s.\n"), database, file);
  return 0;
}

/* main.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "tsg-application.h"
#include "tsg-bench.h"
#include "tsg-display.h"
#include "tsg-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TsgApplication) app = NULL;
  const char *localedir = g_getenv ("TSG_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Import, export, reports, checks: no display is opened. */
  if (tsg_cli_wants_headless (argc, argv))
    return tsg_cli_run (argc, argv);

  /* Software OpenGL is slow and big: cairo draws this window faster. */
  tsg_display_avoid_software_gl ();
  app = tsg_application_new ();
  tsg_bench_watch (GTK_APPLICATION (app));
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : tsg_application_get_exit_status (app);
}

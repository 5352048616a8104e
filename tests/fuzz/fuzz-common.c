/* fuzz-common.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"

/* A critical or a warning is a bug the fuzzer found: abort, so that
 * libFuzzer keeps the input (it does not catch the trap g_error uses). */
static void
fatal_log_cb (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      fprintf (stderr, "%s: %s\n", domain ? domain : "?", message);
      abort ();
    }
}

TsgStore *
fuzz_store (void)
{
  static TsgStore *store;
  static guint uses;

  if (store != NULL && ++uses % 5000 == 0)
    g_clear_object (&store);
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_log_set_default_handler (fatal_log_cb, NULL);
      store = tsg_store_open (":memory:", &error);
      if (store == NULL)
        g_error ("cannot open an in-memory store: %s", error->message);
    }
  return store;
}

const char *
fuzz_write_file (const uint8_t *data,
                 size_t         size,
                 const char    *suffix)
{
  static char *path;
  FILE *f;

  if (path == NULL)
    {
      const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0
                        ? "/dev/shm" : g_get_tmp_dir ();
      path = g_strdup_printf ("%s/tsg-fuzz-%d%s", dir, (int) getpid (), suffix);
    }
  f = g_fopen (path, "wb");
  if (f == NULL || fwrite (data, 1, size, f) != size)
    g_error ("cannot write %s", path);
  fclose (f);
  return path;
}

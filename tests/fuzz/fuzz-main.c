/* fuzz-main.c: runs a fuzz target over files, without libFuzzer
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with the ordinary compiler, it replays the kept corpus and every
 * input that once crashed (tests/fuzz/regressions/) as part of the test
 * suite: a fixed crash stays fixed.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          n += run_path (child);
        }
      return n;
    }
  {
    g_autofree char *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &data, &len, &error))
      g_error ("%s", error->message);
    LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  }
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  printf ("%u inputs ran without a crash\n", n);
  return n > 0 ? 0 : 1;
}

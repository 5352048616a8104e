/* tsg-crash-writer.c: the process the crash tests kill
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tsg-crash-writer write DB ACKS START FROM
 *                                           verify DB against ACKS (its lines
 *                                           from byte FROM on), then save
 *                                           contacts summary "crash N" for
 *                                           N = START, START+1, … until killed,
 *                                           printing "N ID" once each is
 *                                           committed
 *   tsg-crash-writer verify DB ACKS        only the verification, of every line
 *   tsg-crash-writer burst DB TAG COUNT     COUNT contacts "TAG N", then exit
 *
 * Verification: tsg_store_check() (what --check runs) passes, and every
 * contact in ACKS ("N ID" lines) is there with its summary, topics and
 * search entry. It prints one line and exits 3 on the first problem.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsg-store-contacts.h"
#include "tsg-store-private.h"

static int
fail (const char *what)
{
  fprintf (stderr, "tsg-crash-writer: %s\n", what);
  return 3;
}

static TsgContact *
make_contact (const char *tag,
              gint64      n)
{
  TsgContact *c = tsg_contact_new ();
  static const char *topics[] = { "livelihood", "work", NULL };

  c->started_at = 1700000000 + n * 60;
  c->channel = g_strdup ("free_dial");
  c->age_band = g_strdup ("30s");
  c->outcome = g_strdup ("listened");
  c->topics = g_strdupv ((char **) topics);
  c->summary = g_strdup_printf ("%s %" G_GINT64_FORMAT, tag, n);
  c->duration_minutes = (int) (n % 60);
  return c;
}

static int
verify (TsgStore   *store,
        const char *acks_path,
        gsize       from)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *acks = NULL;
  g_auto(GStrv) lines = NULL;
  sqlite3_stmt *stmt;
  guint checked = 0;

  if (!tsg_store_check (store, problems, &error))
    {
      g_autofree char *msg = g_strdup_printf ("--check failed: %s",
                                              error ? error->message
                                                    : problems->len ? (char *) g_ptr_array_index (problems, 0) : "?");
      return fail (msg);
    }
  gsize len = 0;

  if (!g_file_get_contents (acks_path, &acks, &len, NULL))
    return 0;
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT c.summary, (SELECT count(*) FROM contact_topics t WHERE t.contact_id = c.id)"
                          " FROM contacts c WHERE c.id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return fail ("cannot prepare");
  lines = g_strsplit (acks + MIN (from, len), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 n, id;
      g_autofree char *expected = NULL;
      int found;

      if (sscanf (lines[i], "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &n, &id) != 2)
        continue;
      expected = g_strdup_printf ("crash %" G_GINT64_FORMAT, n);
      sqlite3_bind_int64 (stmt, 1, id);
      found = sqlite3_step (stmt) == SQLITE_ROW &&
              g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), expected) == 0 &&
              sqlite3_column_int (stmt, 1) == 2;
      sqlite3_reset (stmt);
      if (!found)
        {
          g_autofree char *msg = g_strdup_printf ("acknowledged write %" G_GINT64_FORMAT " (contact %" G_GINT64_FORMAT ") is missing or partial", n, id);
          sqlite3_finalize (stmt);
          return fail (msg);
        }
      checked++;
    }
  sqlite3_finalize (stmt);
  printf ("verified %u acknowledged writes\n", checked);
  fflush (stdout);
  return 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;
  const char *mode = argc > 1 ? argv[1] : "";

  if (argc < 4)
    return fail ("usage: write DB ACKS START | verify DB ACKS | burst DB TAG COUNT");
  if (!(store = tsg_store_open (argv[2], &error)))
    return fail (error->message);

  if (g_str_equal (mode, "verify"))
    return verify (store, argv[3], 0);

  if (g_str_equal (mode, "write") && argc == 6)
    {
      TsgActor *actor = tsg_store_get_system_actor (store);
      int status = verify (store, argv[3], (gsize) g_ascii_strtoull (argv[5], NULL, 10));

      if (status != 0)
        return status;
      for (gint64 n = g_ascii_strtoll (argv[4], NULL, 10);; n++)
        {
          g_autoptr(TsgContact) c = make_contact ("crash", n);
          gint64 id = tsg_store_save_contact (store, actor, c, &error);

          if (id == 0)
            return fail (error->message);
          /* Acknowledged only once committed. */
          printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", n, id);
          fflush (stdout);
        }
    }

  if (g_str_equal (mode, "burst") && argc == 5)
    {
      TsgActor *actor = tsg_store_get_system_actor (store);
      gint64 count = g_ascii_strtoll (argv[4], NULL, 10);

      for (gint64 n = 0; n < count; n++)
        {
          g_autoptr(TsgContact) c = make_contact (argv[3], n);

          if (tsg_store_save_contact (store, actor, c, &error) == 0)
            return fail (error->message);
        }
      printf ("%" G_GINT64_FORMAT "\n", count);
      return 0;
    }
  return fail ("unknown mode");
}

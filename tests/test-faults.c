/* test-faults.c: a full disk, read-only files and folders, a damaged page and
 * a folder removed while in use each give one clear sentence, no crash and
 * no partial record
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The faults that must not touch the test process itself (a file-size
 * limit, another user) run in a forked child that reports through a pipe.
 */
#include "config.h"

#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tsg-store-contacts.h"
#include "tsg-store-private.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tsg-faults-XXXXXX", &error);

  g_assert_no_error (error);
  g_chmod (dir, 0755);
  return dir;
}

static TsgContact *
make_contact (gint64 n,
              gsize  summary_bytes)
{
  TsgContact *c = tsg_contact_new ();
  static const char *topics[] = { "housing", "dv", NULL };
  GString *summary = g_string_new (NULL);

  while (summary->len < summary_bytes)
    g_string_append (summary, "住まいのことで相談。");
  c->started_at = 1700000000 + n * 60;
  c->channel = g_strdup ("phone");
  c->outcome = g_strdup ("listened");
  c->topics = g_strdupv ((char **) topics);
  g_string_append_printf (summary, " #%" G_GINT64_FORMAT, n);
  c->summary = g_string_free (summary, FALSE);
  return c;
}

static gint64
count_rows (TsgStore   *store,
            const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The database at @path is sound and holds exactly @n contacts, each whole
 * (topics, search entry, audit row). */
static void
assert_sound_with (const char *path,
                   gint64      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (path, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  if (!tsg_store_check (store, problems, &error))
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));
      g_assert_no_error (error);
      g_assert_not_reached ();
    }
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM contacts"), ==, n);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM contact_topics"), ==, 2 * n);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM audit_log WHERE record_kind = 'contact'"), ==, n);
}

/* One sentence: no line break, names the file. */
static void
assert_clear (const char *message,
              const char *path)
{
  g_test_message ("%s", message);
  g_assert_null (strchr (message, '\n'));
  g_assert_nonnull (strstr (message, path));
}

/* --- children ------------------------------------------------------------ */

typedef struct
{
  gint64 saved;
  int    domain_is_store;
  int    code;
  char   message[1024];
} Report;

typedef void (*ChildFunc) (const char *path, Report *report);

static Report
run_child (ChildFunc   func,
           const char *path)
{
  Report report = { 0 };
  int fds[2];
  pid_t pid;
  int status;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      func (path, &report);
      if (write (fds[1], &report, sizeof report) != sizeof report)
        _exit (2);
      _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &report, sizeof report), ==, sizeof report);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* No crash: the child ended normally. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return report;
}

static void
save_until_error (TsgStore *store,
                  Report   *report,
                  gsize     summary_bytes,
                  gint64    max)
{
  g_autoptr(GError) error = NULL;

  for (gint64 n = report->saved; n < max; n++)
    {
      g_autoptr(TsgContact) c = make_contact (n, summary_bytes);

      if (tsg_store_save_contact (store, tsg_store_get_system_actor (store), c, &error) == 0)
        break;
      report->saved++;
    }
  if (error != NULL)
    {
      report->domain_is_store = error->domain == TSG_STORE_ERROR;
      report->code = error->code;
      g_strlcpy (report->message, error->message, sizeof report->message);
    }
}

/* RLIMIT_FSIZE: the kernel refuses to let any file grow past the limit,
 * as a full disk would. */
static void
child_file_size_limit (const char *path,
                       Report     *report)
{
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct rlimit limit;
  GStatBuf st, wst = { 0 };

  save_until_error (store, report, 10, 20);
  g_stat (path, &st);
  g_stat (wal, &wst);
  signal (SIGXFSZ, SIG_IGN);
  limit.rlim_cur = limit.rlim_max = (rlim_t) MAX (st.st_size, wst.st_size) + 256 * 1024;
  setrlimit (RLIMIT_FSIZE, &limit);
  save_until_error (store, report, 2000, 100000);
}

static void
child_page_limit (const char *path,
                  Report     *report)
{
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);

  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                          count_rows (store, "PRAGMA page_count") + 40);

  /* SQLite's own limit on the size of the file. */
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  save_until_error (store, report, 2000, 100000);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *a = g_build_filename (dir, "fsize.db", NULL);
  g_autofree char *b = g_build_filename (dir, "pages.db", NULL);
  Report r;

  r = run_child (child_file_size_limit, a);
  g_test_message ("file-size limit: %" G_GINT64_FORMAT " contacts saved, then: %s", r.saved, r.message);
  g_assert_cmpint (r.saved, >, 20);
  g_assert_true (r.domain_is_store);
  g_assert_cmpint (r.code, ==, TSG_STORE_ERROR_FULL);
  assert_clear (r.message, a);
  assert_sound_with (a, r.saved);

  r = run_child (child_page_limit, b);
  g_assert_cmpint (r.saved, >, 0);
  g_assert_true (r.domain_is_store);
  g_assert_cmpint (r.code, ==, TSG_STORE_ERROR_FULL);
  assert_clear (r.message, b);
  assert_sound_with (b, r.saved);
}

/* --- read-only ----------------------------------------------------------- */

static gboolean
become_nobody (void)
{
  struct passwd *pw;

  if (geteuid () != 0)
    return TRUE;
  if (!(pw = getpwnam ("nobody")))
    return FALSE;
  return setgid (pw->pw_gid) == 0 && setuid (pw->pw_uid) == 0;
}

static void
child_open_read_only (const char *path,
                      Report     *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = NULL;

  if (!become_nobody ())
    {
      g_strlcpy (report->message, "SKIP", sizeof report->message);
      return;
    }
  store = tsg_store_open (path, &error);
  if (store != NULL)
    {
      /* Opened after all: then a write must fail cleanly. */
      save_until_error (store, report, 10, 1);
      return;
    }
  report->domain_is_store = error->domain == TSG_STORE_ERROR;
  report->code = error->code;
  g_strlcpy (report->message, error->message, sizeof report->message);
}

static void
test_read_only (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *file_ro = g_build_filename (dir, "file-ro", NULL);
  g_autofree char *folder_ro = g_build_filename (dir, "folder-ro", NULL);
  g_autofree char *a = g_build_filename (file_ro, "office.db", NULL);
  g_autofree char *b = g_build_filename (folder_ro, "office.db", NULL);
  const char *paths[] = { a, b };
  Report r;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TsgStore) store = tsg_store_open (paths[i], NULL);
      g_autoptr(TsgContact) c = make_contact (1, 10);
      g_autofree char *folder = g_path_get_dirname (paths[i]);

      g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), c, NULL), >, 0);
      g_clear_object (&store);
      /* Owned by the user the child becomes, as an office's files are. */
      if (geteuid () == 0)
        {
          struct passwd *pw = getpwnam ("nobody");
          if (pw == NULL)
            {
              g_test_skip ("no user 'nobody' to test read-only files as");
              return;
            }
          g_assert_cmpint (chown (folder, pw->pw_uid, pw->pw_gid), ==, 0);
          g_assert_cmpint (chown (paths[i], pw->pw_uid, pw->pw_gid), ==, 0);
        }
    }
  g_assert_cmpint (g_chmod (a, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder_ro, 0555), ==, 0);

  r = run_child (child_open_read_only, a);
  if (g_str_equal (r.message, "SKIP"))
    {
      g_test_skip ("cannot become another user");
      return;
    }
  g_assert_cmpint (r.saved, ==, 0);
  g_assert_true (r.domain_is_store);
  g_assert_cmpint (r.code, ==, TSG_STORE_ERROR_READ_ONLY);
  assert_clear (r.message, a);

  r = run_child (child_open_read_only, b);
  g_assert_cmpint (r.saved, ==, 0);
  g_assert_true (r.domain_is_store);
  assert_clear (r.message, b);

  g_chmod (a, 0600);
  g_chmod (folder_ro, 0755);
  assert_sound_with (a, 1);
  assert_sound_with (b, 1);
}

/* --- a damaged page -------------------------------------------------------- */

static void
test_damaged_page (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(TsgContact) late = make_contact (999, 10);
  gint64 root, audit_before;
  FILE *f;

  for (int n = 0; n < 200; n++)
    {
      g_autoptr(TsgContact) c = make_contact (n, 300);
      g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), c, NULL), >, 0);
    }
  root = count_rows (store, "SELECT rootpage FROM sqlite_schema WHERE name = 'contacts'");
  g_clear_object (&store);

  /* Garbage over the contacts table's root page. */
  f = g_fopen (path, "r+b");
  g_assert_nonnull (f);
  fseek (f, (long) ((root - 1) * 4096), SEEK_SET);
  for (int i = 0; i < 4096; i++)
    fputc ((i * 7919) & 0xff, f);
  fclose (f);

  store = tsg_store_open (path, &error);
  if (store == NULL)
    {
      g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE);
      assert_clear (error->message, path);
      return;
    }
  g_assert_false (tsg_store_check (store, problems, &error));
  g_assert_true (error != NULL || problems->len > 0);
  g_test_message ("check: %s", error ? error->message : (char *) g_ptr_array_index (problems, 0));
  g_clear_error (&error);
  audit_before = count_rows (store, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), late, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE);
  assert_clear (error->message, path);
  /* Nothing of the refused save was written. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM audit_log"), ==, audit_before);
}

/* --- a folder removed while in use ----------------------------------------- */

static void
test_folder_removed_while_open (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *sub = g_build_filename (dir, "office", NULL);
  g_autofree char *moved = g_build_filename (dir, "office-moved", NULL);
  g_autofree char *path = g_build_filename (sub, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (path, NULL);
  g_autoptr(TsgContact) first = make_contact (1, 10);
  g_autoptr(TsgContact) second = make_contact (2, 10);

  g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), first, &error), >, 0);
  /* Someone renames the folder (a synced folder, a clean-up script). */
  g_assert_cmpint (g_rename (sub, moved), ==, 0);
  g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), second, &error), ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE);
  assert_clear (error->message, path);
  g_clear_object (&store);
  g_assert_cmpint (g_rename (moved, sub), ==, 0);
  assert_sound_with (path, 1);

  /* A file replaced under it is refused the same way. */
  store = tsg_store_open (path, NULL);
  {
    g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
    g_autofree char *contents = NULL;
    gsize len;
    g_autoptr(TsgContact) third = make_contact (3, 10);

    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (copy, contents, len, NULL));
    g_assert_cmpint (g_rename (copy, path), ==, 0);
    g_clear_error (&error);
    g_assert_cmpint (tsg_store_save_contact (store, tsg_store_get_system_actor (store), third, &error), ==, 0);
    g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/read-only", test_read_only);
  g_test_add_func ("/faults/damaged-page", test_damaged_page);
  g_test_add_func ("/faults/folder-removed-while-open", test_folder_removed_while_open);
  return g_test_run ();
}

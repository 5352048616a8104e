/* tsg-backup.c: encrypted backups with SQLite's online backup API
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is taken in two steps: SQLite's backup API copies a consistent
 * snapshot of the database into a private temporary file beside it (the
 * same disk and folder, 0600, so nothing lands in /tmp), then the copy is
 * encrypted into the backup file and removed.
 *
 * File format (all integers little-endian):
 *
 *   "TSGBACK1"   8 bytes   magic
 *   version      4 bytes   1
 *   opslimit     8 bytes   argon2id limits used to make the key
 *   memlimit     8 bytes
 *   salt        16 bytes
 *   header      24 bytes   crypto_secretstream_xchacha20poly1305 header
 *   chunks               64 KiB of the database each, + 17 bytes of tag;
 *                         the last one tagged FINAL
 *
 * The first 44 bytes are the additional data of every chunk, so a changed
 * limit or salt is caught like a changed byte of the data. The key itself
 * is never stored in the file.
 */
#define G_LOG_DOMAIN "tsg-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tsg-backup.h"
#include "tsg-store-private.h"

G_DEFINE_QUARK (tsg-backup-error-quark, tsg_backup_error)

#define MAGIC        "TSGBACK1"
#define PREFIX_BYTES (8 + 4 + 8 + 8 + crypto_pwhash_SALTBYTES)
#define CHUNK_BYTES  65536
#define KEY_BYTES    crypto_secretstream_xchacha20poly1305_KEYBYTES

struct _TsgBackupKey
{
  guint64 opslimit;
  guint64 memlimit;
  guchar  salt[crypto_pwhash_SALTBYTES];
  guchar  key[KEY_BYTES];
};

/* --- keys -------------------------------------------------------------- */

static gboolean
derive_key (TsgBackupKey  *key,
            const char    *passphrase,
            GError       **error)
{
  if (crypto_pwhash (key->key, sizeof key->key, passphrase, strlen (passphrase), key->salt,
                     key->opslimit, (size_t) key->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED,
                   _("There is not enough memory to make the backup key; close other programs and try again."));
      return FALSE;
    }
  return TRUE;
}

TsgBackupKey *
tsg_backup_key_new (const char  *passphrase,
                    GError     **error)
{
  g_autoptr(TsgBackupKey) key = NULL;

  if (sodium_init () < 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED, "libsodium cannot start");
      return NULL;
    }
  if (passphrase == NULL || g_utf8_strlen (passphrase, -1) < TSG_BACKUP_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_WEAK_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The backup passphrase must have at least %d character.",
                                "The backup passphrase must have at least %d characters.",
                                TSG_BACKUP_PASSPHRASE_MIN_LENGTH),
                   TSG_BACKUP_PASSPHRASE_MIN_LENGTH);
      return NULL;
    }
  key = g_new0 (TsgBackupKey, 1);
  key->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  key->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
  randombytes_buf (key->salt, sizeof key->salt);
  if (!derive_key (key, passphrase, error))
    return NULL;
  return g_steal_pointer (&key);
}

void
tsg_backup_key_free (TsgBackupKey *key)
{
  if (key == NULL)
    return;
  sodium_memzero (key, sizeof *key);
  g_free (key);
}

static TsgBackupKey *
key_copy (const TsgBackupKey *key)
{
  return g_memdup2 (key, sizeof *key);
}

/* "1:OPS:MEM:SALT:KEY" in office_settings 'backup_key' */
static char *
key_to_string (const TsgBackupKey *key)
{
  char salt[sizeof key->salt * 2 + 1];
  char k[sizeof key->key * 2 + 1];
  char *s;

  sodium_bin2hex (salt, sizeof salt, key->salt, sizeof key->salt);
  sodium_bin2hex (k, sizeof k, key->key, sizeof key->key);
  s = g_strdup_printf ("1:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%s:%s", key->opslimit, key->memlimit, salt, k);
  sodium_memzero (k, sizeof k);
  return s;
}

static TsgBackupKey *
key_from_string (const char *text)
{
  g_auto(GStrv) parts = text ? g_strsplit (text, ":", -1) : NULL;
  g_autoptr(TsgBackupKey) key = g_new0 (TsgBackupKey, 1);
  size_t len = 0;

  if (parts == NULL || g_strv_length (parts) != 5 || g_strcmp0 (parts[0], "1") != 0)
    return NULL;
  key->opslimit = g_ascii_strtoull (parts[1], NULL, 10);
  key->memlimit = g_ascii_strtoull (parts[2], NULL, 10);
  if (sodium_hex2bin (key->salt, sizeof key->salt, parts[3], strlen (parts[3]), NULL, &len, NULL) != 0 ||
      len != sizeof key->salt ||
      sodium_hex2bin (key->key, sizeof key->key, parts[4], strlen (parts[4]), NULL, &len, NULL) != 0 ||
      len != sizeof key->key)
    return NULL;
  sodium_memzero (parts[4], strlen (parts[4]));
  return g_steal_pointer (&key);
}

gboolean
tsg_store_set_backup_passphrase (TsgStore    *self,
                                 TsgActor    *actor,
                                 const char  *passphrase,
                                 GError     **error)
{
  g_autoptr(TsgBackupKey) key = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error))
    return FALSE;
  if (!(key = tsg_backup_key_new (passphrase, error)))
    return FALSE;
  text = key_to_string (key);
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO office_settings (key, value) VALUES ('backup_key', ?)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sodium_memzero (text, strlen (text));
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "set_backup_passphrase", "setting", 0, "", error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gboolean
tsg_store_has_backup_key (TsgStore *self)
{
  g_autofree char *text = tsg_store_get_setting (self, "backup_key");

  return text != NULL && *text != '\0';
}

TsgBackupKey *
tsg_store_get_backup_key (TsgStore  *self,
                          TsgActor  *actor,
                          GError   **error)
{
  g_autofree char *text = NULL;
  TsgBackupKey *key;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error))
    return NULL;
  text = tsg_store_get_setting (self, "backup_key");
  key = key_from_string (text);
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  if (key == NULL)
    g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED,
                 _("No backup passphrase is set; an administrator sets one in Preferences."));
  return key;
}

/* --- files ------------------------------------------------------------- */

static void
set_io_error (GError     **error,
              const char  *format,
              const char  *path,
              int          saved_errno)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* @format is one of the translated sentences of this file. */
  g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO, format, path, g_strerror (saved_errno));
#pragma GCC diagnostic pop
}

/* A private temporary file in @dir (created 0700 if missing). */
static char *
make_temp (const char  *dir,
           const char  *stem,
           GError     **error)
{
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s-XXXXXX", dir, stem);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, _("The folder %s cannot be created: %s."), dir, errno);
      return NULL;
    }
  fd = g_mkstemp_full (tmpl, O_RDWR, 0600);
  if (fd < 0)
    {
      set_io_error (error, _("A temporary file cannot be created in %s: %s."), dir, errno);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static gboolean
sync_and_close (FILE        *f,
                const char  *path,
                GError     **error)
{
  int saved;

  if (fflush (f) != 0 || fsync (fileno (f)) != 0)
    {
      saved = errno;
      fclose (f);
      set_io_error (error, _("%s cannot be written: %s."), path, saved);
      return FALSE;
    }
  if (fclose (f) != 0)
    {
      set_io_error (error, _("%s cannot be written: %s."), path, errno);
      return FALSE;
    }
  return TRUE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static void
put_u32 (guchar *p, guint32 v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static void
put_u64 (guchar *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static guint32
get_u32 (const guchar *p)
{
  guint32 v = 0;

  for (int i = 3; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static guint64
get_u64 (const guchar *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static void
write_prefix (guchar              *prefix,
              const TsgBackupKey  *key)
{
  memcpy (prefix, MAGIC, 8);
  put_u32 (prefix + 8, 1);
  put_u64 (prefix + 12, key->opslimit);
  put_u64 (prefix + 20, key->memlimit);
  memcpy (prefix + 28, key->salt, sizeof key->salt);
}

/* Encrypts @plain into @file through @file.part, renamed when complete. */
static gboolean
encrypt_file (const char          *plain,
              const char          *file,
              const TsgBackupKey  *key,
              GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *part = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guchar prefix[PREFIX_BYTES];
  guchar header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autofree guchar *in = g_malloc (CHUNK_BYTES);
  g_autofree guchar *out = g_malloc (CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES);
  FILE *src = NULL, *dst = NULL;
  gboolean ok = FALSE;
  int eof;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO,
                   _("The folder %s does not exist; no backup was written."), dir);
      return FALSE;
    }
  if (!(part = make_temp (dir, base, error)))
    return FALSE;
  if (!(src = g_fopen (plain, "rb")))
    {
      set_io_error (error, _("%s cannot be read: %s."), plain, errno);
      goto out;
    }
  if (!(dst = g_fopen (part, "wb")))
    {
      set_io_error (error, _("%s cannot be written: %s."), file, errno);
      goto out;
    }
  write_prefix (prefix, key);
  crypto_secretstream_xchacha20poly1305_init_push (&state, header, key->key);
  if (fwrite (prefix, 1, sizeof prefix, dst) != sizeof prefix ||
      fwrite (header, 1, sizeof header, dst) != sizeof header)
    goto write_failed;
  do
    {
      size_t n = fread (in, 1, CHUNK_BYTES, src);
      unsigned long long out_len;

      if (ferror (src))
        {
          set_io_error (error, _("%s cannot be read: %s."), plain, errno);
          goto out;
        }
      eof = feof (src);
      crypto_secretstream_xchacha20poly1305_push (&state, out, &out_len, in, n, prefix, sizeof prefix,
                                                  eof ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      if (fwrite (out, 1, (size_t) out_len, dst) != out_len)
        goto write_failed;
    }
  while (!eof);
  ok = sync_and_close (dst, file, error);
  dst = NULL;
  if (ok && g_rename (part, file) != 0)
    {
      set_io_error (error, _("%s cannot be written: %s."), file, errno);
      ok = FALSE;
    }
  if (ok)
    sync_folder (file);
  goto out;

write_failed:
  set_io_error (error, _("%s cannot be written: %s."), file, errno);
out:
  sodium_memzero (&state, sizeof state);
  sodium_memzero (in, CHUNK_BYTES);
  if (src)
    fclose (src);
  if (dst)
    fclose (dst);
  if (!ok)
    g_unlink (part);
  return ok;
}

/* Decrypts @file into @plain. Nothing else is touched. */
static gboolean
decrypt_file (const char  *file,
              const char  *passphrase,
              const char  *plain,
              GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(TsgBackupKey) key = g_new0 (TsgBackupKey, 1);
  guchar prefix[PREFIX_BYTES];
  guchar header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autofree guchar *in = g_malloc (CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES);
  g_autofree guchar *out = g_malloc (CHUNK_BYTES);
  FILE *src = NULL, *dst = NULL;
  gboolean ok = FALSE, first = TRUE;
  guint64 offset = PREFIX_BYTES + sizeof header;
  guchar tag = 0;

  if (sodium_init () < 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED, "libsodium cannot start");
      return FALSE;
    }
  if (!(src = g_fopen (file, "rb")))
    {
      set_io_error (error, _("%s cannot be read: %s."), file, errno);
      return FALSE;
    }
  if (fread (prefix, 1, sizeof prefix, src) != sizeof prefix || memcmp (prefix, MAGIC, 8) != 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_NOT_BACKUP,
                   _("%s is not a Tsunagari Desk backup; nothing was changed."), file);
      goto out;
    }
  if (get_u32 (prefix + 8) != 1)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_NOT_BACKUP,
                   _("%s was made by a newer version of Tsunagari Desk; nothing was changed."), file);
      goto out;
    }
  key->opslimit = get_u64 (prefix + 12);
  key->memlimit = get_u64 (prefix + 20);
  memcpy (key->salt, prefix + 28, sizeof key->salt);
  /* Limits beyond what we ever write would only make a damaged file eat
   * the machine's memory. */
  if (key->opslimit < crypto_pwhash_OPSLIMIT_MIN || key->opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      key->memlimit < crypto_pwhash_MEMLIMIT_MIN || key->memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE ||
      fread (header, 1, sizeof header, src) != sizeof header)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                   _("%s is damaged at its start; nothing was changed."), file);
      goto out;
    }
  if (!derive_key (key, passphrase ? passphrase : "", error))
    goto out;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header, key->key) != 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                   _("%s is damaged at its start; nothing was changed."), file);
      goto out;
    }
  if (!(dst = g_fopen (plain, "wb")))
    {
      set_io_error (error, _("%s cannot be written: %s."), plain, errno);
      goto out;
    }
  while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      size_t n = fread (in, 1, CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES, src);
      unsigned long long out_len;

      if (ferror (src))
        {
          set_io_error (error, _("%s cannot be read: %s."), file, errno);
          goto out;
        }
      if (n == 0)
        {
          g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                       _("%s is cut short (its last part is missing); nothing was changed."), file);
          goto out;
        }
      if (crypto_secretstream_xchacha20poly1305_pull (&state, out, &out_len, &tag, in, n,
                                                      prefix, sizeof prefix) != 0)
        {
          g_autofree char *at = g_strdup_printf ("%" G_GUINT64_FORMAT, offset);

          if (first)
            g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_WRONG_PASSPHRASE,
                         _("The passphrase is wrong for %s (or the file is damaged at its start); nothing was changed."),
                         file);
          else
            g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                         _("%s is damaged after byte %s; nothing was changed."), file, at);
          goto out;
        }
      if (fwrite (out, 1, (size_t) out_len, dst) != out_len)
        {
          set_io_error (error, _("%s cannot be written: %s."), plain, errno);
          goto out;
        }
      first = FALSE;
      offset += n;
    }
  if (fgetc (src) != EOF)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                   _("%s has data after its end (it was altered); nothing was changed."), file);
      goto out;
    }
  ok = sync_and_close (dst, plain, error);
  dst = NULL;

out:
  sodium_memzero (&state, sizeof state);
  sodium_memzero (out, CHUNK_BYTES);
  if (src)
    fclose (src);
  if (dst)
    fclose (dst);
  return ok;
}

/* --- copying ----------------------------------------------------------- */

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO,
                 _("The disk holding %s is full."), path);
  else
    g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED,
                 _("Copying the database into %s failed: %s."), path,
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Copies @src (any connection, any journal mode) into the plain file @path
 * as a self-contained rollback-journal database. */
static gboolean
copy_database (sqlite3     *src,
               const char  *path,
               GError     **error)
{
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &dst, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (src, 5000);
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else
        {
          /* -1: the whole database in one step, one consistent snapshot. */
          do
            rc = sqlite3_backup_step (backup, -1);
          while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_errcode (dst) : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    set_sqlite_error (error, dst, rc, path);
  sqlite3_close_v2 (dst);
  return rc == SQLITE_OK;
}

static char *
temp_dir_for (const char *database_path)
{
  if (database_path == NULL || g_strcmp0 (database_path, ":memory:") == 0)
    return g_strdup (g_get_tmp_dir ());
  return g_path_get_dirname (database_path);
}

static gboolean
backup_with (sqlite3             *src,
             const char          *database_path,
             const char          *file,
             const TsgBackupKey  *key,
             GError             **error)
{
  g_autofree char *dir = temp_dir_for (database_path);
  g_autofree char *plain = NULL;
  gboolean ok;

  if (!(plain = make_temp (dir, "tsunagari-backup", error)))
    return FALSE;
  ok = copy_database (src, plain, error) && encrypt_file (plain, file, key, error);
  g_unlink (plain);
  return ok;
}

static gboolean
check_folder (const char  *file,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (file);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO,
                   _("The folder %s does not exist; no backup was written."), dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
audit_backup (TsgStore    *self,
              TsgActor    *actor,
              const char  *action,
              const char  *file,
              GError     **error)
{
  g_autofree char *base = g_path_get_basename (file);

  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, action, "database", 0, base, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

gboolean
tsg_store_backup (TsgStore            *self,
                  TsgActor            *actor,
                  const char          *file,
                  const TsgBackupKey  *key,
                  GError             **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (file != NULL && key != NULL, FALSE);

  /* The audit entry comes first, so the backup holds it too. */
  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error) ||
      !check_folder (file, error) ||
      !audit_backup (self, actor, "backup", file, error))
    return FALSE;
  return backup_with (self->db, self->path, file, key, error);
}

typedef struct
{
  char         *database_path;
  char         *file;
  TsgBackupKey *key;
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_free (job->database_path);
  g_free (job->file);
  tsg_backup_key_free (job->key);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;
  sqlite3 *db = NULL;
  int rc;

  /* A connection of our own: WAL lets it read a snapshot while the window
   * goes on writing on the main one. */
  rc = sqlite3_open_v2 (job->database_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    set_sqlite_error (&error, db, rc, job->database_path);
  else
    backup_with (db, job->database_path, job->file, job->key, &error);
  sqlite3_close_v2 (db);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
tsg_store_backup_async (TsgStore            *self,
                        TsgActor            *actor,
                        const char          *file,
                        const TsgBackupKey  *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  BackupJob *job;

  g_return_if_fail (TSG_IS_STORE (self));
  g_return_if_fail (file != NULL && key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tsg_store_backup_async);
  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      g_task_return_new_error (task, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_FAILED,
                               "an in-memory database is backed up with tsg_store_backup()");
      return;
    }
  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, &error) ||
      !check_folder (file, &error) ||
      !audit_backup (self, actor, "backup", file, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job = g_new0 (BackupJob, 1);
  job->database_path = g_strdup (self->path);
  job->file = g_strdup (file);
  job->key = key_copy (key);
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
tsg_store_backup_finish (TsgStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- restoring --------------------------------------------------------- */

/* The decrypted file must be a sound database this version can read. */
static gboolean
verify_plain (const char  *plain,
              const char  *file,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;
  int version = -1;

  if (sqlite3_open_v2 (plain, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (g_strcmp0 (verdict, "ok") == 0 &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_DAMAGED,
                   _("The database inside %s is damaged; nothing was changed."), file);
      return FALSE;
    }
  if (version < 1 || (guint) version > tsg_store_get_latest_schema_version ())
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_NOT_BACKUP,
                   _("The database inside %s was written by another version of Tsunagari Desk (schema %d); nothing was changed."),
                   file, version);
      return FALSE;
    }
  return TRUE;
}

static char *
decrypt_to_temp (const char  *database_path,
                 const char  *file,
                 const char  *passphrase,
                 GError     **error)
{
  g_autofree char *dir = temp_dir_for (database_path);
  char *plain;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO,
                   _("%s does not exist or is not a file; nothing was changed."), file);
      return NULL;
    }
  if (!(plain = make_temp (dir, "tsunagari-restore", error)))
    return NULL;
  if (!decrypt_file (file, passphrase, plain, error) || !verify_plain (plain, file, error))
    {
      g_unlink (plain);
      g_free (plain);
      return NULL;
    }
  return plain;
}

/* SQLite's backup API from @plain into the connection @dst: other
 * connections to the database see the change like any other write. */
static int
copy_into (sqlite3    *dst,
           const char *plain)
{
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (plain, &src, SQLITE_OPEN_READONLY, NULL);

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else
        {
          do
            rc = sqlite3_backup_step (backup, -1);
          while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  sqlite3_close_v2 (src);
  return rc;
}

static gboolean
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, aside) != 0)
    {
      set_io_error (error, _("%s cannot be moved aside: %s."), path, errno);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      g_rename (from, to);
    }
  return TRUE;
}

static gboolean
install_plain (const char  *database_path,
               const char  *plain,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (db, 5000);
          rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        }
      if (rc == SQLITE_OK)
        rc = copy_into (db, plain);
      sqlite3_close_v2 (db);
      if (rc == SQLITE_OK)
        return TRUE;
      if ((rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT)
        {
          set_sqlite_error (error, NULL, rc, database_path);
          return FALSE;
        }
      /* A damaged database is kept beside, never deleted. */
      if (!move_aside (database_path, error))
        return FALSE;
    }
  if (g_rename (plain, database_path) != 0)
    {
      set_io_error (error, _("%s cannot be written: %s."), database_path, errno);
      return FALSE;
    }
  g_chmod (database_path, 0600);
  sync_folder (database_path);
  return TRUE;
}

gboolean
tsg_backup_restore_file (const char  *database_path,
                         const char  *file,
                         const char  *passphrase,
                         GError     **error)
{
  g_autofree char *plain = NULL;
  g_autoptr(TsgStore) store = NULL;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL && file != NULL, FALSE);

  if (!(plain = decrypt_to_temp (database_path, file, passphrase, error)))
    return FALSE;
  ok = install_plain (database_path, plain, error);
  g_unlink (plain);
  if (!ok)
    return FALSE;
  /* Open it as the application will (migrating an older backup), and say
   * in its own log that it was restored. */
  if (!(store = tsg_store_open (database_path, error)))
    return FALSE;
  return audit_backup (store, store->system_actor, "restore", file, error);
}

gboolean
tsg_store_restore (TsgStore    *self,
                   TsgActor    *actor,
                   const char  *file,
                   const char  *passphrase,
                   GError     **error)
{
  g_autofree char *plain = NULL;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth == 0, FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error) ||
      !(plain = decrypt_to_temp (self->path, file, passphrase, error)))
    return FALSE;
  /* Cached statements must not hold the old schema. */
  g_hash_table_remove_all (self->statements);
  rc = copy_into (self->db, plain);
  g_unlink (plain);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "restore");
      return FALSE;
    }
  return audit_backup (self, actor, "restore", file, error);
}

/* --- names and rotation ------------------------------------------------ */

char *
tsg_backup_file_name (const char *folder,
                      GDateTime  *when)
{
  g_autofree char *stamp = g_date_time_format (when, "tsunagari-%Y%m%d-%H%M%S");
  g_autofree char *name = g_strconcat (stamp, TSG_BACKUP_SUFFIX, NULL);
  char *path = g_build_filename (folder, name, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s-%u%s", stamp, n, TSG_BACKUP_SUFFIX);
      path = g_build_filename (folder, name, NULL);
    }
  return path;
}

static int
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -strcmp (*(const char **) a, *(const char **) b);
}

int
tsg_backup_rotate (const char  *folder,
                   guint        keep,
                   GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) pattern = g_regex_new ("^tsunagari-\\d{8}-\\d{6}(-\\d+)?\\.tsgbackup$", 0, 0, NULL);
  GError *local_error = NULL;
  const char *name;
  int removed = 0;

  if (!(dir = g_dir_open (folder, 0, &local_error)))
    {
      g_set_error (error, TSG_BACKUP_ERROR, TSG_BACKUP_ERROR_IO,
                   _("The backup folder %s cannot be read: %s."), folder, local_error->message);
      g_error_free (local_error);
      return -1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_regex_match (pattern, name, 0, NULL))
      g_ptr_array_add (names, g_strdup (name));
  /* The names sort by the time they were taken. */
  g_ptr_array_sort (names, compare_names_desc);
  for (guint i = MAX (keep, 1); i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      if (g_unlink (path) == 0)
        removed++;
    }
  return removed;
}

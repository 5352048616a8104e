/* tsg-store.c: opening, migrating, transactions, settings, audit
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "tsg-domain.h"
#include "tsg-fold.h"
#include "tsg-store-private.h"

G_DEFINE_FINAL_TYPE (TsgStore, tsg_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (tsg-store-error-quark, tsg_store_error)

#define SQLITE_MAGIC "SQLite format 3"

/* Every two seconds, a passive checkpoint: it never blocks a writer, and
 * the saves themselves (synchronous=FULL) only append to the log. */
static gpointer
checkpoint_thread (gpointer data)
{
  TsgStore *self = data;
  sqlite3 *db = g_object_get_data (G_OBJECT (self), "tsg-checkpoint-db");

  g_mutex_lock (&self->checkpoint_lock);
  while (!self->checkpoint_stop)
    {
      gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      if (g_cond_wait_until (&self->checkpoint_cond, &self->checkpoint_lock, until) || self->checkpoint_stop)
        continue;
      g_mutex_unlock (&self->checkpoint_lock);
      sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_mutex_lock (&self->checkpoint_lock);
    }
  g_mutex_unlock (&self->checkpoint_lock);
  return NULL;
}

static void
start_checkpointer (TsgStore *self)
{
  sqlite3 *db = NULL;

  /* A first read opens the file and its log: until then the connection
   * does not know the database is in WAL mode and checkpoints nothing. */
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK)
    {
      /* SQLite's own checkpoints after commits stay on. */
      sqlite3_close_v2 (db);
      return;
    }
  g_object_set_data (G_OBJECT (self), "tsg-checkpoint-db", db);
  self->checkpointer = g_thread_new ("tsg-checkpoint", checkpoint_thread, self);
  sqlite3_exec (self->db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
}

static void
stop_checkpointer (TsgStore *self)
{
  if (self->checkpointer == NULL)
    return;
  g_mutex_lock (&self->checkpoint_lock);
  self->checkpoint_stop = TRUE;
  g_cond_signal (&self->checkpoint_cond);
  g_mutex_unlock (&self->checkpoint_lock);
  g_thread_join (g_steal_pointer (&self->checkpointer));
  /* Closed before the main connection, which then checkpoints the rest. */
  sqlite3_close_v2 (g_object_steal_data (G_OBJECT (self), "tsg-checkpoint-db"));
}

static void
tsg_store_finalize (GObject *object)
{
  TsgStore *self = TSG_STORE (object);

  stop_checkpointer (self);
  g_mutex_clear (&self->checkpoint_lock);
  g_cond_clear (&self->checkpoint_cond);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->system_actor, tsg_actor_unref);
  g_free (self->path);
  G_OBJECT_CLASS (tsg_store_parent_class)->finalize (object);
}

static void
tsg_store_class_init (TsgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tsg_store_init (TsgStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  g_mutex_init (&self->checkpoint_lock);
  g_cond_init (&self->checkpoint_cond);
}

gint64
_tsg_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Turns an SQLite result code into one sentence a person can act on. */
void
_tsg_store_set_error (TsgStore   *self,
                      GError    **error,
                      int         rc,
                      const char *what)
{
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self && self->path ? self->path : "";

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FULL,
                   _("The disk holding %s is full; nothing was saved."), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_READ_ONLY,
                   _("%s cannot be written to (it is read-only); nothing was saved."), path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE,
                   _("%s is damaged or is not a Tsunagari Desk database (%s)."), path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_BUSY,
                   _("The database is busy in another program; try again in a moment."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The record was refused by the database: %s."), detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE,
                   _("%s cannot be opened."), path);
      break;
    case SQLITE_IOERR:
      /* A full disk or a file-size limit can also surface as a failed
       * write (a short write leaves no errno). */
      if ((self && self->db && (sqlite3_system_errno (self->db) == ENOSPC ||
                                sqlite3_system_errno (self->db) == EFBIG)) ||
          rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FULL,
                     _("The disk holding %s is full or cannot be written; nothing was saved."), path);
      else
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                     _("Writing to %s failed (%s); nothing was saved."), path,
                     self && self->db ? g_strerror (sqlite3_system_errno (self->db)) : detail);
      break;
    default:
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                   "%s: %s", what ? what : "SQLite", detail);
    }
}

sqlite3_stmt *
_tsg_store_prepare (TsgStore   *self,
                    const char *sql,
                    GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_tsg_store_exec (TsgStore   *self,
                 const char *sql,
                 GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "exec");
      return FALSE;
    }
  return TRUE;
}

gboolean
_tsg_store_step_done (TsgStore     *self,
                      sqlite3_stmt *stmt,
                      GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tsg_store_set_error (self, error, rc, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* If the folder was removed or the file replaced while the application
 * runs, SQLite would go on writing into the old, unlinked file and every
 * record saved from then on would be lost at exit: refuse instead. */
static gboolean
check_file_still_there (TsgStore  *self,
                        GError   **error)
{
  GStatBuf st;

  if (self->file_ino == 0)
    return TRUE;
  if (g_stat (self->path, &st) != 0 || (guint64) st.st_ino != self->file_ino ||
      (guint64) st.st_dev != self->file_dev)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE,
                   _("The database file %s was moved or removed while in use, so nothing was saved; close Tsunagari Desk and put the file back."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* Nested calls become savepoints, so a store call can be used inside an
 * import's transaction and the whole import still lands or not at all. */
gboolean
_tsg_store_begin (TsgStore   *self,
                  GError    **error)
{
  gboolean ok;

  if (self->tx_depth == 0)
    ok = check_file_still_there (self, error) && _tsg_store_exec (self, "BEGIN IMMEDIATE", error);
  else
    {
      g_autofree char *sql = g_strdup_printf ("SAVEPOINT sp%u", self->tx_depth);
      ok = _tsg_store_exec (self, sql, error);
    }
  if (ok)
    self->tx_depth++;
  return ok;
}

gboolean
_tsg_store_commit (TsgStore   *self,
                   GError    **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth == 1)
    {
      if (!_tsg_store_exec (self, "COMMIT", error))
        {
          _tsg_store_rollback (self);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE sp%u", self->tx_depth - 1);
      if (!_tsg_store_exec (self, sql, error))
        return FALSE;
    }
  self->tx_depth--;
  return TRUE;
}

void
_tsg_store_rollback (TsgStore *self)
{
  g_return_if_fail (self->tx_depth > 0);

  if (self->tx_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u",
                                              self->tx_depth - 1, self->tx_depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  self->tx_depth--;
}

gboolean
_tsg_store_require (TsgStore      *self,
                    TsgActor      *actor,
                    TsgPermission  permission,
                    GError       **error)
{
  if (tsg_actor_may (actor, permission))
    return TRUE;
  if (actor == NULL)
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED,
                 _("Nobody is signed in; sign in first."));
  else
    /* The role as the person knows it (受付, 相談員…), not its identifier. */
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED,
                 _("Your role (%s) does not allow this."),
                 tsg_enum_label (tsg_roles, tsg_role_to_id (tsg_actor_get_role (actor))));
  return FALSE;
}

char *
_tsg_audit_hash (const char *prev_hash,
                 gint64      at,
                 gint64      staff_id,
                 const char *action,
                 const char *record_kind,
                 gint64      record_id,
                 const char *detail)
{
  g_autofree char *text = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                                           "\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%s",
                                           prev_hash, at, staff_id, action, record_kind,
                                           record_id, detail ? detail : "");
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

gboolean
_tsg_store_audit (TsgStore   *self,
                  TsgActor   *actor,
                  const char *action,
                  const char *record_kind,
                  gint64      record_id,
                  const char *detail,
                  GError    **error)
{
  sqlite3_stmt *last, *ins;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  gint64 at = _tsg_store_now ();
  gint64 staff_id = actor ? tsg_actor_get_staff_id (actor) : 0;

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!(last = _tsg_store_prepare (self, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", error)))
    return FALSE;
  if (sqlite3_step (last) == SQLITE_ROW)
    prev = g_strdup ((const char *) sqlite3_column_text (last, 0));
  else
    prev = g_strdup ("");
  sqlite3_reset (last);

  hash = _tsg_audit_hash (prev, at, staff_id, action, record_kind, record_id, detail);
  if (!(ins = _tsg_store_prepare (self,
                                  "INSERT INTO audit_log (at, staff_id, action, record_kind, record_id,"
                                  " detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)", error)))
    return FALSE;
  sqlite3_bind_int64 (ins, 1, at);
  if (staff_id > 0)
    sqlite3_bind_int64 (ins, 2, staff_id);
  sqlite3_bind_text (ins, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 4, record_kind, -1, SQLITE_TRANSIENT);
  if (record_id > 0)
    sqlite3_bind_int64 (ins, 5, record_id);
  sqlite3_bind_text (ins, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 7, prev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, hash, -1, SQLITE_TRANSIENT);
  return _tsg_store_step_done (self, ins, error);
}

gboolean
_tsg_store_check_audit_chain (TsgStore  *self,
                              GPtrArray *problems,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prev = g_strdup ("");
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, at, coalesce (staff_id, 0), action, record_kind,"
                          " coalesce (record_id, 0), detail, prev_hash, hash FROM audit_log ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "audit");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *stored_prev = (const char *) sqlite3_column_text (stmt, 7);
      const char *stored = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *expected =
        _tsg_audit_hash (prev, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         (const char *) sqlite3_column_text (stmt, 4),
                         sqlite3_column_int64 (stmt, 5),
                         (const char *) sqlite3_column_text (stmt, 6));

      if (g_strcmp0 (stored_prev, prev) != 0 || g_strcmp0 (stored, expected) != 0)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_ptr_array_add (problems,
                           g_strdup_printf (_("audit log entry %s does not match its hash chain (the log was altered)"),
                                            id_text));
        }
      g_free (prev);
      prev = g_strdup (stored);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "audit");
      return FALSE;
    }
  return TRUE;
}

const char *
_tsg_store_bigram_table (const char *fts_table)
{
  static const char *companions[][2] = {
    { "contacts_fts", "contacts_bigram" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    if (g_strcmp0 (fts_table, companions[i][0]) == 0)
      return companions[i][1];
  return NULL;
}

/* "夫の暴言" -> "夫の の暴 暴言 言": every pair of neighbours, and each
 * character before a space or the end alone, so that a prefix query for one
 * character finds it wherever it stands. */
static char *
bigrams_of (const char *folded)
{
  GString *out = g_string_sized_new (strlen (folded) * 2);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (out->len)
        g_string_append_c (out, ' ');
      if (*next && !g_unichar_isspace (g_utf8_get_char (next)))
        g_string_append_len (out, p, g_utf8_next_char (next) - p);
      else
        g_string_append_len (out, p, next - p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
index_one (TsgStore   *self,
           const char *table,
           gint64      rowid,
           const char *body,
           gboolean    replace,
           GError    **error)
{
  g_autofree char *del_sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?", table);
  g_autofree char *ins_sql = g_strdup_printf ("INSERT INTO %s (rowid, body) VALUES (?, ?)", table);
  sqlite3_stmt *stmt;

  if (replace)
    {
      if (!(stmt = _tsg_store_prepare (self, del_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (body == NULL)
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self, ins_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  return _tsg_store_step_done (self, stmt, error);
}

/* The folded text a row was indexed with (the trigram table keeps it), or
 * NULL when the row is not indexed. */
static char *
indexed_text (TsgStore   *self,
              const char *fts_table,
              gint64      rowid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT body FROM %s WHERE rowid = ?", fts_table);
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* The bigram table keeps no copy of its text (content=''; that copy was a
 * quarter of the file): a row leaves it by the 'delete' command with the
 * very tokens it went in with, rebuilt here from the trigram table's copy
 * of the folded text. (Changing bigrams_of() means rebuilding the table.) */
static gboolean
bigram_forget (TsgStore   *self,
               const char *bigram_table,
               gint64      rowid,
               const char *old_folded,
               GError    **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *bigrams = NULL;
  sqlite3_stmt *stmt;

  if (old_folded == NULL)
    return TRUE;
  sql = g_strdup_printf ("INSERT INTO %s (%s, rowid, body) VALUES ('delete', ?, ?)", bigram_table, bigram_table);
  bigrams = bigrams_of (old_folded);
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, bigrams, -1, SQLITE_STATIC);
  return _tsg_store_step_done (self, stmt, error);
}

static gboolean
index_text (TsgStore   *self,
            const char *fts_table,
            gint64      rowid,
            const char *text,
            gboolean    replace,
            GError    **error)
{
  g_autofree char *folded = tsg_fold_for_search (text);
  const char *bigram_table = _tsg_store_bigram_table (fts_table);
  g_autofree char *old = NULL;
  g_autofree char *bigrams = NULL;

  if (replace && bigram_table != NULL)
    old = indexed_text (self, fts_table, rowid);
  if (!index_one (self, fts_table, rowid, folded, replace, error))
    return FALSE;
  if (bigram_table == NULL)
    return TRUE;
  bigrams = bigrams_of (folded);
  return bigram_forget (self, bigram_table, rowid, old, error) &&
         index_one (self, bigram_table, rowid, bigrams, FALSE, error);
}

gboolean
_tsg_store_index_text (TsgStore   *self,
                       const char *fts_table,
                       gint64      rowid,
                       const char *text,
                       GError    **error)
{
  return index_text (self, fts_table, rowid, text, TRUE, error);
}

gboolean
_tsg_store_index_new_text (TsgStore   *self,
                           const char *fts_table,
                           gint64      rowid,
                           const char *text,
                           GError    **error)
{
  return index_text (self, fts_table, rowid, text, FALSE, error);
}

gboolean
_tsg_store_unindex_text (TsgStore   *self,
                         const char *fts_table,
                         gint64      rowid,
                         GError    **error)
{
  const char *bigram_table = _tsg_store_bigram_table (fts_table);
  g_autofree char *old = bigram_table ? indexed_text (self, fts_table, rowid) : NULL;

  return index_one (self, fts_table, rowid, NULL, TRUE, error) &&
         (bigram_table == NULL || bigram_forget (self, bigram_table, rowid, old, error));
}

/* --- opening ----------------------------------------------------------- */

static gboolean
check_existing_file (const char  *path,
                     gboolean    *exists,
                     GError     **error)
{
  GStatBuf st;
  char magic[16] = { 0 };
  int fd;
  gssize n;

  *exists = FALSE;
  if (g_stat (path, &st) != 0)
    return TRUE;
  *exists = TRUE;
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE,
                   _("%s is not a file."), path);
      return FALSE;
    }
  if (st.st_size == 0)
    return TRUE;
  if ((fd = g_open (path, O_RDONLY, 0)) < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_READ_ONLY,
                   _("%s cannot be read: %s."), path, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, magic, sizeof magic);
  close (fd);
  if (n < (gssize) sizeof magic || memcmp (magic, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_DATABASE,
                   _("%s is not a Tsunagari Desk database (it is not an SQLite file)."), path);
      return FALSE;
    }
  if (access (path, W_OK) != 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_READ_ONLY,
                   _("%s is read-only; Tsunagari Desk needs to write to it."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_new_file (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE,
                   _("The folder %s cannot be created: %s."), dir, g_strerror (errno));
      return FALSE;
    }
  /* Create the file ourselves so it is 0600 whatever the umask: SQLite gives
   * its -wal and -shm files the same mode. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  /* Another desk created it a moment ago: open theirs. */
  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_CANNOT_CREATE,
                   _("%s cannot be created: %s."), path, g_strerror (errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (TsgStore *self,
         guint     from,
         guint     to,
         GError  **error)
{
  for (guint v = from + 1; v <= to; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v);

      if (!_tsg_store_begin (self, error))
        return FALSE;
      /* Another desk opening the same new file may have migrated it
       * between our first look and this transaction's write lock. */
      if (read_user_version (self->db) >= (int) v)
        {
          _tsg_store_rollback (self);
          continue;
        }
      if (!_tsg_store_exec (self, _tsg_migrations_step (v), error) ||
          !_tsg_store_exec (self, set_version, error))
        {
          _tsg_store_rollback (self);
          g_prefix_error (error, _("Upgrading the database to version %u failed: "), v);
          return FALSE;
        }
      if (!_tsg_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

/* Each database has its own key for the caller-number hash, so hashes from
 * one office's database are useless in another's. */
static gboolean
ensure_secrets (TsgStore *self,
                GError  **error)
{
  g_autofree char *key = tsg_store_get_setting (self, "caller_hash_key");
  guchar raw[32];
  char hex[65];

  if (key != NULL)
    return TRUE;
  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);
  if (!_tsg_store_begin (self, error))
    return FALSE;
  {
    sqlite3_stmt *stmt = _tsg_store_prepare (self,
                                             "INSERT OR IGNORE INTO office_settings (key, value) VALUES ('caller_hash_key', ?)",
                                             error);
    if (stmt == NULL)
      {
        _tsg_store_rollback (self);
        return FALSE;
      }
    sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
    if (!_tsg_store_step_done (self, stmt, error))
      {
        _tsg_store_rollback (self);
        return FALSE;
      }
  }
  return _tsg_store_commit (self, error);
}

/* Switching a file to WAL needs an exclusive lock, and SQLite answers
 * SQLITE_BUSY at once instead of calling the busy handler: when two desks
 * open the same new file together, wait for the other the way busy_timeout
 * would. Once the file is in WAL mode the pragma takes no lock at all. */
static gboolean
set_wal_mode (TsgStore  *self,
              GError   **error)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (;;)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *mode = NULL;
      int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              rc = SQLITE_OK;
            }
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_OK && g_ascii_strcasecmp (mode ? mode : "", "wal") == 0)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY && rc != SQLITE_OK)
        {
          _tsg_store_set_error (self, error, rc, "journal_mode");
          return FALSE;
        }
      /* Busy, or the mode stayed as it was because another connection held
       * the file: try again until the deadline. */
      if (g_get_monotonic_time () > deadline)
        {
          _tsg_store_set_error (self, error, SQLITE_BUSY, "journal_mode");
          return FALSE;
        }
      g_usleep (10 * 1000);
    }
}

static TsgStore *
open_internal (const char *path,
               guint       target_version,
               GError    **error)
{
  g_autoptr(TsgStore) self = NULL;
  gboolean memory = g_strcmp0 (path, ":memory:") == 0;
  gboolean exists = FALSE;
  int version, rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED, "libsodium cannot start");
      return NULL;
    }
  if (!memory)
    {
      if (!check_existing_file (path, &exists, error))
        return NULL;
      if (!exists && !prepare_new_file (path, error))
        return NULL;
    }

  self = g_object_new (TSG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->system_actor = tsg_actor_new (1, TSG_ROLE_ADMINISTRATOR, "system");
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* Before the first statement: another desk may be opening or migrating
   * the same file at this very moment. */
  sqlite3_busy_timeout (self->db, 5000);
  if (!memory)
    {
      GStatBuf st;
      if (g_stat (path, &st) == 0)
        {
          self->file_dev = (guint64) st.st_dev;
          self->file_ino = (guint64) st.st_ino;
        }
    }

  /* Read the version before anything writes: a file from a newer version or
   * a damaged one must stay untouched. */
  version = read_user_version (self->db);
  if (version < 0)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "open");
      return NULL;
    }
  if ((guint) version > _tsg_migrations_latest ())
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Tsunagari Desk (schema %d; this version reads up to %u)."),
                   path, version, _tsg_migrations_latest ());
      return NULL;
    }

  if (!memory && !set_wal_mode (self, error))
    return NULL;
  if (!_tsg_store_exec (self,
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA busy_timeout = 5000;"
                        "PRAGMA temp_store = MEMORY;", error))
    return NULL;

  if ((guint) version < target_version && !migrate (self, version, target_version, error))
    return NULL;
  if (target_version == _tsg_migrations_latest () && !ensure_secrets (self, error))
    return NULL;
  if (!memory)
    start_checkpointer (self);
  return g_steal_pointer (&self);
}

/**
 * tsg_store_open:
 * @path: a file, or ":memory:" for tests
 *
 * Opens or creates the database (0600, its folder 0700), in WAL mode with
 * synchronous=FULL so that a saved record survives a power cut, and brings
 * the schema up to date, one transaction per version.
 *
 * Returns: (transfer full): the store, or %NULL with @error set to one
 *   sentence saying what is wrong with which file.
 */
TsgStore *
tsg_store_open (const char  *path,
                GError     **error)
{
  return open_internal (path, _tsg_migrations_latest (), error);
}

TsgStore *
_tsg_store_open_at_version (const char *path,
                            guint       version,
                            GError    **error)
{
  return open_internal (path, version, error);
}

sqlite3 *
_tsg_store_open_reader (TsgStore  *self,
                        GError   **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED, "no reader for in-memory stores");
      return NULL;
    }
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, rc, "open");
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

const char *
tsg_store_get_path (TsgStore *self)
{
  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  return self->path;
}

guint
tsg_store_get_schema_version (TsgStore *self)
{
  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  return (guint) MAX (read_user_version (self->db), 0);
}

guint
tsg_store_get_latest_schema_version (void)
{
  return _tsg_migrations_latest ();
}

TsgActor *
tsg_store_get_system_actor (TsgStore *self)
{
  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  return self->system_actor;
}

gboolean
tsg_store_is_demo (TsgStore *self)
{
  g_autofree char *demo = tsg_store_get_setting (self, "demo");

  return g_strcmp0 (demo, "1") == 0;
}

char *
tsg_store_get_setting (TsgStore   *self,
                       const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!(stmt = _tsg_store_prepare (self, "SELECT value FROM office_settings WHERE key = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
tsg_store_set_setting (TsgStore   *self,
                       TsgActor   *actor,
                       const char *key,
                       const char *value,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_SETTINGS, error))
    return FALSE;
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO office_settings (key, value) VALUES (?, ?)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value ? value : "", -1, SQLITE_TRANSIENT);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "update", "setting", 0, key, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

/* --- checking ---------------------------------------------------------- */

static gboolean
collect_rows (TsgStore   *self,
              const char *sql,
              const char *format,
              GPtrArray  *problems,
              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (self, error, sqlite3_errcode (self->db), "check");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = sqlite3_column_count (stmt) > 1 ? (const char *) sqlite3_column_text (stmt, 1) : "";

      if (g_strcmp0 (a, "ok") == 0 && g_str_has_prefix (sql, "PRAGMA integrity_check"))
        continue;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      /* The formats are the static table of tsg_store_check(). */
      g_ptr_array_add (problems, g_strdup_printf (format, a ? a : "", b ? b : ""));
#pragma GCC diagnostic pop
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "check");
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_store_check (TsgStore   *self,
                 GPtrArray  *problems,
                 GError    **error)
{
  guint before = problems->len;
  static const struct { const char *sql; const char *format; } checks[] = {
    { "PRAGMA integrity_check", "integrity: %s%s" },
    { "PRAGMA foreign_key_check", "foreign key: a row of %s refers to a missing row in %s" },
    /* The stock ledger: no balance below zero at any point. */
    { "SELECT p.name, i.name FROM ("
      "  SELECT point_id, item_id, sum (delta) AS balance FROM ("
      "    SELECT to_point_id AS point_id, item_id, quantity AS delta FROM stock_movements WHERE to_point_id IS NOT NULL"
      "    UNION ALL"
      "    SELECT from_point_id, item_id, -quantity FROM stock_movements WHERE from_point_id IS NOT NULL)"
      "  GROUP BY point_id, item_id) b"
      " JOIN distribution_points p ON p.id = b.point_id JOIN items i ON i.id = b.item_id"
      " WHERE b.balance < 0",
      "stock: the balance of %2$s at %1$s is negative" },
    /* The balances kept by the triggers equal the sums of the ledger. */
    { "SELECT coalesce (p.name, b.point_id), coalesce (i.name, b.item_id) FROM ("
      "  SELECT coalesce (s.point_id, l.point_id) AS point_id, coalesce (s.item_id, l.item_id) AS item_id"
      "  FROM stock_balances s FULL JOIN ("
      "    SELECT point_id, item_id, sum (delta) AS balance FROM ("
      "      SELECT to_point_id AS point_id, item_id, quantity AS delta FROM stock_movements WHERE to_point_id IS NOT NULL"
      "      UNION ALL"
      "      SELECT from_point_id, item_id, -quantity FROM stock_movements WHERE from_point_id IS NOT NULL)"
      "    GROUP BY point_id, item_id) l ON l.point_id = s.point_id AND l.item_id = s.item_id"
      "  WHERE coalesce (s.balance, 0) <> coalesce (l.balance, 0)) b"
      " LEFT JOIN distribution_points p ON p.id = b.point_id LEFT JOIN items i ON i.id = b.item_id",
      "stock: the stored balance of %2$s at %1$s differs from the sum of its movements" },
    { "SELECT id, channel FROM contacts WHERE channel NOT IN"
      " ('free_dial','phone','line','email','sns','visit','outreach')",
      "contact %s: channel \"%s\" is unknown" },
    { "SELECT id, call_type FROM contacts WHERE call_type NOT IN ('data','silent','hang_up','prank','wrong_number')",
      "contact %s: call type \"%s\" is unknown" },
    { "SELECT id, status FROM cases WHERE (status = 'closed') <> (closed_at IS NOT NULL)",
      "case %s: status %s disagrees with its closing date" },
    { "SELECT id, '' FROM contacts WHERE deleted_at IS NULL AND id NOT IN (SELECT rowid FROM contacts_fts)",
      "contact %s%s is missing from the search index" },
  };

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (!collect_rows (self, checks[i].sql, checks[i].format, problems, error))
      return FALSE;
  if (!_tsg_store_check_audit_chain (self, problems, error))
    return FALSE;
  return problems->len == before;
}

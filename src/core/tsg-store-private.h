/* tsg-store-private.h: shared by the tsg-store-*.c files (one class, split by area)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tsg-store.h"

G_BEGIN_DECLS

struct _TsgStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt*, main connection only */
  guint       tx_depth;
  TsgActor   *system_actor;
  /* WAL checkpoints run in a thread on a connection of their own, so that
   * no save waits while the log is copied into the file (tsg-store.c). */
  GThread    *checkpointer;
  GMutex      checkpoint_lock;
  GCond       checkpoint_cond;
  gboolean    checkpoint_stop;
  guint64     file_dev;     /* the file opened: a write into a file that was */
  guint64     file_ino;     /* removed or replaced since would be lost */
};

guint         _tsg_migrations_latest     (void);
const char   *_tsg_migrations_step       (guint version);

/* Opens a database and migrates it only up to @version (tests of migrations). */
TsgStore     *_tsg_store_open_at_version (const char *path,
                                          guint       version,
                                          GError    **error);

gint64        _tsg_store_now             (void);
void          _tsg_store_set_error       (TsgStore   *self,
                                          GError    **error,
                                          int         rc,
                                          const char *what);
sqlite3_stmt *_tsg_store_prepare         (TsgStore   *self,
                                          const char *sql,
                                          GError    **error);
gboolean      _tsg_store_exec            (TsgStore   *self,
                                          const char *sql,
                                          GError    **error);
gboolean      _tsg_store_step_done       (TsgStore     *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
gboolean      _tsg_store_begin           (TsgStore   *self,
                                          GError    **error);
gboolean      _tsg_store_commit          (TsgStore   *self,
                                          GError    **error);
void          _tsg_store_rollback        (TsgStore   *self);
gboolean      _tsg_store_require         (TsgStore      *self,
                                          TsgActor      *actor,
                                          TsgPermission  permission,
                                          GError       **error);
/* Appends to the hash-chained audit log; call inside the action's transaction. */
gboolean      _tsg_store_audit           (TsgStore   *self,
                                          TsgActor   *actor,
                                          const char *action,
                                          const char *record_kind,
                                          gint64      record_id,
                                          const char *detail,
                                          GError    **error);
char         *_tsg_audit_hash            (const char *prev_hash,
                                          gint64      at,
                                          gint64      staff_id,
                                          const char *action,
                                          const char *record_kind,
                                          gint64      record_id,
                                          const char *detail);
gboolean      _tsg_store_check_audit_chain (TsgStore  *self,
                                            GPtrArray *problems,
                                            GError   **error);
/* Folded text for the trigram FTS tables (tsg-fold.c). */
gboolean      _tsg_store_index_text      (TsgStore   *self,
                                          const char *fts_table,
                                          gint64      rowid,
                                          const char *text,
                                          GError    **error);
/* The same for a row just inserted (nothing to replace: cheaper in bulk). */
gboolean      _tsg_store_index_new_text  (TsgStore   *self,
                                          const char *fts_table,
                                          gint64      rowid,
                                          const char *text,
                                          GError    **error);
gboolean      _tsg_store_unindex_text    (TsgStore   *self,
                                          const char *fts_table,
                                          gint64      rowid,
                                          GError    **error);
/* The bigram companion of an FTS table (short searches), or NULL. */
const char   *_tsg_store_bigram_table    (const char *fts_table);
/* tsg_store_list_ids_async() without its audit row (tsg_store_list_first_ids()
 * wrote it for the same view). */
void          _tsg_store_list_ids_async_unaudited (TsgStore           *self,
                                                   TsgActor           *actor,
                                                   TsgListKind         kind,
                                                   const TsgListQuery *query,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
/* A second connection for a worker thread (WAL lets it read while we write). */
sqlite3      *_tsg_store_open_reader     (TsgStore   *self,
                                          GError    **error);

G_END_DECLS

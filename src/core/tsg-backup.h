/* tsg-backup.h: encrypted backups of the database, and restoring them
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_BACKUP_ERROR (tsg_backup_error_quark ())

typedef enum
{
  TSG_BACKUP_ERROR_FAILED,
  TSG_BACKUP_ERROR_NOT_BACKUP,        /* not a Tsunagari Desk backup file */
  TSG_BACKUP_ERROR_WRONG_PASSPHRASE,  /* (or the start of the file is damaged) */
  TSG_BACKUP_ERROR_DAMAGED,           /* damaged or cut short after its start */
  TSG_BACKUP_ERROR_WEAK_PASSPHRASE,
  TSG_BACKUP_ERROR_IO,                /* a file or folder cannot be read or written */
} TsgBackupError;

/* Backup files are named tsunagari-YYYYMMDD-HHMMSS.tsgbackup */
#define TSG_BACKUP_SUFFIX ".tsgbackup"
#define TSG_BACKUP_PASSPHRASE_MIN_LENGTH 8

/* A key made from a passphrase with argon2id (about a second and 256 MiB on
 * purpose, since a lost backup can be attacked offline) and a random salt. */
typedef struct _TsgBackupKey TsgBackupKey;

GQuark        tsg_backup_error_quark     (void);

TsgBackupKey *tsg_backup_key_new         (const char          *passphrase,
                                          GError             **error);
void          tsg_backup_key_free        (TsgBackupKey        *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgBackupKey, tsg_backup_key_free)

/* Scheduled backups run unattended with the key the administrator set, kept
 * in the database (never the passphrase itself). */
gboolean      tsg_store_set_backup_passphrase (TsgStore     *self,
                                               TsgActor     *actor,
                                               const char   *passphrase,
                                               GError      **error);
gboolean      tsg_store_has_backup_key   (TsgStore            *self);
TsgBackupKey *tsg_store_get_backup_key   (TsgStore            *self,
                                          TsgActor            *actor,
                                          GError             **error);

/* Copies the database with SQLite's online backup API (others may go on
 * writing) and writes it to @file encrypted with @key (libsodium
 * secretstream XChaCha20-Poly1305). @file appears whole or not at all. */
gboolean      tsg_store_backup           (TsgStore            *self,
                                          TsgActor            *actor,
                                          const char          *file,
                                          const TsgBackupKey  *key,
                                          GError             **error);
/* The same; the copy and the encryption run in a worker thread on their own
 * connection, so the window goes on working. */
void          tsg_store_backup_async     (TsgStore            *self,
                                          TsgActor            *actor,
                                          const char          *file,
                                          const TsgBackupKey  *key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean      tsg_store_backup_finish    (TsgStore            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Puts the content of @file into the database at @database_path (created
 * if missing; a damaged one is kept beside it as PATH.damaged-TIME). A
 * wrong passphrase or a damaged backup changes nothing. For the command
 * line: the database need not open. */
gboolean      tsg_backup_restore_file    (const char          *database_path,
                                          const char          *file,
                                          const char          *passphrase,
                                          GError             **error);
/* The same into an open store (Preferences): the views must reload. */
gboolean      tsg_store_restore          (TsgStore            *self,
                                          TsgActor            *actor,
                                          const char          *file,
                                          const char          *passphrase,
                                          GError             **error);

/* A new name in @folder for a backup taken at @when. */
char         *tsg_backup_file_name       (const char          *folder,
                                          GDateTime           *when);
/* Deletes all but the @keep newest backups in @folder; returns how many
 * went, or -1 with @error set. */
int           tsg_backup_rotate          (const char          *folder,
                                          guint                keep,
                                          GError             **error);

G_END_DECLS

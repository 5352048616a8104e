/* tsg-backup-scheduler.h: scheduled backups while the application runs
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_BACKUP_SCHEDULER (tsg_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (TsgBackupScheduler, tsg_backup_scheduler, TSG, BACKUP_SCHEDULER, GObject)

/* Every few minutes: when GSettings backup-interval-hours have passed since
 * backup-last and the office has a backup passphrase, writes a backup into
 * the backup folder in a worker thread and keeps the newest backup-keep.
 * Emits ::done (const char *error_message or NULL) after each attempt. */
TsgBackupScheduler *tsg_backup_scheduler_new (TsgStore *store);

G_END_DECLS

/* tsg-backup-page.h: Preferences page for backups and retention (administrators)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_BACKUP_PAGE (tsg_backup_page_get_type ())

G_DECLARE_FINAL_TYPE (TsgBackupPage, tsg_backup_page, TSG, BACKUP_PAGE, AdwPreferencesPage)

GtkWidget *tsg_backup_page_new            (TsgStore *store,
                                           TsgActor *actor);
/* Where scheduled backups go: GSettings backup-folder, or by default
 * tsunagari-desk/backups in the user's data folder. */
char      *tsg_backup_page_default_folder (GSettings *settings);

G_END_DECLS

/* tsg-import-dialog.h: import contacts (CSV) or records (JSON) from the window
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_TYPE_IMPORT_DIALOG (tsg_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgImportDialog, tsg_import_dialog, TSG, IMPORT_DIALOG, AdwWindow)

/* Shows a preview of @file's first rows; "Import" runs the import in a
 * worker thread on its own connection, with a progress bar, and emits
 * "imported" (guint number of records) on success. A failed import changes
 * nothing and shows the error's sentence. */
TsgImportDialog *tsg_import_dialog_new    (GtkWindow       *parent,
                                           TsgStore        *store,
                                           TsgActor        *actor,
                                           GFile           *file);
/* Starts the import as the Import button does. */
void             tsg_import_dialog_run    (TsgImportDialog *self);

G_END_DECLS

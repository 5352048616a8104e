/* tsg-contact-editor.h: the quick-entry form of a contact (a call)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-contact-delete.h"
#include "tsg-store.h"
#include "tsg-time-input.h"

G_BEGIN_DECLS

#define TSG_TYPE_CONTACT_EDITOR (tsg_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (TsgContactEditor, tsg_contact_editor, TSG, CONTACT_EDITOR, AdwWindow)

/* The kind of the form's draft in the store (tsg_store_save_draft). */
#define TSG_CONTACT_DRAFT_KIND "contact"

TsgContactEditor *tsg_contact_editor_new             (GtkWindow        *parent,
                                                      TsgStore         *store,
                                                      TsgActor         *actor);
/* A new contact: now, the call timer running, the defaults of a call. */
void              tsg_contact_editor_start_new       (TsgContactEditor *self);
/* Edits a saved contact; shows its history. */
gboolean          tsg_contact_editor_load            (TsgContactEditor *self,
                                                      gint64            id,
                                                      GError          **error);
/* Fills the form from a draft (tsg_store_load_draft). */
gboolean          tsg_contact_editor_restore_draft   (TsgContactEditor *self,
                                                      const char       *json,
                                                      GError          **error);
/* Validates and saves; emits "saved" and closes. Returns the id, 0 on error
 * (the form shows the error and stays open). */
gint64            tsg_contact_editor_save            (TsgContactEditor *self,
                                                      GError          **error);
/* The form as a draft (never the caller's number). */
char             *tsg_contact_editor_to_json         (TsgContactEditor *self);
gboolean          tsg_contact_editor_get_modified    (TsgContactEditor *self);
gint64            tsg_contact_editor_get_contact_id  (TsgContactEditor *self);


G_END_DECLS

/* tsg-contact-editor.h: the quick-entry form of a contact (a call)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

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

/* Asks for the reason (required) and deletes the contact; @done runs after
 * a deletion with the contact's id. */
typedef void (*TsgContactDeletedFunc) (gint64   id,
                                       gpointer user_data);
void              tsg_contact_delete_dialog_present  (GtkWindow            *parent,
                                                      TsgStore             *store,
                                                      TsgActor             *actor,
                                                      gint64                id,
                                                      TsgContactDeletedFunc done,
                                                      gpointer              user_data);

/* Parses what staff type for a time, in the local zone: "2025-04-01 10:15",
 * "2025/4/1 10:15", "10:15" (today), "+30m", "+2h", "+1d" (from @now); full-
 * width digits too. Returns Unix seconds, or 0 when it is not a time. */
gint64            tsg_parse_local_time               (const char       *text,
                                                      gint64            now);

G_END_DECLS

/* tsg-contact-delete.h: deleting a contact, with its reason
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tsg-store.h"

G_BEGIN_DECLS

typedef void (*TsgContactDeletedFunc) (gint64   id,
                                       gpointer user_data);

/* Asks for the reason (required) and deletes the contact; @done runs after
 * the deletion with the contact's id. */
void tsg_contact_delete_dialog_present (GtkWindow            *parent,
                                        TsgStore             *store,
                                        TsgActor             *actor,
                                        gint64                id,
                                        TsgContactDeletedFunc done,
                                        gpointer              user_data);

G_END_DECLS

/* tsg-contact-delete.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting a contact needs a reason: the store keeps a tombstone with it
 * for the audit. The list (Delete key) and the form both ask here.
 */
#define G_LOG_DOMAIN "tsg-contact-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-contact-delete.h"
#include "tsg-store-contacts.h"

typedef struct
{
  TsgStore             *store;
  TsgActor             *actor;
  gint64                id;
  GtkEntry             *reason;
  TsgContactDeletedFunc done;
  gpointer              user_data;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *dd = data;

  g_object_unref (dd->store);
  tsg_actor_unref (dd->actor);
  g_free (dd);
}

static void
on_reason_changed_cb (GtkEditable      *reason,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "delete", *text != '\0');
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DeleteData       *dd)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "delete") != 0)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (dd->reason))));
  if (!tsg_store_delete_contact (dd->store, dd->actor, dd->id, reason, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (parent, _("The Contact Was Not Deleted"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  if (dd->done)
    dd->done (dd->id, dd->user_data);
}

void
tsg_contact_delete_dialog_present (GtkWindow            *parent,
                                   TsgStore             *store,
                                   TsgActor             *actor,
                                   gint64                id,
                                   TsgContactDeletedFunc done,
                                   gpointer              user_data)
{
  GtkWidget *dialog;
  GtkWidget *reason;
  DeleteData *dd;

  g_return_if_fail (TSG_IS_STORE (store));
  g_return_if_fail (id > 0);

  dialog = adw_message_dialog_new (parent, _("Delete This Contact?"),
                                   _("It disappears from the call log and the figures. A record of the deletion and its reason is kept for the audit."));
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (required), e.g. entered twice"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for deleting"), -1);
  gtk_widget_set_name (reason, "delete-reason");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "delete", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  dd = g_new0 (DeleteData, 1);
  dd->store = g_object_ref (store);
  dd->actor = tsg_actor_ref (actor);
  dd->id = id;
  dd->reason = GTK_ENTRY (reason);
  dd->done = done;
  dd->user_data = user_data;
  g_object_set_data_full (G_OBJECT (dialog), "tsg-delete-data", dd, delete_data_free);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), dd);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

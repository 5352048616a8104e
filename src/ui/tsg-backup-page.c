/* tsg-backup-page.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown to administrators only; the store checks the role again on every
 * call. The schedule and the folder are the desk's (GSettings); the
 * passphrase's key and the retention period are the office's (database).
 */
#define G_LOG_DOMAIN "tsg-backup-page"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "tsg-backup-page.h"
#include "tsg-backup.h"
#include "tsg-format.h"
#include "tsg-store-retention.h"

struct _TsgBackupPage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
  AdwActionRow  *passphrase_row;
  AdwActionRow  *folder_row;
  GtkSpinButton *interval_spin;
  GtkSpinButton *keep_spin;
  AdwActionRow  *last_row;
  GtkSpinButton *years_spin;

  /* Owned references */
  TsgStore      *store;
  TsgActor      *actor;
  GSettings     *settings;
  GCancellable  *cancellable;
  char          *restore_file;
};

G_DEFINE_FINAL_TYPE (TsgBackupPage, tsg_backup_page, ADW_TYPE_PREFERENCES_PAGE)

char *
tsg_backup_page_default_folder (GSettings *settings)
{
  g_autofree char *folder = g_settings_get_string (settings, "backup-folder");

  if (folder != NULL && *folder != '\0')
    return g_steal_pointer (&folder);
  return g_build_filename (g_get_user_data_dir (), "tsunagari-desk", "backups", NULL);
}

static void
toast (TsgBackupPage *self,
       const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static GtkWindow *
parent_window (TsgBackupPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_rows (TsgBackupPage *self)
{
  g_autofree char *folder = tsg_backup_page_default_folder (self->settings);
  gint64 last = g_settings_get_int64 (self->settings, "backup-last");
  g_autofree char *when = last > 0 ? tsg_format_datetime (last) : g_strdup (_("Never on this computer"));

  adw_action_row_set_subtitle (self->passphrase_row,
                               tsg_store_has_backup_key (self->store)
                                 ? _("Set: scheduled backups can run")
                                 : _("Not set: no scheduled backups"));
  adw_action_row_set_subtitle (self->folder_row, folder);
  adw_action_row_set_subtitle (self->last_row, when);
}

/* A small dialog with password rows; @rows receives them in order. */
static GtkWidget *
password_dialog (TsgBackupPage *self,
                 const char    *heading,
                 const char    *body,
                 const char    *const *titles,
                 GtkWidget    **rows)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; titles[i] != NULL; i++)
    {
      rows[i] = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]), titles[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i], -1);
      gtk_list_box_append (GTK_LIST_BOX (list), rows[i]);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  return dialog;
}

/* --- passphrase -------------------------------------------------------- */

static void
on_passphrase_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TsgBackupPage    *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "tsg-first");
  GtkEditable *second = g_object_get_data (G_OBJECT (dialog), "tsg-second");

  if (g_strcmp0 (response, "set") != 0)
    return;
  if (g_strcmp0 (gtk_editable_get_text (first), gtk_editable_get_text (second)) != 0)
    toast (self, _("The two passphrases differ; nothing was changed."));
  else if (!tsg_store_set_backup_passphrase (self->store, self->actor, gtk_editable_get_text (first), &error))
    toast (self, error->message);
  else
    toast (self, _("The backup passphrase is set. Write it down and keep it away from this computer."));
  update_rows (self);
}

static void
set_passphrase_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (widget);
  const char *titles[] = { _("Passphrase"), _("Passphrase Again"), NULL };
  GtkWidget *rows[2];
  GtkWidget *dialog = password_dialog (self, _("Set the Backup Passphrase"),
                                       _("Backups are encrypted with it. Restoring a backup on any computer needs it; nobody can recover it for you."),
                                       titles, rows);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "set", _("_Set"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "tsg-first", rows[0]);
  g_object_set_data (G_OBJECT (dialog), "tsg-second", rows[1]);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- folder ------------------------------------------------------------ */

static void
on_folder_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     TsgBackupPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
      update_rows (self);
    }
  g_object_unref (chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Backup Folder"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                               _("_Select"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- backing up -------------------------------------------------------- */

static void
on_backed_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgBackupPage) self = user_data;

  if (!tsg_store_backup_finish (TSG_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    {
      g_autofree char *folder = tsg_backup_page_default_folder (self->settings);

      g_settings_set_int64 (self->settings, "backup-last", g_get_real_time () / G_USEC_PER_SEC);
      tsg_backup_rotate (folder, (guint) g_settings_get_int (self->settings, "backup-keep"), NULL);
      toast (self, _("Backed up."));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.now", TRUE);
  update_rows (self);
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgBackupKey) key = tsg_store_get_backup_key (self->store, self->actor, &error);
  g_autofree char *folder = tsg_backup_page_default_folder (self->settings);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *file = NULL;

  if (key == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The folder %s cannot be created: %s."), folder, g_strerror (errno));
      toast (self, msg);
      return;
    }
  file = tsg_backup_file_name (folder, now);
  gtk_widget_action_set_enabled (widget, "backup.now", FALSE);
  toast (self, _("Backing up…"));
  tsg_store_backup_async (self->store, self->actor, file, key, self->cancellable, on_backed_up_cb, g_object_ref (self));
}

/* --- restoring --------------------------------------------------------- */

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TsgBackupPage    *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *passphrase = g_object_get_data (G_OBJECT (dialog), "tsg-first");
  GApplication *app = g_application_get_default ();

  if (g_strcmp0 (response, "restore") != 0 || self->restore_file == NULL)
    return;
  if (!tsg_store_restore (self->store, self->actor, self->restore_file, gtk_editable_get_text (passphrase), &error))
    {
      toast (self, error->message);
      return;
    }
  /* The staff, the records and the layout of every view changed under
   * the windows: everyone signs in again on the restored database. */
  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
}

static void
on_restore_file_cb (GtkNativeDialog *chooser,
                    int              response,
                    TsgBackupPage   *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  const char *titles[] = { _("Passphrase"), NULL };
  GtkWidget *rows[1];
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  g_autofree char *base = NULL;

  g_object_unref (chooser);
  if (file == NULL)
    return;
  g_free (self->restore_file);
  self->restore_file = g_file_get_path (file);
  base = g_file_get_basename (file);
  body = g_strdup_printf (_("Everything written since %s was made is replaced by its content, for every desk. Everyone signs in again afterwards."),
                          base);
  dialog = password_dialog (self, _("Restore This Backup?"), body, titles, rows);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tsg-first", rows[0]);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Restore a Backup"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = tsg_backup_page_default_folder (self->settings);
  g_autoptr(GFile) start = g_file_new_for_path (folder);

  gtk_file_filter_set_name (filter, _("Tsunagari Desk backups"));
  gtk_file_filter_add_pattern (filter, "*" TSG_BACKUP_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_restore_file_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- retention --------------------------------------------------------- */

static void
on_years_changed_cb (TsgBackupPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->years_spin));
  g_autofree char *stored = NULL;

  if (self->store == NULL)
    return;
  stored = tsg_store_get_setting (self->store, TSG_RETENTION_YEARS_KEY);
  if (g_strcmp0 (value, stored) == 0)
    return;
  if (!tsg_store_set_setting (self->store, self->actor, TSG_RETENTION_YEARS_KEY, value, &error))
    toast (self, error->message);
}

static void
on_retention_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TsgBackupPage    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgRetentionPreview) done = NULL;
  g_autofree char *msg = NULL;

  if (g_strcmp0 (response, "anonymise") != 0)
    return;
  done = tsg_store_retention_apply (self->store, self->actor,
                                    (guint) gtk_spin_button_get_value_as_int (self->years_spin), 0, &error);
  if (done == NULL)
    {
      toast (self, error->message);
      return;
    }
  msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u closed case anonymised.", "%u closed cases anonymised.",
                                      done->n_cases), done->n_cases);
  toast (self, msg);
}

static void
retention_preview_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgRetentionPreview) preview = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *cutoff = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scroller, *label;

  preview = tsg_store_retention_preview (self->store, self->actor,
                                         (guint) gtk_spin_button_get_value_as_int (self->years_spin), 0, &error);
  if (preview == NULL)
    {
      toast (self, error->message);
      return;
    }
  cutoff = tsg_format_date (preview->cutoff);
  if (preview->n_cases == 0)
    {
      g_autofree char *none = g_strdup_printf (_("No case closed before %s is left to anonymise."), cutoff);
      toast (self, none);
      return;
    }
  /* translators: the retention preview; the first %s is a date */
  body = g_strdup_printf (_("Cases closed before %s: %u cases lose their titles, plans, notes and the text of %u timeline entries; %u clients lose name, kana, address, notes and safe contact; %u contacts lose their summaries. Counts for the reports stay. This cannot be undone, except by restoring a backup."),
                          cutoff, preview->n_cases, preview->n_events, preview->n_clients, preview->n_contacts);
  for (guint i = 0; i < preview->lines->len; i++)
    g_string_append_printf (list, "%s\n", (const char *) g_ptr_array_index (preview->lines, i));
  dialog = adw_message_dialog_new (parent_window (self), _("Anonymise Closed Cases?"), body);
  label = gtk_label_new (list->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cases to anonymise"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "anonymise", _("_Anonymise"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "anonymise", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retention_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tsg_backup_page_dispose (GObject *object)
{
  TsgBackupPage *self = TSG_BACKUP_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_BACKUP_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->restore_file, g_free);
  G_OBJECT_CLASS (tsg_backup_page_parent_class)->dispose (object);
}

static void
tsg_backup_page_class_init (TsgBackupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_backup_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, TsgBackupPage, years_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_years_changed_cb);

  gtk_widget_class_install_action (widget_class, "backup.set-passphrase", NULL, set_passphrase_action);
  gtk_widget_class_install_action (widget_class, "backup.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backup.now", NULL, now_action);
  gtk_widget_class_install_action (widget_class, "backup.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "backup.retention-preview", NULL, retention_preview_action);
}

static void
tsg_backup_page_init (TsgBackupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "backup-interval-hours",
                   gtk_spin_button_get_adjustment (self->interval_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep",
                   gtk_spin_button_get_adjustment (self->keep_spin), "value", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
tsg_backup_page_new (TsgStore *store,
                     TsgActor *actor)
{
  TsgBackupPage *self = g_object_new (TSG_TYPE_BACKUP_PAGE, NULL);
  g_autofree char *years = tsg_store_get_setting (store, TSG_RETENTION_YEARS_KEY);

  if (years != NULL && g_ascii_strtoll (years, NULL, 10) > 0)
    gtk_spin_button_set_value (self->years_spin, (double) g_ascii_strtoll (years, NULL, 10));
  /* Set after the value, so reading it does not write it back. */
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  update_rows (self);
  return GTK_WIDGET (self);
}

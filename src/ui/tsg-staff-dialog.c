/* tsg-staff-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through the store, which checks the role again and
 * writes the audit log: the dialog is only a face on tsg-store-accounts.h.
 */
#define G_LOG_DOMAIN "tsg-staff-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-domain.h"
#include "tsg-format.h"
#include "tsg-row.h"
#include "tsg-staff-dialog.h"
#include "tsg-store-accounts.h"

struct _TsgStaffDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  AdwEntryRow     *login_row;
  AdwEntryRow     *name_row;
  AdwComboRow     *role_row;
  AdwEntryRow     *password_row;
  AdwEntryRow     *confirm_row;

  /* Owned references */
  TsgStore        *store;
  TsgActor        *actor;
};

G_DEFINE_FINAL_TYPE (TsgStaffDialog, tsg_staff_dialog, ADW_TYPE_WINDOW)

static void
toast (TsgStaffDialog *self,
       const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkStringList *
role_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint r = TSG_ROLE_FRONT_DESK; r <= TSG_ROLE_ADMINISTRATOR; r++)
    gtk_string_list_append (list, tsg_enum_label (tsg_roles, tsg_role_to_id ((TsgRole) r)));
  return list;
}

static void refresh (TsgStaffDialog *self);

static gboolean
refresh_idle_cb (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_role_selected_cb (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     TsgStaffDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dropdown), "tsg-staff-id"));

  if (!tsg_store_set_staff_role (self->store, self->actor, id, (TsgRole) gtk_drop_down_get_selected (dropdown), &error))
    toast (self, error->message);
  /* Later: the drop-down is inside the row that refresh() replaces. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, g_object_ref (self), g_object_unref);
}

static char *
describe (TsgRow *row)
{
  g_autoptr(GString) s = g_string_new (tsg_row_get_value (row, TSG_STAFF_COL_LOGIN));
  gint64 locked = tsg_row_get_int (row, TSG_STAFF_COL_LOCKED_UNTIL);

  if (tsg_row_get_int (row, TSG_STAFF_COL_ACTIVE) == 0)
    g_string_append_printf (s, " · %s", _("deactivated"));
  else if (tsg_row_get_int (row, TSG_STAFF_COL_HAS_PASSWORD) == 0)
    g_string_append_printf (s, " · %s", _("no password yet"));
  if (locked > 0)
    {
      g_autofree char *until = tsg_format_datetime (locked);
      /* translators: %s is a date and time */
      g_string_append (s, " · ");
      g_string_append_printf (s, _("locked until %s"), until);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
make_row (TsgStaffDialog *self,
          TsgRow         *row)
{
  GtkWidget *action_row = adw_action_row_new ();
  g_autoptr(GtkStringList) roles = role_labels ();
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset Password…"));
  gboolean active = tsg_row_get_int (row, TSG_STAFF_COL_ACTIVE) != 0;
  GtkWidget *toggle = gtk_button_new_with_mnemonic (active ? _("_Deactivate") : _("A_ctivate"));
  g_autofree char *subtitle = describe (row);
  g_autofree char *name = g_strdup (tsg_row_get_value (row, TSG_STAFF_COL_NAME));
  g_autofree char *role_label = NULL;
  TsgRole role = TSG_ROLE_FRONT_DESK;
  gint64 id = tsg_row_get_id (row);

  tsg_role_from_id (tsg_row_get_value (row, TSG_STAFF_COL_ROLE), &role);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), role);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  /* translators: accessible name of a staff member's role menu; %s is her name */
  role_label = g_strdup_printf (_("Role of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, role_label, -1);
  g_object_set_data (G_OBJECT (dropdown), "tsg-staff-id", GSIZE_TO_POINTER (id));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_role_selected_cb), self);

  for (GtkWidget *b = reset; b != NULL; b = b == reset ? toggle : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (b, "flat");
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "staff.reset-password");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (reset), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "staff.set-active");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (toggle), "(xb)", id, !active);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), dropdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), reset);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), toggle);
  if (!active)
    gtk_widget_add_css_class (action_row, "dim-label");
  return action_row;
}

static void
refresh (TsgStaffDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tsg_store_list_staff (self->store, self->actor, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  if (rows == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (rows, i)));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (widget);
  AdwEntryRow *rows[] = { self->login_row, self->name_row, self->password_row, self->confirm_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  adw_combo_row_set_selected (self->role_row, TSG_ROLE_FRONT_DESK);
  gtk_stack_set_visible_child_name (self->stack, "add");
  gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) != 0)
    {
      toast (self, _("The two passwords differ; type the same password twice."));
      return;
    }
  if (tsg_store_add_staff (self->store, self->actor,
                           gtk_editable_get_text (GTK_EDITABLE (self->login_row)),
                           gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                           (TsgRole) adw_combo_row_get_selected (self->role_row),
                           password, &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  cancel_action (widget, NULL, NULL);
  refresh (self);
  toast (self, _("Added. Tell her the password; she can change it once signed in."));
}

static void
on_confirm_activated_cb (TsgStaffDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "staff.create", NULL);
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TsgStaffDialog   *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "tsg-first");
  GtkEditable *second = g_object_get_data (G_OBJECT (dialog), "tsg-second");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tsg-staff-id"));

  if (g_strcmp0 (response, "reset") != 0)
    return;
  if (g_strcmp0 (gtk_editable_get_text (first), gtk_editable_get_text (second)) != 0)
    toast (self, _("The two passwords differ; type the same password twice."));
  else if (!tsg_store_reset_password (self->store, self->actor, id, gtk_editable_get_text (first), &error))
    toast (self, error->message);
  else
    {
      toast (self, _("The password was reset, and any lock lifted."));
      refresh (self);
    }
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset the Password"),
                                              _("Type the new password twice. Tell it to her in person; she can change it once signed in."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *first = adw_password_entry_row_new ();
  GtkWidget *second = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (first), _("New Password"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (second), _("Password Again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (first), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Password"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (second), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password Again"), -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), second);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "reset", _("_Reset Password"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "tsg-first", first);
  g_object_set_data (G_OBJECT (dialog), "tsg-second", second);
  g_object_set_data (G_OBJECT (dialog), "tsg-staff-id", GSIZE_TO_POINTER (g_variant_get_int64 (parameter)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean active;

  g_variant_get (parameter, "(xb)", &id, &active);
  if (!tsg_store_set_staff_active (self->store, self->actor, id, active, &error))
    toast (self, error->message);
  refresh (self);
}

static void
tsg_staff_dialog_dispose (GObject *object)
{
  TsgStaffDialog *self = TSG_STAFF_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_STAFF_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_staff_dialog_parent_class)->dispose (object);
}

static void
tsg_staff_dialog_class_init (TsgStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_staff_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-staff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TsgStaffDialog, confirm_row);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);

  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "staff.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "staff.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "staff.reset-password", "x", reset_password_action);
  gtk_widget_class_install_action (widget_class, "staff.set-active", "(xb)", set_active_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_staff_dialog_init (TsgStaffDialog *self)
{
  g_autoptr(GtkStringList) roles = role_labels ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
}

GtkWidget *
tsg_staff_dialog_new (TsgStore *store,
                      TsgActor *actor)
{
  TsgStaffDialog *self = g_object_new (TSG_TYPE_STAFF_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  refresh (self);
  return GTK_WIDGET (self);
}

/* tsg-sign-in-window.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing of the records is shown before a person signs in. A new database
 * first asks for its administrator. On a demo database only, the demo
 * accounts and their password are printed under the form.
 */
#define G_LOG_DOMAIN "tsg-sign-in-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-a11y.h"
#include "tsg-sign-in-window.h"
#include "tsg-store-accounts.h"

struct _TsgSignInWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwEntryRow    *login_row;
  AdwEntryRow    *password_row;
  GtkLabel       *sign_in_error;
  GtkLabel       *demo_hint;
  AdwEntryRow    *new_login_row;
  AdwEntryRow    *new_name_row;
  AdwEntryRow    *new_password_row;
  AdwEntryRow    *new_confirm_row;
  GtkLabel       *create_error;

  /* Owned references */
  TsgStore       *store;
  GCancellable   *cancellable;  /* the sign-in under way; cancelled on dispose */
};

G_DEFINE_FINAL_TYPE (TsgSignInWindow, tsg_sign_in_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNED_IN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static void
set_busy (TsgSignInWindow *self,
          gboolean         busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
}

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) actor = tsg_store_sign_in_finish (TSG_STORE (object), result, &error);
  TsgSignInWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TSG_SIGN_IN_WINDOW (user_data);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (actor == NULL)
    {
      show_error (self->sign_in_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  show_error (self->sign_in_error, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, actor);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsgSignInWindow *self = TSG_SIGN_IN_WINDOW (widget);
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));

  if (*login == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      return;
    }
  set_busy (self, TRUE);
  tsg_store_sign_in_async (self->store, login, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                           self->cancellable, on_signed_in_cb, self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgSignInWindow *self = TSG_SIGN_IN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) actor = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_password_row));

  if (g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->new_confirm_row))) != 0)
    {
      show_error (self->create_error, _("The two passwords differ; type the same password twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->new_confirm_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_confirm_row));
      return;
    }
  actor = tsg_store_create_first_administrator (self->store,
                                                gtk_editable_get_text (GTK_EDITABLE (self->new_login_row)),
                                                gtk_editable_get_text (GTK_EDITABLE (self->new_name_row)),
                                                password, &error);
  if (actor == NULL)
    {
      show_error (self->create_error, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNED_IN], 0, actor);
}

static void
on_login_activated_cb (TsgSignInWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_sign_in_activated_cb (TsgSignInWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
on_create_activated_cb (TsgSignInWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.create", NULL);
}

static void
tsg_sign_in_window_dispose (GObject *object)
{
  TsgSignInWindow *self = TSG_SIGN_IN_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_SIGN_IN_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tsg_sign_in_window_parent_class)->dispose (object);
}

static void
tsg_sign_in_window_class_init (TsgSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_sign_in_window_dispose;

  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSG_TYPE_ACTOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-sign-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, demo_hint);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, new_login_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, new_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TsgSignInWindow, create_error);
  gtk_widget_class_bind_template_callback (widget_class, on_login_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.create", NULL, create_action);
}

static void
tsg_sign_in_window_init (TsgSignInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  tsg_a11y_name_entry_row (self->login_row);
  tsg_a11y_name_entry_row (self->password_row);
  tsg_a11y_name_entry_row (self->new_login_row);
  tsg_a11y_name_entry_row (self->new_name_row);
  tsg_a11y_name_entry_row (self->new_password_row);
  tsg_a11y_name_entry_row (self->new_confirm_row);
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
setup_for_store (TsgSignInWindow *self)
{
  g_autofree char *base = g_path_get_basename (tsg_store_get_path (self->store));

  adw_window_title_set_subtitle (self->window_title, base);
  if (tsg_store_needs_administrator (self->store))
    {
      gtk_stack_set_visible_child_name (self->stack, "create");
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->new_login_row));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->login_row));
  if (tsg_store_is_demo (self->store))
    {
      /* translators: shown on demo databases only; the logins are not translated */
      g_autofree char *hint = g_strdup_printf (_("Demo database: sign in as kato (administrator), yamada (counsellor), sasaki (front desk) or ito (coordinator) with the password “%s”."),
                                               TSG_DEMO_PASSWORD);
      gtk_label_set_text (self->demo_hint, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->demo_hint), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "demo");
    }
}

TsgSignInWindow *
tsg_sign_in_window_new (AdwApplication *application,
                        TsgStore       *store)
{
  TsgSignInWindow *self = g_object_new (TSG_TYPE_SIGN_IN_WINDOW, "application", application, NULL);

  self->store = g_object_ref (store);
  setup_for_store (self);
  return self;
}

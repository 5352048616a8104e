/* tsg-lock-screen.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of its own rather than a veil over the main window: while it is
 * shown every other window of the application is hidden, so no record stays
 * on screen, in the accessibility tree or within reach of a shortcut.
 * Unlocking checks the password like a sign-in, so wrong passwords here
 * count towards the lockout too.
 */
#define G_LOG_DOMAIN "tsg-lock-screen"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-a11y.h"
#include "tsg-lock-screen.h"
#include "tsg-store-accounts.h"

struct _TsgLockScreen
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  AdwStatusPage  *unlock_page;
  AdwEntryRow    *password_row;
  GtkLabel       *unlock_error;
  AdwEntryRow    *login_row;
  AdwEntryRow    *other_password_row;
  GtkLabel       *switch_error;

  /* Owned references */
  TsgStore       *store;
  TsgActor       *actor;
  char           *login;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (TsgLockScreen, tsg_lock_screen, ADW_TYPE_APPLICATION_WINDOW)

enum { UNLOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
set_busy (TsgLockScreen *self,
          gboolean       busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock.unlock", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock.sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock.switch", !busy);
}

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgActor) actor = tsg_store_sign_in_finish (TSG_STORE (object), result, &error);
  TsgLockScreen *self;
  gboolean switching;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TSG_LOCK_SCREEN (user_data);
  set_busy (self, FALSE);
  switching = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "switch") == 0;
  gtk_editable_set_text (GTK_EDITABLE (switching ? self->other_password_row : self->password_row), "");
  if (actor == NULL)
    {
      show_error (switching ? self->switch_error : self->unlock_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (switching ? self->other_password_row : self->password_row));
      return;
    }
  g_signal_emit (self, signals[UNLOCKED], 0, actor);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgLockScreen *self = TSG_LOCK_SCREEN (widget);

  set_busy (self, TRUE);
  tsg_store_sign_in_async (self->store, self->login,
                           gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                           self->cancellable, on_signed_in_cb, self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsgLockScreen *self = TSG_LOCK_SCREEN (widget);
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));

  if (*login == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      return;
    }
  set_busy (self, TRUE);
  tsg_store_sign_in_async (self->store, login,
                           gtk_editable_get_text (GTK_EDITABLE (self->other_password_row)),
                           self->cancellable, on_signed_in_cb, self);
}

static void
switch_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgLockScreen *self = TSG_LOCK_SCREEN (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_stack_set_visible_child_name (self->stack, "switch");
  gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsgLockScreen *self = TSG_LOCK_SCREEN (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->other_password_row), "");
  show_error (self->switch_error, NULL);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_unlock_activated_cb (TsgLockScreen *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.unlock", NULL);
}

static void
on_login_activated_cb (TsgLockScreen *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->other_password_row));
}

static void
on_sign_in_activated_cb (TsgLockScreen *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.sign-in", NULL);
}

static void
tsg_lock_screen_dispose (GObject *object)
{
  TsgLockScreen *self = TSG_LOCK_SCREEN (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_LOCK_SCREEN);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->login, g_free);
  G_OBJECT_CLASS (tsg_lock_screen_parent_class)->dispose (object);
}

static void
tsg_lock_screen_class_init (TsgLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_lock_screen_dispose;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSG_TYPE_ACTOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, password_row);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, login_row);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, other_password_row);
  gtk_widget_class_bind_template_child (widget_class, TsgLockScreen, switch_error);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_login_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_activated_cb);

  gtk_widget_class_install_action (widget_class, "lock.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "lock.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "lock.switch", NULL, switch_action);
  gtk_widget_class_install_action (widget_class, "lock.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "lock.back", NULL);
}

static void
tsg_lock_screen_init (TsgLockScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  tsg_a11y_name_entry_row (self->password_row);
  tsg_a11y_name_entry_row (self->login_row);
  tsg_a11y_name_entry_row (self->other_password_row);
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TsgLockScreen *
tsg_lock_screen_new (AdwApplication *application,
                     TsgStore       *store,
                     TsgActor       *actor)
{
  TsgLockScreen *self = g_object_new (TSG_TYPE_LOCK_SCREEN, "application", application, NULL);
  g_autofree char *description = NULL;

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->login = tsg_store_get_staff_login (store, tsg_actor_get_staff_id (actor));
  /* translators: %s is the name of the staff member who is signed in */
  description = g_strdup_printf (_("%s is signed in. Type the password to go on."), tsg_actor_get_name (actor));
  adw_status_page_set_description (self->unlock_page, description);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->password_row));
  return self;
}

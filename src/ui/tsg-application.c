/* tsg-application.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libpanel.h>

#include "tsg-application.h"
#include "tsg-audit-view.h"
#include "tsg-backup-scheduler.h"
#include "tsg-cli.h"
#include "tsg-notifier.h"
#include "tsg-preferences-window.h"
#include "tsg-session.h"
#include "tsg-sign-in-window.h"
#include "tsg-staff-dialog.h"
#include "tsg-store-accounts.h"
#include "tsg-window.h"

struct _TsgApplication
{
  AdwApplication parent_instance;

  char          *database_path;
  TsgStore      *store;
  TsgActor      *actor;       /* the staff member signed in, or NULL */
  TsgSession    *session;     /* her windows and the lock, while signed in */
  TsgBackupScheduler *backups;
  int            exit_status;
};

G_DEFINE_FINAL_TYPE (TsgApplication, tsg_application, ADW_TYPE_APPLICATION)

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TsgApplication   *self)
{
  g_application_quit (G_APPLICATION (self));
}

/* The database cannot be used: say why in one sentence, change nothing, and
 * leave with a non-zero status. */
static void
show_fatal_error (TsgApplication *self,
                  const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("The Database Cannot Be Opened"), message);

  self->exit_status = 1;
  g_printerr ("tsunagari-desk: %s\n", message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response_cb), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void start_session (TsgApplication *self,
                           TsgActor       *actor);

static void
on_signed_in_cb (TsgSignInWindow *sign_in,
                 TsgActor        *actor,
                 TsgApplication  *self)
{
  start_session (self, actor);
  gtk_window_destroy (GTK_WINDOW (sign_in));
}

static void
show_sign_in (TsgApplication *self)
{
  TsgSignInWindow *sign_in = tsg_sign_in_window_new (ADW_APPLICATION (self), self->store);

  g_signal_connect_object (sign_in, "signed-in", G_CALLBACK (on_signed_in_cb), self, 0);
  gtk_window_present (GTK_WINDOW (sign_in));
}

static void
end_session (TsgApplication *self)
{
  g_autoptr(TsgSession) session = g_steal_pointer (&self->session);

  g_clear_pointer (&self->actor, tsg_actor_unref);
  if (session != NULL)
    {
      g_signal_handlers_disconnect_by_data (session, self);
      tsg_session_end (session);
    }
}

/* Another staff member signed in at the lock screen: the windows of the
 * person before her close (her layout is saved) and open again for her. */
static void
on_switch_user_cb (TsgSession     *session,
                   TsgActor       *actor,
                   TsgApplication *self)
{
  g_autoptr(TsgActor) next = tsg_actor_ref (actor);

  g_application_hold (G_APPLICATION (self));
  end_session (self);
  start_session (self, next);
  g_application_release (G_APPLICATION (self));
}

/* What the signed-in person's role allows shows in the menu; the store
 * checks again whatever the menu shows. */
static void
update_role_actions (TsgApplication *self)
{
  static const struct { const char *name; TsgPermission needs; } gated[] = {
    { "staff", TSG_PERM_STAFF_ADMIN },
    { "audit-log", TSG_PERM_AUDIT_READ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (gated); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), gated[i].name);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), tsg_actor_may (self->actor, gated[i].needs));
    }
}

static void
start_session (TsgApplication *self,
               TsgActor       *actor)
{
  self->actor = tsg_actor_ref (actor);
  update_role_actions (self);
  self->session = tsg_session_new (ADW_APPLICATION (self), self->store, actor);
  g_signal_connect (self->session, "switch-user", G_CALLBACK (on_switch_user_cb), self);
}

/* A scheduled backup that failed must not go unnoticed. */
static void
on_backup_done_cb (TsgBackupScheduler *scheduler,
                   const char         *error_message,
                   TsgApplication     *self)
{
  if (error_message != NULL && self->session != NULL)
    tsg_window_show_toast (tsg_session_get_window (self->session), error_message);
}

static void
tsg_application_activate (GApplication *app)
{
  TsgApplication *self = TSG_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->store == NULL)
    {
      if (self->database_path == NULL)
        self->database_path = tsg_cli_default_database_path ();
      self->store = tsg_store_open (self->database_path, &error);
      if (self->store == NULL ||
          !tsg_store_prepare_demo_accounts (self->store, &error))
        {
          g_clear_object (&self->store);
          show_fatal_error (self, error->message);
          return;
        }
    }
  if (self->backups == NULL)
    {
      self->backups = tsg_backup_scheduler_new (self->store);
      g_signal_connect (self->backups, "done", G_CALLBACK (on_backup_done_cb), self);
    }
  /* Nothing of the records shows before a person signs in. */
  show_sign_in (self);
}

static int
tsg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  TsgApplication *self = TSG_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    self->database_path = g_strdup (path);
  return -1;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TsgApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs;

  if (self->store == NULL || self->actor == NULL)
    return;
  prefs = tsg_preferences_window_new (self->store, self->actor);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Tsunagari Desk developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Tsunagari Desk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Tsunagari Desk developers"),
                         "developers", developers,
                         "comments", _("Records, referrals and figures for women's consultation offices"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows lets each save its layout. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *w = l->data;
      l = l->next;
      gtk_window_close (w);
    }
  g_application_quit (G_APPLICATION (app));
}

static void
staff_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TsgApplication *self = user_data;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = tsg_staff_dialog_new (self->store, self->actor);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (tsg_session_get_window (self->session)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
audit_log_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TsgApplication *self = user_data;
  GtkWidget *view;

  if (self->session == NULL)
    return;
  view = tsg_audit_view_new (self->store, self->actor);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (tsg_session_get_window (self->session)));
  gtk_window_present (GTK_WINDOW (view));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TsgApplication *self = user_data;

  if (self->session != NULL)
    tsg_session_lock (self->session);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TsgApplication *self = user_data;

  if (self->session == NULL)
    return;
  g_application_hold (G_APPLICATION (self));
  end_session (self);
  show_sign_in (self);
  g_application_release (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "lock", lock_action },
  { "sign-out", sign_out_action },
  { "staff", staff_action },
  { "audit-log", audit_log_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
tsg_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  /* One key blanks the desk when someone walks up to the counter. */
  static const char *lock_accels[] = { "<Control><Shift>l", "F12", NULL };

  G_APPLICATION_CLASS (tsg_application_parent_class)->startup (app);
  panel_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.lock", lock_accels);

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
tsg_application_shutdown (GApplication *app)
{
  tsg_notifier_shutdown ();
  G_APPLICATION_CLASS (tsg_application_parent_class)->shutdown (app);
}

static void
tsg_application_finalize (GObject *object)
{
  TsgApplication *self = TSG_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->backups);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_free (self->database_path);
  G_OBJECT_CLASS (tsg_application_parent_class)->finalize (object);
}

static void
tsg_application_class_init (TsgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tsg_application_finalize;
  app_class->activate = tsg_application_activate;
  app_class->startup = tsg_application_startup;
  app_class->shutdown = tsg_application_shutdown;
  app_class->handle_local_options = tsg_application_handle_local_options;
}

static void
tsg_application_init (TsgApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The database file"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

TsgApplication *
tsg_application_new (void)
{
  return g_object_new (TSG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

TsgStore *
tsg_application_get_store (TsgApplication *self)
{
  return self->store;
}

int
tsg_application_get_exit_status (TsgApplication *self)
{
  return self->exit_status;
}

/* tsg-notifier.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small wrapper around libnotify so that the views (call-back reminders,
 * case reminders, low stock) never talk to it directly. When no notification
 * server answers (a bare X session, a kiosk), a notification must not be
 * lost: "fallback" lets the window show it as a toast instead.
 */
#define G_LOG_DOMAIN "tsg-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libnotify/notify.h>

#include "tsg-notifier.h"

struct _TsgNotifier
{
  GObject     parent_instance;

  /* Owned references: id -> NotifyNotification, kept until closed so that
   * a click on it still reaches us, and a new one with the same id replaces it. */
  GHashTable *shown;
  gboolean    initialized;
};

G_DEFINE_FINAL_TYPE (TsgNotifier, tsg_notifier, G_TYPE_OBJECT)

enum { FALLBACK, N_SIGNALS };
static guint signals[N_SIGNALS];

static TsgNotifier *default_notifier;

typedef struct
{
  char     *action_name;
  GVariant *target;
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *ad = data;

  g_free (ad->action_name);
  g_clear_pointer (&ad->target, g_variant_unref);
  g_free (ad);
}

static void
on_default_action_cb (NotifyNotification *notification,
                      char               *action,
                      gpointer            user_data)
{
  ActionData *ad = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = NULL;

  if (GTK_IS_APPLICATION (app))
    window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    return;
  gtk_window_present (window);
  if (!gtk_widget_activate_action_variant (GTK_WIDGET (window), ad->action_name, ad->target))
    g_debug ("No action %s on the window", ad->action_name);
}

static void
on_notification_closed_cb (NotifyNotification *notification,
                           TsgNotifier        *self)
{
  const char *id = g_object_get_data (G_OBJECT (notification), "tsg-id");

  /* Only forget it if it is still the one shown under that id. */
  if (id != NULL && g_hash_table_lookup (self->shown, id) == notification)
    g_hash_table_remove (self->shown, id);
}

static gboolean
ensure_initialized (TsgNotifier *self)
{
  if (!self->initialized)
    self->initialized = notify_init (APP_ID);
  return self->initialized;
}

void
tsg_notifier_notify (TsgNotifier *self,
                     const char  *id,
                     const char  *title,
                     const char  *body,
                     const char  *action_name,
                     GVariant    *target)
{
  g_autoptr(GObject) owned = NULL; /* libnotify 0.8 declares no autoptr */
  NotifyNotification *notification;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned_target = NULL;

  g_return_if_fail (TSG_IS_NOTIFIER (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (title != NULL);

  if (target != NULL)
    owned_target = g_variant_ref_sink (target);

  if (!ensure_initialized (self))
    {
      g_signal_emit (self, signals[FALLBACK], 0, title, body ? body : "");
      return;
    }

  notification = notify_notification_new (title, body, APP_ID);
  owned = G_OBJECT (notification);
  notify_notification_set_app_name (notification, _("Tsunagari Desk"));
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  g_object_set_data_full (G_OBJECT (notification), "tsg-id", g_strdup (id), g_free);
  if (action_name != NULL)
    {
      ActionData *ad = g_new0 (ActionData, 1);

      ad->action_name = g_strdup (action_name);
      ad->target = owned_target ? g_variant_ref (owned_target) : NULL;
      /* translators: the button of a desktop notification that opens the record */
      notify_notification_add_action (notification, "default", _("Open"),
                                      on_default_action_cb, ad, action_data_free);
    }
  g_signal_connect_object (notification, "closed", G_CALLBACK (on_notification_closed_cb),
                           self, 0);

  /* Replace the earlier notification with the same id on the server too. */
  {
    NotifyNotification *previous = g_hash_table_lookup (self->shown, id);
    if (previous != NULL)
      {
        notify_notification_close (previous, NULL);
        g_hash_table_remove (self->shown, id);
      }
  }

  if (!notify_notification_show (notification, &error))
    {
      g_debug ("No notification server answered (%s): showing it in the window", error->message);
      g_signal_emit (self, signals[FALLBACK], 0, title, body ? body : "");
      return;
    }
  g_hash_table_insert (self->shown, g_strdup (id), g_steal_pointer (&owned));
}

void
tsg_notifier_withdraw (TsgNotifier *self,
                       const char  *id)
{
  NotifyNotification *notification;

  g_return_if_fail (TSG_IS_NOTIFIER (self));

  notification = g_hash_table_lookup (self->shown, id);
  if (notification == NULL)
    return;
  notify_notification_close (notification, NULL);
  g_hash_table_remove (self->shown, id);
}

static void
tsg_notifier_dispose (GObject *object)
{
  TsgNotifier *self = TSG_NOTIFIER (object);

  g_clear_pointer (&self->shown, g_hash_table_unref);
  G_OBJECT_CLASS (tsg_notifier_parent_class)->dispose (object);
}

static void
tsg_notifier_class_init (TsgNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsg_notifier_dispose;

  /**
   * TsgNotifier::fallback:
   * @title: the notification's title
   * @body: its body ("" when none)
   *
   * No notification server answered: show it in the window instead.
   */
  signals[FALLBACK] = g_signal_new ("fallback", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_STRING);
}

static void
tsg_notifier_init (TsgNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

TsgNotifier *
tsg_notifier_get_default (void)
{
  if (default_notifier == NULL)
    default_notifier = g_object_new (TSG_TYPE_NOTIFIER, NULL);
  return default_notifier;
}

void
tsg_notifier_shutdown (void)
{
  gboolean initialized = default_notifier != NULL && default_notifier->initialized;

  g_clear_object (&default_notifier);
  if (initialized)
    notify_uninit ();
}

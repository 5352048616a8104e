/* test-notifier.c: TsgNotifier against a notification server on the test's
 * session bus: without one, "fallback" carries the notification to the
 * window; with one (a fake org.freedesktop.Notifications served from a
 * thread, as a desktop's daemon would), the title and body arrive, a second
 * notification with the same id replaces the first, and clicking it
 * activates the given action on the application's window with its target.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tsg-notifier.h"

static const char introspection[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "  <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  " </interface>"
  "</node>";

/* What the fake server saw; guarded by the lock (it runs in its thread). */
typedef struct
{
  GMutex           lock;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  gboolean         owned;
  guint            next_id;
  guint            n_notify;
  guint            n_close;
  guint            last_id;
  guint            replaces_id;
  char            *summary;
  char            *body;
  gboolean         has_default_action;
} Server;

static Server server;

static void
server_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "fake", "tsg", "1", "1.2"));
  else if (g_str_equal (method, "CloseNotification"))
    {
      g_mutex_lock (&server.lock);
      server.n_close++;
      g_mutex_unlock (&server.lock);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "Notify"))
    {
      const char *app, *icon, *summary, *body;
      g_autofree const char **actions = NULL;
      g_autoptr(GVariant) hints = NULL;
      guint replaces;
      int timeout;
      guint id;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", &app, &replaces, &icon, &summary, &body,
                     &actions, &hints, &timeout);
      g_mutex_lock (&server.lock);
      id = replaces ? replaces : ++server.next_id;
      server.n_notify++;
      server.last_id = id;
      server.replaces_id = replaces;
      g_free (server.summary);
      g_free (server.body);
      server.summary = g_strdup (summary);
      server.body = g_strdup (body);
      server.has_default_action = actions != NULL && g_strv_contains (actions, "default");
      g_mutex_unlock (&server.lock);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  g_mutex_lock (&server.lock);
  server.owned = TRUE;
  g_mutex_unlock (&server.lock);
}

static gpointer
server_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { server_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  g_main_context_push_thread_default (server.context);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* Its own connection: the application's would deliver to itself. */
  server.connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (server.connection, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (server.connection, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired_cb, NULL, NULL, NULL);
  g_main_loop_run (server.loop);
  g_main_context_pop_thread_default (server.context);
  return NULL;
}

static void
wait_until (gboolean (*done) (void), const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done ())
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
server_owns_name (void)
{
  gboolean owned;

  g_mutex_lock (&server.lock);
  owned = server.owned;
  g_mutex_unlock (&server.lock);
  return owned;
}

typedef struct
{
  guint  n;
  char  *title;
  char  *body;
} Fallbacks;

static void
on_fallback_cb (TsgNotifier *notifier,
                const char  *title,
                const char  *body,
                Fallbacks   *out)
{
  out->n++;
  g_free (out->title);
  g_free (out->body);
  out->title = g_strdup (title);
  out->body = g_strdup (body);
}

static void
test_fallback_without_server (void)
{
  Fallbacks seen = { 0 };
  gulong handler = g_signal_connect (tsg_notifier_get_default (), "fallback", G_CALLBACK (on_fallback_cb), &seen);

  tsg_notifier_notify (tsg_notifier_get_default (), "test-1", "Call Back Now", "Due 10:15: 書類", NULL, NULL);
  g_assert_cmpuint (seen.n, ==, 1);
  g_assert_cmpstr (seen.title, ==, "Call Back Now");
  g_assert_cmpstr (seen.body, ==, "Due 10:15: 書類");
  g_signal_handler_disconnect (tsg_notifier_get_default (), handler);
  g_free (seen.title);
  g_free (seen.body);
}

static gint64 activated_with = -1;

static void
open_contact_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  activated_with = g_variant_get_int64 (parameter);
}

static gboolean
action_activated (void)
{
  return activated_with >= 0;
}

static gboolean
notified_twice (void)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = server.n_notify;
  g_mutex_unlock (&server.lock);
  return n >= 2;
}

static void
test_server_and_action (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("org.tsunagari.Desk.NotifierTest", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-contact", G_VARIANT_TYPE_INT64);
  g_autoptr(GError) error = NULL;
  Fallbacks seen = { 0 };
  GtkWidget *window;
  GThread *thread;
  gulong handler;
  guint id;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = gtk_application_window_new (app);
  g_signal_connect (action, "activate", G_CALLBACK (open_contact_cb), NULL);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
  gtk_window_present (GTK_WINDOW (window));

  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  thread = g_thread_new ("fake-notification-server", server_thread, NULL);
  wait_until (server_owns_name, "the fake server owns org.freedesktop.Notifications");

  handler = g_signal_connect (tsg_notifier_get_default (), "fallback", G_CALLBACK (on_fallback_cb), &seen);
  tsg_notifier_notify (tsg_notifier_get_default (), "callback-42", "Call Back Now", "first",
                       "win.open-contact", g_variant_new_int64 (42));
  /* The same id again replaces it: one notification per contact on screen. */
  tsg_notifier_notify (tsg_notifier_get_default (), "callback-42", "Call Back Now", "Due 10:15: 書類がそろったら",
                       "win.open-contact", g_variant_new_int64 (42));
  wait_until (notified_twice, "the server received both notifications");
  g_assert_cmpuint (seen.n, ==, 0);

  g_mutex_lock (&server.lock);
  g_assert_cmpstr (server.summary, ==, "Call Back Now");
  g_assert_cmpstr (server.body, ==, "Due 10:15: 書類がそろったら");
  g_assert_true (server.has_default_action);
  g_assert_cmpuint (server.n_close, ==, 1);
  id = server.last_id;
  g_mutex_unlock (&server.lock);

  /* A click on it: the server says which action was invoked. */
  g_dbus_connection_emit_signal (server.connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, "default"), &error);
  g_assert_no_error (error);
  wait_until (action_activated, "the window's action was activated");
  g_assert_cmpint (activated_with, ==, 42);

  g_signal_handler_disconnect (tsg_notifier_get_default (), handler);
  tsg_notifier_shutdown ();
  g_main_loop_quit (server.loop);
  g_thread_join (thread);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  g_mutex_init (&server.lock);

  /* In this order: no server first, then the fake one. */
  g_test_add_func ("/notifier/fallback-without-server", test_fallback_without_server);
  g_test_add_func ("/notifier/server-and-action", test_server_and_action);
  return g_test_run ();
}

/* tsg-session.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locking hides every window of the application and shows the lock screen,
 * a window of its own: nothing of the records stays on screen or in the
 * accessibility tree, and the keyboard reaches only the lock screen. The
 * application's actions (preferences, staff, audit log…) are disabled while
 * locked, since their shortcuts would work from any window.
 */
#define G_LOG_DOMAIN "tsg-session"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-lock-screen.h"
#include "tsg-session.h"

struct _TsgSession
{
  GObject         parent_instance;

  /* Borrowed references: the application owns the session */
  AdwApplication *application;

  /* Owned references */
  TsgStore       *store;
  TsgActor       *actor;
  TsgWindow      *window;
  TsgLockScreen  *lock_screen;   /* while locked */
  GPtrArray      *hidden;        /* windows hidden while locked */
  GPtrArray      *disabled;      /* application actions disabled while locked */
  GSettings      *settings;

  guint           idle_seconds;
  gboolean        idle_from_settings;
  gint64          last_activity; /* monotonic µs */
  guint           idle_source;
  gulong          window_added_id;
  gboolean        ending;
};

G_DEFINE_FINAL_TYPE (TsgSession, tsg_session, G_TYPE_OBJECT)

enum { SWITCH_USER, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Application actions that stay usable on the lock screen. */
static const char *const lock_safe_actions[] = { "quit", "about", "lock", NULL };

static gboolean
on_input_event_cb (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   TsgSession               *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
watch_window (TsgSession *self,
              GtkWindow  *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    TsgSession     *self)
{
  watch_window (self, window);
  /* A window that opens while locked (a reminder, say) waits hidden. */
  if (self->lock_screen != NULL && window != GTK_WINDOW (self->lock_screen))
    {
      g_ptr_array_add (self->hidden, g_object_ref (window));
      gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
    }
}

static gboolean
check_idle_cb (gpointer user_data)
{
  TsgSession *self = user_data;

  if (self->lock_screen == NULL && self->idle_seconds > 0 &&
      g_get_monotonic_time () - self->last_activity >= (gint64) self->idle_seconds * G_USEC_PER_SEC)
    tsg_session_lock (self);
  return G_SOURCE_CONTINUE;
}

static void
on_idle_minutes_changed_cb (GSettings  *settings,
                            const char *key,
                            TsgSession *self)
{
  if (self->idle_from_settings)
    self->idle_seconds = (guint) MAX (g_settings_get_int (settings, "idle-lock-minutes"), 1) * 60;
}

static void
set_actions_enabled (TsgSession *self,
                     gboolean    enabled)
{
  if (enabled)
    {
      for (guint i = 0; i < self->disabled->len; i++)
        g_simple_action_set_enabled (g_ptr_array_index (self->disabled, i), TRUE);
      g_ptr_array_set_size (self->disabled, 0);
      return;
    }
  {
    g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->application));

    for (guint i = 0; names[i] != NULL; i++)
      {
        GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->application), names[i]);

        if (G_IS_SIMPLE_ACTION (action) && g_action_get_enabled (action) &&
            !g_strv_contains (lock_safe_actions, names[i]))
          {
            g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
            g_ptr_array_add (self->disabled, g_object_ref (action));
          }
      }
  }
}

static void
finish_unlock (TsgSession *self)
{
  TsgLockScreen *lock_screen = g_steal_pointer (&self->lock_screen);

  set_actions_enabled (self, TRUE);
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden, i), TRUE);
  g_ptr_array_set_size (self->hidden, 0);
  gtk_window_present (GTK_WINDOW (self->window));
  self->last_activity = g_get_monotonic_time ();
  gtk_window_destroy (GTK_WINDOW (lock_screen));
  g_object_unref (lock_screen);
}

static void
on_unlocked_cb (TsgLockScreen *lock_screen,
                TsgActor      *actor,
                TsgSession    *self)
{
  if (tsg_actor_get_staff_id (actor) == tsg_actor_get_staff_id (self->actor))
    finish_unlock (self);
  else
    g_signal_emit (self, signals[SWITCH_USER], 0, actor);
}

/* Closing the lock screen quits: the hidden windows close as usual (saving
 * the layout), and nothing shows on the way out. */
static gboolean
on_lock_close_request_cb (GtkWindow  *lock_screen,
                          TsgSession *self)
{
  if (!self->ending)
    {
      tsg_window_save_layout (self->window);
      for (guint i = 0; i < self->hidden->len; i++)
        gtk_window_destroy (g_ptr_array_index (self->hidden, i));
      g_ptr_array_set_size (self->hidden, 0);
    }
  return FALSE;
}

void
tsg_session_lock (TsgSession *self)
{
  GList *windows;
  int width = 0, height = 0;

  g_return_if_fail (TSG_IS_SESSION (self));

  if (self->lock_screen != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->lock_screen));
      return;
    }
  self->lock_screen = g_object_ref_sink (tsg_lock_screen_new (self->application, self->store, self->actor));
  gtk_window_get_default_size (GTK_WINDOW (self->window), &width, &height);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self->lock_screen), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (self->window)))
    gtk_window_maximize (GTK_WINDOW (self->lock_screen));
  g_signal_connect_object (self->lock_screen, "unlocked", G_CALLBACK (on_unlocked_cb), self, 0);
  g_signal_connect_object (self->lock_screen, "close-request", G_CALLBACK (on_lock_close_request_cb), self, 0);
  /* Shown before the others hide, so the application always has a window. */
  gtk_window_present (GTK_WINDOW (self->lock_screen));

  windows = gtk_application_get_windows (GTK_APPLICATION (self->application));
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) self->lock_screen && gtk_widget_get_visible (l->data))
      g_ptr_array_add (self->hidden, g_object_ref (l->data));
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden, i), FALSE);
  set_actions_enabled (self, FALSE);
}

gboolean
tsg_session_is_locked (TsgSession *self)
{
  g_return_val_if_fail (TSG_IS_SESSION (self), FALSE);
  return self->lock_screen != NULL;
}

void
tsg_session_set_idle_seconds (TsgSession *self,
                              guint       seconds)
{
  g_return_if_fail (TSG_IS_SESSION (self));
  self->idle_from_settings = FALSE;
  self->idle_seconds = seconds;
  self->last_activity = g_get_monotonic_time ();
}

TsgWindow *
tsg_session_get_window (TsgSession *self)
{
  g_return_val_if_fail (TSG_IS_SESSION (self), NULL);
  return self->window;
}

TsgActor *
tsg_session_get_actor (TsgSession *self)
{
  g_return_val_if_fail (TSG_IS_SESSION (self), NULL);
  return self->actor;
}

void
tsg_session_end (TsgSession *self)
{
  GList *windows;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (TSG_IS_SESSION (self));

  self->ending = TRUE;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_signal_handler (&self->window_added_id, self->application);
  set_actions_enabled (self, TRUE);
  if (self->window != NULL)
    tsg_window_save_layout (self->window);
  /* Every window of this person goes: her dialogs too. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self->application));
  for (GList *l = windows; l != NULL; l = l->next)
    g_ptr_array_add (doomed, g_object_ref (l->data));
  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
  g_ptr_array_set_size (self->hidden, 0);
  g_clear_object (&self->lock_screen);
}

static void
tsg_session_dispose (GObject *object)
{
  TsgSession *self = TSG_SESSION (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->application != NULL)
    g_clear_signal_handler (&self->window_added_id, self->application);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);
  g_clear_pointer (&self->disabled, g_ptr_array_unref);
  g_clear_object (&self->lock_screen);
  g_clear_object (&self->window);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_session_parent_class)->dispose (object);
}

static void
tsg_session_class_init (TsgSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tsg_session_dispose;

  signals[SWITCH_USER] = g_signal_new ("switch-user", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSG_TYPE_ACTOR);
}

static void
tsg_session_init (TsgSession *self)
{
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  self->disabled = g_ptr_array_new_with_free_func (g_object_unref);
  self->idle_from_settings = TRUE;
}

TsgSession *
tsg_session_new (AdwApplication *application,
                 TsgStore       *store,
                 TsgActor       *actor)
{
  TsgSession *self = g_object_new (TSG_TYPE_SESSION, NULL);
  GList *windows;

  self->application = application;
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_minutes_changed_cb), self, 0);
  on_idle_minutes_changed_cb (self->settings, "idle-lock-minutes", self);
  self->last_activity = g_get_monotonic_time ();

  self->window = g_object_ref_sink (tsg_window_new (application, store, actor));
  windows = gtk_application_get_windows (GTK_APPLICATION (application));
  for (GList *l = windows; l != NULL; l = l->next)
    watch_window (self, l->data);
  self->window_added_id = g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), self);
  self->idle_source = g_timeout_add_seconds (1, check_idle_cb, self);
  gtk_window_present (GTK_WINDOW (self->window));
  return self;
}

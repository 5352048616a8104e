/* test-session.c: the window locks itself after the idle time, hides every
 * window of the application and disables its actions; a wrong password keeps
 * it locked, hers unlocks it; another staff member can take over.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpanel.h>

#include "tsg-generator.h"
#include "tsg-lock-screen.h"
#include "tsg-session.h"
#include "tsg-store-accounts.h"

static void
iterate_until (gboolean  (*done) (gpointer),
               gpointer    data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
is_locked (gpointer session)
{
  return tsg_session_is_locked (session);
}

static gboolean
is_unlocked (gpointer session)
{
  return !tsg_session_is_locked (session);
}

static TsgLockScreen *
find_lock_screen (AdwApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TSG_IS_LOCK_SCREEN (l->data))
      return l->data;
  return NULL;
}

/* The n-th widget of @type under @root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (*n == 0)
        return root;
      (*n)--;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, n);
      if (found)
        return found;
    }
  return NULL;
}

static void
type_into (GtkWidget  *root,
           GType       type,
           guint       index,
           const char *text)
{
  GtkWidget *w = find_widget (root, type, &index);

  g_assert_nonnull (w);
  gtk_editable_set_text (GTK_EDITABLE (w), text);
}

static gboolean
switched (gpointer data)
{
  return *(TsgActor **) data != NULL;
}

static void
on_switch_user_cb (TsgSession *session,
                   TsgActor   *actor,
                   TsgActor  **out)
{
  *out = tsg_actor_ref (actor);
}

static void
test_idle_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(TsgStore) store = tsg_store_open (path, &error);
  g_autoptr(TsgActor) yamada = NULL;
  g_autoptr(TsgActor) next = NULL;
  g_autoptr(AdwApplication) app = adw_application_new ("org.tsunagari.Desk.TestSession", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSimpleAction) prefs = g_simple_action_new ("preferences", NULL);
  g_autoptr(TsgSession) session = NULL;
  TsgLockScreen *lock;
  TsgWindow *window;

  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (store, 50, 1, 0, NULL, NULL, &error));
  g_assert_true (tsg_store_prepare_demo_accounts (store, &error));
  yamada = tsg_store_sign_in (store, "yamada", TSG_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (prefs));

  session = tsg_session_new (app, store, yamada);
  window = tsg_session_get_window (session);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  tsg_session_set_idle_seconds (session, 2);

  /* Nobody touches anything: it locks by itself. */
  iterate_until (is_locked, session, "the idle lock");
  lock = find_lock_screen (app);
  g_assert_nonnull (lock);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lock)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* The application's actions (their shortcuts work from any window) wait. */
  g_assert_false (g_action_get_enabled (G_ACTION (prefs)));

  /* A wrong password: still locked. */
  type_into (GTK_WIDGET (lock), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "not her password");
  gtk_widget_activate_action (GTK_WIDGET (lock), "lock.unlock", NULL);
  iterate_for (1500);
  g_assert_true (tsg_session_is_locked (session));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Hers: back as it was. */
  type_into (GTK_WIDGET (lock), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, TSG_DEMO_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (lock), "lock.unlock", NULL);
  iterate_until (is_unlocked, session, "unlocking");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_action_get_enabled (G_ACTION (prefs)));
  g_assert_null (find_lock_screen (app));

  /* Locked again, someone else signs in: the application is told who. */
  tsg_session_set_idle_seconds (session, 0);
  tsg_session_lock (session);
  lock = find_lock_screen (app);
  g_signal_connect (session, "switch-user", G_CALLBACK (on_switch_user_cb), &next);
  gtk_widget_activate_action (GTK_WIDGET (lock), "lock.switch", NULL);
  type_into (GTK_WIDGET (lock), ADW_TYPE_ENTRY_ROW, 1, "sasaki");
  type_into (GTK_WIDGET (lock), ADW_TYPE_PASSWORD_ENTRY_ROW, 1, TSG_DEMO_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (lock), "lock.sign-in", NULL);
  iterate_until (switched, &next, "another staff member signing in");
  g_assert_cmpint (tsg_actor_get_role (next), ==, TSG_ROLE_FRONT_DESK);
  g_assert_true (tsg_session_is_locked (session));
  tsg_session_end (session);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipped\n");
      return 77;
    }
  adw_init ();
  panel_init ();
  g_test_add_func ("/session/idle-lock", test_idle_lock);
  return g_test_run ();
}

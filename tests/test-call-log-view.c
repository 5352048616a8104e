/* test-call-log-view.c: the call log panel: counters after a save, the
 * filters become the list's query, Delete asks for a reason, a due
 * call-back reminder is notified once (as a toast when no notification
 * server answers), and the import dialog imports a CSV file whole or, on a
 * bad row, not at all.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpanel.h>

#include "tsg-cell-text.h"
#include "tsg-call-log-view.h"
#include "tsg-enum-dropdown.h"
#include "tsg-import-dialog.h"
#include "tsg-notifier.h"
#include "tsg-store-contacts.h"

typedef struct
{
  char      *dir;
  TsgStore  *store;
  TsgActor  *actor;
  GtkWindow *window;
  TsgCallLogView *view;
} Fixture;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
add_contact (Fixture    *f,
             const char *channel,
             const char *outcome,
             gint64      callback_at,
             const char *summary)
{
  g_autoptr(TsgContact) c = tsg_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  c->started_at = now () - 60;
  c->channel = g_strdup (channel);
  c->outcome = g_strdup (outcome);
  c->summary = g_strdup (summary);
  c->callback_at = callback_at;
  id = tsg_store_save_contact (f->store, f->actor, c, &error);
  g_assert_no_error (error);
  return id;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
wait_until (gboolean (*done) (Fixture *), Fixture *f, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting until %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, name);
      if (found != NULL)
        return found;
    }
  /* The filters live in a popover of the filter button. */
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)) != NULL)
    return find (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))), name);
  return NULL;
}

static GtkWidget *
need (Fixture    *f,
      const char *name)
{
  GtkWidget *w = find (GTK_WIDGET (f->view), name);

  if (w == NULL)
    g_error ("the call log has no widget named %s", name);
  return w;
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tsg_list_panel_get_model (TSG_LIST_PANEL (f->view))));
}

static gboolean
loaded (Fixture *f)
{
  return !tsg_row_model_get_loading (tsg_list_panel_get_model (TSG_LIST_PANEL (f->view)));
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
open_view (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->view = TSG_CALL_LOG_VIEW (tsg_call_log_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_present (f->window);
  tsg_list_panel_set_store (TSG_LIST_PANEL (f->view), f->store, f->actor);
  wait_until (loaded, f, "the list is loaded");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsg-call-log-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  f->actor = tsg_actor_ref (tsg_store_get_system_actor (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  g_clear_pointer (&f->actor, tsg_actor_unref);
  g_free (f->dir);
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (need (f, name)));
}

/* The list's cell: one line from the font's metrics (no shaping to
 * measure), its text drawn ellipsized, NULL and long text alike. */
static void
test_cell_text (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *cell = tsg_cell_text_new ();
  int min_w, nat_w, min_h, nat_h;

  gtk_window_set_default_size (GTK_WINDOW (window), 80, -1);
  gtk_window_set_child (GTK_WINDOW (window), cell);
  tsg_cell_text_set_text (TSG_CELL_TEXT (cell), "夫からの暴言が続いており、家を出たいと考えている。女性相談支援センターを紹介した。");
  g_assert_cmpstr (tsg_cell_text_get_text (TSG_CELL_TEXT (cell)), ==,
                   "夫からの暴言が続いており、家を出たいと考えている。女性相談支援センターを紹介した。");
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
  g_assert_cmpint (min_w, >, 0);
  g_assert_cmpint (nat_w, ==, 8 * min_w);
  g_assert_cmpint (min_h, >=, 10);
  g_assert_cmpint (min_h, ==, nat_h);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  tsg_cell_text_set_text (TSG_CELL_TEXT (cell), NULL);
  g_assert_null (tsg_cell_text_get_text (TSG_CELL_TEXT (cell)));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_counters_and_filters (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TsgContact) silent = tsg_contact_new ();
  g_autoptr(TsgListQuery) query = NULL;

  add_contact (f, "free_dial", "listened", 0, "一件目");
  add_contact (f, "phone", "referred", 0, "二件目");
  add_contact (f, "phone", "listened", 0, "三件目");
  /* A silent call is kept but is not a consultation: not counted. */
  silent->started_at = now () - 30;
  silent->channel = g_strdup ("free_dial");
  silent->call_type = g_strdup ("silent");
  g_assert_cmpint (tsg_store_save_contact (f->store, f->actor, silent, NULL), >, 0);

  open_view (f);
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_cmpstr (label_text (f, "counter-today"), ==, "3");
  g_assert_cmpstr (label_text (f, "counter-month"), ==, "3");
  g_assert_cmpstr (label_text (f, "counter-year"), ==, "3");

  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (f, "filter-channel")), "phone");
  wait_until (loaded, f, "the filtered list is loaded");
  g_assert_cmpuint (n_rows (f), ==, 2);
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (f, "filter-outcome")), "referred");
  wait_until (loaded, f, "the filtered list is loaded");
  g_assert_cmpuint (n_rows (f), ==, 1);
  query = tsg_list_panel_dup_query (TSG_LIST_PANEL (f->view));
  g_assert_cmpstr (query->channel, ==, "phone");
  g_assert_cmpstr (query->outcome, ==, "referred");

  /* Today's range keeps them; last fiscal year has none of them. */
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (f, "filter-outcome")), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (f, "filter-date")), 1);
  wait_until (loaded, f, "the list of today is loaded");
  g_assert_cmpuint (n_rows (f), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (f, "filter-date")), 5);
  wait_until (loaded, f, "the list of last year is loaded");
  g_assert_cmpuint (n_rows (f), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "call-log.clear-filters", NULL);
  wait_until (loaded, f, "the whole list is loaded");
  g_assert_cmpuint (n_rows (f), ==, 4);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_delete_asks_a_reason (Fixture       *f,
                           gconstpointer  data)
{
  GtkColumnView *view;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgContact) gone = NULL;
  gint64 id = add_contact (f, "phone", "listened", 0, "二重に登録した");

  add_contact (f, "phone", "listened", 0, "残す");
  open_view (f);
  view = tsg_list_panel_get_column_view (TSG_LIST_PANEL (f->view));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)),
                                     (guint) tsg_row_model_find (tsg_list_panel_get_model (TSG_LIST_PANEL (f->view)), id));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "call-log.delete", NULL);
  spin (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* No reason, no deletion. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  reason = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (reason), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "二重登録");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));
  adw_message_dialog_response (dialog, "delete");
  spin (300);
  gone = tsg_store_get_contact (f->store, f->actor, id, &error);
  g_assert_null (gone);
  g_assert_nonnull (error);
  wait_until (loaded, f, "the list is reloaded");
  g_assert_cmpuint (n_rows (f), ==, 1);
}

static void
test_callback_reminder (Fixture       *f,
                        gconstpointer  data)
{
  Fallbacks seen = { 0 };
  gulong handler;
  g_autoptr(GPtrArray) due = NULL;

  add_contact (f, "phone", "continuing", now () - 5, "書類がそろったら折り返し");
  add_contact (f, "phone", "continuing", now () + 3600, "一時間後に折り返し");
  /* No notification server on the test's session bus: the fallback fires. */
  handler = g_signal_connect (tsg_notifier_get_default (), "fallback", G_CALLBACK (on_fallback_cb), &seen);
  open_view (f);   /* due reminders fire at start */
  g_assert_cmpuint (seen.n, ==, 1);
  g_assert_cmpstr (seen.title, ==, "Call Back Now");
  g_assert_nonnull (strstr (seen.body, "書類がそろったら折り返し"));

  /* Marked done: the next check says nothing. */
  tsg_call_log_view_check_callbacks (f->view);
  g_assert_cmpuint (seen.n, ==, 1);
  due = tsg_store_due_callbacks (f->store, f->actor, now () + 7200, NULL);
  g_assert_nonnull (due);
  g_assert_cmpuint (due->len, ==, 1);   /* the one in an hour is still to come */

  g_signal_handler_disconnect (tsg_notifier_get_default (), handler);
  g_free (seen.title);
  g_free (seen.body);
}

static void
on_imported_cb (TsgImportDialog *dialog,
                guint            n,
                guint           *out)
{
  *out = n;
}

static gboolean
import_done (gpointer data)
{
  return *(guint *) data != G_MAXUINT;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "contacts.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  TsgImportDialog *dialog;
  guint n = G_MAXUINT;
  gint64 deadline;
  GtkWidget *error_label = NULL;

  g_assert_true (g_file_set_contents (good,
    "\xEF\xBB\xBFstarted_at,channel,duration_minutes,first_contact,age_band,topics,outcome,summary\r\n"
    "2025-04-01T10:15:00+09:00,free_dial,12,true,30s,livelihood;work,referred,家賃の相談\r\n"
    "2025-04-02T11:00:00+09:00,line,5,false,20s,mental,listened,\"眠れない, 不安\"\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad,
    "started_at,channel,outcome\n"
    "2025-04-01T10:15:00+09:00,phone,listened\n"
    "2025-04-01T11:15:00+09:00,fax,listened\n", -1, NULL));

  dialog = tsg_import_dialog_new (NULL, f->store, f->actor, bad_file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &n);
  gtk_window_present (GTK_WINDOW (dialog));
  tsg_import_dialog_run (dialog);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  /* The error shows in the dialog, which stays open; nothing is imported. */
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      error_label = NULL;
      {
        GtkWidget *stack[64];
        int top = 0;
        stack[top++] = GTK_WIDGET (dialog);
        while (top > 0 && error_label == NULL)
          {
            GtkWidget *w = stack[--top];
            if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "error") && gtk_widget_get_visible (w))
              error_label = w;
            for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 64; c = gtk_widget_get_next_sibling (c))
              stack[top++] = c;
          }
      }
      if (error_label != NULL)
        break;
      g_usleep (2000);
    }
  g_assert_nonnull (error_label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "bad.csv:3"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "fax"));
  g_assert_cmpuint (n, ==, G_MAXUINT);
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);

  dialog = tsg_import_dialog_new (NULL, f->store, f->actor, good_file);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &n);
  gtk_window_present (GTK_WINDOW (dialog));
  tsg_import_dialog_run (dialog);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!import_done (&n) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 2);
}

static void
on_exported_cb (TsgCallLogView *view,
                gboolean        ok,
                int            *out)
{
  *out = ok ? 1 : 0;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "records.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  int result = -1;
  gint64 deadline;

  add_contact (f, "phone", "listened", 0, "書き出す一件目");
  add_contact (f, "line", "referred", 0, "書き出す二件目");
  open_view (f);
  g_signal_connect (f->view, "exported", G_CALLBACK (on_exported_cb), &result);
  tsg_call_log_view_export_to (f->view, file);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (result < 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpint (result, ==, 1);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "contacts")), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  adw_init ();
  panel_init ();

  g_test_add_func ("/call-log-view/cell-text", test_cell_text);
  g_test_add ("/call-log-view/counters-and-filters", Fixture, NULL, fixture_setup, test_counters_and_filters, fixture_teardown);
  g_test_add ("/call-log-view/delete", Fixture, NULL, fixture_setup, test_delete_asks_a_reason, fixture_teardown);
  g_test_add ("/call-log-view/callback-reminder", Fixture, NULL, fixture_setup, test_callback_reminder, fixture_teardown);
  g_test_add ("/call-log-view/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/call-log-view/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  return g_test_run ();
}

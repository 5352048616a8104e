/* test-contact-editor.c: the quick-entry form of a call, driven through its
 * widgets: Enter saves the right fields, Escape with changes asks, a draft
 * is written within a second and restored, a repeat caller shows the banner,
 * and the time and municipality inputs read what staff type.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tsg-call-timer.h"
#include "tsg-contact-editor.h"
#include "tsg-enum-dropdown.h"
#include "tsg-municipality-completion.h"
#include "tsg-store-cases.h"
#include "tsg-store-contacts.h"

typedef struct
{
  char     *dir;
  TsgStore *store;
  TsgActor *actor;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsg-editor-XXXXXX", &error);
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
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  g_clear_pointer (&f->actor, tsg_actor_unref);
  g_free (f->dir);
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

/* Waits until *@pointer is cleared (a weak pointer: the window is gone). */
static void
wait_gone (gpointer *pointer)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*pointer != NULL && g_get_monotonic_time () < deadline)
    {
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
  return NULL;
}

static GtkWidget *
need (TsgContactEditor *editor,
      const char       *name)
{
  GtkWidget *widget = find (GTK_WIDGET (editor), name);

  if (widget == NULL)
    g_error ("the form has no widget named %s", name);
  return widget;
}

static void
type_into (TsgContactEditor *editor,
           const char       *name,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (need (editor, name)), text);
}

/* Enter in an entry: its GtkText emits activate, which saves. */
static void
press_enter_in (TsgContactEditor *editor,
                const char       *name)
{
  GtkWidget *entry = need (editor, name);
  GtkWidget *text = gtk_widget_get_first_child (entry);

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_widget_get_next_sibling (text);
  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  g_signal_emit_by_name (text, "activate");
  spin (20);
}

static void
on_saved_cb (TsgContactEditor *editor,
             gint64            id,
             gint64           *out)
{
  *out = id;
}

static TsgContactEditor *
open_new (Fixture *f)
{
  TsgContactEditor *editor = tsg_contact_editor_new (NULL, f->store, f->actor);

  tsg_contact_editor_start_new (editor);
  gtk_window_present (GTK_WINDOW (editor));
  spin (50);
  return editor;
}

static void
test_enter_saves (Fixture       *f,
                  gconstpointer  data)
{
  TsgContactEditor *editor = open_new (f);
  g_autoptr(TsgContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0, before = g_get_real_time () / G_USEC_PER_SEC;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &id);
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "channel")), "phone");
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "age-band")), "30s");
  type_into (editor, "municipality", "カワサキシナカハラ");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (need (editor, "livelihood")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (need (editor, "work")), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (need (editor, "summary"))),
                            "家賃が払えない。\nハローワークを紹介。", -1);
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "risk-level")), "low");
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "outcome")), "referred");
  type_into (editor, "heard-via", "FL-2025-04");
  type_into (editor, "callback", "+2h");
  spin (1100);   /* the timer counts: at least one second */

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  press_enter_in (editor, "heard-via");
  g_assert_cmpint (id, >, 0);
  wait_gone ((gpointer *) &editor);
  g_assert_null (editor);   /* saved forms close */

  contact = tsg_store_get_contact (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contact->channel, ==, "phone");
  g_assert_cmpstr (contact->call_type, ==, "data");
  g_assert_cmpstr (contact->age_band, ==, "30s");
  g_assert_cmpstr (contact->municipality, ==, "神奈川県川崎市中原区");
  g_assert_nonnull (contact->topics);
  g_assert_cmpuint (g_strv_length (contact->topics), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) contact->topics, "livelihood"));
  g_assert_true (g_strv_contains ((const char *const *) contact->topics, "work"));
  g_assert_cmpstr (contact->summary, ==, "家賃が払えない。\nハローワークを紹介。");
  g_assert_cmpstr (contact->risk_level, ==, "low");
  g_assert_cmpstr (contact->outcome, ==, "referred");
  g_assert_cmpstr (contact->heard_via, ==, "FL-2025-04");
  g_assert_true (contact->first_contact);
  /* The timer ran for about a second: a started minute counts as one. */
  g_assert_cmpint (contact->duration_minutes, ==, 1);
  g_assert_cmpint (contact->started_at, >=, before - 60);
  g_assert_cmpint (contact->started_at, <=, before + 60);
  g_assert_cmpint (contact->callback_at, >=, before + 2 * 3600 - 5);
  g_assert_cmpint (contact->callback_at, <=, before + 2 * 3600 + 60);
  /* A saved form leaves no draft behind. */
  g_assert_null (tsg_store_load_draft (f->store, f->actor, TSG_CONTACT_DRAFT_KIND));
}

static void
test_bad_input_keeps_form (Fixture       *f,
                           gconstpointer  data)
{
  TsgContactEditor *editor = open_new (f);
  gint64 id = 0;
  GtkWidget *focus;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &id);
  /* Ten municipalities read かわさき: the worker must pick one. */
  type_into (editor, "municipality", "かわさき");
  press_enter_in (editor, "municipality");
  g_assert_cmpint (id, ==, 0);
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, need (editor, "municipality")));

  type_into (editor, "municipality", "川崎市中原区");
  type_into (editor, "callback", "someday");
  press_enter_in (editor, "callback");
  g_assert_cmpint (id, ==, 0);
  /* A save that failed leaves the call going on. */
  g_assert_true (tsg_call_timer_get_running (TSG_CALL_TIMER (need (editor, "call-timer"))));
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 0);

  type_into (editor, "callback", "");
  press_enter_in (editor, "callback");
  g_assert_cmpint (id, >, 0);
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_escape_asks (Fixture       *f,
                  gconstpointer  data)
{
  TsgContactEditor *editor = open_new (f);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* Nothing typed: Escape just closes. */
  g_assert_false (tsg_contact_editor_get_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  wait_gone ((gpointer *) &editor);
  g_assert_null (editor);

  editor = open_new (f);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (need (editor, "summary"))),
                            "途中まで", -1);
  g_assert_true (tsg_contact_editor_get_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  spin (20);
  dialog = find_dialog_for (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  adw_message_dialog_response (dialog, "keep");
  spin (20);
  g_assert_nonnull (editor);

  /* Closing the window asks too. */
  gtk_window_close (GTK_WINDOW (editor));
  spin (20);
  g_assert_nonnull (editor);
  dialog = find_dialog_for (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  wait_gone ((gpointer *) &editor);
  g_assert_null (editor);
  g_assert_cmpint (tsg_store_count (f->store, TSG_LIST_CONTACTS), ==, 0);
  g_assert_null (tsg_store_load_draft (f->store, f->actor, TSG_CONTACT_DRAFT_KIND));
}

static void
test_draft_restored (Fixture       *f,
                     gconstpointer  data)
{
  TsgContactEditor *editor = open_new (f);
  g_autofree char *draft = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *summary = NULL;

  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "outcome")), "listened");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (need (editor, "dv")), TRUE);
  type_into (editor, "caller-number", "090-1111-2222");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (need (editor, "summary"))),
                            "夫からの暴力について", -1);
  /* Within about a second the draft is in the store. */
  spin (1400);
  draft = tsg_store_load_draft (f->store, f->actor, TSG_CONTACT_DRAFT_KIND);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft, "夫からの暴力について"));
  /* The caller's number never reaches the disk, drafts included. */
  g_assert_null (strstr (draft, "1111"));

  /* A crash: the window goes away without closing. */
  gtk_window_destroy (GTK_WINDOW (editor));
  spin (20);

  editor = tsg_contact_editor_new (NULL, f->store, f->actor);
  tsg_contact_editor_restore_draft (editor, draft, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  spin (20);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (need (editor, "summary")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  summary = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (summary, ==, "夫からの暴力について");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (need (editor, "dv"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (need (editor, "work"))));
  g_assert_cmpstr (tsg_enum_dropdown_get_id (GTK_DROP_DOWN (need (editor, "outcome"))), ==, "listened");
  g_assert_true (tsg_contact_editor_get_modified (editor));
  g_assert_cmpint (tsg_contact_editor_save (editor, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_repeat_caller (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TsgContact) earlier = tsg_contact_new ();
  g_autoptr(GError) error = NULL;
  TsgContactEditor *editor;
  GtkWidget *first;

  earlier->started_at = g_get_real_time () / G_USEC_PER_SEC - 86400;
  earlier->channel = g_strdup ("free_dial");
  earlier->caller_number = g_strdup ("090-3333-4444");
  g_assert_cmpint (tsg_store_save_contact (f->store, f->actor, earlier, &error), >, 0);
  g_assert_no_error (error);

  editor = open_new (f);
  first = need (editor, "first-contact");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  type_into (editor, "caller-number", "09033334444");
  spin (700);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  type_into (editor, "caller-number", "09055556666");
  spin (700);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gint64
case_for (Fixture    *f,
          const char *name,
          const char *kana,
          gint64     *client_id)
{
  g_autoptr(TsgClient) client = tsg_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  client->name = g_strdup (name);
  client->kana = g_strdup (kana);
  *client_id = tsg_store_save_client (f->store, f->actor, client, &error);
  g_assert_no_error (error);
  case_id = tsg_store_open_case (f->store, f->actor, *client_id, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  return case_id;
}

/* A counsellor links the call to her case by typing the client's reading:
 * one match is linked; several, or none, keep the form open and say so. */
static void
test_link_to_case (Fixture       *f,
                   gconstpointer  data)
{
  gint64 hanako_client, misaki_client, kazumi_client, hanako, kazumi, id = 0;
  g_autoptr(TsgContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  TsgContactEditor *editor;
  GtkWidget *error_label;

  hanako = case_for (f, "佐藤 花子", "さとう はなこ", &hanako_client);
  case_for (f, "佐藤 美咲", "さとう みさき", &misaki_client);
  kazumi = case_for (f, "鈴木 和美", "すずき かずみ", &kazumi_client);

  editor = open_new (f);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &id);
  error_label = need (editor, "error");
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "channel")), "phone");

  type_into (editor, "case", "さとう");
  press_enter_in (editor, "case");
  g_assert_cmpint (id, ==, 0);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "several"));

  type_into (editor, "case", "たなか");
  press_enter_in (editor, "case");
  g_assert_cmpint (id, ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "No case matches"));

  /* Width and kana folded as everywhere: ｽｽﾞｷ finds すずき. */
  type_into (editor, "case", "ｽｽﾞｷ");
  press_enter_in (editor, "case");
  g_assert_cmpint (id, >, 0);
  contact = tsg_store_get_contact (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (contact->case_id, ==, kazumi);
  g_assert_cmpint (contact->client_id, ==, kazumi_client);
  g_assert_cmpint (hanako, >, 0);
}

static void
test_edit_keeps_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TsgContact) c = tsg_contact_new ();
  g_autoptr(TsgContact) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  TsgContactEditor *editor;
  TsgContactVersion *v;
  gint64 id, saved = 0;

  /* Seconds that the form's minute fields do not show. */
  c->started_at = g_get_real_time () / G_USEC_PER_SEC - 3600 - 17;
  c->channel = g_strdup ("line");
  c->outcome = g_strdup ("listened");
  c->summary = g_strdup ("最初の記録");
  c->callback_at = g_get_real_time () / G_USEC_PER_SEC + 86400 + 29;
  c->duration_minutes = 7;
  id = tsg_store_save_contact (f->store, f->actor, c, &error);
  g_assert_no_error (error);

  editor = tsg_contact_editor_new (NULL, f->store, f->actor);
  g_assert_true (tsg_contact_editor_load (editor, id, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  spin (20);
  g_assert_true (gtk_widget_get_visible (need (editor, "delete")));
  g_assert_cmpstr (tsg_enum_dropdown_get_id (GTK_DROP_DOWN (need (editor, "channel"))), ==, "line");
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  tsg_enum_dropdown_set_id (GTK_DROP_DOWN (need (editor, "outcome")), "referred");
  g_assert_cmpint (tsg_contact_editor_save (editor, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (saved, ==, id);

  after = tsg_store_get_contact (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->outcome, ==, "referred");
  g_assert_cmpint (after->started_at, ==, c->started_at);
  g_assert_cmpint (after->callback_at, ==, c->callback_at);
  g_assert_cmpint (after->duration_minutes, ==, 7);
  history = tsg_store_contact_history (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  v = g_ptr_array_index (history, 0);
  /* Only what was changed is recorded as changed. */
  g_assert_nonnull (strstr (v->changes, "outcome"));
  g_assert_null (strstr (v->changes, "started"));
  g_assert_null (strstr (v->changes, "callback"));
  g_assert_null (strstr (v->changes, "duration"));

  /* Opened again, the form shows that change. */
  editor = tsg_contact_editor_new (NULL, f->store, f->actor);
  g_assert_true (tsg_contact_editor_load (editor, id, NULL));
  g_assert_true (gtk_widget_get_visible (need (editor, "history")));
  gtk_expander_set_expanded (GTK_EXPANDER (need (editor, "history")), TRUE);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (need (editor, "history-text"))), "outcome"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_time_input (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_local (2025, 4, 1, 14, 0, 0);
  gint64 now = g_date_time_to_unix (base);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2025, 4, 1, 9, 30, 0);
  g_autoptr(GDateTime) other = g_date_time_new_local (2025, 3, 31, 23, 5, 0);

  g_assert_cmpint (tsg_parse_local_time ("+30m", now), ==, now + 1800);
  g_assert_cmpint (tsg_parse_local_time ("+2h", now), ==, now + 7200);
  g_assert_cmpint (tsg_parse_local_time ("+1d", now), ==, now + 86400);
  g_assert_cmpint (tsg_parse_local_time ("9:30", now), ==, g_date_time_to_unix (morning));
  g_assert_cmpint (tsg_parse_local_time ("９：３０", now), ==, g_date_time_to_unix (morning));
  g_assert_cmpint (tsg_parse_local_time ("2025-03-31 23:05", now), ==, g_date_time_to_unix (other));
  g_assert_cmpint (tsg_parse_local_time ("2025/3/31 23:05", now), ==, g_date_time_to_unix (other));
  g_assert_cmpint (tsg_parse_local_time ("2025-02-30 10:00", now), ==, 0);
  g_assert_cmpint (tsg_parse_local_time ("25:00", now), ==, 0);
  g_assert_cmpint (tsg_parse_local_time ("soon", now), ==, 0);
}

static void
test_municipalities (void)
{
  g_autoptr(TsgMunicipalityCompletion) m = tsg_municipality_completion_new ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  guint n = 0;

  a = tsg_municipality_completion_resolve (m, "かわさき", &n);
  g_assert_null (a);
  g_assert_cmpuint (n, ==, 10);   /* 8 in Kawasaki city, 川崎町 in Miyagi and Fukuoka */
  b = tsg_municipality_completion_resolve (m, "ｶﾜｻｷｼﾅｶﾊﾗ", &n);
  g_assert_cmpstr (b, ==, "神奈川県川崎市中原区");
  c = tsg_municipality_completion_resolve (m, "川崎市中原", &n);
  g_assert_cmpstr (c, ==, "神奈川県川崎市中原区");
  d = tsg_municipality_completion_resolve (m, "北海道", &n);
  g_assert_cmpstr (d, ==, "北海道");
  e = tsg_municipality_completion_resolve (m, "どこにもない", &n);
  g_assert_null (e);
  g_assert_cmpuint (n, ==, 0);
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

  g_test_add ("/contact-editor/enter-saves", Fixture, NULL, fixture_setup, test_enter_saves, fixture_teardown);
  g_test_add ("/contact-editor/bad-input", Fixture, NULL, fixture_setup, test_bad_input_keeps_form, fixture_teardown);
  g_test_add ("/contact-editor/escape-asks", Fixture, NULL, fixture_setup, test_escape_asks, fixture_teardown);
  g_test_add ("/contact-editor/draft", Fixture, NULL, fixture_setup, test_draft_restored, fixture_teardown);
  g_test_add ("/contact-editor/repeat-caller", Fixture, NULL, fixture_setup, test_repeat_caller, fixture_teardown);
  g_test_add ("/contact-editor/link-to-case", Fixture, NULL, fixture_setup, test_link_to_case, fixture_teardown);
  g_test_add ("/contact-editor/edit-history", Fixture, NULL, fixture_setup, test_edit_keeps_history, fixture_teardown);
  g_test_add_func ("/contact-editor/time-input", test_time_input);
  g_test_add_func ("/contact-editor/municipalities", test_municipalities);
  return g_test_run ();
}

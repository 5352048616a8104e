/* tsg-case-actions.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-case-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-case-actions.h"
#include "tsg-case-rules.h"
#include "tsg-due-panel.h"
#include "tsg-form-dialog.h"
#include "tsg-list-panel.h"
#include "tsg-notifier.h"
#include "tsg-store-cases.h"

#define DUE_CHECK_SECONDS 60

/* Open case panels of a window, by case id (weak: a closed panel goes). */
static GHashTable *
case_panels (TsgWindow *window)
{
  GHashTable *panels = g_object_get_data (G_OBJECT (window), "tsg-case-panels");

  if (panels == NULL)
    {
      panels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (window), "tsg-case-panels", panels,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return panels;
}

static void
on_case_panel_finalized_cb (gpointer  data,
                            GObject  *where)
{
  GHashTable *panels = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, panels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where)
      g_hash_table_iter_remove (&iter);
  g_hash_table_unref (panels);
}

TsgCasePanel *
tsg_window_open_case (TsgWindow *window,
                      gint64     case_id)
{
  GHashTable *panels = case_panels (window);
  TsgCasePanel *panel = g_hash_table_lookup (panels, &case_id);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TSG_IS_WINDOW (window), NULL);

  if (panel == NULL)
    {
      panel = tsg_case_panel_new (tsg_window_get_store (window), tsg_window_get_actor (window), case_id, &error);
      if (panel == NULL)
        {
          tsg_window_show_toast (window, error->message);
          return NULL;
        }
      g_hash_table_insert (panels, g_memdup2 (&case_id, sizeof case_id), panel);
      g_object_weak_ref (G_OBJECT (panel), on_case_panel_finalized_cb, g_hash_table_ref (panels));
      tsg_window_present_panel (window, PANEL_WIDGET (panel));
      g_object_unref (panel);   /* the dock holds it now */
    }
  else
    tsg_window_present_panel (window, PANEL_WIDGET (panel));
  /* The timeline takes the focus: a key still held from the button that
   * opened the case must not press the panel's first button. */
  gtk_widget_grab_focus (GTK_WIDGET (tsg_case_panel_get_timeline_view (panel)));
  return panel;
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tsg_window_open_case (TSG_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
open_case_from_contact_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TsgWindow *window = TSG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 case_id = tsg_store_open_case_from_contact (tsg_window_get_store (window), tsg_window_get_actor (window),
                                                     g_variant_get_int64 (parameter), &error);
  GtkWidget *cases;

  if (case_id == 0)
    {
      tsg_window_show_toast (window, error->message);
      return;
    }
  if ((cases = tsg_window_get_panel (window, "cases")) && TSG_IS_LIST_PANEL (cases))
    tsg_list_panel_reload (TSG_LIST_PANEL (cases));
  tsg_window_open_case (window, case_id);
}

/* The call selected in the call log becomes a case. */
static void
open_case_from_call_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TsgWindow *window = TSG_WINDOW (widget);
  GtkWidget *call_log = tsg_window_get_panel (window, "call-log");
  TsgRow *row = call_log && TSG_IS_LIST_PANEL (call_log) ? tsg_list_panel_get_selected (TSG_LIST_PANEL (call_log)) : NULL;

  if (row == NULL)
    {
      tsg_window_show_toast (window, _("Select a call in the call log first."));
      return;
    }
  {
    g_autoptr(GVariant) id = g_variant_ref_sink (g_variant_new_int64 (tsg_row_get_id (row)));
    open_case_from_contact_action (widget, "win.open-case-from-contact", id);
  }
}

/* --- the Due list ------------------------------------------------------- */

static void
show_due_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsgWindow *window = TSG_WINDOW (widget);
  TsgDuePanel *panel = g_object_get_data (G_OBJECT (window), "tsg-due-panel");

  if (panel == NULL)
    {
      panel = TSG_DUE_PANEL (g_object_ref_sink (tsg_due_panel_new (tsg_window_get_store (window),
                                                                   tsg_window_get_actor (window))));
      g_object_set_data_full (G_OBJECT (window), "tsg-due-panel", panel, g_object_unref);
    }
  else
    tsg_due_panel_reload (panel, NULL);
  tsg_window_present_panel (window, PANEL_WIDGET (panel));
}

/* --- a new client and case ---------------------------------------------- */

typedef struct
{
  TsgWindow *window;
  GtkWidget *matches;      /* GtkListBox */
  char      *checked_key;  /* name|kana already checked for duplicates */
} NewCase;

static void
new_case_free (gpointer data)
{
  NewCase *nc = data;

  g_object_unref (nc->window);
  g_free (nc->checked_key);
  g_free (nc);
}

static void
on_use_client_clicked_cb (GtkButton *button,
                          NewCase   *nc)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "client-id"));
  GtkWidget *form = gtk_widget_get_ancestor (GTK_WIDGET (button), TSG_TYPE_FORM_DIALOG);
  TsgWindow *window = g_object_ref (nc->window);
  gint64 case_id = tsg_store_open_case (tsg_window_get_store (window), tsg_window_get_actor (window),
                                        client_id, 0, NULL, 0, 0, &error);

  if (case_id == 0)
    {
      tsg_form_dialog_show_error (TSG_FORM_DIALOG (form), error->message);
      g_object_unref (window);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (form));
  tsg_window_open_case (window, case_id);
  g_object_unref (window);
}

static void
show_matches (NewCase   *nc,
              GPtrArray *matches)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (nc->matches)))
    gtk_list_box_remove (GTK_LIST_BOX (nc->matches), child);
  for (guint i = 0; i < matches->len; i++)
    {
      TsgClientMatch *m = g_ptr_array_index (matches, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *button = gtk_button_new_with_label (_("Open a Case for Her"));
      g_autofree char *text = g_strdup_printf ("%s  %s%s%s%s", m->code, m->name ? m->name : "",
                                               m->kana ? " / " : "", m->kana ? m->kana : "",
                                               m->same_caller ? _(" (same phone number)") : "");
      GtkWidget *label = gtk_label_new (text);
      g_autofree char *name = g_strdup_printf (_("Open a case for %s"), m->code);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      g_object_set_data (G_OBJECT (button), "client-id", GSIZE_TO_POINTER (m->client_id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_use_client_clicked_cb), nc);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), button);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_append (GTK_LIST_BOX (nc->matches), box);
    }
  gtk_widget_set_visible (nc->matches, matches->len > 0);
}

static gboolean
save_new_case (TsgFormDialog *form,
               gpointer       data,
               GError       **error)
{
  NewCase *nc = data;
  TsgStore *store = tsg_window_get_store (nc->window);
  TsgActor *actor = tsg_window_get_actor (nc->window);
  g_autoptr(TsgClient) c = tsg_client_new ();
  g_autofree char *key = NULL;
  gint64 case_id;

  c->name = tsg_form_dialog_get_text (form, "name");
  c->kana = tsg_form_dialog_get_text (form, "kana");
  c->age_band = tsg_form_dialog_get_text (form, "age_band");
  c->municipality = tsg_form_dialog_get_text (form, "municipality");
  c->safe_contact = tsg_form_dialog_get_text (form, "safe_contact");
  c->address_withheld = tsg_form_dialog_get_active (form, "address_withheld");
  c->never_call_back = tsg_form_dialog_get_active (form, "never_call_back");
  c->no_mail_home = tsg_form_dialog_get_active (form, "no_mail_home");
  key = g_strdup_printf ("%s|%s", c->name ? c->name : "", c->kana ? c->kana : "");
  /* Same name or kana after folding: the counsellor decides. Saving again
   * with the same name keeps her apart. */
  if ((*c->name || *c->kana) && g_strcmp0 (key, nc->checked_key) != 0)
    {
      g_autoptr(GPtrArray) matches = tsg_store_find_duplicate_clients (store, actor, c->name, c->kana, 0, 0, error);

      if (matches == NULL)
        return FALSE;
      g_free (nc->checked_key);
      nc->checked_key = g_steal_pointer (&key);
      show_matches (nc, matches);
      if (matches->len > 0)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u client with the same name is already known: open a case for her below, or save again to keep them apart.",
                                    "%u clients with the same name are already known: open a case for one below, or save again to keep them apart.",
                                    matches->len), matches->len);
          return FALSE;
        }
    }
#define EMPTY_TO_NULL(f) if (c->f && *c->f == '\0') g_clear_pointer (&c->f, g_free)
  EMPTY_TO_NULL (name);
  EMPTY_TO_NULL (kana);
  EMPTY_TO_NULL (municipality);
  EMPTY_TO_NULL (safe_contact);
#undef EMPTY_TO_NULL
  if (tsg_store_save_client (store, actor, c, error) == 0 ||
      (case_id = tsg_store_open_case (store, actor, c->id, 0, NULL, 0, 0, error)) == 0)
    return FALSE;
  tsg_window_open_case (nc->window, case_id);
  return TRUE;
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsgWindow *window = TSG_WINDOW (widget);
  TsgFormDialog *form = tsg_form_dialog_new (widget, _("New Case"), _("_Open Case"));
  NewCase *nc = g_new0 (NewCase, 1);

  nc->window = g_object_ref (window);
  nc->matches = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (nc->matches), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (nc->matches, "boxed-list");
  gtk_widget_set_visible (nc->matches, FALSE);
  tsg_form_dialog_set_intro (form, _("A pseudonymous code is given to her; her name is optional."));
  tsg_form_dialog_add_entry (form, "name", _("Name"), NULL, _("(optional)"));
  tsg_form_dialog_add_entry (form, "kana", _("Kana"), NULL, _("(optional)"));
  tsg_form_dialog_add_widget (form, "matches", _("Already known"), nc->matches);
  tsg_form_dialog_add_choice (form, "age_band", _("Age band"), tsg_age_bands, NULL, "unknown");
  tsg_form_dialog_add_entry (form, "municipality", _("Municipality"), NULL, NULL);
  tsg_form_dialog_add_check (form, "address_withheld", _("Address withheld (住所秘匿)"), FALSE);
  tsg_form_dialog_add_entry (form, "safe_contact", _("Safe way and time to contact"), NULL,
                             _("e.g. LINE only, weekdays 10–16"));
  tsg_form_dialog_add_check (form, "never_call_back", _("Never call back"), FALSE);
  tsg_form_dialog_add_check (form, "no_mail_home", _("No mail to her home"), FALSE);
  tsg_form_dialog_set_save_func (form, save_new_case, nc, new_case_free);
  tsg_form_dialog_present (form);
}

/* --- reminders ---------------------------------------------------------- */

static gint64
reminder_staff (TsgActor *actor)
{
  /* A counsellor is reminded of her own; an administrator of the office's. */
  return tsg_actor_get_role (actor) == TSG_ROLE_COUNSELLOR ? tsg_actor_get_staff_id (actor) : 0;
}

static void
notify_due_tasks (TsgWindow *window,
                  GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gboolean review = g_str_equal (tsg_row_get_value (row, TSG_DUE_COL_KIND), "review");
      g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, review ? "review" : "task", tsg_row_get_id (row));
      /* translators: notification title: "Task due: C26-000123" */
      g_autofree char *title = g_strdup_printf (review ? _("Plan review due: %s") : _("Task due: %s"),
                                                tsg_row_get_value (row, TSG_DUE_COL_CLIENT_CODE));

      tsg_notifier_notify (tsg_notifier_get_default (), id, title,
                           review ? _("The support plan is due for review.")
                                  : tsg_row_get_value (row, TSG_DUE_COL_DESCRIPTION), "win.open-case",
                           g_variant_new_int64 (tsg_row_get_int (row, TSG_DUE_COL_CASE_ID)));
    }
}

static gboolean
check_due_cb (gpointer data)
{
  TsgWindow *window = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tsg_store_take_due_notifications (tsg_window_get_store (window),
                                                                tsg_window_get_actor (window), NULL, &error);

  if (rows == NULL)
    g_warning ("Failed to check for tasks due: %s", error->message);
  else
    notify_due_tasks (window, rows);
  return G_SOURCE_CONTINUE;
}

static void
remove_source (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

static void
start_up_digest (TsgWindow *window)
{
  TsgStore *store = tsg_window_get_store (window);
  TsgActor *actor = tsg_window_get_actor (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *today = tsg_date_today ();
  g_autofree char *body = NULL;
  guint tasks = 0, reviews = 0;

  if (!tsg_store_claim_due_digest (store, actor, today, &error))
    {
      if (error)
        g_warning ("Failed to check the due digest: %s", error->message);
      return;
    }
  if (!(due = tsg_store_due_items (store, actor, today, reminder_staff (actor), &error)))
    {
      g_warning ("Failed to read what is due: %s", error->message);
      return;
    }
  /* What is due now is in the digest: it need not fire one by one. */
  taken = tsg_store_take_due_notifications (store, actor, today, NULL);
  for (guint i = 0; i < due->len; i++)
    {
      if (g_str_equal (tsg_row_get_value (g_ptr_array_index (due, i), TSG_DUE_COL_KIND), "task"))
        tasks++;
      else
        reviews++;
    }
  if (due->len == 0)
    return;
  if (due->len == 1)
    {
      notify_due_tasks (window, due);
      return;
    }
  {
    g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", tasks), tasks);
    g_autofree char *r = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan review", "%u plan reviews", reviews),
                                          reviews);
    if (tasks && reviews)
      /* translators: the start-up notification: "3 tasks and 2 plan reviews are due." */
      body = g_strdup_printf (_("%s and %s are due."), t, r);
    else
      /* translators: the start-up notification: "3 tasks are due." */
      body = g_strdup_printf (_("%s due."), tasks ? t : r);
  }
  tsg_notifier_notify (tsg_notifier_get_default (), "due-digest", _("Due Today"), body, "win.show-due", NULL);
}

void
_tsg_case_actions_start (TsgWindow *window)
{
  guint id;

  if (!tsg_actor_may (tsg_window_get_actor (window), TSG_PERM_CASES_READ))
    return;
  start_up_digest (window);
  id = g_timeout_add_seconds (DUE_CHECK_SECONDS, check_due_cb, window);
  g_object_set_data_full (G_OBJECT (window), "tsg-due-timer", GUINT_TO_POINTER (id), remove_source);
}

void
_tsg_case_actions_install (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.open-case", "x", open_case_action);
  gtk_widget_class_install_action (window_class, "win.open-case-from-contact", "x", open_case_from_contact_action);
  gtk_widget_class_install_action (window_class, "win.open-case-from-call", NULL, open_case_from_call_action);
  gtk_widget_class_install_action (window_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (window_class, "win.show-due", NULL, show_due_action);
}

/* tsg-audit-view.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the newest entries first, a page of PAGE_SIZE at a time, filtered
 * by staff member, kind of record, action and dates. Opening the view and
 * each change of filter are themselves written to the log by the store.
 */
#define G_LOG_DOMAIN "tsg-audit-view"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "tsg-audit-view.h"
#include "tsg-format.h"
#include "tsg-row.h"
#include "tsg-store-accounts.h"
#include "tsg-store-audit.h"

#define PAGE_SIZE 500

struct _TsgAuditView
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkDropDown     *staff_dropdown;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *action_dropdown;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkColumnView   *column_view;
  GtkLabel        *status_label;

  /* Owned references */
  TsgStore        *store;
  TsgActor        *actor;
  GListStore      *entries;
  GArray          *staff_ids;   /* parallel to the staff drop-down */
  GStrv            kinds;       /* parallel to the kind drop-down, after "all" */
  GStrv            actions;
  TsgAuditQuery    query;
  gint64           total;
};

G_DEFINE_FINAL_TYPE (TsgAuditView, tsg_audit_view, ADW_TYPE_WINDOW)

static void
show_error (TsgAuditView *self,
            const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_status (TsgAuditView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *text = NULL;
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, self->total);

  /* translators: under the audit log: entries shown, of the entries that match */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %s entry", "%u of %s entries",
                                       (gulong) self->total),
                          shown, total);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", shown < self->total);
}

static void
load_page (TsgAuditView *self,
           guint         offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 total = 0;

  rows = tsg_store_list_audit (self->store, self->actor, &self->query, offset, PAGE_SIZE,
                               offset == 0 ? &total : NULL, &error);
  if (rows == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (offset == 0)
    {
      self->total = total;
      g_list_store_remove_all (self->entries);
    }
  g_list_store_splice (self->entries, offset, 0, rows->pdata, rows->len);
  update_status (self);
}

/* "YYYY-MM-DD" in the office's zone; an empty field is no limit. */
static gboolean
parse_date (GtkEntry *entry,
            gboolean  end_of_day,
            gint64   *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *out = 0;
  if (*text == '\0')
    return TRUE;
  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !(dt = g_date_time_new_local (y, m, d, 0, 0, 0)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  if (end_of_day)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (dt, 1);
      *out = g_date_time_to_unix (next);
    }
  else
    *out = g_date_time_to_unix (dt);
  return TRUE;
}

static void
reload (TsgAuditView *self)
{
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint action = gtk_drop_down_get_selected (self->action_dropdown);
  gint64 from, to;

  if (!parse_date (self->from_entry, FALSE, &from) | !parse_date (self->to_entry, TRUE, &to))
    {
      show_error (self, _("Type dates as YYYY-MM-DD, for example 2025-04-01."));
      return;
    }
  self->query.staff_id = staff < self->staff_ids->len ? g_array_index (self->staff_ids, gint64, staff) : 0;
  self->query.record_kind = kind > 0 && self->kinds ? self->kinds[kind - 1] : NULL;
  self->query.action = action > 0 && self->actions ? self->actions[action - 1] : NULL;
  self->query.from = from;
  self->query.to = to;
  load_page (self, 0);
}

static void
on_filter_changed_cb (TsgAuditView *self)
{
  reload (self);
}

static void
on_date_activate_cb (TsgAuditView *self)
{
  reload (self);
}

static void
more_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsgAuditView *self = TSG_AUDIT_VIEW (widget);

  load_page (self, g_list_model_get_n_items (G_LIST_MODEL (self->entries)));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgAuditView *self = TSG_AUDIT_VIEW (widget);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  gint64 n = 0;
  GtkWidget *dialog;
  gboolean sound;

  sound = tsg_store_verify_audit_chain (self->store, self->actor, problems, &n, &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (sound)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      g_string_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                          "The chain of %s entry is intact: no entry was altered or removed from the middle of the log.",
                                          "The chain of %s entries is intact: no entry was altered or removed from the middle of the log.",
                                          (gulong) n), count);
    }
  else
    for (guint i = 0; i < problems->len && i < 20; i++)
      g_string_append_printf (body, "%s\n", (const char *) g_ptr_array_index (problems, i));
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   sound ? _("The Audit Log Is Intact") : _("The Audit Log Was Altered"),
                                   body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- columns ----------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  TsgRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (column)
    {
    case TSG_AUDIT_COL_AT:
      text = tsg_format_datetime (tsg_row_get_int (row, TSG_AUDIT_COL_AT));
      break;
    case TSG_AUDIT_COL_RECORD_ID:
      text = tsg_row_get_int (row, column) > 0 ? g_strdup (tsg_row_get_value (row, column)) : g_strdup ("");
      break;
    case TSG_AUDIT_COL_STAFF:
      text = tsg_row_get_int (row, TSG_AUDIT_COL_STAFF_ID) == 0 ? g_strdup (_("(nobody signed in)"))
                                                                 : g_strdup (tsg_row_get_value (row, column));
      break;
    default:
      text = g_strdup (tsg_row_get_value (row, column));
    }
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), column == TSG_AUDIT_COL_DETAIL ? text : NULL);
}

static void
add_column (TsgAuditView *self,
            const char   *title,
            guint         column,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

/* --- filters ----------------------------------------------------------- */

static void
fill_dropdowns (TsgAuditView *self)
{
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = tsg_store_list_staff (self->store, self->actor, NULL);
  gint64 everyone = 0, nobody = -1;

  gtk_string_list_append (staff, _("Every staff member"));
  g_array_append_val (self->staff_ids, everyone);
  gtk_string_list_append (staff, _("Nobody signed in (failed sign-ins)"));
  g_array_append_val (self->staff_ids, nobody);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gint64 id = tsg_row_get_id (row);
      g_autofree char *label = g_strdup_printf ("%s (%s)", tsg_row_get_value (row, TSG_STAFF_COL_NAME),
                                                tsg_row_get_value (row, TSG_STAFF_COL_LOGIN));
      gtk_string_list_append (staff, label);
      g_array_append_val (self->staff_ids, id);
    }
  gtk_string_list_append (kinds, _("Every kind of record"));
  self->kinds = tsg_store_list_audit_values (self->store, self->actor, "record_kind", NULL);
  for (guint i = 0; self->kinds && self->kinds[i]; i++)
    gtk_string_list_append (kinds, self->kinds[i]);
  gtk_string_list_append (actions, _("Every action"));
  self->actions = tsg_store_list_audit_values (self->store, self->actor, "action", NULL);
  for (guint i = 0; self->actions && self->actions[i]; i++)
    gtk_string_list_append (actions, self->actions[i]);

  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (staff));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (actions));
  g_signal_connect_swapped (self->staff_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->action_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
}

static void
tsg_audit_view_dispose (GObject *object)
{
  TsgAuditView *self = TSG_AUDIT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_AUDIT_VIEW);
  g_clear_object (&self->entries);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->actions, g_strfreev);
  G_OBJECT_CLASS (tsg_audit_view_parent_class)->dispose (object);
}

static void
tsg_audit_view_class_init (TsgAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_audit_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsgAuditView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_date_activate_cb);

  gtk_widget_class_install_action (widget_class, "audit.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_audit_view_init (TsgAuditView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (TSG_TYPE_ROW);
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_column (self, _("Time"), TSG_AUDIT_COL_AT, FALSE);
  add_column (self, _("Staff member"), TSG_AUDIT_COL_STAFF, FALSE);
  add_column (self, _("Action"), TSG_AUDIT_COL_ACTION, FALSE);
  add_column (self, _("Kind of record"), TSG_AUDIT_COL_RECORD_KIND, FALSE);
  add_column (self, _("Record"), TSG_AUDIT_COL_RECORD_ID, FALSE);
  add_column (self, _("Detail"), TSG_AUDIT_COL_DETAIL, TRUE);
}

GtkWidget *
tsg_audit_view_new (TsgStore *store,
                    TsgActor *actor)
{
  TsgAuditView *self = g_object_new (TSG_TYPE_AUDIT_VIEW, NULL);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  fill_dropdowns (self);
  load_page (self, 0);
  return GTK_WIDGET (self);
}

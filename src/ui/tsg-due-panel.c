/* tsg-due-panel.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row opens its case (win.open-case). The list is read in one query
 * driven by the open cases, so it costs the same on a ten-year database.
 */
#define G_LOG_DOMAIN "tsg-due-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-case-rules.h"
#include "tsg-due-model.h"
#include "tsg-due-panel.h"
#include "tsg-format.h"
#include "tsg-store-cases.h"

struct _TsgDuePanel
{
  PanelWidget  parent_instance;

  GtkCheckButton *mine_check;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;

  TsgStore       *store;
  TsgActor       *actor;
  TsgDueModel    *items;
};

G_DEFINE_FINAL_TYPE (TsgDuePanel, tsg_due_panel, PANEL_TYPE_WIDGET)

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  TsgRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_last_child (box);
  const char *kind = tsg_row_get_value (row, TSG_DUE_COL_KIND);
  const char *due = tsg_row_get_value (row, TSG_DUE_COL_DUE_ON);
  g_autofree char *today = tsg_date_today ();
  g_autofree char *date = tsg_format_iso_date (due);
  g_autofree char *what = NULL;
  g_autofree char *line = NULL;

  if (g_str_equal (kind, "review"))
    what = g_strdup (_("Plan review"));
  else
    what = g_strdup (tsg_row_get_value (row, TSG_DUE_COL_DESCRIPTION));
  /* translators: under a due item: "C26-000123 · due Apr 8, 2025 · 山田 愛子" */
  line = g_strdup_printf (_("%s · due %s · %s"), tsg_row_get_value (row, TSG_DUE_COL_CLIENT_CODE), date,
                          tsg_row_get_value (row, TSG_DUE_COL_OWNER));
  gtk_label_set_label (GTK_LABEL (title), what);
  gtk_label_set_label (GTK_LABEL (meta), line);
  if (g_strcmp0 (due, today) < 0)
    gtk_widget_add_css_class (meta, "error");
  else
    gtk_widget_remove_css_class (meta, "error");
}

gboolean
tsg_due_panel_reload (TsgDuePanel  *self,
                      GError      **error)
{
  g_autofree char *count = NULL;
  gint64 staff = gtk_check_button_get_active (self->mine_check) ? tsg_actor_get_staff_id (self->actor) : 0;
  guint n;

  g_return_val_if_fail (TSG_IS_DUE_PANEL (self), FALSE);

  /* Only the keys now; the rows of the visible page when the list asks. */
  if (!tsg_due_model_reload (self->items, NULL, staff, error))
    return FALSE;
  n = tsg_keyed_model_get_total (TSG_KEYED_MODEL (self->items));
  /* translators: number of tasks and reviews due */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due", "%u due", n), n);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n ? "list" : "empty");
  return TRUE;
}

guint
tsg_due_panel_get_n_items (TsgDuePanel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

static void
refresh (TsgDuePanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!tsg_due_panel_reload (self, &error))
    g_warning ("Failed to read what is due: %s", error->message);
}

static void
on_scrolled_cb (GtkAdjustment *adjustment,
                TsgDuePanel   *self)
{
  double left = gtk_adjustment_get_upper (adjustment)
              - gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->items && left < gtk_adjustment_get_page_size (adjustment))
    tsg_keyed_model_grow (TSG_KEYED_MODEL (self->items));
}

static void
on_mine_toggled_cb (TsgDuePanel *self)
{
  refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (TSG_DUE_PANEL (widget));
}

static void
on_activate_cb (TsgDuePanel *self,
                guint        position,
                GtkListView *view)
{
  g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "x",
                                tsg_row_get_int (row, TSG_DUE_COL_CASE_ID));
}

static void
tsg_due_panel_dispose (GObject *object)
{
  TsgDuePanel *self = TSG_DUE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_DUE_PANEL);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_due_panel_parent_class)->dispose (object);
}

static void
tsg_due_panel_class_init (TsgDuePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_due_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-due-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgDuePanel, mine_check);
  gtk_widget_class_bind_template_child (widget_class, TsgDuePanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, TsgDuePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgDuePanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_install_action (widget_class, "due.refresh", NULL, refresh_action);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
}

static void
tsg_due_panel_init (TsgDuePanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  panel_widget_set_id (PANEL_WIDGET (self), "due");
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
    g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_scrolled_cb), self);
    g_signal_connect (adjustment, "changed", G_CALLBACK (on_scrolled_cb), self);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Due"), -1);
}

GtkWidget *
tsg_due_panel_new (TsgStore *store,
                   TsgActor *actor)
{
  TsgDuePanel *self = g_object_new (TSG_TYPE_DUE_PANEL, NULL);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->items = tsg_due_model_new (store, actor);
  {
    GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items))));
    gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
    gtk_list_view_set_model (self->list_view, selection);
    g_object_unref (selection);
  }
  /* A counsellor sees her own first; the administrator sees the office's. */
  gtk_check_button_set_active (self->mine_check, tsg_actor_get_role (actor) == TSG_ROLE_COUNSELLOR);
  refresh (self);
  return GTK_WIDGET (self);
}

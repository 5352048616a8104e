/* tsg-service-picker.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list pages services from the store (TSG_LIST_SERVICES) and searches
 * them in SQL, so a prefecture-wide directory costs what its visible rows
 * cost. Down in the search entry moves into the list; the selected row is
 * the choice.
 */
#define G_LOG_DOMAIN "tsg-service-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-row-model.h"
#include "tsg-service-picker.h"

struct _TsgServicePicker
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *chosen_label;

  TsgRowModel        *model;
  GtkSingleSelection *selection;
  gint64              service_id;
  char               *label;
};

G_DEFINE_FINAL_TYPE (TsgServicePicker, tsg_service_picker, GTK_TYPE_WIDGET)

static char *
row_label (TsgRow *row)
{
  const char *city = tsg_row_get_value (row, TSG_SERVICE_COL_CITY);

  if (*city)
    return g_strdup_printf ("%s — %s（%s）", tsg_row_get_value (row, TSG_SERVICE_COL_ORGANIZATION),
                            tsg_row_get_value (row, TSG_SERVICE_COL_NAME), city);
  return g_strdup_printf ("%s — %s", tsg_row_get_value (row, TSG_SERVICE_COL_ORGANIZATION),
                          tsg_row_get_value (row, TSG_SERVICE_COL_NAME));
}

static void
on_selection_changed_cb (TsgServicePicker *self)
{
  TsgRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *text = NULL;

  g_clear_pointer (&self->label, g_free);
  self->service_id = row ? tsg_row_get_id (row) : 0;
  if (row)
    self->label = g_strdup_printf ("%s — %s", tsg_row_get_value (row, TSG_SERVICE_COL_ORGANIZATION),
                                   tsg_row_get_value (row, TSG_SERVICE_COL_NAME));
  /* translators: the destination chosen in the directory */
  text = row ? g_strdup_printf (_("Chosen: %s"), self->label) : g_strdup (_("No destination chosen yet."));
  gtk_label_set_label (self->chosen_label, text);
}

static void
on_search_changed_cb (TsgServicePicker *self,
                      GtkSearchEntry   *entry)
{
  g_autoptr(TsgListQuery) query = tsg_list_query_copy (tsg_row_model_get_query (self->model));

  g_free (query->search);
  query->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  tsg_row_model_set_query (self->model, query);
}

static void
on_model_loaded_cb (TsgServicePicker *self)
{
  /* The first match is chosen while typing; Down/Up pick another. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  on_selection_changed_cb (self);
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          TsgServicePicker      *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return FALSE;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (keyval == GDK_KEY_Down && pos + 1 < n)
    pos++;
  else if (keyval == GDK_KEY_Up && pos > 0)
    pos--;
  gtk_single_selection_set_selected (self->selection, pos);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
  return TRUE;
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  g_autofree char *text = row_label (gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
tsg_service_picker_dispose (GObject *object)
{
  TsgServicePicker *self = TSG_SERVICE_PICKER (object);

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_SERVICE_PICKER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->label, g_free);
  G_OBJECT_CLASS (tsg_service_picker_parent_class)->dispose (object);
}

static gboolean
tsg_service_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TSG_SERVICE_PICKER (widget)->search_entry));
}

static void
tsg_service_picker_class_init (TsgServicePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_service_picker_dispose;
  widget_class->grab_focus = tsg_service_picker_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-service-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgServicePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgServicePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, TsgServicePicker, chosen_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tsg_service_picker_init (TsgServicePicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
tsg_service_picker_new (TsgStore *store,
                        TsgActor *actor)
{
  TsgServicePicker *self = g_object_new (TSG_TYPE_SERVICE_PICKER, NULL);

  self->model = tsg_row_model_new (store, actor, TSG_LIST_SERVICES);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "loaded", G_CALLBACK (on_model_loaded_cb), self, G_CONNECT_SWAPPED);
  on_selection_changed_cb (self);
  tsg_row_model_reload (self->model);
  return GTK_WIDGET (self);
}

gint64
tsg_service_picker_get_service_id (TsgServicePicker *self)
{
  g_return_val_if_fail (TSG_IS_SERVICE_PICKER (self), 0);
  return self->service_id;
}

const char *
tsg_service_picker_get_label (TsgServicePicker *self)
{
  g_return_val_if_fail (TSG_IS_SERVICE_PICKER (self), "");
  return self->label ? self->label : "";
}

GtkWidget *
tsg_service_picker_get_search_entry (TsgServicePicker *self)
{
  return GTK_WIDGET (self->search_entry);
}

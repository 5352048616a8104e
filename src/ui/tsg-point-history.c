/* tsg-point-history.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages of 100 rows from tsg_store_point_history(); the cursor carries the
 * running balances from one page to the next, so the first page costs what
 * its rows cost and so does every later one. Scrolling to the end (or the
 * "Show Older" button) fetches the next page.
 */
#define G_LOG_DOMAIN "tsg-point-history"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-domain.h"
#include "tsg-list-panel.h"
#include "tsg-point-history.h"

#define PAGE_SIZE 100

enum { COL_AT, COL_KIND, COL_ITEM, COL_OTHER, COL_DELTA, COL_BALANCE, COL_NOTE, COL_TO_CLIENT, N_COLS };

struct _TsgPointHistory
{
  GtkWidget        parent_instance;

  /* Owned widgets */
  GtkWidget       *box;
  GtkDropDown     *point_dropdown;
  GtkDropDown     *item_dropdown;
  GtkLabel        *count_label;
  GtkColumnView   *column_view;
  GtkWidget       *older_button;

  /* Owned references */
  TsgStore        *store;
  TsgActor        *actor;
  GPtrArray       *points;       /* TsgPoint, in dropdown order */
  GPtrArray       *items;        /* TsgItem; dropdown position i + 1 */
  GListStore      *rows;         /* TsgRow */
  TsgHistoryCursor cursor;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (TsgPointHistory, tsg_point_history, GTK_TYPE_WIDGET)

typedef char *(*Format) (TsgRow *row, guint column);

static char *
format_kind (TsgRow *row,
             guint   column)
{
  const char *label = tsg_enum_label (tsg_movement_kinds, tsg_row_get_value (row, column));

  if (tsg_row_get_int (row, COL_TO_CLIENT))
    /* translators: a distribution to a client, in a point's history */
    return g_strdup_printf (_("%s (to a client)"), label);
  return g_strdup (label);
}

static char *
format_delta (TsgRow *row,
              guint   column)
{
  gint64 delta = tsg_row_get_int (row, column);

  /* A real minus sign reads better than a hyphen in a column of numbers. */
  return delta > 0 ? g_strdup_printf ("+%" G_GINT64_FORMAT, delta)
                   : g_strdup_printf ("−%" G_GINT64_FORMAT, -delta);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "tsg-column"));

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_DELTA || column == COL_BALANCE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COL_DELTA || column == COL_BALANCE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Format format = user_data;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "tsg-column"));
  g_autofree char *text = format (gtk_list_item_get_item (item), column);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (TsgPointHistory *self,
            const char      *title,
            guint            column,
            Format           format,
            gboolean         expand,
            int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "tsg-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), format ? format : tsg_cell_text);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_append_column (self->column_view, col);
}

static TsgRow *
row_from_history (TsgHistoryRow *h)
{
  GStrv values = g_new0 (char *, N_COLS + 1);

  values[COL_AT] = g_strdup_printf ("%" G_GINT64_FORMAT, h->occurred_at);
  values[COL_KIND] = g_strdup (h->kind);
  values[COL_ITEM] = g_strdup (h->item_name);
  values[COL_OTHER] = g_strdup (h->other_point);
  values[COL_DELTA] = g_strdup_printf ("%" G_GINT64_FORMAT, h->delta);
  values[COL_BALANCE] = g_strdup_printf ("%" G_GINT64_FORMAT, h->balance_after);
  values[COL_NOTE] = g_strdup (h->note);
  values[COL_TO_CLIENT] = g_strdup (h->to_client ? "1" : "0");
  return tsg_row_new (h->id, values);
}

static gint64
selected_point (TsgPointHistory *self)
{
  guint i = gtk_drop_down_get_selected (self->point_dropdown);

  if (self->points == NULL || i >= self->points->len)
    return 0;
  return ((TsgPoint *) g_ptr_array_index (self->points, i))->id;
}

static gint64
selected_item (TsgPointHistory *self)
{
  guint i = gtk_drop_down_get_selected (self->item_dropdown);

  if (self->items == NULL || i == 0 || i > self->items->len)
    return 0;
  return ((TsgItem *) g_ptr_array_index (self->items, i - 1))->id;
}

static void
update_count (TsgPointHistory *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = NULL;

  /* translators: how many movements of a point's history are loaded */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u movement shown", "%u movements shown", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (self->older_button, !self->cursor.done);
}

static void
load_page (TsgPointHistory *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 point = selected_point (self);

  if (self->store == NULL || point == 0 || self->cursor.done || self->loading)
    return;
  self->loading = TRUE;
  page = tsg_store_point_history (self->store, self->actor, point, selected_item (self), &self->cursor,
                                  PAGE_SIZE, &error);
  self->loading = FALSE;
  if (page == NULL)
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (rows, row_from_history (g_ptr_array_index (page, i)));
  g_list_store_splice (self->rows, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), 0,
                       rows->pdata, rows->len);
  update_count (self);
}

static void
restart (TsgPointHistory *self)
{
  tsg_history_cursor_clear (&self->cursor);
  g_list_store_remove_all (self->rows);
  load_page (self);
}

static void
on_edge_reached_cb (TsgPointHistory   *self,
                    GtkPositionType    position)
{
  if (position == GTK_POS_BOTTOM)
    load_page (self);
}

static void
on_filter_changed_cb (TsgPointHistory *self)
{
  if (self->points != NULL)
    restart (self);
}

static void
on_older_clicked_cb (TsgPointHistory *self)
{
  load_page (self);
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *control)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);
  return box;
}

static void
tsg_point_history_dispose (GObject *object)
{
  TsgPointHistory *self = TSG_POINT_HISTORY (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->rows);
  tsg_history_cursor_clear (&self->cursor);
  G_OBJECT_CLASS (tsg_point_history_parent_class)->dispose (object);
}

static void
tsg_point_history_class_init (TsgPointHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_point_history_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tsg_point_history_init (TsgPointHistory *self)
{
  GtkWidget *toolbar, *scroller;
  GtkNoSelection *selection;

  self->rows = g_list_store_new (TSG_TYPE_ROW);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  /* Named by their mnemonic labels (labelled-by). */
  self->point_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  self->item_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_box_append (GTK_BOX (toolbar), labelled (_("_Point"), GTK_WIDGET (self->point_dropdown)));
  gtk_box_append (GTK_BOX (toolbar), labelled (_("_Item"), GTK_WIDGET (self->item_dropdown)));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->count_label));
  self->older_button = gtk_button_new_with_mnemonic (_("Show _Older"));
  gtk_box_append (GTK_BOX (toolbar), self->older_button);
  gtk_box_append (GTK_BOX (self->box), toolbar);

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History of the Point"), -1);
  add_column (self, _("Date and Time"), COL_AT, tsg_cell_datetime, FALSE, 150);
  add_column (self, _("Movement"), COL_KIND, format_kind, FALSE, 150);
  add_column (self, _("Item"), COL_ITEM, NULL, FALSE, 150);
  add_column (self, _("From or To"), COL_OTHER, NULL, TRUE, -1);
  add_column (self, _("Change"), COL_DELTA, format_delta, FALSE, 80);
  add_column (self, _("Balance"), COL_BALANCE, NULL, FALSE, 80);
  add_column (self, _("Note"), COL_NOTE, NULL, TRUE, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));
  gtk_box_append (GTK_BOX (self->box), scroller);

  g_signal_connect_object (scroller, "edge-reached", G_CALLBACK (on_edge_reached_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->older_button, "clicked", G_CALLBACK (on_older_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->point_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
tsg_point_history_new (void)
{
  return g_object_new (TSG_TYPE_POINT_HISTORY, NULL);
}

static void
load_choices (TsgPointHistory *self)
{
  g_autoptr(GtkStringList) point_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) item_names = gtk_string_list_new (NULL);
  gint64 point = selected_point (self);
  gint64 item = selected_item (self);
  GPtrArray *points, *items;

  points = tsg_store_list_points (self->store, self->actor, TRUE, NULL);
  items = tsg_store_list_items (self->store, self->actor, TRUE, NULL);
  /* Swap in the lists before the models so that no handler sees one list
   * with the other's positions. */
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  gtk_string_list_append (item_names, _("All items"));
  for (guint i = 0; points && i < points->len; i++)
    gtk_string_list_append (point_names, ((TsgPoint *) g_ptr_array_index (points, i))->name);
  for (guint i = 0; items && i < items->len; i++)
    gtk_string_list_append (item_names, ((TsgItem *) g_ptr_array_index (items, i))->name);
  gtk_drop_down_set_model (self->point_dropdown, G_LIST_MODEL (point_names));
  gtk_drop_down_set_model (self->item_dropdown, G_LIST_MODEL (item_names));
  self->points = points;
  self->items = items;
  for (guint i = 0; points && i < points->len; i++)
    if (((TsgPoint *) g_ptr_array_index (points, i))->id == point)
      gtk_drop_down_set_selected (self->point_dropdown, i);
  for (guint i = 0; items && i < items->len; i++)
    if (((TsgItem *) g_ptr_array_index (items, i))->id == item)
      gtk_drop_down_set_selected (self->item_dropdown, i + 1);
}

void
tsg_point_history_set_store (TsgPointHistory *self,
                             TsgStore        *store,
                             TsgActor        *actor)
{
  g_return_if_fail (TSG_IS_POINT_HISTORY (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  self->actor = tsg_actor_ref (actor);
  tsg_point_history_reload (self);
}

void
tsg_point_history_reload (TsgPointHistory *self)
{
  g_return_if_fail (TSG_IS_POINT_HISTORY (self));

  if (self->store == NULL)
    return;
  load_choices (self);
  restart (self);
}

void
tsg_point_history_show (TsgPointHistory *self,
                        gint64           point_id,
                        gint64           item_id)
{
  g_return_if_fail (TSG_IS_POINT_HISTORY (self));

  if (self->points == NULL)
    return;
  /* Set both without reloading twice: the handlers restart on change. */
  g_signal_handlers_block_by_func (self->point_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->item_dropdown, on_filter_changed_cb, self);
  for (guint i = 0; i < self->points->len; i++)
    if (((TsgPoint *) g_ptr_array_index (self->points, i))->id == point_id)
      gtk_drop_down_set_selected (self->point_dropdown, i);
  gtk_drop_down_set_selected (self->item_dropdown, 0);
  for (guint i = 0; item_id && i < self->items->len; i++)
    if (((TsgItem *) g_ptr_array_index (self->items, i))->id == item_id)
      gtk_drop_down_set_selected (self->item_dropdown, i + 1);
  g_signal_handlers_unblock_by_func (self->point_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->item_dropdown, on_filter_changed_cb, self);
  restart (self);
}

gint64
tsg_point_history_get_point (TsgPointHistory *self)
{
  g_return_val_if_fail (TSG_IS_POINT_HISTORY (self), 0);
  return selected_point (self);
}

gint64
tsg_point_history_get_item (TsgPointHistory *self)
{
  g_return_val_if_fail (TSG_IS_POINT_HISTORY (self), 0);
  return selected_item (self);
}

/* tsg-list-panel.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry, a count and a GtkColumnView over a TsgRowModel. Sorting
 * and filtering happen in SQL: the column headers only tell us which column
 * and which direction the person asked for.
 */
#define G_LOG_DOMAIN "tsg-list-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-cell-text.h"
#include "tsg-first-frame.h"
#include "tsg-format.h"
#include "tsg-list-panel.h"

typedef struct
{
  /* Template widgets */
  GtkBox           *toolbar;
  GtkSearchEntry   *search_entry;
  GtkLabel         *count_label;
  GtkStack         *stack;
  GtkColumnView    *column_view;

  /* Owned references */
  TsgStore         *store;
  TsgActor         *actor;
  TsgRowModel      *model;
  GtkSingleSelection *selection;

  /* Which column's sorter answered first: the primary sort column. */
  int               probed_column;
} TsgListPanelPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TsgListPanel, tsg_list_panel, PANEL_TYPE_WIDGET)

typedef struct
{
  TsgCellFormatter format;
  guint            column;
} ColumnInfo;

char *
tsg_cell_text (TsgRow *row,
               guint   column)
{
  return g_strdup (tsg_row_get_value (row, column));
}

char *
tsg_cell_datetime (TsgRow *row,
                   guint   column)
{
  if (*tsg_row_get_value (row, column) == '\0')
    return g_strdup ("");
  return tsg_format_datetime (tsg_row_get_int (row, column));
}

char *
tsg_cell_date (TsgRow *row,
               guint   column)
{
  if (*tsg_row_get_value (row, column) == '\0')
    return g_strdup ("");
  return tsg_format_date (tsg_row_get_int (row, column));
}

static void
update_count (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));
  g_autofree char *text = NULL;

  /* translators: number of records shown in a list */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  gtk_label_set_label (priv->count_label, text);
}

static void
on_model_loaded_cb (TsgListPanel *self,
                    const char   *error_message)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));

  update_count (self);
  if (error_message != NULL)
    {
      tsg_list_panel_show_message (self, _("The List Cannot Be Shown"), error_message);
      return;
    }
  gtk_stack_set_visible_child_name (priv->stack, n > 0 ? "list" : "empty");
}

/* A reload shows its first page before all the ids are read (the "loaded"
 * signal comes then): show the rows as soon as there are some. */
static void
on_model_items_changed_cb (TsgListPanel *self,
                           guint         position,
                           guint         removed,
                           guint         added)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (priv->model)) > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (priv->stack), "loading") == 0)
    gtk_stack_set_visible_child_name (priv->stack, "list");
}

static void
on_search_changed_cb (TsgListPanel   *self,
                      GtkSearchEntry *entry)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  g_autoptr(TsgListQuery) query = NULL;

  if (priv->model == NULL)
    return;
  query = tsg_list_query_copy (tsg_row_model_get_query (priv->model));
  g_free (query->search);
  query->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  tsg_row_model_set_query (priv->model, query);
}

static void
on_column_view_activate_cb (TsgListPanel  *self,
                            guint          position,
                            GtkColumnView *view)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (priv->model), position);

  if (row != NULL && TSG_LIST_PANEL_GET_CLASS (self)->activated)
    TSG_LIST_PANEL_GET_CLASS (self)->activated (self, row);
}

static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnInfo *info = user_data;
  TsgListPanel *self = g_object_get_data (G_OBJECT (a), "tsg-panel");
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  if (priv->probed_column < 0)
    priv->probed_column = (int) info->column;
  return -1;
}

/* GTK 4.8 has no API for the primary sort column (4.10 added one): compare
 * two dummy rows through the view's sorter and see which column answers. */
static void
on_sorter_changed_cb (TsgListPanel *self,
                      GtkSorterChange change,
                      GtkSorter    *sorter)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  g_autoptr(TsgRow) a = tsg_row_new (0, NULL);
  g_autoptr(TsgRow) b = tsg_row_new (0, NULL);
  g_autoptr(TsgListQuery) query = NULL;
  GtkOrdering order;

  g_object_set_data (G_OBJECT (a), "tsg-panel", self);
  g_object_set_data (G_OBJECT (b), "tsg-panel", self);
  priv->probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);

  query = tsg_list_query_copy (tsg_row_model_get_query (priv->model));
  query->sort_column = priv->probed_column;
  query->sort_descending = order == GTK_ORDERING_LARGER;
  tsg_row_model_set_query (priv->model, query);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  /* Not GtkLabel: measuring every cell's whole text made scrolling a
   * million rows cost a frame per jump; not GtkInscription either: each
   * makes its own PangoContext (see tsg-cell-text.c). */
  GtkWidget *cell = tsg_cell_text_new ();

  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ColumnInfo *info = user_data;
  TsgRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = info->format (row, info->column);
  GtkWidget *cell = gtk_list_item_get_child (item);

  tsg_cell_text_set_text (TSG_CELL_TEXT (cell), text);
}

void
tsg_list_panel_add_column (TsgListPanel     *self,
                           const char       *title,
                           guint             column,
                           TsgCellFormatter  format,
                           gboolean          expand,
                           int               fixed_width)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  ColumnInfo *info = g_new0 (ColumnInfo, 1);
  GtkSorter *sorter;

  g_return_if_fail (TSG_IS_LIST_PANEL (self));

  info->format = format ? format : tsg_cell_text;
  info->column = column;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), info);
  col = gtk_column_view_column_new (title, g_object_ref (factory));
  g_object_set_data_full (G_OBJECT (col), "tsg-column-info", info, g_free);
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, info, NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (priv->column_view, col);
}

static void
tsg_list_panel_dispose (GObject *object)
{
  TsgListPanel *self = TSG_LIST_PANEL (object);
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  /* HACK: GTK 4.8 looks for the template in the class of the instance (a
   * subclass without one) and refuses: gtk_widget_dispose_template() cannot
   * be used in a derivable base. PanelWidget unparents its child, the root
   * of the template, in its own dispose. */
  tsg_first_frame_cancel (GTK_WIDGET (self));
  g_clear_object (&priv->selection);
  g_clear_object (&priv->model);
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_list_panel_parent_class)->dispose (object);
}

static void
tsg_list_panel_class_init (TsgListPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_list_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-list-panel.ui");
  gtk_widget_class_bind_template_child_private (widget_class, TsgListPanel, toolbar);
  gtk_widget_class_bind_template_child_private (widget_class, TsgListPanel, search_entry);
  gtk_widget_class_bind_template_child_private (widget_class, TsgListPanel, count_label);
  gtk_widget_class_bind_template_child_private (widget_class, TsgListPanel, stack);
  gtk_widget_class_bind_template_child_private (widget_class, TsgListPanel, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

/* Screen readers and the end-to-end tests find a panel by its title. */
static void
on_title_changed_cb (TsgListPanel *self)
{
  const char *title = panel_widget_get_title (PANEL_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : "", -1);
}

static void
tsg_list_panel_init (TsgListPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}

/* The first page of a reload is what fits in the list's area (the stack
 * holding it is allocated even while it shows "loading"): a header of ~30
 * px, then rows of ~21 px (TsgCellText), and one more for a part-shown row. */
static void
fit_first_page (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  int height = gtk_widget_get_height (GTK_WIDGET (priv->stack));

  if (height > 30)
    tsg_row_model_set_first_page (priv->model, (guint) (height - 30) / 21 + 2);
}

/* A panel reads its rows once it has been on screen for one frame: the
 * window's first frame does not wait for queries over a million contacts,
 * and a tab nobody has opened reads nothing. */
static void
release_model (GtkWidget *widget)
{
  TsgListPanel *self = TSG_LIST_PANEL (widget);
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  if (priv->model != NULL)
    {
      fit_first_page (self);
      tsg_row_model_release (priv->model);
    }
}

void
tsg_list_panel_set_store (TsgListPanel *self,
                          TsgStore     *store,
                          TsgActor     *actor)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  TsgListPanelClass *klass = TSG_LIST_PANEL_GET_CLASS (self);

  g_return_if_fail (TSG_IS_LIST_PANEL (self));
  g_return_if_fail (priv->store == NULL);

  priv->store = g_object_ref (store);
  priv->actor = tsg_actor_ref (actor);
  priv->model = tsg_row_model_new (store, actor, klass->kind);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      tsg_row_model_hold (priv->model);
      tsg_after_first_frame (GTK_WIDGET (self), release_model);
    }
  g_signal_connect_object (priv->model, "loaded", G_CALLBACK (on_model_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  priv->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (priv->model)));
  gtk_single_selection_set_autoselect (priv->selection, FALSE);
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));

  if (klass->setup)
    klass->setup (self);
  g_signal_connect_object (gtk_column_view_get_sorter (priv->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (priv->stack, "loading");
  fit_first_page (self);
  tsg_row_model_reload (priv->model);
  /* The first page is there at once; the rest of the ids follow from a
   * thread. Show it now rather than a spinner until the last id is in. */
  if (g_list_model_get_n_items (G_LIST_MODEL (priv->model)) > 0)
    gtk_stack_set_visible_child_name (priv->stack, "list");
}

void
tsg_list_panel_show_message (TsgListPanel *self,
                             const char   *title,
                             const char   *description)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (priv->stack, "empty"));

  g_return_if_fail (TSG_IS_LIST_PANEL (self));

  adw_status_page_set_title (page, title);
  adw_status_page_set_description (page, description);
  gtk_stack_set_visible_child_name (priv->stack, "empty");
  /* A refusal, not a search that found nothing: nothing to search. */
  if (priv->store == NULL)
    {
      adw_status_page_set_icon_name (page, "action-unavailable-symbolic");
      gtk_widget_set_sensitive (GTK_WIDGET (priv->toolbar), FALSE);
    }
}

TsgStore *
tsg_list_panel_get_store (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return priv->store;
}

TsgActor *
tsg_list_panel_get_actor (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return priv->actor;
}

TsgRowModel *
tsg_list_panel_get_model (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return priv->model;
}

GtkColumnView *
tsg_list_panel_get_column_view (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return priv->column_view;
}

GtkBox *
tsg_list_panel_get_toolbar (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return priv->toolbar;
}

GtkWidget *
tsg_list_panel_get_search_entry (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);
  return GTK_WIDGET (priv->search_entry);
}

TsgRow *
tsg_list_panel_get_selected (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  if (priv->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (priv->selection);
}

void
tsg_list_panel_reload (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  if (priv->model != NULL)
    tsg_row_model_reload (priv->model);
}

TsgListQuery *
tsg_list_panel_dup_query (TsgListPanel *self)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  return tsg_list_query_copy (tsg_row_model_get_query (priv->model));
}

void
tsg_list_panel_set_query (TsgListPanel       *self,
                          const TsgListQuery *query)
{
  TsgListPanelPrivate *priv = tsg_list_panel_get_instance_private (self);

  tsg_row_model_set_query (priv->model, query);
}

/* tsg-inventory-view.c: hygiene-product stock and its ledger
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel keeps the list panel's ledger (every movement, paged from
 * SQLite) as one page of a stack, beside the stock matrix, a point's
 * history with running balances, and the reach of each point. The buttons
 * above open the dialogs that record movements; after each, the pages
 * reload and a point that went below par is announced once, as a desktop
 * notification (or a toast when no notification server runs).
 */
#define G_LOG_DOMAIN "tsg-inventory-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-count-dialog.h"
#include "tsg-domain.h"
#include "tsg-inventory-view.h"
#include "tsg-movement-dialog.h"
#include "tsg-notifier.h"
#include "tsg-point-history.h"
#include "tsg-reach-view.h"
#include "tsg-restock-list.h"
#include "tsg-inventory-dialogs.h"
#include "tsg-stock-grid.h"
#include "tsg-window.h"

struct _TsgInventoryView
{
  TsgListPanel     parent_instance;

  /* Owned widgets (children of the panel) */
  GtkStack        *stack;
  GtkLabel        *summary_label;
  TsgStockGrid    *grid;
  TsgPointHistory *history;
  TsgReachView    *reach;
  GtkWidget       *write_buttons;

  /* The reach table reloads when it is next shown. */
  gboolean         reach_stale;
};

G_DEFINE_FINAL_TYPE (TsgInventoryView, tsg_inventory_view, TSG_TYPE_LIST_PANEL)

static char *
format_kind (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_movement_kinds, tsg_row_get_value (row, column)));
}

/* --- loading ------------------------------------------------------------- */

static void
reload_matrix (TsgInventoryView *self)
{
  TsgStore *store = tsg_list_panel_get_store (TSG_LIST_PANEL (self));
  TsgActor *actor = tsg_list_panel_get_actor (TSG_LIST_PANEL (self));
  g_autoptr(GError) error = NULL;
  TsgStockMatrix *matrix = tsg_store_get_stock_matrix (store, actor, &error);
  g_autofree char *summary = NULL;
  guint below = 0;

  if (matrix == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      tsg_stock_grid_set_matrix (self->grid, NULL);
      return;
    }
  for (guint i = 0; i < matrix->points->len * matrix->items->len; i++)
    if (matrix->pars[i] >= 0 && matrix->balances[i] < matrix->pars[i])
      below++;
  if (below == 0)
    summary = g_strdup (_("Each cell shows the stock and the par level. Every point is at or above par."));
  else
    /* translators: above the stock matrix */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Each cell shows the stock and the par level. %u cell is below par (highlighted).",
                                            "Each cell shows the stock and the par level. %u cells are below par (highlighted).",
                                            below), below);
  gtk_label_set_text (self->summary_label, summary);
  tsg_stock_grid_set_matrix (self->grid, matrix);
}

static void
reload_reach (TsgInventoryView *self)
{
  tsg_reach_view_reload (self->reach, tsg_list_panel_get_store (TSG_LIST_PANEL (self)),
                         tsg_list_panel_get_actor (TSG_LIST_PANEL (self)));
  self->reach_stale = FALSE;
}

static void
reload_all (TsgInventoryView *self)
{
  reload_matrix (self);
  tsg_point_history_reload (self->history);
  tsg_list_panel_reload (TSG_LIST_PANEL (self));
  /* The reach table reads a year of the ledger: only when it shows. */
  self->reach_stale = TRUE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "reach") == 0)
    reload_reach (self);
}

static void
on_page_changed_cb (TsgInventoryView *self)
{
  if (self->reach_stale && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "reach") == 0)
    reload_reach (self);
}

/* --- alerts -------------------------------------------------------------- */

static void
announce (TsgStockAlert *alert)
{
  g_autofree char *id = g_strdup_printf ("stock-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                         alert->point_id, alert->item_id);
  g_autofree char *balance = g_strdup_printf ("%" G_GINT64_FORMAT, alert->balance);
  g_autofree char *par = g_strdup_printf ("%" G_GINT64_FORMAT, alert->par);
  /* translators: notification title: item, point */
  g_autofree char *title = g_strdup_printf (_("Below par: %s at %s"), alert->item_name, alert->point_name);
  /* translators: notification body: balance, par */
  g_autofree char *body = g_strdup_printf (_("%s left; the par level is %s. The restock list shows what to take there."),
                                           balance, par);

  tsg_notifier_notify (tsg_notifier_get_default (), id, title, body,
                       "win.show-panel", g_variant_new_string ("inventory"));
}

static void
on_recorded_cb (TsgInventoryView  *self,
                TsgMovementResult *result)
{
  reload_all (self);
  for (guint i = 0; result->alerts != NULL && i < result->alerts->len; i++)
    announce (g_ptr_array_index (result->alerts, i));
}

/* --- actions ------------------------------------------------------------- */

static gint64
current_point (TsgInventoryView *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") == 0)
    return tsg_point_history_get_point (self->history);
  return 0;
}

static gint64
current_item (TsgInventoryView *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") == 0)
    return tsg_point_history_get_item (self->history);
  return 0;
}

static GtkWindow *
parent_window (TsgInventoryView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgInventoryView *self = TSG_INVENTORY_VIEW (widget);
  TsgStore *store = tsg_list_panel_get_store (TSG_LIST_PANEL (self));
  TsgActor *actor = tsg_list_panel_get_actor (TSG_LIST_PANEL (self));
  const char *mode = g_variant_get_string (parameter, NULL);
  static const char *modes[] = { "receipt", "transfer", "distribution", "adjustment", "pack-kits" };
  GtkWidget *dialog;

  if (store == NULL)
    return;
  if (g_str_equal (mode, "count"))
    dialog = tsg_count_dialog_new (parent_window (self), store, actor, current_point (self));
  else
    {
      guint m = 0;
      while (m < G_N_ELEMENTS (modes) && !g_str_equal (modes[m], mode))
        m++;
      g_return_if_fail (m < G_N_ELEMENTS (modes));
      /* From a point's history, the dialog starts on that point and item. */
      dialog = tsg_movement_dialog_new (parent_window (self), store, actor, (TsgMovementDialogMode) m,
                                        current_point (self), current_item (self));
    }
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A point or an item saved: the matrix shows it at once. */
static void
on_inventory_saved_cb (gpointer user_data,
                       gint64   id)
{
  reload_all (TSG_INVENTORY_VIEW (user_data));
}

static void
edit_point (TsgInventoryView *self,
            gint64            point_id)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);

  if (tsg_list_panel_get_store (panel) == NULL ||
      !tsg_actor_may (tsg_list_panel_get_actor (panel), TSG_PERM_INVENTORY_WRITE))
    return;
  tsg_point_dialog_present (GTK_WIDGET (self), tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel),
                            point_id, on_inventory_saved_cb, g_object_ref (self), g_object_unref);
}

static void
new_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  edit_point (TSG_INVENTORY_VIEW (widget), 0);
}

static void
on_point_activated_cb (TsgInventoryView *self,
                       gint64            point_id)
{
  edit_point (self, point_id);
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsgListPanel *panel = TSG_LIST_PANEL (widget);

  if (tsg_list_panel_get_store (panel) == NULL)
    return;
  tsg_item_dialog_present (widget, tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel), 0,
                           on_inventory_saved_cb, g_object_ref (widget), g_object_unref);
}

typedef struct
{
  TsgStore *store;
  TsgActor *actor;
} Regen;

static void
regen_free (gpointer data)
{
  Regen *r = data;

  g_object_unref (r->store);
  tsg_actor_unref (r->actor);
  g_free (r);
}

static GBytes *
regenerate_restock_cb (gpointer   user_data,
                       GError   **error)
{
  Regen *r = user_data;

  return tsg_restock_list_render (r->store, r->actor, 0, 0, error);
}

static void
restock_list_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsgInventoryView *self = TSG_INVENTORY_VIEW (widget);
  TsgStore *store = tsg_list_panel_get_store (TSG_LIST_PANEL (self));
  TsgActor *actor = tsg_list_panel_get_actor (TSG_LIST_PANEL (self));
  GtkWindow *window = parent_window (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  TsgPreviewPanel *preview;
  Regen *regen;

  if (store == NULL || !TSG_IS_WINDOW (window))
    return;
  if (!(pdf = tsg_restock_list_render (store, actor, 0, 0, &error)))
    {
      tsg_window_show_toast (TSG_WINDOW (window), error->message);
      return;
    }
  /* translators: file name suggested when saving the restock list */
  preview = tsg_window_show_preview (TSG_WINDOW (window), "restock-list", _("Restock List"), pdf,
                                     _("restock-list.pdf"));
  if (preview == NULL)
    return;
  regen = g_new0 (Regen, 1);
  regen->store = g_object_ref (store);
  regen->actor = tsg_actor_ref (actor);
  tsg_preview_panel_set_regenerate (preview, regenerate_restock_cb, regen, regen_free);
}

typedef struct
{
  char     *db_path;
  TsgActor *actor;
  GFile    *file;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  tsg_actor_unref (job->actor);
  g_object_unref (job->file);
  g_free (job);
}

/* Ten years of movements take a few seconds to write: a worker thread does
 * it on a connection of its own (WAL lets the window go on meanwhile). */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) store = tsg_store_open (job->db_path, &error);
  g_autoptr(GFileOutputStream) stream = NULL;

  /* g_file_replace writes beside the target and renames on close: an
   * interrupted export never leaves half a file under the chosen name. */
  if (store != NULL)
    stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, &error);
  if (stream != NULL &&
      tsg_store_export_ledger_csv (store, job->actor, G_OUTPUT_STREAM (stream), cancellable, &error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (stream != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TsgInventoryView *self = TSG_INVENTORY_VIEW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWindow *window = parent_window (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_file_get_parse_name (job->file);
      /* translators: toast after the ledger CSV was written */
      message = g_strdup_printf (_("The ledger was saved to %s."), name);
    }
  else
    message = g_strdup (error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.export-csv", TRUE);
  if (TSG_IS_WINDOW (window))
    tsg_window_show_toast (TSG_WINDOW (window), message);
}

static void
on_export_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       TsgInventoryView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (tsg_store_get_path (tsg_list_panel_get_store (TSG_LIST_PANEL (self))));
  job->actor = tsg_actor_ref (tsg_list_panel_get_actor (TSG_LIST_PANEL (self)));
  job->file = g_steal_pointer (&file);
  task = g_task_new (self, NULL, on_export_done_cb, NULL);
  g_task_set_source_tag (task, on_export_response_cb);
  g_task_set_task_data (task, job, export_job_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.export-csv", FALSE);
  g_task_run_in_thread (task, export_thread);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsgInventoryView *self = TSG_INVENTORY_VIEW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Ledger"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* translators: file name suggested for the ledger CSV */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("stock-ledger.csv"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cell_activated_cb (TsgInventoryView *self,
                      gint64            point_id,
                      gint64            item_id)
{
  tsg_point_history_show (self->history, point_id, item_id);
  gtk_stack_set_visible_child_name (self->stack, "history");
}

/* --- building ------------------------------------------------------------ */

static GtkWidget *
action_button (const char *mnemonic,
               const char *action,
               const char *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

/* The buttons flow onto a second line when the dock's bottom edge is
 * narrow: a row of eight buttons must not set the window's minimum width. */
static GtkWidget *
build_actions (TsgInventoryView *self)
{
  /* a group of buttons, not a grid of items, for screen readers */
  GtkWidget *bar = g_object_new (GTK_TYPE_FLOW_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  const struct { const char *label; const char *action; const char *target; } buttons[] = {
    { N_("_Receipt…"), "inventory.record", "receipt" },
    { N_("_Transfer…"), "inventory.record", "transfer" },
    { N_("_Distribution…"), "inventory.record", "distribution" },
    { N_("_Adjustment…"), "inventory.record", "adjustment" },
    { N_("_Count…"), "inventory.record", "count" },
    { N_("_Pack Kits…"), "inventory.record", "pack-kits" },
    { N_("New Poi_nt…"), "inventory.new-point", NULL },
    { N_("New _Item…"), "inventory.new-item", NULL },
    { N_("Restock _List"), "inventory.restock-list", NULL },
    { N_("_Export CSV…"), "inventory.export-csv", NULL },
  };

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (bar), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (bar), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (bar), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (bar), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (bar), G_N_ELEMENTS (buttons));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = action_button (_(buttons[i].label), buttons[i].action, buttons[i].target);
      GtkWidget *child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                       "child", button, NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (bar), child);
      /* the flow box's children must not take the focus from the buttons */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  /* the recording buttons ("inventory.record") are the ones a role may lose */
  self->write_buttons = bar;
  return bar;
}

static void
on_only_below_toggled_cb (TsgInventoryView *self,
                          GtkCheckButton   *check)
{
  tsg_stock_grid_set_only_below (self->grid, gtk_check_button_get_active (check));
}

static GtkWidget *
build_stock_page (TsgInventoryView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *only_below = gtk_check_button_new_with_mnemonic (_("Only points _below par"));

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->summary_label));
  /* In a short dock panel the points that need stock come first to view. */
  g_signal_connect_object (only_below, "toggled", G_CALLBACK (on_only_below_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), only_below);
  gtk_box_append (GTK_BOX (box), header);
  self->grid = TSG_STOCK_GRID (tsg_stock_grid_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  g_signal_connect_object (self->grid, "cell-activated", G_CALLBACK (on_cell_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid, "point-activated", G_CALLBACK (on_point_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));
  return box;
}

/* The list panel's template made its own content (search, count, ledger
 * list); it becomes the "Ledger" page of a stack. */
static void
restructure (TsgInventoryView *self)
{
  g_autoptr(GtkWidget) ledger = g_object_ref (panel_widget_get_child (PANEL_WIDGET (self)));
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *switcher = gtk_stack_switcher_new ();

  panel_widget_set_child (PANEL_WIDGET (self), NULL);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_titled (self->stack, build_stock_page (self), "stock", _("Stock"));
  self->history = TSG_POINT_HISTORY (tsg_point_history_new ());
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->history), "history", _("Point History"));
  gtk_stack_add_titled (self->stack, ledger, "ledger", _("Ledger"));
  self->reach = TSG_REACH_VIEW (tsg_reach_view_new ());
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->reach), "reach", _("Reach"));
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->stack);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inventory pages"), -1);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (outer), build_actions (self));
  gtk_box_append (GTK_BOX (outer), switcher);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  /* The dock adds up its panels' minimum sizes into the window's: only the
   * visible page counts, and a narrow bottom edge scrolls sideways instead
   * of pushing the window wider than a laptop's screen. */
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), outer);
    panel_widget_set_child (PANEL_WIDGET (self), scroller);
  }
}

static void
load_on_first_map (TsgInventoryView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);

  g_signal_handlers_disconnect_by_func (self, load_on_first_map, NULL);
  tsg_point_history_set_store (self->history, tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel));
  reload_matrix (self);
}

static void
tsg_inventory_view_setup (TsgListPanel *panel)
{
  TsgInventoryView *self = TSG_INVENTORY_VIEW (panel);
  TsgActor *actor = tsg_list_panel_get_actor (panel);
  gboolean may_write = tsg_actor_may (actor, TSG_PERM_INVENTORY_WRITE);

  tsg_list_panel_add_column (panel, _("Date and Time"), TSG_MOVEMENT_COL_OCCURRED_AT, tsg_cell_datetime, FALSE, 150);
  tsg_list_panel_add_column (panel, _("Movement"), TSG_MOVEMENT_COL_KIND, format_kind, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Item"), TSG_MOVEMENT_COL_ITEM, NULL, FALSE, 150);
  tsg_list_panel_add_column (panel, _("From"), TSG_MOVEMENT_COL_FROM, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("To"), TSG_MOVEMENT_COL_TO, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Quantity"), TSG_MOVEMENT_COL_QUANTITY, NULL, FALSE, 80);
  tsg_list_panel_add_column (panel, _("Note"), TSG_MOVEMENT_COL_NOTE, NULL, FALSE, 150);

  /* The store checks the role again; this only hides what would fail. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.record", may_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.new-point", may_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.new-item", may_write);
  for (GtkWidget *child = gtk_widget_get_first_child (self->write_buttons); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (button));

      if (g_strcmp0 (action, "inventory.record") == 0 || g_strcmp0 (action, "inventory.new-point") == 0 ||
          g_strcmp0 (action, "inventory.new-item") == 0)
        gtk_widget_set_visible (child, may_write);
    }
  tsg_stock_grid_set_points_editable (self->grid, may_write);
  self->reach_stale = TRUE;
  /* The matrix makes a button per point and item: built when the panel is
   * first shown, so the window's first frame does not wait for a tab behind. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_on_first_map (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (load_on_first_map), NULL);
}

static void
tsg_inventory_view_class_init (TsgInventoryViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  panel_class->kind = TSG_LIST_MOVEMENTS;
  panel_class->setup = tsg_inventory_view_setup;

  gtk_widget_class_install_action (widget_class, "inventory.record", "s", record_action);
  gtk_widget_class_install_action (widget_class, "inventory.restock-list", NULL, restock_list_action);
  gtk_widget_class_install_action (widget_class, "inventory.new-point", NULL, new_point_action);
  gtk_widget_class_install_action (widget_class, "inventory.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "inventory.export-csv", NULL, export_csv_action);
}

static void
tsg_inventory_view_init (TsgInventoryView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "inventory");
  panel_widget_set_title (PANEL_WIDGET (self), _("Inventory"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "package-x-generic-symbolic");
  restructure (self);
}

GtkWidget *
tsg_inventory_view_new (void)
{
  return g_object_new (TSG_TYPE_INVENTORY_VIEW, NULL);
}

/* tsg-directory-view.c: the referral directory of partner agencies
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list of services (search, category and municipality filters, all in
 * SQL) above the detail of the selected one. Import and export of the
 * directory as Open Referral HSDS 3.1 are in the panel's menu.
 */
#define G_LOG_DOMAIN "tsg-directory-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-directory-view.h"
#include "tsg-domain.h"
#include "tsg-enum-dropdown.h"
#include "tsg-hsds.h"
#include "tsg-referral-dialog.h"
#include "tsg-service-detail.h"
#include "tsg-window.h"

struct _TsgDirectoryView
{
  TsgListPanel          parent_instance;

  GtkWidget            *category_dropdown;
  GtkDropDown          *municipality_dropdown;
  GtkStringList        *municipalities;
  TsgServiceDetail     *detail;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TsgDirectoryView, tsg_directory_view, TSG_TYPE_LIST_PANEL)

static char *
format_category (TsgRow *row, guint column)
{
  return g_strdup (_(tsg_enum_label (tsg_org_categories, tsg_row_get_value (row, column))));
}

static void
tell (TsgDirectoryView *self,
      const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TSG_IS_WINDOW (root))
    tsg_window_show_toast (TSG_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* --- filters ---------------------------------------------------------- */

static void
apply_filters (TsgDirectoryView *self)
{
  g_autoptr(TsgListQuery) query = tsg_list_panel_dup_query (TSG_LIST_PANEL (self));
  guint selected = gtk_drop_down_get_selected (self->municipality_dropdown);

  g_free (query->category);
  query->category = g_strdup (tsg_enum_dropdown_get_id (GTK_DROP_DOWN (self->category_dropdown)));
  g_clear_pointer (&query->municipality, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    query->municipality = g_strdup (gtk_string_list_get_string (self->municipalities, selected));
  tsg_list_panel_set_query (TSG_LIST_PANEL (self), query);
}

static void
load_municipalities (TsgDirectoryView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_auto(GStrv) cities = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));

  cities = tsg_store_directory_municipalities (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel),
                                               &error);
  if (cities == NULL)
    {
      g_warning ("Failed to list municipalities: %s", error->message);
      return;
    }
  gtk_string_list_splice (self->municipalities, 1, n - 1, (const char * const *) cities);
}

static void
on_filter_changed_cb (TsgDirectoryView *self)
{
  apply_filters (self);
}

/* --- the detail ------------------------------------------------------- */

static void
on_selection_changed_cb (TsgDirectoryView *self)
{
  TsgRow *row = tsg_list_panel_get_selected (TSG_LIST_PANEL (self));

  tsg_service_detail_set_service (self->detail, row ? tsg_row_get_id (row) : 0);
}

static void
open_referral (TsgDirectoryView *self,
               gint64            service_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!TSG_IS_WINDOW (root))
    return;
  gtk_window_present (GTK_WINDOW (tsg_referral_dialog_new (TSG_WINDOW (root), 0, 0, service_id)));
}

static void
on_refer_cb (TsgDirectoryView *self,
             gint64            service_id)
{
  open_referral (self, service_id);
}

static void
tsg_directory_view_activated (TsgListPanel *panel,
                              TsgRow       *row)
{
  open_referral (TSG_DIRECTORY_VIEW (panel), tsg_row_get_id (row));
}

/* --- import and export (HSDS) ----------------------------------------- */

static void
show_skipped (TsgDirectoryView *self,
              const char       *summary,
              GPtrArray        *skipped)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (summary);
  GtkWidget *dialog;

  g_string_append (body, "\n\n");
  g_string_append (body, _("Not kept:"));
  for (guint i = 0; i < skipped->len && i < 30; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (skipped, i));
  if (skipped->len > 30)
    /* translators: after the first 30 lines of a list */
    g_string_append_printf (body, _("\n… and %u more"), skipped->len - 30);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Directory Imported"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (TsgDirectoryView *self,
             GFile            *file)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TsgDirectoryCounts counts = { 0 };

  if (!tsg_hsds_import_file (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel), path, &counts,
                             skipped, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Nothing Was Imported"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* translators: the file name, then the counts of an HSDS import */
  summary = g_strdup_printf (_("Imported from %s: organizations %u, services %u, locations %u."),
                             name, counts.organizations, counts.services, counts.locations);
  load_municipalities (self);
  tsg_list_panel_reload (panel);
  if (skipped->len > 0)
    show_skipped (self, summary, skipped);
  else
    tell (self, summary);
}

static void
export_file (TsgDirectoryView *self,
             GFile            *file)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!tsg_hsds_export_file (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel), path, &error))
    {
      tell (self, error->message);
      return;
    }
  /* translators: %s is a file path */
  message = g_strdup_printf (_("Directory exported to %s (confidential locations left out)"), path);
  tell (self, message);
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        TsgDirectoryView *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (saving)
        export_file (self, file);
      else
        import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (TsgDirectoryView     *self,
             GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (saving ? _("Export the Directory (HSDS)") : _("Import a Directory (HSDS)"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                               saving ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Open Referral HSDS (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "directory.hsds.json");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (TSG_DIRECTORY_VIEW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (TSG_DIRECTORY_VIEW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* --- setup ------------------------------------------------------------ */

static void
add_filters (TsgDirectoryView *self)
{
  GtkBox *toolbar = tsg_list_panel_get_toolbar (TSG_LIST_PANEL (self));
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  const char *any_city[] = { _("All municipalities"), NULL };

  self->category_dropdown = tsg_enum_dropdown_new (tsg_org_categories, _("All categories"));
  gtk_widget_set_tooltip_text (self->category_dropdown, _("Category"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->category_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Category"), -1);
  g_signal_connect_object (self->category_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->municipalities = gtk_string_list_new (any_city);
  self->municipality_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->municipalities)), NULL));
  gtk_drop_down_set_enable_search (self->municipality_dropdown, TRUE);
  gtk_drop_down_set_expression (self->municipality_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->municipality_dropdown), _("Municipality"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->municipality_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Municipality"), -1);
  g_signal_connect_object (self->municipality_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_menu_append (menu, _("_Import HSDS Directory…"), "directory.import");
  g_menu_append (menu, _("_Export HSDS Directory…"), "directory.export");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Directory Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Directory menu"), -1);

  /* after the search entry, before the count */
  gtk_box_insert_child_after (toolbar, self->category_dropdown, tsg_list_panel_get_search_entry (TSG_LIST_PANEL (self)));
  gtk_box_insert_child_after (toolbar, GTK_WIDGET (self->municipality_dropdown), self->category_dropdown);
  gtk_box_append (toolbar, menu_button);
}

/* The list above, the selected service below. */
static void
add_detail (TsgDirectoryView *self)
{
  g_autoptr(GtkWidget) list = g_object_ref (panel_widget_get_child (PANEL_WIDGET (self)));
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  TsgListPanel *panel = TSG_LIST_PANEL (self);

  self->detail = TSG_SERVICE_DETAIL (tsg_service_detail_new ());
  tsg_service_detail_set_store (self->detail, tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel));
  g_signal_connect_object (self->detail, "refer", G_CALLBACK (on_refer_cb), self, G_CONNECT_SWAPPED);
  panel_widget_set_child (PANEL_WIDGET (self), NULL);
  gtk_paned_set_start_child (GTK_PANED (paned), list);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->detail));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  gtk_widget_set_size_request (list, -1, 160);
  gtk_widget_set_size_request (GTK_WIDGET (self->detail), -1, 200);
  panel_widget_set_child (PANEL_WIDGET (self), paned);
  g_signal_connect_object (gtk_column_view_get_model (tsg_list_panel_get_column_view (panel)), "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
tsg_directory_view_setup (TsgListPanel *panel)
{
  TsgDirectoryView *self = TSG_DIRECTORY_VIEW (panel);
  TsgActor *actor = tsg_list_panel_get_actor (panel);

  tsg_list_panel_add_column (panel, _("Organization"), TSG_SERVICE_COL_ORGANIZATION, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Service"), TSG_SERVICE_COL_NAME, NULL, TRUE, -1);
  tsg_list_panel_add_column (panel, _("Category"), TSG_SERVICE_COL_CATEGORY, format_category, FALSE, 60);
  tsg_list_panel_add_column (panel, _("City"), TSG_SERVICE_COL_CITY, NULL, FALSE, 96);
  tsg_list_panel_add_column (panel, _("Phone"), TSG_SERVICE_COL_PHONE, NULL, FALSE, 104);
  add_filters (self);
  add_detail (self);
  load_municipalities (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.import",
                                 tsg_actor_may (actor, TSG_PERM_DIRECTORY_WRITE));
}

static void
tsg_directory_view_dispose (GObject *object)
{
  TsgDirectoryView *self = TSG_DIRECTORY_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->municipalities);
  G_OBJECT_CLASS (tsg_directory_view_parent_class)->dispose (object);
}

static void
tsg_directory_view_class_init (TsgDirectoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  object_class->dispose = tsg_directory_view_dispose;
  panel_class->kind = TSG_LIST_SERVICES;
  panel_class->setup = tsg_directory_view_setup;
  panel_class->activated = tsg_directory_view_activated;

  gtk_widget_class_install_action (widget_class, "directory.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "directory.export", NULL, export_action);
}

static void
tsg_directory_view_init (TsgDirectoryView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "directory");
  panel_widget_set_title (PANEL_WIDGET (self), _("Directory"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "x-office-address-book-symbolic");
}

GtkWidget *
tsg_directory_view_new (void)
{
  return g_object_new (TSG_TYPE_DIRECTORY_VIEW, NULL);
}

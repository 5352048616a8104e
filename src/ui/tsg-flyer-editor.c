/* tsg-flyer-editor.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change regenerates the document (a flyer takes a few tens of
 * milliseconds) and the preview panel in the main window shows it. What does
 * not fit is listed here in words, next to the choices that cause it.
 */
#define G_LOG_DOMAIN "tsg-flyer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-domain.h"
#include "tsg-flyer-editor.h"
#include "tsg-store-flyers.h"

#define PREVIEW_ID "flyer"

struct _TsgFlyerEditor
{
  PanelWidget      parent_instance;

  /* Template widgets */
  AdwComboRow     *template_row;
  AdwComboRow     *point_row;
  GtkSpinButton   *copies_spin;
  GtkSwitch       *english_switch;
  GtkLabel        *problems_label;
  GtkListBox      *services_list;

  /* Borrowed: the main window owns the dock the editor sits in */
  TsgWindow       *window;

  /* Owned references */
  GPtrArray       *points;      /* TsgRow: id, [code, name] */
  GPtrArray       *services;    /* TsgRow: id, [category, organization, service] */
  GPtrArray       *checks;      /* GtkCheckButton per service, same order */
  char            *print_code;  /* of the run just recorded, printed on the next render */
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (TsgFlyerEditor, tsg_flyer_editor, PANEL_TYPE_WIDGET)

static gint64
selected_point (TsgFlyerEditor *self)
{
  guint i = adw_combo_row_get_selected (self->point_row);

  /* item 0 is "no point: a sample" */
  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > self->points->len)
    return 0;
  return tsg_row_get_id (g_ptr_array_index (self->points, i - 1));
}

static TsgFlyerSpec *
build_spec (TsgFlyerEditor  *self,
            GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TsgFlyerTemplate template = (TsgFlyerTemplate) adw_combo_row_get_selected (self->template_row);
  TsgFlyerSpec *spec;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        gint64 id = tsg_row_get_id (g_ptr_array_index (self->services, i));
        g_array_append_val (ids, id);
      }
  /* The store treats "no ids" as "the default set": a flyer with nothing
   * ticked must say so instead. */
  if (template == TSG_FLYER_A4 && ids->len == 0)
    {
      spec = tsg_flyer_spec_new (template);
      spec->line_url = tsg_store_get_setting (tsg_window_get_store (self->window), "line_url");
      spec->office_name = g_strdup ("");
      return spec;
    }
  spec = tsg_store_flyer_spec (tsg_window_get_store (self->window), tsg_window_get_actor (self->window),
                               template, (const gint64 *) ids->data, ids->len, selected_point (self), error);
  if (spec != NULL)
    {
      spec->english = gtk_switch_get_active (self->english_switch);
      spec->print_code = g_strdup (self->print_code);
    }
  return spec;
}

static void
show_problems (TsgFlyerEditor *self,
               GPtrArray      *problems,
               const char     *error_message)
{
  g_autoptr(GString) text = g_string_new (error_message);

  for (guint i = 0; problems && i < problems->len; i++)
    g_string_append_printf (text, "%s• %s", text->len ? "\n" : "", (char *) g_ptr_array_index (problems, i));
  gtk_label_set_label (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
}

/* Called by the preview panel to rebuild the document. */
static GBytes *
regenerate_cb (gpointer   user_data,
               GError   **error)
{
  TsgFlyerEditor *self = user_data;
  g_autoptr(TsgFlyerSpec) spec = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  GBytes *pdf = NULL;
  gint64 started = g_get_monotonic_time ();

  spec = build_spec (self, &local_error);
  if (spec != NULL)
    pdf = tsg_flyer_render (spec, problems, &local_error);
  show_problems (self, problems, local_error ? local_error->message : NULL);
  g_debug ("flyer regenerated in %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return pdf;
}

static gboolean
refresh_cb (gpointer user_data)
{
  TsgFlyerEditor *self = user_data;
  TsgPreviewPanel *preview;

  self->refresh_id = 0;
  preview = tsg_window_show_preview (self->window, PREVIEW_ID, _("Flyer Preview"), NULL, NULL);
  if (preview == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = regenerate_cb (self, &error);

      if (pdf == NULL)
        return G_SOURCE_REMOVE;
      preview = tsg_window_show_preview (self->window, PREVIEW_ID, _("Flyer Preview"), pdf, "flyer.pdf");
    }
  tsg_preview_panel_set_regenerate (preview, regenerate_cb, g_object_ref (self), g_object_unref);
  tsg_preview_panel_refresh (preview);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (ticking several services): refresh once. */
static void
queue_refresh (TsgFlyerEditor *self)
{
  /* A change after a run was recorded makes a different document: it needs
   * a run of its own. */
  g_clear_pointer (&self->print_code, g_free);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (120, refresh_cb, self);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TsgFlyerEditor  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      pdf = regenerate_cb (self, &error);
      if (pdf == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL,
                                    FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        tsg_window_show_toast (self->window, error->message);
    }
  g_object_unref (dialog);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgFlyerEditor *self = TSG_FLYER_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL, *filename = NULL;
  TsgFlyerTemplate template = (TsgFlyerTemplate) adw_combo_row_get_selected (self->template_row);
  gint64 point = selected_point (self);
  GtkFileChooserNative *chooser;
  char *code;

  if (point == 0)
    {
      show_problems (self, NULL, _("Choose the distribution point this print run is for."));
      gtk_widget_grab_focus (GTK_WIDGET (self->point_row));
      return;
    }
  code = tsg_store_create_print_run (tsg_window_get_store (self->window), tsg_window_get_actor (self->window),
                                     point, template, (guint) gtk_spin_button_get_value_as_int (self->copies_spin),
                                     &error);
  if (code == NULL)
    {
      show_problems (self, NULL, error->message);
      return;
    }
  /* The run's code goes on the paper: regenerate with it now. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_free (self->print_code);
  self->print_code = code;
  refresh_cb (self);
  message = g_strdup_printf (_("Print run %s recorded."), code);
  tsg_window_show_toast (self->window, message);

  chooser = gtk_file_chooser_native_new (_("Save the Print-out"), GTK_WINDOW (self->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filename = g_strdup_printf ("%s-%s.pdf", tsg_flyer_template_to_id (template), code);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), filename);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
category_label (TsgRow *row)
{
  return g_strdup (tsg_enum_label (tsg_org_categories, tsg_row_get_value (row, 0)));
}

static void
fill_choices (TsgFlyerEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  TsgStore *store = tsg_window_get_store (self->window);
  TsgActor *actor = tsg_window_get_actor (self->window);
  g_autofree char *last_category = NULL;
  guint in_category = 0;

  self->points = tsg_store_list_flyer_points (store, actor, &error);
  if (self->points == NULL)
    self->points = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_string_list_append (names, _("None (a sample, no print run)"));
  for (guint i = 0; i < self->points->len; i++)
    {
      TsgRow *row = g_ptr_array_index (self->points, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", tsg_row_get_value (row, 1), tsg_row_get_value (row, 0));
      gtk_string_list_append (names, label);
    }
  adw_combo_row_set_model (self->point_row, G_LIST_MODEL (names));

  self->services = tsg_store_list_flyer_services (store, actor, NULL);
  if (self->services == NULL)
    self->services = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->services->len; i++)
    {
      TsgRow *row = g_ptr_array_index (self->services, i);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *category = category_label (row);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", category, tsg_row_get_value (row, 1));

      /* Start with one help window per need, as the command line does. */
      if (g_strcmp0 (last_category, tsg_row_get_value (row, 0)) != 0)
        {
          g_free (last_category);
          last_category = g_strdup (tsg_row_get_value (row, 0));
          in_category = 0;
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), in_category++ == 0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), tsg_row_get_value (row, 2));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tsg_row_get_value (row, 2), -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (queue_refresh), self);
      g_ptr_array_add (self->checks, check);
      gtk_list_box_append (self->services_list, action_row);
    }
}

static void
tsg_flyer_editor_dispose (GObject *object)
{
  TsgFlyerEditor *self = TSG_FLYER_EDITOR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_FLYER_EDITOR);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->print_code, g_free);
  G_OBJECT_CLASS (tsg_flyer_editor_parent_class)->dispose (object);
}

static void
tsg_flyer_editor_class_init (TsgFlyerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_flyer_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-flyer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, template_row);
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, point_row);
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, english_switch);
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TsgFlyerEditor, services_list);

  gtk_widget_class_install_action (widget_class, "editor.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.record", NULL);
}

static void
tsg_flyer_editor_init (TsgFlyerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  panel_widget_set_id (PANEL_WIDGET (self), "flyers");
  self->checks = g_ptr_array_new ();
  /* Screen readers and the end-to-end tests find a panel by its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  panel_widget_get_title (PANEL_WIDGET (self)), -1);
}

GtkWidget *
tsg_flyer_editor_new (TsgWindow *window)
{
  TsgFlyerEditor *self = g_object_new (TSG_TYPE_FLYER_EDITOR, NULL);

  self->window = window;
  fill_choices (self);
  g_signal_connect_swapped (self->template_row, "notify::selected", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (self->point_row, "notify::selected", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (self->english_switch, "notify::active", G_CALLBACK (queue_refresh), self);
  queue_refresh (self);
  return GTK_WIDGET (self);
}

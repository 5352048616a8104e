/* tsg-window.c: the main window, a libpanel dock of the office's views
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <libpanel.h>

#include "tsg-bench.h"
#include "tsg-first-frame.h"
#include "tsg-call-log-view.h"
#include "tsg-domain.h"
#include "tsg-case-actions.h"
#include "tsg-cases-view.h"
#include "tsg-directory-view.h"
#include "tsg-letter-editor.h"
#include "tsg-referral-dialog.h"
#include "tsg-flyer-editor.h"
#include "tsg-inventory-view.h"
#include "tsg-notifier.h"
#include "tsg-reports-view.h"
#include "tsg-window.h"

#define N_PANELS 5

struct _TsgWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar    *header_bar;
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  PanelDock       *dock;
  PanelGrid       *grid;
  PanelPaned      *start_paned;
  PanelPaned      *end_paned;
  PanelPaned      *bottom_paned;

  /* Owned references: the panels stay alive while closed, to be shown again */
  TsgStore        *store;
  TsgActor        *actor;
  GSettings       *settings;
  PanelWidget     *panels[N_PANELS];
  GtkWidget       *flyer_editor;
  GHashTable      *previews;   /* id -> TsgPreviewPanel (weak: a closed preview goes away) */
};

G_DEFINE_FINAL_TYPE (TsgWindow, tsg_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_STORE, PROP_ACTOR, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *id;
  PanelArea   area;
} default_layout[N_PANELS] = {
  { "call-log", PANEL_AREA_CENTER },
  { "cases", PANEL_AREA_END },
  { "directory", PANEL_AREA_START },
  /* a tab beside the call log: a bottom edge would take the call log's rows */
  { "inventory", PANEL_AREA_CENTER },
  { "reports", PANEL_AREA_CENTER },
};

static int
panel_index (const char *id)
{
  for (guint i = 0; i < N_PANELS; i++)
    if (g_strcmp0 (default_layout[i].id, id) == 0)
      return (int) i;
  return -1;
}

static PanelFrame *
edge_frame (TsgWindow *self,
            PanelArea  area,
            guint      index)
{
  PanelPaned *paned = area == PANEL_AREA_START ? self->start_paned
                    : area == PANEL_AREA_END ? self->end_paned
                    : self->bottom_paned;
  GtkWidget *frame;

  while (panel_paned_get_n_children (paned) <= index)
    {
      frame = panel_frame_new ();
      if (area == PANEL_AREA_BOTTOM)
        gtk_orientable_set_orientation (GTK_ORIENTABLE (frame), GTK_ORIENTATION_HORIZONTAL);
      panel_paned_append (paned, frame);
    }
  return PANEL_FRAME (panel_paned_get_nth_child (paned, index));
}

static gboolean
edge_has_panels (PanelPaned *paned)
{
  for (guint i = 0; i < panel_paned_get_n_children (paned); i++)
    {
      GtkWidget *child = panel_paned_get_nth_child (paned, i);
      if (PANEL_IS_FRAME (child) && panel_frame_get_n_pages (PANEL_FRAME (child)) > 0)
        return TRUE;
    }
  return FALSE;
}

/* Puts @panel where @position says; an unknown or empty position means the
 * panel's default area. */
static void
place_panel (TsgWindow     *self,
             PanelWidget   *panel,
             PanelPosition *position)
{
  PanelArea area = panel_position_get_area (position);

  if (gtk_widget_get_parent (GTK_WIDGET (panel)) != NULL)
    return;
  if (area == PANEL_AREA_CENTER)
    {
      guint col = panel_position_get_column (position);
      guint row = panel_position_get_row (position);
      PanelGridColumn *column = panel_grid_get_column (self->grid, MIN (col, 3));
      PanelFrame *frame = panel_grid_column_get_row (column, MIN (row, 3));

      panel_frame_add (frame, panel);
    }
  else if (area == PANEL_AREA_START || area == PANEL_AREA_END || area == PANEL_AREA_BOTTOM)
    {
      guint index = area == PANEL_AREA_BOTTOM ? panel_position_get_column (position)
                                              : panel_position_get_row (position);
      panel_frame_add (edge_frame (self, area, MIN (index, 3)), panel);
      panel_dock_set_reveal_area (self->dock, area, TRUE);
    }
  else
    panel_grid_add (self->grid, panel);
}

static void
place_default (TsgWindow *self,
               guint      i)
{
  g_autoptr(PanelPosition) position = panel_position_new ();

  panel_position_set_area (position, default_layout[i].area);
  place_panel (self, self->panels[i], position);
}

static void
restore_layout (TsgWindow *self)
{
  g_autoptr(GVariant) layout = g_settings_get_value (self->settings, "layout");
  gboolean any = g_variant_n_children (layout) > 0;

  for (guint i = 0; i < N_PANELS; i++)
    {
      g_autoptr(GVariant) saved = NULL;

      if (!any)
        {
          place_default (self, i);
          continue;
        }
      saved = g_variant_lookup_value (layout, default_layout[i].id, G_VARIANT_TYPE_VARDICT);
      if (saved != NULL)
        {
          g_autoptr(PanelPosition) position = panel_position_new_from_variant (saved);
          if (position != NULL)
            place_panel (self, self->panels[i], position);
          else
            place_default (self, i);
        }
      /* absent from a saved layout: the person hid it */
    }
  /* An edge with no panel stays closed: revealed, it would be an empty band. */
  panel_dock_set_reveal_start (self->dock, g_settings_get_boolean (self->settings, "reveal-start") &&
                                           edge_has_panels (self->start_paned));
  panel_dock_set_reveal_end (self->dock, g_settings_get_boolean (self->settings, "reveal-end") &&
                                         edge_has_panels (self->end_paned));
  panel_dock_set_reveal_bottom (self->dock, g_settings_get_boolean (self->settings, "reveal-bottom") &&
                                            edge_has_panels (self->bottom_paned));
  /* The call log is what the front desk needs first. */
  if (!any)
    panel_widget_raise (self->panels[0]);
}

void
tsg_window_save_layout (TsgWindow *self)
{
  GVariantBuilder builder;

  g_return_if_fail (TSG_IS_WINDOW (self));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < N_PANELS; i++)
    {
      PanelPosition *position;

      if (gtk_widget_get_parent (GTK_WIDGET (self->panels[i])) == NULL)
        continue;
      position = panel_widget_get_position (self->panels[i]);
      if (position != NULL)
        {
          g_variant_builder_add (&builder, "{sv}", default_layout[i].id,
                                 panel_position_to_variant (position));
          g_object_unref (position);
        }
    }
  g_settings_set_value (self->settings, "layout", g_variant_builder_end (&builder));
  g_settings_set_boolean (self->settings, "reveal-start", panel_dock_get_reveal_start (self->dock));
  g_settings_set_boolean (self->settings, "reveal-end", panel_dock_get_reveal_end (self->dock));
  g_settings_set_boolean (self->settings, "reveal-bottom", panel_dock_get_reveal_bottom (self->dock));
}

static void
show_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsgWindow *self = TSG_WINDOW (widget);
  int i = panel_index (g_variant_get_string (parameter, NULL));

  if (i < 0)
    return;
  if (gtk_widget_get_parent (GTK_WIDGET (self->panels[i])) == NULL)
    place_default (self, (guint) i);
  /* A panel at a hidden edge of the dock shows that edge again. */
  {
    g_autoptr(PanelPosition) position = panel_widget_get_position (self->panels[i]);
    PanelArea area = position ? panel_position_get_area (position) : PANEL_AREA_CENTER;

    if (area == PANEL_AREA_START || area == PANEL_AREA_END || area == PANEL_AREA_BOTTOM)
      panel_dock_set_reveal_area (self->dock, area, TRUE);
  }
  panel_widget_raise (self->panels[i]);
  panel_widget_focus_default (self->panels[i]);
  if (TSG_IS_LIST_PANEL (self->panels[i]))
    gtk_widget_grab_focus (tsg_list_panel_get_search_entry (TSG_LIST_PANEL (self->panels[i])));
}

/* win.refer (case id, contact id, service id; 0 = choose in the dialog):
 * any view can start a referral without knowing the dialog. */
static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gint64 case_id, contact_id, service_id;

  g_variant_get (parameter, "(xxx)", &case_id, &contact_id, &service_id);
  gtk_window_present (GTK_WINDOW (tsg_referral_dialog_new (TSG_WINDOW (widget), case_id, contact_id, service_id)));
}

/* win.referral-letter (referral id): the letter's editor and preview. */
static void
referral_letter_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tsg_letter_editor_open (TSG_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
reset_layout_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsgWindow *self = TSG_WINDOW (widget);

  for (guint i = 0; i < N_PANELS; i++)
    {
      GtkWidget *frame = gtk_widget_get_ancestor (GTK_WIDGET (self->panels[i]), PANEL_TYPE_FRAME);
      if (frame != NULL)
        panel_frame_remove (PANEL_FRAME (frame), self->panels[i]);
    }
  for (guint i = 0; i < N_PANELS; i++)
    place_default (self, i);
  panel_dock_set_reveal_start (self->dock, TRUE);
  panel_dock_set_reveal_end (self->dock, TRUE);
  panel_dock_set_reveal_bottom (self->dock, edge_has_panels (self->bottom_paned));
}

/* The call log's entry form, from anywhere in the window (Ctrl+N). */
static TsgCallLogView *
raise_call_log (TsgWindow *self)
{
  int i = panel_index ("call-log");

  if (gtk_widget_get_parent (GTK_WIDGET (self->panels[i])) == NULL)
    place_default (self, (guint) i);
  panel_widget_raise (self->panels[i]);
  return TSG_CALL_LOG_VIEW (self->panels[i]);
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tsg_call_log_view_new_contact (raise_call_log (TSG_WINDOW (widget)));
}

/* A call-back notification opens its contact. */
static void
open_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tsg_call_log_view_open_contact (raise_call_log (TSG_WINDOW (widget)), g_variant_get_int64 (parameter));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgWindow *self = TSG_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *panel = focus ? gtk_widget_get_ancestor (focus, TSG_TYPE_LIST_PANEL) : NULL;

  if (panel == NULL)
    panel = GTK_WIDGET (self->panels[0]);
  gtk_widget_grab_focus (tsg_list_panel_get_search_entry (TSG_LIST_PANEL (panel)));
}

/* The flyer editor is a panel of its own at the right, beside the preview
 * it drives; it is made on demand and not part of the saved layout. */
static void
flyers_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgWindow *self = TSG_WINDOW (widget);

  if (self->flyer_editor == NULL || gtk_widget_get_parent (self->flyer_editor) == NULL)
    {
      g_clear_object (&self->flyer_editor);
      self->flyer_editor = g_object_ref_sink (tsg_flyer_editor_new (self));
      panel_frame_add (edge_frame (self, PANEL_AREA_END, 0), PANEL_WIDGET (self->flyer_editor));
      panel_dock_set_reveal_end (self->dock, TRUE);
      /* room for the choices beside the preview */
      panel_dock_set_end_width (self->dock, 460);
    }
  panel_widget_raise (PANEL_WIDGET (self->flyer_editor));
  panel_widget_focus_default (PANEL_WIDGET (self->flyer_editor));
}

static gboolean
tsg_window_close_request (GtkWindow *window)
{
  TsgWindow *self = TSG_WINDOW (window);
  int width, height;

  tsg_window_save_layout (self);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (tsg_window_parent_class)->close_request (window);
}

static void
update_title (TsgWindow *self)
{
  g_autofree char *base = g_path_get_basename (tsg_store_get_path (self->store));
  /* Who is signed in shows at all times: the next person at the desk sees
   * whose records are open. */
  g_autofree char *who = g_strdup_printf ("%s (%s)", tsg_actor_get_name (self->actor),
                                          tsg_enum_label (tsg_roles, tsg_role_to_id (tsg_actor_get_role (self->actor))));

  if (tsg_store_is_demo (self->store))
    {
      g_autofree char *subtitle = NULL;

      /* The demo is marked in the title and the subtitle, so nobody takes
       * its synthetic records for real women. */
      gtk_window_set_title (GTK_WINDOW (self), _("Tsunagari Desk — Demo"));
      adw_window_title_set_title (self->window_title, _("Tsunagari Desk — Demo"));
      /* translators: the demo's subtitle, then the staff member signed in */
      subtitle = g_strdup_printf (_("Demo database: synthetic records, not real people · %s"), who);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_widget_add_css_class (GTK_WIDGET (self), "demo");
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", who, base);

      gtk_window_set_title (GTK_WINDOW (self), _("Tsunagari Desk"));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
}

/* No notification server answered: show the notification as a toast. */
static void
on_notifier_fallback_cb (TsgWindow  *self,
                         const char *title,
                         const char *body)
{
  g_autofree char *text = NULL;

  if (body == NULL || *body == '\0')
    text = g_strdup (title);
  else
    /* translators: a notification shown inside the window: title, then body */
    text = g_strdup_printf (_("%s: %s"), title, body);
  tsg_window_show_toast (self, text);
}

/* What is due today is counted (and written down as told) once the window
 * is on screen: its first frame does not wait for it. */
static void
start_after_first_frame (GtkWidget *widget)
{
  _tsg_case_actions_start (TSG_WINDOW (widget));
}

static void
on_map_cb (TsgWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, NULL);
  tsg_bench_mark ("window-map", G_OBJECT (self));
}

/* A panel the signed-in role may not read says so, and who keeps it. */
static void
show_refusal (TsgWindow *self,
              guint      i)
{
  static const struct { const char *title, *description; } refusals[] = {
    { N_("The Call Log Is for Front-Desk Staff and Counsellors"),
      N_("Calls are logged and read by front-desk staff, counsellors and administrators.") },
    { N_("Cases Are for Counsellors"),
      N_("Case records are kept by counsellors and administrators. A call linked to a case is opened by them.") },
    { N_("The Directory Cannot Be Shown"),
      N_("Your role may not read the referral directory.") },
    { N_("Stock Is for Coordinators"),
      N_("Stock at the distribution points is kept by coordinators and administrators.") },
  };

  if (i < G_N_ELEMENTS (refusals))
    tsg_list_panel_show_message (TSG_LIST_PANEL (self->panels[i]), _(refusals[i].title),
                                 _(refusals[i].description));
}

static void
tsg_window_constructed (GObject *object)
{
  TsgWindow *self = TSG_WINDOW (object);
  int width, height;

  G_OBJECT_CLASS (tsg_window_parent_class)->constructed (object);

  self->panels[0] = g_object_ref_sink (PANEL_WIDGET (tsg_call_log_view_new ()));
  self->panels[1] = g_object_ref_sink (PANEL_WIDGET (tsg_cases_view_new ()));
  self->panels[2] = g_object_ref_sink (PANEL_WIDGET (tsg_directory_view_new ()));
  self->panels[3] = g_object_ref_sink (PANEL_WIDGET (tsg_inventory_view_new ()));
  self->panels[4] = g_object_ref_sink (PANEL_WIDGET (tsg_reports_view_new ()));
  for (guint i = 0; i < N_PANELS; i++)
    {
      static const TsgPermission needs[] = {
        TSG_PERM_CONTACTS_READ, TSG_PERM_CASES_READ, TSG_PERM_DIRECTORY_READ, TSG_PERM_INVENTORY_READ,
        TSG_PERM_REPORTS,
      };
      /* The reports panel says itself why a role cannot see it. */
      if (TSG_IS_REPORTS_VIEW (self->panels[i]))
        tsg_reports_view_set_store (TSG_REPORTS_VIEW (self->panels[i]), self->store, self->actor);
      else if (tsg_actor_may (self->actor, needs[i]))
        tsg_list_panel_set_store (TSG_LIST_PANEL (self->panels[i]), self->store, self->actor);
      else
        show_refusal (self, i);
    }
  restore_layout (self);
  update_title (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  tsg_after_first_frame (GTK_WIDGET (self), start_after_first_frame);
  g_signal_connect_object (tsg_notifier_get_default (), "fallback",
                           G_CALLBACK (on_notifier_fallback_cb), self, G_CONNECT_SWAPPED);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  tsg_bench_mark ("window-constructed", G_OBJECT (self));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
on_preview_finalized_cb (gpointer  data,
                         GObject  *where_the_object_was)
{
  TsgWindow *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->previews);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      g_hash_table_iter_remove (&iter);
}

static void
forget_previews (TsgWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->previews == NULL)
    return;
  g_hash_table_iter_init (&iter, self->previews);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_preview_finalized_cb, self);
  g_clear_pointer (&self->previews, g_hash_table_unref);
}

static void
tsg_window_dispose (GObject *object)
{
  TsgWindow *self = TSG_WINDOW (object);

  tsg_first_frame_cancel (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_WINDOW);
  for (guint i = 0; i < N_PANELS; i++)
    g_clear_object (&self->panels[i]);
  g_clear_object (&self->flyer_editor);
  forget_previews (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_window_parent_class)->dispose (object);
}

static void
tsg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TsgWindow *self = TSG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      self->actor = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_window_class_init (TsgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tsg_window_constructed;
  object_class->dispose = tsg_window_dispose;
  object_class->set_property = tsg_window_set_property;
  window_class->close_request = tsg_window_close_request;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TSG_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] = g_param_spec_boxed ("actor", NULL, NULL, TSG_TYPE_ACTOR,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, dock);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, start_paned);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, end_paned);
  gtk_widget_class_bind_template_child (widget_class, TsgWindow, bottom_paned);

  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  gtk_widget_class_install_action (widget_class, "win.reset-layout", NULL, reset_layout_action);
  gtk_widget_class_install_action (widget_class, "win.refer", "(xxx)", refer_action);
  gtk_widget_class_install_action (widget_class, "win.referral-letter", "x", referral_letter_action);
  gtk_widget_class_install_action (widget_class, "win.flyers", NULL, flyers_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  _tsg_case_actions_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "win.open-contact", "x", open_contact_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-panel", "s", "call-log");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-panel", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-panel", "s", "directory");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-panel", "s", "inventory");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-panel", "s", "reports");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);

  g_type_ensure (PANEL_TYPE_DOCK);
  g_type_ensure (PANEL_TYPE_GRID);
  g_type_ensure (PANEL_TYPE_PANED);
  g_type_ensure (PANEL_TYPE_TOGGLE_BUTTON);
}

static void
tsg_window_init (TsgWindow *self)
{
  /* TSG_BENCH=1: the start-up benchmark times the window from here */
  tsg_bench_mark ("window-init", G_OBJECT (self));
  self->settings = g_settings_new (APP_ID);
  self->previews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TsgWindow *
tsg_window_new (AdwApplication *application,
                TsgStore       *store,
                TsgActor       *actor)
{
  return g_object_new (TSG_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "actor", actor,
                       NULL);
}

TsgStore *
tsg_window_get_store (TsgWindow *self)
{
  g_return_val_if_fail (TSG_IS_WINDOW (self), NULL);
  return self->store;
}

TsgActor *
tsg_window_get_actor (TsgWindow *self)
{
  g_return_val_if_fail (TSG_IS_WINDOW (self), NULL);
  return self->actor;
}

void
tsg_window_show_toast (TsgWindow  *self,
                       const char *message)
{
  g_return_if_fail (TSG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

GtkWidget *
tsg_window_get_panel (TsgWindow  *self,
                      const char *id)
{
  int i = panel_index (id);

  g_return_val_if_fail (TSG_IS_WINDOW (self), NULL);
  return i < 0 ? NULL : GTK_WIDGET (self->panels[i]);
}

void
tsg_window_present_panel (TsgWindow   *self,
                          PanelWidget *panel)
{
  g_return_if_fail (TSG_IS_WINDOW (self));
  g_return_if_fail (PANEL_IS_WIDGET (panel));

  if (gtk_widget_get_parent (GTK_WIDGET (panel)) == NULL)
    panel_grid_add (self->grid, panel);
  panel_widget_raise (panel);
}

TsgPreviewPanel *
tsg_window_show_preview (TsgWindow  *self,
                         const char *id,
                         const char *title,
                         GBytes     *pdf,
                         const char *suggested_filename)
{
  TsgPreviewPanel *panel;

  g_return_val_if_fail (TSG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  panel = g_hash_table_lookup (self->previews, id);
  if (panel == NULL)
    {
      g_autofree char *panel_id = g_strconcat ("preview:", id, NULL);

      panel = TSG_PREVIEW_PANEL (tsg_preview_panel_new (title));
      panel_widget_set_id (PANEL_WIDGET (panel), panel_id);
      g_hash_table_insert (self->previews, g_strdup (id), panel);
      g_object_weak_ref (G_OBJECT (panel), on_preview_finalized_cb, self);
    }
  else if (title != NULL)
    panel_widget_set_title (PANEL_WIDGET (panel), title);
  if (gtk_widget_get_parent (GTK_WIDGET (panel)) == NULL)
    panel_grid_add (self->grid, PANEL_WIDGET (panel));
  if (pdf != NULL)
    tsg_preview_panel_set_pdf (panel, pdf, suggested_filename);
  panel_widget_raise (PANEL_WIDGET (panel));
  return panel;
}

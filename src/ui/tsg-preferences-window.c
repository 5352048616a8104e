/* tsg-preferences-window.c: office details (in the database) and desk
 * preferences (GSettings)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-backup-page.h"
#include "tsg-preferences-window.h"

struct _TsgPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *office_group;
  GtkSpinButton       *idle_spin;
  GtkSwitch           *era_switch;

  /* Owned references */
  TsgStore            *store;
  TsgActor            *actor;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (TsgPreferencesWindow, tsg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The office settings shown as rows: key in office_settings, and label. */
static const struct { const char *key; const char *label; } office_fields[] = {
  { "office_name", N_("Office name") },
  { "office_address", N_("Office address") },
  { "office_phone", N_("Office phone") },
  { "free_dial", N_("Free-dial number") },
  { "line_id", N_("LINE ID") },
  { "line_url", N_("LINE friend-add URL") },
  { "office_hours", N_("Opening hours") },
  { "person_in_charge", N_("Person in charge") },
};

static void
on_row_apply_cb (AdwEntryRow          *row,
                 TsgPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *key = g_object_get_data (G_OBJECT (row), "tsg-key");

  if (!tsg_store_set_setting (self->store, self->actor, key,
                              gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
}

static void
add_office_rows (TsgPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (office_fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *value = tsg_store_get_setting (self->store, office_fields[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(office_fields[i].label));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(office_fields[i].label), -1);
      g_object_set_data (G_OBJECT (row), "tsg-key", (gpointer) office_fields[i].key);
      g_signal_connect (row, "apply", G_CALLBACK (on_row_apply_cb), self);
      gtk_widget_set_sensitive (row, tsg_actor_may (self->actor, TSG_PERM_SETTINGS));
      adw_preferences_group_add (self->office_group, row);
    }
}

static void
tsg_preferences_window_dispose (GObject *object)
{
  TsgPreferencesWindow *self = TSG_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_preferences_window_parent_class)->dispose (object);
}

static void
tsg_preferences_window_class_init (TsgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgPreferencesWindow, office_group);
  gtk_widget_class_bind_template_child (widget_class, TsgPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgPreferencesWindow, era_switch);
}

static void
tsg_preferences_window_init (TsgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "era-dates", self->era_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
tsg_preferences_window_new (TsgStore *store,
                            TsgActor *actor)
{
  TsgPreferencesWindow *self = g_object_new (TSG_TYPE_PREFERENCES_WINDOW, NULL);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  add_office_rows (self);
  /* Backups and retention: administrators only (the store checks too). */
  if (tsg_actor_may (actor, TSG_PERM_SETTINGS))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (tsg_backup_page_new (store, actor)));
  return GTK_WIDGET (self);
}

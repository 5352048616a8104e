/* tsg-training-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-training-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-format.h"
#include "tsg-training-dialog.h"

struct _TsgTrainingDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkLabel            *error_label;
  AdwEntryRow         *date_row;
  AdwEntryRow         *theme_row;
  AdwComboRow         *mode_row;
  GtkListBox          *groups_list;
  AdwPreferencesGroup *survey_group;

  /* Owned references */
  TsgStore            *store;
  TsgActor            *actor;
  gint64               training_id;   /* 0: a new session */
  GtkSpinButton       *survey[TSG_N_SURVEY_ANSWERS];
  AdwActionRow        *rate_row;
};

G_DEFINE_FINAL_TYPE (TsgTrainingDialog, tsg_training_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Affiliations most offices train (GLOSSARY: 人材育成研修). */
static const char *default_affiliations[] = {
  N_("Municipal staff"), N_("Consultation agencies"), N_("NPOs and private groups"),
};

static GtkWidget *
count_spin (void)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static void
on_remove_group_clicked_cb (GtkButton         *button,
                            TsgTrainingDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->groups_list, row);
}

/* A row: the affiliation, the number of participants, a remove button. */
static GtkWidget *
add_group_row (TsgTrainingDialog *self,
               const char        *affiliation,
               int                count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *spin = count_spin ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), affiliation ? affiliation : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Affiliation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Affiliation"), -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Participants"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this affiliation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this affiliation"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_group_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "tsg-entry", entry);
  g_object_set_data (G_OBJECT (row), "tsg-spin", spin);
  gtk_list_box_append (self->groups_list, row);
  return entry;
}

static void
update_rate (TsgTrainingDialog *self)
{
  int answers[TSG_N_SURVEY_ANSWERS], all = 0;
  g_autofree char *text = NULL;

  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    all += answers[k] = gtk_spin_button_get_value_as_int (self->survey[k]);
  text = all > 0 ? g_strdup_printf ("%.1f%%", 100.0 * (answers[0] + answers[1]) / all) : g_strdup ("—");
  adw_action_row_set_subtitle (self->rate_row, text);
}

static void
on_survey_changed_cb (GtkSpinButton     *spin,
                      TsgTrainingDialog *self)
{
  update_rate (self);
}

static void
build_survey_rows (TsgTrainingDialog *self)
{
  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = count_spin ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tsg_survey_answer_label (k));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tsg_survey_answer_label (k), -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_survey_changed_cb), self, 0);
      self->survey[k] = GTK_SPIN_BUTTON (spin);
      adw_preferences_group_add (self->survey_group, row);
    }
  self->rate_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rate_row),
                                 _("Usefulness rate (very good and good, of all answers)"));
  adw_preferences_group_add (self->survey_group, GTK_WIDGET (self->rate_row));
  update_rate (self);
}

static TsgTraining *
read_form (TsgTrainingDialog *self)
{
  TsgTraining *t = tsg_training_new ();
  guint mode = adw_combo_row_get_selected (self->mode_row);

  t->id = self->training_id;
  t->held_on = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  t->theme = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->theme_row)));
  g_free (t->mode);
  t->mode = g_strdup (mode < tsg_enum_count (tsg_training_modes) ? tsg_training_modes[mode].id : "in_person");
  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    t->survey[k] = gtk_spin_button_get_value_as_int (self->survey[k]);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (row), "tsg-entry");
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "tsg-spin");
      g_autofree char *name = NULL;

      if (entry == NULL)
        continue;
      gtk_spin_button_update (spin);
      name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
      /* an empty line with nobody in it is just an unused line */
      if (*name == '\0' && gtk_spin_button_get_value_as_int (spin) == 0)
        continue;
      tsg_training_add_group (t, name, gtk_spin_button_get_value_as_int (spin));
    }
  return t;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsgTrainingDialog *self = TSG_TRAINING_DIALOG (widget);
  g_autoptr(TsgTraining) t = NULL;
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    gtk_spin_button_update (self->survey[k]);
  t = read_form (self);
  if (tsg_store_save_training (self->store, self->actor, t, &error) == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TsgTrainingDialog *self = TSG_TRAINING_DIALOG (widget);

  gtk_widget_grab_focus (add_group_row (self, "", 0));
}

static void
tsg_training_dialog_dispose (GObject *object)
{
  TsgTrainingDialog *self = TSG_TRAINING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_TRAINING_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_training_dialog_parent_class)->dispose (object);
}

static void
tsg_training_dialog_class_init (TsgTrainingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_training_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-training-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, groups_list);
  gtk_widget_class_bind_template_child (widget_class, TsgTrainingDialog, survey_group);

  gtk_widget_class_install_action (widget_class, "training.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "training.add-group", NULL, add_group_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "training.save", NULL);
}

static void
tsg_training_dialog_init (TsgTrainingDialog *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; tsg_training_modes[i].id != NULL; i++)
    gtk_string_list_append (modes, tsg_enum_label (tsg_training_modes, tsg_training_modes[i].id));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  build_survey_rows (self);
}

TsgTrainingDialog *
tsg_training_dialog_new (GtkWindow         *parent,
                         TsgStore          *store,
                         TsgActor          *actor,
                         const TsgTraining *training,
                         int                fiscal_year)
{
  TsgTrainingDialog *self = g_object_new (TSG_TYPE_TRAINING_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  if (training != NULL)
    {
      int mode = tsg_enum_index (tsg_training_modes, training->mode);

      self->training_id = training->id;
      adw_window_title_set_title (self->window_title, _("Edit Training"));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), training->held_on);
      gtk_editable_set_text (GTK_EDITABLE (self->theme_row), training->theme);
      adw_combo_row_set_selected (self->mode_row, mode >= 0 ? (guint) mode : 0);
      for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
        gtk_spin_button_set_value (self->survey[k], training->survey[k]);
      for (guint i = 0; i < training->groups->len; i++)
        {
          const TsgTrainingGroup *g = &g_array_index (training->groups, TsgTrainingGroup, i);
          add_group_row (self, g->affiliation, g->count);
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = NULL;

      /* Today when it falls in the year being looked at, else that year's
       * April 1st: the date is the first thing checked before saving. */
      if (tsg_fiscal_year_of (g_date_time_to_unix (now)) == fiscal_year)
        today = g_date_time_format (now, "%Y-%m-%d");
      else
        today = g_strdup_printf ("%04d-04-01", fiscal_year);
      adw_window_title_set_title (self->window_title, _("New Training"));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      for (guint i = 0; i < G_N_ELEMENTS (default_affiliations); i++)
        add_group_row (self, _(default_affiliations[i]), 0);
    }
  update_rate (self);
  return self;
}

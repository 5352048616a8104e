/* tsg-reports-view.c: the Reports panel
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is computed on a second connection in a worker thread
 * (tsg_store_kpi_report_async); the panel only lays out what comes back.
 * Publication mode is applied here, on the main thread, to the report
 * already computed: switching it costs no query.
 */
#define G_LOG_DOMAIN "tsg-reports-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tsg-format.h"
#include "tsg-kpi-chart.h"
#include "tsg-reports-view.h"
#include "tsg-training-dialog.h"
#include "tsg-window.h"

struct _TsgReportsView
{
  PanelWidget     parent_instance;

  /* Template widgets */
  GtkDropDown    *year_dropdown;
  GtkSwitch      *publication_switch;
  GtkStack       *stack;
  GtkLabel       *publication_note;
  GtkFlowBox     *cards;
  GtkDrawingArea *chart;
  GtkBox         *tables;
  GtkGrid        *targets_grid;
  GtkGrid        *trainings_grid;
  AdwStatusPage  *message_page;

  /* Owned references */
  TsgStore       *store;
  TsgActor       *actor;
  GCancellable   *cancellable;     /* the report being computed */
  TsgKpiReport   *report;          /* as computed */
  TsgKpiReport   *shown;           /* report, or its publication copy */
  GArray         *years;           /* int, newest first: the dropdown's items */
  GPtrArray      *trainings;       /* TsgTraining of the year */
};

G_DEFINE_FINAL_TYPE (TsgReportsView, tsg_reports_view, PANEL_TYPE_WIDGET)

static void reload (TsgReportsView *self);

/* --- small widgets ----------------------------------------------------- */

static GtkWidget *
cell_label (const char *text,
            gboolean    numeric,
            gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

/* Row 0 the header, row 1 a rule, then the body. */
static GtkWidget *
grid_widget (const TsgKpiGrid *grid,
             const char       *title)
{
  GtkWidget *table = gtk_grid_new ();

  /* Tables keep their natural width, as on paper: a label and its figure
   * stay close enough for the eye to follow. */
  gtk_widget_set_halign (table, GTK_ALIGN_START);
  gtk_grid_set_column_spacing (GTK_GRID (table), 24);
  gtk_grid_set_row_spacing (GTK_GRID (table), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint r = 0; r < grid->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (grid->rows, r);
      gboolean bold = r == 0 || (grid->total_row && r == grid->rows->len - 1);

      for (guint c = 0; c < grid->n_columns; c++)
        {
          GtkWidget *label = cell_label (cells[c], grid->numeric[c], bold);

          if (c == 0)
            gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
          gtk_grid_attach (GTK_GRID (table), label, (int) c, r == 0 ? 0 : (int) r + 1, 1, 1);
        }
    }
  gtk_grid_attach (GTK_GRID (table), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, (int) grid->n_columns, 1);
  return table;
}

static void
add_section (TsgReportsView   *self,
             const char       *title,
             const TsgKpiGrid *grid)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (box), heading);
  if (grid->rows->len <= 1)
    {
      GtkWidget *none = gtk_label_new (_("None in this fiscal year."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }
  else
    gtk_box_append (GTK_BOX (box), grid_widget (grid, title));
  gtk_box_append (self->tables, box);
}

/* --- cards, chart, tables ---------------------------------------------- */

static void
add_card (TsgReportsView *self,
          const char     *label,
          char           *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *figure = gtk_label_new (value);
  g_autofree char *spoken = g_strdup_printf ("%s: %s", label, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (caption, 8);
  gtk_widget_set_margin_start (caption, 10);
  gtk_widget_set_margin_end (caption, 10);
  gtk_widget_set_margin_start (figure, 10);
  gtk_widget_set_margin_bottom (figure, 8);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (figure), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (figure, "title-2");
  gtk_widget_add_css_class (figure, "numeric");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), figure);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_flow_box_append (self->cards, box);
  g_free (value);
}

static void
fill_cards (TsgReportsView *self)
{
  TsgKpiReport *r = self->shown;
  double ratio;
  gboolean shown;

  clear_box (GTK_WIDGET (self->cards));
  add_card (self, _("Contacts"), tsg_kpi_cell_format (&r->total_contacts));
  add_card (self, _("Clients (unique)"), tsg_kpi_cell_format (&r->unique_clients));
  shown = tsg_kpi_ratio (&r->first_contacts, &r->total_contacts, &ratio);
  add_card (self, _("First-contact ratio"), tsg_kpi_format_ratio (shown, ratio));
  add_card (self, _("Anonymous contacts"), tsg_kpi_cell_format (&r->anonymous_contacts));
  add_card (self, _("Accompaniments"), tsg_kpi_cell_format (&r->accompaniments));
  add_card (self, _("Outreach visits"), tsg_kpi_cell_format (&r->outreach));
  add_card (self, _("Referrals"), tsg_kpi_cell_format (&r->referrals));
  add_card (self, _("Other calls (not consultations)"), tsg_kpi_cell_format (&r->non_data_contacts));
}

static void
color_from_rgba (TsgChartColor *color,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  color->rgba[0] = rgba->red;
  color->rgba[1] = rgba->green;
  color->rgba[2] = rgba->blue;
  color->rgba[3] = rgba->alpha * alpha;
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  TsgReportsView *self = user_data;
  TsgChartStyle style;
  GdkRGBA fg;
  PangoFontDescription *font;
  const char *family;
  g_autofree char *family_copy = NULL;

  if (self->shown == NULL)
    return;
  tsg_kpi_chart_style_init_print (&style);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color_from_rgba (&style.foreground, &fg, 0.85);
  color_from_rgba (&style.grid, &fg, 0.15);
  /* Lighter series on a dark theme would vanish: keep the print colours,
   * which read on both, but let the last series follow the text colour. */
  color_from_rgba (&style.series[2], &fg, 0.6);
  font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (area)));
  family = font ? pango_font_description_get_family (font) : NULL;
  family_copy = g_strdup (family ? family : "Sans");
  style.font_family = family_copy;
  style.font_size = 12;
  tsg_kpi_chart_draw (cr, self->shown, &style, 0, 0, width, height);
}

static void
fill_tables (TsgReportsView *self)
{
  TsgKpiReport *r = self->shown;
  g_autoptr(TsgKpiGrid) summary = tsg_kpi_report_summary_grid (r);

  clear_box (GTK_WIDGET (self->tables));
  add_section (self, _("Summary"), summary);
  for (guint i = 0; i < tsg_kpi_report_get_n_tables (r); i++)
    {
      TsgKpiTable *table = tsg_kpi_report_get_table (r, i);
      g_autoptr(TsgKpiGrid) grid = tsg_kpi_table_to_grid (table);

      add_section (self, table->title, grid);
    }
}

/* --- targets ----------------------------------------------------------- */

static char *
format_target (TsgKpi kpi,
               double value)
{
  if (isnan (value))
    return g_strdup ("");
  if (tsg_kpi_is_ratio (kpi))
    return g_strdup_printf ("%g", round (value * 1000.0) / 10.0);
  return g_strdup_printf ("%.0f", value);
}

static void
on_target_activate_cb (GtkEntry       *entry,
                       TsgReportsView *self)
{
  TsgKpi kpi = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "tsg-kpi"));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  double value = NAN;
  char *end = NULL;

  if (*text != '\0')
    {
      if (g_str_has_suffix (text, "%"))
        text[strlen (text) - 1] = '\0';
      value = g_ascii_strtod (text, &end);
      if (end == text || *g_strstrip (end) != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("The target for “%s” must be a number (“%s” is not)."),
                                                      tsg_kpi_label (kpi), gtk_editable_get_text (GTK_EDITABLE (entry)));
          if (TSG_IS_WINDOW (root))
            tsg_window_show_toast (TSG_WINDOW (root), message);
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          return;
        }
      if (tsg_kpi_is_ratio (kpi))
        value /= 100.0;
    }
  if (!tsg_store_set_target (self->store, self->actor, self->report->fiscal_year, kpi, value, &error))
    {
      if (TSG_IS_WINDOW (root))
        tsg_window_show_toast (TSG_WINDOW (root), error->message);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  reload (self);
}

static void
fill_targets (TsgReportsView *self)
{
  TsgKpiReport *r = self->shown;
  const char *heads[] = { _("Indicator"), _("Target"), _("Actual"), _("Achievement") };

  clear_box (GTK_WIDGET (self->targets_grid));
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->targets_grid, cell_label (heads[c], c > 0, TRUE), (int) c, 0, 1, 1);
  for (guint k = 0; k < TSG_N_KPIS; k++)
    {
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *target = format_target (k, r->targets[k]);
      g_autofree char *name = g_strdup_printf (_("Target for %s"), tsg_kpi_label (k));
      g_autofree char *actual_text = NULL;
      g_autofree char *achievement = NULL;
      double actual;
      gboolean shown = tsg_kpi_report_get_actual (r, k, &actual);
      TsgKpiCell cell = { shown ? (gint64) llround (actual) : 0, TSG_CELL_SHOWN };

      if (!shown)
        actual_text = g_strdup ("—");
      else if (tsg_kpi_is_ratio (k))
        actual_text = tsg_kpi_format_ratio (TRUE, actual);
      else
        actual_text = tsg_kpi_cell_format (&cell);
      gtk_editable_set_text (GTK_EDITABLE (entry), target);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0f);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), tsg_kpi_is_ratio (k) ? "%" : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (entry), "tsg-kpi", GUINT_TO_POINTER (k));
      g_signal_connect_object (entry, "activate", G_CALLBACK (on_target_activate_cb), self, 0);

      gtk_grid_attach (self->targets_grid, cell_label (tsg_kpi_label (k), FALSE, FALSE), 0, (int) k + 1, 1, 1);
      gtk_grid_attach (self->targets_grid, entry, 1, (int) k + 1, 1, 1);
      gtk_grid_attach (self->targets_grid, cell_label (actual_text, TRUE, FALSE), 2, (int) k + 1, 1, 1);
      achievement = tsg_kpi_format_ratio (shown && !isnan (r->targets[k]) && r->targets[k] > 0,
                                          actual / r->targets[k]);
      gtk_grid_attach (self->targets_grid, cell_label (achievement, TRUE, FALSE), 3, (int) k + 1, 1, 1);
    }
}

/* --- trainings --------------------------------------------------------- */

static void
on_training_saved_cb (TsgTrainingDialog *dialog,
                      TsgReportsView    *self)
{
  reload (self);
}

static void
open_training_dialog (TsgReportsView    *self,
                      const TsgTraining *training)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TsgTrainingDialog *dialog;

  dialog = tsg_training_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->actor,
                                    training, tsg_reports_view_get_fiscal_year (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_training_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const TsgTraining *
find_training (TsgReportsView *self,
               gint64          id)
{
  for (guint i = 0; self->trainings != NULL && i < self->trainings->len; i++)
    {
      const TsgTraining *t = g_ptr_array_index (self->trainings, i);
      if (t->id == id)
        return t;
    }
  return NULL;
}

static void
fill_trainings (TsgReportsView *self)
{
  const char *heads[] = { _("Date"), _("Theme"), _("Format"), _("Participants"), _("Usefulness rate") };
  g_autoptr(GError) error = NULL;

  clear_box (GTK_WIDGET (self->trainings_grid));
  g_clear_pointer (&self->trainings, g_ptr_array_unref);
  self->trainings = tsg_store_list_trainings (self->store, self->actor, tsg_reports_view_get_fiscal_year (self), &error);
  if (self->trainings == NULL)
    {
      gtk_grid_attach (self->trainings_grid, cell_label (error->message, FALSE, FALSE), 0, 0, 1, 1);
      return;
    }
  if (self->trainings->len == 0)
    {
      GtkWidget *none = cell_label (_("No training recorded in this fiscal year."), FALSE, FALSE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (self->trainings_grid, none, 0, 0, 1, 1);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->trainings_grid, cell_label (heads[c], c >= 3, TRUE), (int) c, 0, 1, 1);
  for (guint i = 0; i < self->trainings->len; i++)
    {
      const TsgTraining *t = g_ptr_array_index (self->trainings, i);
      g_autofree char *date = tsg_format_iso_date (t->held_on);
      g_autofree char *participants = g_strdup_printf ("%d", tsg_training_get_participants (t));
      g_autofree char *rate_text = NULL;
      g_autofree char *edit_name = g_strdup_printf (_("Edit the training of %s"), date);
      g_autofree char *delete_name = g_strdup_printf (_("Delete the training of %s"), date);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      double rate;
      gboolean has_rate = tsg_training_get_usefulness_rate (t, &rate);
      int row = (int) i + 1;

      rate_text = tsg_kpi_format_ratio (has_rate, rate);
      gtk_grid_attach (self->trainings_grid, cell_label (date, FALSE, FALSE), 0, row, 1, 1);
      gtk_grid_attach (self->trainings_grid, cell_label (t->theme, FALSE, FALSE), 1, row, 1, 1);
      gtk_grid_attach (self->trainings_grid, cell_label (tsg_enum_label (tsg_training_modes, t->mode), FALSE, FALSE), 2, row, 1, 1);
      gtk_grid_attach (self->trainings_grid, cell_label (participants, TRUE, FALSE), 3, row, 1, 1);
      gtk_grid_attach (self->trainings_grid, cell_label (rate_text, TRUE, FALSE), 4, row, 1, 1);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (edit, edit_name);
      gtk_widget_set_tooltip_text (remove, delete_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "reports.edit-training");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "x", t->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "reports.delete-training");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", t->id);
      gtk_grid_attach (self->trainings_grid, edit, 5, row, 1, 1);
      gtk_grid_attach (self->trainings_grid, remove, 6, row, 1, 1);
    }
}

static void
add_training_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_training_dialog (TSG_REPORTS_VIEW (widget), NULL);
}

static void
edit_training_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (widget);
  const TsgTraining *t = find_training (self, g_variant_get_int64 (parameter));

  if (t != NULL)
    open_training_dialog (self, t);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TsgReportsView   *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tsg-training-id"));
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!tsg_store_delete_training (self->store, self->actor, id, &error))
    {
      if (TSG_IS_WINDOW (root))
        tsg_window_show_toast (TSG_WINDOW (root), error->message);
      return;
    }
  reload (self);
}

static void
delete_training_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (widget);
  const TsgTraining *t = find_training (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *date = NULL;
  GtkWidget *dialog;

  if (t == NULL)
    return;
  date = tsg_format_iso_date (t->held_on);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete this training?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("“%s” of %s and its survey answers will be removed."),
                                  t->theme, date);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tsg-training-id", GSIZE_TO_POINTER ((gsize) t->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- showing a report -------------------------------------------------- */

static void
show_report (TsgReportsView *self)
{
  g_autofree char *description = NULL;

  if (self->report == NULL)
    return;
  g_clear_pointer (&self->shown, tsg_kpi_report_unref);
  self->shown = gtk_switch_get_active (self->publication_switch)
              ? tsg_kpi_report_for_publication (self->report)
              : tsg_kpi_report_ref (self->report);
  gtk_widget_set_visible (GTK_WIDGET (self->publication_note), self->shown->publication);
  fill_cards (self);
  description = tsg_kpi_chart_describe (self->shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart), description);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
  fill_tables (self);
  fill_targets (self);
  fill_trainings (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.pdf", TRUE);
}

static void
show_message (TsgReportsView *self,
              const char     *title,
              const char     *description)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.pdf", FALSE);
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TsgReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  TsgKpiReport *report = tsg_store_kpi_report_finish (TSG_STORE (source), result, &error);

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("The Report Cannot Be Made"), error->message);
      return;
    }
  g_clear_pointer (&self->report, tsg_kpi_report_unref);
  self->report = report;
  show_report (self);
}

static void
reload (TsgReportsView *self)
{
  int fiscal_year = tsg_reports_view_get_fiscal_year (self);

  if (self->store == NULL || fiscal_year == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Keep the old figures on screen while the new ones come: no flicker. */
  if (self->report == NULL || self->report->fiscal_year != fiscal_year)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  tsg_store_kpi_report_async (self->store, self->actor, fiscal_year, self->cancellable,
                              report_ready_cb, g_object_ref (self));
}

static void
on_year_selected_cb (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     TsgReportsView *self)
{
  reload (self);
}

static void
on_publication_changed_cb (GtkSwitch      *sw,
                           GParamSpec     *pspec,
                           TsgReportsView *self)
{
  show_report (self);
}

/* --- export ------------------------------------------------------------ */

static char *
suggested_name (TsgReportsView *self,
                const char     *extension)
{
  return g_strdup_printf ("kpi-report-%d%s.%s", self->shown->fiscal_year,
                          self->shown->publication ? "-publication" : "", extension);
}

static GBytes *
render_text (TsgKpiReport *report,
             const char   *format)
{
  if (g_str_equal (format, "csv"))
    return tsg_kpi_report_to_csv (report);
  {
    g_autoptr(JsonNode) root = tsg_kpi_report_to_json (report);
    g_autoptr(JsonGenerator) gen = json_generator_new ();
    gsize len;
    char *text;

    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    text = json_generator_to_data (gen, &len);
    return g_bytes_new_take (text, len);
  }
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TsgReportsView  *self)
{
  const char *format = g_object_get_data (G_OBJECT (chooser), "tsg-format");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->shown != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      bytes = render_text (self->shown, format);
      if (tsg_store_log_report_export (self->store, self->actor, self->shown->fiscal_year, format,
                                       self->shown->publication, &error) &&
          g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        message = g_strdup_printf (_("Saved %s"), name);
      else
        message = g_strdup_printf (_("%s could not be saved: %s"), name, error->message);
      if (TSG_IS_WINDOW (root))
        tsg_window_show_toast (TSG_WINDOW (root), message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->shown == NULL)
    return;
  name = suggested_name (self, format);
  chooser = gtk_file_chooser_native_new (g_str_equal (format, "csv") ? _("Save the Report as CSV")
                                                                     : _("Save the Report as JSON"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "tsg-format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  TsgKpiReport *report;
  char         *office;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  tsg_kpi_report_unref (job->report);
  g_free (job->office);
  g_free (job);
}

/* Pango keeps a font map per thread, so the PDF can be laid out here. */
static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GBytes *pdf = tsg_kpi_report_to_pdf (job->report, job->office, &error);

  if (pdf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}

static void
pdf_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (source);
  PdfJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = g_task_propagate_pointer (G_TASK (result), &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *label = tsg_format_fiscal_year (job->report->fiscal_year);
  g_autofree char *title = g_strdup_printf (_("KPI report %s"), label);
  g_autofree char *name = g_strdup_printf ("kpi-report-%d%s.pdf", job->report->fiscal_year,
                                           job->report->publication ? "-publication" : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.pdf", TRUE);
  if (!TSG_IS_WINDOW (root))
    return;
  if (pdf == NULL)
    {
      tsg_window_show_toast (TSG_WINDOW (root), error->message);
      return;
    }
  tsg_window_show_preview (TSG_WINDOW (root), "kpi-report", title, pdf, name);
}

static void
pdf_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PdfJob *job;

  if (self->shown == NULL)
    return;
  /* The PDF can leave the office from the preview: it is recorded now. */
  if (!tsg_store_log_report_export (self->store, self->actor, self->shown->fiscal_year, "pdf",
                                    self->shown->publication, &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      if (TSG_IS_WINDOW (root))
        tsg_window_show_toast (TSG_WINDOW (root), error->message);
      return;
    }
  job = g_new0 (PdfJob, 1);
  job->report = tsg_kpi_report_ref (self->shown);
  job->office = tsg_store_get_setting (self->store, "office_name");
  gtk_widget_action_set_enabled (widget, "reports.pdf", FALSE);
  task = g_task_new (self, NULL, pdf_ready_cb, NULL);
  g_task_set_source_tag (task, pdf_action);
  g_task_set_task_data (task, job, (GDestroyNotify) pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

/* --- the object -------------------------------------------------------- */

static void
tsg_reports_view_dispose (GObject *object)
{
  TsgReportsView *self = TSG_REPORTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_REPORTS_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->report, tsg_kpi_report_unref);
  g_clear_pointer (&self->shown, tsg_kpi_report_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->trainings, g_ptr_array_unref);
  G_OBJECT_CLASS (tsg_reports_view_parent_class)->dispose (object);
}

static void
tsg_reports_view_class_init (TsgReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_reports_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, publication_switch);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, publication_note);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, cards);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, chart);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, tables);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, targets_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, trainings_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgReportsView, message_page);

  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reports.pdf", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "reports.add-training", NULL, add_training_action);
  gtk_widget_class_install_action (widget_class, "reports.edit-training", "x", edit_training_action);
  gtk_widget_class_install_action (widget_class, "reports.delete-training", "x", delete_training_action);
}

static void
tsg_reports_view_init (TsgReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  panel_widget_set_id (PANEL_WIDGET (self), "reports");
  panel_widget_set_title (PANEL_WIDGET (self), _("Reports"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reports"), -1);
  panel_widget_set_icon_name (PANEL_WIDGET (self), "x-office-spreadsheet-symbolic");
  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected_cb), self, 0);
  g_signal_connect_object (self->publication_switch, "notify::active", G_CALLBACK (on_publication_changed_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.pdf", FALSE);
}

GtkWidget *
tsg_reports_view_new (void)
{
  return g_object_new (TSG_TYPE_REPORTS_VIEW, NULL);
}

/* The years that hold contacts, and always the current one. */
static void
fill_years (TsgReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  int current = tsg_fiscal_year_of (g_get_real_time () / G_USEC_PER_SEC);
  guint selected = 0;

  g_clear_pointer (&self->years, g_array_unref);
  self->years = tsg_store_report_years (self->store, &error);
  if (self->years == NULL)
    self->years = g_array_new (FALSE, FALSE, sizeof (int));
  if (self->years->len == 0 || g_array_index (self->years, int, 0) < current)
    g_array_prepend_val (self->years, current);
  for (guint i = 0; i < self->years->len; i++)
    {
      int year = g_array_index (self->years, int, i);
      g_autofree char *label = tsg_format_fiscal_year (year);

      gtk_string_list_append (labels, label);
      if (year == current)
        selected = i;
    }
  g_signal_handlers_block_by_func (self->year_dropdown, on_year_selected_cb, self);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->year_dropdown, on_year_selected_cb, self);
}

static void
load_on_first_map (TsgReportsView *self)
{
  g_signal_handlers_disconnect_by_func (self, load_on_first_map, NULL);
  fill_years (self);
  reload (self);
}

void
tsg_reports_view_set_store (TsgReportsView *self,
                            TsgStore       *store,
                            TsgActor       *actor)
{
  g_return_if_fail (TSG_IS_REPORTS_VIEW (self));
  g_return_if_fail (TSG_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  self->actor = actor ? tsg_actor_ref (actor) : NULL;
  if (!tsg_actor_may (actor, TSG_PERM_REPORTS))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->year_dropdown), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->publication_switch), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.add-training", FALSE);
      show_message (self, _("Reports Are for Coordinators"),
                    _("The yearly figures, targets and trainings are kept by coordinators and administrators."));
      return;
    }
  /* The years and the figures are read when the panel is first shown: the
   * window's first frame does not wait for a scan of every contact. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_on_first_map (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (load_on_first_map), NULL);
}

int
tsg_reports_view_get_fiscal_year (TsgReportsView *self)
{
  guint i;

  g_return_val_if_fail (TSG_IS_REPORTS_VIEW (self), 0);

  i = gtk_drop_down_get_selected (self->year_dropdown);
  if (self->years == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->years->len)
    return 0;
  return g_array_index (self->years, int, i);
}

void
tsg_reports_view_set_fiscal_year (TsgReportsView *self,
                                  int             fiscal_year)
{
  g_return_if_fail (TSG_IS_REPORTS_VIEW (self));

  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == fiscal_year)
      {
        gtk_drop_down_set_selected (self->year_dropdown, i);
        return;
      }
}

void
tsg_reports_view_set_publication (TsgReportsView *self,
                                  gboolean        publication)
{
  g_return_if_fail (TSG_IS_REPORTS_VIEW (self));
  gtk_switch_set_active (self->publication_switch, publication);
}

TsgKpiReport *
tsg_reports_view_get_report (TsgReportsView *self)
{
  g_return_val_if_fail (TSG_IS_REPORTS_VIEW (self), NULL);
  return self->shown;
}

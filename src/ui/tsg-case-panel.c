/* tsg-case-panel.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header keeps her safety settings in view wherever the case is open:
 * whoever contacts her reads them first. The timeline is a GtkListView over
 * a paging model, so a case with years of entries opens as fast as a new one.
 */
#define G_LOG_DOMAIN "tsg-case-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-case-panel-private.h"
#include "tsg-case-rules.h"
#include "tsg-case-summary.h"
#include "tsg-format.h"
#include "tsg-window.h"

G_DEFINE_FINAL_TYPE (TsgCasePanel, tsg_case_panel, PANEL_TYPE_WIDGET)

void
_tsg_case_panel_toast (TsgCasePanel *self,
                       const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root && TSG_IS_WINDOW (root))
    tsg_window_show_toast (TSG_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* --- header ------------------------------------------------------------ */

static char *
safety_markup (const TsgClient *client)
{
  GString *s = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

#define ADD(text) G_STMT_START { if (s->len) g_string_append (s, "   "); g_string_append (s, text); } G_STMT_END
  if (client->address_withheld)
    ADD (_("<b>Address withheld (住所秘匿)</b>"));
  if (client->never_call_back)
    ADD (_("<b>Never call back</b>"));
  if (client->no_mail_home)
    ADD (_("<b>No mail to her home</b>"));
  if (client->risk_level && *client->risk_level &&
      (client->risk_expires_at == 0 || client->risk_expires_at > now))
    {
      g_autofree char *level = g_markup_escape_text (tsg_enum_label (tsg_risk_levels, client->risk_level), -1);
      g_autofree char *text = NULL;

      if (client->risk_expires_at > 0)
        {
          g_autofree char *until = tsg_format_date (client->risk_expires_at);
          text = g_strdup_printf (_("<b>Risk: %s</b> (until %s)"), level, until);
        }
      else
        text = g_strdup_printf (_("<b>Risk: %s</b>"), level);
      ADD (text);
    }
  if (client->safe_contact && *client->safe_contact)
    {
      g_autofree char *safe = g_markup_escape_text (client->safe_contact, -1);
      g_autofree char *text = g_strdup_printf (_("Safe contact: %s"), safe);
      ADD (text);
    }
#undef ADD
  return g_string_free (s, FALSE);
}

static void
update_header (TsgCasePanel *self)
{
  TsgClient *c = self->client;
  g_autofree char *title = NULL;
  g_autofree char *info = NULL;
  g_autofree char *opened = tsg_format_date (self->kase->opened_at);
  g_autofree char *safety = safety_markup (c);
  g_autofree char *panel_title = NULL;

  title = c->name ? g_strdup_printf ("%s  %s", c->code, c->name) : g_strdup (c->code);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->status_label, tsg_enum_label (tsg_case_statuses, self->kase->status));
  /* translators: the case's facts under its title */
  info = g_strdup_printf (_("Opened %s · Lead: %s · Age band: %s%s%s"), opened,
                          self->kase->lead_name && *self->kase->lead_name ? self->kase->lead_name : _("none"),
                          tsg_enum_label (tsg_age_bands, c->age_band),
                          c->municipality ? " · " : "", c->municipality ? c->municipality : "");
  gtk_label_set_label (self->info_label, info);
  gtk_label_set_markup (self->safety_label, safety);
  gtk_widget_set_visible (self->safety_box, *safety != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->safety_box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->safety_label), -1);
  /* translators: the title of a case's dock panel: "Case C26-000123" */
  panel_title = g_strdup_printf (_("Case %s"), c->code);
  panel_widget_set_title (PANEL_WIDGET (self), panel_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, panel_title, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-need", tsg_case_status_is_open (self->kase->status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-goal", tsg_case_status_is_open (self->kase->status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-task", tsg_case_status_is_open (self->kase->status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.template", tsg_case_status_is_open (self->kase->status));
}

/* --- the plan ---------------------------------------------------------- */

static void
on_task_toggled_cb (GtkCheckButton *check,
                    TsgCasePanel   *self)
{
  g_autoptr(GError) error = NULL;
  gint64 task_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "task-id"));
  g_autofree char *today = tsg_date_today ();
  gboolean done = gtk_check_button_get_active (check);

  if (!tsg_store_set_task_done (self->store, self->actor, task_id, done ? today : NULL, &error))
    {
      _tsg_case_panel_toast (self, error->message);
      g_signal_handlers_block_by_func (check, on_task_toggled_cb, self);
      gtk_check_button_set_active (check, !done);
      g_signal_handlers_unblock_by_func (check, on_task_toggled_cb, self);
    }
}

static GtkWidget *
plan_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
need_row (TsgRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *head = g_strdup_printf ("%s · %s",
    tsg_enum_label (tsg_need_domains, tsg_row_get_value (row, TSG_PLAN_COL_DOMAIN)),
    tsg_enum_label (tsg_need_priorities, tsg_row_get_value (row, TSG_PLAN_COL_PRIORITY)));

  gtk_box_append (GTK_BOX (box), plan_label (head, "caption-heading"));
  gtk_box_append (GTK_BOX (box), plan_label (tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION), NULL));
  return box;
}

static GtkWidget *
goal_row (TsgRow *row)
{
  const char *achieved = tsg_row_get_value (row, TSG_PLAN_COL_DONE_ON);
  g_autofree char *text = NULL;

  if (*achieved)
    {
      g_autofree char *date = tsg_format_iso_date (achieved);
      text = g_strdup_printf (_("Goal: %s (achieved %s)"), tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION), date);
    }
  else
    text = g_strdup_printf (_("Goal: %s"), tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION));
  return plan_label (text, NULL);
}

static GtkWidget *
task_row (TsgCasePanel *self,
          TsgRow       *row)
{
  const char *due = tsg_row_get_value (row, TSG_PLAN_COL_DUE_ON);
  const char *done = tsg_row_get_value (row, TSG_PLAN_COL_DONE_ON);
  const char *owner = tsg_row_get_value (row, TSG_PLAN_COL_OWNER);
  g_autofree char *today = tsg_date_today ();
  g_autofree char *due_text = *due ? tsg_format_iso_date (due) : NULL;
  g_autofree char *meta = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *meta_label;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), *done != '\0');
  g_object_set_data (G_OBJECT (check), "task-id", GSIZE_TO_POINTER (tsg_row_get_id (row)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION), -1);
  gtk_widget_set_tooltip_text (check, _("Done"));
  g_signal_connect (check, "toggled", G_CALLBACK (on_task_toggled_cb), self);
  gtk_widget_set_valign (check, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (text), plan_label (tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION), NULL));
  /* translators: under a task: "Due Apr 8, 2025 · 山田 愛子" */
  meta = g_strdup_printf (_("Due %s · %s"), due_text ? due_text : _("no date"), *owner ? owner : "—");
  meta_label = plan_label (meta, "caption");
  if (*done == '\0' && *due && g_strcmp0 (due, today) <= 0)
    gtk_widget_add_css_class (meta_label, "error");
  else
    gtk_widget_add_css_class (meta_label, "dim-label");
  gtk_box_append (GTK_BOX (text), meta_label);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 24);
  return box;
}

static GtkWidget *
review_row (TsgRow *row)
{
  const char *next = tsg_row_get_value (row, TSG_PLAN_COL_DUE_ON);
  const char *held = tsg_row_get_value (row, TSG_PLAN_COL_DONE_ON);
  g_autofree char *text = NULL;

  if (*held)
    {
      g_autofree char *date = tsg_format_iso_date (held);
      text = g_strdup_printf (_("Last plan review %s: %s"), date, tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION));
    }
  else
    {
      g_autofree char *date = tsg_format_iso_date (next);
      text = g_strdup_printf (_("Next plan review: %s"), date);
    }
  return plan_label (text, "dim-label");
}

static void
show_plan (TsgCasePanel *self,
           GPtrArray    *plan)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list))))
    gtk_list_box_remove (self->plan_list, child);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  self->plan = g_ptr_array_ref (plan);
  for (guint i = 0; i < self->plan->len; i++)
    {
      TsgRow *row = g_ptr_array_index (self->plan, i);
      const char *kind = tsg_row_get_value (row, TSG_PLAN_COL_KIND);
      GtkWidget *widget;

      if (g_str_equal (kind, "need"))
        widget = need_row (row);
      else if (g_str_equal (kind, "goal"))
        {
          widget = goal_row (row);
          gtk_widget_set_margin_start (widget, 12);
        }
      else if (g_str_equal (kind, "task"))
        widget = task_row (self, row);
      else
        widget = review_row (row);
      gtk_widget_set_margin_top (widget, 6);
      gtk_widget_set_margin_bottom (widget, 6);
      gtk_widget_set_margin_end (widget, 6);
      if (gtk_widget_get_margin_start (widget) == 0)
        gtk_widget_set_margin_start (widget, 6);
      gtk_list_box_append (self->plan_list, widget);
    }
  if (self->plan->len == 0)
    gtk_list_box_append (self->plan_list,
                         plan_label (_("No needs recorded yet. Use Add → Need to start the assessment."), "dim-label"));
}

/* --- consents ---------------------------------------------------------- */

static void
on_withdraw_clicked_cb (GtkButton    *button,
                        TsgCasePanel *self)
{
  _tsg_case_panel_withdraw_consent (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "consent-id")));
}

static GtkWidget *
consent_row (TsgCasePanel *self,
             TsgRow       *row)
{
  const char *org = tsg_row_get_value (row, TSG_CONSENT_COL_ORGANIZATION);
  const char *withdrawn = tsg_row_get_value (row, TSG_CONSENT_COL_WITHDRAWN_ON);
  g_autofree char *given = tsg_format_iso_date (tsg_row_get_value (row, TSG_CONSENT_COL_GIVEN_ON));
  g_autofree char *text = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;

  if (*withdrawn)
    {
      g_autofree char *until = tsg_format_iso_date (withdrawn);
      /* translators: agency — what may be shared (given on, withdrawn on) */
      text = g_strdup_printf (_("%s — %s (given %s, withdrawn %s)"), *org ? org : _("Any partner agency"),
                              tsg_enum_label (tsg_consent_scopes, tsg_row_get_value (row, TSG_CONSENT_COL_SCOPE)),
                              given, until);
    }
  else
    text = g_strdup_printf (_("%s — %s (given %s)"), *org ? org : _("Any partner agency"),
                            tsg_enum_label (tsg_consent_scopes, tsg_row_get_value (row, TSG_CONSENT_COL_SCOPE)),
                            given);
  label = plan_label (text, *withdrawn ? "dim-label" : NULL);
  gtk_box_append (GTK_BOX (box), label);
  if (!*withdrawn)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Withdraw…"));
      g_autofree char *name = g_strdup_printf (_("Withdraw consent: %s"), text);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), "consent-id", GSIZE_TO_POINTER (tsg_row_get_id (row)));
      g_signal_connect (button, "clicked", G_CALLBACK (on_withdraw_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
show_consents (TsgCasePanel *self,
               GPtrArray    *rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->consent_list))))
    gtk_list_box_remove (self->consent_list, child);
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->consent_list, consent_row (self, g_ptr_array_index (rows, i)));
  if (rows->len == 0)
    gtk_list_box_append (self->consent_list,
                         plan_label (_("She has not agreed to share anything yet."), "dim-label"));
}

/* --- timeline ---------------------------------------------------------- */

static char *
entry_heading (TsgRow *row)
{
  const char *kind = tsg_row_get_value (row, TSG_TIMELINE_COL_KIND);
  const char *title = tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE);
  const char *status = tsg_row_get_value (row, TSG_TIMELINE_COL_STATUS);

  if (g_str_equal (kind, "contact"))
    {
      if (*status)
        return g_strdup_printf ("%s · %s", tsg_enum_label (tsg_channels, title), tsg_enum_label (tsg_outcomes, status));
      return g_strdup (tsg_enum_label (tsg_channels, title));
    }
  if (g_str_equal (kind, "status"))
    /* translators: a status change in the timeline: "→ Assessment" */
    return g_strdup_printf (_("→ %s"), tsg_enum_label (tsg_case_statuses, title));
  if (g_str_equal (kind, "referral") && *status)
    return g_strdup_printf ("%s · %s", title, tsg_enum_label (tsg_referral_statuses, status));
  if (g_str_equal (kind, "distribution"))
    /* translators: products handed over: "Pads (day) × 2" */
    return g_strdup_printf (_("%s × %s"), title, status);
  if (g_str_equal (kind, "plan_review"))
    {
      GDate date;
      g_autofree char *next = tsg_date_parse (title, &date) ? tsg_format_iso_date (title) : NULL;

      if (next)
        return g_strdup_printf (_("Next review: %s"), next);
      return g_strdup (*title ? title : _("Plan reviewed"));
    }
  return g_strdup (title);
}

/* The line under an entry: where to, how long it took, who. */
static char *
entry_meta (TsgRow *row)
{
  const char *kind = tsg_row_get_value (row, TSG_TIMELINE_COL_KIND);
  const char *dest = tsg_row_get_value (row, TSG_TIMELINE_COL_DESTINATION);
  const char *travel = tsg_row_get_value (row, TSG_TIMELINE_COL_TRAVEL);
  const char *staff = tsg_row_get_value (row, TSG_TIMELINE_COL_STAFF);
  GString *s = g_string_new (NULL);

  if (*dest && !g_str_equal (kind, "referral"))
    g_string_append (s, g_str_equal (kind, "distribution") ? dest : dest);
  if (*travel)
    {
      if (s->len)
        g_string_append (s, " · ");
      /* translators: travel time of an accompaniment or visit */
      g_string_append_printf (s, _("travel %s min"), travel);
    }
  if (*staff)
    {
      if (s->len)
        g_string_append (s, " · ");
      g_string_append (s, staff);
    }
  return g_string_free (s, FALSE);
}

/* Rows measure fast: GtkInscription (made for list rows) for the texts that
 * wrap, so a case with years of entries lays out as fast as a new one. */
static void
setup_entry_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *grid = gtk_grid_new ();
  const char *names[] = { "when", "kind", "heading", "body", "meta" };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *part;

      if (i < 2)
        {
          part = gtk_label_new (NULL);
          gtk_label_set_xalign (GTK_LABEL (part), 0);
          gtk_label_set_yalign (GTK_LABEL (part), 0);
        }
      else
        {
          part = gtk_inscription_new (NULL);
          gtk_inscription_set_xalign (GTK_INSCRIPTION (part), 0);
          gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (part), PANGO_WRAP_WORD_CHAR);
          gtk_inscription_set_min_lines (GTK_INSCRIPTION (part), 1);
          gtk_inscription_set_nat_lines (GTK_INSCRIPTION (part), i == 3 ? 3 : 2);
          gtk_inscription_set_text_overflow (GTK_INSCRIPTION (part), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
          gtk_widget_set_hexpand (part, TRUE);
        }
      g_object_set_data (G_OBJECT (grid), names[i], part);
      if (i == 0 || i == 4)
        gtk_widget_add_css_class (part, "dim-label");
      if (i == 1)
        gtk_widget_add_css_class (part, "caption-heading");
      if (i == 2)
        gtk_widget_add_css_class (part, "heading");
    }
  gtk_grid_attach (GTK_GRID (grid), g_object_get_data (G_OBJECT (grid), "when"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), g_object_get_data (G_OBJECT (grid), "kind"), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), g_object_get_data (G_OBJECT (grid), "heading"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), g_object_get_data (G_OBJECT (grid), "body"), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), g_object_get_data (G_OBJECT (grid), "meta"), 1, 2, 1, 1);
  gtk_widget_set_size_request (g_object_get_data (G_OBJECT (grid), "when"), 150, -1);
  gtk_list_item_set_child (item, grid);
}

static void
set_part (GtkWidget  *grid,
          const char *name,
          const char *text)
{
  GtkWidget *part = g_object_get_data (G_OBJECT (grid), name);

  if (GTK_IS_LABEL (part))
    gtk_label_set_label (GTK_LABEL (part), text);
  else
    gtk_inscription_set_text (GTK_INSCRIPTION (part), text);
  gtk_widget_set_visible (part, text && *text);
}

static void
bind_entry_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  TsgRow *row = gtk_list_item_get_item (item);
  GtkWidget *grid = gtk_list_item_get_child (item);
  const char *kind = tsg_row_get_value (row, TSG_TIMELINE_COL_KIND);
  g_autofree char *when = tsg_format_datetime (tsg_row_get_int (row, TSG_TIMELINE_COL_OCCURRED_AT));
  g_autofree char *heading = entry_heading (row);
  g_autofree char *meta = entry_meta (row);
  g_autofree char *name = NULL;

  set_part (grid, "when", when);
  set_part (grid, "kind", tsg_enum_label (tsg_timeline_kinds, kind));
  set_part (grid, "heading", heading);
  set_part (grid, "body", tsg_row_get_value (row, TSG_TIMELINE_COL_BODY));
  set_part (grid, "meta", meta);
  /* Screen readers read one sentence per entry. */
  name = g_strdup_printf ("%s, %s: %s. %s %s", when, tsg_enum_label (tsg_timeline_kinds, kind), heading,
                          tsg_row_get_value (row, TSG_TIMELINE_COL_BODY), meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (grid) ? gtk_widget_get_parent (grid) : grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_timeline_count (TsgCasePanel *self)
{
  guint n = tsg_keyed_model_get_total (TSG_KEYED_MODEL (self->timeline));
  /* translators: number of timeline entries */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);

  gtk_label_set_label (self->timeline_count, text);
}

/* Near the end of what the list holds: the next page. */
static void
on_timeline_scrolled_cb (GtkAdjustment *adjustment,
                         TsgCasePanel  *self)
{
  double left = gtk_adjustment_get_upper (adjustment)
              - gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->timeline && left < gtk_adjustment_get_page_size (adjustment))
    tsg_keyed_model_grow (TSG_KEYED_MODEL (self->timeline));
}

static void
on_kind_filter_changed_cb (TsgCasePanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_filter);
  const char *kind = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL
                   : tsg_timeline_kinds[selected - 1].id;

  tsg_timeline_model_set_kind (self->timeline, kind);
  update_timeline_count (self);
}

static void
on_timeline_activate_cb (TsgCasePanel *self,
                         guint         position,
                         GtkListView  *view)
{
  g_autoptr(TsgRow) row = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);

  if (row != NULL)
    _tsg_case_panel_show_entry (self, tsg_row_get_id (row));
}

/* --- a possible duplicate -------------------------------------------- */

/* After the first screen: is she perhaps a client the office knows under
 * another code (same folded name or kana, or the same phone number)? */
static gboolean
check_duplicates_cb (gpointer data)
{
  TsgCasePanel *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  TsgClientMatch *m;
  g_autofree char *text = NULL;

  self->duplicate_idle = 0;
  self->duplicate_id = 0;
  gtk_widget_set_visible (self->duplicate_box, FALSE);
  if (!tsg_actor_may (self->actor, TSG_PERM_CASES_WRITE))
    return G_SOURCE_REMOVE;
  matches = tsg_store_find_duplicate_clients (self->store, self->actor, self->client->name, self->client->kana,
                                              0, self->client->id, &error);
  if (matches == NULL)
    {
      g_warning ("Failed to look for duplicates: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  if (matches->len == 0)
    return G_SOURCE_REMOVE;
  m = g_ptr_array_index (matches, 0);
  self->duplicate_id = m->client_id;
  /* translators: "She may be C25-000123 (佐藤 花子): the same phone number." */
  text = g_strdup_printf (m->same_caller ? _("She may be %s%s%s%s: the same phone number.")
                                         : _("She may be %s%s%s%s: the same name."),
                          m->code, m->name || m->kana ? " (" : "",
                          m->name ? m->name : m->kana ? m->kana : "", m->name || m->kana ? ")" : "");
  gtk_label_set_label (self->duplicate_label, text);
  gtk_widget_set_visible (self->duplicate_box, TRUE);
  return G_SOURCE_REMOVE;
}

static void
schedule_duplicate_check (TsgCasePanel *self)
{
  if (self->duplicate_idle == 0)
    self->duplicate_idle = g_idle_add_full (G_PRIORITY_LOW, check_duplicates_cb, self, NULL);
}

static void
on_merge_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TsgCasePanel     *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "merge") && self->duplicate_id > 0)
    {
      /* The record she had first is kept; this one joins it. */
      if (!tsg_store_merge_clients (self->store, self->actor, self->duplicate_id, self->client->id, &error))
        _tsg_case_panel_toast (self, error->message);
      else
        {
          tsg_case_panel_reload (self);
          _tsg_case_panel_toast (self, _("The two records were merged; nothing was deleted."));
        }
    }
  g_object_unref (self);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsgCasePanel *self = TSG_CASE_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->duplicate_id == 0)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Merge the Two Records?"),
                                   _("Her contacts, cases, consents and referrals move to the record she had first, "
                                     "which keeps the safer of the safety settings. Nothing is deleted, and the "
                                     "merge is written to the audit log."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_apart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsgCasePanel *self = TSG_CASE_PANEL (widget);
  g_autoptr(GError) error = NULL;

  /* The decision is kept: the pair is not offered again, to anyone. */
  if (self->duplicate_id > 0 && self->client != NULL &&
      !tsg_store_keep_clients_apart (self->store, self->actor, self->client->id, self->duplicate_id, &error))
    {
      _tsg_case_panel_toast (self, error->message);
      return;
    }
  self->duplicate_id = 0;
  gtk_widget_set_visible (self->duplicate_box, FALSE);
  _tsg_case_panel_toast (self, _("Kept apart: the two records will not be offered as one woman again."));
}

/* --- loading ----------------------------------------------------------- */

/* One store call (one transaction) for all the panel shows first. */
static gboolean
load_case (TsgCasePanel  *self,
           GError       **error)
{
  const char *kind = self->timeline ? tsg_timeline_model_get_kind (self->timeline) : NULL;
  g_autoptr(TsgCaseView) view = tsg_store_read_case_view (self->store, self->actor, self->case_id, kind, error);

  if (view == NULL)
    return FALSE;
  g_clear_pointer (&self->kase, tsg_case_free);
  g_clear_pointer (&self->client, tsg_client_free);
  self->kase = g_steal_pointer (&view->kase);
  self->client = g_steal_pointer (&view->client);
  if (self->timeline == NULL)
    self->timeline = tsg_timeline_model_new (self->store, self->actor, self->case_id);
  tsg_keyed_model_set_keys (TSG_KEYED_MODEL (self->timeline), view->timeline_keys);
  update_header (self);
  show_plan (self, view->plan);
  show_consents (self, view->consents);
  update_timeline_count (self);
  return TRUE;
}

void
tsg_case_panel_reload (TsgCasePanel *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_CASE_PANEL (self));

  if (!load_case (self, &error))
    {
      _tsg_case_panel_toast (self, error->message);
      return;
    }
  schedule_duplicate_check (self);
}

/* --- actions ----------------------------------------------------------- */

static void
add_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _tsg_case_panel_add_entry (TSG_CASE_PANEL (widget), g_variant_get_string (parameter, NULL));
}

static void
simple_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgCasePanel *self = TSG_CASE_PANEL (widget);

  if (g_str_equal (action_name, "case.add-need"))
    _tsg_case_panel_add_need (self);
  else if (g_str_equal (action_name, "case.add-goal"))
    _tsg_case_panel_add_goal (self);
  else if (g_str_equal (action_name, "case.add-task"))
    _tsg_case_panel_add_task (self);
  else if (g_str_equal (action_name, "case.review"))
    _tsg_case_panel_review (self);
  else if (g_str_equal (action_name, "case.template"))
    _tsg_case_panel_template (self);
  else if (g_str_equal (action_name, "case.add-consent"))
    _tsg_case_panel_add_consent (self);
  else if (g_str_equal (action_name, "case.change-status"))
    _tsg_case_panel_change_status (self);
  else if (g_str_equal (action_name, "case.edit-client"))
    _tsg_case_panel_edit_client (self);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsgCasePanel *self = TSG_CASE_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = tsg_case_summary_pdf (self->store, self->actor, self->case_id, &error);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *filename = NULL;

  if (pdf == NULL)
    {
      _tsg_case_panel_toast (self, error->message);
      return;
    }
  if (!TSG_IS_WINDOW (root))
    return;
  id = g_strdup_printf ("case-summary-%" G_GINT64_FORMAT, self->case_id);
  /* translators: title of the preview of a case summary */
  title = g_strdup_printf (_("Summary %s"), self->client->code);
  filename = g_strdup_printf ("case-%s.pdf", self->client->code);
  tsg_window_show_preview (TSG_WINDOW (root), id, title, pdf, filename);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       TsgCasePanel    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (!(json = tsg_store_export_case_json (self->store, self->actor, self->case_id, &error)) ||
          !g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        _tsg_case_panel_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("The case was exported to %s."), name);
          _tsg_case_panel_toast (self, text);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TsgCasePanel *self = TSG_CASE_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("case-%s.json", self->client->code);

  chooser = gtk_file_chooser_native_new (_("Export the Case"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- the type ---------------------------------------------------------- */

static void
tsg_case_panel_dispose (GObject *object)
{
  TsgCasePanel *self = TSG_CASE_PANEL (object);

  g_clear_handle_id (&self->duplicate_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_CASE_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->kase, tsg_case_free);
  g_clear_pointer (&self->client, tsg_client_free);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  G_OBJECT_CLASS (tsg_case_panel_parent_class)->dispose (object);
}

static void
tsg_case_panel_class_init (TsgCasePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *simple[] = { "case.add-need", "case.add-goal", "case.add-task", "case.review", "case.template",
                           "case.add-consent", "case.change-status", "case.edit-client" };

  object_class->dispose = tsg_case_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-case-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, info_label);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, safety_box);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, safety_label);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, plan_list);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, consent_list);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, timeline_count);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, TsgCasePanel, duplicate_label);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_activate_cb);

  gtk_widget_class_install_action (widget_class, "case.add-entry", "s", add_entry_action);
  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    gtk_widget_class_install_action (widget_class, simple[i], NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "case.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "case.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "case.keep-apart", NULL, keep_apart_action);
  gtk_widget_class_install_action (widget_class, "case.export-json", NULL, export_json_action);
  /* Keyboard: the common entries without the menu. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-entry", "s", "note");
  /* (Ctrl+Shift+A unselects in lists: W, "went with her") */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-entry", "s", "accompaniment");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-entry", "s", "outreach");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-need", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-goal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.add-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.change-status", NULL);
}

static void
tsg_case_panel_init (TsgCasePanel *self)
{
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_autoptr(GtkStringList) list = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_strv_builder_add (kinds, _("All kinds"));
  for (guint i = 0; tsg_timeline_kinds[i].id; i++)
    g_strv_builder_add (kinds, tsg_enum_label (tsg_timeline_kinds, tsg_timeline_kinds[i].id));
  labels = g_strv_builder_end (kinds);
  list = gtk_string_list_new ((const char * const *) labels);
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (list));
  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (on_kind_filter_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_entry_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_entry_cb), NULL);
  gtk_list_view_set_factory (self->timeline_view, factory);
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->timeline_view));
    g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_timeline_scrolled_cb), self);
    g_signal_connect (adjustment, "changed", G_CALLBACK (on_timeline_scrolled_cb), self);
  }
}

TsgCasePanel *
tsg_case_panel_new (TsgStore  *store,
                    TsgActor  *actor,
                    gint64     case_id,
                    GError   **error)
{
  g_autoptr(TsgCasePanel) self = g_object_ref_sink (g_object_new (TSG_TYPE_CASE_PANEL, NULL));
  g_autofree char *id = g_strdup_printf ("case:%" G_GINT64_FORMAT, case_id);

  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->case_id = case_id;
  panel_widget_set_id (PANEL_WIDGET (self), id);
  if (!load_case (self, error))
    return NULL;
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->timeline)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (self->selection));
  schedule_duplicate_check (self);
  return g_steal_pointer (&self);
}

gint64
tsg_case_panel_get_case_id (TsgCasePanel *self)
{
  g_return_val_if_fail (TSG_IS_CASE_PANEL (self), 0);
  return self->case_id;
}

TsgTimelineModel *
tsg_case_panel_get_timeline (TsgCasePanel *self)
{
  g_return_val_if_fail (TSG_IS_CASE_PANEL (self), NULL);
  return self->timeline;
}

GtkWidget *
tsg_case_panel_get_timeline_view (TsgCasePanel *self)
{
  g_return_val_if_fail (TSG_IS_CASE_PANEL (self), NULL);
  return GTK_WIDGET (self->timeline_view);
}

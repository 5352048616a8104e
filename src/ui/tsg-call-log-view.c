/* tsg-call-log-view.c: the call log, what front-desk staff use on every call
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list of contacts with its counters (today, this month, this fiscal
 * year), filters that become the SQL query of the list, and the entry form
 * (TsgContactEditor). The extra widgets are added in code: the panel's
 * layout is the template of TsgListPanel, shared by every list.
 */
#define G_LOG_DOMAIN "tsg-call-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-call-log-view.h"
#include "tsg-contact-editor.h"
#include "tsg-domain.h"
#include "tsg-enum-dropdown.h"
#include "tsg-format.h"
#include "tsg-import-dialog.h"
#include "tsg-notifier.h"
#include "tsg-records.h"
#include "tsg-store-accounts.h"
#include "tsg-store-contacts.h"
#include "tsg-window.h"

#define CALLBACK_CHECK_SECONDS 30

typedef enum
{
  RANGE_ANY,
  RANGE_TODAY,
  RANGE_WEEK,
  RANGE_MONTH,
  RANGE_FISCAL_YEAR,
  RANGE_LAST_FISCAL_YEAR,
  RANGE_CUSTOM,
} DateRange;

struct _TsgCallLogView
{
  TsgListPanel      parent_instance;

  /* Counters */
  GtkLabel         *today_label;
  GtkLabel         *month_label;
  GtkLabel         *year_label;
  GtkLabel         *year_caption;

  /* Filters */
  GtkMenuButton    *filter_button;
  GtkDropDown      *range_dropdown;
  GtkWidget        *custom_box;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkDropDown      *channel_dropdown;
  GtkDropDown      *call_type_dropdown;
  GtkDropDown      *topic_dropdown;
  GtkDropDown      *outcome_dropdown;
  GtkDropDown      *staff_dropdown;
  GArray           *staff_ids;      /* gint64 per staff_dropdown position */
  gboolean          resetting;

  /* Borrowed: the open entry form, if any (it owns itself) */
  TsgContactEditor *editor;

  guint             callback_id;
  guint             refresh_id;
};

G_DEFINE_FINAL_TYPE (TsgCallLogView, tsg_call_log_view, TSG_TYPE_LIST_PANEL)

enum { EXPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
toast (TsgCallLogView *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TSG_IS_WINDOW (root))
    tsg_window_show_toast (TSG_WINDOW (root), message);
}

static GtkWindow *
get_window (TsgCallLogView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- columns --------------------------------------------------------------- */

static char *
format_channel (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_channels, tsg_row_get_value (row, column)));
}

static char *
format_call_type (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_call_types, tsg_row_get_value (row, column)));
}

static char *
format_age_band (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_age_bands, tsg_row_get_value (row, column)));
}

static char *
format_topics (TsgRow *row, guint column)
{
  return tsg_enum_labels_for_list (tsg_topics, tsg_row_get_value (row, column));
}

/* A cell shows a few dozen characters of the summary: shaping the 160 the
 * store hands out would cost most of a frame when the list scrolls. */
#define SUMMARY_CELL_CHARS 48

static char *
format_summary (TsgRow *row, guint column)
{
  const char *summary = tsg_row_get_value (row, column);
  const char *end = summary;
  guint n = 0;

  for (; *end != '\0' && n < SUMMARY_CELL_CHARS; end = g_utf8_next_char (end), n++)
    if (*end == '\n')
      break;
  if (*end == '\0')
    return g_strdup (summary);
  return g_strdup_printf ("%.*s…", (int) (end - summary), summary);
}

static char *
format_outcome (TsgRow *row, guint column)
{
  return g_strdup (tsg_enum_label (tsg_outcomes, tsg_row_get_value (row, column)));
}

/* --- counters -------------------------------------------------------------- */

static char *
format_count (guint n)
{
  /* Thousands separators as the locale writes them (4,210). */
  return g_strdup_printf ("%'u", n);
}

void
tsg_call_log_view_update_counters (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL, *month = NULL, *year = NULL, *fy = NULL, *caption = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint t = 0, m = 0, y = 0;

  g_return_if_fail (TSG_IS_CALL_LOG_VIEW (self));

  if (tsg_list_panel_get_store (panel) == NULL)
    return;
  if (!tsg_store_contact_counters (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel),
                                   now, &t, &m, &y, &error))
    {
      g_warning ("Cannot count the contacts: %s", error->message);
      return;
    }
  today = format_count (t);
  month = format_count (m);
  year = format_count (y);
  gtk_label_set_label (self->today_label, today);
  gtk_label_set_label (self->month_label, month);
  gtk_label_set_label (self->year_label, year);
  fy = tsg_format_fiscal_year (tsg_fiscal_year_of (now));
  gtk_label_set_label (self->year_caption, fy);

  /* translators: accessible names of the counters: a number of contacts */
  caption = g_strdup_printf (_("Contacts today: %s"), today);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->today_label), GTK_ACCESSIBLE_PROPERTY_LABEL, caption, -1);
  g_free (caption);
  caption = g_strdup_printf (_("Contacts this month: %s"), month);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_label), GTK_ACCESSIBLE_PROPERTY_LABEL, caption, -1);
  g_free (caption);
  /* translators: %s is the fiscal year (令和7年度), then the number */
  caption = g_strdup_printf (_("Contacts in %s: %s"), fy, year);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_label), GTK_ACCESSIBLE_PROPERTY_LABEL, caption, -1);
}

static GtkWidget *
counter (const char  *caption,
         const char  *name,
         GtkLabel   **value_out,
         GtkLabel   **caption_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value = gtk_label_new ("–");
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_set_name (value, name);

  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, caption, -1);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  *value_out = GTK_LABEL (value);
  if (caption_out != NULL)
    *caption_out = GTK_LABEL (label);
  return box;
}

static void
build_counters (TsgCallLogView *self)
{
  GtkWidget *toolbar = GTK_WIDGET (tsg_list_panel_get_toolbar (TSG_LIST_PANEL (self)));
  /* the toolbar sits in a sideways scroller in the panel's column */
  GtkWidget *column = gtk_widget_get_parent (gtk_widget_get_ancestor (toolbar, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_name (box, "counters");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Counters"), -1);
  gtk_box_append (GTK_BOX (box), counter (_("Today"), "counter-today", &self->today_label, NULL));
  gtk_box_append (GTK_BOX (box), counter (_("This month"), "counter-month", &self->month_label, NULL));
  gtk_box_append (GTK_BOX (box), counter (_("This fiscal year"), "counter-year", &self->year_label, &self->year_caption));
  gtk_box_prepend (GTK_BOX (column), box);
}

/* --- filters --------------------------------------------------------------- */

static gint64
local_midnight (GDateTime *dt,
                int        add_days)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                    g_date_time_get_day_of_month (dt), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (day, add_days);

  return g_date_time_to_unix (moved);
}

static gint64
parse_day (GtkEntry *entry,
           int       add_days)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *with_time = g_strconcat (text, " 00:00", NULL);
  gint64 at;

  if (*text == '\0')
    return 0;
  at = tsg_parse_local_time (with_time, g_get_real_time () / G_USEC_PER_SEC);
  return at > 0 ? at + (gint64) add_days * 86400 : 0;
}

static void
date_bounds (TsgCallLogView *self,
             gint64         *from,
             gint64         *to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int fy = tsg_fiscal_year_of (g_date_time_to_unix (now));

  *from = *to = 0;
  switch ((DateRange) gtk_drop_down_get_selected (self->range_dropdown))
    {
    case RANGE_TODAY:
      *from = local_midnight (now, 0);
      *to = local_midnight (now, 1);
      break;
    case RANGE_WEEK:
      *from = local_midnight (now, -6);
      *to = local_midnight (now, 1);
      break;
    case RANGE_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now),
                                                            g_date_time_get_month (now), 1, 0, 0, 0);
        g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);
        *from = g_date_time_to_unix (first);
        *to = g_date_time_to_unix (next);
      }
      break;
    case RANGE_FISCAL_YEAR:
      tsg_fiscal_year_bounds (fy, from, to);
      break;
    case RANGE_LAST_FISCAL_YEAR:
      tsg_fiscal_year_bounds (fy - 1, from, to);
      break;
    case RANGE_CUSTOM:
      /* "To" is the last day shown, so the bound is the next midnight. */
      *from = parse_day (self->from_entry, 0);
      *to = parse_day (self->to_entry, 1);
      break;
    case RANGE_ANY:
    default:
      break;
    }
}

static void
apply_filters (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autoptr(TsgListQuery) query = NULL;
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint active = 0;
  g_autofree char *label = NULL;

  if (self->resetting || tsg_list_panel_get_model (panel) == NULL)
    return;
  query = tsg_list_panel_dup_query (panel);

#define SET_FILTER(field, dropdown) \
  G_STMT_START { \
    const char *id = tsg_enum_dropdown_get_id (dropdown); \
    g_free (query->field); \
    query->field = g_strdup (id); \
    active += id != NULL; \
  } G_STMT_END
  SET_FILTER (channel, self->channel_dropdown);
  SET_FILTER (call_type, self->call_type_dropdown);
  SET_FILTER (topic, self->topic_dropdown);
  SET_FILTER (outcome, self->outcome_dropdown);
#undef SET_FILTER

  date_bounds (self, &query->from, &query->to);
  active += query->from > 0 || query->to > 0;
  query->staff_id = staff < self->staff_ids->len ? g_array_index (self->staff_ids, gint64, staff) : 0;
  active += query->staff_id > 0;
  gtk_widget_set_visible (self->custom_box,
                          gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM);

  if (active > 0)
    /* translators: the filter button when some filters are on */
    label = g_strdup_printf (_("_Filters (%u)"), active);
  else
    label = g_strdup (_("_Filters"));
  gtk_menu_button_set_label (self->filter_button, label);
  tsg_list_panel_set_query (panel, query);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (widget);

  self->resetting = TRUE;
  gtk_drop_down_set_selected (self->range_dropdown, RANGE_ANY);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  tsg_enum_dropdown_set_id (self->channel_dropdown, NULL);
  tsg_enum_dropdown_set_id (self->call_type_dropdown, NULL);
  tsg_enum_dropdown_set_id (self->topic_dropdown, NULL);
  tsg_enum_dropdown_set_id (self->outcome_dropdown, NULL);
  gtk_drop_down_set_selected (self->staff_dropdown, 0);
  self->resetting = FALSE;
  apply_filters (self);
}

static void
attach_filter (TsgCallLogView *self,
               GtkGrid        *grid,
               int             row,
               const char     *name,
               const char     *mnemonic,
               GtkWidget      *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (control, name);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_widget_set_hexpand (control, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, control, 1, row, 1, 1);
  if (GTK_IS_DROP_DOWN (control))
    g_signal_connect_swapped (control, "notify::selected", G_CALLBACK (apply_filters), self);
}

static GtkDropDown *
enum_filter (const TsgEnumValue *values)
{
  /* translators: the filter item that restricts nothing */
  return GTK_DROP_DOWN (tsg_enum_dropdown_new (values, C_("filter", "Any")));
}

static void
fill_staff (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  TsgActor *actor = tsg_list_panel_get_actor (panel);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 zero = 0, me = tsg_actor_get_staff_id (actor);

  g_array_set_size (self->staff_ids, 0);
  /* translators: staff filter: contacts taken by anyone */
  gtk_string_list_append (names, C_("staff", "Anyone"));
  g_array_append_val (self->staff_ids, zero);
  if (me > 0)
    {
      /* translators: staff filter: the contacts I took */
      gtk_string_list_append (names, C_("staff", "Me"));
      g_array_append_val (self->staff_ids, me);
    }
  /* Only administrators may list the staff; the others filter by themselves. */
  if (tsg_actor_may (actor, TSG_PERM_STAFF_ADMIN))
    {
      g_autoptr(GPtrArray) staff = tsg_store_list_staff (tsg_list_panel_get_store (panel), actor, NULL);

      for (guint i = 0; staff != NULL && i < staff->len; i++)
        {
          TsgRow *row = g_ptr_array_index (staff, i);
          gint64 id = tsg_row_get_id (row);

          if (id == me)
            continue;
          gtk_string_list_append (names, tsg_row_get_value (row, TSG_STAFF_COL_NAME));
          g_array_append_val (self->staff_ids, id);
        }
    }
  /* A new model moves the selection: that is not a change of filter (and
   * would read the list a second time while the panel opens). */
  self->resetting = TRUE;
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (names));
  self->resetting = FALSE;
}

static void
build_filters (TsgCallLogView *self)
{
  GtkBox *toolbar = tsg_list_panel_get_toolbar (TSG_LIST_PANEL (self));
  GtkWidget *popover = gtk_popover_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *clear;
  const char *ranges[] = {
    C_("range", "Any time"), _("Today"), _("Last 7 days"), _("This month"),
    _("This fiscal year"), _("Last fiscal year"), _("Between dates"), NULL,
  };

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);

  self->range_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (ranges));
  attach_filter (self, grid, 0, "filter-date", _("_Date"), GTK_WIDGET (self->range_dropdown));
  self->custom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->from_entry = GTK_ENTRY (gtk_entry_new ());
  self->to_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->from_entry, "2025-04-01");
  gtk_entry_set_placeholder_text (self->to_entry, "2026-03-31");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->from_entry), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->to_entry), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("From"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("To"), -1);
  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (apply_filters), self);
  gtk_box_append (GTK_BOX (self->custom_box), GTK_WIDGET (self->from_entry));
  /* translators: between the two dates of a date range */
  gtk_box_append (GTK_BOX (self->custom_box), gtk_label_new (_("to")));
  gtk_box_append (GTK_BOX (self->custom_box), GTK_WIDGET (self->to_entry));
  gtk_widget_set_visible (self->custom_box, FALSE);
  gtk_grid_attach (grid, self->custom_box, 1, 1, 1, 1);

  self->channel_dropdown = enum_filter (tsg_channels);
  attach_filter (self, grid, 2, "filter-channel", _("C_hannel"), GTK_WIDGET (self->channel_dropdown));
  self->call_type_dropdown = enum_filter (tsg_call_types);
  attach_filter (self, grid, 3, "filter-call-type", _("Call t_ype"), GTK_WIDGET (self->call_type_dropdown));
  self->topic_dropdown = enum_filter (tsg_topics);
  attach_filter (self, grid, 4, "filter-topic", _("T_opic"), GTK_WIDGET (self->topic_dropdown));
  self->outcome_dropdown = enum_filter (tsg_outcomes);
  attach_filter (self, grid, 5, "filter-outcome", _("Out_come"), GTK_WIDGET (self->outcome_dropdown));
  self->staff_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  attach_filter (self, grid, 6, "filter-staff", _("_Staff"), GTK_WIDGET (self->staff_dropdown));

  clear = gtk_button_new_with_mnemonic (_("C_lear Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "call-log.clear-filters");
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_grid_attach (grid, clear, 0, 7, 2, 1);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (grid));

  self->filter_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_use_underline (self->filter_button, TRUE);
  gtk_menu_button_set_label (self->filter_button, _("_Filters"));
  gtk_menu_button_set_popover (self->filter_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), _("Filter the Call Log"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters"), -1);
  gtk_box_insert_child_after (toolbar, GTK_WIDGET (self->filter_button),
                              tsg_list_panel_get_search_entry (TSG_LIST_PANEL (self)));
}

static void
build_toolbar_buttons (TsgCallLogView *self)
{
  GtkBox *toolbar = tsg_list_panel_get_toolbar (TSG_LIST_PANEL (self));
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *new_button = gtk_button_new_from_icon_name ("call-start-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "call-log.new");
  gtk_widget_set_tooltip_text (new_button, _("New Contact (Ctrl+N)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New contact"), -1);
  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_box_prepend (toolbar, new_button);

  g_menu_append (menu, _("_Import Contacts…"), "call-log.import");
  g_menu_append (menu, _("_Export Records…"), "call-log.export");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Import and Export"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Call log menu"), -1);
  gtk_box_append (toolbar, menu_button);
}

/* --- the entry form -------------------------------------------------------- */

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TsgCallLogView *self = user_data;

  self->refresh_id = 0;
  tsg_list_panel_reload (TSG_LIST_PANEL (self));
  tsg_call_log_view_update_counters (self);
  return G_SOURCE_REMOVE;
}

/* The list and the counters follow once the form has closed: rebuilding the
 * visible rows costs a frame or more, and the worker is waiting for the
 * form to go away. A timeout, not an idle: idles wait behind redraws. */
static void
refresh_soon (TsgCallLogView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (10, refresh_idle_cb, self);
}

static void
on_editor_saved_cb (TsgCallLogView *self,
                    gint64          id)
{
  refresh_soon (self);
  toast (self, _("Contact saved"));
}

static void
on_editor_deleted_cb (TsgCallLogView *self,
                      gint64          id)
{
  refresh_soon (self);
  toast (self, _("Contact deleted"));
}

static void
on_editor_destroyed_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  TsgCallLogView *self = data;

  self->editor = NULL;
}

static TsgContactEditor *
create_editor (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  TsgContactEditor *editor = tsg_contact_editor_new (get_window (self), tsg_list_panel_get_store (panel),
                                                     tsg_list_panel_get_actor (panel));

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, G_CONNECT_SWAPPED);
  self->editor = editor;
  g_object_weak_ref (G_OBJECT (editor), on_editor_destroyed_cb, self);
  return editor;
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TsgCallLogView   *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  TsgContactEditor *editor;
  g_autofree char *draft = g_strdup (g_object_get_data (G_OBJECT (dialog), "tsg-draft"));
  g_autoptr(GError) error = NULL;

  if (self->editor != NULL)
    return;
  editor = create_editor (self);
  if (g_strcmp0 (response, "restore") == 0)
    {
      if (!tsg_contact_editor_restore_draft (editor, draft, &error))
        {
          g_warning ("The draft cannot be restored: %s", error->message);
          tsg_contact_editor_start_new (editor);
        }
    }
  else
    {
      tsg_store_clear_draft (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel),
                             TSG_CONTACT_DRAFT_KIND, NULL);
      tsg_contact_editor_start_new (editor);
    }
  gtk_window_present (GTK_WINDOW (editor));
}

void
tsg_call_log_view_new_contact (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autofree char *draft = NULL;
  TsgContactEditor *editor;
  GtkWidget *dialog;

  g_return_if_fail (TSG_IS_CALL_LOG_VIEW (self));

  if (tsg_list_panel_get_store (panel) == NULL ||
      !tsg_actor_may (tsg_list_panel_get_actor (panel), TSG_PERM_CONTACTS_WRITE))
    return;
  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }
  draft = tsg_store_load_draft (tsg_list_panel_get_store (panel), tsg_list_panel_get_actor (panel),
                                TSG_CONTACT_DRAFT_KIND);
  if (draft == NULL)
    {
      gint64 start = g_get_monotonic_time ();

      editor = create_editor (self);
      tsg_contact_editor_start_new (editor);
      gtk_window_present (GTK_WINDOW (editor));
      g_debug ("Opened a new contact form in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
      return;
    }
  dialog = adw_message_dialog_new (get_window (self), _("Restore the Unsaved Contact?"),
                                   _("A contact was being typed when the application stopped. It was not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "new", _("_Start a New One"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_object_set_data_full (G_OBJECT (dialog), "tsg-draft", g_steal_pointer (&draft), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tsg_call_log_view_open_contact (TsgCallLogView *self,
                                gint64          id)
{
  TsgContactEditor *editor;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_CALL_LOG_VIEW (self));

  if (tsg_list_panel_get_store (TSG_LIST_PANEL (self)) == NULL)
    return;
  if (self->editor != NULL)
    {
      /* One form at a time: the open one may hold a call in progress. */
      gtk_window_present (GTK_WINDOW (self->editor));
      if (tsg_contact_editor_get_contact_id (self->editor) != id)
        toast (self, _("Save or close the open contact first"));
      return;
    }
  editor = create_editor (self);
  if (!tsg_contact_editor_load (editor, id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (editor));
      toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
tsg_call_log_view_activated (TsgListPanel *panel,
                             TsgRow       *row)
{
  tsg_call_log_view_open_contact (TSG_CALL_LOG_VIEW (panel), tsg_row_get_id (row));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tsg_call_log_view_new_contact (TSG_CALL_LOG_VIEW (widget));
}

static void
on_deleted_cb (gint64   id,
               gpointer user_data)
{
  TsgCallLogView *self = user_data;

  on_editor_deleted_cb (self, id);
  g_object_unref (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (widget);
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  TsgRow *row = tsg_list_panel_get_selected (panel);

  if (row == NULL || !tsg_actor_may (tsg_list_panel_get_actor (panel), TSG_PERM_CONTACTS_WRITE))
    return;
  /* The reference is dropped when the contact is deleted; a cancelled
   * dialog keeps one, which is harmless for a panel that lives as long
   * as its window. */
  tsg_contact_delete_dialog_present (get_window (self), tsg_list_panel_get_store (panel),
                                     tsg_list_panel_get_actor (panel), tsg_row_get_id (row),
                                     on_deleted_cb, g_object_ref (self));
}

static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        TsgCallLogView        *self)
{
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "call-log.delete", NULL);
      return TRUE;
    }
  return FALSE;
}

/* --- call-back reminders --------------------------------------------------- */

void
tsg_call_log_view_check_callbacks (TsgCallLogView *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  TsgStore *store = tsg_list_panel_get_store (panel);
  TsgActor *actor = tsg_list_panel_get_actor (panel);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_CALL_LOG_VIEW (self));

  if (store == NULL)
    return;
  due = tsg_store_due_callbacks (store, actor, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (due == NULL)
    {
      g_warning ("Cannot read the call-back reminders: %s", error->message);
      return;
    }
  for (guint i = 0; i < due->len; i++)
    {
      TsgRow *row = g_ptr_array_index (due, i);
      gint64 id = tsg_row_get_id (row);
      g_autofree char *notification_id = g_strdup_printf ("callback-%" G_GINT64_FORMAT, id);
      g_autofree char *when = tsg_format_datetime (tsg_row_get_int (row, 0));
      g_autofree char *body = NULL;
      const char *summary = tsg_row_get_value (row, 1);
      g_autoptr(GError) mark_error = NULL;

      if (*summary != '\0')
        /* translators: a call-back reminder: when it was due, then the start of the summary */
        body = g_strdup_printf (_("Due %s: %s"), when, summary);
      else
        /* translators: a call-back reminder without a summary */
        body = g_strdup_printf (_("Due %s"), when);
      tsg_notifier_notify (tsg_notifier_get_default (), notification_id, _("Call Back Now"), body,
                           "win.open-contact", g_variant_new_int64 (id));
      if (!tsg_store_mark_callback_done (store, actor, id, &mark_error))
        g_warning ("Cannot mark the call-back of contact %" G_GINT64_FORMAT " done: %s", id, mark_error->message);
    }
}

static gboolean
check_callbacks_cb (gpointer user_data)
{
  TsgCallLogView *self = user_data;

  tsg_call_log_view_check_callbacks (self);
  /* The day changes under a running app: keep "today" true. */
  tsg_call_log_view_update_counters (self);
  return G_SOURCE_CONTINUE;
}

/* --- import and export ----------------------------------------------------- */

static void
on_imported_cb (TsgCallLogView *self,
                guint           n_imported)
{
  g_autofree char *text = NULL;

  tsg_list_panel_reload (TSG_LIST_PANEL (self));
  tsg_call_log_view_update_counters (self);
  /* translators: after an import */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record imported", "%u records imported",
                                       n_imported), n_imported);
  toast (self, text);
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               TsgCallLogView  *self)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autoptr(GFile) file = NULL;
  TsgImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  dialog = tsg_import_dialog_new (get_window (self), tsg_list_panel_get_store (panel),
                                  tsg_list_panel_get_actor (panel), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Contacts"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Contacts (CSV) and records (JSON)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export runs on its own connection in a worker thread: a big office's
 * records take seconds, and the window must stay alive meanwhile. */
typedef struct
{
  char     *db_path;
  TsgActor *actor;
  char     *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  tsg_actor_unref (job->actor);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(TsgStore) store = NULL;
  GError *error = NULL;

  store = tsg_store_open (job->db_path, &error);
  if (store == NULL || !tsg_records_export_file (store, job->actor, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    toast (self, _("Records exported"));
  g_signal_emit (self, signals[EXPORTED], 0, error == NULL);
}

void
tsg_call_log_view_export_to (TsgCallLogView *self,
                             GFile          *file)
{
  TsgListPanel *panel = TSG_LIST_PANEL (self);
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (TSG_IS_CALL_LOG_VIEW (self));
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (tsg_store_get_path (tsg_list_panel_get_store (panel)));
  job->actor = tsg_actor_ref (tsg_list_panel_get_actor (panel));
  job->path = g_file_get_path (file);
  task = g_task_new (self, NULL, on_exported_cb, NULL);
  g_task_set_source_tag (task, tsg_call_log_view_export_to);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               TsgCallLogView  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || g_file_peek_path (file) == NULL)
    return;
  tsg_call_log_view_export_to (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("tsunagari-records-%s.json", day);

  chooser = gtk_file_chooser_native_new (_("Export Records"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- the object ------------------------------------------------------------ */

static void
on_first_load_cb (TsgCallLogView *self)
{
  g_signal_handlers_disconnect_by_func (tsg_list_panel_get_model (TSG_LIST_PANEL (self)),
                                        on_first_load_cb, self);
  tsg_call_log_view_update_counters (self);
}

static void
tsg_call_log_view_setup (TsgListPanel *panel)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (panel);
  TsgActor *actor = tsg_list_panel_get_actor (panel);
  GtkEventController *keys;

  tsg_list_panel_add_column (panel, _("Date and Time"), TSG_CONTACT_COL_STARTED_AT, tsg_cell_datetime, FALSE, 150);
  tsg_list_panel_add_column (panel, _("Channel"), TSG_CONTACT_COL_CHANNEL, format_channel, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Call Type"), TSG_CONTACT_COL_CALL_TYPE, format_call_type, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Age Band"), TSG_CONTACT_COL_AGE_BAND, format_age_band, FALSE, 80);
  tsg_list_panel_add_column (panel, _("Topics"), TSG_CONTACT_COL_TOPICS, format_topics, FALSE, 180);
  tsg_list_panel_add_column (panel, _("Outcome"), TSG_CONTACT_COL_OUTCOME, format_outcome, FALSE, 110);
  tsg_list_panel_add_column (panel, _("Staff"), TSG_CONTACT_COL_STAFF, NULL, FALSE, 100);
  tsg_list_panel_add_column (panel, _("Summary"), TSG_CONTACT_COL_SUMMARY, format_summary, TRUE, -1);

  fill_staff (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call-log.new", tsg_actor_may (actor, TSG_PERM_CONTACTS_WRITE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call-log.delete", tsg_actor_may (actor, TSG_PERM_CONTACTS_WRITE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call-log.import", tsg_actor_may (actor, TSG_PERM_CONTACTS_WRITE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call-log.export", tsg_actor_may (actor, TSG_PERM_EXPORT));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (tsg_list_panel_get_column_view (panel)), keys);

  /* The counters scan a year of contacts: they come once the first rows are
   * there (a million contacts: after the first page is on screen). */
  g_signal_connect_object (tsg_list_panel_get_model (panel), "loaded",
                           G_CALLBACK (on_first_load_cb), self, G_CONNECT_SWAPPED);
  self->callback_id = g_timeout_add_seconds (CALLBACK_CHECK_SECONDS, check_callbacks_cb, self);
  /* Reminders that fell due while the app was closed fire at start. */
  tsg_call_log_view_check_callbacks (self);
}

static void
tsg_call_log_view_dispose (GObject *object)
{
  TsgCallLogView *self = TSG_CALL_LOG_VIEW (object);

  g_clear_handle_id (&self->callback_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->editor != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->editor), on_editor_destroyed_cb, self);
      self->editor = NULL;
    }
  g_clear_pointer (&self->staff_ids, g_array_unref);
  G_OBJECT_CLASS (tsg_call_log_view_parent_class)->dispose (object);
}

static void
tsg_call_log_view_class_init (TsgCallLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TsgListPanelClass *panel_class = TSG_LIST_PANEL_CLASS (klass);

  object_class->dispose = tsg_call_log_view_dispose;
  panel_class->kind = TSG_LIST_CONTACTS;
  panel_class->setup = tsg_call_log_view_setup;
  panel_class->activated = tsg_call_log_view_activated;

  /**
   * TsgCallLogView::exported:
   * @ok: whether the file was written
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "call-log.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "call-log.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "call-log.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "call-log.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "call-log.clear-filters", NULL, clear_filters_action);
}

static void
tsg_call_log_view_init (TsgCallLogView *self)
{
  panel_widget_set_id (PANEL_WIDGET (self), "call-log");
  panel_widget_set_title (PANEL_WIDGET (self), _("Call Log"));
  panel_widget_set_icon_name (PANEL_WIDGET (self), "call-start-symbolic");

  self->staff_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  build_counters (self);
  build_filters (self);
  build_toolbar_buttons (self);
}

GtkWidget *
tsg_call_log_view_new (void)
{
  return g_object_new (TSG_TYPE_CALL_LOG_VIEW, NULL);
}

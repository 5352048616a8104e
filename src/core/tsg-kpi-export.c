/* tsg-kpi-export.c: the KPI report as JSON (the contract of DESIGN.md) and CSV
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-kpi-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-kpi-report.h"

/* --- JSON ---------------------------------------------------------------
 *
 * A shown count is a number; under publication a count from 1 to 9 is the
 * string "<10" and a withheld one is null. Ratios are numbers from 0 to 1,
 * or null when they cannot be shown. Closed vocabularies (channels, age
 * bands, topics…) are objects keyed by identifier with every identifier
 * present; lists whose keys come from the data (municipalities, agencies,
 * points, trainings) are arrays of objects, largest first.
 */

static void
add_cell (JsonBuilder      *b,
          const char       *member,
          const TsgKpiCell *cell)
{
  if (member != NULL)
    json_builder_set_member_name (b, member);
  switch (cell->state)
    {
    case TSG_CELL_SHOWN:
      json_builder_add_int_value (b, cell->value);
      break;
    case TSG_CELL_SMALL:
      json_builder_add_string_value (b, "<10");
      break;
    case TSG_CELL_WITHHELD:
    default:
      json_builder_add_null_value (b);
    }
}

static void
add_ratio (JsonBuilder *b,
           const char  *member,
           gboolean     shown,
           double       ratio)
{
  json_builder_set_member_name (b, member);
  if (shown && !isnan (ratio))
    json_builder_add_double_value (b, ratio);
  else
    json_builder_add_null_value (b);
}

/* A count kept in a double (targets): an integer in the JSON. */
static void
add_number (JsonBuilder *b,
            const char  *member,
            gboolean     shown,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (shown && !isnan (value))
    json_builder_add_int_value (b, (gint64) llround (value));
  else
    json_builder_add_null_value (b);
}

/* {"id": count, …} from column @c of @table */
static void
add_map (JsonBuilder       *b,
         const char        *member,
         const TsgKpiTable *table,
         guint              c)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (table->rows, i);
      add_cell (b, row->key, &row->cells[c]);
    }
  json_builder_end_object (b);
}

/* [{"<key_member>": key, "name": label, "<value_member>": count}, …] */
static void
add_list (JsonBuilder       *b,
          const char        *member,
          const TsgKpiTable *table,
          const char        *key_member,
          const char        *value_member)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (table->rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, key_member);
      if (row->key != NULL && *row->key != '\0')
        json_builder_add_string_value (b, row->key);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, row->label);
      add_cell (b, value_member, &row->cells[0]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_monthly (JsonBuilder        *b,
             const TsgKpiReport *r)
{
  json_builder_set_member_name (b, "monthly");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->monthly->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "month");
      json_builder_add_string_value (b, row->key);
      add_cell (b, "contacts", &row->cells[0]);
      add_cell (b, "previous_year", &row->cells[1]);
      add_cell (b, "two_years_before", &row->cells[2]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "previous_years");
  json_builder_begin_object (b);
  add_cell (b, "previous_year", &r->monthly->totals[1]);
  add_cell (b, "two_years_before", &r->monthly->totals[2]);
  json_builder_end_object (b);
}

static void
add_channels (JsonBuilder        *b,
              const TsgKpiReport *r)
{
  const TsgKpiTable *t = r->by_channel;

  add_map (b, "by_channel", t, 0);
  add_map (b, "first_contacts_by_channel", t, 1);
  json_builder_set_member_name (b, "first_contact_ratio_by_channel");
  json_builder_begin_object (b);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (t->rows, i);
      double ratio;
      gboolean shown = tsg_kpi_table_get_ratio (t, row, &ratio);

      add_ratio (b, row->key, shown, ratio);
    }
  json_builder_end_object (b);
}

static void
add_distributions (JsonBuilder        *b,
                   const TsgKpiReport *r)
{
  const TsgKpiTable *t = r->distributions_by_point;

  add_cell (b, "distributions", &r->distributions);
  json_builder_set_member_name (b, "distributions_by_point");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (t->rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "point");
      json_builder_add_string_value (b, row->key);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, row->label);
      add_cell (b, "quantity", &row->total);
      json_builder_set_member_name (b, "items");
      json_builder_begin_object (b);
      for (guint c = 0; c < t->n_columns; c++)
        add_cell (b, t->column_ids[c], &row->cells[c]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "distributions_by_item");
  json_builder_begin_array (b);
  for (guint c = 0; c < t->n_columns; c++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, t->column_ids[c]);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, t->column_labels[c]);
      add_cell (b, "quantity", &t->totals[c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_trainings (JsonBuilder        *b,
               const TsgKpiReport *r)
{
  const TsgKpiTable *s = r->training_survey;
  const TsgKpiTable *p = r->training_participants_by_session;
  double rate;
  gboolean shown;

  add_cell (b, "training_sessions", &r->training_sessions);
  add_cell (b, "training_participants", &r->training_participants);
  shown = tsg_kpi_report_get_usefulness_rate (r, &rate);
  add_ratio (b, "usefulness_rate", shown, rate);
  json_builder_set_member_name (b, "trainings");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (s->rows, i);
      const TsgKpiRow *prow = tsg_kpi_table_find_row ((TsgKpiTable *) p, row->key);

      const TsgKpiSession *session = g_ptr_array_index (r->sessions, i);

      g_assert (g_str_equal (session->key, row->key));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "held_on");
      json_builder_add_string_value (b, session->held_on);
      json_builder_set_member_name (b, "theme");
      json_builder_add_string_value (b, session->theme);
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, session->mode);
      json_builder_set_member_name (b, "participants_by_affiliation");
      json_builder_begin_object (b);
      for (guint c = 0; prow != NULL && c < p->n_columns; c++)
        add_cell (b, p->column_ids[c], &prow->cells[c]);
      json_builder_end_object (b);
      if (prow != NULL)
        add_cell (b, "participants", &prow->total);
      else
        add_cell (b, "participants", &(TsgKpiCell) { 0, TSG_CELL_SHOWN });
      json_builder_set_member_name (b, "survey");
      json_builder_begin_object (b);
      for (guint c = 0; c < s->n_columns; c++)
        add_cell (b, s->column_ids[c], &row->cells[c]);
      json_builder_end_object (b);
      shown = tsg_kpi_table_get_ratio (s, row, &rate);
      add_ratio (b, "usefulness_rate", shown, rate);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_targets (JsonBuilder        *b,
             const TsgKpiReport *r)
{
  json_builder_set_member_name (b, "targets");
  json_builder_begin_array (b);
  for (guint k = 0; k < TSG_N_KPIS; k++)
    {
      double actual, target = r->targets[k];
      gboolean shown = tsg_kpi_report_get_actual (r, k, &actual);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kpi");
      json_builder_add_string_value (b, tsg_kpi_to_id (k));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tsg_kpi_label (k));
      if (tsg_kpi_is_ratio (k))
        {
          add_ratio (b, "target", !isnan (target), target);
          add_ratio (b, "actual", shown, actual);
        }
      else
        {
          add_number (b, "target", !isnan (target), target);
          add_number (b, "actual", shown, actual);
        }
      add_ratio (b, "achievement", shown && !isnan (target) && target > 0, actual / target);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
iso_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%d");
}

JsonNode *
tsg_kpi_report_to_json (const TsgKpiReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *label = tsg_format_fiscal_year (r->fiscal_year);
  g_autofree char *from = iso_date (r->period_start);
  g_autofree char *to = iso_date (r->period_end - 1);
  double ratio;
  gboolean shown;

  g_return_val_if_fail (r != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fiscal_year");
  json_builder_add_int_value (b, r->fiscal_year);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label);
  json_builder_set_member_name (b, "period_start");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "period_end");
  json_builder_add_string_value (b, to);
  json_builder_set_member_name (b, "publication");
  json_builder_add_boolean_value (b, r->publication);

  add_monthly (b, r);
  add_cell (b, "total_contacts", &r->total_contacts);
  add_cell (b, "unique_clients", &r->unique_clients);
  add_cell (b, "anonymous_contacts", &r->anonymous_contacts);
  add_cell (b, "first_contacts", &r->first_contacts);
  shown = tsg_kpi_ratio (&r->first_contacts, &r->total_contacts, &ratio);
  add_ratio (b, "first_contact_ratio", shown, ratio);
  add_channels (b, r);
  add_map (b, "by_age_band", r->by_age_band, 0);
  shown = tsg_kpi_report_get_young_share (r, &ratio);
  add_ratio (b, "teens_and_twenties_share", shown, ratio);
  add_map (b, "by_topic", r->by_topic, 0);
  add_list (b, "by_municipality", r->by_municipality, "municipality", "contacts");
  add_cell (b, "accompaniments", &r->accompaniments);
  add_list (b, "accompaniments_by_destination", r->accompaniments_by_destination, "organization", "count");
  add_cell (b, "outreach", &r->outreach);
  add_cell (b, "referrals", &r->referrals);
  add_map (b, "referrals_by_category", r->referrals_by_category, 0);
  add_distributions (b, r);
  add_cell (b, "contacts_via_distribution_points", &r->attributed_contacts);
  add_list (b, "contacts_by_distribution_point", r->contacts_by_point, "point", "contacts");
  add_cell (b, "non_data_contacts", &r->non_data_contacts);
  add_map (b, "non_data_by_type", r->non_data_by_type, 0);
  add_trainings (b, r);
  add_targets (b, r);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- CSV ----------------------------------------------------------------
 *
 * What spreadsheet programs open without asking: UTF-8 with a byte-order
 * mark (Excel reads BOM-less files as Shift_JIS in Japan), CRLF line ends,
 * RFC 4180 quoting. The report is a column of sections, one per table, each
 * with a title line, a header line and a blank line after it.
 */

static void
csv_field (GString    *out,
           const char *text,
           gboolean    first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  /* A text starting with = + - @ would be read as a formula: an apostrophe
   * keeps it text (numbers never get here). */
  quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (*text) ||
          (*text != '\0' && g_ascii_isspace (text[strlen (text) - 1]));
  if (strchr ("=+-@\t", *text) != NULL && *text != '\0')
    {
      g_string_append (out, "\"'");
      quote = TRUE;
    }
  else if (quote)
    g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
csv_end_line (GString *out)
{
  g_string_append (out, "\r\n");
}

/* Numbers are written plainly (no thousands separator) so that they stay
 * numbers in the spreadsheet. */
static void
csv_cell (GString          *out,
          const TsgKpiCell *cell)
{
  if (cell->state == TSG_CELL_SHOWN)
    g_string_append_printf (out, ",%" G_GINT64_FORMAT, cell->value);
  else
    csv_field (out, cell->state == TSG_CELL_SMALL ? "<10" : "x", FALSE);
}

static void
csv_ratio (GString  *out,
           gboolean  shown,
           double    ratio)
{
  g_autofree char *text = shown ? g_strdup_printf ("%.1f%%", ratio * 100.0) : g_strdup ("");

  csv_field (out, text, FALSE);
}

static void
csv_table (GString           *out,
           const TsgKpiTable *t)
{
  gboolean row_totals = (t->flags & TSG_KPI_TABLE_ROW_TOTALS) != 0;
  double ratio;

  csv_field (out, t->title, TRUE);
  csv_end_line (out);
  csv_field (out, t->key_title, TRUE);
  if (t->detail_title != NULL)
    csv_field (out, t->detail_title, FALSE);
  for (guint c = 0; c < t->n_columns; c++)
    csv_field (out, t->column_labels[c], FALSE);
  if (row_totals)
    csv_field (out, _("Total"), FALSE);
  if (t->ratio_kind != TSG_KPI_RATIO_NONE)
    csv_field (out, t->ratio_title, FALSE);
  csv_end_line (out);

  for (guint i = 0; i < t->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (t->rows, i);

      csv_field (out, row->label, TRUE);
      if (t->detail_title != NULL)
        csv_field (out, row->detail, FALSE);
      for (guint c = 0; c < t->n_columns; c++)
        csv_cell (out, &row->cells[c]);
      if (row_totals)
        csv_cell (out, &row->total);
      if (t->ratio_kind != TSG_KPI_RATIO_NONE)
        {
          gboolean shown = tsg_kpi_table_get_ratio (t, row, &ratio);
          csv_ratio (out, shown, ratio);
        }
      csv_end_line (out);
    }
  if (t->flags & TSG_KPI_TABLE_COLUMN_TOTALS)
    {
      csv_field (out, _("Total"), TRUE);
      if (t->detail_title != NULL)
        csv_field (out, "", FALSE);
      for (guint c = 0; c < t->n_columns; c++)
        csv_cell (out, &t->totals[c]);
      if (row_totals)
        csv_cell (out, &t->grand_total);
      if (t->ratio_kind != TSG_KPI_RATIO_NONE)
        {
          gboolean shown = tsg_kpi_table_get_ratio (t, NULL, &ratio);
          csv_ratio (out, shown, ratio);
        }
      csv_end_line (out);
    }
  csv_end_line (out);
}

static void
csv_summary_cell (GString          *out,
                  const char       *label,
                  const TsgKpiCell *cell)
{
  csv_field (out, label, TRUE);
  csv_cell (out, cell);
  csv_end_line (out);
}

static void
csv_summary_ratio (GString    *out,
                   const char *label,
                   gboolean    shown,
                   double      ratio)
{
  csv_field (out, label, TRUE);
  csv_ratio (out, shown, ratio);
  csv_end_line (out);
}

static void
csv_summary (GString            *out,
             const TsgKpiReport *r)
{
  double ratio;
  gboolean shown;

  csv_field (out, _("Summary"), TRUE);
  csv_end_line (out);
  csv_summary_cell (out, _("Contacts"), &r->total_contacts);
  csv_summary_cell (out, _("Clients (unique)"), &r->unique_clients);
  csv_summary_cell (out, _("Anonymous contacts"), &r->anonymous_contacts);
  csv_summary_cell (out, _("First contacts"), &r->first_contacts);
  shown = tsg_kpi_ratio (&r->first_contacts, &r->total_contacts, &ratio);
  csv_summary_ratio (out, _("First-contact ratio"), shown, ratio);
  shown = tsg_kpi_report_get_young_share (r, &ratio);
  csv_summary_ratio (out, _("Share of teens and twenties"), shown, ratio);
  csv_summary_cell (out, _("Accompaniments"), &r->accompaniments);
  csv_summary_cell (out, _("Outreach visits"), &r->outreach);
  csv_summary_cell (out, _("Referrals"), &r->referrals);
  csv_summary_cell (out, _("Products handed out"), &r->distributions);
  csv_summary_cell (out, _("Contacts who learnt of us at a distribution point"), &r->attributed_contacts);
  csv_summary_cell (out, _("Other calls (not consultations)"), &r->non_data_contacts);
  csv_summary_cell (out, _("Training sessions"), &r->training_sessions);
  csv_summary_cell (out, _("Training participants"), &r->training_participants);
  shown = tsg_kpi_report_get_usefulness_rate (r, &ratio);
  csv_summary_ratio (out, _("Usefulness rate"), shown, ratio);
  csv_end_line (out);
}

static void
csv_targets (GString            *out,
             const TsgKpiReport *r)
{
  csv_field (out, _("Targets and results"), TRUE);
  csv_end_line (out);
  csv_field (out, _("Indicator"), TRUE);
  csv_field (out, _("Target"), FALSE);
  csv_field (out, _("Actual"), FALSE);
  csv_field (out, _("Achievement"), FALSE);
  csv_end_line (out);
  for (guint k = 0; k < TSG_N_KPIS; k++)
    {
      double actual, target = r->targets[k];
      gboolean shown = tsg_kpi_report_get_actual (r, k, &actual);

      if (isnan (target))
        continue;
      csv_field (out, tsg_kpi_label (k), TRUE);
      if (tsg_kpi_is_ratio (k))
        {
          csv_ratio (out, TRUE, target);
          csv_ratio (out, shown, actual);
        }
      else
        {
          g_string_append_printf (out, ",%.0f", target);
          if (shown)
            g_string_append_printf (out, ",%.0f", actual);
          else
            csv_field (out, "", FALSE);
        }
      csv_ratio (out, shown && target > 0, actual / target);
      csv_end_line (out);
    }
  csv_end_line (out);
}

GBytes *
tsg_kpi_report_to_csv (const TsgKpiReport *r)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *label = tsg_format_fiscal_year (r->fiscal_year);
  g_autofree char *from = iso_date (r->period_start);
  g_autofree char *to = iso_date (r->period_end - 1);
  g_autofree char *period = g_strdup_printf ("%s – %s", from, to);

  g_return_val_if_fail (r != NULL, NULL);

  csv_field (out, _("KPI report"), TRUE);
  csv_field (out, label, FALSE);
  csv_field (out, period, FALSE);
  csv_end_line (out);
  if (r->publication)
    {
      csv_field (out, _("For publication: counts from 1 to 9 are shown as <10; x marks a figure withheld so that they cannot be worked out from a total."), TRUE);
      csv_end_line (out);
    }
  csv_end_line (out);
  csv_summary (out, r);
  for (guint i = 0; i < tsg_kpi_report_get_n_tables (r); i++)
    csv_table (out, tsg_kpi_report_get_table (r, i));
  csv_targets (out, r);
  return g_string_free_to_bytes (out);
}

/* tsg-kpi-report.c: the report model and the publication rule
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-kpi-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-kpi-report.h"

G_DEFINE_BOXED_TYPE (TsgKpiReport, tsg_kpi_report, tsg_kpi_report_ref, tsg_kpi_report_unref)

/* Below this a count is not published ("<10"). */
#define SMALL_COUNT_LIMIT 10

static const struct
{
  const char *id;
  const char *label;
  gboolean    ratio;
} kpis[TSG_N_KPIS] = {
  { "total_contacts", N_("Contacts"), FALSE },
  { "unique_clients", N_("Clients (unique)"), FALSE },
  { "first_contact_ratio", N_("First-contact ratio"), TRUE },
  { "first_contact_ratio_free_dial", N_("First-contact ratio on the free-dial line"), TRUE },
  { "accompaniments", N_("Accompaniments"), FALSE },
  { "outreach", N_("Outreach visits"), FALSE },
  { "referrals", N_("Referrals"), FALSE },
  { "distributions", N_("Products handed out"), FALSE },
  { "training_sessions", N_("Training sessions"), FALSE },
  { "training_participants", N_("Training participants"), FALSE },
  { "usefulness_rate", N_("Usefulness rate"), TRUE },
};

static const struct
{
  const char *id;
  const char *label;
} survey_answers[TSG_N_SURVEY_ANSWERS] = {
  { "very_good", NC_("survey answer", "Very good") },
  { "good", NC_("survey answer", "Good") },
  { "neutral", NC_("survey answer", "Neutral") },
  { "poor", NC_("survey answer", "Not very good") },
  { "very_poor", NC_("survey answer", "Poor") },
};

const char *
tsg_kpi_to_id (TsgKpi kpi)
{
  g_return_val_if_fail (kpi < TSG_N_KPIS, NULL);
  return kpis[kpi].id;
}

gboolean
tsg_kpi_from_id (const char *id,
                 TsgKpi     *kpi)
{
  for (guint i = 0; i < TSG_N_KPIS; i++)
    if (g_strcmp0 (kpis[i].id, id) == 0)
      {
        *kpi = (TsgKpi) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tsg_kpi_label (TsgKpi kpi)
{
  g_return_val_if_fail (kpi < TSG_N_KPIS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kpis[kpi].label);
}

gboolean
tsg_kpi_is_ratio (TsgKpi kpi)
{
  g_return_val_if_fail (kpi < TSG_N_KPIS, FALSE);
  return kpis[kpi].ratio;
}

const char *
tsg_survey_answer_id (TsgSurveyAnswer answer)
{
  g_return_val_if_fail (answer < TSG_N_SURVEY_ANSWERS, NULL);
  return survey_answers[answer].id;
}

const char *
tsg_survey_answer_label (TsgSurveyAnswer answer)
{
  g_return_val_if_fail (answer < TSG_N_SURVEY_ANSWERS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "survey answer", survey_answers[answer].label);
}

/* --- tables ------------------------------------------------------------ */

static void
kpi_row_free (gpointer data)
{
  TsgKpiRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_free (row->detail);
  g_free (row->cells);
  g_free (row);
}

TsgKpiTable *
tsg_kpi_table_new (const char        *id,
                   const char        *title,
                   const char        *key_title,
                   TsgKpiTableFlags   flags,
                   const char *const *column_ids,
                   const char *const *column_labels)
{
  TsgKpiTable *table = g_new0 (TsgKpiTable, 1);

  table->id = g_strdup (id);
  table->title = g_strdup (title);
  table->key_title = g_strdup (key_title);
  table->flags = flags;
  table->column_ids = g_strdupv ((char **) column_ids);
  table->column_labels = g_strdupv ((char **) column_labels);
  table->n_columns = g_strv_length (table->column_ids);
  g_assert (g_strv_length (table->column_labels) == table->n_columns);
  table->rows = g_ptr_array_new_with_free_func (kpi_row_free);
  table->totals = g_new0 (TsgKpiCell, MAX (table->n_columns, 1));
  return table;
}

void
tsg_kpi_table_free (TsgKpiTable *table)
{
  if (table == NULL)
    return;
  g_free (table->id);
  g_free (table->title);
  g_free (table->key_title);
  g_strfreev (table->column_ids);
  g_strfreev (table->column_labels);
  g_ptr_array_unref (table->rows);
  g_free (table->totals);
  g_free (table->detail_title);
  g_free (table->ratio_title);
  g_free (table);
}

void
tsg_kpi_table_set_ratio (TsgKpiTable     *table,
                         TsgKpiRatioKind  kind,
                         const char      *title)
{
  table->ratio_kind = kind;
  g_free (table->ratio_title);
  table->ratio_title = g_strdup (title);
}

gboolean
tsg_kpi_table_get_ratio (const TsgKpiTable *table,
                         const TsgKpiRow   *row,
                         double            *ratio)
{
  const TsgKpiCell *cells = row ? row->cells : table->totals;
  const TsgKpiCell *total = row ? &row->total : &table->grand_total;

  *ratio = NAN;
  switch (table->ratio_kind)
    {
    case TSG_KPI_RATIO_COLUMNS:
      return tsg_kpi_ratio (&cells[1], &cells[0], ratio);
    case TSG_KPI_RATIO_SHARE:
      return tsg_kpi_ratio (&cells[0], &table->totals[0], ratio);
    case TSG_KPI_RATIO_USEFULNESS:
      {
        TsgKpiRow r = { NULL, NULL, NULL, (TsgKpiCell *) cells, *total };
        return tsg_kpi_usefulness_rate (&r, ratio);
      }
    case TSG_KPI_RATIO_NONE:
    default:
      return FALSE;
    }
}

static TsgKpiTable *
kpi_table_copy (const TsgKpiTable *table)
{
  TsgKpiTable *copy;

  if (table == NULL)
    return NULL;
  copy = tsg_kpi_table_new (table->id, table->title, table->key_title, table->flags,
                            (const char *const *) table->column_ids,
                            (const char *const *) table->column_labels);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const TsgKpiRow *row = g_ptr_array_index (table->rows, i);
      TsgKpiRow *r = tsg_kpi_table_add_row (copy, row->key, row->label);

      r->detail = g_strdup (row->detail);
      memcpy (r->cells, row->cells, sizeof (TsgKpiCell) * table->n_columns);
      r->total = row->total;
    }
  memcpy (copy->totals, table->totals, sizeof (TsgKpiCell) * table->n_columns);
  copy->grand_total = table->grand_total;
  copy->detail_title = g_strdup (table->detail_title);
  tsg_kpi_table_set_ratio (copy, table->ratio_kind, table->ratio_title);
  return copy;
}

TsgKpiRow *
tsg_kpi_table_add_row (TsgKpiTable *table,
                       const char  *key,
                       const char  *label)
{
  TsgKpiRow *row = g_new0 (TsgKpiRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (label ? label : key);
  row->cells = g_new0 (TsgKpiCell, MAX (table->n_columns, 1));
  g_ptr_array_add (table->rows, row);
  return row;
}

TsgKpiRow *
tsg_kpi_table_find_row (TsgKpiTable *table,
                        const char  *key)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (table->rows, i);
      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

int
tsg_kpi_table_column (const TsgKpiTable *table,
                      const char        *column_id)
{
  for (guint c = 0; c < table->n_columns; c++)
    if (g_str_equal (table->column_ids[c], column_id))
      return (int) c;
  return -1;
}

void
tsg_kpi_table_sum (TsgKpiTable *table)
{
  table->grand_total.value = 0;
  for (guint c = 0; c < table->n_columns; c++)
    table->totals[c].value = 0;
  for (guint i = 0; i < table->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (table->rows, i);

      row->total.value = 0;
      for (guint c = 0; c < table->n_columns; c++)
        {
          row->total.value += row->cells[c].value;
          table->totals[c].value += row->cells[c].value;
        }
      table->grand_total.value += row->total.value;
    }
}

/* --- the report -------------------------------------------------------- */

static void
kpi_session_free (gpointer data)
{
  TsgKpiSession *session = data;

  g_free (session->key);
  g_free (session->held_on);
  g_free (session->theme);
  g_free (session->mode);
  g_free (session);
}

TsgKpiReport *
tsg_kpi_report_new (int fiscal_year)
{
  TsgKpiReport *self = g_new0 (TsgKpiReport, 1);

  self->ref_count = 1;
  self->sessions = g_ptr_array_new_with_free_func (kpi_session_free);
  self->fiscal_year = fiscal_year;
  for (guint i = 0; i < TSG_N_KPIS; i++)
    self->targets[i] = NAN;
  return self;
}

TsgKpiReport *
tsg_kpi_report_ref (TsgKpiReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/* The tables in display order; the offsets let copy and free walk them. */
static const gsize table_offsets[] = {
  G_STRUCT_OFFSET (TsgKpiReport, monthly),
  G_STRUCT_OFFSET (TsgKpiReport, by_channel),
  G_STRUCT_OFFSET (TsgKpiReport, by_age_band),
  G_STRUCT_OFFSET (TsgKpiReport, by_topic),
  G_STRUCT_OFFSET (TsgKpiReport, by_municipality),
  G_STRUCT_OFFSET (TsgKpiReport, accompaniments_by_destination),
  G_STRUCT_OFFSET (TsgKpiReport, referrals_by_category),
  G_STRUCT_OFFSET (TsgKpiReport, distributions_by_point),
  G_STRUCT_OFFSET (TsgKpiReport, contacts_by_point),
  G_STRUCT_OFFSET (TsgKpiReport, non_data_by_type),
  G_STRUCT_OFFSET (TsgKpiReport, training_participants_by_session),
  G_STRUCT_OFFSET (TsgKpiReport, training_survey),
};

#define TABLE_AT(report, i) (*(TsgKpiTable **) G_STRUCT_MEMBER_P ((report), table_offsets[(i)]))

void
tsg_kpi_report_unref (TsgKpiReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (table_offsets); i++)
    tsg_kpi_table_free (TABLE_AT (self, i));
  g_ptr_array_unref (self->sessions);
  g_free (self);
}

guint
tsg_kpi_report_get_n_tables (const TsgKpiReport *self)
{
  return G_N_ELEMENTS (table_offsets);
}

TsgKpiTable *
tsg_kpi_report_get_table (const TsgKpiReport *self,
                          guint               index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (table_offsets), NULL);
  return TABLE_AT (self, index);
}

static gboolean
cell_shown (const TsgKpiCell *cell)
{
  return cell->state == TSG_CELL_SHOWN;
}

gboolean
tsg_kpi_ratio (const TsgKpiCell *numerator,
               const TsgKpiCell *denominator,
               double           *ratio)
{
  *ratio = NAN;
  if (!cell_shown (numerator) || !cell_shown (denominator) || denominator->value == 0)
    return FALSE;
  *ratio = (double) numerator->value / (double) denominator->value;
  return TRUE;
}

gboolean
tsg_kpi_usefulness_rate (const TsgKpiRow *survey_row,
                         double          *rate)
{
  TsgKpiCell top = {
    survey_row->cells[TSG_SURVEY_VERY_GOOD].value + survey_row->cells[TSG_SURVEY_GOOD].value,
    cell_shown (&survey_row->cells[TSG_SURVEY_VERY_GOOD]) && cell_shown (&survey_row->cells[TSG_SURVEY_GOOD])
      ? TSG_CELL_SHOWN : TSG_CELL_WITHHELD,
  };

  return tsg_kpi_ratio (&top, &survey_row->total, rate);
}

gboolean
tsg_kpi_report_get_usefulness_rate (const TsgKpiReport *self,
                                    double             *rate)
{
  TsgKpiRow all = { NULL, NULL, NULL, self->training_survey->totals, self->training_survey->grand_total };

  return tsg_kpi_usefulness_rate (&all, rate);
}

gboolean
tsg_kpi_report_get_young_share (const TsgKpiReport *self,
                                double             *share)
{
  TsgKpiRow *teens = tsg_kpi_table_find_row (self->by_age_band, "teens");
  TsgKpiRow *twenties = tsg_kpi_table_find_row (self->by_age_band, "20s");
  TsgKpiCell young;

  g_assert (teens != NULL && twenties != NULL);
  young.value = teens->cells[0].value + twenties->cells[0].value;
  young.state = cell_shown (&teens->cells[0]) && cell_shown (&twenties->cells[0])
              ? TSG_CELL_SHOWN : TSG_CELL_WITHHELD;
  return tsg_kpi_ratio (&young, &self->total_contacts, share);
}

gboolean
tsg_kpi_report_get_actual (const TsgKpiReport *self,
                           TsgKpi              kpi,
                           double             *actual)
{
  const TsgKpiCell *cell = NULL;
  TsgKpiRow *free_dial;

  *actual = NAN;
  switch (kpi)
    {
    case TSG_KPI_TOTAL_CONTACTS: cell = &self->total_contacts; break;
    case TSG_KPI_UNIQUE_CLIENTS: cell = &self->unique_clients; break;
    case TSG_KPI_ACCOMPANIMENTS: cell = &self->accompaniments; break;
    case TSG_KPI_OUTREACH: cell = &self->outreach; break;
    case TSG_KPI_REFERRALS: cell = &self->referrals; break;
    case TSG_KPI_DISTRIBUTIONS: cell = &self->distributions; break;
    case TSG_KPI_TRAINING_SESSIONS: cell = &self->training_sessions; break;
    case TSG_KPI_TRAINING_PARTICIPANTS: cell = &self->training_participants; break;
    case TSG_KPI_FIRST_CONTACT_RATIO:
      return tsg_kpi_ratio (&self->first_contacts, &self->total_contacts, actual);
    case TSG_KPI_FIRST_CONTACT_RATIO_FREE_DIAL:
      free_dial = tsg_kpi_table_find_row (self->by_channel, "free_dial");
      return free_dial != NULL && tsg_kpi_ratio (&free_dial->cells[1], &free_dial->cells[0], actual);
    case TSG_KPI_USEFULNESS_RATE:
      return tsg_kpi_report_get_usefulness_rate (self, actual);
    case TSG_N_KPIS:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!cell_shown (cell))
    return FALSE;
  *actual = (double) cell->value;
  return TRUE;
}

char *
tsg_kpi_cell_format (const TsgKpiCell *cell)
{
  char digits[32];
  GString *s;
  int n, lead;

  if (cell->state == TSG_CELL_SMALL)
    return g_strdup ("<10");
  if (cell->state == TSG_CELL_WITHHELD)
    return g_strdup ("x");
  n = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, ABS (cell->value));
  s = g_string_new (cell->value < 0 ? "-" : "");
  lead = n % 3 == 0 ? 3 : n % 3;
  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (i - lead) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

char *
tsg_kpi_format_ratio (gboolean shown,
                      double   ratio)
{
  if (!shown || isnan (ratio))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", ratio * 100.0);
}

/* --- publication --------------------------------------------------------
 *
 * The rule, applied to a copy of the report:
 *
 * 1. Primary suppression: every count from 1 to 9 — a cell, a row or column
 *    total, a headline figure — is shown as "<10" (TSG_CELL_SMALL). Zeros are
 *    shown: "nobody" identifies nobody. The one count that is not about
 *    people, the number of training sessions the office held, is shown.
 *
 * 2. Complementary suppression. Every table with totals is a set of lines:
 *    each column (its cells and the column total), each row (its cells and the
 *    row total), and the row totals and the column totals (with the grand
 *    total). In a line where exactly one figure is hidden, that figure is the
 *    published total minus the published cells — it could be worked out. So
 *    the smallest other non-zero cell of the line is hidden too ("x",
 *    TSG_CELL_WITHHELD); only the sum of two hidden cells can then be derived.
 *    This repeats until no line has exactly one hidden figure, because hiding
 *    a cell can leave a crossing line (the other direction of a two-way
 *    table) with one. Where no other cell of the line can be hidden (all the
 *    others are zero), the line's total is not published (withheld) instead.
 *    Cells are hidden rather than totals because the same totals (the
 *    contacts of the year) are the sum of several tables — months, channels,
 *    age bands, municipalities: withholding it under one table would not stop
 *    adding up another one to get it back.
 *
 * 3. A headline figure is the total of the tables listed in link_totals();
 *    it takes the most restrictive state of them, and they of it.
 *
 * 4. Ratios and shares are shown only when both their numerator and their
 *    denominator are shown (tsg_kpi_ratio): a rate times a published total
 *    would give the hidden count back.
 */

static void
primary_suppress (TsgKpiCell *cell)
{
  if (cell->value >= 1 && cell->value < SMALL_COUNT_LIMIT)
    cell->state = TSG_CELL_SMALL;
  else
    cell->state = TSG_CELL_SHOWN;
}

static void
primary_suppress_table (TsgKpiTable *table)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (table->rows, i);

      for (guint c = 0; c < table->n_columns; c++)
        primary_suppress (&row->cells[c]);
      primary_suppress (&row->total);
    }
  for (guint c = 0; c < table->n_columns; c++)
    primary_suppress (&table->totals[c]);
  primary_suppress (&table->grand_total);
}

/* One line: @n members and the total they add up to. Returns TRUE when it
 * hid something. */
static gboolean
protect_line (TsgKpiCell **members,
              guint        n,
              TsgKpiCell  *total)
{
  guint hidden = total->state != TSG_CELL_SHOWN;
  TsgKpiCell *smallest = NULL;

  for (guint i = 0; i < n; i++)
    hidden += members[i]->state != TSG_CELL_SHOWN;
  if (hidden != 1)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (members[i]->state == TSG_CELL_SHOWN && members[i]->value > 0 &&
        (smallest == NULL || members[i]->value < smallest->value))
      smallest = members[i];
  if (smallest == NULL)
    smallest = total;
  smallest->state = TSG_CELL_WITHHELD;
  return TRUE;
}

static gboolean
protect_table (TsgKpiTable *table)
{
  g_autofree TsgKpiCell **line = g_new (TsgKpiCell *, MAX (table->rows->len, table->n_columns) + 1);
  gboolean changed = FALSE;

  if (table->flags & TSG_KPI_TABLE_COLUMN_TOTALS)
    for (guint c = 0; c < table->n_columns; c++)
      {
        for (guint i = 0; i < table->rows->len; i++)
          line[i] = &((TsgKpiRow *) g_ptr_array_index (table->rows, i))->cells[c];
        changed |= protect_line (line, table->rows->len, &table->totals[c]);
      }
  if (table->flags & TSG_KPI_TABLE_ROW_TOTALS)
    for (guint i = 0; i < table->rows->len; i++)
      {
        TsgKpiRow *row = g_ptr_array_index (table->rows, i);

        for (guint c = 0; c < table->n_columns; c++)
          line[c] = &row->cells[c];
        changed |= protect_line (line, table->n_columns, &row->total);
      }
  if ((table->flags & TSG_KPI_TABLE_ROW_TOTALS) && (table->flags & TSG_KPI_TABLE_COLUMN_TOTALS))
    {
      for (guint i = 0; i < table->rows->len; i++)
        line[i] = &((TsgKpiRow *) g_ptr_array_index (table->rows, i))->total;
      changed |= protect_line (line, table->rows->len, &table->grand_total);
      for (guint c = 0; c < table->n_columns; c++)
        line[c] = &table->totals[c];
      changed |= protect_line (line, table->n_columns, &table->grand_total);
    }
  return changed;
}

/* Makes every cell of @cells take the most restrictive state among them. */
static gboolean
link_cells (TsgKpiCell **cells,
            guint        n)
{
  TsgCellState state = TSG_CELL_SHOWN;
  gboolean changed = FALSE;

  for (guint i = 0; i < n; i++)
    state = MAX (state, cells[i]->state);
  for (guint i = 0; i < n; i++)
    if (cells[i]->state != state)
      {
        cells[i]->state = state;
        changed = TRUE;
      }
  return changed;
}

static TsgKpiCell *
column_total (TsgKpiTable *table,
              const char  *column_id)
{
  int c = tsg_kpi_table_column (table, column_id);

  g_assert (c >= 0);
  return &table->totals[c];
}

/* The same figure in several places must be hidden in all or none. */
static gboolean
link_totals (TsgKpiReport *r)
{
  gboolean changed = FALSE;
  TsgKpiCell *contacts[] = {
    &r->total_contacts, column_total (r->monthly, "contacts"), column_total (r->by_channel, "contacts"),
    column_total (r->by_age_band, "contacts"), column_total (r->by_municipality, "contacts"),
  };
  TsgKpiCell *first[] = { &r->first_contacts, column_total (r->by_channel, "first_contacts") };
  TsgKpiCell *accompaniments[] = { &r->accompaniments, &r->accompaniments_by_destination->totals[0] };
  TsgKpiCell *referrals[] = { &r->referrals, &r->referrals_by_category->totals[0] };
  TsgKpiCell *distributions[] = { &r->distributions, &r->distributions_by_point->grand_total };
  TsgKpiCell *attributed[] = { &r->attributed_contacts, &r->contacts_by_point->totals[0] };
  TsgKpiCell *non_data[] = { &r->non_data_contacts, &r->non_data_by_type->totals[0] };
  TsgKpiCell *participants[] = { &r->training_participants, &r->training_participants_by_session->grand_total };

  changed |= link_cells (contacts, G_N_ELEMENTS (contacts));
  changed |= link_cells (first, G_N_ELEMENTS (first));
  changed |= link_cells (accompaniments, G_N_ELEMENTS (accompaniments));
  changed |= link_cells (referrals, G_N_ELEMENTS (referrals));
  changed |= link_cells (distributions, G_N_ELEMENTS (distributions));
  changed |= link_cells (attributed, G_N_ELEMENTS (attributed));
  changed |= link_cells (non_data, G_N_ELEMENTS (non_data));
  changed |= link_cells (participants, G_N_ELEMENTS (participants));
  return changed;
}

TsgKpiReport *
tsg_kpi_report_for_publication (const TsgKpiReport *self)
{
  TsgKpiReport *copy;
  gboolean changed;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TsgKpiReport, 1);
  *copy = *self;
  copy->ref_count = 1;
  copy->publication = TRUE;
  g_ptr_array_ref (copy->sessions);
  for (guint i = 0; i < G_N_ELEMENTS (table_offsets); i++)
    TABLE_AT (copy, i) = kpi_table_copy (TABLE_AT (self, i));

  primary_suppress (&copy->total_contacts);
  primary_suppress (&copy->unique_clients);
  primary_suppress (&copy->anonymous_contacts);
  primary_suppress (&copy->first_contacts);
  primary_suppress (&copy->non_data_contacts);
  primary_suppress (&copy->accompaniments);
  primary_suppress (&copy->outreach);
  primary_suppress (&copy->referrals);
  primary_suppress (&copy->distributions);
  primary_suppress (&copy->attributed_contacts);
  /* training_sessions counts the office's own events, not people: shown. */
  primary_suppress (&copy->training_participants);
  for (guint i = 0; i < G_N_ELEMENTS (table_offsets); i++)
    primary_suppress_table (TABLE_AT (copy, i));

  /* Each pass hides at least one more cell, so this ends. */
  do
    {
      changed = link_totals (copy);
      for (guint i = 0; i < G_N_ELEMENTS (table_offsets); i++)
        changed |= protect_table (TABLE_AT (copy, i));
    }
  while (changed);
  return copy;
}

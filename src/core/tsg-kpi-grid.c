/* tsg-kpi-grid.c: the report's tables as rows of text (PDF, panel)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-kpi-grid"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "tsg-kpi-report.h"

static TsgKpiGrid *
grid_new (guint n_columns)
{
  TsgKpiGrid *grid = g_new0 (TsgKpiGrid, 1);

  grid->n_columns = n_columns;
  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  grid->numeric = g_new0 (gboolean, n_columns);
  return grid;
}

void
tsg_kpi_grid_free (TsgKpiGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_unref (grid->rows);
  g_free (grid->numeric);
  g_free (grid);
}

/* Row builder: a GStrv that grows. */
static GPtrArray *
row_new (void)
{
  return g_ptr_array_new ();
}

static void
row_take (GPtrArray *row,
          char      *text)
{
  g_ptr_array_add (row, text);
}

static void
grid_add_row (TsgKpiGrid *grid,
              GPtrArray  *row)
{
  g_assert (row->len == grid->n_columns);
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (grid->rows, g_ptr_array_free (row, FALSE));
}

static void
add_figures (GPtrArray         *out,
             const TsgKpiTable *t,
             const TsgKpiCell  *cells,
             const TsgKpiCell  *total,
             const TsgKpiRow   *row)
{
  double ratio;
  gboolean shown;

  for (guint c = 0; c < t->n_columns; c++)
    row_take (out, tsg_kpi_cell_format (&cells[c]));
  if (t->flags & TSG_KPI_TABLE_ROW_TOTALS)
    row_take (out, tsg_kpi_cell_format (total));
  if (t->ratio_kind != TSG_KPI_RATIO_NONE)
    {
      shown = tsg_kpi_table_get_ratio (t, row, &ratio);
      row_take (out, tsg_kpi_format_ratio (shown, ratio));
    }
}

TsgKpiGrid *
tsg_kpi_table_to_grid (const TsgKpiTable *t)
{
  gboolean row_totals = (t->flags & TSG_KPI_TABLE_ROW_TOTALS) != 0;
  guint n = 1 + (t->detail_title != NULL) + t->n_columns + row_totals + (t->ratio_kind != TSG_KPI_RATIO_NONE);
  TsgKpiGrid *grid = grid_new (n);
  GPtrArray *row = row_new ();

  for (guint c = 1 + (t->detail_title != NULL); c < n; c++)
    grid->numeric[c] = TRUE;
  row_take (row, g_strdup (t->key_title));
  if (t->detail_title != NULL)
    row_take (row, g_strdup (t->detail_title));
  for (guint c = 0; c < t->n_columns; c++)
    row_take (row, g_strdup (t->column_labels[c]));
  if (row_totals)
    row_take (row, g_strdup (_("Total")));
  if (t->ratio_kind != TSG_KPI_RATIO_NONE)
    row_take (row, g_strdup (t->ratio_title));
  grid_add_row (grid, row);

  for (guint i = 0; i < t->rows->len; i++)
    {
      const TsgKpiRow *r = g_ptr_array_index (t->rows, i);

      row = row_new ();
      row_take (row, g_strdup (r->label));
      if (t->detail_title != NULL)
        row_take (row, g_strdup (r->detail ? r->detail : ""));
      add_figures (row, t, r->cells, &r->total, r);
      grid_add_row (grid, row);
    }
  if (t->flags & TSG_KPI_TABLE_COLUMN_TOTALS)
    {
      row = row_new ();
      row_take (row, g_strdup (_("Total")));
      if (t->detail_title != NULL)
        row_take (row, g_strdup (""));
      add_figures (row, t, t->totals, &t->grand_total, NULL);
      grid_add_row (grid, row);
      grid->total_row = TRUE;
    }
  return grid;
}

char *
tsg_kpi_month_short_label (const char *month_key)
{
  int year, month;
  g_autoptr(GDateTime) dt = NULL;

  if (month_key == NULL || sscanf (month_key, "%d-%d", &year, &month) != 2)
    return g_strdup (month_key ? month_key : "");
  dt = g_date_time_new_local (year, month, 1, 12, 0, 0);
  if (dt == NULL)
    return g_strdup (month_key);
  /* translators: a month in the report's chart and tables, strftime format; Japanese: %-m月 */
  return g_date_time_format (dt, C_("report month", "%b"));
}

TsgKpiGrid *
tsg_kpi_report_monthly_across_grid (const TsgKpiReport *r)
{
  const TsgKpiTable *t = r->monthly;
  TsgKpiGrid *grid = grid_new (t->rows->len + 2);
  GPtrArray *row = row_new ();

  for (guint c = 1; c < grid->n_columns; c++)
    grid->numeric[c] = TRUE;
  row_take (row, g_strdup (_("Fiscal year")));
  for (guint m = 0; m < t->rows->len; m++)
    row_take (row, tsg_kpi_month_short_label (((TsgKpiRow *) g_ptr_array_index (t->rows, m))->key));
  row_take (row, g_strdup (_("Total")));
  grid_add_row (grid, row);
  for (guint k = 0; k < t->n_columns; k++)
    {
      row = row_new ();
      row_take (row, g_strdup (t->column_labels[k]));
      for (guint m = 0; m < t->rows->len; m++)
        row_take (row, tsg_kpi_cell_format (&((TsgKpiRow *) g_ptr_array_index (t->rows, m))->cells[k]));
      row_take (row, tsg_kpi_cell_format (&t->totals[k]));
      grid_add_row (grid, row);
    }
  return grid;
}

static void
add_pair (TsgKpiGrid *grid,
          const char *label,
          char       *value)
{
  GPtrArray *row = row_new ();

  row_take (row, g_strdup (label));
  row_take (row, value);
  grid_add_row (grid, row);
}

TsgKpiGrid *
tsg_kpi_report_summary_grid (const TsgKpiReport *r)
{
  TsgKpiGrid *grid = grid_new (2);
  double ratio;
  gboolean shown;

  grid->numeric[1] = TRUE;
  add_pair (grid, _("Figure"), g_strdup (_("Value")));
  add_pair (grid, _("Contacts"), tsg_kpi_cell_format (&r->total_contacts));
  add_pair (grid, _("Clients (unique)"), tsg_kpi_cell_format (&r->unique_clients));
  add_pair (grid, _("Anonymous contacts"), tsg_kpi_cell_format (&r->anonymous_contacts));
  add_pair (grid, _("First contacts"), tsg_kpi_cell_format (&r->first_contacts));
  shown = tsg_kpi_ratio (&r->first_contacts, &r->total_contacts, &ratio);
  add_pair (grid, _("First-contact ratio"), tsg_kpi_format_ratio (shown, ratio));
  shown = tsg_kpi_report_get_actual (r, TSG_KPI_FIRST_CONTACT_RATIO_FREE_DIAL, &ratio);
  add_pair (grid, _("First-contact ratio on the free-dial line"), tsg_kpi_format_ratio (shown, ratio));
  shown = tsg_kpi_report_get_young_share (r, &ratio);
  add_pair (grid, _("Share of teens and twenties"), tsg_kpi_format_ratio (shown, ratio));
  add_pair (grid, _("Accompaniments"), tsg_kpi_cell_format (&r->accompaniments));
  add_pair (grid, _("Outreach visits"), tsg_kpi_cell_format (&r->outreach));
  add_pair (grid, _("Referrals"), tsg_kpi_cell_format (&r->referrals));
  add_pair (grid, _("Products handed out"), tsg_kpi_cell_format (&r->distributions));
  add_pair (grid, _("Contacts who learnt of us at a distribution point"), tsg_kpi_cell_format (&r->attributed_contacts));
  add_pair (grid, _("Other calls (not consultations)"), tsg_kpi_cell_format (&r->non_data_contacts));
  add_pair (grid, _("Training sessions"), tsg_kpi_cell_format (&r->training_sessions));
  add_pair (grid, _("Training participants"), tsg_kpi_cell_format (&r->training_participants));
  shown = tsg_kpi_report_get_usefulness_rate (r, &ratio);
  add_pair (grid, _("Usefulness rate"), tsg_kpi_format_ratio (shown, ratio));
  return grid;
}

static char *
format_kpi_value (TsgKpi   kpi,
                  gboolean shown,
                  double   value)
{
  TsgKpiCell cell = { (gint64) llround (value), TSG_CELL_SHOWN };

  if (!shown || isnan (value))
    return g_strdup ("—");
  if (tsg_kpi_is_ratio (kpi))
    return tsg_kpi_format_ratio (TRUE, value);
  return tsg_kpi_cell_format (&cell);
}

TsgKpiGrid *
tsg_kpi_report_targets_grid (const TsgKpiReport *r)
{
  TsgKpiGrid *grid = grid_new (4);
  GPtrArray *row = row_new ();

  for (guint c = 1; c < 4; c++)
    grid->numeric[c] = TRUE;
  row_take (row, g_strdup (_("Indicator")));
  row_take (row, g_strdup (_("Target")));
  row_take (row, g_strdup (_("Actual")));
  row_take (row, g_strdup (_("Achievement")));
  grid_add_row (grid, row);
  for (guint k = 0; k < TSG_N_KPIS; k++)
    {
      double actual, target = r->targets[k];
      gboolean shown = tsg_kpi_report_get_actual (r, k, &actual);

      if (isnan (target))
        continue;
      row = row_new ();
      row_take (row, g_strdup (tsg_kpi_label (k)));
      row_take (row, format_kpi_value (k, TRUE, target));
      row_take (row, format_kpi_value (k, shown, actual));
      row_take (row, tsg_kpi_format_ratio (shown && target > 0, actual / target));
      grid_add_row (grid, row);
    }
  return grid;
}

/* tsg-kpi-pdf.c: the KPI report as an A4 PDF (chart, figures, tables)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-kpi-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-kpi-chart.h"
#include "tsg-kpi-report.h"
#include "tsg-pdf-writer.h"

#define BODY_SIZE 8.5
#define PAD 3.0

static double
text_width (TsgPdfWriter *w,
            const char   *text,
            double        size,
            gboolean      bold)
{
  g_autoptr(PangoLayout) layout = tsg_pdf_writer_create_layout (w, text, size, bold, -1);
  int lw, lh;

  pango_layout_get_size (layout, &lw, &lh);
  return lw / (double) PANGO_SCALE + 2 * PAD + 2;
}

/* Column widths in points. Each column has a preferred width (its widest
 * cell, header included) and a minimum: figures must never wrap, so a
 * figure column's minimum is its widest figure (its header may wrap); a
 * text column may wrap down to a few characters. Short tables keep their
 * natural width rather than stretching across the page. */
static double *
column_widths (TsgPdfWriter     *w,
               const TsgKpiGrid *grid,
               double            size,
               double           *table_width)
{
  double content = tsg_pdf_writer_get_content_width (w);
  double *widths = g_new0 (double, grid->n_columns);
  g_autofree double *least = g_new0 (double, grid->n_columns);
  double sum_pref = 0, sum_least = 0;

  for (guint c = 0; c < grid->n_columns; c++)
    {
      for (guint r = 0; r < grid->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (grid->rows, r);
          double cw = text_width (w, cells[c], size, r == 0);

          widths[c] = MAX (widths[c], cw);
          if (grid->numeric[c] && r > 0)
            least[c] = MAX (least[c], cw);
        }
      if (!grid->numeric[c])
        least[c] = MIN (widths[c], size * 8);
      least[c] = MAX (least[c], size * 2.5);
      widths[c] = MAX (widths[c], least[c]);
      sum_pref += widths[c];
      sum_least += least[c];
    }
  if (sum_pref > content)
    for (guint c = 0; c < grid->n_columns; c++)
      {
        if (sum_least < content)
          widths[c] = least[c] + (content - sum_least) * (widths[c] - least[c]) / (sum_pref - sum_least);
        else
          widths[c] = least[c] * content / sum_least;
      }
  *table_width = 0;
  for (guint c = 0; c < grid->n_columns; c++)
    *table_width += widths[c];
  return widths;
}

static double
grid_row_height (TsgPdfWriter *w,
                 GStrv         cells,
                 const double *widths,
                 guint         n,
                 double        size,
                 gboolean      bold)
{
  double tallest = 0;

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) layout = tsg_pdf_writer_create_layout (w, cells[c], size, bold, widths[c] - 2 * PAD);
      int lw, lh;

      pango_layout_get_size (layout, &lw, &lh);
      tallest = MAX (tallest, lh / (double) PANGO_SCALE);
    }
  return tallest + 2 * PAD;
}

static void
draw_grid_row (TsgPdfWriter     *w,
               const TsgKpiGrid *grid,
               GStrv             cells,
               const double     *widths,
               double            table_width,
               double            height,
               double            size,
               gboolean          header,
               gboolean          total)
{
  cairo_t *cr = tsg_pdf_writer_get_cairo (w);
  double x = tsg_pdf_writer_get_left (w), y = tsg_pdf_writer_get_y (w);

  cairo_save (cr);
  if (header || total)
    {
      cairo_set_source_rgb (cr, header ? 0.90 : 0.95, header ? 0.92 : 0.95, header ? 0.95 : 0.95);
      cairo_rectangle (cr, x, y, table_width, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < grid->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout =
        tsg_pdf_writer_create_layout (w, cells[c], size, header || total, widths[c] - 2 * PAD);

      if (grid->numeric[c])
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, x + PAD, y + PAD);
      pango_cairo_show_layout (cr, layout);
      x += widths[c];
    }
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, header || total ? 0.6 : 0.3);
  cairo_move_to (cr, tsg_pdf_writer_get_left (w), y + height);
  cairo_rel_line_to (cr, table_width, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
  tsg_pdf_writer_set_y (w, y + height);
}

/* The header repeats on a new page; a row never splits. */
static void
draw_grid (TsgPdfWriter     *w,
           const TsgKpiGrid *grid,
           double            size)
{
  double table_width;
  g_autofree double *widths = column_widths (w, grid, size, &table_width);
  GStrv head = g_ptr_array_index (grid->rows, 0);
  double head_h = grid_row_height (w, head, widths, grid->n_columns, size, TRUE);

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (grid->rows, r);
      gboolean total = grid->total_row && r == grid->rows->len - 1;
      double h = grid_row_height (w, cells, widths, grid->n_columns, size, r == 0 || total);

      if (tsg_pdf_writer_get_remaining (w) < h + (r == 0 ? h * 2 : 0))
        {
          tsg_pdf_writer_new_page (w);
          if (r > 0)
            draw_grid_row (w, grid, head, widths, table_width, head_h, size, TRUE, FALSE);
        }
      draw_grid_row (w, grid, cells, widths, table_width, h, size, r == 0, total);
    }
  tsg_pdf_writer_space (w, size);
}

static void
section (TsgPdfWriter     *w,
         const char       *title,
         const TsgKpiGrid *grid)
{
  /* Keep a heading with at least three rows of its table. */
  tsg_pdf_writer_ensure_space (w, 11 * 3 + BODY_SIZE * 6);
  tsg_pdf_writer_heading (w, title, 2);
  draw_grid (w, grid, BODY_SIZE);
}

/* Eight headline figures in two rows of boxes. */
static void
draw_cards (TsgPdfWriter       *w,
            const TsgKpiReport *r)
{
  cairo_t *cr = tsg_pdf_writer_get_cairo (w);
  double left = tsg_pdf_writer_get_left (w), y = tsg_pdf_writer_get_y (w);
  double gap = 6, card_w = (tsg_pdf_writer_get_content_width (w) - 3 * gap) / 4, card_h = 46;
  double ratio;
  gboolean shown = tsg_kpi_ratio (&r->first_contacts, &r->total_contacts, &ratio);
  struct { const char *label; char *value; } cards[] = {
    { _("Contacts"), tsg_kpi_cell_format (&r->total_contacts) },
    { _("Clients (unique)"), tsg_kpi_cell_format (&r->unique_clients) },
    { _("First-contact ratio"), tsg_kpi_format_ratio (shown, ratio) },
    { _("Anonymous contacts"), tsg_kpi_cell_format (&r->anonymous_contacts) },
    { _("Accompaniments"), tsg_kpi_cell_format (&r->accompaniments) },
    { _("Outreach visits"), tsg_kpi_cell_format (&r->outreach) },
    { _("Referrals"), tsg_kpi_cell_format (&r->referrals) },
    { _("Products handed out"), tsg_kpi_cell_format (&r->distributions) },
  };

  tsg_pdf_writer_ensure_space (w, 2 * card_h + gap * 2);
  y = tsg_pdf_writer_get_y (w);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      double x = left + (i % 4) * (card_w + gap), cy = y + (i / 4) * (card_h + gap);
      g_autoptr(PangoLayout) label = tsg_pdf_writer_create_layout (w, cards[i].label, 7.5, FALSE, card_w - 12);
      g_autoptr(PangoLayout) value = tsg_pdf_writer_create_layout (w, cards[i].value, 16, TRUE, -1);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.94, 0.96, 0.99);
      cairo_rectangle (cr, x, cy, card_w, card_h);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.70, 0.76, 0.86);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, x + 6, cy + 5);
      pango_cairo_show_layout (cr, label);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x + 6, cy + 20);
      pango_cairo_show_layout (cr, value);
      cairo_restore (cr);
      g_free (cards[i].value);
    }
  tsg_pdf_writer_set_y (w, y + 2 * card_h + gap * 2);
}

static void
draw_chart (TsgPdfWriter       *w,
            const TsgKpiReport *r)
{
  TsgChartStyle style;
  double height = 190;

  tsg_kpi_chart_style_init_print (&style);
  style.font_family = TSG_PDF_FONT_FAMILY;
  tsg_pdf_writer_ensure_space (w, height + 30);
  tsg_pdf_writer_heading (w, r->monthly->title, 2);
  tsg_kpi_chart_draw (tsg_pdf_writer_get_cairo (w), r, &style, tsg_pdf_writer_get_left (w),
                      tsg_pdf_writer_get_y (w), tsg_pdf_writer_get_content_width (w), height);
  tsg_pdf_writer_set_y (w, tsg_pdf_writer_get_y (w) + height + 6);
}

static void
draw_title (TsgPdfWriter       *w,
            const TsgKpiReport *r,
            const char         *office_name)
{
  g_autofree char *label = tsg_format_fiscal_year (r->fiscal_year);
  /* translators: the title of the yearly report; %s is FY2023 or 令和5年度 */
  g_autofree char *title = g_strdup_printf (_("KPI report %s"), label);
  g_autofree char *from = tsg_format_date (r->period_start);
  g_autofree char *to = tsg_format_date (r->period_end - 1);
  g_autofree char *today = tsg_format_date (g_get_real_time () / G_USEC_PER_SEC);
  /* translators: the period of the report, then the day it was made */
  g_autofree char *period = g_strdup_printf (_("%s – %s (made on %s)"), from, to, today);

  if (office_name != NULL && *office_name != '\0')
    tsg_pdf_writer_text (w, office_name, 9, FALSE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_text (w, title, 18, TRUE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_text (w, period, 9, FALSE, TSG_PDF_ALIGN_LEFT);
  if (r->publication)
    {
      tsg_pdf_writer_space (w, 3);
      tsg_pdf_writer_text (w, _("For publication: counts from 1 to 9 are shown as <10; x marks a figure withheld so that they cannot be worked out from a total."),
                           8, TRUE, TSG_PDF_ALIGN_LEFT);
    }
  tsg_pdf_writer_space (w, 8);
}

static void
draw_tables (TsgPdfWriter       *w,
             const TsgKpiReport *r)
{
  const TsgKpiTable *tables[] = {
    r->by_channel, r->by_age_band, r->by_topic, r->by_municipality, r->accompaniments_by_destination,
    r->referrals_by_category, r->distributions_by_point, r->contacts_by_point, r->non_data_by_type,
    r->training_participants_by_session, r->training_survey,
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(TsgKpiGrid) grid = tsg_kpi_table_to_grid (tables[i]);

      if (tables[i]->rows->len == 0)
        {
          tsg_pdf_writer_heading (w, tables[i]->title, 2);
          tsg_pdf_writer_text (w, _("None in this fiscal year."), BODY_SIZE, FALSE, TSG_PDF_ALIGN_LEFT);
          continue;
        }
      section (w, tables[i]->title, grid);
    }
}

GBytes *
tsg_kpi_report_to_pdf (const TsgKpiReport *r,
                       const char         *office_name,
                       GError            **error)
{
  g_autoptr(TsgPdfWriter) w = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  g_autofree char *label = tsg_format_fiscal_year (r->fiscal_year);
  g_autofree char *doc_title = g_strdup_printf (_("KPI report %s"), label);
  g_autoptr(TsgKpiGrid) months_across = NULL;
  g_autoptr(TsgKpiGrid) summary = NULL;
  g_autoptr(TsgKpiGrid) targets = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  tsg_pdf_writer_set_margins (w, TSG_PDF_MM (16), TSG_PDF_MM (15), TSG_PDF_MM (16), TSG_PDF_MM (15));
  tsg_pdf_writer_set_title (w, doc_title);
  /* translators: page footer of the KPI report: the fiscal year, then the page */
  tsg_pdf_writer_set_footer (w, _("Page %u"));

  draw_title (w, r, office_name);
  draw_cards (w, r);
  draw_chart (w, r);

  months_across = tsg_kpi_report_monthly_across_grid (r);
  draw_grid (w, months_across, 7.5);

  summary = tsg_kpi_report_summary_grid (r);
  section (w, _("Summary"), summary);
  targets = tsg_kpi_report_targets_grid (r);
  if (targets->rows->len > 1)
    section (w, _("Targets and results"), targets);
  draw_tables (w, r);

  tsg_pdf_writer_heading (w, _("Notes"), 2);
  tsg_pdf_writer_text (w, _("Contacts are consultations only: silent calls, hang-ups, prank calls and wrong numbers are counted apart. Clients (unique) counts each woman once, however often she called; anonymous contacts cannot be linked to a client. Months follow the office's local time. The usefulness rate is the share of answers “very good” or “good”."),
                       BODY_SIZE, FALSE, TSG_PDF_ALIGN_LEFT);
  return tsg_pdf_writer_finish (w, error);
}

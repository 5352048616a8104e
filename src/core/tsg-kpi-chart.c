/* tsg-kpi-chart.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-kpi-chart"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "tsg-format.h"
#include "tsg-kpi-chart.h"

void
tsg_kpi_chart_style_init_print (TsgChartStyle *style)
{
  *style = (TsgChartStyle) {
    .foreground = { { 0.15, 0.15, 0.15, 1 } },
    .grid = { { 0.82, 0.82, 0.82, 1 } },
    .series = {
      { { 0.21, 0.44, 0.69, 1 } },   /* blue bars */
      { { 0.85, 0.45, 0.10, 1 } },   /* orange, dashed */
      { { 0.35, 0.35, 0.35, 1 } },   /* grey, dotted */
    },
    .font_family = "Noto Sans CJK JP",
    .font_size = 8,
  };
}

static void
set_color (cairo_t             *cr,
           const TsgChartColor *color)
{
  cairo_set_source_rgba (cr, color->rgba[0], color->rgba[1], color->rgba[2], color->rgba[3]);
}

static PangoLayout *
make_layout (cairo_t             *cr,
             const TsgChartStyle *style,
             const char          *text,
             double               scale)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font_family);

  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
show_text (cairo_t             *cr,
           const TsgChartStyle *style,
           const char          *text,
           double               x,
           double               y,
           double               align_x,   /* 0 left, 0.5 centre, 1 right */
           double               align_y)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text, 1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align_x * w / PANGO_SCALE, y - align_y * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (cairo_t             *cr,
            const TsgChartStyle *style,
            const char          *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text, 1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return w / (double) PANGO_SCALE;
}

/* A round step (1, 2 or 5 × 10^k) giving about five grid lines. */
static gint64
nice_step (gint64 max)
{
  gint64 step = 1;

  while (max / step > 5)
    {
      if (max / (step * 2) <= 5)
        return step * 2;
      if (max / (step * 5) <= 5)
        return step * 5;
      step *= 10;
    }
  return step;
}

static void
draw_legend (cairo_t             *cr,
             const TsgKpiReport  *r,
             const TsgChartStyle *style,
             double               x,
             double               y)
{
  double s = style->font_size;

  for (guint k = 0; k < 3; k++)
    {
      const char *label = r->monthly->column_labels[k];

      set_color (cr, &style->series[k]);
      if (k == 0)
        {
          cairo_rectangle (cr, x, y + s * 0.2, s * 1.2, s);
          cairo_fill (cr);
        }
      else
        {
          double dashes[] = { k == 1 ? 4 : 1.5, 2 };
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, x - s * 0.3, y + s * 0.7);
          cairo_line_to (cr, x + s * 1.5, y + s * 0.7);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      set_color (cr, &style->foreground);
      show_text (cr, style, label, x + s * 1.8, y + s * 0.7, 0, 0.5);
      x += s * 3 + text_width (cr, style, label);
    }
}

static void
draw_line_series (cairo_t             *cr,
                  const TsgKpiReport  *r,
                  const TsgChartStyle *style,
                  guint                k,
                  double               x0,
                  double               slot,
                  double               bottom,
                  double               scale)
{
  double dashes[] = { k == 1 ? 4 : 1.5, 2 };
  gboolean drawing = FALSE;

  set_color (cr, &style->series[k]);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, 2, 0);
  for (guint m = 0; m < r->monthly->rows->len; m++)
    {
      const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, m);
      const TsgKpiCell *cell = &row->cells[k];
      double cx = x0 + slot * (m + 0.5), cy = bottom - cell->value * scale;

      /* A hidden month breaks the line rather than showing a guess. */
      if (cell->state != TSG_CELL_SHOWN)
        {
          if (drawing)
            cairo_stroke (cr);
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, cx, cy);
      else
        cairo_move_to (cr, cx, cy);
      drawing = TRUE;
    }
  if (drawing)
    cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint m = 0; m < r->monthly->rows->len; m++)
    {
      const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, m);
      const TsgKpiCell *cell = &row->cells[k];
      double cx = x0 + slot * (m + 0.5), cy = bottom - cell->value * scale;

      if (cell->state != TSG_CELL_SHOWN)
        continue;
      if (k == 1)
        cairo_arc (cr, cx, cy, 2.2, 0, 2 * G_PI);
      else
        cairo_rectangle (cr, cx - 2, cy - 2, 4, 4);
      cairo_fill (cr);
    }
}

void
tsg_kpi_chart_draw (cairo_t             *cr,
                    const TsgKpiReport  *r,
                    const TsgChartStyle *style,
                    double               x,
                    double               y,
                    double               width,
                    double               height)
{
  double s = style->font_size;
  gint64 max = 0, step, top;
  double left, right = x + width - s, plot_top = y + s * 2.6, bottom = y + height - s * 2;
  double slot, scale;
  g_autofree char *top_label = NULL;

  g_return_if_fail (r != NULL && r->monthly != NULL);

  for (guint m = 0; m < r->monthly->rows->len; m++)
    {
      const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, m);
      for (guint k = 0; k < 3; k++)
        if (row->cells[k].state == TSG_CELL_SHOWN)
          max = MAX (max, row->cells[k].value);
    }
  step = nice_step (MAX (max, 5));
  top = ((MAX (max, 1) + step - 1) / step) * step;
  top_label = g_strdup_printf ("%" G_GINT64_FORMAT, top);
  left = x + text_width (cr, style, top_label) + s;
  slot = (right - left) / 12.0;
  scale = (bottom - plot_top) / (double) top;

  cairo_save (cr);
  draw_legend (cr, r, style, left, y);

  /* Grid and the y axis labels */
  cairo_set_line_width (cr, 0.5);
  for (gint64 v = 0; v <= top; v += step)
    {
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      double gy = bottom - v * scale;

      set_color (cr, v == 0 ? &style->foreground : &style->grid);
      cairo_move_to (cr, left, gy);
      cairo_line_to (cr, right, gy);
      cairo_stroke (cr);
      set_color (cr, &style->foreground);
      show_text (cr, style, label, left - s * 0.5, gy, 1, 0.5);
    }

  /* Bars: this fiscal year */
  for (guint m = 0; m < r->monthly->rows->len; m++)
    {
      const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, m);
      const TsgKpiCell *cell = &row->cells[0];
      g_autofree char *name = tsg_kpi_month_short_label (row->key);
      double bx = left + slot * m + slot * 0.2;

      set_color (cr, &style->foreground);
      show_text (cr, style, name, bx + slot * 0.3, bottom + s * 0.4, 0.5, 0);
      if (cell->state != TSG_CELL_SHOWN)
        {
          show_text (cr, style, cell->state == TSG_CELL_SMALL ? "<10" : "x",
                     bx + slot * 0.3, bottom - s * 0.3, 0.5, 1);
          continue;
        }
      set_color (cr, &style->series[0]);
      cairo_rectangle (cr, bx, bottom - cell->value * scale, slot * 0.6, cell->value * scale);
      cairo_fill (cr);
    }
  draw_line_series (cr, r, style, 2, left, slot, bottom, scale);
  draw_line_series (cr, r, style, 1, left, slot, bottom, scale);
  cairo_restore (cr);
}

char *
tsg_kpi_chart_describe (const TsgKpiReport *r)
{
  GString *s = g_string_new (NULL);

  /* translators: start of the spoken description of the monthly chart */
  g_string_append (s, _("Contacts by month."));
  for (guint k = 0; k < 3; k++)
    {
      g_string_append_printf (s, " %s:", r->monthly->column_labels[k]);
      for (guint m = 0; m < r->monthly->rows->len; m++)
        {
          const TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, m);
          g_autofree char *name = tsg_kpi_month_short_label (row->key);
          g_autofree char *value = tsg_kpi_cell_format (&row->cells[k]);

          g_string_append_printf (s, "%s %s %s", m > 0 ? "," : "", name, value);
        }
      g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

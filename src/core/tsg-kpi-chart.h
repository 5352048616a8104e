/* tsg-kpi-chart.h: the monthly chart of the KPI report, drawn with cairo
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing serves the PDF and the Reports panel: bars for the fiscal
 * year, lines for the two years before it.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "tsg-kpi-report.h"

G_BEGIN_DECLS

typedef struct
{
  double rgba[4];
} TsgChartColor;

typedef struct
{
  TsgChartColor  foreground;   /* text and axes */
  TsgChartColor  grid;
  TsgChartColor  series[3];    /* this year, the year before, two years before */
  const char    *font_family;
  double         font_size;    /* points (PDF) or pixels (screen) */
} TsgChartStyle;

/* Colours that print well in black and white too (the lines differ by dash). */
void  tsg_kpi_chart_style_init_print (TsgChartStyle      *style);
void  tsg_kpi_chart_draw             (cairo_t             *cr,
                                      const TsgKpiReport  *report,
                                      const TsgChartStyle *style,
                                      double               x,
                                      double               y,
                                      double               width,
                                      double               height);
/* The chart's figures in words, for screen readers. */
char *tsg_kpi_chart_describe         (const TsgKpiReport  *report);

G_END_DECLS

/* tsg-cli-report.h: --report kpi --fiscal-year YYYY --format json|csv|pdf --output FILE
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *kind;         /* only "kpi" for now */
  int         fiscal_year;  /* G_MININT: not given */
  const char *format;       /* json, csv or pdf; NULL: from the output's extension */
  const char *output;       /* the file to write, or "-" for standard output (json, csv) */
  gboolean    publication;  /* hide small counts */
} TsgReportRequest;

/* Checks the request, computes the report and writes it whole: on failure
 * nothing is left at @output. */
gboolean tsg_cli_report (TsgStore               *store,
                         TsgActor               *actor,
                         const TsgReportRequest *request,
                         GError                **error);

G_END_DECLS

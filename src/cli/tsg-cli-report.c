/* tsg-cli-report.c: the KPI report from the command line
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-cli-report"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tsg-cli-report.h"
#include "tsg-kpi-report.h"
#include "tsg-store-reports.h"

static const char *formats[] = { "json", "csv", "pdf" };

static gboolean
known_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i], format) == 0)
      return TRUE;
  return FALSE;
}

/* --format, or the extension of --output when --format is not given. */
static char *
pick_format (const TsgReportRequest *request,
             GError                **error)
{
  const char *dot;

  if (request->format != NULL)
    {
      if (known_format (request->format))
        return g_strdup (request->format);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The report format “%s” is unknown; use json, csv or pdf."), request->format);
      return NULL;
    }
  dot = strrchr (request->output, '.');
  if (dot != NULL && known_format (dot + 1))
    return g_ascii_strdown (dot + 1, -1);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--report needs --format json, csv or pdf."));
  return NULL;
}

static gboolean
check_request (const TsgReportRequest *request,
               GError                **error)
{
  if (g_strcmp0 (request->kind, "kpi") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The report “%s” is unknown; the only report is kpi."), request->kind);
      return FALSE;
    }
  if (request->fiscal_year == G_MININT)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--report kpi needs --fiscal-year YYYY (April of YYYY to March of the next year)."));
      return FALSE;
    }
  if (request->fiscal_year < TSG_FISCAL_YEAR_MIN || request->fiscal_year > TSG_FISCAL_YEAR_MAX)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The fiscal year %d is outside the years a report can cover (%d–%d)."),
                   request->fiscal_year, TSG_FISCAL_YEAR_MIN, TSG_FISCAL_YEAR_MAX);
      return FALSE;
    }
  if (request->output == NULL || *request->output == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--report needs --output FILE."));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
render (TsgStore     *store,
        TsgKpiReport *report,
        const char   *format,
        GError      **error)
{
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = tsg_kpi_report_to_json (report);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      gsize len;
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, &len);
      return g_bytes_new_take (g_strconcat (text, "\n", NULL), len + 1);
    }
  if (g_str_equal (format, "csv"))
    return tsg_kpi_report_to_csv (report);
  {
    g_autofree char *office = tsg_store_get_setting (store, "office_name");
    return tsg_kpi_report_to_pdf (report, office, error);
  }
}

/* One sentence naming the file and what is wrong with it. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 GError      *cause)
{
  const char *why;

  switch (cause->code)
    {
    case G_FILE_ERROR_NOENT: why = _("the folder does not exist"); break;
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM: why = _("permission denied"); break;
    case G_FILE_ERROR_ISDIR: why = _("it is a folder"); break;
    case G_FILE_ERROR_NOSPC: why = _("the disk is full"); break;
    case G_FILE_ERROR_ROFS: why = _("the disk is read-only"); break;
    default: why = cause->message;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The report cannot be written to %s: %s."), path, why);
}

gboolean
tsg_cli_report (TsgStore               *store,
                TsgActor               *actor,
                const TsgReportRequest *request,
                GError                **error)
{
  g_autoptr(TsgKpiReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *format = NULL;
  gboolean to_stdout;
  gsize len;
  const char *data;

  if (!check_request (request, error) || !(format = pick_format (request, error)))
    return FALSE;
  to_stdout = g_str_equal (request->output, "-");
  if (to_stdout && g_str_equal (format, "pdf"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("A PDF report needs --output FILE.pdf, not standard output."));
      return FALSE;
    }
  if (!(report = tsg_store_kpi_report (store, actor, request->fiscal_year, error)))
    return FALSE;
  if (request->publication)
    {
      TsgKpiReport *published = tsg_kpi_report_for_publication (report);
      tsg_kpi_report_unref (report);
      report = published;
    }
  if (!(bytes = render (store, report, format, error)))
    return FALSE;

  /* Recorded before the file exists: no report leaves unrecorded. */
  if (!tsg_store_log_report_export (store, actor, request->fiscal_year, format, request->publication, error))
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (to_stdout)
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report could not be written to standard output."));
          return FALSE;
        }
    }
  /* Written to a temporary file and renamed: a failure leaves nothing. */
  else if (!g_file_set_contents_full (request->output, data, (gssize) len,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      set_write_error (error, request->output, local);
      return FALSE;
    }
  return TRUE;
}

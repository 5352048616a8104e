/* tsg-case-summary.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-case-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-case-rules.h"
#include "tsg-case-summary.h"
#include "tsg-format.h"
#include "tsg-pdf-writer.h"
#include "tsg-store-cases-private.h"

static void
add_row (GPtrArray  *rows,
         const char *a,
         const char *b,
         const char *c)
{
  GStrv cells = g_new0 (char *, c ? 4 : 3);

  cells[0] = g_strdup (a ? a : "");
  cells[1] = g_strdup (b ? b : "");
  if (c)
    cells[2] = g_strdup (c);
  g_ptr_array_add (rows, cells);
}

static char *
safety_text (const TsgClient *client)
{
  GString *s = g_string_new (NULL);

  if (client->address_withheld)
    g_string_append_printf (s, "%s\n", _("Address withheld (住所秘匿): never write her address in a letter, export or document."));
  if (client->never_call_back)
    g_string_append_printf (s, "%s\n", _("Never call her back."));
  if (client->no_mail_home)
    g_string_append_printf (s, "%s\n", _("No mail to her home."));
  if (client->safe_contact && *client->safe_contact)
    g_string_append_printf (s, _("Safe way and time to contact: %s\n"), client->safe_contact);
  if (client->risk_level && *client->risk_level)
    {
      g_autofree char *until = client->risk_expires_at > 0 ? tsg_format_date (client->risk_expires_at) : NULL;
      if (until)
        g_string_append_printf (s, _("Risk level: %s (until %s)\n"),
                                tsg_enum_label (tsg_risk_levels, client->risk_level), until);
      else
        g_string_append_printf (s, _("Risk level: %s\n"), tsg_enum_label (tsg_risk_levels, client->risk_level));
    }
  return g_string_free (s, FALSE);
}

static void
write_client (TsgPdfWriter    *w,
              const TsgClient *client,
              const TsgCase   *kase)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *opened = tsg_format_date (kase->opened_at);
  g_autofree char *safety = safety_text (client);
  double widths[] = { 0.3, 0.7 };

  add_row (rows, _("Client Code"), client->code, NULL);
  if (client->name)
    add_row (rows, _("Name"), client->name, NULL);
  if (client->kana)
    add_row (rows, _("Kana"), client->kana, NULL);
  add_row (rows, _("Age Band"), tsg_enum_label (tsg_age_bands, client->age_band), NULL);
  if (client->municipality)
    add_row (rows, _("Municipality"), client->municipality, NULL);
  /* A withheld address is never printed, whoever prints. */
  if (!client->address_withheld && client->address)
    add_row (rows, _("Address"), client->address, NULL);
  if (client->household_notes)
    add_row (rows, _("Household"), client->household_notes, NULL);
  add_row (rows, _("Status"), tsg_enum_label (tsg_case_statuses, kase->status), NULL);
  add_row (rows, _("Opened"), opened, NULL);
  add_row (rows, _("Lead"), kase->lead_name, NULL);
  tsg_pdf_writer_table (w, 2, widths, rows, FALSE, 9.5);
  if (*safety)
    {
      tsg_pdf_writer_heading (w, _("Safety"), 2);
      tsg_pdf_writer_text (w, g_strchomp (safety), 10, TRUE, TSG_PDF_ALIGN_LEFT);
    }
}

static void
write_plan (TsgPdfWriter *w,
            GPtrArray    *plan)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  double widths[] = { 0.18, 0.57, 0.25 };

  add_row (rows, _("Kind"), _("Description"), _("Due / Done"));
  for (guint i = 0; i < plan->len; i++)
    {
      TsgRow *row = g_ptr_array_index (plan, i);
      const char *kind = tsg_row_get_value (row, TSG_PLAN_COL_KIND);
      const char *due = tsg_row_get_value (row, TSG_PLAN_COL_DUE_ON);
      const char *done = tsg_row_get_value (row, TSG_PLAN_COL_DONE_ON);
      g_autofree char *what = NULL;
      g_autofree char *dates = NULL;
      const char *label;

      if (g_str_equal (kind, "need"))
        {
          label = _("Need");
          what = g_strdup_printf ("[%s] %s", tsg_enum_label (tsg_need_domains, tsg_row_get_value (row, TSG_PLAN_COL_DOMAIN)),
                                  tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION));
        }
      else
        {
          label = g_str_equal (kind, "goal") ? _("Goal") : g_str_equal (kind, "task") ? _("Task") : _("Plan Review");
          what = g_strdup (tsg_row_get_value (row, TSG_PLAN_COL_DESCRIPTION));
        }
      dates = g_strdup_printf ("%s%s%s", *due ? due : "", *due && *done ? " / " : "", *done ? done : "");
      add_row (rows, label, what, dates);
    }
  tsg_pdf_writer_table (w, 3, widths, rows, TRUE, 9);
}

static char *
timeline_text (TsgRow *row)
{
  const char *kind = tsg_row_get_value (row, TSG_TIMELINE_COL_KIND);
  const char *title = tsg_row_get_value (row, TSG_TIMELINE_COL_TITLE);
  const char *body = tsg_row_get_value (row, TSG_TIMELINE_COL_BODY);
  const char *dest = tsg_row_get_value (row, TSG_TIMELINE_COL_DESTINATION);
  GString *s = g_string_new (NULL);

  if (g_str_equal (kind, "contact"))
    g_string_append (s, tsg_enum_label (tsg_channels, title));
  else if (g_str_equal (kind, "status"))
    g_string_append_printf (s, "→ %s", tsg_enum_label (tsg_case_statuses, title));
  else if (!g_str_equal (kind, "plan_review"))
    g_string_append (s, title);
  if (*dest && !g_str_equal (kind, "referral"))
    g_string_append_printf (s, "%s%s", s->len ? " — " : "", dest);
  if (*body)
    g_string_append_printf (s, "%s%s", s->len ? "\n" : "", body);
  return g_string_free (s, FALSE);
}

static gboolean
write_timeline (TsgPdfWriter *w,
                TsgStore     *store,
                TsgActor     *actor,
                gint64        case_id,
                GError      **error)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  double widths[] = { 0.2, 0.17, 0.63 };

  if (!(keys = tsg_store_timeline_keys (store, actor, case_id, NULL, error)) ||
      !(entries = tsg_store_fetch_timeline (store, actor, (gint64 *) keys->data, keys->len, error)))
    return FALSE;
  add_row (rows, _("Date"), _("Kind"), _("What happened"));
  /* Oldest first on paper: it reads as a story. */
  for (guint i = entries->len; i > 0; i--)
    {
      TsgRow *row = g_ptr_array_index (entries, i - 1);
      g_autofree char *when = tsg_format_datetime (tsg_row_get_int (row, TSG_TIMELINE_COL_OCCURRED_AT));
      g_autofree char *what = timeline_text (row);

      add_row (rows, when, tsg_enum_label (tsg_timeline_kinds, tsg_row_get_value (row, TSG_TIMELINE_COL_KIND)), what);
    }
  tsg_pdf_writer_table (w, 3, widths, rows, TRUE, 8.5);
  return TRUE;
}

static void
write_consents (TsgPdfWriter *w,
                GPtrArray    *consents)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  double widths[] = { 0.4, 0.3, 0.3 };

  add_row (rows, _("Agency"), _("What may be shared"), _("Given / Withdrawn"));
  for (guint i = 0; i < consents->len; i++)
    {
      TsgRow *row = g_ptr_array_index (consents, i);
      const char *org = tsg_row_get_value (row, TSG_CONSENT_COL_ORGANIZATION);
      const char *withdrawn = tsg_row_get_value (row, TSG_CONSENT_COL_WITHDRAWN_ON);
      g_autofree char *dates = g_strdup_printf ("%s%s%s", tsg_row_get_value (row, TSG_CONSENT_COL_GIVEN_ON),
                                                *withdrawn ? " / " : "", withdrawn);

      add_row (rows, *org ? org : _("Any partner agency"),
               tsg_enum_label (tsg_consent_scopes, tsg_row_get_value (row, TSG_CONSENT_COL_SCOPE)), dates);
    }
  tsg_pdf_writer_table (w, 3, widths, rows, TRUE, 9);
}

GBytes *
tsg_case_summary_pdf (TsgStore  *store,
                      TsgActor  *actor,
                      gint64     case_id,
                      GError   **error)
{
  g_autoptr(TsgCase) kase = NULL;
  g_autoptr(TsgClient) client = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(TsgPdfWriter) w = NULL;
  g_autofree char *title = NULL;
  g_autofree char *printed = NULL;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);

  if (!(kase = tsg_store_get_case (store, actor, case_id, error)) ||
      !(client = tsg_store_get_client (store, actor, kase->client_id, error)) ||
      !(plan = tsg_store_case_plan (store, actor, case_id, error)) ||
      !(consents = tsg_store_client_consents (store, actor, kase->client_id, error)))
    return NULL;

  w = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  /* translators: PDF title: "Case summary C26-000123" */
  title = g_strdup_printf (_("Case Summary %s"), client->code);
  tsg_pdf_writer_set_title (w, title);
  /* translators: page footer; %d is the page number */
  tsg_pdf_writer_set_footer (w, _("Confidential — page %d"));
  tsg_pdf_writer_heading (w, title, 1);
  printed = tsg_format_datetime (g_get_real_time () / G_USEC_PER_SEC);
  {
    g_autofree char *line = g_strdup_printf (_("Printed %s by %s. Confidential: keep it with the case file."),
                                             printed, tsg_actor_get_name (actor));
    tsg_pdf_writer_text (w, line, 8.5, FALSE, TSG_PDF_ALIGN_LEFT);
  }
  tsg_pdf_writer_space (w, 6);
  write_client (w, client, kase);
  tsg_pdf_writer_heading (w, _("Support Plan"), 2);
  write_plan (w, plan);
  if (consents->len > 0)
    {
      tsg_pdf_writer_heading (w, _("Consent to Share"), 2);
      write_consents (w, consents);
    }
  tsg_pdf_writer_heading (w, _("Timeline"), 2);
  if (!write_timeline (w, store, actor, case_id, error))
    return NULL;
  if (!_tsg_store_begin (store, error))
    return NULL;
  if (!_tsg_store_audit (store, actor, "export", "case", case_id, "pdf", error))
    {
      _tsg_store_rollback (store);
      return NULL;
    }
  if (!_tsg_store_commit (store, error))
    return NULL;
  return tsg_pdf_writer_finish (w, error);
}

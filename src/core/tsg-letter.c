/* tsg-letter.c: the referral letter (紹介状) on the shared A4 PDF writer
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout of a Japanese business letter: the date top right, the addressee
 * (organization, department, 御中 or 様) on the left, the office's letterhead
 * on the right, the title centred, then the body. Everything about her comes
 * from TsgLetterData, which the store fills only as far as her consent goes
 * and never with a withheld address.
 */
#define G_LOG_DOMAIN "tsg-letter"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-letter.h"
#include "tsg-pdf-writer.h"

G_DEFINE_QUARK (tsg-letter-error-quark, tsg_letter_error)

const char *const tsg_letter_placeholders[] = {
  "date", "organization", "department", "service", "service_phone", "client_name", "client_kana",
  "client_age", "client_municipality", "client_contact", "client_address", "case_code", "staff",
  "office_name", "office_phone", "free_dial", "person_in_charge", NULL,
};

const char *
tsg_letter_default_body (void)
{
  /* translators: the default body of a referral letter (紹介状). Keep the
   * {placeholders} as they are; a line whose placeholders are all empty
   * (she did not consent to share it) is left out of the letter. */
  return _("Dear Sir or Madam,\n"
           "\n"
           "Thank you for your continued cooperation. We would like to refer the person below, whom our "
           "office is supporting, to {service}. She has agreed that we contact you.\n"
           "\n"
           "Our reference: {case_code}\n"
           "Name: {client_name} ({client_kana})\n"
           "Age band: {client_age}\n"
           "Municipality: {client_municipality}\n"
           "Address: {client_address}\n"
           "How to reach her: {client_contact}\n"
           "\n"
           "We would be grateful for your support. Please contact {person_in_charge} at {office_phone} "
           "with any questions.\n"
           "\n"
           "Yours faithfully");
}

char *
tsg_letter_format_date (GDateTime *date,
                        gboolean   era)
{
  int y = g_date_time_get_year (date);
  int m = g_date_time_get_month (date);
  int d = g_date_time_get_day_of_month (date);
  const char *name;
  int era_year;

  if (!era)
    /* translators: a date, strftime format; Japanese: %Y年%-m月%-d日 */
    return g_date_time_format (date, _("%b %-d, %Y"));
  /* 令和 began on 1 May 2019, 平成 on 8 January 1989; the first year is 元年. */
  if (y > 2019 || (y == 2019 && m >= 5))
    name = "令和", era_year = y - 2018;
  else if (y > 1989 || (y == 1989 && (m > 1 || d >= 8)))
    name = "平成", era_year = y - 1988;
  else
    name = "昭和", era_year = y - 1925;
  if (era_year == 1)
    return g_strdup_printf ("%s元年%d月%d日", name, m, d);
  return g_strdup_printf ("%s%d年%d月%d日", name, era_year, m, d);
}

static const char *
nonempty (const char *text)
{
  return text && *text ? text : NULL;
}

static char *
value_of (const TsgLetterData *data,
          const char          *name,
          GDateTime           *date,
          gboolean             era)
{
  const TsgReferral *r = data->referral;

  if (g_str_equal (name, "date"))
    return tsg_letter_format_date (date, era);
  if (g_str_equal (name, "organization"))
    return g_strdup (r->organization_name);
  if (g_str_equal (name, "department"))
    return g_strdup (r->letter_to);
  if (g_str_equal (name, "service"))
    return g_strdup (r->service_name);
  if (g_str_equal (name, "service_phone"))
    return g_strdup (data->service_phone);
  if (g_str_equal (name, "client_name"))
    return g_strdup (data->client_name);
  if (g_str_equal (name, "client_kana"))
    return g_strdup (data->client_kana);
  if (g_str_equal (name, "client_age"))
    return g_strdup (data->client_age_band ? _(data->client_age_band) : NULL);
  if (g_str_equal (name, "client_municipality"))
    return g_strdup (data->client_municipality);
  if (g_str_equal (name, "client_contact"))
    return g_strdup (data->client_contact);
  if (g_str_equal (name, "client_address"))
    return g_strdup (data->client_address);
  if (g_str_equal (name, "case_code"))
    return g_strdup (r->case_code);
  if (g_str_equal (name, "staff"))
    return g_strdup (r->staff_name);
  if (g_str_equal (name, "office_name"))
    return g_strdup (data->office_name);
  if (g_str_equal (name, "office_phone"))
    return g_strdup (data->office_phone);
  if (g_str_equal (name, "free_dial"))
    return g_strdup (data->free_dial);
  if (g_str_equal (name, "person_in_charge"))
    return g_strdup (data->person_in_charge);
  return NULL;
}

/* Empty brackets left by an empty placeholder: "山田 花子（）" → "山田 花子". */
static void
drop_empty_brackets (GString *line)
{
  static const char *const pairs[] = { "（）", "()", " ()", "「」" };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      char *at;
      while ((at = strstr (line->str, pairs[i])) != NULL)
        g_string_erase (line, at - line->str, strlen (pairs[i]));
    }
}

static gboolean
expand_line (const TsgLetterData *data,
             const char          *line,
             guint                line_number,
             GDateTime           *date,
             gboolean             era,
             GString             *out,
             GError             **error)
{
  g_autoptr(GString) expanded = g_string_new (NULL);
  guint n_placeholders = 0, n_filled = 0;
  const char *p = line;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (open == NULL)
        {
          g_string_append (expanded, p);
          break;
        }
      g_string_append_len (expanded, p, open - p);
      close = strchr (open, '}');
      if (close == NULL)
        {
          g_set_error (error, TSG_LETTER_ERROR, TSG_LETTER_ERROR_PLACEHOLDER,
                       _("Line %u of the letter opens a placeholder with “{” but never closes it with “}”."),
                       line_number);
          return FALSE;
        }
      name = g_strstrip (g_strndup (open + 1, close - open - 1));
      if (!g_strv_contains (tsg_letter_placeholders, name))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) tsg_letter_placeholders);
          g_set_error (error, TSG_LETTER_ERROR, TSG_LETTER_ERROR_PLACEHOLDER,
                       _("Line %u of the letter has an unknown placeholder {%s}; the known ones are %s."),
                       line_number, name, known);
          return FALSE;
        }
      value = value_of (data, name, date, era);
      n_placeholders++;
      if (nonempty (value))
        {
          n_filled++;
          g_string_append (expanded, value);
        }
      p = close + 1;
    }
  /* A line about her that has nothing to say is left out entirely. */
  if (n_placeholders > 0 && n_filled == 0)
    return TRUE;
  drop_empty_brackets (expanded);
  g_string_append (out, expanded->str);
  g_string_append_c (out, '\n');
  return TRUE;
}

char *
tsg_letter_expand (const TsgLetterData *data,
                   const char          *body,
                   GDateTime           *date,
                   gboolean             era,
                   GError             **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (data != NULL && data->referral != NULL, NULL);

  if (body == NULL || *body == '\0')
    body = nonempty (data->default_body) ? data->default_body : tsg_letter_default_body ();
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (!expand_line (data, lines[i], i + 1, date, era, out, error))
      return NULL;
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_strdup (out->str);
}

static char *
addressee (const TsgReferral *r)
{
  const char *to = nonempty (r->letter_to);
  gboolean sama = g_strcmp0 (r->letter_honorific, "sama") == 0;

  if (sama)
    /* translators: a person addressed in a letter: Japanese "%s 様" */
    return g_strdup_printf (C_("honorific for a person", "%s"), to ? to : _("Person in charge"));
  if (to != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s %s", r->organization_name, to);
      /* translators: an organization or department addressed in a letter: Japanese "%s 御中" */
      return g_strdup_printf (C_("honorific for an organization", "%s"), both);
    }
  return g_strdup_printf (C_("honorific for an organization", "%s"), r->organization_name);
}

static void
draw_letterhead (TsgPdfWriter        *w,
                 const TsgLetterData *data)
{
  g_autoptr(GString) head = g_string_new (NULL);

  if (nonempty (data->office_address))
    g_string_append_printf (head, "%s\n", data->office_address);
  if (nonempty (data->office_phone))
    /* translators: the office's phone number in a letterhead */
    g_string_append_printf (head, _("Tel. %s"), data->office_phone), g_string_append_c (head, '\n');
  if (nonempty (data->free_dial))
    /* translators: the free-dial number in a letterhead (フリーダイヤル) */
    g_string_append_printf (head, _("Free dial %s"), data->free_dial), g_string_append_c (head, '\n');
  if (nonempty (data->person_in_charge))
    /* translators: who writes the letter (担当) */
    g_string_append_printf (head, _("Person in charge: %s"), data->person_in_charge), g_string_append_c (head, '\n');
  if (head->len > 0)
    g_string_truncate (head, head->len - 1);

  if (nonempty (data->office_name))
    tsg_pdf_writer_text (w, data->office_name, 11, TRUE, TSG_PDF_ALIGN_RIGHT);
  if (head->len > 0)
    tsg_pdf_writer_text (w, head->str, 9.5, FALSE, TSG_PDF_ALIGN_RIGHT);
}

GBytes *
tsg_letter_render (const TsgLetterData *data,
                   GDateTime           *date,
                   gboolean             era,
                   GError             **error)
{
  g_autoptr(TsgPdfWriter) w = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *body = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) paragraphs = NULL;

  g_return_val_if_fail (data != NULL && data->referral != NULL, NULL);

  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  if (!(body = tsg_letter_expand (data, data->referral->letter_body, date, era, error)))
    return NULL;

  w = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  tsg_pdf_writer_set_margins (w, TSG_PDF_MM (25), TSG_PDF_MM (25), TSG_PDF_MM (22), TSG_PDF_MM (25));
  tsg_pdf_writer_set_title (w, _("Referral Letter"));

  date_text = tsg_letter_format_date (date, era);
  tsg_pdf_writer_text (w, date_text, 10.5, FALSE, TSG_PDF_ALIGN_RIGHT);
  tsg_pdf_writer_space (w, TSG_PDF_MM (6));

  to = addressee (data->referral);
  if (g_strcmp0 (data->referral->letter_honorific, "sama") == 0)
    tsg_pdf_writer_text (w, data->referral->organization_name, 11, FALSE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_text (w, to, 13, TRUE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_space (w, TSG_PDF_MM (4));

  draw_letterhead (w, data);
  tsg_pdf_writer_space (w, TSG_PDF_MM (10));

  tsg_pdf_writer_text (w, _("Referral Letter"), 18, TRUE, TSG_PDF_ALIGN_CENTER);
  tsg_pdf_writer_space (w, TSG_PDF_MM (8));

  /* Paragraphs keep their blank lines as space, not as empty text. */
  paragraphs = g_strsplit (body, "\n\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    {
      gboolean closing;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      /* The closing word (敬具) stands on the right, as letters have it. */
      closing = paragraphs[i + 1] == NULL && strchr (paragraphs[i], '\n') == NULL
                && g_utf8_strlen (paragraphs[i], -1) <= 8;
      tsg_pdf_writer_text (w, paragraphs[i], 10.5, FALSE, closing ? TSG_PDF_ALIGN_RIGHT : TSG_PDF_ALIGN_LEFT);
      tsg_pdf_writer_space (w, TSG_PDF_MM (4));
    }
  return tsg_pdf_writer_finish (w, error);
}

char *
tsg_letter_suggested_filename (const TsgLetterData *data,
                               GDateTime           *date)
{
  g_autoptr(GDateTime) now = date ? g_date_time_ref (date) : g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  const char *code = data->referral->case_code ? data->referral->case_code : "referral";

  /* translators: file name of a saved referral letter; keep %s-%s.pdf */
  return g_strdup_printf (_("referral-letter-%s-%s.pdf"), code, day);
}

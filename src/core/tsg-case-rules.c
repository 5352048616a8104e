/* tsg-case-rules.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-case-rules"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-case-rules.h"
#include "tsg-fold.h"
#include "tsg-store.h"

const TsgEnumValue tsg_consent_scopes[] = {
  { "referral", N_("Referral (her situation)") },
  { "letter", N_("Referral letter with her name") },
  { "contact_details", N_("How to reach her") },
  { "conference", N_("Case conference") },
  { NULL, NULL }
};

const TsgEnumValue tsg_manual_timeline_kinds[] = {
  { "note", N_("Note") },
  { "outreach", N_("Outreach visit") },
  { "accompaniment", N_("Accompaniment") },
  { "conference", N_("Case conference") },
  { "document", N_("Document") },
  { NULL, NULL }
};

const TsgEnumValue tsg_need_priorities[] = {
  { "1", N_("High") },
  { "2", N_("Medium") },
  { "3", N_("Low") },
  { NULL, NULL }
};

/* Follow-ups the office schedules for the most common needs; the days come
 * from the counsellors' usual rhythm (first window within a week, a review
 * after a month; DV safety first, within days). */
const TsgPlanTemplate tsg_plan_templates[] = {
  { "housing", N_("Housing"), "housing",
    N_("A safe and stable place to live"),
    N_("Secure housing she can afford"),
    { { N_("Visit the housing support window together"), 7 },
      { N_("Gather the documents for the housing application"), 14 },
      { N_("Confirm the moving date and the first rent"), 30 },
      { NULL, 0 } },
    30 },
  { "work", N_("Work"), "work",
    N_("Stable work"),
    N_("Register at Hello Work and start applying"),
    { { N_("Accompany her to Hello Work to register"), 7 },
      { N_("Write her CV together"), 14 },
      { N_("Follow up on applications and interviews"), 30 },
      { NULL, 0 } },
    30 },
  { "livelihood", N_("Financial hardship"), "livelihood",
    N_("Money for daily life"),
    N_("Apply for the support she is entitled to"),
    { { N_("Accompany her to the welfare window"), 7 },
      { N_("Check the rent and bills in arrears"), 14 },
      { N_("Confirm the decision on the application"), 30 },
      { NULL, 0 } },
    30 },
  { "dv", N_("Safety (DV)"), "dv",
    N_("Safety from the abuser"),
    N_("A safety plan she can follow"),
    { { N_("Make a safety plan with her"), 1 },
      { N_("Consult the women's consultation support centre"), 3 },
      { N_("Ask about a protection order if she wishes"), 14 },
      { NULL, 0 } },
    14 },
  { "mental", N_("Mental health"), "mental",
    N_("Rest and someone to talk to"),
    N_("Regular care for her mental health"),
    { { N_("Find a clinic or counselling she can reach"), 14 },
      { N_("Check in with her by her safe way of contact"), 30 },
      { NULL, 0 } },
    30 },
  { NULL }
};

const TsgPlanTemplate *
tsg_plan_template_lookup (const char *id)
{
  for (guint i = 0; id && tsg_plan_templates[i].id; i++)
    if (g_str_equal (tsg_plan_templates[i].id, id))
      return &tsg_plan_templates[i];
  return NULL;
}

gboolean
tsg_case_status_is_open (const char *status)
{
  return tsg_enum_contains (tsg_case_statuses, status) && g_strcmp0 (status, "closed") != 0;
}

const char *
tsg_case_status_next (const char *status)
{
  int i = tsg_enum_index (tsg_case_statuses, status);

  if (i < 0 || tsg_case_statuses[i + 1].id == NULL)
    return NULL;
  return tsg_case_statuses[i + 1].id;
}

gboolean
tsg_case_status_change_allowed (const char  *from,
                                const char  *to,
                                GError     **error)
{
  int f = tsg_enum_index (tsg_case_statuses, from);
  int t = tsg_enum_index (tsg_case_statuses, to);
  int closed = tsg_enum_index (tsg_case_statuses, "closed");

  if (t < 0)
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_case_statuses);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Status \"%s\" is not one of %s."), to ? to : "", ids);
      return FALSE;
    }
  if (f == t)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Status: the case is already in “%s”."),
                   tsg_enum_label (tsg_case_statuses, to));
      return FALSE;
    }
  /* A closed case may be reopened where the work starts again; an open case
   * moves one step on or back, or closes (she may stop coming at any point). */
  if (f == closed || t == closed || t == f + 1 || t == f - 1)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("Status: a case in “%s” moves on to “%s” (or back one step, or is closed), not to “%s”."),
               tsg_enum_label (tsg_case_statuses, from),
               tsg_enum_label (tsg_case_statuses, tsg_case_status_next (from)),
               tsg_enum_label (tsg_case_statuses, to));
  return FALSE;
}

gboolean
tsg_date_parse (const char *text,
                GDate      *date)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
tsg_date_of_unix (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

char *
tsg_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
tsg_date_add_days (const char *date,
                   int         days)
{
  GDate d;
  char buf[16];

  if (!tsg_date_parse (date, &d))
    return NULL;
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
  return g_strdup (buf);
}

gboolean
tsg_date_check (const char  *field,
                const char  *value,
                gboolean     optional,
                GError     **error)
{
  GDate d;

  if ((value == NULL || *value == '\0') && optional)
    return TRUE;
  if (tsg_date_parse (value, &d))
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: %s is a field, e.g. "Due date"; the value follows */
               _("%s “%s” is not a date (YYYY-MM-DD)."), field, value ? value : "");
  return FALSE;
}

gboolean
tsg_need_validate (const char  *domain,
                   const char  *description,
                   int          priority,
                   GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (description ? description : ""));

  if (!tsg_enum_contains (tsg_need_domains, domain))
    {
      g_autofree char *ids = tsg_enum_join_ids (tsg_need_domains);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Need domain “%s” is not one of %s."), domain ? domain : "", ids);
      return FALSE;
    }
  if (*trimmed == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Need: the description is empty; say in a few words what she needs."));
      return FALSE;
    }
  if (priority < 1 || priority > 3)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Need priority %d is not 1 (high), 2 (medium) or 3 (low)."), priority);
      return FALSE;
    }
  return TRUE;
}

char *
tsg_client_name_key (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL)
    return NULL;
  key = tsg_fold_for_name (text);
  if (*key == '\0')
    return NULL;
  return g_steal_pointer (&key);
}

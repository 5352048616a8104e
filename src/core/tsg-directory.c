/* tsg-directory.c: directory records, opening hours, addresses
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-directory"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-directory.h"

const char *const tsg_dir_service_statuses[] = {
  "active", "inactive", "defunct", "temporarily closed", NULL,
};

/* The names of the office's support taxonomy, as the migration seeds them. */
static const struct { const char *code; const char *name; } support_terms[] = {
  { "work", "就労" }, { "housing", "住まい" }, { "welfare", "生活保護" }, { "food", "食料" },
  { "dv", "DV・性暴力" }, { "medical", "医療" }, { "legal", "法律" }, { "child_rearing", "子育て" },
  { "mental", "こころ" }, { "consultation", "女性相談" },
};

const char *
tsg_dir_support_term_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (support_terms); i++)
    if (g_strcmp0 (support_terms[i].code, code) == 0)
      return support_terms[i].name;
  return code;
}

gboolean
tsg_dir_service_status_valid (const char *status)
{
  return status != NULL && g_strv_contains (tsg_dir_service_statuses, status);
}

/* --- records ---------------------------------------------------------- */

TsgDirPhone *
tsg_dir_phone_new (void)
{
  return g_new0 (TsgDirPhone, 1);
}

void
tsg_dir_phone_free (TsgDirPhone *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->uid);
  g_free (phone->number);
  g_free (phone->extension);
  g_free (phone->type);
  g_free (phone->description);
  g_free (phone);
}

TsgDirSchedule *
tsg_dir_schedule_new (void)
{
  return g_new0 (TsgDirSchedule, 1);
}

void
tsg_dir_schedule_free (TsgDirSchedule *schedule)
{
  if (schedule == NULL)
    return;
  g_free (schedule->uid);
  g_free (schedule->freq);
  g_free (schedule->byday);
  g_free (schedule->opens_at);
  g_free (schedule->closes_at);
  g_free (schedule->valid_from);
  g_free (schedule->valid_to);
  g_free (schedule->description);
  g_free (schedule->notes);
  g_free (schedule);
}

TsgDirAddress *
tsg_dir_address_new (void)
{
  return g_new0 (TsgDirAddress, 1);
}

void
tsg_dir_address_free (TsgDirAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->uid);
  g_free (address->attention);
  g_free (address->address_1);
  g_free (address->address_2);
  g_free (address->city);
  g_free (address->region);
  g_free (address->state_province);
  g_free (address->postal_code);
  g_free (address->country);
  g_free (address->address_type);
  g_free (address);
}

TsgDirLocation *
tsg_dir_location_new (void)
{
  TsgDirLocation *location = g_new0 (TsgDirLocation, 1);

  location->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_address_free);
  location->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_phone_free);
  location->schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_schedule_free);
  return location;
}

void
tsg_dir_location_free (TsgDirLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->uid);
  g_free (location->name);
  g_free (location->alternate_name);
  g_free (location->description);
  g_free (location->location_type);
  g_free (location->transportation);
  g_free (location->url);
  g_ptr_array_unref (location->addresses);
  g_ptr_array_unref (location->phones);
  g_ptr_array_unref (location->schedules);
  g_free (location);
}

TsgDirTerm *
tsg_dir_term_new (void)
{
  return g_new0 (TsgDirTerm, 1);
}

TsgDirTerm *
tsg_dir_term_copy (const TsgDirTerm *term)
{
  TsgDirTerm *copy = tsg_dir_term_new ();

  copy->uid = g_strdup (term->uid);
  copy->code = g_strdup (term->code);
  copy->name = g_strdup (term->name);
  copy->description = g_strdup (term->description);
  copy->parent_uid = g_strdup (term->parent_uid);
  copy->taxonomy = g_strdup (term->taxonomy);
  return copy;
}

void
tsg_dir_term_free (TsgDirTerm *term)
{
  if (term == NULL)
    return;
  g_free (term->uid);
  g_free (term->code);
  g_free (term->name);
  g_free (term->description);
  g_free (term->parent_uid);
  g_free (term->taxonomy);
  g_free (term);
}

TsgDirService *
tsg_dir_service_new (void)
{
  TsgDirService *service = g_new0 (TsgDirService, 1);

  service->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_phone_free);
  service->schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_schedule_free);
  service->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_term_free);
  service->location_uids = g_ptr_array_new_with_free_func (g_free);
  return service;
}

void
tsg_dir_service_free (TsgDirService *service)
{
  if (service == NULL)
    return;
  g_free (service->uid);
  g_free (service->name);
  g_free (service->alternate_name);
  g_free (service->description);
  g_free (service->url);
  g_free (service->email);
  g_free (service->status);
  g_free (service->eligibility);
  g_free (service->fees);
  g_free (service->languages);
  g_free (service->application_process);
  g_free (service->verified_on);
  g_free (service->verified_by);
  g_ptr_array_unref (service->phones);
  g_ptr_array_unref (service->schedules);
  g_ptr_array_unref (service->terms);
  g_ptr_array_unref (service->location_uids);
  g_free (service);
}

TsgDirOrganization *
tsg_dir_organization_new (void)
{
  TsgDirOrganization *org = g_new0 (TsgDirOrganization, 1);

  org->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_phone_free);
  org->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_location_free);
  org->services = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_service_free);
  return org;
}

void
tsg_dir_organization_free (TsgDirOrganization *org)
{
  if (org == NULL)
    return;
  g_free (org->uid);
  g_free (org->name);
  g_free (org->alternate_name);
  g_free (org->description);
  g_free (org->email);
  g_free (org->website);
  g_free (org->category);
  g_free (org->verified_on);
  g_free (org->verified_by);
  g_ptr_array_unref (org->phones);
  g_ptr_array_unref (org->locations);
  g_ptr_array_unref (org->services);
  g_free (org);
}

/* --- addresses -------------------------------------------------------- */

static void
append_part (GString    *out,
             const char *part,
             const char *separator)
{
  if (part == NULL || *part == '\0')
    return;
  if (out->len > 0 && separator != NULL)
    g_string_append (out, separator);
  g_string_append (out, part);
}

char *
tsg_dir_address_format (const TsgDirAddress *address)
{
  GString *out = g_string_new (NULL);

  if (address->postal_code && *address->postal_code)
    g_string_append_printf (out, "〒%s", address->postal_code);
  /* Japanese order, largest first, with no spaces inside the address. */
  append_part (out, address->state_province, out->len > 0 ? " " : NULL);
  append_part (out, address->city, NULL);
  append_part (out, address->address_1, NULL);
  append_part (out, address->address_2, " ");
  return g_string_free (out, FALSE);
}

/* --- opening hours ---------------------------------------------------- */

static const char *const day_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* "HH:MM" or "HH:MM:SS" → minutes after midnight, -1 when unreadable. */
static int
parse_minutes (const char *text)
{
  int h, m;

  if (text == NULL || sscanf (text, "%d:%d", &h, &m) != 2 || h < 0 || h > 24 || m < 0 || m > 59)
    return -1;
  return h * 60 + m;
}

/* Whether a byday token ("TU", "1MO", "-1FR") covers @when. */
static gboolean
token_covers (const char *token,
              GDateTime  *when)
{
  gsize len = strlen (token);
  int weekday = g_date_time_get_day_of_week (when) - 1;
  int ordinal;
  int day;
  int days_in_month;

  if (len < 2 || g_ascii_strcasecmp (token + len - 2, day_codes[weekday]) != 0)
    return FALSE;
  if (len == 2)
    return TRUE;
  ordinal = atoi (token);
  day = g_date_time_get_day_of_month (when);
  days_in_month = g_date_get_days_in_month (g_date_time_get_month (when), g_date_time_get_year (when));
  if (ordinal > 0)
    return (day - 1) / 7 + 1 == ordinal;
  if (ordinal < 0)
    return (days_in_month - day) / 7 + 1 == -ordinal;
  return TRUE;
}

static gboolean
schedule_covers_day (const TsgDirSchedule *schedule,
                     GDateTime            *when)
{
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
  g_auto(GStrv) tokens = NULL;

  if (schedule->valid_from && *schedule->valid_from && strcmp (date, schedule->valid_from) < 0)
    return FALSE;
  if (schedule->valid_to && *schedule->valid_to && strcmp (date, schedule->valid_to) > 0)
    return FALSE;
  if (schedule->byday == NULL || *schedule->byday == '\0')
    return TRUE;
  tokens = g_strsplit (schedule->byday, ",", -1);
  for (guint i = 0; tokens[i]; i++)
    if (token_covers (g_strstrip (tokens[i]), when))
      return TRUE;
  return FALSE;
}

char *
tsg_dir_hours_on (GPtrArray *schedules,
                  GDateTime *when)
{
  GString *out = NULL;

  for (guint i = 0; schedules && i < schedules->len; i++)
    {
      const TsgDirSchedule *s = g_ptr_array_index (schedules, i);
      int opens = parse_minutes (s->opens_at);
      int closes = parse_minutes (s->closes_at);

      if (opens < 0 || closes < 0 || !schedule_covers_day (s, when))
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, ", ");
      if (opens == 0 && closes == 24 * 60)
        g_string_append (out, _("24 hours"));
      else
        g_string_append_printf (out, "%02d:%02d–%02d:%02d", opens / 60, opens % 60, closes / 60, closes % 60);
    }
  return out ? g_string_free (out, FALSE) : NULL;
}

gboolean
tsg_dir_is_open_at (GPtrArray *schedules,
                    GDateTime *when)
{
  int now = g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when);

  for (guint i = 0; schedules && i < schedules->len; i++)
    {
      const TsgDirSchedule *s = g_ptr_array_index (schedules, i);
      int opens = parse_minutes (s->opens_at);
      int closes = parse_minutes (s->closes_at);

      if (opens < 0 || closes < 0 || !schedule_covers_day (s, when))
        continue;
      if (closes > opens ? (now >= opens && now < closes) : (now >= opens || now < closes))
        return TRUE;
    }
  return FALSE;
}

static const char *
day_label (int index)
{
  static const char *labels[] = {
    /* translators: short weekday names (月 火 水 木 金 土 日) */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };
  return _(labels[index]);
}

char *
tsg_dir_days_label (const char *byday)
{
  g_auto(GStrv) tokens = NULL;
  gboolean days[7] = { FALSE };
  GString *out = g_string_new (NULL);
  int n = 0;

  if (byday == NULL || *byday == '\0')
    return g_string_free (out, FALSE);
  tokens = g_strsplit (byday, ",", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      const char *t = g_strstrip (tokens[i]);
      gsize len = strlen (t);

      /* "1MO" (the first Monday) is shown as it is written. */
      if (len != 2)
        {
          if (out->len)
            g_string_append (out, C_("list of days", ", "));
          g_string_append (out, t);
          continue;
        }
      for (int d = 0; d < 7; d++)
        if (g_ascii_strcasecmp (t, day_codes[d]) == 0)
          days[d] = TRUE;
    }
  for (int d = 0; d < 7; d++)
    n += days[d];
  if (n == 7)
    {
      g_string_prepend (out, _("every day"));
      return g_string_free (out, FALSE);
    }
  for (int d = 0; d < 7;)
    {
      int end = d;

      if (!days[d])
        {
          d++;
          continue;
        }
      while (end + 1 < 7 && days[end + 1])
        end++;
      if (out->len)
        g_string_append (out, C_("list of days", ", "));
      if (end - d >= 2)
        /* translators: a range of weekdays, e.g. Mon–Fri (月〜金) */
        g_string_append_printf (out, C_("range of days", "%s–%s"), day_label (d), day_label (end));
      else
        for (int k = d; k <= end; k++)
          {
            if (k > d)
              g_string_append (out, C_("list of days", ", "));
            g_string_append (out, day_label (k));
          }
      d = end + 1;
    }
  return g_string_free (out, FALSE);
}

gboolean
tsg_dir_is_stale (const char *verified_on,
                  GDateTime  *today)
{
  int y, m, d;
  g_autofree char *limit = NULL;
  g_autoptr(GDateTime) year_ago = NULL;

  if (verified_on == NULL || sscanf (verified_on, "%d-%d-%d", &y, &m, &d) != 3)
    return TRUE;
  year_ago = g_date_time_add_years (today, -1);
  limit = g_date_time_format (year_ago, "%Y-%m-%d");
  return strncmp (verified_on, limit, 10) < 0;
}

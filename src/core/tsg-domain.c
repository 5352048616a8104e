/* tsg-domain.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-domain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-domain.h"

const TsgEnumValue tsg_channels[] = {
  { "free_dial", N_("Free-dial line") },
  { "phone", N_("Phone") },
  { "line", N_("LINE chat") },
  { "email", N_("E-mail") },
  { "sns", N_("SNS") },
  { "visit", N_("Walk-in") },
  { "outreach", N_("Outreach") },
  { NULL, NULL }
};

const TsgEnumValue tsg_call_types[] = {
  { "data", N_("Consultation") },
  { "silent", N_("Silent call") },
  { "hang_up", N_("Hang-up") },
  { "prank", N_("Prank call") },
  { "wrong_number", N_("Wrong number") },
  { NULL, NULL }
};

const TsgEnumValue tsg_age_bands[] = {
  { "teens", N_("Teens") },
  { "20s", N_("20s") },
  { "30s", N_("30s") },
  { "40s", N_("40s") },
  { "50s", N_("50s") },
  { "60s", N_("60s") },
  { "70plus", N_("70 and over") },
  { "unknown", N_("Unknown") },
  { NULL, NULL }
};

const TsgEnumValue tsg_topics[] = {
  { "livelihood", N_("Financial hardship") },
  { "work", N_("Work") },
  { "mental", N_("Mental health") },
  { "dv", N_("Domestic violence") },
  { "housing", N_("Housing") },
  { "family", N_("Family") },
  { "child_rearing", N_("Child rearing") },
  { "health", N_("Health") },
  { "sexual_violence", N_("Sexual violence") },
  { "relationships", N_("Relationships") },
  { "legal", N_("Legal") },
  { "other", N_("Other") },
  { NULL, NULL }
};

const TsgEnumValue tsg_outcomes[] = {
  { "listened", N_("Listened") },
  { "information", N_("Information given") },
  { "referred", N_("Referred") },
  { "accompaniment", N_("Accompaniment") },
  { "continuing", N_("Continuing") },
  { "closed", N_("Closed") },
  { NULL, NULL }
};

const TsgEnumValue tsg_risk_levels[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "urgent", N_("Urgent") },
  { NULL, NULL }
};

const TsgEnumValue tsg_roles[] = {
  { "front_desk", N_("Front desk") },
  { "counsellor", N_("Counsellor") },
  { "coordinator", N_("Coordinator") },
  { "administrator", N_("Administrator") },
  { NULL, NULL }
};

const TsgEnumValue tsg_case_statuses[] = {
  { "intake", N_("Intake") },
  { "assessment", N_("Assessment") },
  { "planning", N_("Planning") },
  { "support", N_("Support") },
  { "monitoring", N_("Monitoring") },
  { "closed", N_("Closed") },
  { NULL, NULL }
};

const TsgEnumValue tsg_need_domains[] = {
  { "livelihood", N_("Financial hardship") },
  { "work", N_("Work") },
  { "housing", N_("Housing") },
  { "mental", N_("Mental health") },
  { "dv", N_("Domestic violence") },
  { "family", N_("Family") },
  { "health", N_("Health") },
  { "legal", N_("Legal") },
  { "child_rearing", N_("Child rearing") },
  { "other", N_("Other") },
  { NULL, NULL }
};

const TsgEnumValue tsg_timeline_kinds[] = {
  { "contact", N_("Contact") },
  { "outreach", N_("Outreach visit") },
  { "accompaniment", N_("Accompaniment") },
  { "referral", N_("Referral") },
  { "distribution", N_("Products handed over") },
  { "note", N_("Note") },
  { "plan_review", N_("Plan review") },
  { "conference", N_("Case conference") },
  { "document", N_("Document") },
  { "status", N_("Status change") },
  { NULL, NULL }
};

const TsgEnumValue tsg_referral_statuses[] = {
  { "planned", N_("Planned") },
  { "sent", N_("Sent") },
  { "accepted", N_("Accepted") },
  { "completed", N_("Completed") },
  { "declined", N_("Declined") },
  { NULL, NULL }
};

const TsgEnumValue tsg_movement_kinds[] = {
  { "receipt", N_("Receipt") },
  { "transfer", N_("Transfer") },
  { "distribution", N_("Distribution") },
  { "adjustment", N_("Adjustment") },
  { "count", N_("Stock count") },
  { NULL, NULL }
};

const TsgEnumValue tsg_item_categories[] = {
  { "pads_day", N_("Pads (day)") },
  { "pads_night", N_("Pads (night)") },
  { "liners", N_("Liners") },
  { "tampons", N_("Tampons") },
  { "period_underwear", N_("Period underwear") },
  { "other", N_("Other necessities") },
  { "kit", N_("Support kit") },
  { NULL, NULL }
};

const TsgEnumValue tsg_point_kinds[] = {
  { "office", N_("Office") },
  { "city_window", N_("City window") },
  { "welfare_council", N_("Social welfare council") },
  { "hello_work", N_("Hello Work") },
  { "school", N_("School") },
  { "bookshop", N_("Bookshop") },
  { "supermarket", N_("Supermarket") },
  { "net_cafe", N_("Net cafe") },
  { "library", N_("Library") },
  { "other", N_("Other") },
  { NULL, NULL }
};

const TsgEnumValue tsg_org_categories[] = {
  { "work", N_("Work") },
  { "housing", N_("Housing") },
  { "welfare", N_("Public assistance") },
  { "food", N_("Food") },
  { "dv", N_("DV and sexual violence") },
  { "medical", N_("Medical") },
  { "legal", N_("Legal") },
  { "child_rearing", N_("Child rearing") },
  { "mental", N_("Mental health") },
  { "consultation", N_("Consultation") },
  { NULL, NULL }
};

int
tsg_enum_index (const TsgEnumValue *values,
                const char         *id)
{
  if (id == NULL)
    return -1;
  for (int i = 0; values[i].id != NULL; i++)
    if (g_str_equal (values[i].id, id))
      return i;
  return -1;
}

gboolean
tsg_enum_contains (const TsgEnumValue *values,
                   const char         *id)
{
  return tsg_enum_index (values, id) >= 0;
}

/* Returns the translated label, or the identifier itself when unknown, so
 * that data written by a newer version still shows something. */
const char *
tsg_enum_label (const TsgEnumValue *values,
                const char         *id)
{
  int i = tsg_enum_index (values, id);

  if (i < 0)
    return id != NULL ? id : "";
  return g_dgettext (GETTEXT_PACKAGE, values[i].label);
}

guint
tsg_enum_count (const TsgEnumValue *values)
{
  guint n = 0;

  while (values[n].id != NULL)
    n++;
  return n;
}

char *
tsg_enum_join_ids (const TsgEnumValue *values)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; values[i].id != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, values[i].id);
    }
  return g_string_free (s, FALSE);
}

/* "dv housing" -> "Domestic violence, Housing" (translated) */
char *
tsg_enum_labels_for_list (const TsgEnumValue *values,
                          const char         *space_separated_ids)
{
  g_auto(GStrv) ids = NULL;
  GString *s = g_string_new (NULL);

  if (space_separated_ids == NULL)
    return g_string_free (s, FALSE);
  ids = g_strsplit (space_separated_ids, " ", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (*ids[i] == '\0')
        continue;
      if (s->len > 0)
        /* translators: separator between list items, e.g. topics */
        g_string_append (s, _(", "));
      g_string_append (s, tsg_enum_label (values, ids[i]));
    }
  return g_string_free (s, FALSE);
}

gboolean
tsg_call_type_is_data (const char *call_type)
{
  return call_type == NULL || g_str_equal (call_type, "data");
}

/* tsg-case-rules.h: the rules of cases that need no database: the status
 * flow, dates that must not contradict each other, needs, plan templates,
 * consent scopes
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tsg-domain.h"

G_BEGIN_DECLS

/* What a consent covers (she agreed that … may be shared with the agency). */
extern const TsgEnumValue tsg_consent_scopes[];
/* Entries a counsellor adds to a timeline by hand, one dialog each. */
extern const TsgEnumValue tsg_manual_timeline_kinds[];
/* 1 high, 2 medium, 3 low */
extern const TsgEnumValue tsg_need_priorities[];

#define TSG_PLAN_TEMPLATE_MAX_TASKS 4

typedef struct
{
  const char *description;   /* English, translated when applied */
  int         days;          /* due at start + days */
} TsgPlanTemplateTask;

/* "Housing: 3 tasks at +7/+14/+30 days, review at +30". */
typedef struct
{
  const char          *id;
  const char          *label;
  const char          *need_domain;   /* tsg_need_domains */
  const char          *need;
  const char          *goal;
  TsgPlanTemplateTask  tasks[TSG_PLAN_TEMPLATE_MAX_TASKS];  /* ends at description NULL */
  int                  review_days;
} TsgPlanTemplate;

extern const TsgPlanTemplate tsg_plan_templates[];   /* ends at id NULL */

const TsgPlanTemplate *tsg_plan_template_lookup (const char *id);

/* The status flow: intake → assessment → planning → support → monitoring →
 * closed; one step back; closing from anywhere; reopening to any open status.
 * FALSE with one sentence (TSG_STORE_ERROR_INVALID) otherwise. */
gboolean     tsg_case_status_change_allowed (const char  *from,
                                             const char  *to,
                                             GError     **error);
/* The next status forward, NULL after closed. */
const char  *tsg_case_status_next           (const char  *status);
gboolean     tsg_case_status_is_open        (const char  *status);

/* Calendar dates 'YYYY-MM-DD' in the office's zone. */
gboolean     tsg_date_parse                 (const char  *text,
                                             GDate       *date);
char        *tsg_date_today                 (void);
char        *tsg_date_of_unix               (gint64       unix_seconds);
char        *tsg_date_add_days              (const char  *date,
                                             int          days);
/* Checks that @value (named @field in the message) is a date; NULL or ""
 * is accepted when @optional. */
gboolean     tsg_date_check                 (const char  *field,
                                             const char  *value,
                                             gboolean     optional,
                                             GError     **error);

gboolean     tsg_need_validate              (const char  *domain,
                                             const char  *description,
                                             int          priority,
                                             GError     **error);

/* The folded form names and kana are compared in (NULL for nothing). */
char        *tsg_client_name_key            (const char  *text);

G_END_DECLS

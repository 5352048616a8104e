/* tsg-directory.h: the referral directory as plain records (HSDS 3.1 shape)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same records travel between the store (tsg-store-directory.h), the
 * HSDS import and export (tsg-hsds.h) and the views. Strings are owned,
 * NULL = not given. No SQL and no JSON here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The office's support taxonomy (taxonomy_terms.taxonomy); its codes are the
 * tsg_org_categories ids. */
#define TSG_SUPPORT_TAXONOMY "tsunagari-support"

/* The Japanese name of a support taxonomy code (就労 for "work"). */
const char *tsg_dir_support_term_name (const char *code);

typedef struct
{
  char *uid;
  char *number;
  char *extension;
  char *type;         /* voice, fax, text, cell, video, pager, textphone */
  char *description;
} TsgDirPhone;

/* One weekly (or monthly) opening: RFC 5545 freq/byday, times "HH:MM". */
typedef struct
{
  char *uid;
  char *freq;         /* WEEKLY, MONTHLY */
  char *byday;        /* "MO,TU,WE" */
  char *opens_at;     /* "08:30" */
  char *closes_at;    /* "17:15"; "24:00" = until midnight */
  char *valid_from;   /* YYYY-MM-DD */
  char *valid_to;
  char *description;
  char *notes;        /* holidays: "祝日・年末年始は休み" */
} TsgDirSchedule;

typedef struct
{
  char *uid;
  char *attention;
  char *address_1;       /* 番地 */
  char *address_2;       /* building */
  char *city;            /* 市区町村 */
  char *region;
  char *state_province;  /* 都道府県 */
  char *postal_code;     /* 〒 */
  char *country;
  char *address_type;    /* physical, postal, virtual */
} TsgDirAddress;

typedef struct
{
  char      *uid;
  char      *name;
  char      *alternate_name;
  char      *description;
  char      *location_type;  /* physical, postal, virtual */
  char      *transportation;
  char      *url;
  gboolean   has_coordinates;
  double     latitude;
  double     longitude;
  gboolean   confidential;   /* a shelter: never leaves the office */
  GPtrArray *addresses;      /* TsgDirAddress */
  GPtrArray *phones;         /* TsgDirPhone */
  GPtrArray *schedules;      /* TsgDirSchedule */
} TsgDirLocation;

typedef struct
{
  char *uid;
  char *code;
  char *name;
  char *description;
  char *parent_uid;
  char *taxonomy;
} TsgDirTerm;

typedef struct
{
  gint64     id;             /* in the store; 0 for a record being imported */
  char      *uid;
  char      *name;
  char      *alternate_name;
  char      *description;
  char      *url;
  char      *email;
  char      *status;         /* active, inactive, defunct, temporarily closed */
  char      *eligibility;
  char      *fees;
  char      *languages;      /* ISO 639 codes separated by commas: "ja,en" */
  char      *application_process;
  char      *verified_on;    /* YYYY-MM-DD */
  char      *verified_by;
  GPtrArray *phones;         /* TsgDirPhone */
  GPtrArray *schedules;      /* TsgDirSchedule */
  GPtrArray *terms;          /* TsgDirTerm */
  GPtrArray *location_uids;  /* char*: the service is given at these locations */
} TsgDirService;

typedef struct
{
  gint64     id;
  char      *uid;
  char      *name;
  char      *alternate_name;
  char      *description;
  char      *email;
  char      *website;
  char      *category;       /* tsg_org_categories id */
  char      *verified_on;
  char      *verified_by;
  GPtrArray *phones;         /* TsgDirPhone */
  GPtrArray *locations;      /* TsgDirLocation */
  GPtrArray *services;       /* TsgDirService */
} TsgDirOrganization;

TsgDirPhone        *tsg_dir_phone_new           (void);
void                tsg_dir_phone_free          (TsgDirPhone        *phone);
TsgDirSchedule     *tsg_dir_schedule_new        (void);
void                tsg_dir_schedule_free       (TsgDirSchedule     *schedule);
TsgDirAddress      *tsg_dir_address_new         (void);
void                tsg_dir_address_free        (TsgDirAddress      *address);
TsgDirLocation     *tsg_dir_location_new        (void);
void                tsg_dir_location_free       (TsgDirLocation     *location);
TsgDirTerm         *tsg_dir_term_new            (void);
TsgDirTerm         *tsg_dir_term_copy           (const TsgDirTerm   *term);
void                tsg_dir_term_free           (TsgDirTerm         *term);
TsgDirService      *tsg_dir_service_new         (void);
void                tsg_dir_service_free        (TsgDirService      *service);
TsgDirOrganization *tsg_dir_organization_new    (void);
void                tsg_dir_organization_free   (TsgDirOrganization *organization);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgDirService, tsg_dir_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgDirOrganization, tsg_dir_organization_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgDirLocation, tsg_dir_location_free)

/* HSDS service statuses. */
extern const char *const tsg_dir_service_statuses[];
gboolean     tsg_dir_service_status_valid (const char *status);

/* "〒210-0015 神奈川県川崎市川崎区南町17-2 ビル名" (no postal mark when
 * there is no postal code). */
char        *tsg_dir_address_format      (const TsgDirAddress *address);

/* The hours of @schedules on the day of @when (local time), e.g.
 * "08:30–17:15", several joined by ", "; NULL when closed that day. */
char        *tsg_dir_hours_on            (GPtrArray   *schedules,
                                          GDateTime   *when);
/* Whether @when falls in one of the openings. Holidays are notes only, so
 * a national holiday still counts as open: the notes say otherwise. */
gboolean     tsg_dir_is_open_at          (GPtrArray   *schedules,
                                          GDateTime   *when);
/* The weekdays of a byday list in the UI language: "Mon–Fri", "月〜金". */
char        *tsg_dir_days_label          (const char  *byday);
/* Verified more than a year before @today (or never): the entry may be out
 * of date and should be checked before a referral. */
gboolean     tsg_dir_is_stale            (const char  *verified_on,
                                          GDateTime   *today);

G_END_DECLS

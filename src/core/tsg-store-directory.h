/* tsg-store-directory.h: the referral directory and referrals in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the directory needs TSG_PERM_DIRECTORY_READ, changing it
 * TSG_PERM_DIRECTORY_WRITE. Referrals are part of a woman's record: making
 * one needs TSG_PERM_CASES_WRITE (from a case) or TSG_PERM_CONTACTS_WRITE
 * (from a contact), and every read and change is audited in the same
 * transaction. Every write is one transaction.
 */
#pragma once

#include "tsg-directory.h"
#include "tsg-store.h"

G_BEGIN_DECLS

/* --- the directory ----------------------------------------------------- */

typedef struct
{
  guint organizations;
  guint services;
  guint locations;
  guint terms;
} TsgDirectoryCounts;

/* Writes @organizations (TsgDirOrganization, with their services, locations,
 * phones, schedules and terms) and the free-standing @terms (TsgDirTerm,
 * may be NULL), all in one transaction: records are matched by uid and
 * updated, their phones, schedules, addresses and links replaced. A location
 * already marked confidential stays confidential. The search index follows.
 * Nothing is written when anything fails. */
gboolean            tsg_store_save_directory   (TsgStore            *self,
                                                TsgActor            *actor,
                                                GPtrArray           *organizations,
                                                GPtrArray           *terms,
                                                TsgDirectoryCounts  *counts,
                                                GError             **error);
/* Every organization with its services and locations, ordered by uid.
 * Confidential locations (and their links) are left out unless
 * @include_confidential. Returns: (element-type TsgDirOrganization). */
GPtrArray          *tsg_store_load_directory   (TsgStore            *self,
                                                TsgActor            *actor,
                                                gboolean             include_confidential,
                                                GError             **error);
/* Every taxonomy term. Returns: (element-type TsgDirTerm). */
GPtrArray          *tsg_store_load_taxonomy    (TsgStore            *self,
                                                TsgActor            *actor,
                                                GError             **error);
/* One service for the detail pane: its organization, with only this service
 * in ->services, and the locations it is given at (confidential ones
 * included but flagged: views and documents never show their address). */
TsgDirOrganization *tsg_store_get_service      (TsgStore            *self,
                                                TsgActor            *actor,
                                                gint64               service_id,
                                                GError             **error);
/* The cities (市区町村) of the non-confidential locations, sorted. */
GStrv               tsg_store_directory_municipalities (TsgStore    *self,
                                                        TsgActor    *actor,
                                                        GError     **error);
/* Marks a service verified today by @verified_by. */
gboolean            tsg_store_verify_service   (TsgStore            *self,
                                                TsgActor            *actor,
                                                gint64               service_id,
                                                const char          *verified_by,
                                                GError             **error);

/* --- referrals --------------------------------------------------------- */

typedef struct
{
  gint64  id;
  gint64  client_id;                /* 0 = an anonymous contact */
  gint64  case_id;                  /* 0 = from a contact only */
  gint64  contact_id;
  gint64  service_id;
  char   *status;                   /* tsg_referral_statuses */
  char   *feedback;
  char   *consent_override_reason;
  char   *letter_to;                /* department or person; NULL = none */
  char   *letter_honorific;         /* "onchu" (御中) or "sama" (様); NULL = onchu */
  char   *letter_body;              /* template; NULL = the office's default */
  gint64  staff_id;
  gint64  created_at;
  gint64  updated_at;
  /* read only */
  gint64  organization_id;
  char   *organization_name;
  char   *service_name;
  char   *case_code;                /* the client's code */
  char   *staff_name;
} TsgReferral;

void         tsg_referral_free             (TsgReferral *referral);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgReferral, tsg_referral_free)

/* Refers the woman of @case_id, or of @contact_id (one of them non-zero; a
 * contact's case is used when it has one), to @service_id, as "planned".
 * She must have consented to a referral to the service's organization
 * (consents, scope "referral", for that agency or any agency, not
 * withdrawn); otherwise a non-empty @consent_override_reason is required,
 * kept on the referral and audited as "consent_override". Without it:
 * TSG_STORE_ERROR_INVALID, "consent missing" in one sentence. An anonymous
 * contact (no client) shares nothing about her and needs no consent.
 * Writes a timeline_events row of kind "referral" (ref_id = the referral)
 * on the case, in the same transaction. Returns the referral id, 0 on error. */
gint64       tsg_store_create_referral     (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       case_id,
                                            gint64       contact_id,
                                            gint64       service_id,
                                            const char  *consent_override_reason,
                                            GError     **error);
/* Whether she consented to @scope (tsg_consent_scopes: "referral",
 * "letter", "contact_details") being shared with @organization_id today. */
gboolean     tsg_store_referral_consented  (TsgStore    *self,
                                            gint64       client_id,
                                            gint64       organization_id,
                                            const char  *scope);
/* Whether a referral of @case_id (or @contact_id) to @service_id would
 * need a consent-override reason (she has not consented to a referral to
 * that agency). FALSE when either does not exist. */
gboolean     tsg_store_referral_needs_override (TsgStore *self,
                                                gint64    case_id,
                                                gint64    contact_id,
                                                gint64    service_id);
/* Status (tsg_referral_statuses) and feedback (NULL = unchanged). */
gboolean     tsg_store_set_referral_status (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       referral_id,
                                            const char  *status,
                                            const char  *feedback,
                                            GError     **error);
/* The letter as edited (NULLs = the defaults). */
gboolean     tsg_store_set_referral_letter (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       referral_id,
                                            const char  *letter_to,
                                            const char  *honorific,
                                            const char  *body,
                                            GError     **error);
TsgReferral *tsg_store_get_referral        (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       referral_id,
                                            GError     **error);
/* Referrals of a case, newest first. Returns: (element-type TsgReferral). */
GPtrArray   *tsg_store_case_referrals      (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       case_id,
                                            GError     **error);

/* What a referral letter may say about her: only what her consent to the
 * agency allows, and never a withheld address. Audited as a view. */
typedef struct
{
  TsgReferral *referral;
  char        *service_description;
  char        *service_phone;
  char        *client_name;         /* consent "letter" */
  char        *client_kana;         /* consent "letter" */
  char        *client_age_band;     /* consent "referral" */
  char        *client_municipality; /* consent "referral" */
  char        *client_contact;      /* consent "contact_details" */
  char        *client_address;      /* consent "contact_details", never when withheld */
  /* the letterhead (office_settings) */
  char        *office_name;
  char        *office_address;
  char        *office_phone;
  char        *free_dial;
  char        *person_in_charge;
  char        *default_body;        /* office_settings referral_letter_template */
} TsgLetterData;

void           tsg_letter_data_free        (TsgLetterData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgLetterData, tsg_letter_data_free)

TsgLetterData *tsg_store_get_letter_data   (TsgStore    *self,
                                            TsgActor    *actor,
                                            gint64       referral_id,
                                            GError     **error);

G_END_DECLS

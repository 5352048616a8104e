/* tsg-store-contacts.h: the call log in the store (contacts, repeat callers,
 * edit history, tombstones, drafts, call-back reminders, counters)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * API first: the call-log form (src/ui) and the importers (records JSON, CSV)
 * both save through tsg_store_save_contact(), so validation lives in one place.
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

/* One contact (相談). Strings are owned; NULL = not given. */
typedef struct
{
  gint64   id;                   /* 0 for a new contact */
  gint64   started_at;           /* Unix seconds, UTC */
  char    *channel;              /* tsg_channels */
  char    *call_type;            /* tsg_call_types; NULL = "data" */
  int      duration_minutes;     /* -1 = not recorded */
  gboolean first_contact;
  char    *age_band;             /* tsg_age_bands; NULL = "unknown" */
  char    *municipality;         /* prefecture + municipality, e.g. 神奈川県川崎市中原区 */
  GStrv    topics;               /* tsg_topics; NULL or empty = none */
  char    *summary;
  char    *risk_level;           /* tsg_risk_levels */
  char    *outcome;              /* tsg_outcomes */
  gint64   referred_service_id;  /* 0 = none */
  char    *heard_via;            /* a distribution point code or a flyer print-run code */
  gint64   client_id;            /* 0 = anonymous */
  gint64   case_id;              /* 0 = none */
  gint64   staff_id;             /* 0 = the acting staff member */
  gint64   callback_at;          /* 0 = no call-back reminder */
  char    *caller_number;        /* input only: kept as a keyed hash, never stored */
} TsgContact;

#define TSG_TYPE_CONTACT (tsg_contact_get_type ())

GType       tsg_contact_get_type  (void) G_GNUC_CONST;
TsgContact *tsg_contact_new       (void);
TsgContact *tsg_contact_copy      (const TsgContact *contact);
void        tsg_contact_free      (TsgContact       *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgContact, tsg_contact_free)

/* Checks every field; the error is one sentence naming the field and value
 * (TSG_STORE_ERROR_INVALID), e.g. 'channel "fax" is not one of free_dial, phone, …'. */
gboolean    tsg_contact_validate  (const TsgContact *contact,
                                   GError          **error);

/* Inserts (id == 0) or updates a contact in one transaction: validation, the
 * topics table, the search index, the caller hash, the audit row; an update
 * keeps the earlier version (who, when, what changed). Returns the id, 0 on error. */
gint64      tsg_store_save_contact   (TsgStore         *self,
                                      TsgActor         *actor,
                                      TsgContact       *contact,
                                      GError          **error);
/* Reading a contact is audited as a view. */
TsgContact *tsg_store_get_contact    (TsgStore         *self,
                                      TsgActor         *actor,
                                      gint64            id,
                                      GError          **error);
/* Deleting needs a reason and keeps a tombstone for the audit. */
gboolean    tsg_store_delete_contact (TsgStore         *self,
                                      TsgActor         *actor,
                                      gint64            id,
                                      const char       *reason,
                                      GError          **error);

typedef struct
{
  int     version;
  gint64  changed_at;
  char   *staff_name;
  char   *changes;      /* human-readable: "outcome: listened → referred; summary changed" */
} TsgContactVersion;

void        tsg_contact_version_free (TsgContactVersion *version);
/* Returns: (element-type TsgContactVersion) oldest first */
GPtrArray  *tsg_store_contact_history (TsgStore        *self,
                                       TsgActor        *actor,
                                       gint64           id,
                                       GError         **error);

/* Repeat callers without storing numbers: a keyed hash (key per database). */
typedef struct
{
  guint   previous_contacts;
  gint64  last_at;
  gint64  client_id;
  gint64  case_id;
} TsgCallerInfo;

gboolean    tsg_store_lookup_caller  (TsgStore         *self,
                                      TsgActor         *actor,
                                      const char       *phone_number,
                                      TsgCallerInfo    *info,
                                      GError          **error);

/* Data contacts today / this month / this fiscal year (April–March), local time. */
gboolean    tsg_store_contact_counters (TsgStore       *self,
                                        TsgActor       *actor,
                                        gint64          now,
                                        guint          *today,
                                        guint          *this_month,
                                        guint          *this_fiscal_year,
                                        GError        **error);

/* The form being typed survives a crash: one draft per staff member and kind. */
gboolean    tsg_store_save_draft     (TsgStore         *self,
                                      TsgActor         *actor,
                                      const char       *kind,
                                      const char       *json,
                                      GError          **error);
char       *tsg_store_load_draft     (TsgStore         *self,
                                      TsgActor         *actor,
                                      const char       *kind);
gboolean    tsg_store_clear_draft    (TsgStore         *self,
                                      TsgActor         *actor,
                                      const char       *kind,
                                      GError          **error);

/* Call-back reminders that are due at @now and not yet fired; marking one
 * fired keeps it from firing twice. Returns (element-type TsgRow): id, callback_at, summary excerpt */
GPtrArray  *tsg_store_due_callbacks  (TsgStore         *self,
                                      TsgActor         *actor,
                                      gint64            now,
                                      GError          **error);
gboolean    tsg_store_mark_callback_done (TsgStore     *self,
                                          TsgActor     *actor,
                                          gint64        contact_id,
                                          GError      **error);

G_END_DECLS

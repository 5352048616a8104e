/* tsg-store-cases-private.h: shared by tsg-store-cases.c and tsg-store-timeline.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store-cases.h"
#include "tsg-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 client_id;
  gint64 opened_at;
  gint64 closed_at;
  char   status[16];
  char   opened_on[16];       /* 'YYYY-MM-DD', local */
  char   last_change_on[16];  /* of the last status change, '' if none */
} CaseInfo;

void       _tsg_bind_text               (sqlite3_stmt   *stmt,
                                         int             index,
                                         const char     *text);
void       _tsg_bind_id                 (sqlite3_stmt   *stmt,
                                         int             index,
                                         gint64          id);
char      *_tsg_col_dup                 (sqlite3_stmt   *stmt,
                                         int             column);
TsgRow    *_tsg_row_from_stmt           (sqlite3_stmt   *stmt);
GPtrArray *_tsg_collect_rows            (TsgStore       *self,
                                         sqlite3_stmt   *stmt,
                                         GError        **error);
gboolean   _tsg_read_case_info          (TsgStore       *self,
                                         gint64          case_id,
                                         CaseInfo       *info,
                                         GError        **error);
gboolean   _tsg_check_not_before_opening (const CaseInfo *info,
                                          const char     *field,
                                          const char     *value,
                                          GError        **error);
gboolean   _tsg_check_not_future        (const char     *field,
                                         const char     *value,
                                         GError        **error);
gint64     _tsg_unix_of_date            (const char     *date);
gint64     _tsg_insert_timeline_event   (TsgStore       *self,
                                         TsgActor       *actor,
                                         gint64          case_id,
                                         const char     *kind,
                                         gint64          occurred_at,
                                         const char     *title,
                                         const char     *body,
                                         gint64          service_id,
                                         int             travel_minutes,
                                         gint64          ref_id,
                                         GError        **error);
gint64     _tsg_write_plan_review       (TsgStore       *self,
                                         TsgActor       *actor,
                                         gint64          case_id,
                                         const char     *reviewed_on,
                                         const char     *summary,
                                         const char     *next_review_on,
                                         GError        **error);
/* Inserts a validated new client with a generated code, inside the
 * caller's transaction (audited). */
gboolean   _tsg_insert_client           (TsgStore       *self,
                                         TsgActor       *actor,
                                         TsgClient      *client,
                                         GError        **error);
/* No permission check, no audit: the caller holds both. */
TsgCase   *_tsg_read_case               (TsgStore       *self,
                                         gint64          id,
                                         GError        **error);
TsgClient *_tsg_read_client             (TsgStore       *self,
                                         TsgActor       *actor,
                                         gint64          id,
                                         GError        **error);

/* Timeline keys: the source record's id times 8 plus its source. */
typedef enum
{
  TSG_TIMELINE_SOURCE_EVENT,      /* timeline_events */
  TSG_TIMELINE_SOURCE_CONTACT,    /* contacts (the call log) */
  TSG_TIMELINE_SOURCE_REFERRAL,   /* referrals */
  TSG_TIMELINE_SOURCE_MOVEMENT,   /* stock_movements, kind distribution */
} TsgTimelineSource;

#define TSG_TIMELINE_KEY(id, source) ((id) * 8 + (source))
#define TSG_TIMELINE_KEY_ID(key)     ((key) / 8)
#define TSG_TIMELINE_KEY_SOURCE(key) ((TsgTimelineSource) ((key) % 8))

G_END_DECLS

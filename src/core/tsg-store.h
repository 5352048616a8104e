/* tsg-store.h: the database of the office. All SQL lives behind this API.
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tsg-actor.h"
#include "tsg-row.h"

G_BEGIN_DECLS

#define TSG_STORE_ERROR (tsg_store_error_quark ())

typedef enum
{
  TSG_STORE_ERROR_FAILED,
  TSG_STORE_ERROR_NOT_DATABASE,   /* the file is not SQLite, or is damaged */
  TSG_STORE_ERROR_TOO_NEW,        /* written by a newer version */
  TSG_STORE_ERROR_READ_ONLY,
  TSG_STORE_ERROR_CANNOT_CREATE,  /* the folder cannot be created */
  TSG_STORE_ERROR_DENIED,         /* the actor's role may not do this */
  TSG_STORE_ERROR_INVALID,        /* bad input: the message says which field */
  TSG_STORE_ERROR_NOT_FOUND,
  TSG_STORE_ERROR_BUSY,
  TSG_STORE_ERROR_FULL,           /* the disk is full */
} TsgStoreError;

/* The list views of the window: each pages its rows from SQLite. */
typedef enum
{
  TSG_LIST_CONTACTS,
  TSG_LIST_CASES,
  TSG_LIST_SERVICES,
  TSG_LIST_MOVEMENTS,
  TSG_N_LISTS
} TsgListKind;

/* Columns of the rows each list returns (TsgRow values, in this order). */
enum { TSG_CONTACT_COL_STARTED_AT, TSG_CONTACT_COL_CHANNEL, TSG_CONTACT_COL_CALL_TYPE,
       TSG_CONTACT_COL_AGE_BAND, TSG_CONTACT_COL_TOPICS, TSG_CONTACT_COL_OUTCOME,
       TSG_CONTACT_COL_STAFF, TSG_CONTACT_COL_SUMMARY, TSG_CONTACT_COL_FIRST_CONTACT,
       TSG_CONTACT_COL_DURATION, TSG_CONTACT_N_COLS };
enum { TSG_CASE_COL_CODE, TSG_CASE_COL_CLIENT, TSG_CASE_COL_STATUS, TSG_CASE_COL_LEAD,
       TSG_CASE_COL_OPENED_AT, TSG_CASE_COL_LAST_EVENT_AT, TSG_CASE_COL_AGE_BAND,
       TSG_CASE_N_COLS };
enum { TSG_SERVICE_COL_ORGANIZATION, TSG_SERVICE_COL_NAME, TSG_SERVICE_COL_CATEGORY,
       TSG_SERVICE_COL_CITY, TSG_SERVICE_COL_PHONE, TSG_SERVICE_COL_STATUS,
       TSG_SERVICE_N_COLS };
enum { TSG_MOVEMENT_COL_OCCURRED_AT, TSG_MOVEMENT_COL_KIND, TSG_MOVEMENT_COL_ITEM,
       TSG_MOVEMENT_COL_FROM, TSG_MOVEMENT_COL_TO, TSG_MOVEMENT_COL_QUANTITY,
       TSG_MOVEMENT_COL_NOTE, TSG_MOVEMENT_N_COLS };

/* What to show: every field is optional (NULL / 0 = no restriction). */
typedef struct
{
  char    *search;       /* free text, folded and matched with FTS5 trigram */
  gint64   from;         /* Unix seconds, inclusive */
  gint64   to;           /* Unix seconds, exclusive */
  char    *channel;
  char    *call_type;
  char    *topic;
  char    *outcome;
  char    *status;
  char    *category;
  char    *municipality; /* directory: city (市区町村) of a non-confidential location */
  gint64   staff_id;
  gint64   point_id;
  int      sort_column;  /* one of the list's column enums */
  gboolean sort_descending;
} TsgListQuery;

TsgListQuery *tsg_list_query_new   (void);
TsgListQuery *tsg_list_query_copy  (const TsgListQuery *query);
void          tsg_list_query_free  (TsgListQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgListQuery, tsg_list_query_free)

#define TSG_TYPE_STORE (tsg_store_get_type ())

G_DECLARE_FINAL_TYPE (TsgStore, tsg_store, TSG, STORE, GObject)

GQuark       tsg_store_error_quark          (void);

TsgStore    *tsg_store_open                 (const char   *path,
                                             GError      **error);
const char  *tsg_store_get_path             (TsgStore     *self);
guint        tsg_store_get_schema_version   (TsgStore     *self);
guint        tsg_store_get_latest_schema_version (void);
gboolean     tsg_store_is_demo              (TsgStore     *self);
TsgActor    *tsg_store_get_system_actor     (TsgStore     *self);

char        *tsg_store_get_setting          (TsgStore     *self,
                                             const char   *key);
gboolean     tsg_store_set_setting          (TsgStore     *self,
                                             TsgActor     *actor,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

/* Paging: the ids first (cheap, may run in a thread), then the rows of
 * only those ids a view shows. */
GArray      *tsg_store_list_ids             (TsgStore           *self,
                                             TsgActor           *actor,
                                             TsgListKind         kind,
                                             const TsgListQuery *query,
                                             GError            **error);
void         tsg_store_list_ids_async       (TsgStore           *self,
                                             TsgActor           *actor,
                                             TsgListKind         kind,
                                             const TsgListQuery *query,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
GArray      *tsg_store_list_ids_finish      (TsgStore           *self,
                                             GAsyncResult       *result,
                                             GError            **error);
/* The first @limit of those ids, at the cost of a page: a view shows its
 * first screen at once, then reads the rest in a thread. */
GArray      *tsg_store_list_first_ids       (TsgStore           *self,
                                             TsgActor           *actor,
                                             TsgListKind         kind,
                                             const TsgListQuery *query,
                                             guint               limit,
                                             GError            **error);
GPtrArray   *tsg_store_fetch_rows           (TsgStore           *self,
                                             TsgActor           *actor,
                                             TsgListKind         kind,
                                             const gint64       *ids,
                                             guint               n_ids,
                                             GError            **error);
gint64       tsg_store_count                (TsgStore           *self,
                                             TsgListKind         kind);

/* --check: PRAGMA integrity_check plus the application's own invariants.
 * Returns TRUE when sound; @problems receives one line per problem. */
gboolean     tsg_store_check                (TsgStore     *self,
                                             GPtrArray    *problems,
                                             GError      **error);

G_END_DECLS

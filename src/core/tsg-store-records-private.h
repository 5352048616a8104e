/* tsg-store-records-private.h: the store's side of the records import and
 * export (tsg-store-records.c), for the sections of tsg-records-*.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store-contacts-private.h"

G_BEGIN_DECLS

/* One live contact as the export reads it; strings are borrowed. */
typedef struct
{
  gint64      id;
  gint64      started_at;
  const char *channel;
  const char *call_type;
  int         duration_minutes;   /* -1 = not recorded */
  gboolean    first_contact;
  const char *age_band;
  const char *municipality;
  const char *topics;             /* space-separated */
  const char *summary;
  const char *risk_level;
  const char *outcome;
  const char *heard_via;
  gint64      case_id;
  gint64      callback_at;
  gboolean    callback_done;
  const char *staff_login;
  const char *client_code;
  const char *service_uid;
} TsgRecordsContactRow;

typedef gboolean (*TsgRecordsContactFunc) (const TsgRecordsContactRow *row,
                                           gpointer                    user_data,
                                           GError                    **error);
typedef gboolean (*TsgRecordsClientFunc)  (gint64      id,
                                           const char *code,
                                           const char *age_band,
                                           const char *municipality,
                                           gpointer    user_data,
                                           GError    **error);

gboolean _tsg_store_records_staff            (TsgStore   *self,
                                              const char *login,
                                              gint64     *id,
                                              gboolean   *created,
                                              GError    **error);
gboolean _tsg_store_records_service          (TsgStore   *self,
                                              const char *uid,
                                              gint64     *id,
                                              GError    **error);
gint64   _tsg_store_records_new_client       (TsgStore   *self,
                                              const char *code,
                                              const char *age_band,
                                              const char *municipality,
                                              GError    **error);
void     _tsg_store_records_bulk             (TsgStore   *self,
                                              gboolean    bulk);
gboolean _tsg_store_records_set_callback_done (TsgStore  *self,
                                               gint64     contact_id,
                                               GError   **error);
gboolean _tsg_store_records_foreach_contact  (TsgStore              *self,
                                              TsgRecordsContactFunc  func,
                                              gpointer               user_data,
                                              GError               **error);
gboolean _tsg_store_records_foreach_client   (TsgStore             *self,
                                              TsgRecordsClientFunc  func,
                                              gpointer              user_data,
                                              GError              **error);

G_END_DECLS

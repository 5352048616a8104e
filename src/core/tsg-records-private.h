/* tsg-records-private.h: shared by the records framework and its contacts
 * and clients sections
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-records.h"

G_BEGIN_DECLS

/* Counts one imported element and reports progress; FALSE when the user
 * stopped the import. */
gboolean  _tsg_records_tick              (TsgRecordsContext *context,
                                          GError           **error);

/* The contacts section, element by element (the CSV import feeds it rows). */
typedef struct
{
  guint  n;
  gint64 first_id;
  gint64 last_id;
} TsgContactsImport;

gboolean  _tsg_records_is_contact_field  (const char        *name);
char     *_tsg_records_contact_fields    (void);
gboolean  _tsg_records_contacts_begin    (TsgStore          *store,
                                          TsgActor          *actor,
                                          TsgRecordsContext *context,
                                          TsgContactsImport *state,
                                          GError           **error);
gboolean  _tsg_records_import_contact    (TsgStore          *store,
                                          TsgActor          *actor,
                                          JsonObject        *object,
                                          guint              index,
                                          TsgRecordsContext *context,
                                          TsgContactsImport *state,
                                          GError           **error);
gboolean  _tsg_records_contacts_end      (TsgStore          *store,
                                          TsgActor          *actor,
                                          TsgRecordsContext *context,
                                          TsgContactsImport *state,
                                          GError           **error);

/* The sections of tsg-records-contacts.c, for the table. */
gboolean  _tsg_records_import_clients    (TsgStore          *store,
                                          TsgActor          *actor,
                                          JsonArray         *array,
                                          TsgRecordsContext *context,
                                          GError           **error);
gboolean  _tsg_records_export_clients    (TsgStore          *store,
                                          TsgActor          *actor,
                                          TsgRecordsWriter  *writer,
                                          TsgRecordsContext *context,
                                          GError           **error);
gboolean  _tsg_records_import_contacts   (TsgStore          *store,
                                          TsgActor          *actor,
                                          JsonArray         *array,
                                          TsgRecordsContext *context,
                                          GError           **error);
gboolean  _tsg_records_export_contacts   (TsgStore          *store,
                                          TsgActor          *actor,
                                          TsgRecordsWriter  *writer,
                                          TsgRecordsContext *context,
                                          GError           **error);

G_END_DECLS

/* tsg-records.h: the records JSON contract (import/export of every record)
 * and the contacts CSV import
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One JSON object with an array per kind ("contacts", "clients", "cases",
 * "items", "distribution_points", "stock_movements", …). Each area of the app
 * provides a TsgRecordsSection (listed in tsg-records-sections.c); the
 * framework (tsg-records.c) parses the file, runs the sections in order
 * inside ONE transaction — all or nothing — and turns a section's error into
 * one sentence naming the file, the array index and the field.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tsg-domain.h"
#include "tsg-store.h"

G_BEGIN_DECLS

/* Shared by the sections during one import or export. */
typedef struct
{
  const char *file;        /* the file's name, for error messages */
  GHashTable *client_refs; /* client_ref (string) -> client id (gint64*) */
  GHashTable *ids;         /* "kind:external id" -> local id (gint64*) */
  guint       imported;    /* rows written, for the summary */
  /* Added by the framework (tsg-records.c); sections only read them. */
  guint       csv_line;    /* > 0 while a CSV row is read: errors name the line */
  guint       total;       /* elements in the file, for progress */
  gboolean  (*progress) (guint done, guint total, gpointer user_data);
  gpointer    progress_data;
} TsgRecordsContext;

typedef struct _TsgRecordsWriter TsgRecordsWriter;

/* import_array gets the file's array (each element an object, checked by
 * the section with the tsg_records_get_*() helpers below); export_array adds
 * one element per record to @builder, which the framework has opened with
 * json_builder_begin_array() and closes itself. */
typedef struct
{
  const char *key;         /* the JSON array's name */
  /* Sections run in table order on import (clients before contacts…). */
  gboolean (*import_array) (TsgStore          *store,
                            TsgActor          *actor,
                            JsonArray         *array,
                            TsgRecordsContext *context,
                            GError           **error);
  gboolean (*export_array) (TsgStore          *store,
                            TsgActor          *actor,
                            JsonBuilder       *builder,
                            TsgRecordsContext *context,
                            GError           **error);
  /* Optional, instead of export_array, for kinds with very many records:
   * hands each element to tsg_records_writer_add(), which writes it out at
   * once, so a million contacts never sit in memory as one tree. */
  gboolean (*export_each)  (TsgStore          *store,
                            TsgActor          *actor,
                            TsgRecordsWriter  *writer,
                            TsgRecordsContext *context,
                            GError           **error);
} TsgRecordsSection;

/* The table, terminated by { NULL }: tsg-records-sections.c */
extern const TsgRecordsSection tsg_records_sections[];

/* .json (records) or .csv (contacts): all or nothing. @n_imported may be NULL. */
gboolean tsg_records_import_file (TsgStore   *store,
                                  TsgActor   *actor,
                                  const char *path,
                                  guint      *n_imported,
                                  GError    **error);
gboolean tsg_records_export_file (TsgStore   *store,
                                  TsgActor   *actor,
                                  const char *path,
                                  GError    **error);
/* As above; @n_exported (may be NULL) receives the number of records. */
gboolean tsg_records_export_file_full (TsgStore   *store,
                                       TsgActor   *actor,
                                       const char *path,
                                       guint      *n_exported,
                                       GError    **error);

/* As tsg_records_import_file(), calling @progress now and then (every few
 * hundred records); when it returns FALSE the import stops and nothing is
 * imported (G_IO_ERROR_CANCELLED). */
typedef gboolean (*TsgRecordsProgress) (guint    done,
                                        guint    total,
                                        gpointer user_data);
gboolean tsg_records_import_file_full (TsgStore           *store,
                                       TsgActor           *actor,
                                       const char         *path,
                                       TsgRecordsProgress  progress,
                                       gpointer            user_data,
                                       guint              *n_imported,
                                       GError            **error);

/* The first rows of a contacts CSV file as it would be imported, for a
 * preview: @columns receives the header, @rows (element-type GStrv) at most
 * @max_rows rows, @n_rows (may be NULL) the number of data rows in the file.
 * The same checks of encoding and shape as the import, so a file that
 * previews can be imported unless a value is wrong. */
gboolean tsg_records_preview_csv (const char  *path,
                                  guint        max_rows,
                                  GStrv       *columns,
                                  GPtrArray  **rows,
                                  guint       *n_rows,
                                  GError     **error);

/* --- for the sections --------------------------------------------------- */

/* Writes one element of the array being exported (export_each). */
gboolean tsg_records_writer_add  (TsgRecordsWriter  *writer,
                                  JsonNode          *element,
                                  GError           **error);

/* Error messages name where the bad value is: for JSON
 * "FILE: KEY[INDEX].MEMBER: MESSAGE" (or "FILE: KEY[INDEX]: MESSAGE" when
 * @member is NULL), for a CSV row "FILE:LINE: MEMBER MESSAGE". */
void     tsg_records_set_error   (TsgRecordsContext *context,
                                  GError           **error,
                                  const char        *key,
                                  guint              index,
                                  const char        *member,
                                  const char        *format,
                                  ...) G_GNUC_PRINTF (6, 7);
/* Puts the same place in front of an error from elsewhere (the store). */
void     tsg_records_prefix_error (TsgRecordsContext *context,
                                   GError           **error,
                                   const char        *key,
                                   guint              index);

/* Typed members of an element, with the node type checked (in a CSV row
 * every value is text and is converted). Absent or null members leave
 * *value alone and return TRUE unless @required. */
gboolean tsg_records_check_members (TsgRecordsContext  *context,
                                    const char         *key,
                                    guint               index,
                                    JsonObject         *object,
                                    const char * const *known,
                                    GError            **error);
gboolean tsg_records_get_string  (TsgRecordsContext *context,
                                  const char        *key,
                                  guint              index,
                                  JsonObject        *object,
                                  const char        *member,
                                  gboolean           required,
                                  const char       **value,
                                  GError           **error);
/* A string or an integer (references: client_ref, case_ref…), as text. */
gboolean tsg_records_get_ref     (TsgRecordsContext *context,
                                  const char        *key,
                                  guint              index,
                                  JsonObject        *object,
                                  const char        *member,
                                  char             **value,
                                  GError           **error);
gboolean tsg_records_get_int     (TsgRecordsContext *context,
                                  const char        *key,
                                  guint              index,
                                  JsonObject        *object,
                                  const char        *member,
                                  gboolean           required,
                                  gint64            *value,
                                  GError           **error);
gboolean tsg_records_get_bool    (TsgRecordsContext *context,
                                  const char        *key,
                                  guint              index,
                                  JsonObject        *object,
                                  const char        *member,
                                  gboolean          *value,
                                  GError           **error);
/* ISO 8601 with a time zone ("2023-04-03T10:15:00+09:00"); one without a
 * zone is refused, since the file cannot say which day it meant. */
gboolean tsg_records_get_time    (TsgRecordsContext *context,
                                  const char        *key,
                                  guint              index,
                                  JsonObject        *object,
                                  const char        *member,
                                  gboolean           required,
                                  gint64            *value,
                                  GError           **error);
/* One of a closed vocabulary (tsg-domain.h). */
gboolean tsg_records_get_enum    (TsgRecordsContext  *context,
                                  const char         *key,
                                  guint               index,
                                  JsonObject         *object,
                                  const char         *member,
                                  const TsgEnumValue *values,
                                  gboolean            required,
                                  const char        **value,
                                  GError            **error);
/* Unix seconds as "2023-04-03T10:15:00+09:00", in the local zone. */
char    *tsg_records_format_time (gint64             unix_seconds);

G_END_DECLS

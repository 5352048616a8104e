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

#include "tsg-store.h"

G_BEGIN_DECLS

/* Shared by the sections during one import or export. */
typedef struct
{
  const char *file;        /* the file's name, for error messages */
  GHashTable *client_refs; /* client_ref (string) -> client id (gint64*) */
  GHashTable *ids;         /* "kind:external id" -> local id (gint64*) */
  guint       imported;    /* rows written, for the summary */
} TsgRecordsContext;

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

G_END_DECLS

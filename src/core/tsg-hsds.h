/* tsg-hsds.h: Open Referral HSDS 3.1 (and 3.0) JSON import and export
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted at the top: an organization, a service or a service-at-location
 * object, a list of them, a page of them ({"contents": […]}, as the HSDS API
 * serves them), or a list of taxonomy terms. Validation follows the compiled
 * schemas (required fields, enumerations): the first problem is reported in
 * one sentence with its JSON path and nothing is imported. Values that make
 * no sense but harm nothing (a latitude of 100, a numeric time zone, fields
 * the office does not keep) are skipped and reported per record and field.
 *
 * The export is a list of organizations with their services and locations;
 * confidential locations never leave.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tsg-store-directory.h"

G_BEGIN_DECLS

#define TSG_HSDS_ERROR (tsg_hsds_error_quark ())

typedef enum
{
  TSG_HSDS_ERROR_NOT_JSON,     /* the file cannot be parsed */
  TSG_HSDS_ERROR_SHAPE,        /* JSON, but not an HSDS directory */
  TSG_HSDS_ERROR_INVALID,      /* a required field is missing or a value is not allowed */
} TsgHsdsError;

GQuark     tsg_hsds_error_quark (void);

/* TRUE when @root looks like HSDS (an object or a list of objects with
 * organization, service, service-at-location or taxonomy-term keys, or a
 * page with "contents"), so a caller of --import can tell it from the
 * records JSON. */
gboolean   tsg_hsds_detect      (JsonNode    *root);

typedef struct
{
  GPtrArray *organizations;  /* TsgDirOrganization */
  GPtrArray *terms;          /* TsgDirTerm: free-standing taxonomy terms */
  GPtrArray *skipped;        /* char*: one sentence per record and field not kept */
} TsgHsdsDocument;

void       tsg_hsds_document_free (TsgHsdsDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgHsdsDocument, tsg_hsds_document_free)

/* Validates and converts; NULL with TSG_HSDS_ERROR on the first problem. */
TsgHsdsDocument *tsg_hsds_read   (JsonNode    *root,
                                  GError     **error);

/* Reads, validates and saves @path in one transaction. @skipped (may be
 * NULL) receives what was not kept. Errors name the file. */
gboolean   tsg_hsds_import_file (TsgStore            *store,
                                 TsgActor            *actor,
                                 const char          *path,
                                 TsgDirectoryCounts  *counts,
                                 GPtrArray           *skipped,
                                 GError             **error);
gboolean   tsg_hsds_import_node (TsgStore            *store,
                                 TsgActor            *actor,
                                 JsonNode            *root,
                                 TsgDirectoryCounts  *counts,
                                 GPtrArray           *skipped,
                                 GError             **error);

/* The directory as HSDS JSON (pretty-printed, stable order). */
JsonNode  *tsg_hsds_build       (GPtrArray           *organizations);
char      *tsg_hsds_export      (TsgStore            *store,
                                 TsgActor            *actor,
                                 GError             **error);
gboolean   tsg_hsds_export_file (TsgStore            *store,
                                 TsgActor            *actor,
                                 const char          *path,
                                 GError             **error);

G_END_DECLS

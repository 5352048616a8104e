/* tsg-case-export.h: what the case export shares with the records JSON
 * sections and the PDF summary
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tsg-store-cases.h"

G_BEGIN_DECLS

/* 2025-04-01T10:15:00+09:00 in the office's zone */
char *_tsg_iso_time          (gint64           unix_seconds);
/* One client object of the records contract; a withheld address is left out. */
void  _tsg_build_client_json (JsonBuilder     *builder,
                              const TsgClient *client);

/* One case object of the records contract ("ref" is the case id, as the
 * contacts' case_ref), read without audit rows: the caller audits the
 * export. @with_distributions adds the products handed over (for reading). */
JsonNode *_tsg_build_case_node (TsgStore  *store,
                                TsgActor  *actor,
                                gint64     case_id,
                                gboolean   with_distributions,
                                GError   **error);

G_END_DECLS

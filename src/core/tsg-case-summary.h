/* tsg-case-summary.h: one case on paper (PDF), for a case conference or
 * the file
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store-cases.h"

G_BEGIN_DECLS

/* The client (a withheld address is never printed), her safety settings,
 * the status history, the support plan, consents and the timeline.
 * Audited as an export. Returns: (transfer full): the PDF. */
GBytes *tsg_case_summary_pdf (TsgStore  *store,
                              TsgActor  *actor,
                              gint64     case_id,
                              GError   **error);

G_END_DECLS

/* tsg-domain.h
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One value of a closed vocabulary: the identifier the schema, the JSON and the
 * C code use (GLOSSARY.md), and the English label that gettext translates. */
typedef struct
{
  const char *id;
  const char *label;
} TsgEnumValue;

extern const TsgEnumValue tsg_channels[];
extern const TsgEnumValue tsg_call_types[];
extern const TsgEnumValue tsg_age_bands[];
extern const TsgEnumValue tsg_topics[];
extern const TsgEnumValue tsg_outcomes[];
extern const TsgEnumValue tsg_risk_levels[];
extern const TsgEnumValue tsg_roles[];
extern const TsgEnumValue tsg_case_statuses[];
extern const TsgEnumValue tsg_need_domains[];
extern const TsgEnumValue tsg_timeline_kinds[];
extern const TsgEnumValue tsg_referral_statuses[];
extern const TsgEnumValue tsg_movement_kinds[];
extern const TsgEnumValue tsg_item_categories[];
extern const TsgEnumValue tsg_point_kinds[];
extern const TsgEnumValue tsg_org_categories[];

gboolean     tsg_enum_contains (const TsgEnumValue *values,
                                const char         *id);
const char  *tsg_enum_label    (const TsgEnumValue *values,
                                const char         *id);
int          tsg_enum_index    (const TsgEnumValue *values,
                                const char         *id);
guint        tsg_enum_count    (const TsgEnumValue *values);
char        *tsg_enum_join_ids (const TsgEnumValue *values);
char        *tsg_enum_labels_for_list (const TsgEnumValue *values,
                                       const char         *space_separated_ids);

gboolean     tsg_call_type_is_data (const char *call_type);

G_END_DECLS

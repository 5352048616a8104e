/* tsg-enum-dropdown.h: a GtkDropDown over one of the closed vocabularies
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-domain.h"

G_BEGIN_DECLS

/* A drop-down listing the translated labels of @values; with @any_label, a
 * first item that stands for "no restriction" (filters) or "not given".
 * Keyboard: Up/Down/Home/End change the value without opening the list,
 * 1–9 pick the Nth item, a letter picks the next item whose label starts with
 * it, Space opens the list. */
GtkWidget  *tsg_enum_dropdown_new    (const TsgEnumValue *values,
                                      const char         *any_label);
/* NULL when the "any" item (or nothing) is selected. */
const char *tsg_enum_dropdown_get_id (GtkDropDown        *dropdown);
/* NULL or an unknown id selects the "any" item (or the first one). */
void        tsg_enum_dropdown_set_id (GtkDropDown        *dropdown,
                                      const char         *id);

G_END_DECLS

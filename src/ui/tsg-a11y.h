/* tsg-a11y.h: what GTK 4.8 and libadwaita 1.2 leave out for screen readers
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwEntryRow's text field carries no name of its own: screen readers
 * (and the AT-SPI tests) find it by the row's title once this is called. */
void tsg_a11y_name_entry_row (AdwEntryRow *row);

G_END_DECLS

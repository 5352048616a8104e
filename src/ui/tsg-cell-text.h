/* tsg-cell-text.h: one line of text in a list cell, cheap to make
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TSG_TYPE_CELL_TEXT (tsg_cell_text_get_type ())

G_DECLARE_FINAL_TYPE (TsgCellText, tsg_cell_text, TSG, CELL_TEXT, GtkWidget)

GtkWidget  *tsg_cell_text_new      (void);
/* Also the accessible name: a screen reader reads the cell's text. */
void        tsg_cell_text_set_text (TsgCellText *self,
                                    const char  *text);
const char *tsg_cell_text_get_text (TsgCellText *self);

G_END_DECLS

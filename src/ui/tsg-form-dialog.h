/* tsg-form-dialog.h: a small modal form, one per kind of record a
 * counsellor adds (note, outreach, accompaniment, need, task…)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard first: Tab through the fields, Ctrl+Enter (or Enter in a
 * one-line field) saves, Escape cancels. Every control carries its label as
 * its accessible name. When saving fails, the message appears under the
 * field it names (or above the form) and nothing is closed.
 */
#pragma once

#include <gtk/gtk.h>

#include "tsg-domain.h"

G_BEGIN_DECLS

#define TSG_TYPE_FORM_DIALOG (tsg_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsgFormDialog, tsg_form_dialog, TSG, FORM_DIALOG, GtkWindow)

/* Saves what the form holds; FALSE with @error keeps the form open. */
typedef gboolean (*TsgFormSaveFunc) (TsgFormDialog *form,
                                     gpointer       user_data,
                                     GError       **error);

TsgFormDialog *tsg_form_dialog_new         (GtkWidget          *parent,
                                            const char         *title,
                                            const char         *save_label);
void        tsg_form_dialog_set_intro      (TsgFormDialog      *self,
                                            const char         *text);
void        tsg_form_dialog_set_save_func  (TsgFormDialog      *self,
                                            TsgFormSaveFunc     func,
                                            gpointer            user_data,
                                            GDestroyNotify      destroy);

GtkWidget  *tsg_form_dialog_add_entry      (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            const char         *text,
                                            const char         *placeholder);
GtkWidget  *tsg_form_dialog_add_text       (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            const char         *text);
/* A drop-down of the translated labels of @values; @none_label adds a first
 * "not given" item. */
GtkWidget  *tsg_form_dialog_add_choice     (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            const TsgEnumValue *values,
                                            const char         *none_label,
                                            const char         *selected);
/* A drop-down of (id, text) pairs: @ids (gint64) and @texts in step. */
GtkWidget  *tsg_form_dialog_add_id_choice  (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            GArray             *ids,
                                            GStrv               texts,
                                            gint64              selected);
GtkWidget  *tsg_form_dialog_add_check      (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            gboolean            active);
GtkWidget  *tsg_form_dialog_add_number     (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            int                 min,
                                            int                 max,
                                            int                 value);
/* Any widget; its value is read by the caller. */
void        tsg_form_dialog_add_widget     (TsgFormDialog      *self,
                                            const char         *key,
                                            const char         *label,
                                            GtkWidget          *widget);

/* Text of an entry or a text view (trimmed), the id of a choice (NULL for
 * "not given"). */
char       *tsg_form_dialog_get_text       (TsgFormDialog      *self,
                                            const char         *key);
gint64      tsg_form_dialog_get_id         (TsgFormDialog      *self,
                                            const char         *key);
gboolean    tsg_form_dialog_get_active     (TsgFormDialog      *self,
                                            const char         *key);
int         tsg_form_dialog_get_number     (TsgFormDialog      *self,
                                            const char         *key);
GtkWidget  *tsg_form_dialog_get_widget     (TsgFormDialog      *self,
                                            const char         *key);
gboolean    tsg_form_dialog_has_field      (TsgFormDialog      *self,
                                            const char         *key);
/* Presents the form, sized for its fields and a message. */
void        tsg_form_dialog_present        (TsgFormDialog      *self);
/* Shows @message under the field whose label it starts with, else above
 * the form, and moves the focus there. */
void        tsg_form_dialog_show_error     (TsgFormDialog      *self,
                                            const char         *message);

G_END_DECLS

/* tsg-pdf-render.h: a Poppler document shared between the main thread and
 * the render threads of a preview
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <cairo.h>

G_BEGIN_DECLS

/* Poppler is not thread-safe: every use of the document takes the lock.
 * Page sizes are read once at load, so laying pages out never waits for a
 * render in progress. */
typedef struct _TsgPdfDoc TsgPdfDoc;

TsgPdfDoc  *tsg_pdf_doc_new_from_bytes   (GBytes        *bytes,
                                          GError       **error);
void        tsg_pdf_doc_load_async       (GBytes        *bytes,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);
TsgPdfDoc  *tsg_pdf_doc_load_finish      (GAsyncResult  *result,
                                          GError       **error);
TsgPdfDoc  *tsg_pdf_doc_ref              (TsgPdfDoc     *self);
void        tsg_pdf_doc_unref            (TsgPdfDoc     *self);
guint       tsg_pdf_doc_get_n_pages      (TsgPdfDoc     *self);
/* In PDF points (1/72 inch). */
void        tsg_pdf_doc_get_page_size    (TsgPdfDoc     *self,
                                          guint          index,
                                          double        *width,
                                          double        *height);
/* Renders page @index at @pixels_per_point on white into a texture. Safe in
 * any thread. */
GdkTexture *tsg_pdf_doc_render_page      (TsgPdfDoc     *self,
                                          guint          index,
                                          double         pixels_per_point,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Draws page @index for printing, scaled to fit @width × @height points. */
void        tsg_pdf_doc_print_page       (TsgPdfDoc     *self,
                                          guint          index,
                                          cairo_t       *cr,
                                          double         width,
                                          double         height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgPdfDoc, tsg_pdf_doc_unref)

G_END_DECLS

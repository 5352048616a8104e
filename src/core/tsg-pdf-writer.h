/* tsg-pdf-writer.h: A4 documents on cairo's PDF surface with Pango
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by every document of the app (referral letters, case summaries,
 * reports, restock lists, flyers). Text is laid out with Pango in Noto Sans
 * CJK JP; cairo embeds the subset of the font it uses. The writer keeps a
 * cursor (y) and breaks pages itself; custom drawing (charts, QR codes) uses
 * the cairo context at the cursor.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define TSG_PDF_A4_WIDTH  595.2756   /* points: 210 mm */
#define TSG_PDF_A4_HEIGHT 841.8898   /* points: 297 mm */
#define TSG_PDF_MM(mm) ((mm) * 72.0 / 25.4)
#define TSG_PDF_FONT_FAMILY "Noto Sans CJK JP"

typedef enum
{
  TSG_PDF_ALIGN_LEFT,
  TSG_PDF_ALIGN_CENTER,
  TSG_PDF_ALIGN_RIGHT,
} TsgPdfAlign;

#define TSG_TYPE_PDF_WRITER (tsg_pdf_writer_get_type ())

G_DECLARE_FINAL_TYPE (TsgPdfWriter, tsg_pdf_writer, TSG, PDF_WRITER, GObject)

/* A document of @width × @height points (TSG_PDF_A4_WIDTH/HEIGHT for A4). */
TsgPdfWriter *tsg_pdf_writer_new           (double        width,
                                            double        height);
void          tsg_pdf_writer_set_margins   (TsgPdfWriter *self,
                                            double        top,
                                            double        right,
                                            double        bottom,
                                            double        left);
void          tsg_pdf_writer_set_title     (TsgPdfWriter *self,
                                            const char   *title);
/* "Page %d" footers, centred; the format is translated by the caller. */
void          tsg_pdf_writer_set_footer    (TsgPdfWriter *self,
                                            const char   *page_format);

cairo_t      *tsg_pdf_writer_get_cairo     (TsgPdfWriter *self);
double        tsg_pdf_writer_get_y         (TsgPdfWriter *self);
void          tsg_pdf_writer_set_y         (TsgPdfWriter *self,
                                            double        y);
double        tsg_pdf_writer_get_left      (TsgPdfWriter *self);
double        tsg_pdf_writer_get_content_width (TsgPdfWriter *self);
double        tsg_pdf_writer_get_remaining (TsgPdfWriter *self);
guint         tsg_pdf_writer_get_page      (TsgPdfWriter *self);

/* Starts a new page when less than @height points remain. */
void          tsg_pdf_writer_ensure_space  (TsgPdfWriter *self,
                                            double        height);
void          tsg_pdf_writer_new_page      (TsgPdfWriter *self);
void          tsg_pdf_writer_space         (TsgPdfWriter *self,
                                            double        points);

/* A layout in the document's font, @size points, wrapped to @width points
 * (-1: no wrapping). Plain text, not markup. */
PangoLayout  *tsg_pdf_writer_create_layout (TsgPdfWriter *self,
                                            const char   *text,
                                            double        size,
                                            gboolean      bold,
                                            double        width);
/* Wrapped text at the cursor, breaking pages between lines. */
void          tsg_pdf_writer_text          (TsgPdfWriter *self,
                                            const char   *text,
                                            double        size,
                                            gboolean      bold,
                                            TsgPdfAlign   align);
void          tsg_pdf_writer_heading       (TsgPdfWriter *self,
                                            const char   *text,
                                            guint         level);
/* Rows of cells (GStrv each); the first row is a header when @header.
 * @widths: @n_columns fractions of the content width (NULL: equal). Cells
 * wrap; a row never splits across pages; the header repeats on each page. */
void          tsg_pdf_writer_table         (TsgPdfWriter *self,
                                            guint         n_columns,
                                            const double *widths,
                                            GPtrArray    *rows,
                                            gboolean      header,
                                            double        size);
void          tsg_pdf_writer_rule          (TsgPdfWriter *self);

/* Ends the document. Returns: (transfer full): the PDF, or NULL with @error. */
GBytes       *tsg_pdf_writer_finish        (TsgPdfWriter *self,
                                            GError      **error);

G_END_DECLS

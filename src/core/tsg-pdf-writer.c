/* tsg-pdf-writer.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-pdf-writer"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "tsg-pdf-writer.h"

struct _TsgPdfWriter
{
  GObject          parent_instance;

  cairo_surface_t *surface;
  cairo_t         *cr;
  GByteArray      *bytes;
  double           width, height;
  double           top, right, bottom, left;
  double           y;
  guint            page;
  gboolean         page_has_content;
  char            *footer_format;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (TsgPdfWriter, tsg_pdf_writer, G_TYPE_OBJECT)

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
tsg_pdf_writer_finalize (GObject *object)
{
  TsgPdfWriter *self = TSG_PDF_WRITER (object);

  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->bytes, g_byte_array_unref);
  g_free (self->footer_format);
  G_OBJECT_CLASS (tsg_pdf_writer_parent_class)->finalize (object);
}

static void
tsg_pdf_writer_class_init (TsgPdfWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_pdf_writer_finalize;
}

static void
tsg_pdf_writer_init (TsgPdfWriter *self)
{
  self->page = 1;
}

TsgPdfWriter *
tsg_pdf_writer_new (double width,
                    double height)
{
  TsgPdfWriter *self = g_object_new (TSG_TYPE_PDF_WRITER, NULL);

  self->width = width;
  self->height = height;
  self->bytes = g_byte_array_new ();
  self->surface = cairo_pdf_surface_create_for_stream (write_cb, self->bytes, width, height);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR, "Tsunagari Desk");
  self->cr = cairo_create (self->surface);
  tsg_pdf_writer_set_margins (self, TSG_PDF_MM (20), TSG_PDF_MM (20), TSG_PDF_MM (20), TSG_PDF_MM (20));
  return self;
}

void
tsg_pdf_writer_set_margins (TsgPdfWriter *self,
                            double        top,
                            double        right,
                            double        bottom,
                            double        left)
{
  g_return_if_fail (TSG_IS_PDF_WRITER (self));
  self->top = top;
  self->right = right;
  self->bottom = bottom;
  self->left = left;
  if (!self->page_has_content)
    self->y = top;
}

void
tsg_pdf_writer_set_title (TsgPdfWriter *self,
                          const char   *title)
{
  g_return_if_fail (TSG_IS_PDF_WRITER (self));
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
}

void
tsg_pdf_writer_set_footer (TsgPdfWriter *self,
                           const char   *page_format)
{
  g_return_if_fail (TSG_IS_PDF_WRITER (self));
  g_free (self->footer_format);
  self->footer_format = g_strdup (page_format);
}

cairo_t *
tsg_pdf_writer_get_cairo (TsgPdfWriter *self)
{
  g_return_val_if_fail (TSG_IS_PDF_WRITER (self), NULL);
  self->page_has_content = TRUE;
  return self->cr;
}

double
tsg_pdf_writer_get_y (TsgPdfWriter *self)
{
  return self->y;
}

void
tsg_pdf_writer_set_y (TsgPdfWriter *self,
                      double        y)
{
  self->y = y;
}

double
tsg_pdf_writer_get_left (TsgPdfWriter *self)
{
  return self->left;
}

double
tsg_pdf_writer_get_content_width (TsgPdfWriter *self)
{
  return self->width - self->left - self->right;
}

double
tsg_pdf_writer_get_remaining (TsgPdfWriter *self)
{
  return self->height - self->bottom - self->y;
}

guint
tsg_pdf_writer_get_page (TsgPdfWriter *self)
{
  return self->page;
}

PangoLayout *
tsg_pdf_writer_create_layout (TsgPdfWriter *self,
                              const char   *text,
                              double        size,
                              gboolean      bold,
                              double        width)
{
  PangoLayout *layout = pango_cairo_create_layout (self->cr);
  PangoFontDescription *font = pango_font_description_from_string (TSG_PDF_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
draw_footer (TsgPdfWriter *self)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  if (self->footer_format == NULL)
    return;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* The caller passes a translated "Page %u"-style format. */
  text = g_strdup_printf (self->footer_format, self->page);
#pragma GCC diagnostic pop
  layout = tsg_pdf_writer_create_layout (self, text, 8, FALSE, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_save (self->cr);
  cairo_set_source_rgb (self->cr, 0.4, 0.4, 0.4);
  cairo_move_to (self->cr, (self->width - w / (double) PANGO_SCALE) / 2,
                 self->height - self->bottom / 2 - h / (double) PANGO_SCALE / 2);
  pango_cairo_show_layout (self->cr, layout);
  cairo_restore (self->cr);
}

void
tsg_pdf_writer_new_page (TsgPdfWriter *self)
{
  g_return_if_fail (TSG_IS_PDF_WRITER (self));

  draw_footer (self);
  cairo_show_page (self->cr);
  self->page++;
  self->y = self->top;
  self->page_has_content = FALSE;
}

void
tsg_pdf_writer_ensure_space (TsgPdfWriter *self,
                             double        height)
{
  if (self->page_has_content && tsg_pdf_writer_get_remaining (self) < height)
    tsg_pdf_writer_new_page (self);
}

void
tsg_pdf_writer_space (TsgPdfWriter *self,
                      double        points)
{
  self->y += points;
}

void
tsg_pdf_writer_text (TsgPdfWriter *self,
                     const char   *text,
                     double        size,
                     gboolean      bold,
                     TsgPdfAlign   align)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  double width = tsg_pdf_writer_get_content_width (self);

  g_return_if_fail (TSG_IS_PDF_WRITER (self));

  layout = tsg_pdf_writer_create_layout (self, text, size, bold, width);
  pango_layout_set_alignment (layout, align == TSG_PDF_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                    : align == TSG_PDF_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                    : PANGO_ALIGN_LEFT);
  /* Line by line, so that a long paragraph breaks across pages. */
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      int line_top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = logical.y;
      tsg_pdf_writer_ensure_space (self, logical.height / (double) PANGO_SCALE);
      self->page_has_content = TRUE;
      cairo_move_to (self->cr, self->left + logical.x / (double) PANGO_SCALE,
                     self->y + (baseline - line_top) / (double) PANGO_SCALE);
      pango_cairo_show_layout_line (self->cr, line);
      self->y += logical.height / (double) PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
tsg_pdf_writer_heading (TsgPdfWriter *self,
                        const char   *text,
                        guint         level)
{
  double size = level <= 1 ? 18 : level == 2 ? 14 : 12;

  tsg_pdf_writer_ensure_space (self, size * 3);
  if (self->page_has_content)
    tsg_pdf_writer_space (self, size * 0.6);
  tsg_pdf_writer_text (self, text, size, TRUE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_space (self, size * 0.4);
}

void
tsg_pdf_writer_rule (TsgPdfWriter *self)
{
  tsg_pdf_writer_ensure_space (self, 8);
  cairo_save (self->cr);
  cairo_set_line_width (self->cr, 0.5);
  cairo_move_to (self->cr, self->left, self->y + 4);
  cairo_line_to (self->cr, self->width - self->right, self->y + 4);
  cairo_stroke (self->cr);
  cairo_restore (self->cr);
  self->page_has_content = TRUE;
  self->y += 8;
}

static double
row_height (TsgPdfWriter *self,
            GStrv         cells,
            guint         n_columns,
            const double *widths,
            double        size,
            gboolean      bold,
            double        pad)
{
  double content = tsg_pdf_writer_get_content_width (self);
  double tallest = 0;

  for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
    {
      g_autoptr(PangoLayout) layout =
        tsg_pdf_writer_create_layout (self, cells[c], size, bold, widths[c] * content - 2 * pad);
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      tallest = MAX (tallest, h / (double) PANGO_SCALE);
    }
  return tallest + 2 * pad;
}

static void
draw_row (TsgPdfWriter *self,
          GStrv         cells,
          guint         n_columns,
          const double *widths,
          double        size,
          gboolean      bold,
          double        height,
          double        pad)
{
  double content = tsg_pdf_writer_get_content_width (self);
  double x = self->left;

  cairo_save (self->cr);
  if (bold)
    {
      cairo_set_source_rgb (self->cr, 0.92, 0.92, 0.92);
      cairo_rectangle (self->cr, self->left, self->y, content, height);
      cairo_fill (self->cr);
    }
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  cairo_set_line_width (self->cr, 0.4);
  for (guint c = 0; c < n_columns; c++)
    {
      double w = widths[c] * content;

      if (cells[c] != NULL && *cells[c] != '\0')
        {
          g_autoptr(PangoLayout) layout =
            tsg_pdf_writer_create_layout (self, cells[c], size, bold, w - 2 * pad);
          cairo_move_to (self->cr, x + pad, self->y + pad);
          pango_cairo_show_layout (self->cr, layout);
        }
      cairo_rectangle (self->cr, x, self->y, w, height);
      cairo_stroke (self->cr);
      x += w;
      if (cells[c] == NULL)
        break;
    }
  cairo_restore (self->cr);
  self->page_has_content = TRUE;
  self->y += height;
}

void
tsg_pdf_writer_table (TsgPdfWriter *self,
                      guint         n_columns,
                      const double *widths,
                      GPtrArray    *rows,
                      gboolean      header,
                      double        size)
{
  g_autofree double *equal = NULL;
  const double pad = 3;

  g_return_if_fail (TSG_IS_PDF_WRITER (self));
  g_return_if_fail (n_columns > 0);

  if (widths == NULL)
    {
      equal = g_new (double, n_columns);
      for (guint c = 0; c < n_columns; c++)
        equal[c] = 1.0 / n_columns;
      widths = equal;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      gboolean is_header = header && r == 0;
      double h = row_height (self, cells, n_columns, widths, size, is_header, pad);

      if (self->page_has_content && tsg_pdf_writer_get_remaining (self) < h)
        {
          tsg_pdf_writer_new_page (self);
          /* The header repeats at the top of each page. */
          if (header && r > 0)
            {
              GStrv head = g_ptr_array_index (rows, 0);
              double hh = row_height (self, head, n_columns, widths, size, TRUE, pad);
              draw_row (self, head, n_columns, widths, size, TRUE, hh, pad);
            }
        }
      draw_row (self, cells, n_columns, widths, size, is_header, h, pad);
    }
}

GBytes *
tsg_pdf_writer_finish (TsgPdfWriter  *self,
                       GError       **error)
{
  cairo_status_t status;

  g_return_val_if_fail (TSG_IS_PDF_WRITER (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  self->finished = TRUE;
  draw_footer (self);
  cairo_show_page (self->cr);
  cairo_surface_finish (self->surface);
  status = cairo_surface_status (self->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&self->bytes));
}

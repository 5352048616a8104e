/* tsg-pdf-render.c: Poppler behind a lock, rendering into GdkTextures
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-pdf-render"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "tsg-pdf-render.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* A page of this many pixels is refused rather than allocated: 8000 × 8000
 * ARGB is 256 MB, more than any zoom of a document page needs. */
#define MAX_PIXELS (8000.0 * 8000.0)

struct _TsgPdfDoc
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  PopplerDocument *document;
  GArray          *sizes;      /* of double pairs (width, height) in points */
};

TsgPdfDoc *
tsg_pdf_doc_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  TsgPdfDoc *self;
  int n_pages;

  g_return_val_if_fail (bytes != NULL, NULL);

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document cannot be opened: %s."), local_error->message);
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document cannot be opened: it has no pages."));
      return NULL;
    }

  self = g_new0 (TsgPdfDoc, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->document = g_steal_pointer (&document);
  self->sizes = g_array_sized_new (FALSE, TRUE, sizeof (double), 2 * n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (self->document, i);
      double w = 595.0, h = 842.0; /* A4 when a page cannot be read */

      if (page != NULL)
        poppler_page_get_size (page, &w, &h);
      g_array_append_val (self->sizes, w);
      g_array_append_val (self->sizes, h);
    }
  return self;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TsgPdfDoc *doc = tsg_pdf_doc_new_from_bytes (task_data, &error);

  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) tsg_pdf_doc_unref);
}

void
tsg_pdf_doc_load_async (GBytes             *bytes,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tsg_pdf_doc_load_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, load_thread);
}

TsgPdfDoc *
tsg_pdf_doc_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

TsgPdfDoc *
tsg_pdf_doc_ref (TsgPdfDoc *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tsg_pdf_doc_unref (TsgPdfDoc *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->document);
  g_array_unref (self->sizes);
  g_mutex_clear (&self->lock);
  g_free (self);
}

guint
tsg_pdf_doc_get_n_pages (TsgPdfDoc *self)
{
  return self->sizes->len / 2;
}

void
tsg_pdf_doc_get_page_size (TsgPdfDoc *self,
                           guint      index,
                           double    *width,
                           double    *height)
{
  g_return_if_fail (index < tsg_pdf_doc_get_n_pages (self));

  *width = g_array_index (self->sizes, double, 2 * index);
  *height = g_array_index (self->sizes, double, 2 * index + 1);
}

GdkTexture *
tsg_pdf_doc_render_page (TsgPdfDoc     *self,
                         guint          index,
                         double         pixels_per_point,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  int pw, ph;

  g_return_val_if_fail (index < tsg_pdf_doc_get_n_pages (self), NULL);

  tsg_pdf_doc_get_page_size (self, index, &w, &h);
  pw = MAX (1, (int) (w * pixels_per_point + 0.5));
  ph = MAX (1, (int) (h * pixels_per_point + 0.5));
  if ((double) pw * ph > MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Page %u is too large to show at this zoom."), index + 1);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Page %u cannot be drawn: %s."), index + 1,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, (double) pw / w, (double) ph / h);

  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, (int) index);
  if (page != NULL)
    poppler_page_render (page, cr);
  g_mutex_unlock (&self->lock);

  /* Transparent areas of the page are paper: paint white behind them. */
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (page == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Page %u of the document cannot be read."), index + 1);
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* Zero copy: the texture owns the surface's pixels. Cairo's ARGB32 is
   * GDK_MEMORY_DEFAULT (premultiplied, native endian). */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * ph,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

void
tsg_pdf_doc_print_page (TsgPdfDoc *self,
                        guint      index,
                        cairo_t   *cr,
                        double     width,
                        double     height)
{
  g_autoptr(PopplerPage) page = NULL;
  double w, h, scale;

  g_return_if_fail (index < tsg_pdf_doc_get_n_pages (self));

  tsg_pdf_doc_get_page_size (self, index, &w, &h);
  scale = MIN (width / w, height / h);
  cairo_save (cr);
  /* Scaled to fit the printable area and centred on it. */
  cairo_translate (cr, (width - w * scale) / 2, (height - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, (int) index);
  if (page != NULL)
    poppler_page_render_for_printing (page, cr);
  g_mutex_unlock (&self->lock);
  cairo_restore (cr);
}

/* tsg-qr.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-qr"

#include "config.h"

#include <errno.h>
#include <qrencode.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "tsg-qr.h"

#define QUIET_ZONE 4

gboolean
tsg_qr_draw (cairo_t    *cr,
             const char *text,
             double      x,
             double      y,
             double      size,
             GError    **error)
{
  QRcode *code;
  double module;
  int n;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” cannot be made into a QR code: %s."), text, g_strerror (errno));
      return FALSE;
    }
  n = code->width + 2 * QUIET_ZONE;
  module = size / n;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* One rectangle per dark module, joined into runs along each row, so the
   * code stays sharp at any print size. */
  for (int row = 0; row < code->width; row++)
    {
      int col = 0;
      while (col < code->width)
        {
          int start;
          if (!(code->data[row * code->width + col] & 1))
            {
              col++;
              continue;
            }
          start = col;
          while (col < code->width && (code->data[row * code->width + col] & 1))
            col++;
          cairo_rectangle (cr, x + (start + QUIET_ZONE) * module, y + (row + QUIET_ZONE) * module,
                           (col - start) * module, module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}

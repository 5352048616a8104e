/* tsg-qr.h: QR codes (libqrencode) drawn as vectors with cairo
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws @text as a QR code (error correction M) in a square of @size points
 * at (@x, @y), quiet zone included. FALSE with @error when it can't encode. */
gboolean tsg_qr_draw (cairo_t    *cr,
                      const char *text,
                      double      x,
                      double      y,
                      double      size,
                      GError    **error);

G_END_DECLS

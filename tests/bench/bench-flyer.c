/* bench-flyer.c: how long the flyer preview takes to follow an edit
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budget (issue: flyers): regenerating the preview after a change under
 * 300 ms — making the PDF (tsg_flyer_render) plus Poppler opening it and
 * rendering the first page at the preview's size. Prints the median and the
 * worst of 30 runs for each template.
 *   meson test -C _build --setup bench --suite bench bench-flyer
 */
#include "config.h"

#include <poppler.h>

#include "tsg-generator.h"
#include "tsg-store-flyers.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
regenerate_once (TsgStore         *store,
                 TsgFlyerTemplate  template)
{
  g_autoptr(TsgFlyerSpec) spec = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  gint64 start = g_get_monotonic_time ();

  spec = tsg_store_flyer_spec (store, tsg_store_get_system_actor (store), template, NULL, 0, 0, &error);
  g_assert_no_error (error);
  spec->print_code = g_strdup ("FBENCH");
  pdf = tsg_flyer_render (spec, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &width, &height);
  /* the preview shows a page about 800 pixels high */
  scale = 800.0 / height;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), 800);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (doc);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(TsgStore) store = tsg_store_open (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  static const TsgFlyerTemplate templates[] = { TSG_FLYER_A4, TSG_FLYER_CARDS, TSG_FLYER_STICKER, TSG_FLYER_BOOKMARK };
  gboolean within = TRUE;

  if (!tsg_store_generate (store, 100, 1, 0, NULL, NULL, &error))
    g_error ("%s", error->message);
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      double ms[30];

      regenerate_once (store, templates[t]); /* warm the font caches */
      for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
        ms[i] = regenerate_once (store, templates[t]);
      qsort (ms, G_N_ELEMENTS (ms), sizeof (double), compare_doubles);
      g_print ("%-9s regenerate + first page: median %.1f ms, worst %.1f ms (budget 300 ms)\n",
               tsg_flyer_template_to_id (templates[t]), ms[G_N_ELEMENTS (ms) / 2], ms[G_N_ELEMENTS (ms) - 1]);
      within = within && ms[G_N_ELEMENTS (ms) - 1] < 300;
    }
  return within ? 0 : 1;
}

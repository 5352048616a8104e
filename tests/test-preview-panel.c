/* test-preview-panel.c: the PDF preview panel under a real display (Xvfb)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <libpanel.h>
#include <poppler.h>

#include "tsg-preview-panel-private.h"

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of @n_pages A4 pages, each saying its number. */
static GBytes *
make_pdf (guint n_pages)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, buffer, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i + 1);
      cairo_move_to (cr, 72, 100);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buffer);
}

typedef gboolean (*Condition) (TsgPreviewPanel *panel, gpointer data);

static gboolean
wait_for (TsgPreviewPanel *panel,
          Condition        condition,
          gpointer         data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (panel, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
is_state (TsgPreviewPanel *panel,
          gpointer         state)
{
  return g_strcmp0 (_tsg_preview_panel_get_state (panel), state) == 0;
}

static gboolean
page_rendered (TsgPreviewPanel *panel,
               gpointer         index)
{
  return _tsg_preview_panel_page_is_rendered (panel, GPOINTER_TO_UINT (index));
}

static gboolean
current_page_is (TsgPreviewPanel *panel,
                 gpointer         index)
{
  return _tsg_preview_panel_get_current_page (panel) == GPOINTER_TO_UINT (index);
}

static gboolean
has_n_pages (TsgPreviewPanel *panel,
             gpointer         n)
{
  return is_state (panel, "pages") && _tsg_preview_panel_get_n_pages (panel) == GPOINTER_TO_UINT (n);
}

static TsgPreviewPanel *
new_panel_in_window (GtkWindow **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = tsg_preview_panel_new ("Test");

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  *window_out = GTK_WINDOW (window);
  return TSG_PREVIEW_PANEL (panel);
}

static void
test_tiny_pdf (void)
{
  GtkWindow *window;
  TsgPreviewPanel *panel = new_panel_in_window (&window);
  g_autoptr(GBytes) pdf = make_pdf (1);

  g_assert_cmpstr (_tsg_preview_panel_get_state (panel), ==, "empty");
  tsg_preview_panel_set_pdf (panel, pdf, "tiny.pdf");
  g_assert_true (wait_for (panel, page_rendered, GUINT_TO_POINTER (0)));
  g_assert_cmpstr (_tsg_preview_panel_get_state (panel), ==, "pages");
  g_assert_cmpuint (_tsg_preview_panel_get_n_pages (panel), ==, 1);
  /* Fit width by default: an A4 page in a 700-pixel-wide window is shown
   * smaller than its printed size. */
  g_assert_cmpfloat (_tsg_preview_panel_get_zoom (panel), <, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "preview.zoom-in", NULL));
  g_assert_true (wait_for (panel, page_rendered, GUINT_TO_POINTER (0)));
  g_assert_cmpfloat (_tsg_preview_panel_get_zoom (panel), ==, 1.0);
  gtk_window_destroy (window);
}

static void
test_broken_pdf (void)
{
  GtkWindow *window;
  TsgPreviewPanel *panel = new_panel_in_window (&window);
  g_autoptr(GBytes) broken = g_bytes_new_static ("%PDF-1.4\nthis is not a PDF\n", 27);

  tsg_preview_panel_set_pdf (panel, broken, "broken.pdf");
  g_assert_true (wait_for (panel, is_state, "error"));
  g_assert_nonnull (_tsg_preview_panel_get_error (panel));
  g_assert_cmpuint (_tsg_preview_panel_get_n_pages (panel), ==, 0);
  gtk_window_destroy (window);
}

/* Twenty pages: only the pages in view (and one beyond) are rendered. */
static void
test_long_pdf_renders_visible_pages (void)
{
  GtkWindow *window;
  TsgPreviewPanel *panel = new_panel_in_window (&window);
  g_autoptr(GBytes) pdf = make_pdf (20);

  tsg_preview_panel_set_pdf (panel, pdf, "long.pdf");
  g_assert_true (wait_for (panel, page_rendered, GUINT_TO_POINTER (0)));
  g_assert_true (wait_for (panel, page_rendered, GUINT_TO_POINTER (1)));
  g_assert_cmpuint (_tsg_preview_panel_get_n_pages (panel), ==, 20);
  g_assert_cmpuint (_tsg_preview_panel_get_n_rendered (panel), <=, 4);
  g_assert_false (_tsg_preview_panel_page_is_rendered (panel, 19));

  /* Going to the last page renders it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "preview.next-page", NULL));
  g_assert_true (wait_for (panel, current_page_is, GUINT_TO_POINTER (1)));
  for (guint i = 0; i < 18; i++)
    gtk_widget_activate_action (GTK_WIDGET (panel), "preview.next-page", NULL);
  g_assert_true (wait_for (panel, page_rendered, GUINT_TO_POINTER (19)));
  g_assert_cmpuint (_tsg_preview_panel_get_current_page (panel), >=, 18);
  g_assert_cmpuint (_tsg_preview_panel_get_n_rendered (panel), <=, 8);
  gtk_window_destroy (window);
}

static void
test_save_and_print (void)
{
  GtkWindow *window;
  TsgPreviewPanel *panel = new_panel_in_window (&window);
  g_autoptr(GBytes) pdf = make_pdf (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-preview-XXXXXX", &error);
  g_autofree char *saved_path = g_build_filename (dir, "saved.pdf", NULL);
  g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GBytes) saved_bytes = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *printed;

  g_assert_no_error (error);
  tsg_preview_panel_set_pdf (panel, pdf, "three.pdf");
  g_assert_true (wait_for (panel, has_n_pages, GUINT_TO_POINTER (3)));

  g_assert_true (_tsg_preview_panel_save_to_file (panel, saved, &error));
  g_assert_no_error (error);
  saved_bytes = g_file_load_bytes (saved, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (saved_bytes, pdf));

  /* The print path draws every page with poppler_page_render_for_printing. */
  g_assert_true (_tsg_preview_panel_print_to_file (panel, printed_path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (printed_path, NULL, NULL);
  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, 3);
  {
    PopplerPage *page = poppler_document_get_page (printed, 2);
    g_autofree char *text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, "Page 3"));
    g_object_unref (page);
  }
  g_object_unref (printed);

  g_unlink (saved_path);
  g_unlink (printed_path);
  g_rmdir (dir);
  gtk_window_destroy (window);
}

static GBytes *
regenerate_cb (gpointer   user_data,
               GError   **error)
{
  guint *calls = user_data;

  (*calls)++;
  if (*calls == 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The template has an unknown placeholder.");
      return NULL;
    }
  return make_pdf (1 + *calls);
}

static void
test_refresh (void)
{
  GtkWindow *window;
  TsgPreviewPanel *panel = new_panel_in_window (&window);
  guint calls = 0;

  tsg_preview_panel_set_regenerate (panel, regenerate_cb, &calls, NULL);
  tsg_preview_panel_refresh (panel);
  g_assert_true (wait_for (panel, has_n_pages, GUINT_TO_POINTER (2)));

  /* A failed rebuild says why, in the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "preview.refresh", NULL));
  g_assert_cmpstr (_tsg_preview_panel_get_state (panel), ==, "error");
  g_assert_cmpstr (_tsg_preview_panel_get_error (panel), ==, "The template has an unknown placeholder.");

  tsg_preview_panel_refresh (panel);
  g_assert_true (wait_for (panel, has_n_pages, GUINT_TO_POINTER (4)));
  g_assert_cmpuint (calls, ==, 3);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  adw_init ();
  panel_init ();

  g_test_add_func ("/preview-panel/tiny", test_tiny_pdf);
  g_test_add_func ("/preview-panel/broken", test_broken_pdf);
  g_test_add_func ("/preview-panel/long", test_long_pdf_renders_visible_pages);
  g_test_add_func ("/preview-panel/save-and-print", test_save_and_print);
  g_test_add_func ("/preview-panel/refresh", test_refresh);
  return g_test_run ();
}

/* test-pdf-writer.c: the shared A4 writer lays out Japanese, breaks pages,
 * repeats table headers and embeds its fonts
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tsg-pdf-writer.h"

static char *
run_tool (const char *tool,
          const char *pdf_path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { tool, pdf_path, "-", NULL };

  if (g_str_equal (tool, "pdffonts"))
    argv[2] = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
test_document (void)
{
  g_autoptr(TsgPdfWriter) writer = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsg-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.pdf", NULL);
  g_autofree char *text = NULL, *fonts = NULL;
  const double widths[] = { 0.2, 0.5, 0.3 };
  gsize size;

  tsg_pdf_writer_set_title (writer, "テスト");
  tsg_pdf_writer_set_footer (writer, "%u ページ");
  tsg_pdf_writer_heading (writer, "相談窓口のご案内", 1);
  tsg_pdf_writer_text (writer, "困ったときは、ひとりで悩まずにご相談ください。フリーダイヤル 0120-000-000", 10.5, FALSE, TSG_PDF_ALIGN_LEFT);
  g_ptr_array_add (rows, g_strsplit ("月|相談件数|備考", "|", -1));
  for (int i = 0; i < 120; i++)
    {
      g_autofree char *line = g_strdup_printf ("%d月|%d|行%d", i % 12 + 1, i * 3, i);
      g_ptr_array_add (rows, g_strsplit (line, "|", -1));
    }
  tsg_pdf_writer_table (writer, 3, widths, rows, TRUE, 10);
  pdf = tsg_pdf_writer_finish (writer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, &size), 5, "%PDF-", 5);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_cmpuint (tsg_pdf_writer_get_page (writer), >=, 3);

  text = run_tool ("pdftotext", path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "相談窓口のご案内"));
  g_assert_nonnull (strstr (text, "0120-000-000"));
  g_assert_nonnull (strstr (text, "行119"));
  g_assert_nonnull (strstr (text, "3 ページ"));
  fonts = run_tool ("pdffonts", path);
  g_assert_nonnull (fonts);
  g_assert_nonnull (strstr (fonts, "NotoSansCJK"));
  /* every font line says "emb yes" */
  g_assert_null (strstr (fonts, " no  "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-writer/document", test_document);
  return g_test_run ();
}

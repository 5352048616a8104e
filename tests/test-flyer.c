/* test-flyer.c: flyers, help cards, stickers and bookmarks carry the office's
 * numbers, the chosen services and the print run's code; the QR code decodes;
 * what doesn't fit is reported, never cut silently
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tsg-format.h"
#include "tsg-generator.h"
#include "tsg-store-contacts.h"
#include "tsg-store-reports.h"
#include "tsg-store-flyers.h"

typedef struct
{
  TsgStore *store;
  char     *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = tsg_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (f->store, 50, 3, 0, NULL, NULL, &error));
  f->dir = g_dir_make_tmp ("tsg-flyer-XXXXXX", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static char *
spawn_out (const char *const *argv)
{
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static char *
write_pdf (Fixture *f, GBytes *pdf, const char *name)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  return path;
}

static void
assert_qr_decodes (Fixture *f, const char *pdf_path, const char *expected_url)
{
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, "-1.png", NULL);
  const char *render[] = { "pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", pdf_path, prefix, NULL };
  const char *scan[] = { "zbarimg", "-q", "--raw", png, NULL };
  g_autofree char *ignored = NULL, *decoded = NULL;

  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  if (zbarimg == NULL || pdftoppm == NULL)
    {
      g_test_message ("zbarimg or pdftoppm missing: QR decoding not checked");
      return;
    }
  ignored = spawn_out (render);
  decoded = spawn_out (scan);
  g_assert_nonnull (decoded);
  g_assert_nonnull (strstr (decoded, expected_url));
}

static void
test_flyer_for_a_point (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  TsgActor *admin = tsg_store_get_system_actor (f->store);
  gint64 point = tsg_store_find_point (f->store, admin, "BOOK-MSK", &error);
  g_autoptr(TsgFlyerSpec) spec = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL, *text = NULL, *fonts = NULL, *url = NULL;
  const char *totext[] = { "pdftotext", NULL, "-", NULL };
  const char *pdffonts[] = { "pdffonts", NULL, NULL };

  g_assert_no_error (error);
  g_assert_cmpint (point, >, 0);
  spec = tsg_store_flyer_spec (f->store, admin, TSG_FLYER_A4, NULL, 0, point, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spec->services->len, >, 3);
  spec->print_code = tsg_store_create_print_run (f->store, admin, point, TSG_FLYER_A4, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (spec->print_code), ==, 6);
  /* The code leads back to the point (the call log's "heard of us through"). */
  g_assert_cmpint (tsg_store_point_for_code (f->store, spec->print_code), ==, point);
  g_assert_cmpint (tsg_store_point_for_code (f->store, "BOOK-MSK"), ==, point);
  g_assert_cmpint (tsg_store_point_for_code (f->store, "NOPE"), ==, 0);

  pdf = tsg_flyer_render (spec, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  path = write_pdf (f, pdf, "flyer.pdf");
  totext[1] = path;
  pdffonts[1] = path;
  text = spawn_out (totext);
  if (text == NULL)
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "0120-000-000"));
  g_assert_nonnull (strstr (text, spec->print_code));
  for (guint i = 0; i < spec->services->len; i++)
    {
      TsgFlyerService *s = g_ptr_array_index (spec->services, i);
      g_assert_nonnull (strstr (text, s->phone));
    }
  /* The shelter's confidential location never reaches a flyer. */
  g_assert_null (strstr (text, "緊急一時保護"));
  fonts = spawn_out (pdffonts);
  g_assert_nonnull (strstr (fonts, "NotoSansCJK"));
  g_assert_null (strstr (fonts, " no  "));

  url = tsg_flyer_qr_url (spec, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (url, spec->print_code));
  assert_qr_decodes (f, path, url);
}

static void
test_small_pieces (Fixture *f, gconstpointer data)
{
  static const TsgFlyerTemplate templates[] = { TSG_FLYER_CARDS, TSG_FLYER_STICKER, TSG_FLYER_BOOKMARK };
  TsgActor *admin = tsg_store_get_system_actor (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(TsgFlyerSpec) spec = tsg_store_flyer_spec (f->store, admin, templates[i], NULL, 0, 0, &error);
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *path = NULL, *text = NULL;
      const char *totext[] = { "pdftotext", NULL, "-", NULL };

      g_assert_no_error (error);
      spec->print_code = g_strdup ("FTEST2");
      pdf = tsg_flyer_render (spec, problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      path = write_pdf (f, pdf, "piece.pdf");
      totext[1] = path;
      text = spawn_out (totext);
      if (text == NULL)
        continue;
      g_assert_nonnull (strstr (text, "0120-000-000"));
      g_assert_nonnull (strstr (text, "FTEST2"));
      if (templates[i] == TSG_FLYER_CARDS)
        assert_qr_decodes (f, path, "https://line.me/R/ti/p/@tsunagari-demo?src=FTEST2");
    }
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  TsgActor *admin = tsg_store_get_system_actor (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TsgFlyerSpec) cards = NULL;
  g_autoptr(TsgFlyerSpec) empty = tsg_flyer_spec_new (TSG_FLYER_A4);
  g_autoptr(GBytes) pdf = NULL;

  /* no services chosen */
  empty->office_name = g_strdup ("事務所");
  empty->line_url = g_strdup ("https://line.me/R/ti/p/@x");
  g_assert_null (tsg_flyer_render (empty, problems, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "service"));
  g_clear_error (&error);

  /* a LINE URL that is not a URL */
  cards = tsg_store_flyer_spec (f->store, admin, TSG_FLYER_CARDS, NULL, 0, 0, &error);
  g_free (cards->line_url);
  cards->line_url = g_strdup ("line id @abc");
  g_assert_null (tsg_flyer_render (cards, problems, &error));
  g_assert_nonnull (strstr (error->message, "line id @abc"));
  g_clear_error (&error);

  /* text too long for the card: reported, with what and where */
  g_free (cards->line_url);
  cards->line_url = g_strdup ("https://line.me/R/ti/p/@x");
  g_free (cards->office_name);
  cards->office_name = g_strdup ("特定非営利活動法人 困難を抱える若年女性と子どもの暮らしと仕事と住まいを支えるつながりサポートセンター 川崎市中原区事務所 相談窓口");
  pdf = tsg_flyer_render (cards, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "card"));

  /* a print run for no copies, or for a point that does not exist */
  g_assert_null (tsg_store_create_print_run (f->store, admin, 1, TSG_FLYER_CARDS, 0, &error));
  g_clear_error (&error);
  g_assert_null (tsg_store_create_print_run (f->store, admin, 99999, TSG_FLYER_CARDS, 5, &error));
  g_assert_nonnull (error);
}

/* A woman who calls with the card's code in hand is counted for that point
 * and that print run in the yearly report. */
static void
test_attribution_in_report (Fixture *f, gconstpointer data)
{
  TsgActor *admin = tsg_store_get_system_actor (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgContact) contact = tsg_contact_new ();
  g_autoptr(TsgKpiReport) report = NULL;
  g_autofree char *code = NULL;
  gint64 point = tsg_store_find_point (f->store, admin, "NETCAFE-KWS", &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean found = FALSE;

  g_assert_no_error (error);
  code = tsg_store_create_print_run (f->store, admin, point, TSG_FLYER_CARDS, 50, &error);
  g_assert_no_error (error);
  contact->started_at = now - 60;
  contact->channel = g_strdup ("free_dial");
  contact->first_contact = TRUE;
  contact->summary = g_strdup ("カードを見て電話した。");
  contact->heard_via = g_strdup (code);
  g_assert_cmpint (tsg_store_save_contact (f->store, admin, contact, &error), >, 0);
  g_assert_no_error (error);

  report = tsg_store_kpi_report (f->store, admin, tsg_fiscal_year_of (now), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->contacts_by_point->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (report->contacts_by_point->rows, i);
      if (g_strcmp0 (row->key, code) != 0)
        continue;
      found = TRUE;
      g_assert_cmpint (row->cells[0].value, ==, 1);
      g_assert_nonnull (strstr (row->label, "ネットカフェ"));
      g_assert_nonnull (strstr (row->label, code));
    }
  g_assert_true (found);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/flyer/a4-for-a-point", Fixture, NULL, fixture_set_up, test_flyer_for_a_point, fixture_tear_down);
  g_test_add ("/flyer/small-pieces", Fixture, NULL, fixture_set_up, test_small_pieces, fixture_tear_down);
  g_test_add ("/flyer/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/flyer/attribution-in-report", Fixture, NULL, fixture_set_up, test_attribution_in_report, fixture_tear_down);
  return g_test_run ();
}

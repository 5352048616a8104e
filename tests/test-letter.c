/* test-letter.c: referrals (consent, timeline) and referral letters (what
 * the PDF says, what it must never say, fonts embedded)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <libintl.h>
#include <sqlite3.h>
#include <poppler.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-letter.h"
#include "tsg-store-directory.h"

#define WITHHELD_ADDRESS "川崎市中原区ひみつ町1-2-3"
#define OPEN_ADDRESS "川崎市高津区みえる町4-5-6"

typedef struct
{
  char     *dir;
  char     *path;
  TsgStore *store;
  TsgActor *actor;
  gint64    hello_work;      /* service id */
  gint64    food_bank;
  gint64    case_withheld;   /* consented to everything, address withheld */
  gint64    case_open;       /* consented to everything, address not withheld */
  gint64    case_situation;  /* consented to the referral only */
  gint64    case_none;       /* no consent */
} Fixture;

static gboolean japanese;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
service_named (Fixture    *f,
               const char *search)
{
  g_autoptr(TsgListQuery) q = tsg_list_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  q->search = g_strdup (search);
  ids = tsg_store_list_ids (f->store, f->actor, TSG_LIST_SERVICES, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 1);
  return g_array_index (ids, gint64, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const struct { const char *key; const char *value; } office[] = {
    { "office_name", "つながりサポート相談室" },
    { "office_address", "〒211-0004 神奈川県川崎市中原区新丸子町1-1" },
    { "office_phone", "044-000-9999" },
    { "free_dial", "0120-000-111" },
    { "person_in_charge", "佐藤 明美" },
  };

  f->dir = g_dir_make_tmp ("tsg-letter-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
  f->store = tsg_store_open (f->path, &error);
  g_assert_no_error (error);
  f->actor = tsg_store_get_system_actor (f->store);
  g_assert_true (tsg_store_generate (f->store, 0, 1, 0, NULL, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (office); i++)
    g_assert_true (tsg_store_set_setting (f->store, f->actor, office[i].key, office[i].value, &error));
  f->hello_work = service_named (f, "ハローワーク川崎 職業相談");
  f->food_bank = service_named (f, "フードバンクかわさき");

  exec_sql (f,
    "INSERT INTO clients (id, code, name, kana, age_band, municipality, address, address_withheld, safe_contact, created_at, updated_at) VALUES"
    " (9001, 'C-9001', '山田 花子', 'やまだ はなこ', '30s', '川崎市中原区', '" WITHHELD_ADDRESS "', 1, '携帯に平日午後', 0, 0),"
    " (9002, 'C-9002', '鈴木 由美', 'すずき ゆみ', '40s', '川崎市高津区', '" OPEN_ADDRESS "', 0, 'メールのみ', 0, 0),"
    " (9003, 'C-9003', '高橋 恵', 'たかはし めぐみ', '20s', '川崎市川崎区', '川崎市川崎区どこか町7', 0, NULL, 0, 0),"
    " (9004, 'C-9004', '田中 礼子', NULL, 'unknown', NULL, NULL, 0, NULL, 0, 0);"
    "INSERT INTO cases (id, client_id, opened_at, updated_at) VALUES (801, 9001, 0, 0), (802, 9002, 0, 0), (803, 9003, 0, 0), (804, 9004, 0, 0);"
    /* consents: any agency (NULL) for the first two, Hello Work's organization only for the third */
    "INSERT INTO consents (client_id, organization_id, scope, given_on, created_at) VALUES"
    " (9001, NULL, 'referral', '2024-01-01', 0), (9001, NULL, 'letter', '2024-01-01', 0), (9001, NULL, 'contact_details', '2024-01-01', 0),"
    " (9002, NULL, 'referral', '2024-01-01', 0), (9002, NULL, 'letter', '2024-01-01', 0), (9002, NULL, 'contact_details', '2024-01-01', 0),"
    " (9003, (SELECT organization_id FROM services WHERE name = '職業相談・職業紹介' LIMIT 1), 'referral', '2024-01-01', 0),"
    /* a withdrawn consent counts for nothing */
    " (9004, NULL, 'referral', '2024-01-01', 0);"
    "UPDATE consents SET withdrawn_on = '2024-02-01' WHERE client_id = 9004;");
  f->case_withheld = 801;
  f->case_open = 802;
  f->case_situation = 803;
  f->case_none = 804;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);
      g_string_append (text, t);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (text, FALSE);
}

static GBytes *
letter_for (Fixture *f,
            gint64   referral_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgLetterData) data = tsg_store_get_letter_data (f->store, f->actor, referral_id, &error);
  GBytes *pdf;

  g_assert_no_error (error);
  pdf = tsg_letter_render (data, NULL, FALSE, &error);
  g_assert_no_error (error);
  return pdf;
}

static void
test_consent_required (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count (f, "SELECT count(*) FROM referrals");
  gint64 id;

  /* no consent (withdrawn): refused, nothing written */
  id = tsg_store_create_referral (f->store, f->actor, f->case_none, 0, f->hello_work, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, japanese ? "同意がありません" : "Consent missing"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM referrals"), ==, before);
  g_assert_cmpint (count (f, "SELECT count(*) FROM timeline_events WHERE kind = 'referral'"), ==, 0);
  g_clear_error (&error);

  /* a consent for one agency does not cover another */
  id = tsg_store_create_referral (f->store, f->actor, f->case_situation, 0, f->food_bank, "  ", &error);
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  id = tsg_store_create_referral (f->store, f->actor, f->case_situation, 0, f->hello_work, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* with a reason: made, and the override is audited */
  id = tsg_store_create_referral (f->store, f->actor, f->case_none, 0, f->food_bank,
                                  "今夜の食料がなく、本人が口頭で了承", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'consent_override' AND record_kind = 'referral'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM referrals WHERE consent_override_reason IS NOT NULL"), ==, 1);
}

static void
test_timeline_and_status (Fixture       *f,
                          gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgReferral) r = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = tsg_store_create_referral (f->store, f->actor, f->case_withheld, 0, f->hello_work, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM timeline_events WHERE kind = 'referral' AND case_id = 801"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM timeline_events WHERE ref_id = %" G_GINT64_FORMAT
                                            " AND service_id = %" G_GINT64_FORMAT, id, f->hello_work);
    g_assert_cmpint (count (f, sql), ==, 1);
  }
  g_assert_true (tsg_store_set_referral_status (f->store, f->actor, id, "accepted", "面談日が決まりました", &error));
  g_assert_false (tsg_store_set_referral_status (f->store, f->actor, id, "lost", NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  r = tsg_store_get_referral (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->status, ==, "accepted");
  g_assert_cmpstr (r->feedback, ==, "面談日が決まりました");
  g_assert_cmpstr (r->organization_name, ==, "ハローワーク川崎");
  list = tsg_store_case_referrals (f->store, f->actor, f->case_withheld, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_letter_content (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  gint64 withheld = tsg_store_create_referral (f->store, f->actor, f->case_withheld, 0, f->hello_work, NULL, &error);
  gint64 open = tsg_store_create_referral (f->store, f->actor, f->case_open, 0, f->hello_work, NULL, &error);
  gint64 situation = tsg_store_create_referral (f->store, f->actor, f->case_situation, 0, f->hello_work, NULL, &error);
  g_autoptr(GBytes) pdf1 = NULL;
  g_autoptr(GBytes) pdf2 = NULL;
  g_autoptr(GBytes) pdf3 = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;

  g_assert_no_error (error);
  g_assert_true (tsg_store_set_referral_letter (f->store, f->actor, withheld, "職業相談部門", "onchu", NULL, &error));
  pdf1 = letter_for (f, withheld);
  text1 = pdf_text (pdf1);
  g_test_message ("%s", text1);
  /* TSG_TEST_LETTER=FILE keeps the letter, to look at it */
  if (g_getenv ("TSG_TEST_LETTER"))
    g_file_set_contents (g_getenv ("TSG_TEST_LETTER"), g_bytes_get_data (pdf1, NULL), g_bytes_get_size (pdf1), NULL);
  /* the addressee and the letterhead */
  g_assert_nonnull (strstr (text1, "ハローワーク川崎"));
  g_assert_nonnull (strstr (text1, "職業相談部門"));
  g_assert_nonnull (strstr (text1, "つながりサポート相談室"));
  g_assert_nonnull (strstr (text1, "044-000-9999"));
  g_assert_nonnull (strstr (text1, "0120-000-111"));
  g_assert_nonnull (strstr (text1, "佐藤 明美"));
  g_assert_nonnull (strstr (text1, "山田 花子"));
  if (japanese)
    {
      g_assert_nonnull (strstr (text1, "御中"));
      g_assert_nonnull (strstr (text1, "紹介状"));
    }
  /* never the withheld address, not even in part */
  g_assert_null (strstr (text1, WITHHELD_ADDRESS));
  g_assert_null (strstr (text1, "ひみつ町"));

  /* an address she did not withhold, with her consent, is there */
  g_assert_true (tsg_store_set_referral_letter (f->store, f->actor, open, "山本", "sama", NULL, &error));
  pdf2 = letter_for (f, open);
  text2 = pdf_text (pdf2);
  g_assert_nonnull (strstr (text2, "みえる町"));
  g_assert_nonnull (strstr (text2, "山本"));
  if (japanese)
    g_assert_nonnull (strstr (text2, "様"));

  /* consent to the referral only: no name, no way to reach her */
  pdf3 = letter_for (f, situation);
  text3 = pdf_text (pdf3);
  g_assert_null (strstr (text3, "高橋"));
  g_assert_null (strstr (text3, "どこか町"));
  g_assert_nonnull (strstr (text3, "川崎市川崎区"));   /* her municipality: her situation */
  g_assert_nonnull (strstr (text3, "C-9003"));
}

static void
test_fonts_embedded (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tsg_store_create_referral (f->store, f->actor, f->case_open, 0, f->hello_work, NULL, &error);
  g_autoptr(GBytes) pdf = letter_for (f, id);
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  PopplerFontInfo *info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;
  gboolean noto = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  while (poppler_font_info_scan (info, poppler_document_get_n_pages (doc), &iter))
    {
      if (iter == NULL)
        break;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);
          g_test_message ("font %s embedded=%d", name, poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          noto |= name && strstr (name, "NotoSansCJK") != NULL;
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n_fonts, >=, 1);
  g_assert_true (noto);
  poppler_font_info_free (info);
  g_object_unref (doc);
}

static void
test_template (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tsg_store_create_referral (f->store, f->actor, f->case_withheld, 0, f->hello_work, NULL, &error);
  g_autoptr(TsgLetterData) data = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_local (2025, 4, 1, 10, 0, 0);
  g_autofree char *text = NULL;

  g_assert_true (tsg_store_set_referral_letter (f->store, f->actor, id, NULL, NULL,
                                                "{date}\n宛先：{organization}\n住所：{client_address}\n氏名：{client_name}（{client_kana}）\n{unknown_thing}",
                                                &error));
  data = tsg_store_get_letter_data (f->store, f->actor, id, &error);
  g_assert_no_error (error);
  g_assert_null (tsg_letter_expand (data, data->referral->letter_body, date, TRUE, &error));
  g_assert_error (error, TSG_LETTER_ERROR, TSG_LETTER_ERROR_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "unknown_thing"));
  g_clear_error (&error);

  text = tsg_letter_expand (data, "{date}\n宛先：{organization}\n住所：{client_address}\n氏名：{client_name}（{client_kana}）",
                            date, TRUE, &error);
  g_assert_no_error (error);
  /* the withheld address's line is left out entirely */
  g_assert_cmpstr (text, ==, "令和7年4月1日\n宛先：ハローワーク川崎\n氏名：山田 花子（やまだ はなこ）");
}

static void
test_era_dates (void)
{
  static const struct { int y, m, d; const char *expected; } cases[] = {
    { 2025, 4, 1, "令和7年4月1日" },
    { 2019, 5, 1, "令和元年5月1日" },
    { 2019, 4, 30, "平成31年4月30日" },
    { 1989, 1, 8, "平成元年1月8日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (cases[i].y, cases[i].m, cases[i].d, 12, 0, 0);
      g_autofree char *text = tsg_letter_format_date (date, TRUE);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TSG_LOCALEDIR");

  /* The letter is Japanese when the office works in Japanese. */
  g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  japanese = setlocale (LC_ALL, "ja_JP.UTF-8") != NULL && localedir != NULL;
  if (japanese)
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/letter/consent-required", Fixture, NULL, fixture_set_up, test_consent_required, fixture_tear_down);
  g_test_add ("/letter/timeline-and-status", Fixture, NULL, fixture_set_up, test_timeline_and_status, fixture_tear_down);
  g_test_add ("/letter/content", Fixture, NULL, fixture_set_up, test_letter_content, fixture_tear_down);
  g_test_add ("/letter/fonts-embedded", Fixture, NULL, fixture_set_up, test_fonts_embedded, fixture_tear_down);
  g_test_add ("/letter/template", Fixture, NULL, fixture_set_up, test_template, fixture_tear_down);
  g_test_add_func ("/letter/era-dates", test_era_dates);
  return g_test_run ();
}

/* test-privacy.c: a withheld address (住所秘匿) on every output there is
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two clients: W withheld her address, O did not. W's case is led by one
 * counsellor; another counsellor and the administrator are not on it. Each
 * output is made and searched for W's address: screens of other staff, the
 * referral letter (its text and its PDF), the case summary PDF, the case's
 * JSON, the records export, the HSDS export, the KPI report (JSON, CSV,
 * PDF) and a flyer. PDFs are read back with Poppler.
 */
#include "config.h"

#include <string.h>
#include <poppler.h>
#include <glib/gstdio.h>

#include "tsg-case-summary.h"
#include "tsg-flyer.h"
#include "tsg-generator.h"
#include "tsg-hsds.h"
#include "tsg-kpi-report.h"
#include "tsg-letter.h"
#include "tsg-privacy.h"
#include "tsg-records.h"
#include "tsg-store-cases.h"
#include "tsg-store-directory.h"
#include "tsg-store-flyers.h"
#include "tsg-store-private.h"
#include "tsg-store-reports.h"

#define WITHHELD "秘匿テスト町一丁目2-3"
#define OPEN     "公開テスト町四丁目5-6"

typedef struct
{
  TsgStore *store;
  char     *dir;
  TsgActor *lead, *other, *admin, *front_desk, *coordinator;
  gint64    w, o, w_case, o_case, w_referral, o_referral;
} Fx;

static Fx fx;

static TsgActor *
actor (const char *login,
       TsgRole     role)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  sqlite3_prepare_v2 (fx.store->db, "SELECT id FROM staff WHERE login = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return tsg_actor_new (id, role, login);
}

static char *
raw_address (gint64 client)
{
  sqlite3_stmt *stmt;
  char *a = NULL;

  sqlite3_prepare_v2 (fx.store->db, "SELECT address FROM clients WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, client);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    a = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return a;
}

static gint64
new_client (const char *name,
            const char *address,
            gboolean    withheld)
{
  g_autoptr(TsgClient) c = tsg_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  c->name = g_strdup (name);
  c->address = g_strdup (address);
  c->address_withheld = withheld;
  id = tsg_store_save_client (fx.store, fx.admin, c, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
referral_for (gint64 client,
              gint64 kase)
{
  g_autoptr(GError) error = NULL;
  gint64 service = 0, organization = 0, referral;
  sqlite3_stmt *stmt;
  const char *scopes[] = { "letter", "referral", "contact_details" };

  sqlite3_prepare_v2 (fx.store->db, "SELECT s.id, s.organization_id FROM services s ORDER BY s.id LIMIT 1", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  service = sqlite3_column_int64 (stmt, 0);
  organization = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  /* She consented to everything: only the withholding can keep the address out. */
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      tsg_store_add_consent (fx.store, fx.lead, client, organization, scopes[i], "2025-04-01", &error);
      g_assert_no_error (error);
    }
  referral = tsg_store_create_referral (fx.store, fx.lead, kase, 0, service, NULL, &error);
  g_assert_no_error (error);
  return referral;
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx.dir = g_dir_make_tmp ("tsg-privacy-XXXXXX", NULL);
  path = g_build_filename (fx.dir, "office.db", NULL);
  fx.store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (fx.store, 300, 9, 0, NULL, NULL, &error));
  fx.lead = actor ("yamada", TSG_ROLE_COUNSELLOR);
  fx.other = actor ("takahashi", TSG_ROLE_COUNSELLOR);
  fx.admin = actor ("kato", TSG_ROLE_ADMINISTRATOR);
  fx.front_desk = actor ("sasaki", TSG_ROLE_FRONT_DESK);
  fx.coordinator = actor ("ito", TSG_ROLE_COORDINATOR);

  fx.w = new_client ("秘匿 花子", WITHHELD, TRUE);
  fx.o = new_client ("公開 由美", OPEN, FALSE);
  fx.w_case = tsg_store_open_case (fx.store, fx.admin, fx.w, tsg_actor_get_staff_id (fx.lead), "住まい", 0, 0, &error);
  g_assert_no_error (error);
  fx.o_case = tsg_store_open_case (fx.store, fx.admin, fx.o, tsg_actor_get_staff_id (fx.lead), "就労", 0, 0, &error);
  g_assert_no_error (error);
  fx.w_referral = referral_for (fx.w, fx.w_case);
  fx.o_referral = referral_for (fx.o, fx.o_case);
}

/* The text of every page of a PDF. */
static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_string_append (out, text ? text : "");
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (out, FALSE);
}

/* Addresses may be broken over lines in a PDF: compare without spaces. */
static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autoptr(GString) flat = g_string_new (NULL);

  for (const char *p = haystack ? haystack : ""; *p; p++)
    if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
      g_string_append_c (flat, *p);
  return strstr (flat->str, needle) != NULL;
}

static void
test_screens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgClient) as_lead = tsg_store_get_client (fx.store, fx.lead, fx.w, &error);
  g_autoptr(TsgClient) as_other = tsg_store_get_client (fx.store, fx.other, fx.w, &error);
  g_autoptr(TsgClient) as_admin = tsg_store_get_client (fx.store, fx.admin, fx.w, &error);
  g_autoptr(TsgClient) open_as_other = tsg_store_get_client (fx.store, fx.other, fx.o, &error);
  g_autofree char *a = NULL;
  gboolean withheld = FALSE;

  g_assert_no_error (error);
  /* Her counsellor sees it; other counsellors and the administrator see that it is withheld. */
  g_assert_cmpstr (as_lead->address, ==, WITHHELD);
  g_assert_null (as_other->address);
  g_assert_true (as_other->address_withheld);
  g_assert_null (as_admin->address);
  g_assert_cmpstr (open_as_other->address, ==, OPEN);

  a = tsg_store_client_address (fx.store, fx.other, fx.w, TSG_OUTPUT_SCREEN, &withheld, &error);
  g_assert_no_error (error);
  g_assert_null (a);
  g_assert_true (withheld);
  g_assert_null (tsg_store_client_address (fx.store, fx.front_desk, fx.w, TSG_OUTPUT_SCREEN, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (tsg_store_client_address (fx.store, fx.coordinator, fx.w, TSG_OUTPUT_SCREEN, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Another counsellor saving her record (without seeing the address) keeps it. */
  as_other->household_notes = g_strdup ("更新");
  g_assert_cmpint (tsg_store_save_client (fx.store, fx.other, as_other, &error), ==, fx.w);
  g_assert_no_error (error);
  {
    g_autofree char *stored = raw_address (fx.w);
    g_assert_cmpstr (stored, ==, WITHHELD);
  }

  /* Put on her case, the other counsellor sees it, and the log says so. */
  g_assert_true (tsg_store_set_case_staff (fx.store, fx.admin, fx.w_case, tsg_actor_get_staff_id (fx.other), TRUE, &error));
  g_clear_pointer (&a, g_free);
  a = tsg_store_client_address (fx.store, fx.other, fx.w, TSG_OUTPUT_SCREEN, NULL, &error);
  g_assert_cmpstr (a, ==, WITHHELD);
  g_assert_true (tsg_store_set_case_staff (fx.store, fx.admin, fx.w_case, tsg_actor_get_staff_id (fx.other), FALSE, &error));
}

static void
test_rules (void)
{
  /* Even her own counsellor never sends it anywhere but her screen. */
  TsgOutput never[] = { TSG_OUTPUT_LETTER, TSG_OUTPUT_DOCUMENT, TSG_OUTPUT_EXPORT, TSG_OUTPUT_REPORT, TSG_OUTPUT_FLYER };

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    {
      g_assert_false (tsg_privacy_address_allowed (fx.store, fx.lead, fx.w, TRUE, never[i]));
      g_assert_false (tsg_privacy_address_allowed (fx.store, fx.admin, fx.w, TRUE, never[i]));
    }
  g_assert_true (tsg_privacy_address_allowed (fx.store, fx.lead, fx.w, TRUE, TSG_OUTPUT_SCREEN));
  g_assert_false (tsg_privacy_address_allowed (fx.store, NULL, fx.w, TRUE, TSG_OUTPUT_SCREEN));
  g_assert_false (tsg_privacy_address_allowed (fx.store, fx.lead, fx.o, FALSE, TSG_OUTPUT_REPORT));
  g_assert_false (tsg_privacy_address_allowed (fx.store, fx.lead, fx.o, FALSE, TSG_OUTPUT_FLYER));
  g_assert_true (tsg_privacy_address_allowed (fx.store, fx.lead, fx.o, FALSE, TSG_OUTPUT_LETTER));
}

static void
test_letter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgLetterData) w = tsg_store_get_letter_data (fx.store, fx.lead, fx.w_referral, &error);
  g_autoptr(TsgLetterData) o = tsg_store_get_letter_data (fx.store, fx.lead, fx.o_referral, &error);
  g_autoptr(GDateTime) date = g_date_time_new_local (2025, 4, 1, 10, 0, 0);
  g_autofree char *w_text = NULL;
  g_autofree char *w_pdf_text = NULL;
  g_autofree char *o_pdf_text = NULL;
  g_autoptr(GBytes) w_pdf = NULL;
  g_autoptr(GBytes) o_pdf = NULL;

  g_assert_no_error (error);
  g_assert_null (w->client_address);
  g_assert_cmpstr (o->client_address, ==, OPEN);
  w_text = tsg_letter_expand (w, "住所：{client_address}\n氏名：{client_name}", date, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (contains (w_text, WITHHELD));
  w_pdf = tsg_letter_render (w, date, FALSE, &error);
  g_assert_no_error (error);
  o_pdf = tsg_letter_render (o, date, FALSE, &error);
  w_pdf_text = pdf_text (w_pdf);
  o_pdf_text = pdf_text (o_pdf);
  g_assert_false (contains (w_pdf_text, WITHHELD));
  /* The same letter for a client who did not withhold it has it: the
   * search would find it. */
  g_assert_true (contains (w_pdf_text, "秘匿花子"));
  g_assert_true (contains (o_pdf_text, OPEN) || !strstr (tsg_letter_default_body (), "{client_address}"));
}

static void
test_documents_and_exports (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) summary = tsg_case_summary_pdf (fx.store, fx.lead, fx.w_case, &error);
  g_autoptr(GBytes) open_summary = tsg_case_summary_pdf (fx.store, fx.lead, fx.o_case, &error);
  g_autofree char *summary_text = NULL;
  g_autofree char *open_summary_text = NULL;
  g_autofree char *json = tsg_store_export_case_json (fx.store, fx.lead, fx.w_case, &error);
  g_autofree char *open_json = tsg_store_export_case_json (fx.store, fx.lead, fx.o_case, &error);
  g_autofree char *records = g_build_filename (fx.dir, "records.json", NULL);
  g_autofree char *records_text = NULL;
  g_autofree char *hsds = tsg_hsds_export (fx.store, fx.admin, &error);

  g_assert_no_error (error);
  summary_text = pdf_text (summary);
  open_summary_text = pdf_text (open_summary);
  g_assert_false (contains (summary_text, WITHHELD));
  g_assert_true (contains (summary_text, "秘匿花子"));
  g_assert_true (contains (open_summary_text, OPEN));
  g_assert_false (contains (json, WITHHELD));
  g_assert_true (contains (open_json, OPEN));
  g_assert_true (tsg_records_export_file (fx.store, fx.admin, records, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (records, &records_text, NULL, NULL));
  g_assert_false (contains (records_text, WITHHELD));
  g_assert_false (contains (hsds, WITHHELD));
}

static void
test_reports_and_flyers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgKpiReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) flyer = NULL;
  g_autoptr(TsgFlyerSpec) spec = NULL;
  g_autofree char *pdf_t = NULL;
  g_autofree char *flyer_t = NULL;
  g_autofree char *csv_t = NULL;
  GDateTime *now = g_date_time_new_now_local ();
  int fy = g_date_time_get_year (now) - (g_date_time_get_month (now) < 4 ? 1 : 0);
  gint64 point = 0;

  g_date_time_unref (now);
  report = tsg_store_kpi_report (fx.store, fx.admin, fy, &error);
  g_assert_no_error (error);
  node = tsg_kpi_report_to_json (report);
  json = json_to_string (node, FALSE);
  csv = tsg_kpi_report_to_csv (report);
  csv_t = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  pdf = tsg_kpi_report_to_pdf (report, NULL, &error);
  g_assert_no_error (error);
  pdf_t = pdf_text (pdf);
  g_assert_false (contains (json, WITHHELD) || contains (json, OPEN));
  g_assert_false (contains (csv_t, WITHHELD) || contains (csv_t, OPEN));
  g_assert_false (contains (pdf_t, WITHHELD) || contains (pdf_t, OPEN));

  {
    g_autoptr(GPtrArray) services = tsg_store_list_flyer_services (fx.store, fx.admin, &error);
    gint64 ids[3];
    guint n = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < services->len && n < 3; i++)
      ids[n++] = tsg_row_get_id (g_ptr_array_index (services, i));
    point = tsg_store_find_point (fx.store, fx.admin, "1", NULL);
    spec = tsg_store_flyer_spec (fx.store, fx.admin, TSG_FLYER_A4, ids, n, point, &error);
    g_assert_no_error (error);
    flyer = tsg_flyer_render (spec, NULL, &error);
    g_assert_no_error (error);
    flyer_t = pdf_text (flyer);
    g_assert_false (contains (flyer_t, WITHHELD) || contains (flyer_t, OPEN));
  }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  set_up ();
  g_test_add_func ("/privacy/rules", test_rules);
  g_test_add_func ("/privacy/screens", test_screens);
  g_test_add_func ("/privacy/letter", test_letter);
  g_test_add_func ("/privacy/documents-and-exports", test_documents_and_exports);
  g_test_add_func ("/privacy/reports-and-flyers", test_reports_and_flyers);
  status = g_test_run ();
  g_clear_object (&fx.store);
  return status;
}

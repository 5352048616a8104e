/* test-roles.c: every store call refuses a role that may not make it
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per public store call: the permission it needs and a call with
 * real ids from a generated database. For each role without that
 * permission the call must fail with TSG_STORE_ERROR_DENIED and change
 * nothing. /roles/every-call-listed reads the public headers of src/core
 * and fails when a function taking a TsgStore is in neither the table nor
 * the list of exemptions, so a new store call cannot skip this test.
 *
 * Adding a store call: add a CALL() below and an ENTRY() line in entries[]
 * (or, when it needs no role, a line in exempt[] saying why).
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tsg-backup.h"
#include "tsg-case-summary.h"
#include "tsg-generator.h"
#include "tsg-hsds.h"
#include "tsg-privacy.h"
#include "tsg-records.h"
#include "tsg-restock-list.h"
#include "tsg-row-model.h"
#include "tsg-store-accounts.h"
#include "tsg-store-audit.h"
#include "tsg-store-cases.h"
#include "tsg-store-contacts.h"
#include "tsg-store-directory.h"
#include "tsg-store-flyers.h"
#include "tsg-store-inventory.h"
#include "tsg-store-private.h"
#include "tsg-store-reports.h"
#include "tsg-store-retention.h"
#include "tsg-timeline-model.h"

typedef struct
{
  TsgStore *store;
  char     *dir;
  gint64    contact, client, kase, need, goal, task, consent, referral;
  gint64    service, organization, point, item, training, staff;
} Fx;

static Fx fx;

static gint64
first_id (const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fx.store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static gint64
audit_rows (void)
{
  return first_id ("SELECT count(*) FROM audit_log");
}

/* --- async calls ----------------------------------------------------------- */

typedef gboolean (*FinishFunc) (GObject *source, GAsyncResult *result, GError **error);

typedef struct
{
  FinishFunc finish;
  GError    *error;
  gboolean   ok;
  gboolean   done;
} Wait;

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = w->finish (source, result, &w->error);
  w->done = TRUE;
}

static gboolean
wait_for (Wait    *w,
          GError **error)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
  if (w->error)
    g_propagate_error (error, w->error);
  return w->ok;
}

static gboolean
finish_ids (GObject *s, GAsyncResult *r, GError **e)
{
  g_autoptr(GArray) ids = tsg_store_list_ids_finish (TSG_STORE (s), r, e);
  return ids != NULL;
}

static gboolean
finish_report (GObject *s, GAsyncResult *r, GError **e)
{
  TsgKpiReport *report = tsg_store_kpi_report_finish (TSG_STORE (s), r, e);
  gboolean ok = report != NULL;

  g_clear_pointer (&report, tsg_kpi_report_unref);
  return ok;
}

static gboolean
finish_backup (GObject *s, GAsyncResult *r, GError **e)
{
  return tsg_store_backup_finish (TSG_STORE (s), r, e);
}

/* --- the calls --------------------------------------------------------------- */

typedef gboolean (*Call) (TsgActor *a, GError **e);

#define CALL(fn) static gboolean call_##fn (TsgActor *a, GError **e)
#define NONNULL(expr) ({ gpointer _p = (gpointer) (expr); gboolean _ok = _p != NULL; _ok; })

/* Results are leaked on purpose only when a call wrongly succeeds; the test
 * then fails anyway. */

/* tsg-store.h */
CALL (tsg_store_set_setting) { return tsg_store_set_setting (fx.store, a, "office_name", "x", e); }
CALL (list_contacts) { g_autoptr(GArray) r = tsg_store_list_ids (fx.store, a, TSG_LIST_CONTACTS, NULL, e); return r != NULL; }
CALL (list_cases) { g_autoptr(GArray) r = tsg_store_list_ids (fx.store, a, TSG_LIST_CASES, NULL, e); return r != NULL; }
CALL (first_contacts) { g_autoptr(GArray) r = tsg_store_list_first_ids (fx.store, a, TSG_LIST_CONTACTS, NULL, 10, e); return r != NULL; }
CALL (first_cases) { g_autoptr(GArray) r = tsg_store_list_first_ids (fx.store, a, TSG_LIST_CASES, NULL, 10, e); return r != NULL; }
CALL (fetch_contacts) { g_autoptr(GPtrArray) r = tsg_store_fetch_rows (fx.store, a, TSG_LIST_CONTACTS, &fx.contact, 1, e); return r != NULL; }
CALL (fetch_cases) { g_autoptr(GPtrArray) r = tsg_store_fetch_rows (fx.store, a, TSG_LIST_CASES, &fx.kase, 1, e); return r != NULL; }
CALL (async_contacts)
{
  Wait w = { finish_ids };
  tsg_store_list_ids_async (fx.store, a, TSG_LIST_CONTACTS, NULL, NULL, on_async_done_cb, &w);
  return wait_for (&w, e);
}
CALL (async_cases)
{
  Wait w = { finish_ids };
  tsg_store_list_ids_async (fx.store, a, TSG_LIST_CASES, NULL, NULL, on_async_done_cb, &w);
  return wait_for (&w, e);
}

/* tsg-store-contacts.h */
CALL (tsg_store_save_contact)
{
  g_autoptr(TsgContact) c = tsg_contact_new ();
  c->started_at = 1700000000;
  c->channel = g_strdup ("phone");
  return tsg_store_save_contact (fx.store, a, c, e) != 0;
}
CALL (tsg_store_get_contact) { g_autoptr(TsgContact) c = tsg_store_get_contact (fx.store, a, fx.contact, e); return c != NULL; }
CALL (tsg_store_delete_contact) { return tsg_store_delete_contact (fx.store, a, fx.contact, "test", e); }
CALL (tsg_store_contact_history) { g_autoptr(GPtrArray) r = tsg_store_contact_history (fx.store, a, fx.contact, e); return r != NULL; }
CALL (tsg_store_lookup_caller) { TsgCallerInfo info = { 0 }; return tsg_store_lookup_caller (fx.store, a, "09012345678", &info, e); }
CALL (tsg_store_contact_counters) { guint x, y, z; return tsg_store_contact_counters (fx.store, a, 0, &x, &y, &z, e); }
CALL (tsg_store_due_callbacks) { g_autoptr(GPtrArray) r = tsg_store_due_callbacks (fx.store, a, 0, e); return r != NULL; }
CALL (tsg_store_mark_callback_done) { return tsg_store_mark_callback_done (fx.store, a, fx.contact, e); }

/* tsg-store-cases.h */
CALL (tsg_store_save_client)
{
  g_autoptr(TsgClient) c = tsg_client_new ();
  c->name = g_strdup ("試験 花子");
  return tsg_store_save_client (fx.store, a, c, e) != 0;
}
CALL (tsg_store_get_client) { TsgClient *c = tsg_store_get_client (fx.store, a, fx.client, e); gboolean ok = c != NULL; g_clear_pointer (&c, tsg_client_free); return ok; }
CALL (tsg_store_find_duplicate_clients) { g_autoptr(GPtrArray) r = tsg_store_find_duplicate_clients (fx.store, a, "花子", NULL, 0, 0, e); return r != NULL; }
CALL (tsg_store_merge_clients) { return tsg_store_merge_clients (fx.store, a, fx.client, fx.client + 1, e); }
CALL (tsg_store_keep_clients_apart) { return tsg_store_keep_clients_apart (fx.store, a, fx.client, fx.client + 1, e); }
CALL (tsg_store_open_case) { return tsg_store_open_case (fx.store, a, fx.client, 0, "x", 0, 0, e) != 0; }
CALL (tsg_store_open_case_from_contact) { return tsg_store_open_case_from_contact (fx.store, a, fx.contact, e) != 0; }
CALL (tsg_store_get_case) { TsgCase *c = tsg_store_get_case (fx.store, a, fx.kase, e); gboolean ok = c != NULL; g_clear_pointer (&c, tsg_case_free); return ok; }
CALL (tsg_store_change_case_status) { return tsg_store_change_case_status (fx.store, a, fx.kase, "closed", "test", "2025-04-01", e); }
CALL (tsg_store_set_case_lead) { return tsg_store_set_case_lead (fx.store, a, fx.kase, fx.staff, e); }
CALL (tsg_store_set_case_staff) { return tsg_store_set_case_staff (fx.store, a, fx.kase, fx.staff, TRUE, e); }
CALL (tsg_store_case_staff_choices) { g_autoptr(GPtrArray) r = tsg_store_case_staff_choices (fx.store, a, e); return r != NULL; }
CALL (tsg_store_client_cases) { g_autoptr(GPtrArray) r = tsg_store_client_cases (fx.store, a, fx.client, e); return r != NULL; }
CALL (tsg_store_add_need) { return tsg_store_add_need (fx.store, a, fx.kase, "housing", "x", 2, e) != 0; }
CALL (tsg_store_update_need) { return tsg_store_update_need (fx.store, a, fx.need, "housing", "x", 2, e); }
CALL (tsg_store_add_goal) { return tsg_store_add_goal (fx.store, a, fx.kase, 0, "x", e) != 0; }
CALL (tsg_store_set_goal_achieved) { return tsg_store_set_goal_achieved (fx.store, a, fx.goal, "2025-04-01", e); }
CALL (tsg_store_add_task) { return tsg_store_add_task (fx.store, a, fx.kase, 0, "x", 0, NULL, e) != 0; }
CALL (tsg_store_set_task_done) { return tsg_store_set_task_done (fx.store, a, fx.task, "2025-04-01", e); }
CALL (tsg_store_record_plan_review) { return tsg_store_record_plan_review (fx.store, a, fx.kase, "2025-04-01", "x", NULL, e) != 0; }
CALL (tsg_store_case_plan) { g_autoptr(GPtrArray) r = tsg_store_case_plan (fx.store, a, fx.kase, e); return r != NULL; }
CALL (tsg_store_apply_plan_template) { return tsg_store_apply_plan_template (fx.store, a, fx.kase, "housing", "2025-04-01", e) != 0; }
CALL (tsg_store_add_timeline_entry)
{
  TsgTimelineEntry entry = { .case_id = fx.kase, .kind = (char *) "note", .title = (char *) "x",
                             .body = (char *) "x", .travel_minutes = -1 };
  return tsg_store_add_timeline_entry (fx.store, a, &entry, e) != 0;
}
CALL (tsg_store_timeline_keys) { g_autoptr(GArray) r = tsg_store_timeline_keys (fx.store, a, fx.kase, NULL, e); return r != NULL; }
CALL (tsg_store_fetch_timeline) { gint64 key = 1; g_autoptr(GPtrArray) r = tsg_store_fetch_timeline (fx.store, a, &key, 1, e); return r != NULL; }
CALL (tsg_store_get_timeline_entry) { g_autoptr(TsgRow) r = tsg_store_get_timeline_entry (fx.store, a, 1, e); return r != NULL; }
CALL (tsg_store_add_consent) { return tsg_store_add_consent (fx.store, a, fx.client, fx.organization, "referral", "2025-04-01", e) != 0; }
CALL (tsg_store_withdraw_consent) { return tsg_store_withdraw_consent (fx.store, a, fx.consent, "2025-04-01", e); }
CALL (tsg_store_client_consents) { g_autoptr(GPtrArray) r = tsg_store_client_consents (fx.store, a, fx.client, e); return r != NULL; }
CALL (tsg_store_consent_allows)
{
  g_autoptr(GError) local = NULL;
  gboolean allows = tsg_store_consent_allows (fx.store, a, fx.client, fx.organization, "referral", NULL, &local);
  if (local)
    {
      g_propagate_error (e, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE || allows;
}
CALL (tsg_store_require_consent) { return tsg_store_require_consent (fx.store, a, fx.client, fx.organization, "referral", "test", e); }
CALL (tsg_store_due_items) { g_autoptr(GPtrArray) r = tsg_store_due_items (fx.store, a, NULL, 0, e); return r != NULL; }
CALL (tsg_store_due_keys) { g_autoptr(GArray) r = tsg_store_due_keys (fx.store, a, NULL, 0, e); return r != NULL; }
CALL (tsg_store_fetch_due) { gint64 key = 1; g_autoptr(GPtrArray) r = tsg_store_fetch_due (fx.store, a, &key, 1, e); return r != NULL; }
CALL (tsg_store_take_due_notifications) { g_autoptr(GPtrArray) r = tsg_store_take_due_notifications (fx.store, a, NULL, e); return r != NULL; }
CALL (tsg_store_claim_due_digest) { g_autoptr(GError) local = NULL; tsg_store_claim_due_digest (fx.store, a, NULL, &local); if (local) { g_propagate_error (e, g_steal_pointer (&local)); return FALSE; } return TRUE; }
CALL (tsg_store_consent_organizations) { g_autoptr(GPtrArray) r = tsg_store_consent_organizations (fx.store, a, e); return r != NULL; }
CALL (tsg_store_read_case_view) { g_autoptr(TsgCaseView) r = tsg_store_read_case_view (fx.store, a, fx.kase, NULL, e); return r != NULL; }
CALL (tsg_store_client_address) { g_autoptr(GError) local = NULL; g_autofree char *r = tsg_store_client_address (fx.store, a, fx.client, TSG_OUTPUT_SCREEN, NULL, &local); if (local) { g_propagate_error (e, g_steal_pointer (&local)); return FALSE; } return TRUE; }
CALL (tsg_store_export_case_json) { g_autofree char *r = tsg_store_export_case_json (fx.store, a, fx.kase, e); return r != NULL; }
CALL (tsg_case_summary_pdf) { g_autoptr(GBytes) r = tsg_case_summary_pdf (fx.store, a, fx.kase, e); return r != NULL; }

/* tsg-store-directory.h */
CALL (tsg_store_save_directory) { g_autoptr(GPtrArray) orgs = g_ptr_array_new (); TsgDirectoryCounts n = { 0 }; return tsg_store_save_directory (fx.store, a, orgs, NULL, &n, e); }
CALL (tsg_store_verify_service) { return tsg_store_verify_service (fx.store, a, fx.service, "test", e); }
CALL (tsg_store_create_referral) { return tsg_store_create_referral (fx.store, a, fx.kase, 0, fx.service, "test", e) != 0; }
CALL (tsg_store_set_referral_status) { return tsg_store_set_referral_status (fx.store, a, fx.referral, "sent", NULL, e); }
CALL (tsg_store_set_referral_letter) { return tsg_store_set_referral_letter (fx.store, a, fx.referral, "x", "onchu", "x", e); }
CALL (tsg_store_get_referral) { TsgReferral *r = tsg_store_get_referral (fx.store, a, fx.referral, e); gboolean ok = r != NULL; g_clear_pointer (&r, tsg_referral_free); return ok; }
CALL (tsg_store_case_referrals) { g_autoptr(GPtrArray) r = tsg_store_case_referrals (fx.store, a, fx.kase, e); return r != NULL; }
CALL (tsg_store_get_letter_data) { TsgLetterData *r = tsg_store_get_letter_data (fx.store, a, fx.referral, e); gboolean ok = r != NULL; g_clear_pointer (&r, tsg_letter_data_free); return ok; }

/* tsg-store-flyers.h */
CALL (tsg_store_create_print_run) { g_autofree char *r = tsg_store_create_print_run (fx.store, a, fx.point, TSG_FLYER_A4, 10, e); return r != NULL; }

/* tsg-store-inventory.h */
CALL (tsg_store_save_item)
{
  TsgItem item = { 0 };
  item.code = (char *) "TEST-1";
  item.name = (char *) "試験";
  item.category = (char *) "pad";
  item.unit = (char *) "pack";
  item.pack_size = 1;
  return tsg_store_save_item (fx.store, a, &item, NULL, 0, e) != 0;
}
CALL (tsg_store_save_point)
{
  TsgPoint point = { 0 };
  point.code = (char *) "TEST-P";
  point.name = (char *) "試験";
  point.kind = (char *) "city_facility";
  return tsg_store_save_point (fx.store, a, &point, e) != 0;
}
CALL (tsg_store_set_par_level) { return tsg_store_set_par_level (fx.store, a, fx.point, fx.item, 5, e); }
CALL (tsg_store_record_movement)
{
  TsgMovementSpec spec = { .kind = TSG_MOVEMENT_RECEIPT, .item_id = fx.item, .to_point_id = fx.point,
                           .quantity = 1, .source = "donation", .cost_yen = -1 };
  TsgMovementResult result = { 0 };
  gboolean ok = tsg_store_record_movement (fx.store, a, &spec, &result, e);
  g_clear_pointer (&result.alerts, g_ptr_array_unref);
  return ok;
}
CALL (tsg_store_import_movement)
{
  TsgMovementSpec spec = { .kind = TSG_MOVEMENT_RECEIPT, .item_id = fx.item, .to_point_id = fx.point,
                           .quantity = 1, .source = "donation", .cost_yen = -1 };
  return tsg_store_import_movement (fx.store, a, &spec, 0, e);
}
CALL (tsg_store_record_count)
{
  TsgCountLine line = { .item_id = fx.item, .counted = 0 };
  TsgMovementResult result = { 0 };
  gboolean ok = tsg_store_record_count (fx.store, a, fx.point, FALSE, &line, 1, 0, &result, e);
  g_clear_pointer (&result.alerts, g_ptr_array_unref);
  return ok;
}
CALL (tsg_store_assemble_kits)
{
  TsgMovementResult result = { 0 };
  gboolean ok = tsg_store_assemble_kits (fx.store, a, fx.point, fx.item, 1, &result, e);
  g_clear_pointer (&result.alerts, g_ptr_array_unref);
  return ok;
}

/* tsg-store-reports.h */
CALL (tsg_store_kpi_report) { TsgKpiReport *r = tsg_store_kpi_report (fx.store, a, 2024, e); gboolean ok = r != NULL; g_clear_pointer (&r, tsg_kpi_report_unref); return ok; }
CALL (tsg_store_kpi_report_async)
{
  Wait w = { finish_report };
  tsg_store_kpi_report_async (fx.store, a, 2024, NULL, on_async_done_cb, &w);
  return wait_for (&w, e);
}
CALL (tsg_store_log_report_export) { return tsg_store_log_report_export (fx.store, a, 2024, "json", FALSE, e); }
CALL (tsg_store_list_trainings) { g_autoptr(GPtrArray) r = tsg_store_list_trainings (fx.store, a, 2024, e); return r != NULL; }
CALL (tsg_store_save_training)
{
  g_autoptr(TsgTraining) t = tsg_training_new ();
  t->held_on = g_strdup ("2025-04-01");
  t->theme = g_strdup ("x");
  return tsg_store_save_training (fx.store, a, t, e) != 0;
}
CALL (tsg_store_delete_training) { return tsg_store_delete_training (fx.store, a, fx.training, e); }
CALL (tsg_store_set_target) { return tsg_store_set_target (fx.store, a, 2024, TSG_KPI_TOTAL_CONTACTS, 10, e); }
CALL (tsg_store_get_targets) { double t[TSG_N_KPIS]; return tsg_store_get_targets (fx.store, a, 2024, t, e); }

/* records JSON and HSDS */
CALL (tsg_records_export_file) { g_autofree char *p = g_build_filename (fx.dir, "x.json", NULL); return tsg_records_export_file (fx.store, a, p, e); }
CALL (tsg_records_export_file_full) { g_autofree char *p = g_build_filename (fx.dir, "x.json", NULL); guint n; return tsg_records_export_file_full (fx.store, a, p, &n, e); }
static const char records_json[] =
  "{\"contacts\": [{\"started_at\": \"2023-04-03T10:15:00+09:00\", \"channel\": \"free_dial\"}]}";
CALL (tsg_records_import_file)
{
  g_autofree char *p = g_build_filename (fx.dir, "in.json", NULL);
  guint n;
  g_file_set_contents (p, records_json, -1, NULL);
  return tsg_records_import_file (fx.store, a, p, &n, e);
}
CALL (tsg_records_import_file_full)
{
  g_autofree char *p = g_build_filename (fx.dir, "in.json", NULL);
  guint n;
  g_file_set_contents (p, records_json, -1, NULL);
  return tsg_records_import_file_full (fx.store, a, p, NULL, NULL, &n, e);
}
static const char hsds_json[] = "{\"id\": \"11111111-2222-3333-4444-555555555555\", \"name\": \"試験\", \"description\": \"試験の団体\", \"services\": []}";
CALL (tsg_hsds_import_file)
{
  g_autofree char *p = g_build_filename (fx.dir, "hsds.json", NULL);
  TsgDirectoryCounts n = { 0 };
  g_file_set_contents (p, hsds_json, -1, NULL);
  return tsg_hsds_import_file (fx.store, a, p, &n, NULL, e);
}
CALL (tsg_hsds_import_node)
{
  g_autoptr(JsonNode) node = json_from_string (hsds_json, NULL);
  TsgDirectoryCounts n = { 0 };
  return tsg_hsds_import_node (fx.store, a, node, &n, NULL, e);
}

/* accounts, audit, backups, retention */
CALL (tsg_store_list_staff) { g_autoptr(GPtrArray) r = tsg_store_list_staff (fx.store, a, e); return r != NULL; }
CALL (tsg_store_add_staff) { return tsg_store_add_staff (fx.store, a, "newone", "新人", TSG_ROLE_ADMINISTRATOR, "a long password", e) != 0; }
CALL (tsg_store_reset_password) { return tsg_store_reset_password (fx.store, a, fx.staff, "a long password", e); }
CALL (tsg_store_set_staff_role) { return tsg_store_set_staff_role (fx.store, a, fx.staff, TSG_ROLE_ADMINISTRATOR, e); }
CALL (tsg_store_set_staff_active) { return tsg_store_set_staff_active (fx.store, a, fx.staff, FALSE, e); }
CALL (tsg_store_list_audit) { g_autoptr(GPtrArray) r = tsg_store_list_audit (fx.store, a, NULL, 0, 10, NULL, e); return r != NULL; }
CALL (tsg_store_list_audit_values) { g_auto(GStrv) r = tsg_store_list_audit_values (fx.store, a, "action", e); return r != NULL; }
CALL (tsg_store_verify_audit_chain) { g_autoptr(GPtrArray) p = g_ptr_array_new_with_free_func (g_free); g_autoptr(GError) local = NULL; tsg_store_verify_audit_chain (fx.store, a, p, NULL, &local); if (local) { g_propagate_error (e, g_steal_pointer (&local)); return FALSE; } return TRUE; }
CALL (tsg_store_set_backup_passphrase) { return tsg_store_set_backup_passphrase (fx.store, a, "a long passphrase", e); }
CALL (tsg_store_get_backup_key) { g_autoptr(TsgBackupKey) k = tsg_store_get_backup_key (fx.store, a, e); return k != NULL; }
static TsgBackupKey *
test_key (void)
{
  static TsgBackupKey *key;
  if (key == NULL)
    key = tsg_backup_key_new ("a long passphrase", NULL);
  return key;
}
CALL (tsg_store_backup) { g_autofree char *p = g_build_filename (fx.dir, "b.tsgbackup", NULL); return tsg_store_backup (fx.store, a, p, test_key (), e); }
CALL (tsg_store_backup_async)
{
  g_autofree char *p = g_build_filename (fx.dir, "b.tsgbackup", NULL);
  Wait w = { finish_backup };
  tsg_store_backup_async (fx.store, a, p, test_key (), NULL, on_async_done_cb, &w);
  return wait_for (&w, e);
}
CALL (tsg_store_restore) { g_autofree char *p = g_build_filename (fx.dir, "b.tsgbackup", NULL); return tsg_store_restore (fx.store, a, p, "a long passphrase", e); }
CALL (tsg_store_retention_preview) { g_autoptr(TsgRetentionPreview) r = tsg_store_retention_preview (fx.store, a, 5, 0, e); return r != NULL; }
CALL (tsg_store_retention_apply) { g_autoptr(TsgRetentionPreview) r = tsg_store_retention_apply (fx.store, a, 5, 0, e); return r != NULL; }

typedef struct
{
  const char    *name;
  TsgPermission  needs;
  Call           call;
} Entry;

#define ENTRY(fn, perm) { #fn, perm, call_##fn }
#define ENTRY_AS(name, fn, perm) { name, perm, call_##fn }

static const Entry entries[] = {
  ENTRY (tsg_store_set_setting, TSG_PERM_SETTINGS),
  ENTRY_AS ("tsg_store_list_ids", list_contacts, TSG_PERM_CONTACTS_READ),
  ENTRY_AS ("tsg_store_list_ids (cases)", list_cases, TSG_PERM_CASES_READ),
  ENTRY_AS ("tsg_store_list_first_ids", first_contacts, TSG_PERM_CONTACTS_READ),
  ENTRY_AS ("tsg_store_list_first_ids (cases)", first_cases, TSG_PERM_CASES_READ),
  ENTRY_AS ("tsg_store_fetch_rows", fetch_contacts, TSG_PERM_CONTACTS_READ),
  ENTRY_AS ("tsg_store_fetch_rows (cases)", fetch_cases, TSG_PERM_CASES_READ),
  ENTRY_AS ("tsg_store_list_ids_async", async_contacts, TSG_PERM_CONTACTS_READ),
  ENTRY_AS ("tsg_store_list_ids_async (cases)", async_cases, TSG_PERM_CASES_READ),

  ENTRY (tsg_store_save_contact, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_get_contact, TSG_PERM_CONTACTS_READ),
  ENTRY (tsg_store_delete_contact, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_contact_history, TSG_PERM_CONTACTS_READ),
  ENTRY (tsg_store_lookup_caller, TSG_PERM_CONTACTS_READ),
  ENTRY (tsg_store_contact_counters, TSG_PERM_CONTACTS_READ),
  ENTRY (tsg_store_due_callbacks, TSG_PERM_CONTACTS_READ),
  ENTRY (tsg_store_mark_callback_done, TSG_PERM_CONTACTS_WRITE),

  ENTRY (tsg_store_save_client, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_get_client, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_find_duplicate_clients, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_merge_clients, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_keep_clients_apart, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_open_case, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_open_case_from_contact, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_get_case, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_change_case_status, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_set_case_lead, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_set_case_staff, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_case_staff_choices, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_client_cases, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_add_need, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_update_need, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_add_goal, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_set_goal_achieved, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_add_task, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_set_task_done, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_record_plan_review, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_case_plan, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_apply_plan_template, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_add_timeline_entry, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_timeline_keys, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_fetch_timeline, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_get_timeline_entry, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_add_consent, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_withdraw_consent, TSG_PERM_CASES_WRITE),
  ENTRY (tsg_store_client_consents, TSG_PERM_CASES_READ),
  /* Front desk refers callers too: consent may be asked by the call log's roles. */
  ENTRY (tsg_store_consent_allows, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_require_consent, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_due_items, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_due_keys, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_fetch_due, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_take_due_notifications, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_claim_due_digest, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_consent_organizations, TSG_PERM_DIRECTORY_READ),
  ENTRY (tsg_store_read_case_view, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_client_address, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_export_case_json, TSG_PERM_CASES_READ),
  ENTRY (tsg_case_summary_pdf, TSG_PERM_CASES_READ),

  ENTRY (tsg_store_save_directory, TSG_PERM_DIRECTORY_WRITE),
  ENTRY (tsg_store_verify_service, TSG_PERM_DIRECTORY_WRITE),
  /* A referral is made from a call (front desk) or a case. */
  ENTRY (tsg_store_create_referral, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_set_referral_status, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_store_set_referral_letter, TSG_PERM_CONTACTS_WRITE),
  /* The letter carries her name (and an address only where allowed). */
  ENTRY (tsg_store_get_referral, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_case_referrals, TSG_PERM_CASES_READ),
  ENTRY (tsg_store_get_letter_data, TSG_PERM_CASES_READ),

  ENTRY (tsg_store_create_print_run, TSG_PERM_INVENTORY_WRITE),

  ENTRY (tsg_store_save_item, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_save_point, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_set_par_level, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_record_movement, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_import_movement, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_record_count, TSG_PERM_INVENTORY_WRITE),
  ENTRY (tsg_store_assemble_kits, TSG_PERM_INVENTORY_WRITE),

  ENTRY (tsg_store_kpi_report, TSG_PERM_REPORTS),
  ENTRY (tsg_store_kpi_report_async, TSG_PERM_REPORTS),
  ENTRY (tsg_store_log_report_export, TSG_PERM_REPORTS),
  ENTRY (tsg_store_list_trainings, TSG_PERM_REPORTS),
  ENTRY (tsg_store_save_training, TSG_PERM_REPORTS),
  ENTRY (tsg_store_delete_training, TSG_PERM_REPORTS),
  ENTRY (tsg_store_set_target, TSG_PERM_REPORTS),
  ENTRY (tsg_store_get_targets, TSG_PERM_REPORTS),

  ENTRY (tsg_records_export_file, TSG_PERM_EXPORT),
  ENTRY (tsg_records_export_file_full, TSG_PERM_EXPORT),
  ENTRY (tsg_records_import_file, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_records_import_file_full, TSG_PERM_CONTACTS_WRITE),
  ENTRY (tsg_hsds_import_file, TSG_PERM_DIRECTORY_WRITE),
  ENTRY (tsg_hsds_import_node, TSG_PERM_DIRECTORY_WRITE),

  ENTRY (tsg_store_list_staff, TSG_PERM_STAFF_ADMIN),
  ENTRY (tsg_store_add_staff, TSG_PERM_STAFF_ADMIN),
  ENTRY (tsg_store_reset_password, TSG_PERM_STAFF_ADMIN),
  ENTRY (tsg_store_set_staff_role, TSG_PERM_STAFF_ADMIN),
  ENTRY (tsg_store_set_staff_active, TSG_PERM_STAFF_ADMIN),
  ENTRY (tsg_store_list_audit, TSG_PERM_AUDIT_READ),
  ENTRY (tsg_store_list_audit_values, TSG_PERM_AUDIT_READ),
  ENTRY (tsg_store_verify_audit_chain, TSG_PERM_AUDIT_READ),
  ENTRY (tsg_store_set_backup_passphrase, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_get_backup_key, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_backup, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_backup_async, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_restore, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_retention_preview, TSG_PERM_SETTINGS),
  ENTRY (tsg_store_retention_apply, TSG_PERM_SETTINGS),
};

/* Public functions taking a TsgStore that no role check applies to. */
static const struct { const char *name; const char *why; } exempt[] = {
  /* before anyone signs in */
  { "tsg_store_needs_administrator", "before sign-in: is there an administrator at all" },
  { "tsg_store_create_first_administrator", "before sign-in; refused once an administrator exists" },
  { "tsg_store_sign_in", "before sign-in" },
  { "tsg_store_sign_in_async", "before sign-in" },
  { "tsg_store_sign_in_finish", "before sign-in" },
  { "tsg_store_prepare_demo_accounts", "demo databases only" },
  { "tsg_store_get_staff_login", "the lock screen's own login" },
  { "tsg_store_change_password", "her own password, checked against the old one" },
  /* the file itself, no record of a person */
  { "tsg_store_get_path", "the file name" },
  { "tsg_store_get_schema_version", "the schema number" },
  { "tsg_store_is_demo", "a flag" },
  { "tsg_store_get_system_actor", "the built-in account of the command line" },
  { "tsg_store_get_setting", "office settings (letterhead); secrets are not read through it" },
  { "tsg_store_count", "a number of rows, nothing of their content" },
  { "tsg_store_check", "the integrity check of --check" },
  { "tsg_store_generate", "synthetic data for the demo and the benchmarks" },
  { "tsg_store_has_backup_key", "a flag" },
  { "tsg_privacy_address_allowed", "the rule itself: answers yes or no, reads no record out" },
  /* finishing an async call started with a role check */
  { "tsg_store_list_ids_finish", "the _async call checks" },
  { "tsg_store_backup_finish", "the _async call checks" },
  { "tsg_store_kpi_report_finish", "the _async call checks" },
  /* models: every page they load goes through a checked call */
  { "tsg_row_model_new", "loads through tsg_store_list_ids/fetch_rows" },
  { "tsg_timeline_model_new", "loads through tsg_store_timeline_keys/fetch_timeline" },
  { "tsg_due_model_new", "loads through tsg_store_due_keys/fetch_due" },
  /* the directory and the stock: nothing personal, every role reads them */
  { "tsg_store_load_directory", "DIRECTORY_READ, which every role has" },
  { "tsg_store_load_taxonomy", "DIRECTORY_READ, which every role has" },
  { "tsg_store_get_service", "DIRECTORY_READ, which every role has" },
  { "tsg_store_directory_municipalities", "DIRECTORY_READ, which every role has" },
  { "tsg_hsds_export", "DIRECTORY_READ, which every role has; confidential locations never leave" },
  { "tsg_hsds_export_file", "DIRECTORY_READ, which every role has; confidential locations never leave" },
  { "tsg_store_flyer_spec", "DIRECTORY_READ, which every role has" },
  { "tsg_store_find_point", "DIRECTORY_READ, which every role has" },
  { "tsg_store_point_for_code", "a distribution point's number" },
  { "tsg_store_list_flyer_points", "DIRECTORY_READ, which every role has" },
  { "tsg_store_list_flyer_services", "DIRECTORY_READ, which every role has" },
  { "tsg_store_list_items", "INVENTORY_READ, which every role has" },
  { "tsg_store_list_points", "INVENTORY_READ, which every role has" },
  { "tsg_store_get_item", "INVENTORY_READ, which every role has" },
  { "tsg_store_get_point", "INVENTORY_READ, which every role has" },
  { "tsg_store_find_item", "an item's number" },
  { "tsg_store_get_kit_components", "stock, nothing personal" },
  { "tsg_store_get_par_level", "stock, nothing personal" },
  { "tsg_store_get_par_levels", "stock, nothing personal" },
  { "tsg_store_get_balance", "stock, nothing personal" },
  { "tsg_store_sum_movements", "stock, nothing personal" },
  { "tsg_store_get_stock_matrix", "INVENTORY_READ, which every role has" },
  { "tsg_store_point_history", "INVENTORY_READ, which every role has" },
  { "tsg_store_restock_list", "INVENTORY_READ, which every role has" },
  { "tsg_restock_list_render", "INVENTORY_READ, which every role has" },
  { "tsg_store_inventory_reach", "INVENTORY_READ, which every role has" },
  { "tsg_store_export_ledger_csv", "INVENTORY_READ, which every role has" },
  { "tsg_store_foreach_movement", "INVENTORY_READ, which every role has" },
  { "tsg_store_report_years", "the years that have data" },
  /* FIXME (reported): no actor parameter, so no role check is possible */
  { "tsg_store_referral_consented", "NO ACTOR: tells whether a client consented (reported to the lead)" },
  { "tsg_store_referral_needs_override", "NO ACTOR: tells whether a referral needs a consent override (reported)" },
  /* drafts: her own, by her staff id */
  { "tsg_store_save_draft", "the signed-in person's own draft" },
  { "tsg_store_load_draft", "the signed-in person's own draft" },
  { "tsg_store_clear_draft", "the signed-in person's own draft" },
};

/* --- fixture --------------------------------------------------------------- */

static TsgActor *
actor_for (TsgRole role)
{
  static const char *logins[] = { "sasaki", "yamada", "ito", "kato" };
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM staff WHERE login = '%s'", logins[role]);

  return tsg_actor_new (first_id (sql), role, logins[role]);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx.dir = g_dir_make_tmp ("tsg-roles-XXXXXX", NULL);
  path = g_build_filename (fx.dir, "office.db", NULL);
  fx.store = tsg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tsg_store_generate (fx.store, 400, 2, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  fx.contact = first_id ("SELECT min(id) FROM contacts");
  fx.client = first_id ("SELECT min(id) FROM clients");
  /* An open case, so that its plan may change. */
  fx.kase = first_id ("SELECT min(id) FROM cases WHERE status NOT IN ('closed', 'intake')");
  fx.need = first_id ("SELECT min(id) FROM needs");
  fx.goal = first_id ("SELECT min(id) FROM goals");
  fx.task = first_id ("SELECT min(id) FROM tasks");
  fx.consent = first_id ("SELECT coalesce (min(id), 1) FROM consents");
  fx.referral = first_id ("SELECT min(id) FROM referrals");
  fx.service = first_id ("SELECT min(id) FROM services");
  fx.organization = first_id ("SELECT min(id) FROM organizations");
  fx.point = first_id ("SELECT min(id) FROM distribution_points");
  fx.item = first_id ("SELECT min(id) FROM items");
  fx.training = first_id ("SELECT min(id) FROM trainings");
  fx.staff = first_id ("SELECT id FROM staff WHERE login = 'yamada'");
  g_assert_cmpint (sqlite3_exec (fx.store->db, "UPDATE contacts SET callback_at = 1700000000, callback_done = 0"
                                               " WHERE id = (SELECT min(id) FROM contacts)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (fx.kase, >, 0);
  g_assert_cmpint (fx.referral, >, 0);
}

static void
test_denied (void)
{
  guint failures = 0, checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    for (TsgRole role = TSG_ROLE_FRONT_DESK; role <= TSG_ROLE_ADMINISTRATOR; role++)
      {
        g_autoptr(TsgActor) actor = actor_for (role);
        g_autoptr(GError) error = NULL;
        gint64 audit_before;
        gboolean ok;

        if (tsg_actor_may (actor, entries[i].needs))
          continue;
        audit_before = audit_rows ();
        ok = entries[i].call (actor, &error);
        checked++;
        if (ok || !g_error_matches (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED))
          {
            g_printerr ("NOT DENIED: %s as %s: %s\n", entries[i].name, tsg_role_to_id (role),
                        ok ? "it succeeded" : error ? error->message : "it failed without an error");
            failures++;
          }
        else if (audit_rows () != audit_before)
          {
            g_printerr ("DENIED BUT WROTE: %s as %s\n", entries[i].name, tsg_role_to_id (role));
            failures++;
          }
      }
  g_test_message ("%u refusals checked over %u store calls", checked, (guint) G_N_ELEMENTS (entries));
  g_assert_cmpuint (failures, ==, 0);
}

/* A NULL actor (nobody signed in) is refused by every call. */
static void
test_no_actor (void)
{
  guint failures = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GError) error = NULL;

      if (entries[i].call (NULL, &error) || !g_error_matches (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED))
        {
          g_printerr ("NOT DENIED without an actor: %s\n", entries[i].name);
          failures++;
        }
    }
  g_assert_cmpuint (failures, ==, 0);
}

/* The calls that read or change a person's record must write an audit
 * row in their transaction: each, made by an administrator, succeeds and
 * adds to the log (destructive ones last). */
static const char *const person_record_calls[] = {
  "tsg_store_list_ids", "tsg_store_list_ids (cases)", "tsg_store_list_first_ids",
  "tsg_store_get_contact", "tsg_store_contact_history", "tsg_store_save_contact",
  "tsg_store_get_client", "tsg_store_save_client", "tsg_store_get_case", "tsg_store_read_case_view",
  "tsg_store_case_plan", "tsg_store_client_cases", "tsg_store_client_consents",
  "tsg_store_timeline_keys", "tsg_store_export_case_json", "tsg_case_summary_pdf",
  "tsg_store_get_referral", "tsg_store_get_letter_data", "tsg_store_case_referrals",
  "tsg_store_add_need", "tsg_store_update_need", "tsg_store_add_goal", "tsg_store_set_goal_achieved",
  "tsg_store_add_task", "tsg_store_set_task_done", "tsg_store_record_plan_review",
  "tsg_store_add_timeline_entry", "tsg_store_add_consent", "tsg_store_set_case_lead",
  "tsg_store_set_case_staff", "tsg_store_create_referral", "tsg_store_set_referral_status",
  "tsg_store_set_referral_letter", "tsg_store_mark_callback_done", "tsg_records_export_file",
  "tsg_store_open_case", "tsg_store_change_case_status", "tsg_store_delete_contact",
  "tsg_store_keep_clients_apart",
};

/* Calls on people's records known to write no audit row yet (none now);
 * NULL-terminated for g_strv_contains(). */
static const char *const known_unaudited[] = {
  NULL,
};

static void
test_person_records_audited (void)
{
  g_autoptr(TsgActor) admin = actor_for (TSG_ROLE_ADMINISTRATOR);
  guint gaps = 0, audited = 0;

  for (guint n = 0; n < G_N_ELEMENTS (person_record_calls); n++)
    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        g_autoptr(GError) error = NULL;
        gint64 before;

        if (!g_str_equal (entries[i].name, person_record_calls[n]))
          continue;
        before = audit_rows ();
        if (!entries[i].call (admin, &error))
          {
            g_printerr ("could not check %s: %s\n", entries[i].name, error ? error->message : "failed");
            gaps++;
          }
        else if (audit_rows () == before)
          {
            gboolean known = g_strv_contains (known_unaudited, entries[i].name);

            g_printerr ("NOT AUDITED%s: %s\n", known ? " (known, reported)" : "", entries[i].name);
            gaps += known ? 0 : 1;
          }
        else if (g_strv_contains (known_unaudited, entries[i].name))
          {
            g_printerr ("%s is audited now: remove it from known_unaudited[]\n", entries[i].name);
            gaps++;
          }
        else
          audited++;
      }
  g_test_message ("%u calls on people's records wrote their audit row", audited);
  g_assert_cmpuint (gaps, ==, 0);
}

static gboolean
listed (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_str_equal (entries[i].name, name))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (exempt); i++)
    if (g_str_equal (exempt[i].name, name))
      return TRUE;
  return FALSE;
}

static void
test_every_call_listed (void)
{
  const char *root = g_getenv ("TSG_SOURCE_ROOT");
  g_autofree char *core = g_build_filename (root ? root : "..", "src", "core", NULL);
  g_autoptr(GDir) dir = g_dir_open (core, 0, NULL);
  g_autoptr(GRegex) decl = g_regex_new ("\\b(tsg_[a-z0-9_]+)\\s*\\(\\s*TsgStore\\s*\\*", 0, 0, NULL);
  const char *name;
  guint missing = 0, seen = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_suffix (name, ".h") || strstr (name, "private"))
        continue;
      path = g_build_filename (core, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (g_regex_match (decl, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *fn = g_match_info_fetch (match, 1);

          seen++;
          if (!listed (fn))
            {
              g_printerr ("%s (%s) is neither in entries[] nor in exempt[] of tests/test-roles.c\n", fn, name);
              missing++;
            }
        }
    }
  g_test_message ("%u public functions taking a TsgStore", seen);
  g_assert_cmpuint (seen, >, 100);
  g_assert_cmpuint (missing, ==, 0);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Report every gap, not only the first. */
  g_test_set_nonfatal_assertions ();
  set_up ();
  g_test_add_func ("/roles/every-call-listed", test_every_call_listed);
  g_test_add_func ("/roles/denied", test_denied);
  g_test_add_func ("/roles/no-actor", test_no_actor);
  g_test_add_func ("/roles/person-records-audited", test_person_records_audited);
  status = g_test_run ();
  g_clear_object (&fx.store);
  return status;
}

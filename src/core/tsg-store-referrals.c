/* tsg-store-referrals.c: referrals to partner agencies, and what a referral
 * letter may say
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A referral hands her on to a service of the directory. Whatever leaves the
 * office about her is limited by her consent to that agency (the consents
 * table, kept by the cases area): a referral needs scope "referral" or an
 * override reason; a letter carries her name only with "letter", how to
 * reach her only with "contact_details", and never an address she asked to
 * withhold.
 */
#define G_LOG_DOMAIN "tsg-store-referrals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-domain.h"
#include "tsg-store-directory.h"
#include "tsg-store-private.h"

#define BIND_TEXT(s, i, v) sqlite3_bind_text ((s), (i), (v), -1, SQLITE_TRANSIENT)

static char *
col_text (sqlite3_stmt *stmt,
          int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? g_strdup (text) : NULL;
}

void
tsg_referral_free (TsgReferral *r)
{
  if (r == NULL)
    return;
  g_free (r->status);
  g_free (r->feedback);
  g_free (r->consent_override_reason);
  g_free (r->letter_to);
  g_free (r->letter_honorific);
  g_free (r->letter_body);
  g_free (r->organization_name);
  g_free (r->service_name);
  g_free (r->case_code);
  g_free (r->staff_name);
  g_free (r);
}

void
tsg_letter_data_free (TsgLetterData *d)
{
  if (d == NULL)
    return;
  tsg_referral_free (d->referral);
  g_free (d->service_description);
  g_free (d->service_phone);
  g_free (d->client_name);
  g_free (d->client_kana);
  g_free (d->client_age_band);
  g_free (d->client_municipality);
  g_free (d->client_contact);
  g_free (d->client_address);
  g_free (d->office_name);
  g_free (d->office_address);
  g_free (d->office_phone);
  g_free (d->free_dial);
  g_free (d->person_in_charge);
  g_free (d->default_body);
  g_free (d);
}

/* --- consent ---------------------------------------------------------- */

gboolean
tsg_store_referral_consented (TsgStore   *self,
                              gint64      client_id,
                              gint64      organization_id,
                              const char *scope)
{
  sqlite3_stmt *stmt;
  gboolean found;

  /* For that agency or for any agency; given by today and not withdrawn by
   * today. A merge moves the consents to the client kept (tsg-store-cases),
   * so hers are all under her id (and consents_client finds them). */
  stmt = _tsg_store_prepare (self,
    "SELECT 1 FROM consents WHERE client_id = ?1"
    " AND (organization_id = ?2 OR organization_id IS NULL) AND scope = ?3"
    " AND given_on <= date ('now', 'localtime')"
    " AND (withdrawn_on IS NULL OR withdrawn_on > date ('now', 'localtime')) LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  BIND_TEXT (stmt, 3, scope);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* --- creating --------------------------------------------------------- */

typedef struct
{
  gint64  client_id;
  gint64  case_id;
  gint64  organization_id;
  char   *title;        /* "agency — service" */
} ReferralTarget;

static gboolean
find_service (TsgStore       *self,
              gint64          service_id,
              ReferralTarget *target,
              GError        **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT o.id, o.name || ' — ' || s.name FROM services s JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Service %lld is not in the directory."), (long long) service_id);
      return FALSE;
    }
  target->organization_id = sqlite3_column_int64 (stmt, 0);
  target->title = col_text (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The woman behind a case or a contact (a contact's case when it has one). */
static gboolean
find_client (TsgStore       *self,
             gint64          case_id,
             gint64          contact_id,
             ReferralTarget *target,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (case_id > 0)
    stmt = _tsg_store_prepare (self, "SELECT client_id, id FROM cases WHERE id = ?", error);
  else
    stmt = _tsg_store_prepare (self, "SELECT coalesce (client_id, 0), coalesce (case_id, 0) FROM contacts"
                                     " WHERE id = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id > 0 ? case_id : contact_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (case_id > 0)
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                     _("Case %lld does not exist."), (long long) case_id);
      else
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                     _("Contact %lld does not exist."), (long long) contact_id);
      return FALSE;
    }
  target->client_id = sqlite3_column_int64 (stmt, 0);
  target->case_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_consent (TsgStore             *self,
               TsgActor             *actor,
               const ReferralTarget *target,
               const char           *override_reason,
               gint64                referral_id,
               GError              **error)
{
  g_autofree char *reason = override_reason ? g_strstrip (g_strdup (override_reason)) : NULL;

  if (target->client_id == 0 ||
      tsg_store_referral_consented (self, target->client_id, target->organization_id, "referral"))
    return TRUE;
  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Consent missing: she has not agreed to a referral to %s; record her consent, or give the reason for referring her without it."),
                   target->title);
      return FALSE;
    }
  return _tsg_store_audit (self, actor, "consent_override", "referral", referral_id, reason, error);
}

static gboolean
insert_referral (TsgStore             *self,
                 TsgActor             *actor,
                 const ReferralTarget *target,
                 gint64                contact_id,
                 gint64                service_id,
                 const char           *override_reason,
                 gint64                now,
                 gint64               *id,
                 GError              **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "INSERT INTO referrals (client_id, case_id, contact_id, service_id, status, consent_override_reason,"
    " staff_id, created_at, updated_at) VALUES (?,?,?,?, 'planned', ?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  if (target->client_id > 0)
    sqlite3_bind_int64 (stmt, 1, target->client_id);
  if (target->case_id > 0)
    sqlite3_bind_int64 (stmt, 2, target->case_id);
  if (contact_id > 0)
    sqlite3_bind_int64 (stmt, 3, contact_id);
  sqlite3_bind_int64 (stmt, 4, service_id);
  if (override_reason && *override_reason)
    BIND_TEXT (stmt, 5, override_reason);
  if (tsg_actor_get_staff_id (actor) > 0)
    sqlite3_bind_int64 (stmt, 6, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
insert_timeline_event (TsgStore             *self,
                       TsgActor             *actor,
                       const ReferralTarget *target,
                       gint64                service_id,
                       gint64                referral_id,
                       gint64                now,
                       GError              **error)
{
  sqlite3_stmt *stmt;

  if (target->case_id == 0)
    return TRUE;
  stmt = _tsg_store_prepare (self,
    "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, service_id, ref_id, staff_id, created_at)"
    " VALUES (?, 'referral', ?, ?, '', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target->case_id);
  sqlite3_bind_int64 (stmt, 2, now);
  BIND_TEXT (stmt, 3, target->title);
  sqlite3_bind_int64 (stmt, 4, service_id);
  sqlite3_bind_int64 (stmt, 5, referral_id);
  if (tsg_actor_get_staff_id (actor) > 0)
    sqlite3_bind_int64 (stmt, 6, tsg_actor_get_staff_id (actor));
  sqlite3_bind_int64 (stmt, 7, now);
  return _tsg_store_step_done (self, stmt, error);
}

gint64
tsg_store_create_referral (TsgStore    *self,
                           TsgActor    *actor,
                           gint64       case_id,
                           gint64       contact_id,
                           gint64       service_id,
                           const char  *consent_override_reason,
                           GError     **error)
{
  ReferralTarget target = { 0 };
  gint64 now = _tsg_store_now ();
  gint64 id = 0;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  g_return_val_if_fail (case_id > 0 || contact_id > 0, 0);

  if (!_tsg_store_require (self, actor, case_id > 0 ? TSG_PERM_CASES_WRITE : TSG_PERM_CONTACTS_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return 0;
  if (!find_service (self, service_id, &target, error) ||
      !find_client (self, case_id, contact_id, &target, error) ||
      !insert_referral (self, actor, &target, contact_id, service_id, consent_override_reason, now, &id, error) ||
      !check_consent (self, actor, &target, consent_override_reason, id, error) ||
      !insert_timeline_event (self, actor, &target, service_id, id, now, error) ||
      !_tsg_store_audit (self, actor, "create", "referral", id, target.title, error))
    {
      _tsg_store_rollback (self);
      g_free (target.title);
      return 0;
    }
  g_free (target.title);
  return _tsg_store_commit (self, error) ? id : 0;
}

gboolean
tsg_store_referral_needs_override (TsgStore *self,
                                   gint64    case_id,
                                   gint64    contact_id,
                                   gint64    service_id)
{
  ReferralTarget target = { 0 };
  gboolean needs;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if ((case_id <= 0 && contact_id <= 0) ||
      !find_service (self, service_id, &target, NULL) ||
      !find_client (self, case_id, contact_id, &target, NULL))
    {
      g_free (target.title);
      return FALSE;
    }
  needs = target.client_id > 0 &&
          !tsg_store_referral_consented (self, target.client_id, target.organization_id, "referral");
  g_free (target.title);
  return needs;
}

/* --- changing --------------------------------------------------------- */

static gboolean
update_referral (TsgStore    *self,
                 TsgActor    *actor,
                 gint64       referral_id,
                 const char  *sql,
                 const char  *audit_detail,
                 const char **values,
                 guint        n_values,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_WRITE, error) ||
      !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, sql, error)))
    goto fail;
  for (guint i = 0; i < n_values; i++)
    BIND_TEXT (stmt, i + 1, values[i]);
  sqlite3_bind_int64 (stmt, n_values + 1, _tsg_store_now ());
  sqlite3_bind_int64 (stmt, n_values + 2, referral_id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Referral %lld does not exist."), (long long) referral_id);
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, "update", "referral", referral_id, audit_detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gboolean
tsg_store_set_referral_status (TsgStore    *self,
                               TsgActor    *actor,
                               gint64       referral_id,
                               const char  *status,
                               const char  *feedback,
                               GError     **error)
{
  const char *values[] = { status, feedback };
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!tsg_enum_contains (tsg_referral_statuses, status))
    {
      g_autofree char *valid = tsg_enum_join_ids (tsg_referral_statuses);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Referral status “%s” is not one of %s."), status ? status : "", valid);
      return FALSE;
    }
  detail = g_strdup_printf ("status=%s", status);
  return update_referral (self, actor, referral_id,
                          "UPDATE referrals SET status = ?, feedback = coalesce (?, feedback), updated_at = ?"
                          " WHERE id = ?", detail, values, 2, error);
}

gboolean
tsg_store_set_referral_letter (TsgStore    *self,
                               TsgActor    *actor,
                               gint64       referral_id,
                               const char  *letter_to,
                               const char  *honorific,
                               const char  *body,
                               GError     **error)
{
  const char *values[] = { letter_to, honorific, body };

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (honorific != NULL && !g_str_equal (honorific, "onchu") && !g_str_equal (honorific, "sama"))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("Letter honorific “%s” is not one of onchu, sama."), honorific);
      return FALSE;
    }
  return update_referral (self, actor, referral_id,
                          "UPDATE referrals SET letter_to = ?, letter_honorific = ?, letter_body = ?, updated_at = ?"
                          " WHERE id = ?", "letter", values, 3, error);
}

/* --- reading ---------------------------------------------------------- */

#define REFERRAL_SELECT \
  "SELECT r.id, coalesce (r.client_id, 0), coalesce (r.case_id, 0), coalesce (r.contact_id, 0), r.service_id," \
  " r.status, r.feedback, r.consent_override_reason, r.letter_to, r.letter_honorific, r.letter_body," \
  " coalesce (r.staff_id, 0), r.created_at, r.updated_at, o.id, o.name, s.name, c.code, st.display_name" \
  " FROM referrals r JOIN services s ON s.id = r.service_id JOIN organizations o ON o.id = s.organization_id" \
  " LEFT JOIN clients c ON c.id = r.client_id LEFT JOIN staff st ON st.id = r.staff_id"

static TsgReferral *
read_referral (sqlite3_stmt *stmt)
{
  TsgReferral *r = g_new0 (TsgReferral, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->client_id = sqlite3_column_int64 (stmt, 1);
  r->case_id = sqlite3_column_int64 (stmt, 2);
  r->contact_id = sqlite3_column_int64 (stmt, 3);
  r->service_id = sqlite3_column_int64 (stmt, 4);
  r->status = col_text (stmt, 5);
  r->feedback = col_text (stmt, 6);
  r->consent_override_reason = col_text (stmt, 7);
  r->letter_to = col_text (stmt, 8);
  r->letter_honorific = col_text (stmt, 9);
  r->letter_body = col_text (stmt, 10);
  r->staff_id = sqlite3_column_int64 (stmt, 11);
  r->created_at = sqlite3_column_int64 (stmt, 12);
  r->updated_at = sqlite3_column_int64 (stmt, 13);
  r->organization_id = sqlite3_column_int64 (stmt, 14);
  r->organization_name = col_text (stmt, 15);
  r->service_name = col_text (stmt, 16);
  r->case_code = col_text (stmt, 17);
  r->staff_name = col_text (stmt, 18);
  return r;
}

static TsgReferral *
load_referral (TsgStore  *self,
               gint64     referral_id,
               GError   **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, REFERRAL_SELECT " WHERE r.id = ?", error);
  TsgReferral *r = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, referral_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = read_referral (stmt);
  else
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                 _("Referral %lld does not exist."), (long long) referral_id);
  sqlite3_reset (stmt);
  return r;
}

/* Reads are audited: a referral is part of her record. */
static gboolean
audit_view (TsgStore   *self,
            TsgActor   *actor,
            const char *kind,
            gint64      id,
            const char *detail,
            GError    **error)
{
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, "view", kind, id, detail, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

TsgReferral *
tsg_store_get_referral (TsgStore  *self,
                        TsgActor  *actor,
                        gint64     referral_id,
                        GError   **error)
{
  g_autoptr(TsgReferral) r = NULL;

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !(r = load_referral (self, referral_id, error)) ||
      !audit_view (self, actor, "referral", referral_id, "", error))
    return NULL;
  return g_steal_pointer (&r);
}

GPtrArray *
tsg_store_case_referrals (TsgStore  *self,
                          TsgActor  *actor,
                          gint64     case_id,
                          GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_referral_free);
  sqlite3_stmt *stmt;

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !(stmt = _tsg_store_prepare (self, REFERRAL_SELECT " WHERE r.case_id = ? ORDER BY r.created_at DESC, r.id DESC",
                                   error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, read_referral (stmt));
  sqlite3_reset (stmt);
  if (!audit_view (self, actor, "case", case_id, "referrals", error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
read_client_details (TsgStore      *self,
                     TsgLetterData *d,
                     GError       **error)
{
  const TsgReferral *r = d->referral;
  gboolean may_name = tsg_store_referral_consented (self, r->client_id, r->organization_id, "letter");
  gboolean may_situation = tsg_store_referral_consented (self, r->client_id, r->organization_id, "referral");
  gboolean may_contact = tsg_store_referral_consented (self, r->client_id, r->organization_id, "contact_details");
  /* The address column is not even read when it is withheld. */
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT name, kana, age_band, municipality, safe_contact,"
    " CASE WHEN address_withheld = 0 THEN address END FROM clients WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (may_name)
        {
          d->client_name = col_text (stmt, 0);
          d->client_kana = col_text (stmt, 1);
        }
      if (may_situation)
        {
          const char *band = (const char *) sqlite3_column_text (stmt, 2);
          if (band && !g_str_equal (band, "unknown"))
            d->client_age_band = g_strdup (tsg_enum_label (tsg_age_bands, band));
          d->client_municipality = col_text (stmt, 3);
        }
      if (may_contact)
        {
          d->client_contact = col_text (stmt, 4);
          d->client_address = col_text (stmt, 5);
        }
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
read_service_details (TsgStore      *self,
                      TsgLetterData *d)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
    "SELECT s.description, (SELECT number FROM phones WHERE service_id = s.id ORDER BY id LIMIT 1)"
    " FROM services s WHERE s.id = ?", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, d->referral->service_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->service_description = col_text (stmt, 0);
      d->service_phone = col_text (stmt, 1);
    }
  sqlite3_reset (stmt);
}

TsgLetterData *
tsg_store_get_letter_data (TsgStore  *self,
                           TsgActor  *actor,
                           gint64     referral_id,
                           GError   **error)
{
  g_autoptr(TsgLetterData) d = g_new0 (TsgLetterData, 1);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error) ||
      !(d->referral = load_referral (self, referral_id, error)))
    return NULL;
  if (d->referral->client_id > 0 && !read_client_details (self, d, error))
    return NULL;
  read_service_details (self, d);
  d->office_name = tsg_store_get_setting (self, "office_name");
  d->office_address = tsg_store_get_setting (self, "office_address");
  d->office_phone = tsg_store_get_setting (self, "office_phone");
  d->free_dial = tsg_store_get_setting (self, "free_dial");
  d->person_in_charge = tsg_store_get_setting (self, "person_in_charge");
  d->default_body = tsg_store_get_setting (self, "referral_letter_template");
  if (!audit_view (self, actor, "referral", referral_id, "letter", error))
    return NULL;
  return g_steal_pointer (&d);
}

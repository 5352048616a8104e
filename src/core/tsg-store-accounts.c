/* tsg-store-accounts.c: staff accounts, signing in, lockout
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords are stored as libsodium argon2id strings (crypto_pwhash_str with
 * the interactive limits: 64 MiB, about a tenth of a second), which carry
 * their own salt and parameters. A failed sign-in, a lockout and every
 * change of an account are written to the audit log.
 */
#define G_LOG_DOMAIN "tsg-store-accounts"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "tsg-format.h"
#include "tsg-store-accounts.h"
#include "tsg-store-private.h"

G_DEFINE_QUARK (tsg-account-error-quark, tsg_account_error)

typedef struct
{
  gint64   id;
  char    *login;
  char    *hash;
  char    *name;
  TsgRole  role;
  gboolean active;
  int      failed;
  gint64   locked_until;
} Account;

static void
account_clear (Account *acct)
{
  g_clear_pointer (&acct->login, g_free);
  g_clear_pointer (&acct->hash, g_free);
  g_clear_pointer (&acct->name, g_free);
}

static char *
normalise_login (const char *login)
{
  g_autofree char *stripped = g_strstrip (g_strdup (login ? login : ""));

  return g_utf8_strdown (stripped, -1);
}

/* --- hashing ----------------------------------------------------------- */

static char *
hash_password (const char  *password,
               GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (out, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                   _("There is not enough memory to protect the password; close other programs and try again."));
      return NULL;
    }
  return g_strdup (out);
}

/* A sign-in with an unknown login checks against this hash, so that it
 * takes as long as a wrong password and does not tell which logins exist. */
static const char *
dummy_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    {
      guchar random[16];
      char hex[33];
      char *h;

      randombytes_buf (random, sizeof random);
      sodium_bin2hex (hex, sizeof hex, random, sizeof random);
      h = hash_password (hex, NULL);
      g_once_init_leave (&hash, h ? h : g_strdup ("-"));
    }
  return hash;
}

static gboolean
verify_password (const char *hash,
                 const char *password)
{
  if (hash == NULL || password == NULL)
    {
      /* Spend the time a real check takes. */
      volatile gboolean matched = crypto_pwhash_str_verify (dummy_hash (), "-", 1) == 0;
      (void) matched;
      return FALSE;
    }
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

static gboolean
check_new_password (const char  *password,
                    GError     **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < TSG_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password must have at least %d character.",
                                "The password must have at least %d characters.",
                                TSG_PASSWORD_MIN_LENGTH),
                   TSG_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The password is not valid text."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_new_login (const char  *login,
                 GError     **error)
{
  if (!g_regex_match_simple ("^[a-z0-9][a-z0-9._-]{0,31}$", login, 0, 0))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The login “%s” must be 1 to 32 letters a–z, digits, dots, dashes or underscores."),
                   login);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_display_name (const char  *name,
                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, _("The name is empty."));
      return FALSE;
    }
  return TRUE;
}

/* --- reading ----------------------------------------------------------- */

static gboolean
lookup_account (TsgStore    *self,
                const char  *column,
                const char  *login,
                gint64       id,
                Account     *acct,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, login, password_hash, display_name, role, active,"
                                          " failed_attempts, coalesce (locked_until, 0)"
                                          " FROM staff WHERE %s = ?", column);
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);
  int rc;

  memset (acct, 0, sizeof *acct);
  if (stmt == NULL)
    return FALSE;
  if (login != NULL)
    sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      acct->id = sqlite3_column_int64 (stmt, 0);
      acct->login = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      acct->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      acct->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      tsg_role_from_id ((const char *) sqlite3_column_text (stmt, 4), &acct->role);
      acct->active = sqlite3_column_int (stmt, 5) != 0;
      acct->failed = sqlite3_column_int (stmt, 6);
      acct->locked_until = sqlite3_column_int64 (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "staff");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
set_locked_error (Account  *acct,
                  GError  **error)
{
  g_autofree char *until = tsg_format_datetime (acct->locked_until);

  g_set_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_LOCKED,
               _("The account %s is locked until %s after too many wrong passwords; try again then, or ask an administrator to reset the password."),
               acct->login, until);
}

static void
set_wrong_error (GError **error)
{
  g_set_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD,
               _("The login or the password is wrong."));
}

static gint64
count_administrators (TsgStore *self,
                      gint64    except_id)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
                                           "SELECT count(*) FROM staff WHERE role = 'administrator'"
                                           " AND active = 1 AND password_hash IS NOT NULL AND id <> 1 AND id <> ?",
                                           NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
tsg_store_needs_administrator (TsgStore *self)
{
  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  return count_administrators (self, 0) == 0;
}

char *
tsg_store_get_staff_login (TsgStore *self,
                           gint64    staff_id)
{
  Account acct;
  char *login;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!lookup_account (self, "id", NULL, staff_id, &acct, NULL))
    return NULL;
  login = g_steal_pointer (&acct.login);
  account_clear (&acct);
  return login;
}

/* --- writing ----------------------------------------------------------- */

static gboolean
exec_update (TsgStore    *self,
             const char  *sql,
             gint64       id,
             const char  *text,
             GError     **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    {
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);
  return _tsg_store_step_done (self, stmt, error);
}

/* Writes the outcome of a password check, in one transaction with its audit
 * entry, and turns it into an actor or an error. */
static TsgActor *
record_sign_in (TsgStore  *self,
                Account   *acct,
                gboolean   verified,
                GError   **error)
{
  gint64 now = _tsg_store_now ();
  g_autoptr(TsgActor) actor = NULL;

  if (acct->id == 0)
    {
      set_wrong_error (error);
      return NULL;
    }
  if (!_tsg_store_begin (self, error))
    return NULL;
  /* Re-read inside the transaction: another desk may have failed too. */
  {
    Account fresh;
    if (!lookup_account (self, "id", NULL, acct->id, &fresh, error))
      goto fail;
    acct->failed = fresh.failed;
    acct->locked_until = fresh.locked_until;
    acct->active = fresh.active;
    account_clear (&fresh);
  }
  if (acct->locked_until > now)
    {
      _tsg_store_rollback (self);
      set_locked_error (acct, error);
      return NULL;
    }
  if (verified && acct->active)
    {
      actor = tsg_actor_new (acct->id, acct->role, acct->name);
      if (!exec_update (self, "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                        acct->id, NULL, error) ||
          !_tsg_store_audit (self, actor, "sign_in", "staff", acct->id, "", error))
        goto fail;
      if (!_tsg_store_commit (self, error))
        return NULL;
      return g_steal_pointer (&actor);
    }
  if (verified)
    {
      if (!_tsg_store_audit (self, NULL, "sign_in_refused", "staff", acct->id, "inactive", error))
        goto fail;
      if (!_tsg_store_commit (self, error))
        return NULL;
      g_set_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_INACTIVE,
                   _("The account %s has been deactivated; ask an administrator."), acct->login);
      return NULL;
    }

  /* A lock that has run out starts the count again. */
  acct->failed = (acct->locked_until > 0 ? 0 : acct->failed) + 1;
  acct->locked_until = acct->failed >= TSG_SIGN_IN_MAX_FAILURES ? now + TSG_SIGN_IN_LOCK_SECONDS : 0;
  {
    sqlite3_stmt *stmt = _tsg_store_prepare (self,
                                             "UPDATE staff SET failed_attempts = ?, locked_until = nullif (?, 0) WHERE id = ?",
                                             error);
    g_autofree char *detail = g_strdup_printf ("%d", acct->failed);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int (stmt, 1, acct->failed);
    sqlite3_bind_int64 (stmt, 2, acct->locked_until);
    sqlite3_bind_int64 (stmt, 3, acct->id);
    if (!_tsg_store_step_done (self, stmt, error) ||
        !_tsg_store_audit (self, NULL, "sign_in_failed", "staff", acct->id, detail, error) ||
        (acct->locked_until > 0 &&
         !_tsg_store_audit (self, NULL, "lock_account", "staff", acct->id, "", error)))
      goto fail;
    if (!_tsg_store_commit (self, error))
      return NULL;
  }
  if (acct->locked_until > 0)
    set_locked_error (acct, error);
  else
    set_wrong_error (error);
  return NULL;

fail:
  _tsg_store_rollback (self);
  return NULL;
}

static gboolean
start_sign_in (TsgStore    *self,
               const char  *login,
               Account     *acct,
               GError     **error)
{
  g_autofree char *norm = normalise_login (login);

  if (!lookup_account (self, "login", norm, 0, acct, error))
    return FALSE;
  /* The system account and accounts with no password never sign in. */
  if (acct->id == 1 || acct->hash == NULL)
    {
      account_clear (acct);
      acct->id = 0;
    }
  if (acct->id != 0 && acct->locked_until > _tsg_store_now ())
    {
      set_locked_error (acct, error);
      return FALSE;
    }
  return TRUE;
}

TsgActor *
tsg_store_sign_in (TsgStore    *self,
                   const char  *login,
                   const char  *password,
                   GError     **error)
{
  Account acct;
  TsgActor *actor;
  gboolean ok;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!start_sign_in (self, login, &acct, error))
    {
      account_clear (&acct);
      return NULL;
    }
  ok = verify_password (acct.hash, password);
  actor = record_sign_in (self, &acct, ok, error);
  account_clear (&acct);
  return actor;
}

typedef struct
{
  Account  acct;
  char    *password;
  gboolean verified;
} SignInJob;

static void
sign_in_job_free (gpointer data)
{
  SignInJob *job = data;

  if (job->password != NULL)
    {
      sodium_memzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  account_clear (&job->acct);
  g_free (job);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SignInJob *job = task_data;

  job->verified = verify_password (job->acct.hash, job->password);
  g_task_return_boolean (task, TRUE);
}

static void
on_verified_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  SignInJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  TsgActor *actor;

  if (g_task_return_error_if_cancelled (outer))
    return;
  actor = record_sign_in (TSG_STORE (object), &job->acct, job->verified, &error);
  if (actor == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, actor, (GDestroyNotify) tsg_actor_unref);
}

void
tsg_store_sign_in_async (TsgStore           *self,
                         const char         *login,
                         const char         *password,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  SignInJob *job;

  g_return_if_fail (TSG_IS_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tsg_store_sign_in_async);
  job = g_new0 (SignInJob, 1);
  if (!start_sign_in (self, login, &job->acct, &error))
    {
      sign_in_job_free (job);
      g_task_return_error (outer, error);
      return;
    }
  job->password = g_strdup (password ? password : "");
  inner = g_task_new (self, cancellable, on_verified_cb, g_object_ref (outer));
  g_task_set_task_data (inner, job, sign_in_job_free);
  g_task_run_in_thread (inner, verify_thread);
}

TsgActor *
tsg_store_sign_in_finish (TsgStore      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gint64
insert_staff (TsgStore    *self,
              const char  *login,
              const char  *display_name,
              TsgRole      role,
              const char  *hash,
              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = g_strstrip (g_strdup (display_name));
  int rc;

  if (!(stmt = _tsg_store_prepare (self,
                                   "INSERT INTO staff (login, display_name, role, password_hash, created_at)"
                                   " VALUES (?, ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tsg_role_to_id (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _tsg_store_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The login “%s” is already taken."), login);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "staff");
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

TsgActor *
tsg_store_create_first_administrator (TsgStore    *self,
                                      const char  *login,
                                      const char  *display_name,
                                      const char  *password,
                                      GError     **error)
{
  g_autofree char *norm = normalise_login (login);
  g_autofree char *hash = NULL;
  g_autoptr(TsgActor) actor = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!check_new_login (norm, error) || !check_display_name (display_name, error) ||
      !check_new_password (password, error))
    return NULL;
  if (!(hash = hash_password (password, error)))
    return NULL;
  if (!_tsg_store_begin (self, error))
    return NULL;
  /* Checked inside the transaction: once there is an administrator, only
   * she can add staff. */
  if (!tsg_store_needs_administrator (self))
    {
      _tsg_store_rollback (self);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED,
                   _("This database already has an administrator; sign in instead."));
      return NULL;
    }
  if (!(id = insert_staff (self, norm, display_name, TSG_ROLE_ADMINISTRATOR, hash, error)))
    goto fail;
  name = g_strstrip (g_strdup (display_name));
  actor = tsg_actor_new (id, TSG_ROLE_ADMINISTRATOR, name);
  if (!_tsg_store_audit (self, actor, "create_first_administrator", "staff", id, norm, error))
    goto fail;
  if (!_tsg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&actor);

fail:
  _tsg_store_rollback (self);
  return NULL;
}

gboolean
tsg_store_prepare_demo_accounts (TsgStore  *self,
                                 GError   **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int changed;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!tsg_store_is_demo (self))
    return TRUE;
  if (!(stmt = _tsg_store_prepare (self, "SELECT count(*) FROM staff WHERE password_hash IS NULL AND id <> 1", error)))
    return FALSE;
  changed = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (changed == 0)
    return TRUE;
  /* One hash for all: these accounts guard synthetic records only. */
  if (!(hash = hash_password (TSG_DEMO_PASSWORD, error)))
    return FALSE;
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!exec_update (self, "UPDATE staff SET password_hash = ? WHERE password_hash IS NULL AND id <> ?",
                    1, hash, error) ||
      !_tsg_store_audit (self, self->system_actor, "prepare_demo_accounts", "staff", 0, "", error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

/* --- administration ---------------------------------------------------- */

GPtrArray *
tsg_store_list_staff (TsgStore  *self,
                      TsgActor  *actor,
                      GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_STAFF_ADMIN, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
                                   "SELECT id, login, display_name, role, active, password_hash IS NOT NULL,"
                                   " coalesce (locked_until, 0) FROM staff WHERE id <> 1 ORDER BY active DESC, login",
                                   error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) values = g_new0 (char *, TSG_STAFF_N_COLS + 1);
      gint64 locked = sqlite3_column_int64 (stmt, 6);

      for (guint c = 0; c < TSG_STAFF_COL_LOCKED_UNTIL; c++)
        values[c] = g_strdup ((const char *) sqlite3_column_text (stmt, (int) c + 1));
      /* A lock that has run out is no lock. */
      values[TSG_STAFF_COL_LOCKED_UNTIL] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                            locked > _tsg_store_now () ? locked : 0);
      g_ptr_array_add (rows, tsg_row_new (sqlite3_column_int64 (stmt, 0), g_steal_pointer (&values)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "staff");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
tsg_store_add_staff (TsgStore    *self,
                     TsgActor    *actor,
                     const char  *login,
                     const char  *display_name,
                     TsgRole      role,
                     const char  *password,
                     GError     **error)
{
  g_autofree char *norm = normalise_login (login);
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  gint64 id;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_STAFF_ADMIN, error))
    return 0;
  if (role > TSG_ROLE_ADMINISTRATOR)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, _("The role is unknown."));
      return 0;
    }
  if (!check_new_login (norm, error) || !check_display_name (display_name, error) ||
      !check_new_password (password, error))
    return 0;
  if (!(hash = hash_password (password, error)))
    return 0;
  if (!_tsg_store_begin (self, error))
    return 0;
  detail = g_strdup_printf ("%s %s", norm, tsg_role_to_id (role));
  if (!(id = insert_staff (self, norm, display_name, role, hash, error)) ||
      !_tsg_store_audit (self, actor, "create", "staff", id, detail, error))
    {
      _tsg_store_rollback (self);
      return 0;
    }
  return _tsg_store_commit (self, error) ? id : 0;
}

/* Looks up a staff member an administrator is about to change. */
static gboolean
require_target (TsgStore    *self,
                gint64       staff_id,
                Account     *acct,
                GError     **error)
{
  if (!lookup_account (self, "id", NULL, staff_id, acct, error))
    return FALSE;
  if (acct->id == 0 || acct->id == 1)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
      account_clear (acct);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("There is no staff member with the number %s."), id_text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_in_transaction (TsgStore    *self,
                       TsgActor    *actor,
                       const char  *sql,
                       gint64       staff_id,
                       const char  *text,
                       const char  *action,
                       const char  *detail,
                       GError     **error)
{
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!exec_update (self, sql, staff_id, text, error) ||
      !_tsg_store_audit (self, actor, action, "staff", staff_id, detail, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

gboolean
tsg_store_reset_password (TsgStore    *self,
                          TsgActor    *actor,
                          gint64       staff_id,
                          const char  *password,
                          GError     **error)
{
  Account acct;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_STAFF_ADMIN, error) ||
      !require_target (self, staff_id, &acct, error))
    return FALSE;
  account_clear (&acct);
  if (!check_new_password (password, error) || !(hash = hash_password (password, error)))
    return FALSE;
  /* A new password also lifts a lockout. */
  return update_in_transaction (self, actor,
                                "UPDATE staff SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                                staff_id, hash, "reset_password", "", error);
}

/* The office must keep one administrator who can sign in. */
static gboolean
keeps_an_administrator (TsgStore    *self,
                        Account     *acct,
                        GError     **error)
{
  if (acct->role == TSG_ROLE_ADMINISTRATOR && acct->active && count_administrators (self, acct->id) == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s is the only administrator; make someone else an administrator first."), acct->login);
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_store_set_staff_role (TsgStore    *self,
                          TsgActor    *actor,
                          gint64       staff_id,
                          TsgRole      role,
                          GError     **error)
{
  Account acct;
  gboolean ok;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_STAFF_ADMIN, error) ||
      !require_target (self, staff_id, &acct, error))
    return FALSE;
  if (role > TSG_ROLE_ADMINISTRATOR)
    {
      account_clear (&acct);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, _("The role is unknown."));
      return FALSE;
    }
  ok = (role == TSG_ROLE_ADMINISTRATOR || keeps_an_administrator (self, &acct, error)) &&
       update_in_transaction (self, actor, "UPDATE staff SET role = ? WHERE id = ?", staff_id,
                              tsg_role_to_id (role), "set_role", tsg_role_to_id (role), error);
  account_clear (&acct);
  return ok;
}

gboolean
tsg_store_set_staff_active (TsgStore    *self,
                            TsgActor    *actor,
                            gint64       staff_id,
                            gboolean     active,
                            GError     **error)
{
  Account acct;
  gboolean ok;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_STAFF_ADMIN, error) ||
      !require_target (self, staff_id, &acct, error))
    return FALSE;
  if (!active && staff_id == tsg_actor_get_staff_id (actor))
    {
      account_clear (&acct);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("You cannot deactivate your own account."));
      return FALSE;
    }
  ok = (active || keeps_an_administrator (self, &acct, error)) &&
       update_in_transaction (self, actor,
                              active ? "UPDATE staff SET active = 1 WHERE id = ?"
                                     : "UPDATE staff SET active = 0 WHERE id = ?",
                              staff_id, NULL, active ? "activate" : "deactivate", "", error);
  account_clear (&acct);
  return ok;
}

gboolean
tsg_store_change_password (TsgStore    *self,
                           TsgActor    *actor,
                           const char  *old_password,
                           const char  *new_password,
                           GError     **error)
{
  Account acct;
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (actor == NULL || tsg_actor_get_staff_id (actor) <= 1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_DENIED,
                   _("Only a signed-in staff member can change her password."));
      return FALSE;
    }
  if (!require_target (self, tsg_actor_get_staff_id (actor), &acct, error))
    return FALSE;
  ok = verify_password (acct.hash, old_password);
  account_clear (&acct);
  if (!ok)
    {
      g_set_error (error, TSG_ACCOUNT_ERROR, TSG_ACCOUNT_ERROR_WRONG_PASSWORD,
                   _("The current password is wrong."));
      return FALSE;
    }
  if (!check_new_password (new_password, error) || !(hash = hash_password (new_password, error)))
    return FALSE;
  return update_in_transaction (self, actor, "UPDATE staff SET password_hash = ? WHERE id = ?",
                                tsg_actor_get_staff_id (actor), hash, "change_password", "", error);
}

/* tsg-store-accounts.h: staff accounts, signing in, the first administrator
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_ACCOUNT_ERROR (tsg_account_error_quark ())

typedef enum
{
  TSG_ACCOUNT_ERROR_WRONG_PASSWORD,  /* unknown login or wrong password (one message for both) */
  TSG_ACCOUNT_ERROR_LOCKED,          /* too many failures: locked for a while */
  TSG_ACCOUNT_ERROR_INACTIVE,        /* deactivated by an administrator */
} TsgAccountError;

/* Six wrong passwords in a row lock the account for thirty minutes. */
#define TSG_SIGN_IN_MAX_FAILURES 6
#define TSG_SIGN_IN_LOCK_SECONDS (30 * 60)
#define TSG_PASSWORD_MIN_LENGTH  8

/* Demo databases only (tsg_store_is_demo): every generated staff member
 * signs in with this password, shown on the sign-in screen of a demo. */
#define TSG_DEMO_PASSWORD "tsunagari"

/* Columns of the rows tsg_store_list_staff() returns (TsgRow values). */
enum { TSG_STAFF_COL_LOGIN, TSG_STAFF_COL_NAME, TSG_STAFF_COL_ROLE, TSG_STAFF_COL_ACTIVE,
       TSG_STAFF_COL_HAS_PASSWORD, TSG_STAFF_COL_LOCKED_UNTIL, TSG_STAFF_N_COLS };

GQuark     tsg_account_error_quark              (void);

/* Before anyone signs in: TRUE when no active administrator can sign in
 * (a new database), so the first start asks for one. */
gboolean   tsg_store_needs_administrator        (TsgStore     *self);
TsgActor  *tsg_store_create_first_administrator (TsgStore     *self,
                                                 const char   *login,
                                                 const char   *display_name,
                                                 const char   *password,
                                                 GError      **error);
/* Demo databases: gives each staff member without a password
 * TSG_DEMO_PASSWORD. Does nothing on a database that is not a demo. */
gboolean   tsg_store_prepare_demo_accounts      (TsgStore     *self,
                                                 GError      **error);

/* Checks the password (argon2id, about a tenth of a second on purpose),
 * counts failures and locks the account after TSG_SIGN_IN_MAX_FAILURES.
 * Returns: (transfer full): the signed-in staff member. */
TsgActor  *tsg_store_sign_in                    (TsgStore     *self,
                                                 const char   *login,
                                                 const char   *password,
                                                 GError      **error);
/* The same, with the slow hash in a worker thread; the database is only
 * touched on the calling thread. */
void       tsg_store_sign_in_async              (TsgStore           *self,
                                                 const char         *login,
                                                 const char         *password,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
TsgActor  *tsg_store_sign_in_finish             (TsgStore     *self,
                                                 GAsyncResult *result,
                                                 GError      **error);
/* The login of a staff member (for the lock screen), or NULL. */
char      *tsg_store_get_staff_login            (TsgStore     *self,
                                                 gint64        staff_id);

/* Administrators (TSG_PERM_STAFF_ADMIN) */
GPtrArray *tsg_store_list_staff                 (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 GError      **error);
gint64     tsg_store_add_staff                  (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 const char   *login,
                                                 const char   *display_name,
                                                 TsgRole       role,
                                                 const char   *password,
                                                 GError      **error);
gboolean   tsg_store_reset_password             (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 gint64        staff_id,
                                                 const char   *password,
                                                 GError      **error);
gboolean   tsg_store_set_staff_role             (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 gint64        staff_id,
                                                 TsgRole       role,
                                                 GError      **error);
gboolean   tsg_store_set_staff_active           (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 gint64        staff_id,
                                                 gboolean      active,
                                                 GError      **error);

/* Anyone signed in: her own password. */
gboolean   tsg_store_change_password            (TsgStore     *self,
                                                 TsgActor     *actor,
                                                 const char   *old_password,
                                                 const char   *new_password,
                                                 GError      **error);

G_END_DECLS

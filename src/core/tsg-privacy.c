/* tsg-privacy.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaked address can cost a woman fleeing violence her life. Every path
 * that puts a client's address in front of someone asks here: the client
 * record (tsg_store_get_client), the referral letter, the exports, the case
 * documents. Reports and flyers never read it at all.
 */
#define G_LOG_DOMAIN "tsg-privacy"

#include "config.h"

#include "tsg-privacy.h"
#include "tsg-store-private.h"

/* Is @actor her lead counsellor or on the staff of one of her cases? */
static gboolean
works_on_her_case (TsgStore *store,
                   TsgActor *actor,
                   gint64    client_id)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (store,
    "SELECT 1 FROM cases c WHERE c.client_id = ?1 AND (c.lead_staff_id = ?2"
    " OR EXISTS (SELECT 1 FROM case_staff s WHERE s.case_id = c.id AND s.staff_id = ?2)) LIMIT 1", NULL);
  gboolean yes;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, tsg_actor_get_staff_id (actor));
  yes = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return yes;
}

gboolean
tsg_privacy_address_allowed (TsgStore  *store,
                             TsgActor  *actor,
                             gint64     client_id,
                             gboolean   withheld,
                             TsgOutput  output)
{
  g_return_val_if_fail (TSG_IS_STORE (store), FALSE);

  if (actor == NULL || output == TSG_OUTPUT_REPORT || output == TSG_OUTPUT_FLYER)
    return FALSE;
  if (!withheld)
    return tsg_actor_may (actor, TSG_PERM_CASES_READ) ||
           (output == TSG_OUTPUT_EXPORT && tsg_actor_may (actor, TSG_PERM_EXPORT));
  return output == TSG_OUTPUT_SCREEN &&
         tsg_actor_may (actor, TSG_PERM_WITHHELD_ADDRESS) &&
         works_on_her_case (store, actor, client_id);
}

char *
tsg_store_client_address (TsgStore   *self,
                          TsgActor   *actor,
                          gint64      client_id,
                          TsgOutput   output,
                          gboolean   *withheld,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *address = NULL;
  gboolean is_withheld = FALSE;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (withheld)
    *withheld = FALSE;
  if (!_tsg_store_require (self, actor, TSG_PERM_CASES_READ, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self, "SELECT address, address_withheld FROM clients WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      is_withheld = sqlite3_column_int (stmt, 1) != 0;
      address = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "address");
      return NULL;
    }
  if (withheld)
    *withheld = is_withheld;
  if (address == NULL || !tsg_privacy_address_allowed (self, actor, client_id, is_withheld, output))
    return NULL;
  /* Who saw a withheld address, and when, is in the log. */
  if (is_withheld)
    {
      if (!_tsg_store_begin (self, error))
        return NULL;
      if (!_tsg_store_audit (self, actor, "view_address", "client", client_id, "", error))
        {
          _tsg_store_rollback (self);
          return NULL;
        }
      if (!_tsg_store_commit (self, error))
        return NULL;
    }
  return g_steal_pointer (&address);
}

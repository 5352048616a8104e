/* tsg-actor.h: the staff member on whose behalf a store call runs
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TSG_ROLE_FRONT_DESK,
  TSG_ROLE_COUNSELLOR,
  TSG_ROLE_COORDINATOR,
  TSG_ROLE_ADMINISTRATOR,
} TsgRole;

/* What a store call needs. Roles map onto these in one table (tsg-actor.c),
 * and the store checks them: hiding a widget is never the only guard. */
typedef enum
{
  TSG_PERM_CONTACTS_READ,
  TSG_PERM_CONTACTS_WRITE,
  TSG_PERM_CASES_READ,
  TSG_PERM_CASES_WRITE,
  TSG_PERM_DIRECTORY_READ,
  TSG_PERM_DIRECTORY_WRITE,
  TSG_PERM_INVENTORY_READ,
  TSG_PERM_INVENTORY_WRITE,
  TSG_PERM_REPORTS,
  TSG_PERM_EXPORT,
  TSG_PERM_STAFF_ADMIN,
  TSG_PERM_SETTINGS,
  TSG_PERM_AUDIT_READ,
  TSG_PERM_WITHHELD_ADDRESS,
  TSG_N_PERMS
} TsgPermission;

typedef struct _TsgActor TsgActor;

#define TSG_TYPE_ACTOR (tsg_actor_get_type ())

GType       tsg_actor_get_type     (void) G_GNUC_CONST;
TsgActor   *tsg_actor_new          (gint64      staff_id,
                                    TsgRole     role,
                                    const char *display_name);
TsgActor   *tsg_actor_ref          (TsgActor   *self);
void        tsg_actor_unref        (TsgActor   *self);
gint64      tsg_actor_get_staff_id (const TsgActor *self);
TsgRole     tsg_actor_get_role     (const TsgActor *self);
const char *tsg_actor_get_name     (const TsgActor *self);
gboolean    tsg_actor_may          (const TsgActor *self,
                                    TsgPermission   permission);

const char *tsg_role_to_id         (TsgRole     role);
gboolean    tsg_role_from_id       (const char *id,
                                    TsgRole    *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgActor, tsg_actor_unref)

G_END_DECLS

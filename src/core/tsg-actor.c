/* tsg-actor.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-actor"

#include "config.h"

#include "tsg-actor.h"

struct _TsgActor
{
  gatomicrefcount ref_count;
  gint64          staff_id;
  TsgRole         role;
  char           *name;
};

G_DEFINE_BOXED_TYPE (TsgActor, tsg_actor, tsg_actor_ref, tsg_actor_unref)

static const char *role_ids[] = {
  "front_desk", "counsellor", "coordinator", "administrator",
};

/* Who may do what. Front desk: the call log and the directory, no case
 * details. Counsellors: cases. Coordinators: inventory and reports.
 * Administrators: everything, including staff and settings. */
static const gboolean role_perms[4][TSG_N_PERMS] = {
  [TSG_ROLE_FRONT_DESK] = {
    [TSG_PERM_CONTACTS_READ] = TRUE, [TSG_PERM_CONTACTS_WRITE] = TRUE,
    [TSG_PERM_DIRECTORY_READ] = TRUE,
    [TSG_PERM_INVENTORY_READ] = TRUE,
  },
  [TSG_ROLE_COUNSELLOR] = {
    [TSG_PERM_CONTACTS_READ] = TRUE, [TSG_PERM_CONTACTS_WRITE] = TRUE,
    [TSG_PERM_CASES_READ] = TRUE, [TSG_PERM_CASES_WRITE] = TRUE,
    [TSG_PERM_DIRECTORY_READ] = TRUE, [TSG_PERM_DIRECTORY_WRITE] = TRUE,
    [TSG_PERM_INVENTORY_READ] = TRUE,
    [TSG_PERM_WITHHELD_ADDRESS] = TRUE,
  },
  [TSG_ROLE_COORDINATOR] = {
    [TSG_PERM_DIRECTORY_READ] = TRUE, [TSG_PERM_DIRECTORY_WRITE] = TRUE,
    [TSG_PERM_INVENTORY_READ] = TRUE, [TSG_PERM_INVENTORY_WRITE] = TRUE,
    [TSG_PERM_REPORTS] = TRUE,
  },
  [TSG_ROLE_ADMINISTRATOR] = {
    [TSG_PERM_CONTACTS_READ] = TRUE, [TSG_PERM_CONTACTS_WRITE] = TRUE,
    [TSG_PERM_CASES_READ] = TRUE, [TSG_PERM_CASES_WRITE] = TRUE,
    [TSG_PERM_DIRECTORY_READ] = TRUE, [TSG_PERM_DIRECTORY_WRITE] = TRUE,
    [TSG_PERM_INVENTORY_READ] = TRUE, [TSG_PERM_INVENTORY_WRITE] = TRUE,
    [TSG_PERM_REPORTS] = TRUE, [TSG_PERM_EXPORT] = TRUE,
    [TSG_PERM_STAFF_ADMIN] = TRUE, [TSG_PERM_SETTINGS] = TRUE,
    [TSG_PERM_AUDIT_READ] = TRUE, [TSG_PERM_WITHHELD_ADDRESS] = TRUE,
  },
};

TsgActor *
tsg_actor_new (gint64      staff_id,
               TsgRole     role,
               const char *display_name)
{
  TsgActor *self;

  g_return_val_if_fail (role <= TSG_ROLE_ADMINISTRATOR, NULL);

  self = g_new0 (TsgActor, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->staff_id = staff_id;
  self->role = role;
  self->name = g_strdup (display_name ? display_name : "");
  return self;
}

TsgActor *
tsg_actor_ref (TsgActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tsg_actor_unref (TsgActor *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self);
    }
}

gint64
tsg_actor_get_staff_id (const TsgActor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->staff_id;
}

TsgRole
tsg_actor_get_role (const TsgActor *self)
{
  g_return_val_if_fail (self != NULL, TSG_ROLE_FRONT_DESK);
  return self->role;
}

const char *
tsg_actor_get_name (const TsgActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

gboolean
tsg_actor_may (const TsgActor *self,
               TsgPermission   permission)
{
  if (self == NULL || permission >= TSG_N_PERMS)
    return FALSE;
  return role_perms[self->role][permission];
}

const char *
tsg_role_to_id (TsgRole role)
{
  g_return_val_if_fail (role <= TSG_ROLE_ADMINISTRATOR, NULL);
  return role_ids[role];
}

gboolean
tsg_role_from_id (const char *id,
                  TsgRole    *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
    if (g_strcmp0 (id, role_ids[i]) == 0)
      {
        *role = (TsgRole) i;
        return TRUE;
      }
  return FALSE;
}

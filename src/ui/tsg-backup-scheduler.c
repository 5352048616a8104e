/* tsg-backup-scheduler.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scheduled backups are the office's, not a person's: they run as the
 * built-in system account with the key the administrator set, and the
 * audit log says so.
 */
#define G_LOG_DOMAIN "tsg-backup-scheduler"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "tsg-backup-page.h"
#include "tsg-backup-scheduler.h"
#include "tsg-backup.h"

#define CHECK_SECONDS 600
#define FIRST_CHECK_SECONDS 60

struct _TsgBackupScheduler
{
  GObject       parent_instance;

  TsgStore     *store;
  GSettings    *settings;
  GCancellable *cancellable;
  guint         source;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (TsgBackupScheduler, tsg_backup_scheduler, G_TYPE_OBJECT)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_backed_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TsgBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  if (!tsg_store_backup_finish (TSG_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Scheduled backup failed: %s", error->message);
      g_signal_emit (self, signals[DONE], 0, error->message);
      return;
    }
  {
    g_autofree char *folder = tsg_backup_page_default_folder (self->settings);

    g_settings_set_int64 (self->settings, "backup-last", g_get_real_time () / G_USEC_PER_SEC);
    tsg_backup_rotate (folder, (guint) g_settings_get_int (self->settings, "backup-keep"), NULL);
  }
  g_signal_emit (self, signals[DONE], 0, NULL);
}

static gboolean
check_cb (gpointer user_data)
{
  TsgBackupScheduler *self = user_data;
  gint64 hours = g_settings_get_int (self->settings, "backup-interval-hours");
  gint64 last = g_settings_get_int64 (self->settings, "backup-last");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  TsgActor *system = tsg_store_get_system_actor (self->store);
  g_autoptr(TsgBackupKey) key = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self->running || hours <= 0 || now - last < hours * 3600 || !tsg_store_has_backup_key (self->store))
    return G_SOURCE_CONTINUE;
  if (!(key = tsg_store_get_backup_key (self->store, system, NULL)))
    return G_SOURCE_CONTINUE;
  folder = tsg_backup_page_default_folder (self->settings);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The folder %s cannot be created: %s."), folder, g_strerror (errno));
      g_signal_emit (self, signals[DONE], 0, msg);
      return G_SOURCE_CONTINUE;
    }
  when = g_date_time_new_now_local ();
  file = tsg_backup_file_name (folder, when);
  self->running = TRUE;
  tsg_store_backup_async (self->store, system, file, key, self->cancellable, on_backed_up_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static gboolean
first_check_cb (gpointer user_data)
{
  TsgBackupScheduler *self = user_data;

  check_cb (self);
  self->source = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
  return G_SOURCE_REMOVE;
}

static void
tsg_backup_scheduler_dispose (GObject *object)
{
  TsgBackupScheduler *self = TSG_BACKUP_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tsg_backup_scheduler_parent_class)->dispose (object);
}

static void
tsg_backup_scheduler_class_init (TsgBackupSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tsg_backup_scheduler_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tsg_backup_scheduler_init (TsgBackupScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
}

TsgBackupScheduler *
tsg_backup_scheduler_new (TsgStore *store)
{
  TsgBackupScheduler *self = g_object_new (TSG_TYPE_BACKUP_SCHEDULER, NULL);

  self->store = g_object_ref (store);
  self->source = g_timeout_add_seconds (FIRST_CHECK_SECONDS, first_check_cb, self);
  return self;
}

/* tsg-service-completion.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory's services as "Organization — Service", for the referral of
 * a contact. Read once when the form opens: a directory is a few hundred
 * services, not a million. Matching folds like the search index (NFKC,
 * katakana to hiragana), so ﾊﾛｰﾜｰｸ and はろーわーく find ハローワーク.
 */
#define G_LOG_DOMAIN "tsg-service-completion"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tsg-fold.h"
#include "tsg-service-completion.h"

/* GtkEntryCompletion and GtkListStore: deprecated from GTK 4.10 on, the
 * completion GTK 4.8 has. */

enum { SERVICE_COL_TEXT, SERVICE_COL_ID, SERVICE_COL_FOLDED, N_SERVICE_COLS };

struct _TsgServiceCompletion
{
  GObject       parent_instance;

  GtkListStore *model;   /* display text, service id, folded text */
};

G_DEFINE_FINAL_TYPE (TsgServiceCompletion, tsg_service_completion, G_TYPE_OBJECT)

static void
load_services (TsgServiceCompletion *self,
               TsgStore             *store,
               TsgActor             *actor)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkTreeIter iter;

  self->model = gtk_list_store_new (N_SERVICE_COLS, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING);
  if (!tsg_actor_may (actor, TSG_PERM_DIRECTORY_READ))
    return;
  ids = tsg_store_list_ids (store, actor, TSG_LIST_SERVICES, NULL, &error);
  if (ids == NULL)
    {
      g_warning ("Cannot list the directory's services: %s", error->message);
      return;
    }
  for (guint start = 0; start < ids->len; start += 500)
    {
      guint n = MIN (500, ids->len - start);
      g_autoptr(GPtrArray) rows = tsg_store_fetch_rows (store, actor, TSG_LIST_SERVICES,
                                                        &g_array_index (ids, gint64, start), n, &error);
      if (rows == NULL)
        {
          g_warning ("Cannot read the directory's services: %s", error->message);
          break;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          TsgRow *row = g_ptr_array_index (rows, i);
          const char *org = tsg_row_get_value (row, TSG_SERVICE_COL_ORGANIZATION);
          const char *name = tsg_row_get_value (row, TSG_SERVICE_COL_NAME);
          g_autofree char *text = NULL;
          g_autofree char *folded = NULL;

          if (*name == '\0' || g_str_equal (org, name))
            text = g_strdup (org);
          else
            /* translators: a partner agency's service: organization, then service */
            text = g_strdup_printf (_("%s — %s"), org, name);
          folded = tsg_fold_for_search (text);
          gtk_list_store_insert_with_values (self->model, &iter, -1,
                                             SERVICE_COL_TEXT, text,
                                             SERVICE_COL_ID, tsg_row_get_id (row),
                                             SERVICE_COL_FOLDED, folded,
                                             -1);
        }
    }
}

static gboolean
service_match_cb (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  TsgServiceCompletion *self = user_data;
  GtkWidget *entry = gtk_entry_completion_get_entry (completion);
  g_autofree char *folded_key = tsg_fold_for_search (entry ? gtk_editable_get_text (GTK_EDITABLE (entry)) : key);
  g_autofree char *folded = NULL;

  if (*folded_key == '\0')
    return FALSE;
  gtk_tree_model_get (GTK_TREE_MODEL (self->model), iter, SERVICE_COL_FOLDED, &folded, -1);
  return strstr (folded, folded_key) != NULL;
}

void
tsg_service_completion_attach (TsgServiceCompletion *self,
                               GtkEntry             *entry)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->model));
  gtk_entry_completion_set_text_column (completion, SERVICE_COL_TEXT);
  gtk_entry_completion_set_match_func (completion, service_match_cb, g_object_ref (self), g_object_unref);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (entry, completion);
}

/* The service @text names: exactly, or as the only match. -1 when none or
 * several match (@n_matches says how many). */
gint64
tsg_service_completion_resolve (TsgServiceCompletion *self,
                 const char       *text,
                 guint            *n_matches,
                 char            **canonical)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->model);
  g_autofree char *folded_key = tsg_fold_for_search (text);
  gint64 found = -1;
  guint n = 0;
  GtkTreeIter iter;

  if (gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        g_autofree char *display = NULL;
        g_autofree char *folded = NULL;
        gint64 id;

        gtk_tree_model_get (model, &iter, SERVICE_COL_TEXT, &display, SERVICE_COL_ID, &id,
                            SERVICE_COL_FOLDED, &folded, -1);
        if (g_str_equal (display, text))
          {
            *n_matches = 1;
            *canonical = g_steal_pointer (&display);
            return id;
          }
        if (strstr (folded, folded_key) != NULL)
          {
            if (n++ == 0)
              {
                found = id;
                g_free (*canonical);
                *canonical = g_steal_pointer (&display);
              }
          }
      }
    while (gtk_tree_model_iter_next (model, &iter));
  *n_matches = n;
  if (n != 1)
    {
      g_clear_pointer (canonical, g_free);
      return -1;
    }
  return found;
}

char *
tsg_service_completion_text_for (TsgServiceCompletion *self,
              gint64            id)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->model);
  GtkTreeIter iter;

  if (id > 0 && gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        gint64 row_id;
        char *text;

        gtk_tree_model_get (model, &iter, SERVICE_COL_ID, &row_id, SERVICE_COL_TEXT, &text, -1);
        if (row_id == id)
          return text;
        g_free (text);
      }
    while (gtk_tree_model_iter_next (model, &iter));
  return NULL;
}

static void
tsg_service_completion_finalize (GObject *object)
{
  TsgServiceCompletion *self = TSG_SERVICE_COMPLETION (object);

  g_clear_object (&self->model);
  G_OBJECT_CLASS (tsg_service_completion_parent_class)->finalize (object);
}

static void
tsg_service_completion_class_init (TsgServiceCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_service_completion_finalize;
}

static void
tsg_service_completion_init (TsgServiceCompletion *self)
{
}

TsgServiceCompletion *
tsg_service_completion_new (TsgStore *store,
                            TsgActor *actor)
{
  TsgServiceCompletion *self = g_object_new (TSG_TYPE_SERVICE_COMPLETION, NULL);

  load_services (self, store, actor);
  return self;
}

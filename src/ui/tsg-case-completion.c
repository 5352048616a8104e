/* tsg-case-completion.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links a contact to her case: the counsellor types the case number or the
 * client's name or reading. An office's cases are many and grow, unlike the
 * directory, so each keystroke asks the store for the first few matches
 * (the cases list's own search, folded like every search, and audited like
 * every look at a list of people) instead of loading them all.
 */
#define G_LOG_DOMAIN "tsg-case-completion"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-case-completion.h"
#include "tsg-domain.h"

/* GtkEntryCompletion and GtkListStore: deprecated from GTK 4.10 on, the
 * completion GTK 4.8 has. */

#define MATCHES 8

enum { CASE_COL_TEXT, CASE_COL_ID, N_CASE_COLS };

struct _TsgCaseCompletion
{
  GObject       parent_instance;

  TsgStore     *store;
  TsgActor     *actor;
  GtkListStore *model;   /* display text, case id */
  GtkEntry     *entry;   /* weak */
  gboolean      setting; /* the text is being set, not typed */
};

G_DEFINE_FINAL_TYPE (TsgCaseCompletion, tsg_case_completion, G_TYPE_OBJECT)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
row_text (TsgRow *row)
{
  const char *status = tsg_row_get_value (row, TSG_CASE_COL_STATUS);

  /* translators: a case in the link field: number, client's name, status */
  return g_strdup_printf (_("%s %s (%s)"), tsg_row_get_value (row, TSG_CASE_COL_CODE),
                          tsg_row_get_value (row, TSG_CASE_COL_CLIENT),
                          tsg_enum_label (tsg_case_statuses, status));
}

/* The first @limit cases whose number or client matches @text. */
static GPtrArray *
search (TsgCaseCompletion *self,
        const char        *text,
        guint              limit)
{
  g_autoptr(TsgListQuery) query = tsg_list_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  if (!tsg_actor_may (self->actor, TSG_PERM_CASES_READ))
    return NULL;
  query->search = g_strdup (text);
  ids = tsg_store_list_first_ids (self->store, self->actor, TSG_LIST_CASES, query, limit, &error);
  if (ids == NULL)
    {
      g_warning ("Cannot search the cases: %s", error->message);
      return NULL;
    }
  rows = tsg_store_fetch_rows (self->store, self->actor, TSG_LIST_CASES, (gint64 *) ids->data, ids->len, &error);
  if (rows == NULL)
    g_warning ("Cannot read the cases: %s", error->message);
  return rows;
}

/* Runs before the completion looks at its model (connected first). */
static void
on_entry_changed_cb (TsgCaseCompletion *self,
                     GtkEditable       *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GPtrArray) rows = NULL;
  GtkTreeIter iter;

  if (self->setting)
    return;
  gtk_list_store_clear (self->model);
  if (*text == '\0' || (rows = search (self, text, MATCHES)) == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      g_autofree char *display = row_text (row);

      gtk_list_store_insert_with_values (self->model, &iter, -1,
                                         CASE_COL_TEXT, display,
                                         CASE_COL_ID, tsg_row_get_id (row),
                                         -1);
    }
}

/* The store already matched: everything in the model is a match. */
static gboolean
match_all_cb (GtkEntryCompletion *completion,
              const char         *key,
              GtkTreeIter        *iter,
              gpointer            user_data)
{
  return TRUE;
}

static gboolean
on_match_selected_cb (GtkEntryCompletion *completion,
                      GtkTreeModel       *model,
                      GtkTreeIter        *iter,
                      TsgCaseCompletion  *self)
{
  g_autofree char *text = NULL;
  gint64 id;

  gtk_tree_model_get (model, iter, CASE_COL_TEXT, &text, CASE_COL_ID, &id, -1);
  tsg_case_completion_set_text (self, text);
  g_signal_emit (self, signals[CHOSEN], 0, id);
  return TRUE;
}

void
tsg_case_completion_attach (TsgCaseCompletion *self,
                            GtkEntry          *entry)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  g_return_if_fail (TSG_IS_CASE_COMPLETION (self));
  g_return_if_fail (self->entry == NULL);

  self->entry = entry;
  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &self->entry);
  /* Before gtk_entry_set_completion(): the model is filled before the
   * completion filters it for this keystroke. */
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->model));
  gtk_entry_completion_set_text_column (completion, CASE_COL_TEXT);
  gtk_entry_completion_set_match_func (completion, match_all_cb, NULL, NULL);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  g_signal_connect_object (completion, "match-selected", G_CALLBACK (on_match_selected_cb), self, 0);
  gtk_entry_set_completion (entry, completion);
}

void
tsg_case_completion_set_text (TsgCaseCompletion *self,
                              const char        *text)
{
  g_return_if_fail (TSG_IS_CASE_COMPLETION (self));

  if (self->entry == NULL)
    return;
  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  /* The case number first: the field is narrower than a number and a name. */
  gtk_editable_set_position (GTK_EDITABLE (self->entry), 0);
  self->setting = FALSE;
}

gint64
tsg_case_completion_resolve (TsgCaseCompletion *self,
                             const char        *text,
                             guint             *n_matches)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkTreeIter iter;

  g_return_val_if_fail (TSG_IS_CASE_COMPLETION (self), 0);

  *n_matches = 0;
  /* What the list offered, exactly as it showed it. */
  if (gtk_tree_model_get_iter_first (GTK_TREE_MODEL (self->model), &iter))
    do
      {
        g_autofree char *display = NULL;
        gint64 id;

        gtk_tree_model_get (GTK_TREE_MODEL (self->model), &iter, CASE_COL_TEXT, &display, CASE_COL_ID, &id, -1);
        if (g_strcmp0 (display, text) == 0)
          {
            *n_matches = 1;
            return id;
          }
      }
    while (gtk_tree_model_iter_next (GTK_TREE_MODEL (self->model), &iter));
  if ((rows = search (self, text, MATCHES)) == NULL)
    return 0;
  *n_matches = rows->len;
  return rows->len == 1 ? tsg_row_get_id (g_ptr_array_index (rows, 0)) : 0;
}

char *
tsg_case_completion_text_for (TsgCaseCompletion *self,
                              gint64             id)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (TSG_IS_CASE_COMPLETION (self), NULL);

  if (id <= 0 || !tsg_actor_may (self->actor, TSG_PERM_CASES_READ))
    return NULL;
  rows = tsg_store_fetch_rows (self->store, self->actor, TSG_LIST_CASES, &id, 1, NULL);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return row_text (g_ptr_array_index (rows, 0));
}

static void
tsg_case_completion_finalize (GObject *object)
{
  TsgCaseCompletion *self = TSG_CASE_COMPLETION (object);

  if (self->entry != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->entry), (gpointer *) &self->entry);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_case_completion_parent_class)->finalize (object);
}

static void
tsg_case_completion_class_init (TsgCaseCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_case_completion_finalize;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tsg_case_completion_init (TsgCaseCompletion *self)
{
  self->model = gtk_list_store_new (N_CASE_COLS, G_TYPE_STRING, G_TYPE_INT64);
}

TsgCaseCompletion *
tsg_case_completion_new (TsgStore *store,
                         TsgActor *actor)
{
  TsgCaseCompletion *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);

  self = g_object_new (TSG_TYPE_CASE_COMPLETION, NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  return self;
}

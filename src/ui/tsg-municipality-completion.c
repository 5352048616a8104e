/* tsg-municipality-completion.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff type what they hear: a reading in kana (かわさき) or the name in
 * kanji (川崎). Both are folded like the search index folds text (NFKC,
 * katakana to hiragana), so カワサキ and ｶﾜｻｷ find the same rows. The stored
 * form is prefecture + municipality (神奈川県川崎市中原区), which is unique
 * where a name alone (川崎町) is not.
 */
#define G_LOG_DOMAIN "tsg-municipality-completion"

#include "config.h"

#include <string.h>

#include "tsg-fold.h"
#include "tsg-municipality-completion.h"

/* GtkEntryCompletion, GtkListStore and GtkCellRenderer are deprecated from
 * GTK 4.10 on; in GTK 4.8 (Debian 12) they are the completion there is. */

enum { COL_NAME, COL_KANA, COL_FOLDED_NAME, COL_FOLDED_KANA, N_COLS };

struct _TsgMunicipalityCompletion
{
  GObject   parent_instance;

  /* Borrowed: the shared list */
  GtkListStore *store;

  /* The entry's text, folded once per change rather than once per row */
  char     *key;
  char     *folded_key;
};

G_DEFINE_FINAL_TYPE (TsgMunicipalityCompletion, tsg_municipality_completion, G_TYPE_OBJECT)

static GtkListStore *shared_store;

static GtkListStore *
load_store (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GtkListStore *store = gtk_list_store_new (N_COLS, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING, G_TYPE_STRING);

  bytes = g_resources_lookup_data (RESOURCE_BASE "/data/municipalities.tsv", 0, &error);
  if (bytes == NULL)
    {
      g_warning ("Cannot load the municipalities: %s", error->message);
      return store;
    }
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *name = NULL;
      g_autofree char *folded_name = NULL;
      g_autofree char *folded_kana = NULL;
      GtkTreeIter iter;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (f) < 4)
        continue;
      /* A prefecture's own row has the prefecture as its name. */
      name = g_str_equal (f[1], f[2]) ? g_strdup (f[1]) : g_strconcat (f[1], f[2], NULL);
      folded_name = tsg_fold_for_search (name);
      folded_kana = tsg_fold_for_search (f[3]);
      gtk_list_store_insert_with_values (store, &iter, -1,
                                         COL_NAME, name,
                                         COL_KANA, f[3],
                                         COL_FOLDED_NAME, folded_name,
                                         COL_FOLDED_KANA, folded_kana,
                                         -1);
    }
  return store;
}

static gboolean
row_matches (GtkTreeModel *model,
             GtkTreeIter  *iter,
             const char   *folded_key)
{
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_kana = NULL;

  gtk_tree_model_get (model, iter, COL_FOLDED_NAME, &folded_name, COL_FOLDED_KANA, &folded_kana, -1);
  return strstr (folded_name, folded_key) != NULL || strstr (folded_kana, folded_key) != NULL;
}

static gboolean
match_func (GtkEntryCompletion *completion,
            const char         *key,
            GtkTreeIter        *iter,
            gpointer            user_data)
{
  TsgMunicipalityCompletion *self = user_data;
  GtkWidget *entry = gtk_entry_completion_get_entry (completion);
  const char *text = entry ? gtk_editable_get_text (GTK_EDITABLE (entry)) : key;

  if (g_strcmp0 (text, self->key) != 0)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      g_free (self->key);
      g_free (self->folded_key);
      self->key = g_strdup (text);
      self->folded_key = tsg_fold_for_search (stripped);
    }
  if (self->folded_key == NULL || *self->folded_key == '\0')
    return FALSE;
  return row_matches (GTK_TREE_MODEL (self->store), iter, self->folded_key);
}

void
tsg_municipality_completion_attach (TsgMunicipalityCompletion *self,
                                    GtkEntry                  *entry)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  GtkCellRenderer *kana;

  g_return_if_fail (TSG_IS_MUNICIPALITY_COMPLETION (self));
  g_return_if_fail (GTK_IS_ENTRY (entry));

  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->store));
  gtk_entry_completion_set_text_column (completion, COL_NAME);
  gtk_entry_completion_set_match_func (completion, match_func, g_object_ref (self), g_object_unref);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_completion (completion, TRUE);
  gtk_entry_completion_set_popup_set_width (completion, TRUE);
  /* The reading beside the name tells 川崎町 (宮城県) from 川崎市. */
  kana = gtk_cell_renderer_text_new ();
  g_object_set (kana, "foreground", "gray", "xpad", 12, NULL);
  gtk_cell_layout_pack_end (GTK_CELL_LAYOUT (completion), kana, FALSE);
  gtk_cell_layout_add_attribute (GTK_CELL_LAYOUT (completion), kana, "text", COL_KANA);
  gtk_entry_set_completion (entry, completion);
}

char *
tsg_municipality_completion_resolve (TsgMunicipalityCompletion *self,
                                     const char                *text,
                                     guint                     *n_matches)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  char *only = NULL;
  guint n = 0;
  GtkTreeIter iter;

  g_return_val_if_fail (TSG_IS_MUNICIPALITY_COMPLETION (self), NULL);

  if (n_matches != NULL)
    *n_matches = 0;
  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  folded = tsg_fold_for_search (stripped);

  if (gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        g_autofree char *name = NULL;

        gtk_tree_model_get (model, &iter, COL_NAME, &name, -1);
        if (g_str_equal (name, stripped))
          {
            g_free (only);
            if (n_matches != NULL)
              *n_matches = 1;
            return g_steal_pointer (&name);
          }
        if (row_matches (model, &iter, folded))
          {
            n++;
            if (only == NULL)
              only = g_steal_pointer (&name);
          }
      }
    while (gtk_tree_model_iter_next (model, &iter));

  if (n_matches != NULL)
    *n_matches = n;
  if (n != 1)
    g_clear_pointer (&only, g_free);
  return only;
}

static void
tsg_municipality_completion_finalize (GObject *object)
{
  TsgMunicipalityCompletion *self = TSG_MUNICIPALITY_COMPLETION (object);

  g_free (self->key);
  g_free (self->folded_key);
  G_OBJECT_CLASS (tsg_municipality_completion_parent_class)->finalize (object);
}

static void
tsg_municipality_completion_class_init (TsgMunicipalityCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsg_municipality_completion_finalize;
}

static void
tsg_municipality_completion_init (TsgMunicipalityCompletion *self)
{
  if (shared_store == NULL)
    shared_store = load_store ();
  self->store = shared_store;
}

TsgMunicipalityCompletion *
tsg_municipality_completion_new (void)
{
  return g_object_new (TSG_TYPE_MUNICIPALITY_COMPLETION, NULL);
}

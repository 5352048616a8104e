/* tsg-inventory-dialogs.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinators add the shops, schools and city windows that hand out
 * products, and set how much each should hold of each item (a par level
 * per point and item, not one office-wide minimum); new kinds of products
 * come and go. Small forms (TsgFormDialog): keyboard first, the message at
 * the field that is wrong, nothing saved until everything is right.
 */
#define G_LOG_DOMAIN "tsg-inventory-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-form-dialog.h"
#include "tsg-inventory-dialogs.h"

typedef struct
{
  TsgStore          *store;
  TsgActor          *actor;
  gint64             id;
  GPtrArray         *items;    /* TsgItem: the par level fields, in order */
  TsgInventorySaved  saved;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->destroy)
    job->destroy (job->user_data);
  g_object_unref (job->store);
  tsg_actor_unref (job->actor);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job);
}

static Job *
job_new (TsgStore          *store,
         TsgActor          *actor,
         gint64             id,
         TsgInventorySaved  saved,
         gpointer           user_data,
         GDestroyNotify     destroy)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (store);
  job->actor = tsg_actor_ref (actor);
  job->id = id;
  job->saved = saved;
  job->user_data = user_data;
  job->destroy = destroy;
  return job;
}

/* --- a distribution point ------------------------------------------------- */

static char *
par_key (guint i)
{
  return g_strdup_printf ("par-%u", i);
}

static gboolean
save_point (TsgFormDialog *form,
            gpointer       data,
            GError       **error)
{
  Job *job = data;
  g_autoptr(TsgPoint) point = NULL;
  gint64 id;

  if (job->id > 0)
    {
      if (!(point = tsg_store_get_point (job->store, job->actor, job->id, error)))
        return FALSE;
    }
  else
    point = g_new0 (TsgPoint, 1);
  g_free (point->code);
  point->code = tsg_form_dialog_get_text (form, "code");
  g_free (point->name);
  point->name = tsg_form_dialog_get_text (form, "name");
  g_free (point->kind);
  point->kind = tsg_form_dialog_get_text (form, "kind");
  g_free (point->municipality);
  point->municipality = tsg_form_dialog_get_text (form, "municipality");
  g_free (point->address);
  point->address = tsg_form_dialog_get_text (form, "address");
  g_free (point->contact_person);
  point->contact_person = tsg_form_dialog_get_text (form, "contact");
  g_free (point->opening_hours);
  point->opening_hours = tsg_form_dialog_get_text (form, "hours");
  point->active = tsg_form_dialog_get_active (form, "active");
  if ((id = tsg_store_save_point (job->store, job->actor, point, error)) == 0)
    return FALSE;
  /* The point is saved: from here a second Save updates it. */
  job->id = id;
  for (guint i = 0; i < job->items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (job->items, i);
      g_autofree char *key = par_key (i);
      gint64 par = tsg_form_dialog_get_number (form, key);

      if (par != MAX (0, tsg_store_get_par_level (job->store, id, item->id)) &&
          !tsg_store_set_par_level (job->store, job->actor, id, item->id, par, error))
        return FALSE;
    }
  if (job->saved)
    job->saved (job->user_data, id);
  return TRUE;
}

void
tsg_point_dialog_present (GtkWidget         *parent,
                          TsgStore          *store,
                          TsgActor          *actor,
                          gint64             point_id,
                          TsgInventorySaved  saved,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  Job *job = job_new (store, actor, point_id, saved, user_data, destroy);
  g_autoptr(TsgPoint) point = NULL;
  g_autoptr(GError) error = NULL;
  TsgFormDialog *form;

  if (point_id > 0 && !(point = tsg_store_get_point (store, actor, point_id, &error)))
    {
      g_warning ("Cannot read distribution point %" G_GINT64_FORMAT ": %s", point_id, error->message);
      job_free (job);
      return;
    }
  if (!(job->items = tsg_store_list_items (store, actor, FALSE, &error)))
    {
      g_warning ("Cannot list the items: %s", error->message);
      job_free (job);
      return;
    }
  form = tsg_form_dialog_new (parent, point ? _("Distribution Point") : _("New Distribution Point"), NULL);
  tsg_form_dialog_set_intro (form, _("Where products are handed out. The code is what flyers and "
                                     "“heard of us through” name; the par level is how many of each "
                                     "item the point should hold (0: none set)."));
  tsg_form_dialog_add_entry (form, "name", C_("a place or a product", "Name"), point ? point->name : NULL, _("e.g. Nakahara Library"));
  tsg_form_dialog_add_entry (form, "code", _("Code"), point ? point->code : NULL, _("e.g. P-NAKAHARA-LIB"));
  tsg_form_dialog_add_choice (form, "kind", _("Kind"), tsg_point_kinds, NULL, point ? point->kind : "supermarket");
  tsg_form_dialog_add_entry (form, "municipality", _("Municipality"), point ? point->municipality : NULL, NULL);
  tsg_form_dialog_add_entry (form, "address", _("Address"), point ? point->address : NULL, NULL);
  tsg_form_dialog_add_entry (form, "contact", _("Contact person"), point ? point->contact_person : NULL, NULL);
  tsg_form_dialog_add_entry (form, "hours", _("Opening hours"), point ? point->opening_hours : NULL,
                             _("e.g. Mon–Fri 9:00–17:00"));
  tsg_form_dialog_add_check (form, "active", _("Hands out products now"), point ? point->active : TRUE);
  for (guint i = 0; i < job->items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (job->items, i);
      g_autofree char *key = par_key (i);
      /* translators: a field of the distribution point form: the par level of an item */
      g_autofree char *label = g_strdup_printf (_("Par: %s"), item->name);
      gint64 par = point_id > 0 ? tsg_store_get_par_level (store, point_id, item->id) : -1;

      tsg_form_dialog_add_number (form, key, label, 0, 100000, (int) MAX (0, par));
    }
  tsg_form_dialog_set_save_func (form, save_point, job, job_free);
  tsg_form_dialog_present (form);
}

/* --- an item -------------------------------------------------------------- */

static gboolean
save_item (TsgFormDialog *form,
           gpointer       data,
           GError       **error)
{
  Job *job = data;
  g_autoptr(TsgItem) item = NULL;
  gint64 id;

  if (job->id > 0)
    {
      if (!(item = tsg_store_get_item (job->store, job->actor, job->id, error)))
        return FALSE;
    }
  else
    item = g_new0 (TsgItem, 1);
  g_free (item->code);
  item->code = tsg_form_dialog_get_text (form, "code");
  g_free (item->name);
  item->name = tsg_form_dialog_get_text (form, "name");
  g_free (item->category);
  item->category = tsg_form_dialog_get_text (form, "category");
  g_free (item->unit);
  item->unit = tsg_form_dialog_get_text (form, "unit");
  item->pack_size = tsg_form_dialog_get_number (form, "pack-size");
  item->active = tsg_form_dialog_get_active (form, "active");
  if ((id = tsg_store_save_item (job->store, job->actor, item, NULL, 0, error)) == 0)
    return FALSE;
  job->id = id;
  if (job->saved)
    job->saved (job->user_data, id);
  return TRUE;
}

void
tsg_item_dialog_present (GtkWidget         *parent,
                         TsgStore          *store,
                         TsgActor          *actor,
                         gint64             item_id,
                         TsgInventorySaved  saved,
                         gpointer           user_data,
                         GDestroyNotify     destroy)
{
  Job *job = job_new (store, actor, item_id, saved, user_data, destroy);
  g_autoptr(TsgItem) item = NULL;
  g_autoptr(GError) error = NULL;
  TsgFormDialog *form;

  if (item_id > 0 && !(item = tsg_store_get_item (store, actor, item_id, &error)))
    {
      g_warning ("Cannot read item %" G_GINT64_FORMAT ": %s", item_id, error->message);
      job_free (job);
      return;
    }
  form = tsg_form_dialog_new (parent, item ? _("Item") : _("New Item"), NULL);
  tsg_form_dialog_add_entry (form, "name", C_("a place or a product", "Name"), item ? item->name : NULL, _("e.g. Day pads (regular)"));
  tsg_form_dialog_add_entry (form, "code", _("Code"), item ? item->code : NULL, _("e.g. PAD-DAY"));
  tsg_form_dialog_add_choice (form, "category", _("Category"), tsg_item_categories, NULL,
                              item ? item->category : "pads_day");
  tsg_form_dialog_add_entry (form, "unit", _("Unit"), item ? item->unit : NULL, _("e.g. pack"));
  tsg_form_dialog_add_number (form, "pack-size", _("Pieces in a unit"), 1, 10000, item ? item->pack_size : 1);
  tsg_form_dialog_add_check (form, "active", _("In use"), item ? item->active : TRUE);
  tsg_form_dialog_set_save_func (form, save_item, job, job_free);
  tsg_form_dialog_present (form);
}

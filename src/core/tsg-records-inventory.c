/* tsg-records-inventory.c: items, distribution points and stock movements
 * in records JSON (the format is in tsg-records-inventory.h)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No SQL here: every row goes through the inventory store, which checks it
 * like a row typed in the window. The framework runs the whole import in one
 * transaction, so the first bad element leaves the database untouched.
 */
#define G_LOG_DOMAIN "tsg-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-records-inventory.h"
#include "tsg-records-private.h"
#include "tsg-store-flyers.h"
#include "tsg-store-inventory.h"

/* --- shared ------------------------------------------------------------- */

static JsonObject *
element_object (TsgRecordsContext *context,
                const char        *key,
                JsonArray         *array,
                guint              index,
                GError           **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      tsg_records_set_error (context, error, key, index, NULL, _("each element must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gint64
item_by_code (TsgStore          *store,
              TsgRecordsContext *context,
              const char        *key,
              guint              index,
              const char        *member,
              const char        *code,
              GError           **error)
{
  gint64 id = code ? tsg_store_find_item (store, code) : 0;

  if (id == 0)
    tsg_records_set_error (context, error, key, index, member,
                           _("no item has the code \"%s\""), code ? code : "");
  return id;
}

static gint64
point_by_code (TsgStore          *store,
               TsgActor          *actor,
               TsgRecordsContext *context,
               const char        *key,
               guint              index,
               const char        *member,
               const char        *code,
               GError           **error)
{
  gint64 id = code ? tsg_store_find_point (store, actor, code, NULL) : 0;

  if (id == 0)
    tsg_records_set_error (context, error, key, index, member,
                           _("no distribution point has the code \"%s\""), code ? code : "");
  return id;
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

/* --- items -------------------------------------------------------------- */

static const char *const item_members[] = {
  "code", "name", "category", "unit", "pack_size", "is_kit", "active", "components", NULL
};
static const char *const component_members[] = { "item", "quantity", NULL };

static gboolean
read_components (TsgStore          *store,
                 TsgRecordsContext *context,
                 guint              index,
                 JsonObject        *object,
                 GArray            *components,
                 GError           **error)
{
  JsonNode *node = json_object_get_member (object, "components");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      tsg_records_set_error (context, error, "items", index, "components", _("must be an array"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *el = json_array_get_element (array, j);
      JsonObject *comp;
      const char *code = NULL;
      gint64 quantity = 1;
      TsgKitComponent c;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          tsg_records_set_error (context, error, "items", index, "components", _("each component must be an object"));
          return FALSE;
        }
      comp = json_node_get_object (el);
      if (!tsg_records_check_members (context, "items", index, comp, component_members, error) ||
          !tsg_records_get_string (context, "items", index, comp, "item", TRUE, &code, error) ||
          !tsg_records_get_int (context, "items", index, comp, "quantity", FALSE, &quantity, error))
        return FALSE;
      c.item_id = item_by_code (store, context, "items", index, "components", code, error);
      c.quantity = (int) CLAMP (quantity, G_MININT, G_MAXINT);
      if (c.item_id == 0)
        return FALSE;
      g_array_append_val (components, c);
    }
  return TRUE;
}

gboolean
_tsg_records_import_items (TsgStore          *store,
                           TsgActor          *actor,
                           JsonArray         *array,
                           TsgRecordsContext *context,
                           GError           **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (context, "items", array, i, error);
      g_autoptr(GArray) components = g_array_new (FALSE, FALSE, sizeof (TsgKitComponent));
      const char *unit = NULL, *category = NULL;
      gint64 pack_size = 1;
      TsgItem item = { 0 };

      if (object == NULL ||
          !tsg_records_check_members (context, "items", i, object, item_members, error) ||
          !tsg_records_get_string (context, "items", i, object, "code", TRUE, (const char **) &item.code, error) ||
          !tsg_records_get_string (context, "items", i, object, "name", TRUE, (const char **) &item.name, error) ||
          !tsg_records_get_enum (context, "items", i, object, "category", tsg_item_categories, TRUE, &category, error) ||
          !tsg_records_get_string (context, "items", i, object, "unit", FALSE, &unit, error) ||
          !tsg_records_get_int (context, "items", i, object, "pack_size", FALSE, &pack_size, error))
        return FALSE;
      item.category = (char *) category;
      item.unit = (char *) unit;
      item.pack_size = (int) CLAMP (pack_size, G_MININT, G_MAXINT);
      item.is_kit = g_strcmp0 (category, "kit") == 0;
      item.active = TRUE;
      if (!tsg_records_get_bool (context, "items", i, object, "is_kit", &item.is_kit, error) ||
          !tsg_records_get_bool (context, "items", i, object, "active", &item.active, error) ||
          !read_components (store, context, i, object, components, error))
        return FALSE;
      item.id = tsg_store_find_item (store, item.code);
      if (tsg_store_save_item (store, actor, &item, (TsgKitComponent *) components->data, components->len,
                               error) == 0)
        {
          tsg_records_prefix_error (context, error, "items", i);
          return FALSE;
        }
      if (!_tsg_records_tick (context, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tsg_records_export_items (TsgStore          *store,
                           TsgActor          *actor,
                           JsonBuilder       *b,
                           TsgRecordsContext *context,
                           GError           **error)
{
  g_autoptr(GPtrArray) items = tsg_store_list_items (store, actor, TRUE, error);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (items, i);
      g_hash_table_insert (codes, &item->id, item->code);
    }
  /* Kits last: their components must be read first on import. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < items->len; i++)
      {
        TsgItem *item = g_ptr_array_index (items, i);

        if (item->is_kit != (pass == 1))
          continue;
        json_builder_begin_object (b);
        add_string (b, "code", item->code);
        add_string (b, "name", item->name);
        add_string (b, "category", item->category);
        add_string (b, "unit", item->unit);
        add_int (b, "pack_size", item->pack_size);
        add_bool (b, "is_kit", item->is_kit);
        add_bool (b, "active", item->active);
        if (item->is_kit)
          {
            g_autoptr(GArray) components = tsg_store_get_kit_components (store, item->id);

            json_builder_set_member_name (b, "components");
            json_builder_begin_array (b);
            for (guint j = 0; j < components->len; j++)
              {
                TsgKitComponent *c = &g_array_index (components, TsgKitComponent, j);

                json_builder_begin_object (b);
                add_string (b, "item", g_hash_table_lookup (codes, &c->item_id));
                add_int (b, "quantity", c->quantity);
                json_builder_end_object (b);
              }
            json_builder_end_array (b);
          }
        json_builder_end_object (b);
      }
  return TRUE;
}

/* --- distribution points ------------------------------------------------ */

static const char *const point_members[] = {
  "code", "name", "kind", "address", "municipality", "contact_person", "opening_hours",
  "is_office", "active", "par_levels", NULL
};
static const char *const par_members[] = { "item", "par", NULL };

static gboolean
import_par_levels (TsgStore          *store,
                   TsgActor          *actor,
                   TsgRecordsContext *context,
                   guint              index,
                   JsonObject        *object,
                   gint64             point_id,
                   GError           **error)
{
  JsonNode *node = json_object_get_member (object, "par_levels");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      tsg_records_set_error (context, error, "distribution_points", index, "par_levels", _("must be an array"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *el = json_array_get_element (array, j);
      const char *code = NULL;
      gint64 par = 0, item_id;
      JsonObject *level;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          tsg_records_set_error (context, error, "distribution_points", index, "par_levels",
                                 _("each par level must be an object"));
          return FALSE;
        }
      level = json_node_get_object (el);
      if (!tsg_records_check_members (context, "distribution_points", index, level, par_members, error) ||
          !tsg_records_get_string (context, "distribution_points", index, level, "item", TRUE, &code, error) ||
          !tsg_records_get_int (context, "distribution_points", index, level, "par", TRUE, &par, error) ||
          !(item_id = item_by_code (store, context, "distribution_points", index, "par_levels", code, error)))
        return FALSE;
      if (!tsg_store_set_par_level (store, actor, point_id, item_id, par, error))
        {
          tsg_records_prefix_error (context, error, "distribution_points", index);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_tsg_records_import_points (TsgStore          *store,
                            TsgActor          *actor,
                            JsonArray         *array,
                            TsgRecordsContext *context,
                            GError           **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (context, "distribution_points", array, i, error);
      const char *kind = NULL;
      TsgPoint point = { 0 };
      const char *key = "distribution_points";
      gint64 id;

      point.active = TRUE;
      if (object == NULL ||
          !tsg_records_check_members (context, key, i, object, point_members, error) ||
          !tsg_records_get_string (context, key, i, object, "code", TRUE, (const char **) &point.code, error) ||
          !tsg_records_get_string (context, key, i, object, "name", TRUE, (const char **) &point.name, error) ||
          !tsg_records_get_enum (context, key, i, object, "kind", tsg_point_kinds, TRUE, &kind, error) ||
          !tsg_records_get_string (context, key, i, object, "address", FALSE, (const char **) &point.address, error) ||
          !tsg_records_get_string (context, key, i, object, "municipality", FALSE,
                                   (const char **) &point.municipality, error) ||
          !tsg_records_get_string (context, key, i, object, "contact_person", FALSE,
                                   (const char **) &point.contact_person, error) ||
          !tsg_records_get_string (context, key, i, object, "opening_hours", FALSE,
                                   (const char **) &point.opening_hours, error) ||
          !tsg_records_get_bool (context, key, i, object, "is_office", &point.is_office, error) ||
          !tsg_records_get_bool (context, key, i, object, "active", &point.active, error))
        return FALSE;
      point.kind = (char *) kind;
      point.id = tsg_store_find_point (store, actor, point.code, NULL);
      if ((id = tsg_store_save_point (store, actor, &point, error)) == 0)
        {
          tsg_records_prefix_error (context, error, key, i);
          return FALSE;
        }
      if (!import_par_levels (store, actor, context, i, object, id, error) ||
          !_tsg_records_tick (context, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tsg_records_export_points (TsgStore          *store,
                            TsgActor          *actor,
                            JsonBuilder       *b,
                            TsgRecordsContext *context,
                            GError           **error)
{
  g_autoptr(GPtrArray) points = tsg_store_list_points (store, actor, TRUE, error);
  g_autoptr(GPtrArray) items = points ? tsg_store_list_items (store, actor, TRUE, error) : NULL;

  if (points == NULL || items == NULL)
    return FALSE;
  for (guint p = 0; p < points->len; p++)
    {
      TsgPoint *point = g_ptr_array_index (points, p);
      g_autoptr(GArray) levels = tsg_store_get_par_levels (store, point->id);

      json_builder_begin_object (b);
      add_string (b, "code", point->code);
      add_string (b, "name", point->name);
      add_string (b, "kind", point->kind);
      add_string (b, "address", point->address);
      add_string (b, "municipality", point->municipality);
      add_string (b, "contact_person", point->contact_person);
      add_string (b, "opening_hours", point->opening_hours);
      add_bool (b, "is_office", point->is_office);
      add_bool (b, "active", point->active);
      json_builder_set_member_name (b, "par_levels");
      json_builder_begin_array (b);
      for (guint j = 0; j < levels->len; j++)
        {
          TsgParLevel *level = &g_array_index (levels, TsgParLevel, j);

          for (guint i = 0; i < items->len; i++)
            if (((TsgItem *) g_ptr_array_index (items, i))->id == level->item_id)
              {
                json_builder_begin_object (b);
                add_string (b, "item", ((TsgItem *) g_ptr_array_index (items, i))->code);
                add_int (b, "par", level->par);
                json_builder_end_object (b);
              }
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  return TRUE;
}

/* --- stock movements ---------------------------------------------------- */

static const char *const movement_members[] = {
  "occurred_at", "kind", "item", "from", "to", "quantity", "source", "cost_yen", "funding_source",
  "client_ref", "reason", NULL
};

gboolean
_tsg_records_import_movements (TsgStore          *store,
                               TsgActor          *actor,
                               JsonArray         *array,
                               TsgRecordsContext *context,
                               GError           **error)
{
  const char *key = "stock_movements";

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (context, key, array, i, error);
      const char *kind = NULL, *item = NULL, *from = NULL, *to = NULL;
      g_autofree char *client_ref = NULL;
      gint64 client_id = 0;
      TsgMovementSpec spec;

      tsg_movement_spec_init (&spec, TSG_MOVEMENT_RECEIPT);
      if (object == NULL ||
          !tsg_records_check_members (context, key, i, object, movement_members, error) ||
          !tsg_records_get_time (context, key, i, object, "occurred_at", TRUE, &spec.occurred_at, error) ||
          !tsg_records_get_enum (context, key, i, object, "kind", tsg_movement_kinds, TRUE, &kind, error) ||
          !tsg_records_get_string (context, key, i, object, "item", TRUE, &item, error) ||
          !tsg_records_get_string (context, key, i, object, "from", FALSE, &from, error) ||
          !tsg_records_get_string (context, key, i, object, "to", FALSE, &to, error) ||
          !tsg_records_get_int (context, key, i, object, "quantity", TRUE, &spec.quantity, error) ||
          !tsg_records_get_string (context, key, i, object, "source", FALSE, &spec.source, error) ||
          !tsg_records_get_int (context, key, i, object, "cost_yen", FALSE, &spec.cost_yen, error) ||
          !tsg_records_get_string (context, key, i, object, "funding_source", FALSE, &spec.funding_source, error) ||
          !tsg_records_get_ref (context, key, i, object, "client_ref", &client_ref, error) ||
          !tsg_records_get_string (context, key, i, object, "reason", FALSE, &spec.reason, error))
        return FALSE;
      for (guint k = 0; k <= TSG_MOVEMENT_COUNT; k++)
        if (g_strcmp0 (tsg_movement_kind_to_id ((TsgMovementKind) k), kind) == 0)
          spec.kind = (TsgMovementKind) k;
      if (!(spec.item_id = item_by_code (store, context, key, i, "item", item, error)) ||
          (from && !(spec.from_point_id = point_by_code (store, actor, context, key, i, "from", from, error))) ||
          (to && !(spec.to_point_id = point_by_code (store, actor, context, key, i, "to", to, error))))
        return FALSE;
      if (client_ref != NULL)
        {
          gint64 *id = g_hash_table_lookup (context->client_refs, client_ref);

          if (id == NULL)
            {
              tsg_records_set_error (context, error, key, i, "client_ref",
                                     _("\"%s\" names no client of the file"), client_ref);
              return FALSE;
            }
          client_id = *id;
        }
      if (!tsg_store_import_movement (store, actor, &spec, client_id, error))
        {
          tsg_records_prefix_error (context, error, key, i);
          return FALSE;
        }
      if (!_tsg_records_tick (context, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
export_movement (const TsgMovementRecord *r,
                 gpointer                 user_data,
                 GError                 **error)
{
  TsgRecordsWriter *writer = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *when = tsg_records_format_time (r->occurred_at);

  json_builder_begin_object (b);
  add_string (b, "occurred_at", when);
  add_string (b, "kind", r->kind);
  add_string (b, "item", r->item_code);
  add_string (b, "from", r->from_code);
  add_string (b, "to", r->to_code);
  add_int (b, "quantity", r->quantity);
  add_string (b, "source", r->source);
  if (r->cost_yen >= 0)
    add_int (b, "cost_yen", r->cost_yen);
  add_string (b, "funding_source", r->funding_source);
  add_string (b, "client_ref", r->client_code);
  add_string (b, "reason", r->reason);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return tsg_records_writer_add (writer, node, error);
}

gboolean
_tsg_records_export_movements (TsgStore          *store,
                               TsgActor          *actor,
                               TsgRecordsWriter  *writer,
                               TsgRecordsContext *context,
                               GError           **error)
{
  return tsg_store_foreach_movement (store, actor, export_movement, writer, error);
}

/* tsg-row.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-row"

#include "config.h"

#include "tsg-row.h"

struct _TsgRow
{
  GObject parent_instance;
  gint64  id;
  GStrv   values;
  guint   n_values;
};

G_DEFINE_FINAL_TYPE (TsgRow, tsg_row, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
tsg_row_finalize (GObject *object)
{
  TsgRow *self = TSG_ROW (object);

  g_strfreev (self->values);
  G_OBJECT_CLASS (tsg_row_parent_class)->finalize (object);
}

static void
tsg_row_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TsgRow *self = TSG_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_row_class_init (TsgRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsg_row_finalize;
  object_class->get_property = tsg_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsg_row_init (TsgRow *self)
{
}

/* Takes ownership of @values. */
TsgRow *
tsg_row_new (gint64 id,
             GStrv  values)
{
  TsgRow *self = g_object_new (TSG_TYPE_ROW, NULL);

  self->id = id;
  self->values = values;
  self->n_values = values ? g_strv_length (values) : 0;
  return self;
}

gint64
tsg_row_get_id (TsgRow *self)
{
  g_return_val_if_fail (TSG_IS_ROW (self), 0);
  return self->id;
}

guint
tsg_row_get_n_values (TsgRow *self)
{
  g_return_val_if_fail (TSG_IS_ROW (self), 0);
  return self->n_values;
}

const char *
tsg_row_get_value (TsgRow *self,
                   guint   column)
{
  g_return_val_if_fail (TSG_IS_ROW (self), "");
  if (column >= self->n_values)
    return "";
  return self->values[column];
}

gint64
tsg_row_get_int (TsgRow *self,
                 guint   column)
{
  return g_ascii_strtoll (tsg_row_get_value (self, column), NULL, 10);
}

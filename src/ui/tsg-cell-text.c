/* tsg-cell-text.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of one cell of a long list: one line, ellipsized at the end,
 * left-aligned. A list builds a screenful of these (rows × columns) each
 * time it shows a new page, and GTK 4.8's GtkInscription and GtkLabel each
 * make their own PangoContext and compute the font's metrics for it: most
 * of the cost of a call log's first page. This widget lays its text out
 * with its window's context instead, whose metrics Pango caches once.
 */
#define G_LOG_DOMAIN "tsg-cell-text"

#include "config.h"

#include "tsg-cell-text.h"

#define NAT_CHARS 8

struct _TsgCellText
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;   /* on the context it was made from */
};

G_DEFINE_FINAL_TYPE (TsgCellText, tsg_cell_text, GTK_TYPE_WIDGET)

/* The window's context: GTK keeps it up to date (fonts, text scaling). */
static PangoContext *
shared_context (TsgCellText *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return gtk_widget_get_pango_context (native ? GTK_WIDGET (native) : GTK_WIDGET (self));
}

static PangoLayout *
ensure_layout (TsgCellText *self)
{
  PangoContext *context = shared_context (self);

  if (self->layout != NULL && pango_layout_get_context (self->layout) != context)
    g_clear_object (&self->layout);
  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (self->layout, self->text ? self->text : "", -1);
    }
  else
    pango_layout_context_changed (self->layout);
  return self->layout;
}

static void
tsg_cell_text_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PangoContext *context = shared_context (TSG_CELL_TEXT (widget));
  /* Cached by Pango per context, font and language: cheap after the first. */
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                          pango_font_metrics_get_approximate_digit_width (metrics)));
      *minimum = width;
      *natural = width * NAT_CHARS;
    }
  else
    {
      int ascent = pango_font_metrics_get_ascent (metrics);
      int descent = pango_font_metrics_get_descent (metrics);

      *minimum = *natural = PANGO_PIXELS_CEIL (ascent + descent);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (ascent);
    }
  pango_font_metrics_unref (metrics);
}

static void
tsg_cell_text_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TsgCellText *self = TSG_CELL_TEXT (widget);
  PangoLayout *layout;
  GdkRGBA color;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  layout = ensure_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
tsg_cell_text_finalize (GObject *object)
{
  TsgCellText *self = TSG_CELL_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (tsg_cell_text_parent_class)->finalize (object);
}

static void
tsg_cell_text_class_init (TsgCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tsg_cell_text_finalize;
  widget_class->measure = tsg_cell_text_measure;
  widget_class->snapshot = tsg_cell_text_snapshot;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tsg_cell_text_init (TsgCellText *self)
{
}

GtkWidget *
tsg_cell_text_new (void)
{
  return g_object_new (TSG_TYPE_CELL_TEXT, NULL);
}

void
tsg_cell_text_set_text (TsgCellText *self,
                        const char  *text)
{
  g_return_if_fail (TSG_IS_CELL_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
tsg_cell_text_get_text (TsgCellText *self)
{
  g_return_val_if_fail (TSG_IS_CELL_TEXT (self), NULL);
  return self->text;
}

/* tsg-preview-panel.c: a dock panel showing a PDF, rendered off the main thread
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is a GtkPicture sized to the page at the current zoom. Only the
 * pages in view (and one either side) are rendered, each by a GTask in a
 * worker thread; a page far out of view gives its texture back. While a page
 * is re-rendered at a new zoom, its old texture stays on screen, stretched.
 */
#define G_LOG_DOMAIN "tsg-preview-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-pdf-render.h"
#include "tsg-preview-panel-private.h"
#include "tsg-window.h"

#define PAGE_MARGIN  12
#define PAGE_SPACING 12
#define MIN_ZOOM     0.1
#define MAX_ZOOM     8.0
/* 100 % shows a page at its printed size on a 96 dpi screen. */
#define PIXELS_PER_POINT (96.0 / 72.0)
/* Rendered ahead of the visible pages, and kept behind them, in pages. */
#define PREFETCH 1
#define KEEP     3

typedef enum
{
  ZOOM_FIT_WIDTH,
  ZOOM_FIT_PAGE,
  ZOOM_FREE,
} ZoomMode;

typedef struct
{
  GtkWidget    *picture;
  double        rendered_ppp;  /* device pixels per point of the texture shown; 0 = none */
  double        pending_ppp;   /* of the render in progress; 0 = none */
  GCancellable *cancellable;
} Page;

typedef struct
{
  TsgPdfDoc *doc;
  guint      index;
  guint      generation;
  double     ppp;
} RenderJob;

struct _TsgPreviewPanel
{
  PanelWidget          parent_instance;

  /* Template widgets */
  GtkSpinButton       *page_spin;
  GtkLabel            *n_pages_label;
  GtkMenuButton       *zoom_button;
  GtkWidget           *refresh_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkBox              *pages_box;
  AdwStatusPage       *error_page;

  /* The document */
  GBytes              *pdf;
  char                *suggested_filename;
  char                *error_message;
  TsgPdfDoc           *doc;
  GArray              *pages;           /* of Page */
  guint                generation;      /* bumped by every set_pdf */
  GCancellable        *cancellable;     /* the load of this generation */

  /* View state */
  ZoomMode             zoom_mode;
  double               zoom;            /* 1.0 = 100 % */
  double               laid_out_zoom;
  guint                current_page;
  double               restore_scroll;  /* < 0: nothing to restore */
  guint                restore_tick;
  guint                restore_tries;
  guint                update_source;
  gboolean             updating_spin;

  GtkFileChooserNative *save_chooser;

  TsgPreviewRegenerate regenerate;
  gpointer             regenerate_data;
  GDestroyNotify       regenerate_destroy;
};

G_DEFINE_FINAL_TYPE (TsgPreviewPanel, tsg_preview_panel, PANEL_TYPE_WIDGET)

enum { SIGNAL_PAGE_RENDERED, SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const double zoom_steps[] = { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0 };

static void queue_update (TsgPreviewPanel *self);

static void
page_clear (gpointer data)
{
  Page *page = data;

  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  tsg_pdf_doc_unref (job->doc);
  g_free (job);
}

static GtkAdjustment *
vadjustment (TsgPreviewPanel *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static guint
n_pages (TsgPreviewPanel *self)
{
  return self->pages ? self->pages->len : 0;
}

static int
page_pixels (double points,
             double zoom)
{
  return MAX (1, (int) round (points * PIXELS_PER_POINT * zoom));
}

static void
update_actions (TsgPreviewPanel *self)
{
  gboolean loaded = self->doc != NULL && n_pages (self) > 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "preview.print", loaded);
  gtk_widget_action_set_enabled (widget, "preview.save-as", loaded);
  gtk_widget_action_set_enabled (widget, "preview.zoom-in", loaded && self->zoom < MAX_ZOOM - 0.001);
  gtk_widget_action_set_enabled (widget, "preview.zoom-out", loaded && self->zoom > MIN_ZOOM + 0.001);
  gtk_widget_action_set_enabled (widget, "preview.fit-width", loaded);
  gtk_widget_action_set_enabled (widget, "preview.fit-page", loaded);
  gtk_widget_action_set_enabled (widget, "preview.zoom-to", loaded);
  gtk_widget_action_set_enabled (widget, "preview.previous-page", loaded && self->current_page > 0);
  gtk_widget_action_set_enabled (widget, "preview.next-page", loaded && self->current_page + 1 < n_pages (self));
  gtk_widget_action_set_enabled (widget, "preview.refresh", self->regenerate != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_spin), loaded);
}

static void
update_zoom_label (TsgPreviewPanel *self)
{
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;

  /* translators: a zoom level, e.g. 125% */
  label = g_strdup_printf (_("%d%%"), (int) round (self->zoom * 100));
  gtk_menu_button_set_label (self->zoom_button, label);
  /* translators: accessible name of the zoom button, e.g. "Zoom level 125%" */
  accessible = g_strdup_printf (_("Zoom level %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* The zoom the mode asks for at the scroller's present size. */
static double
compute_zoom (TsgPreviewPanel *self)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  double width = gtk_adjustment_get_page_size (h);
  double height = gtk_adjustment_get_page_size (vadjustment (self));
  double max_w = 0, max_h = 0, zoom;

  if (self->zoom_mode == ZOOM_FREE || self->doc == NULL || width < 2 * PAGE_MARGIN + 16)
    return self->zoom;
  for (guint i = 0; i < n_pages (self); i++)
    {
      double w, hh;
      tsg_pdf_doc_get_page_size (self->doc, i, &w, &hh);
      max_w = MAX (max_w, w);
      max_h = MAX (max_h, hh);
    }
  zoom = (width - 2 * PAGE_MARGIN) / (max_w * PIXELS_PER_POINT);
  if (self->zoom_mode == ZOOM_FIT_PAGE && height > 2 * PAGE_MARGIN)
    zoom = MIN (zoom, (height - 2 * PAGE_MARGIN) / (max_h * PIXELS_PER_POINT));
  return CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
}

static void
relayout (TsgPreviewPanel *self)
{
  self->zoom = compute_zoom (self);
  if (fabs (self->zoom - self->laid_out_zoom) < 1e-4)
    return;
  for (guint i = 0; i < n_pages (self); i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);
      double w, h;

      tsg_pdf_doc_get_page_size (self->doc, i, &w, &h);
      gtk_widget_set_size_request (page->picture, page_pixels (w, self->zoom), page_pixels (h, self->zoom));
    }
  self->laid_out_zoom = self->zoom;
  update_zoom_label (self);
  update_actions (self);
}

static void
on_page_rendered_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->generation != self->generation || job->index >= n_pages (self))
    return;
  page = &g_array_index (self->pages, Page, job->index);
  if (texture == NULL)
    {
      /* A cancelled render was replaced by a newer one; a failed one stays
       * pending so it is not retried in a loop. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Failed to render page %u: %s", job->index + 1, error->message);
      return;
    }
  if (page->pending_ppp != job->ppp)
    return;
  gtk_picture_set_paintable (GTK_PICTURE (page->picture), GDK_PAINTABLE (texture));
  page->rendered_ppp = job->ppp;
  page->pending_ppp = 0;
  g_clear_object (&page->cancellable);
  g_signal_emit (self, signals[SIGNAL_PAGE_RENDERED], 0, job->index);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  GdkTexture *texture = tsg_pdf_doc_render_page (job->doc, job->index, job->ppp, cancellable, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
request_render (TsgPreviewPanel *self,
                guint            index,
                double           ppp)
{
  Page *page = &g_array_index (self->pages, Page, index);
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (page->rendered_ppp == ppp || page->pending_ppp == ppp)
    return;
  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  page->cancellable = g_cancellable_new ();
  page->pending_ppp = ppp;

  job = g_new0 (RenderJob, 1);
  job->doc = tsg_pdf_doc_ref (self->doc);
  job->index = index;
  job->generation = self->generation;
  job->ppp = ppp;
  task = g_task_new (self, page->cancellable, on_page_rendered_cb, NULL);
  g_task_set_source_tag (task, request_render);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static void
forget_render (TsgPreviewPanel *self,
               guint            index)
{
  Page *page = &g_array_index (self->pages, Page, index);

  page_clear (page);
  page->pending_ppp = 0;
  if (page->rendered_ppp > 0)
    {
      gtk_picture_set_paintable (GTK_PICTURE (page->picture), NULL);
      page->rendered_ppp = 0;
    }
}

static void
set_current_page (TsgPreviewPanel *self,
                  guint            index)
{
  if (self->current_page == index && gtk_spin_button_get_value_as_int (self->page_spin) == (int) index + 1)
    return;
  self->current_page = index;
  self->updating_spin = TRUE;
  gtk_spin_button_set_value (self->page_spin, index + 1);
  self->updating_spin = FALSE;
  update_actions (self);
}

/* Renders what is in view, drops what is far out of it, and follows the
 * current page (the one under the upper third of the view). */
static void
update_visible (TsgPreviewPanel *self)
{
  GtkAdjustment *v = vadjustment (self);
  double top = gtk_adjustment_get_value (v);
  double height = gtk_adjustment_get_page_size (v);
  double ppp = PIXELS_PER_POINT * self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double y = PAGE_MARGIN;
  int first = -1, last = -1;
  guint current = 0;

  if (self->doc == NULL || n_pages (self) == 0)
    return;
  if (height <= 0)
    height = 800;
  for (guint i = 0; i < n_pages (self); i++)
    {
      double w, h;
      int ph;

      tsg_pdf_doc_get_page_size (self->doc, i, &w, &h);
      ph = page_pixels (h, self->zoom);
      if (y < top + height && y + ph > top)
        {
          if (first < 0)
            first = (int) i;
          last = (int) i;
        }
      if (y <= top + height / 3)
        current = i;
      y += ph + PAGE_SPACING;
    }
  if (first < 0)
    first = last = (int) current;

  for (int i = 0; i < (int) n_pages (self); i++)
    {
      if (i >= first - PREFETCH && i <= last + PREFETCH)
        request_render (self, (guint) i, ppp);
      else if (i < first - KEEP || i > last + KEEP)
        forget_render (self, (guint) i);
    }
  /* While a scroll waits for the layout, the page asked for stays current. */
  if (self->restore_scroll < 0)
    set_current_page (self, current);
}

/* A scroll asked for before the new page sizes are laid out would be
 * clamped to the old height: retry on the next frames until it holds. */
static gboolean
restore_scroll_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);
  GtkAdjustment *v = vadjustment (self);

  if (self->restore_scroll < 0)
    {
      self->restore_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (v, self->restore_scroll);
  if (fabs (gtk_adjustment_get_value (v) - self->restore_scroll) < 1 || ++self->restore_tries > 30)
    {
      self->restore_scroll = -1;
      self->restore_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
scroll_later (TsgPreviewPanel *self,
              double           value)
{
  self->restore_scroll = value;
  self->restore_tries = 0;
  if (self->restore_tick == 0)
    self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_tick_cb, NULL, NULL);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  TsgPreviewPanel *self = user_data;

  self->update_source = 0;
  /* Fitting needs the scroller's size: before it is allocated, rendering
   * would be at a zoom about to change (its page-size notify comes back). */
  if (self->zoom_mode != ZOOM_FREE &&
      gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (self->scroller)) < 2 * PAGE_MARGIN + 16)
    return G_SOURCE_REMOVE;
  relayout (self);
  update_visible (self);
  if (self->restore_scroll >= 0)
    scroll_later (self, self->restore_scroll);
  return G_SOURCE_REMOVE;
}

static void
queue_update (TsgPreviewPanel *self)
{
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

static void
scroll_to_page (TsgPreviewPanel *self,
                guint            index)
{
  double y = PAGE_MARGIN;

  if (self->doc == NULL || index >= n_pages (self))
    return;
  for (guint i = 0; i < index; i++)
    {
      double w, h;
      tsg_pdf_doc_get_page_size (self->doc, i, &w, &h);
      y += page_pixels (h, self->zoom) + PAGE_SPACING;
    }
  y = MAX (0, y - PAGE_MARGIN);
  gtk_adjustment_set_value (vadjustment (self), y);
  if (fabs (gtk_adjustment_get_value (vadjustment (self)) - y) >= 1)
    scroll_later (self, y);
  set_current_page (self, index);
  queue_update (self);
}

static void
clear_document (TsgPreviewPanel *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->doc, tsg_pdf_doc_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  self->laid_out_zoom = 0;
  self->current_page = 0;
}

static void
show_error (TsgPreviewPanel *self,
            const char      *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_actions (self);
}

static void
build_pages (TsgPreviewPanel *self)
{
  guint n = tsg_pdf_doc_get_n_pages (self->doc);
  g_autofree char *of = NULL;

  self->pages = g_array_sized_new (FALSE, TRUE, sizeof (Page), n);
  g_array_set_clear_func (self->pages, page_clear);
  g_array_set_size (self->pages, n);
  for (guint i = 0; i < n; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);
      /* translators: accessible name of one page of a document */
      g_autofree char *name = g_strdup_printf (_("Page %u of %u"), i + 1, n);

      page->picture = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (page->picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (page->picture), GTK_CONTENT_FIT_FILL);
      gtk_picture_set_alternative_text (GTK_PICTURE (page->picture), name);
      gtk_widget_set_halign (page->picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (page->picture, "tsg-page");
      gtk_accessible_update_property (GTK_ACCESSIBLE (page->picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->pages_box, page->picture);
    }
  /* translators: after the page number box: "of 3" pages */
  of = g_strdup_printf (_("of %u"), n);
  gtk_label_set_text (self->n_pages_label, of);
  gtk_spin_button_set_range (self->page_spin, 1, n);
}

static GPtrArray *
keep_textures (TsgPreviewPanel *self)
{
  GPtrArray *textures = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_pages (self); i++)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (g_array_index (self->pages, Page, i).picture));
      if (paintable == NULL)
        break;
      g_ptr_array_add (textures, g_object_ref (paintable));
    }
  return textures;
}

static void
on_document_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TsgPreviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) old = NULL;
  TsgPdfDoc *doc = tsg_pdf_doc_load_finish (result, &error);

  if (doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  old = keep_textures (self);
  clear_document (self);
  self->doc = doc;
  build_pages (self);
  /* Until the new pages are drawn, the old ones stand in (no flash on a
   * refresh); rendered_ppp stays 0 so they are redrawn. */
  for (guint i = 0; i < MIN (old->len, n_pages (self)); i++)
    gtk_picture_set_paintable (GTK_PICTURE (g_array_index (self->pages, Page, i).picture),
                               g_ptr_array_index (old, i));
  gtk_stack_set_visible_child_name (self->stack, "pages");
  update_actions (self);
  /* Lay out and ask for the visible pages now, not after the next frame:
   * the first page is what the person waits for. */
  g_clear_handle_id (&self->update_source, g_source_remove);
  update_idle_cb (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
tsg_preview_panel_set_pdf (TsgPreviewPanel *self,
                           GBytes          *pdf,
                           const char      *suggested_filename)
{
  g_return_if_fail (TSG_IS_PREVIEW_PANEL (self));
  g_return_if_fail (pdf != NULL);

  g_bytes_ref (pdf);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = pdf;
  if (suggested_filename != NULL)
    {
      g_free (self->suggested_filename);
      self->suggested_filename = g_strdup (suggested_filename);
    }
  g_clear_pointer (&self->error_message, g_free);

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The old pages stay on screen until the new document is open, so a
   * refresh after an edit does not flash. */
  if (self->doc == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  tsg_pdf_doc_load_async (pdf, self->cancellable, on_document_loaded_cb, g_object_ref (self));
}

GBytes *
tsg_preview_panel_get_pdf (TsgPreviewPanel *self)
{
  g_return_val_if_fail (TSG_IS_PREVIEW_PANEL (self), NULL);
  return self->pdf;
}

void
tsg_preview_panel_set_regenerate (TsgPreviewPanel      *self,
                                  TsgPreviewRegenerate  func,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  g_return_if_fail (TSG_IS_PREVIEW_PANEL (self));

  if (self->regenerate_destroy != NULL)
    self->regenerate_destroy (self->regenerate_data);
  self->regenerate = func;
  self->regenerate_data = user_data;
  self->regenerate_destroy = destroy;
  gtk_widget_set_visible (self->refresh_button, func != NULL);
  update_actions (self);
}

void
tsg_preview_panel_refresh (TsgPreviewPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_if_fail (TSG_IS_PREVIEW_PANEL (self));

  if (self->regenerate == NULL)
    return;
  pdf = self->regenerate (self->regenerate_data, &error);
  if (pdf == NULL)
    {
      show_error (self, error ? error->message : _("The document could not be made."));
      return;
    }
  if (self->doc != NULL)
    self->restore_scroll = gtk_adjustment_get_value (vadjustment (self));
  tsg_preview_panel_set_pdf (self, pdf, NULL);
}

/* --- actions ---------------------------------------------------------- */

static void
set_zoom (TsgPreviewPanel *self,
          ZoomMode         mode,
          double           zoom)
{
  double old = self->zoom;

  self->zoom_mode = mode;
  if (mode == ZOOM_FREE)
    self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Keep the same place of the document in view. */
  if (self->doc != NULL && old > 0)
    {
      double new_zoom = compute_zoom (self);
      self->restore_scroll = gtk_adjustment_get_value (vadjustment (self)) * new_zoom / old;
    }
  queue_update (self);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);
  double next = MAX_ZOOM;

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom * 1.01)
      {
        next = zoom_steps[i];
        break;
      }
  set_zoom (self, ZOOM_FREE, next);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);
  double next = MIN_ZOOM;

  for (int i = G_N_ELEMENTS (zoom_steps) - 1; i >= 0; i--)
    if (zoom_steps[i] < self->zoom * 0.99)
      {
        next = zoom_steps[i];
        break;
      }
  set_zoom (self, ZOOM_FREE, next);
}

static void
zoom_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_zoom (TSG_PREVIEW_PANEL (widget), ZOOM_FREE, g_variant_get_double (parameter));
}

static void
fit_width_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_zoom (TSG_PREVIEW_PANEL (widget), ZOOM_FIT_WIDTH, 0);
}

static void
fit_page_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_zoom (TSG_PREVIEW_PANEL (widget), ZOOM_FIT_PAGE, 0);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);

  if (self->current_page > 0)
    scroll_to_page (self, self->current_page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);

  scroll_to_page (self, self->current_page + 1);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  tsg_preview_panel_refresh (TSG_PREVIEW_PANEL (widget));
}

static void
on_page_spin_value_changed_cb (TsgPreviewPanel *self,
                               GtkSpinButton   *spin)
{
  int page = gtk_spin_button_get_value_as_int (spin);

  if (!self->updating_spin && page >= 1)
    scroll_to_page (self, (guint) page - 1);
}

static void
tell_user (TsgPreviewPanel *self,
           const char      *heading,
           const char      *message,
           gboolean         is_error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!is_error && TSG_IS_WINDOW (root))
    {
      tsg_window_show_toast (TSG_WINDOW (root), message);
      return;
    }
  if (!GTK_IS_WINDOW (root))
    {
      g_message ("%s", message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_tsg_preview_panel_save_to_file (TsgPreviewPanel *self,
                                 GFile           *file,
                                 GError         **error)
{
  g_return_val_if_fail (TSG_IS_PREVIEW_PANEL (self), FALSE);

  if (self->pdf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no document to save."));
      return FALSE;
    }
  return g_file_replace_contents (file, g_bytes_get_data (self->pdf, NULL), g_bytes_get_size (self->pdf),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TsgPreviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      /* translators: %s is a file path, then the reason */
      message = g_strdup_printf (_("%s could not be saved: %s"), name, error->message);
      tell_user (self, _("Not Saved"), message, TRUE);
      return;
    }
  /* translators: %s is a file path */
  message = g_strdup_printf (_("Saved %s"), name);
  tell_user (self, _("Saved"), message, FALSE);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TsgPreviewPanel *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->pdf != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_file_replace_contents_bytes_async (file, self->pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, on_saved_cb, g_object_ref (self));
    }
  g_clear_object (&self->save_chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->pdf == NULL || self->save_chooser != NULL)
    return;
  self->save_chooser = gtk_file_chooser_native_new (_("Save as PDF"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser),
                                     self->suggested_filename ? self->suggested_filename : "document.pdf");
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 TsgPdfDoc         *doc)
{
  tsg_pdf_doc_print_page (doc, (guint) page_nr, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
unref_doc_notify (gpointer  data,
                  GClosure *closure)
{
  tsg_pdf_doc_unref (data);
}

/* The operation holds its own reference to the document, so closing the
 * panel while the print dialog is open is harmless. */
static GtkPrintOperation *
new_print_operation (TsgPreviewPanel *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  double w, h;

  tsg_pdf_doc_get_page_size (self->doc, 0, &w, &h);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) n_pages (self));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, panel_widget_get_title (PANEL_WIDGET (self)));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         tsg_pdf_doc_ref (self->doc), unref_doc_notify, 0);
  return operation;
}

gboolean
_tsg_preview_panel_print_to_file (TsgPreviewPanel *self,
                                  const char      *path,
                                  GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (TSG_IS_PREVIEW_PANEL (self), FALSE);
  g_return_val_if_fail (self->doc != NULL, FALSE);

  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  TsgPreviewPanel         *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      tell_user (self, _("Not Printed"), error ? error->message : _("Printing failed."), TRUE);
    }
  g_object_unref (operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;

  if (self->doc == NULL)
    return;
  operation = new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      tell_user (self, _("Not Printed"), error->message, TRUE);
      g_object_unref (operation);
    }
}

/* --- private accessors (tests) ----------------------------------------- */

const char *
_tsg_preview_panel_get_state (TsgPreviewPanel *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_tsg_preview_panel_get_error (TsgPreviewPanel *self)
{
  return self->error_message;
}

guint
_tsg_preview_panel_get_n_pages (TsgPreviewPanel *self)
{
  return n_pages (self);
}

gboolean
_tsg_preview_panel_page_is_rendered (TsgPreviewPanel *self,
                                     guint            index)
{
  return index < n_pages (self) && g_array_index (self->pages, Page, index).rendered_ppp > 0;
}

guint
_tsg_preview_panel_get_n_rendered (TsgPreviewPanel *self)
{
  guint n = 0;

  for (guint i = 0; i < n_pages (self); i++)
    n += _tsg_preview_panel_page_is_rendered (self, i);
  return n;
}

guint
_tsg_preview_panel_get_current_page (TsgPreviewPanel *self)
{
  return self->current_page;
}

double
_tsg_preview_panel_get_zoom (TsgPreviewPanel *self)
{
  return self->zoom;
}

/* --- life cycle ------------------------------------------------------- */

/* Screen readers (and the tests) find the panel by its title. */
static void
on_title_changed_cb (TsgPreviewPanel *self)
{
  const char *title = panel_widget_get_title (PANEL_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
}

static void
on_adjustment_changed_cb (TsgPreviewPanel *self)
{
  queue_update (self);
}

static void
tsg_preview_panel_dispose (GObject *object)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (object);

  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->restore_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
  self->restore_tick = 0;
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->doc, tsg_pdf_doc_unref);
  tsg_preview_panel_set_regenerate (self, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_PREVIEW_PANEL);
  G_OBJECT_CLASS (tsg_preview_panel_parent_class)->dispose (object);
}

static void
tsg_preview_panel_finalize (GObject *object)
{
  TsgPreviewPanel *self = TSG_PREVIEW_PANEL (object);

  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_free (self->suggested_filename);
  g_free (self->error_message);
  G_OBJECT_CLASS (tsg_preview_panel_parent_class)->finalize (object);
}

static void
tsg_preview_panel_class_init (TsgPreviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_preview_panel_dispose;
  object_class->finalize = tsg_preview_panel_finalize;

  /* A page got its texture at the current zoom (tests and benchmarks wait
   * for it). */
  signals[SIGNAL_PAGE_RENDERED] = g_signal_new ("page-rendered", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-preview-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, page_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, pages_box);
  gtk_widget_class_bind_template_child (widget_class, TsgPreviewPanel, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_spin_value_changed_cb);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-to", "d", zoom_to_action);
  gtk_widget_class_install_action (widget_class, "preview.fit-width", NULL, fit_width_action);
  gtk_widget_class_install_action (widget_class, "preview.fit-page", NULL, fit_page_action);
  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.refresh", NULL, refresh_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "preview.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.fit-width", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "preview.refresh", NULL);
}

static void
tsg_preview_panel_init (TsgPreviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom_mode = ZOOM_FIT_WIDTH;
  self->zoom = 1.0;
  self->restore_scroll = -1;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (on_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "notify::page-size",
                           G_CALLBACK (on_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "value-changed",
                           G_CALLBACK (on_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  update_zoom_label (self);
  update_actions (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}

GtkWidget *
tsg_preview_panel_new (const char *title)
{
  return g_object_new (TSG_TYPE_PREVIEW_PANEL,
                       "title", title,
                       NULL);
}

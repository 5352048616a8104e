/* tsg-letter-editor.c: the referral letter's addressee and body, with the
 * letter itself in a preview panel of the main window
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits are saved to the referral a moment after typing stops, then the
 * preview rebuilds the PDF from what was saved: the preview always shows
 * exactly the letter that would be printed.
 */
#define G_LOG_DOMAIN "tsg-letter-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-letter-editor.h"
#include "tsg-letter.h"
#include "tsg-pdf-render.h"
#include "tsg-pdf-writer.h"
#include "tsg-store-directory.h"

#define SAVE_DELAY_MS 400

struct _TsgLetterEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwEntryRow     *to_row;
  AdwComboRow     *honorific_row;
  GtkTextView     *body_view;
  GtkLabel        *status_label;

  TsgWindow       *window;     /* weak */
  TsgPreviewPanel *preview;    /* weak: the person may close it */
  TsgStore        *store;
  TsgActor        *actor;
  gint64           referral_id;
  guint            save_source;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (TsgLetterEditor, tsg_letter_editor, ADW_TYPE_WINDOW)

/* --- the preview ------------------------------------------------------ */

typedef struct
{
  TsgStore  *store;
  TsgActor  *actor;
  gint64     referral_id;
  GSettings *settings;
} LetterSource;

static void
letter_source_free (gpointer data)
{
  LetterSource *src = data;

  g_object_unref (src->store);
  tsg_actor_unref (src->actor);
  g_object_unref (src->settings);
  g_free (src);
}

static GBytes *
regenerate_letter (gpointer   user_data,
                   GError   **error)
{
  LetterSource *src = user_data;
  g_autoptr(TsgLetterData) data = tsg_store_get_letter_data (src->store, src->actor, src->referral_id, error);

  if (data == NULL)
    return NULL;
  return tsg_letter_render (data, NULL, g_settings_get_boolean (src->settings, "era-dates"), error);
}

TsgPreviewPanel *
tsg_letter_show_preview (TsgWindow *window,
                         gint64     referral_id)
{
  LetterSource *src = g_new0 (LetterSource, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgLetterData) data = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *id = g_strdup_printf ("referral-letter-%" G_GINT64_FORMAT, referral_id);
  g_autofree char *title = NULL;
  g_autofree char *filename = NULL;
  TsgPreviewPanel *preview;

  g_return_val_if_fail (TSG_IS_WINDOW (window), NULL);

  src->store = g_object_ref (tsg_window_get_store (window));
  src->actor = tsg_actor_ref (tsg_window_get_actor (window));
  src->referral_id = referral_id;
  src->settings = g_settings_new (APP_ID);

  data = tsg_store_get_letter_data (src->store, src->actor, referral_id, &error);
  if (data != NULL)
    {
      pdf = tsg_letter_render (data, NULL, g_settings_get_boolean (src->settings, "era-dates"), &error);
      /* translators: the title of a letter's preview tab: the agency's name */
      title = g_strdup_printf (_("Letter to %s"), data->referral->organization_name);
      filename = tsg_letter_suggested_filename (data, NULL);
    }
  preview = tsg_window_show_preview (window, id, title ? title : _("Referral Letter"), pdf, filename);
  tsg_preview_panel_set_regenerate (preview, regenerate_letter, src, letter_source_free);
  if (pdf == NULL)
    tsg_preview_panel_refresh (preview);   /* shows why, in the panel */
  return preview;
}

/* --- warming up ------------------------------------------------------- */

static void
on_warm_document_loaded_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(TsgPdfDoc) doc = tsg_pdf_doc_load_finish (result, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  /* One small render fills Poppler's font caches (they are global). */
  if (doc != NULL)
    texture = tsg_pdf_doc_render_page (doc, 0, 0.2, NULL, NULL);
}

static gboolean
warm_up_cb (gpointer user_data)
{
  g_autoptr(TsgPdfWriter) w = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  g_autoptr(GBytes) pdf = NULL;

  tsg_pdf_writer_text (w, "紹介状 Referral 2025年4月1日", 10.5, FALSE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_text (w, "御中 様", 13, TRUE, TSG_PDF_ALIGN_LEFT);
  pdf = tsg_pdf_writer_finish (w, NULL);
  if (pdf != NULL)
    tsg_pdf_doc_load_async (pdf, NULL, on_warm_document_loaded_cb, NULL);
  return G_SOURCE_REMOVE;
}

void
tsg_letter_warm_up (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_idle_add_full (G_PRIORITY_LOW, warm_up_cb, NULL, NULL);
}

/* --- the editor ------------------------------------------------------- */

static char *
body_text (TsgLetterEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save_cb (gpointer user_data)
{
  TsgLetterEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = body_text (self);
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  const char *honorific = adw_combo_row_get_selected (self->honorific_row) == 1 ? "sama" : "onchu";

  self->save_source = 0;
  if (!tsg_store_set_referral_letter (self->store, self->actor, self->referral_id, *to ? to : NULL, honorific,
                                      body, &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      return G_SOURCE_REMOVE;
    }
  gtk_label_set_text (self->status_label, _("Saved; the preview shows the letter as it will print."));
  if (self->preview != NULL && gtk_widget_get_parent (GTK_WIDGET (self->preview)) != NULL)
    tsg_preview_panel_refresh (self->preview);
  else if (self->window != NULL)
    g_set_weak_pointer (&self->preview, tsg_letter_show_preview (self->window, self->referral_id));
  return G_SOURCE_REMOVE;
}

static void
on_edited_cb (TsgLetterEditor *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsgLetterEditor *self = TSG_LETTER_EDITOR (widget);
  g_autofree char *office_default = tsg_store_get_setting (self->store, "referral_letter_template");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            office_default && *office_default ? office_default : tsg_letter_default_body (), -1);
}

static gboolean
load (TsgLetterEditor  *self,
      GError          **error)
{
  g_autoptr(TsgReferral) r = tsg_store_get_referral (self->store, self->actor, self->referral_id, error);
  g_autofree char *office_default = NULL;
  g_autofree char *subtitle = NULL;
  const char *body;

  if (r == NULL)
    return FALSE;
  office_default = tsg_store_get_setting (self->store, "referral_letter_template");
  body = r->letter_body ? r->letter_body
       : office_default && *office_default ? office_default : tsg_letter_default_body ();
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), r->letter_to ? r->letter_to : "");
  adw_combo_row_set_selected (self->honorific_row, g_strcmp0 (r->letter_honorific, "sama") == 0 ? 1 : 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
  subtitle = g_strdup_printf ("%s — %s", r->organization_name, r->service_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  self->loading = FALSE;
  return TRUE;
}

static void
tsg_letter_editor_dispose (GObject *object)
{
  TsgLetterEditor *self = TSG_LETTER_EDITOR (object);

  /* an edit typed just before closing is still saved */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_cb (self);
    }
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->preview);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_LETTER_EDITOR);
  G_OBJECT_CLASS (tsg_letter_editor_parent_class)->dispose (object);
}

static void
tsg_letter_editor_class_init (TsgLetterEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_letter_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-letter-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgLetterEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgLetterEditor, to_row);
  gtk_widget_class_bind_template_child (widget_class, TsgLetterEditor, honorific_row);
  gtk_widget_class_bind_template_child (widget_class, TsgLetterEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, TsgLetterEditor, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_edited_cb);

  gtk_widget_class_install_action (widget_class, "letter.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_letter_editor_init (TsgLetterEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (on_edited_cb), self,
                           G_CONNECT_SWAPPED);
}

TsgLetterEditor *
tsg_letter_editor_open (TsgWindow *window,
                        gint64     referral_id)
{
  TsgLetterEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TSG_IS_WINDOW (window), NULL);

  self = g_object_new (TSG_TYPE_LETTER_EDITOR, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->store = g_object_ref (tsg_window_get_store (window));
  self->actor = tsg_actor_ref (tsg_window_get_actor (window));
  self->referral_id = referral_id;
  if (!load (self, &error))
    {
      tsg_window_show_toast (window, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  g_set_weak_pointer (&self->preview, tsg_letter_show_preview (window, referral_id));
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

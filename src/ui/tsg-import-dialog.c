/* tsg-import-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offices move from spreadsheets: before anything is written the coordinator
 * sees the first rows of the file as the application reads them, then the
 * import runs in a worker thread. SQLite connections are not shared across
 * threads in the middle of a transaction, so the worker opens its own
 * TsgStore on the same file (WAL lets the window keep reading meanwhile).
 * tsg_records_import_file() is all or nothing: on an error the database is
 * as it was and the dialog shows the sentence that names the line and field.
 */
#define G_LOG_DOMAIN "tsg-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tsg-import-dialog.h"
#include "tsg-records.h"

#define PREVIEW_ROWS   5
#define PREVIEW_COLS   12

struct _TsgImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *import_button;
  GtkLabel       *summary_label;
  GtkGrid        *preview_grid;
  GtkProgressBar *progress_bar;
  GtkLabel       *error_label;

  /* Owned references */
  TsgStore       *store;
  TsgActor       *actor;
  GFile          *file;
  GCancellable   *cancellable;
  struct _ImportJob *job;   /* owned by the running task */

  guint           pulse_id;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (TsgImportDialog, tsg_import_dialog, ADW_TYPE_WINDOW)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- preview ------------------------------------------------------------- */

static void
add_cell (TsgImportDialog *self,
          const char      *text,
          int              column,
          int              row,
          gboolean         heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->preview_grid, label, column, row, 1, 1);
}

/* The core reads the file exactly as the import will (encoding, quoting,
 * shape), so what the preview shows is what would be imported. */
static void
preview_csv (TsgImportDialog *self,
             const char      *path,
             GString         *summary)
{
  g_auto(GStrv) columns = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  if (!tsg_records_preview_csv (path, PREVIEW_ROWS, &columns, &rows, &n_rows, &error))
    {
      g_string_append_printf (summary, "\n%s", error->message);
      return;
    }
  g_string_append_c (summary, '\n');
  /* translators: under the import preview: how many rows the CSV file holds */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u row to import.", "%u rows to import.", n_rows),
                          n_rows);
  for (guint c = 0; columns[c] != NULL && c < PREVIEW_COLS; c++)
    add_cell (self, columns[c], (int) c, 0, TRUE);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);

      for (guint c = 0; cells[c] != NULL && c < PREVIEW_COLS; c++)
        add_cell (self, cells[c], (int) c, (int) r + 1, FALSE);
    }
}

static void
preview_json (TsgImportDialog *self,
              JsonNode        *root,
              GString         *summary)
{
  JsonObject *object;
  JsonArray *contacts = NULL;
  g_autoptr(GList) members = NULL;
  static const char *columns[] = { "started_at", "channel", "call_type", "age_band", "outcome", "summary" };

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      /* translators: a line of the import preview: the kind of record, then how many */
      g_string_append_printf (summary, _("\n%s: %u"), (const char *) l->data,
                              json_array_get_length (json_node_get_array (node)));
      if (g_str_equal (l->data, "contacts"))
        contacts = json_node_get_array (node);
    }
  if (contacts == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    add_cell (self, columns[c], (int) c, 0, TRUE);
  for (guint i = 0; i < json_array_get_length (contacts) && i < PREVIEW_ROWS; i++)
    {
      JsonNode *element = json_array_get_element (contacts, i);
      JsonObject *contact;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      contact = json_node_get_object (element);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          JsonNode *value = json_object_get_member (contact, columns[c]);
          const char *text = value && JSON_NODE_HOLDS_VALUE (value) &&
                             json_node_get_value_type (value) == G_TYPE_STRING
                             ? json_node_get_string (value) : "";
          add_cell (self, text, (int) c, (int) i + 1, FALSE);
        }
    }
}

static void
show_preview (TsgImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  adw_window_title_set_subtitle (self->window_title, name);
  if (g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".JSON"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* translators: %s is the file's name */
      g_string_append_printf (summary, _("Records (JSON) from %s."), name);
      if (!json_parser_load_from_mapped_file (parser, path, &error))
        g_string_append_printf (summary, "\n%s", error->message);
      else
        preview_json (self, json_parser_get_root (parser), summary);
    }
  else
    {
      g_string_append_printf (summary, _("Contacts (CSV) from %s: the header row names the fields."), name);
      preview_csv (self, path, summary);
    }
  gtk_label_set_label (self->summary_label, summary->str);
}

/* --- import -------------------------------------------------------------- */

typedef struct _ImportJob
{
  char         *db_path;
  TsgActor     *actor;
  char         *path;
  GCancellable *cancellable;
  /* Written by the worker, read by the window's timer. */
  guint         done;
  guint         total;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->db_path);
  tsg_actor_unref (job->actor);
  g_free (job->path);
  g_object_unref (job->cancellable);
  g_free (job);
}

static gboolean
import_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->done, done);
  g_atomic_int_set (&job->total, total);
  return !g_cancellable_is_cancelled (job->cancellable);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(TsgStore) store = NULL;
  GError *error = NULL;
  guint n = 0;

  store = tsg_store_open (job->db_path, &error);
  if (store == NULL ||
      !tsg_records_import_file_full (store, job->actor, job->path, import_progress, job, &n, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, n);
}

/* How far the worker is: a fraction once it knows the total, else a pulse. */
static gboolean
progress_cb (gpointer user_data)
{
  TsgImportDialog *self = user_data;
  guint done = self->job ? (guint) g_atomic_int_get (&self->job->done) : 0;
  guint total = self->job ? (guint) g_atomic_int_get (&self->job->total) : 0;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_CONTINUE;
  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  /* translators: import progress: records read so far of all in the file */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u record", "%u of %u records", total),
                          done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
set_running (TsgImportDialog *self,
             gboolean         running)
{
  self->running = running;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
      self->pulse_id = g_timeout_add (100, progress_cb, self);
    }
  else
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TsgImportDialog *self = TSG_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  self->job = NULL;
  set_running (self, FALSE);
  /* Stopped from Cancel: the transaction was rolled back, nothing changed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* translators: an import failed; %s is the sentence naming the line and field */
      text = g_strdup_printf (_("%s\nNothing was imported."), error->message);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, (guint) n);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
tsg_import_dialog_run (TsgImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (TSG_IS_IMPORT_DIALOG (self));

  if (self->running)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (tsg_store_get_path (self->store));
  job->actor = tsg_actor_ref (self->actor);
  job->path = g_file_get_path (self->file);
  job->cancellable = g_object_ref (self->cancellable);
  self->job = job;
  set_running (self, TRUE);
  task = g_task_new (self, NULL, on_import_done_cb, NULL);
  g_task_set_source_tag (task, tsg_import_dialog_run);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tsg_import_dialog_run (TSG_IMPORT_DIALOG (widget));
}

static gboolean
tsg_import_dialog_close_request (GtkWindow *window)
{
  TsgImportDialog *self = TSG_IMPORT_DIALOG (window);

  /* The worker holds a transaction: Cancel asks it to stop and roll back
   * (all or nothing); the dialog closes once it has. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Stopping; nothing will be imported…"));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (tsg_import_dialog_parent_class)->close_request (window);
}

static void
tsg_import_dialog_dispose (GObject *object)
{
  TsgImportDialog *self = TSG_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tsg_import_dialog_parent_class)->dispose (object);
}

static void
tsg_import_dialog_class_init (TsgImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tsg_import_dialog_dispose;
  window_class->close_request = tsg_import_dialog_close_request;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TsgImportDialog, error_label);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_import_dialog_init (TsgImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TsgImportDialog *
tsg_import_dialog_new (GtkWindow *parent,
                       TsgStore  *store,
                       TsgActor  *actor,
                       GFile     *file)
{
  TsgImportDialog *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* AdwWindow's role is generic: a screen reader must meet a dialog. */
  self = g_object_new (TSG_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->file = g_object_ref (file);
  show_preview (self);
  return self;
}

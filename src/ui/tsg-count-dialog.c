/* tsg-count-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code: the rows follow the items of the store. Each box names
 * its item for screen readers; the ledger's figure is shown beside it, so
 * the person counting sees a difference before recording it.
 */
#define G_LOG_DOMAIN "tsg-count-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-count-dialog.h"

struct _TsgCountDialog
{
  GtkWindow       parent_instance;

  /* Owned widgets (children of the window) */
  GtkDropDown    *point_dropdown;
  GtkLabel       *point_error;
  GtkCheckButton *full_check;
  GtkGrid        *rows;
  GtkLabel       *lines_error;

  /* Owned references */
  TsgStore       *store;
  TsgActor       *actor;
  GPtrArray      *points;    /* TsgPoint, dropdown order */
  GPtrArray      *items;     /* TsgItem, row order */
  GPtrArray      *entries;   /* GtkEntry, one per item (borrowed) */
  GPtrArray      *expected;  /* GtkLabel, one per item (borrowed) */
};

G_DEFINE_FINAL_TYPE (TsgCountDialog, tsg_count_dialog, GTK_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
selected_point (TsgCountDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->point_dropdown);

  if (self->points == NULL || i >= self->points->len)
    return 0;
  return ((TsgPoint *) g_ptr_array_index (self->points, i))->id;
}

static void
update_expected (TsgCountDialog *self)
{
  gint64 point = selected_point (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 tsg_store_get_balance (self->store, point, item->id));
      /* translators: beside a count box: what the ledger says is there */
      g_autofree char *text = g_strdup_printf (_("ledger: %s"), number);

      gtk_label_set_text (g_ptr_array_index (self->expected, i), text);
    }
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *control,
            const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (control != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      gtk_widget_grab_focus (control);
    }
}

static void
clear_errors (TsgCountDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->point_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_error), FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->point_dropdown), GTK_ACCESSIBLE_STATE_INVALID);
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->entries, i);
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static gboolean
read_box (GtkEntry *entry,
          gint64   *out,
          gboolean *empty)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GString *ascii = g_string_new (NULL);
  gboolean ok;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (ascii, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF0D || c == 0x2212)
        g_string_append_c (ascii, '-');
      else
        g_string_append_unichar (ascii, c);
    }
  *empty = ascii->len == 0;
  ok = *empty || g_ascii_string_to_signed (ascii->str, 10, G_MININT32, G_MAXINT32, out, NULL);
  g_string_free (ascii, TRUE);
  return ok;
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgCountDialog *self = TSG_COUNT_DIALOG (widget);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (TsgCountLine));
  g_auto(TsgMovementResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean full = gtk_check_button_get_active (self->full_check);

  clear_errors (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (self->items, i);
      GtkWidget *entry = g_ptr_array_index (self->entries, i);
      TsgCountLine line = { item->id, 0 };
      gboolean empty;

      if (!read_box (GTK_ENTRY (entry), &line.counted, &empty))
        {
          g_autofree char *msg = g_strdup_printf (_("Count: “%s” for %s is not a whole number."),
                                                  gtk_editable_get_text (GTK_EDITABLE (entry)), item->name);
          gtk_widget_add_css_class (entry, "error");
          show_error (self->lines_error, entry, msg);
          return;
        }
      if (empty && full)
        {
          g_autofree char *msg = g_strdup_printf (_("Count: a full count needs a number for %s (0 when there is none)."),
                                                  item->name);
          gtk_widget_add_css_class (entry, "error");
          show_error (self->lines_error, entry, msg);
          return;
        }
      if (!empty)
        g_array_append_val (lines, line);
    }

  if (!tsg_store_record_count (self->store, self->actor, selected_point (self), full,
                               (TsgCountLine *) lines->data, lines->len, 0, &result, &error))
    {
      if (result.invalid_field == TSG_MOVEMENT_FIELD_FROM)
        show_error (self->point_error, GTK_WIDGET (self->point_dropdown), error->message);
      else
        show_error (self->lines_error, lines->len == 0 && self->entries->len > 0
                                         ? g_ptr_array_index (self->entries, 0) : NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, &result);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
build (TsgCountDialog *self,
       gint64          point_id)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *record = gtk_button_new_with_mnemonic (_("_Record"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label, *intro;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (record), "count.record");
  gtk_widget_add_css_class (record, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), record);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_title (GTK_WINDOW (self), _("Record a Stock Count"));
  gtk_window_set_default_widget (GTK_WINDOW (self), record);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  intro = gtk_label_new (_("Enter what is on the shelf. The difference from the ledger is recorded as a count movement."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);

  for (guint i = 0; i < self->points->len; i++)
    gtk_string_list_append (names, ((TsgPoint *) g_ptr_array_index (self->points, i))->name);
  self->point_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  for (guint i = 0; i < self->points->len; i++)
    if (((TsgPoint *) g_ptr_array_index (self->points, i))->id == point_id)
      gtk_drop_down_set_selected (self->point_dropdown, i);
  label = gtk_label_new_with_mnemonic (_("_Point"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->point_dropdown));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->point_dropdown));
  self->point_error = GTK_LABEL (error_label ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->point_error));

  self->full_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("_Full count: every item was counted (an item not found is counted as none)")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->full_check));

  self->rows = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->rows, 6);
  gtk_grid_set_column_spacing (self->rows, 12);
  for (guint i = 0; i < self->items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (self->items, i);
      GtkWidget *name = gtk_label_new (item->name);
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *expected = gtk_label_new (NULL);
      /* translators: accessible name of a count box, e.g. "Counted: Day pads" */
      g_autofree char *accessible = g_strdup_printf (_("Counted: %s"), item->name);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      expected, NULL, -1);
      gtk_widget_add_css_class (expected, "dim-label");
      gtk_widget_add_css_class (expected, "numeric");
      gtk_grid_attach (self->rows, name, 0, (int) i, 1, 1);
      gtk_grid_attach (self->rows, entry, 1, (int) i, 1, 1);
      gtk_grid_attach (self->rows, expected, 2, (int) i, 1, 1);
      g_ptr_array_add (self->entries, entry);
      g_ptr_array_add (self->expected, expected);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rows));
  self->lines_error = GTK_LABEL (error_label ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lines_error));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (self), scroller);
  g_signal_connect_object (self->point_dropdown, "notify::selected", G_CALLBACK (update_expected), self,
                           G_CONNECT_SWAPPED);
  update_expected (self);
}

static void
tsg_count_dialog_dispose (GObject *object)
{
  TsgCountDialog *self = TSG_COUNT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->expected, g_ptr_array_unref);
  G_OBJECT_CLASS (tsg_count_dialog_parent_class)->dispose (object);
}

static void
tsg_count_dialog_class_init (TsgCountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_count_dialog_dispose;
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  gtk_widget_class_install_action (widget_class, "count.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_count_dialog_init (TsgCountDialog *self)
{
  self->entries = g_ptr_array_new ();
  self->expected = g_ptr_array_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
}

GtkWidget *
tsg_count_dialog_new (GtkWindow *parent,
                      TsgStore  *store,
                      TsgActor  *actor,
                      gint64     point_id)
{
  TsgCountDialog *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);

  self = g_object_new (TSG_TYPE_COUNT_DIALOG, "transient-for", parent,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->points = tsg_store_list_points (store, actor, FALSE, NULL);
  self->items = tsg_store_list_items (store, actor, FALSE, NULL);
  if (self->points == NULL)
    self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_point_free);
  if (self->items == NULL)
    self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_item_free);
  build (self, point_id);
  if (self->entries->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->entries, 0));
  return GTK_WIDGET (self);
}

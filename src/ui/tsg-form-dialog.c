/* tsg-form-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-form-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tsg-form-dialog.h"

typedef enum
{
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_CHOICE,
  FIELD_ID_CHOICE,
  FIELD_CHECK,
  FIELD_NUMBER,
  FIELD_OTHER,
} FieldKind;

typedef struct
{
  FieldKind           kind;
  char               *label;
  GtkWidget          *widget;
  GtkWidget          *error_label;
  const TsgEnumValue *values;     /* choice */
  gboolean            has_none;   /* choice */
  GArray             *ids;        /* id choice */
} Field;

struct _TsgFormDialog
{
  GtkWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *intro_label;
  GtkLabel        *error_label;
  GtkGrid         *grid;
  GtkWidget       *save_button;

  GHashTable      *fields;   /* key -> Field */
  GPtrArray       *order;    /* Field*, in the order added */
  int              n_rows;
  TsgFormSaveFunc  save_func;
  gpointer         save_data;
  GDestroyNotify   save_destroy;
};

G_DEFINE_FINAL_TYPE (TsgFormDialog, tsg_form_dialog, GTK_TYPE_WINDOW)

static void
field_free (gpointer data)
{
  Field *f = data;

  g_free (f->label);
  g_clear_pointer (&f->ids, g_array_unref);
  g_free (f);
}

static void
clear_errors (TsgFormDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (guint i = 0; i < self->order->len; i++)
    {
      Field *f = g_ptr_array_index (self->order, i);
      gtk_widget_set_visible (f->error_label, FALSE);
      gtk_widget_remove_css_class (f->widget, "error");
    }
}

void
tsg_form_dialog_show_error (TsgFormDialog *self,
                            const char    *message)
{
  Field *target = NULL;

  g_return_if_fail (TSG_IS_FORM_DIALOG (self));

  clear_errors (self);
  /* The store names the field first ("Due date 2025-03-01 is before…"):
   * the longest label that starts the message is the field. */
  for (guint i = 0; i < self->order->len; i++)
    {
      Field *f = g_ptr_array_index (self->order, i);
      if (f->label && g_str_has_prefix (message, f->label) &&
          (target == NULL || strlen (f->label) > strlen (target->label)))
        target = f;
    }
  if (target == NULL)
    {
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_label_set_label (GTK_LABEL (target->error_label), message);
  gtk_widget_set_visible (target->error_label, TRUE);
  gtk_widget_add_css_class (target->widget, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (target->widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_widget_grab_focus (target->widget);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsgFormDialog *self = TSG_FORM_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->save_func == NULL)
    return;
  if (!self->save_func (self, self->save_data, &error))
    {
      tsg_form_dialog_show_error (self, error ? error->message : _("The record was not saved."));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tsg_form_dialog_dispose (GObject *object)
{
  TsgFormDialog *self = TSG_FORM_DIALOG (object);

  if (self->save_destroy && self->save_data)
    self->save_destroy (self->save_data);
  self->save_data = NULL;
  self->save_destroy = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_FORM_DIALOG);
  G_OBJECT_CLASS (tsg_form_dialog_parent_class)->dispose (object);
}

static void
tsg_form_dialog_finalize (GObject *object)
{
  TsgFormDialog *self = TSG_FORM_DIALOG (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  G_OBJECT_CLASS (tsg_form_dialog_parent_class)->finalize (object);
}

static void
tsg_form_dialog_class_init (TsgFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_form_dialog_dispose;
  object_class->finalize = tsg_form_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgFormDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TsgFormDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsgFormDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, TsgFormDialog, save_button);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsg_form_dialog_init (TsgFormDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new_with_free_func (field_free);
}

TsgFormDialog *
tsg_form_dialog_new (GtkWidget  *parent,
                     const char *title,
                     const char *save_label)
{
  TsgFormDialog *self = g_object_new (TSG_TYPE_FORM_DIALOG, "title", title, NULL);
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  if (root && GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  if (save_label)
    gtk_button_set_label (GTK_BUTTON (self->save_button), save_label);
  return self;
}

void
tsg_form_dialog_set_intro (TsgFormDialog *self,
                           const char    *text)
{
  gtk_label_set_label (self->intro_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), text != NULL);
}

void
tsg_form_dialog_set_save_func (TsgFormDialog  *self,
                               TsgFormSaveFunc func,
                               gpointer        user_data,
                               GDestroyNotify  destroy)
{
  if (self->save_destroy && self->save_data)
    self->save_destroy (self->save_data);
  self->save_func = func;
  self->save_data = user_data;
  self->save_destroy = destroy;
}

/* Lays out one labelled row (label above the control for long Japanese
 * labels, the error under it) and names the control for screen readers. */
static Field *
add_field_full (TsgFormDialog *self,
                const char    *key,
                const char    *label,
                GtkWidget     *widget,
                GtkWidget     *container,
                FieldKind      kind)
{
  Field *f = g_new0 (Field, 1);
  GtkWidget *title = NULL;

  f->kind = kind;
  f->label = g_strdup (label);
  f->widget = widget;
  if (kind != FIELD_CHECK)
    {
      title = gtk_label_new_with_mnemonic (label);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
      gtk_widget_add_css_class (title, "heading");
      gtk_grid_attach (self->grid, title, 0, self->n_rows++, 1, 1);
    }
  gtk_widget_set_hexpand (container, TRUE);
  gtk_grid_attach (self->grid, container, 0, self->n_rows++, 1, 1);
  f->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (f->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (f->error_label), 0);
  gtk_widget_add_css_class (f->error_label, "error");
  gtk_widget_set_visible (f->error_label, FALSE);
  gtk_grid_attach (self->grid, f->error_label, 0, self->n_rows++, 1, 1);
  /* The mnemonic label already names the control (labelled-by); a second
   * name would be joined to it ("Need Need"). A check button names itself. */
  if (title == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_hash_table_replace (self->fields, g_strdup (key), f);
  g_ptr_array_add (self->order, f);
  return f;
}

static Field *
add_field (TsgFormDialog *self,
           const char    *key,
           const char    *label,
           GtkWidget     *widget,
           FieldKind      kind)
{
  return add_field_full (self, key, label, widget, widget, kind);
}

static void
on_entry_activate_cb (GtkEntry      *entry,
                      TsgFormDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "form.save", NULL);
}

GtkWidget *
tsg_form_dialog_add_entry (TsgFormDialog *self,
                           const char    *key,
                           const char    *label,
                           const char    *text,
                           const char    *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  if (placeholder)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  add_field (self, key, label, entry, FIELD_ENTRY);
  return entry;
}

GtkWidget *
tsg_form_dialog_add_text (TsgFormDialog *self,
                          const char    *key,
                          const char    *label,
                          const char    *text)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  add_field_full (self, key, label, view, frame, FIELD_TEXT);
  return view;
}

static GtkWidget *
new_dropdown (GStrv labels)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *) labels);

  return dropdown;
}

GtkWidget *
tsg_form_dialog_add_choice (TsgFormDialog      *self,
                            const char         *key,
                            const char         *label,
                            const TsgEnumValue *values,
                            const char         *none_label,
                            const char         *selected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  GtkWidget *dropdown;
  Field *f;
  int index;

  if (none_label)
    g_strv_builder_add (builder, none_label);
  for (guint i = 0; values[i].id; i++)
    g_strv_builder_add (builder, tsg_enum_label (values, values[i].id));
  labels = g_strv_builder_end (builder);
  dropdown = new_dropdown (labels);
  f = add_field (self, key, label, dropdown, FIELD_CHOICE);
  f->values = values;
  f->has_none = none_label != NULL;
  index = tsg_enum_index (values, selected);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              index < 0 ? 0 : (guint) index + (f->has_none ? 1 : 0));
  return dropdown;
}

GtkWidget *
tsg_form_dialog_add_id_choice (TsgFormDialog *self,
                               const char    *key,
                               const char    *label,
                               GArray        *ids,
                               GStrv          texts,
                               gint64         selected)
{
  GtkWidget *dropdown = new_dropdown (texts);
  Field *f = add_field (self, key, label, dropdown, FIELD_ID_CHOICE);

  f->ids = g_array_ref (ids);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == selected)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
  return dropdown;
}

GtkWidget *
tsg_form_dialog_add_check (TsgFormDialog *self,
                           const char    *key,
                           const char    *label,
                           gboolean       active)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  add_field (self, key, label, check, FIELD_CHECK);
  return check;
}

GtkWidget *
tsg_form_dialog_add_number (TsgFormDialog *self,
                            const char    *key,
                            const char    *label,
                            int            min,
                            int            max,
                            int            value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_hexpand (spin, FALSE);
  add_field (self, key, label, spin, FIELD_NUMBER);
  gtk_widget_set_halign (spin, GTK_ALIGN_START);
  return spin;
}

void
tsg_form_dialog_add_widget (TsgFormDialog *self,
                            const char    *key,
                            const char    *label,
                            GtkWidget     *widget)
{
  add_field (self, key, label, widget, FIELD_OTHER);
}

static Field *
lookup (TsgFormDialog *self,
        const char    *key)
{
  Field *f = g_hash_table_lookup (self->fields, key);

  if (f == NULL)
    g_critical ("The form has no field %s", key);
  return f;
}

char *
tsg_form_dialog_get_text (TsgFormDialog *self,
                          const char    *key)
{
  Field *f = lookup (self, key);
  guint selected;

  if (f == NULL)
    return NULL;
  switch (f->kind)
    {
    case FIELD_ENTRY:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->widget))));
    case FIELD_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->widget));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
      }
    case FIELD_CHOICE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (f->widget));
      if (f->has_none)
        {
          if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
            return NULL;
          selected--;
        }
      if (selected >= tsg_enum_count (f->values))
        return NULL;
      return g_strdup (f->values[selected].id);
    case FIELD_ID_CHOICE:
    case FIELD_CHECK:
    case FIELD_NUMBER:
    case FIELD_OTHER:
    default:
      return NULL;
    }
}

gint64
tsg_form_dialog_get_id (TsgFormDialog *self,
                        const char    *key)
{
  Field *f = lookup (self, key);
  guint selected;

  if (f == NULL || f->kind != FIELD_ID_CHOICE)
    return 0;
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (f->widget));
  if (selected >= f->ids->len)
    return 0;
  return g_array_index (f->ids, gint64, selected);
}

gboolean
tsg_form_dialog_get_active (TsgFormDialog *self,
                            const char    *key)
{
  Field *f = lookup (self, key);

  return f && f->kind == FIELD_CHECK && gtk_check_button_get_active (GTK_CHECK_BUTTON (f->widget));
}

int
tsg_form_dialog_get_number (TsgFormDialog *self,
                            const char    *key)
{
  Field *f = lookup (self, key);

  if (f == NULL || f->kind != FIELD_NUMBER)
    return 0;
  /* A number typed but not yet confirmed with Enter or Tab counts too. */
  gtk_spin_button_update (GTK_SPIN_BUTTON (f->widget));
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (f->widget));
}

GtkWidget *
tsg_form_dialog_get_widget (TsgFormDialog *self,
                            const char    *key)
{
  Field *f = lookup (self, key);

  return f ? f->widget : NULL;
}

gboolean
tsg_form_dialog_has_field (TsgFormDialog *self,
                           const char    *key)
{
  return g_hash_table_contains (self->fields, key);
}

/* Room for the form and for a message under a field (one line of a couple
 * of lines): the window does not grow by itself once it is shown. */
void
tsg_form_dialog_present (TsgFormDialog *self)
{
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->grid));
  int natural = 0;

  g_return_if_fail (TSG_IS_FORM_DIALOG (self));

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 520, NULL, &natural, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, MIN (natural + 120, 720));
  gtk_window_present (GTK_WINDOW (self));
}

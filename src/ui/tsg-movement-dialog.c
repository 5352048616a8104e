/* tsg-movement-dialog.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One form for every movement a person records by hand; the mode decides
 * which fields show. The store validates: this file only turns typed text
 * into numbers and shows the store's sentence under the field it names.
 */
#define G_LOG_DOMAIN "tsg-movement-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tsg-movement-dialog.h"

struct _TsgMovementDialog
{
  GtkWindow   parent_instance;

  /* Template widgets */
  GtkLabel    *intro_label;
  GtkWidget   *item_field;
  GtkLabel    *item_label;
  GtkDropDown *item_dropdown;
  GtkLabel    *item_error;
  GtkWidget   *from_field;
  GtkLabel    *from_label;
  GtkDropDown *from_dropdown;
  GtkLabel    *from_error;
  GtkWidget   *to_field;
  GtkLabel    *to_label;
  GtkDropDown *to_dropdown;
  GtkLabel    *to_error;
  GtkWidget   *direction_field;
  GtkDropDown *direction_dropdown;
  GtkWidget   *quantity_field;
  GtkEntry    *quantity_entry;
  GtkLabel    *stock_hint;
  GtkLabel    *quantity_error;
  GtkWidget   *source_field;
  GtkDropDown *source_dropdown;
  GtkWidget   *cost_field;
  GtkEntry    *cost_entry;
  GtkLabel    *cost_error;
  GtkWidget   *funding_field;
  GtkEntry    *funding_entry;
  GtkWidget   *client_field;
  GtkEntry    *client_entry;
  GtkLabel    *client_error;
  GtkWidget   *date_field;
  GtkEntry    *date_entry;
  GtkLabel    *date_error;
  GtkWidget   *reason_field;
  GtkLabel    *reason_label;
  GtkEntry    *reason_entry;
  GtkLabel    *reason_error;
  GtkLabel    *general_error;

  /* Owned references */
  TsgStore    *store;
  TsgActor    *actor;
  GPtrArray   *items;     /* TsgItem, in the order of item_dropdown */
  GPtrArray   *points;    /* TsgPoint, in the order of both point dropdowns */

  TsgMovementDialogMode mode;
};

G_DEFINE_FINAL_TYPE (TsgMovementDialog, tsg_movement_dialog, GTK_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkStringList *
names_of (GPtrArray *array,
          gsize      name_offset)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < array->len; i++)
    gtk_string_list_append (list, G_STRUCT_MEMBER (char *, g_ptr_array_index (array, i), name_offset));
  return list;
}

static gint64
selected_id (GtkDropDown *dropdown,
             GPtrArray   *array)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  /* TsgItem and TsgPoint both start with their id. */
  if (array == NULL || i == GTK_INVALID_LIST_POSITION || i >= array->len)
    return 0;
  return *(gint64 *) g_ptr_array_index (array, i);
}

static void
select_id (GtkDropDown *dropdown,
           GPtrArray   *array,
           gint64       id)
{
  for (guint i = 0; i < array->len; i++)
    if (*(gint64 *) g_ptr_array_index (array, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
}

static gint64
office_id (TsgMovementDialog *self)
{
  for (guint i = 0; i < self->points->len; i++)
    {
      TsgPoint *point = g_ptr_array_index (self->points, i);
      if (point->is_office)
        return point->id;
    }
  return 0;
}

/* --- errors at the field ----------------------------------------------- */

static GtkLabel *
error_label_for (TsgMovementDialog *self,
                 TsgMovementField   field)
{
  switch (field)
    {
    case TSG_MOVEMENT_FIELD_ITEM: return self->item_error;
    case TSG_MOVEMENT_FIELD_FROM:
      /* An adjustment and a receipt name their one point in whichever
       * dropdown shows. */
      return gtk_widget_get_visible (self->from_field) ? self->from_error : self->to_error;
    case TSG_MOVEMENT_FIELD_TO:
      return gtk_widget_get_visible (self->to_field) ? self->to_error : self->from_error;
    case TSG_MOVEMENT_FIELD_QUANTITY: return self->quantity_error;
    case TSG_MOVEMENT_FIELD_COST: return self->cost_error;
    case TSG_MOVEMENT_FIELD_CLIENT: return self->client_error;
    case TSG_MOVEMENT_FIELD_OCCURRED_AT: return self->date_error;
    case TSG_MOVEMENT_FIELD_REASON: return self->reason_error;
    case TSG_MOVEMENT_FIELD_NONE:
    case TSG_MOVEMENT_FIELD_KIND:
    case TSG_MOVEMENT_FIELD_SOURCE:
    case TSG_MOVEMENT_FIELD_FUNDING:
    case TSG_MOVEMENT_FIELD_LINES:
    default:
      return self->general_error;
    }
}

static GtkWidget *
control_for (TsgMovementDialog *self,
             GtkLabel          *error_label)
{
  if (error_label == self->item_error) return GTK_WIDGET (self->item_dropdown);
  if (error_label == self->from_error) return GTK_WIDGET (self->from_dropdown);
  if (error_label == self->to_error) return GTK_WIDGET (self->to_dropdown);
  if (error_label == self->quantity_error) return GTK_WIDGET (self->quantity_entry);
  if (error_label == self->cost_error) return GTK_WIDGET (self->cost_entry);
  if (error_label == self->client_error) return GTK_WIDGET (self->client_entry);
  if (error_label == self->date_error) return GTK_WIDGET (self->date_entry);
  if (error_label == self->reason_error) return GTK_WIDGET (self->reason_entry);
  return NULL;
}

static void
clear_errors (TsgMovementDialog *self)
{
  GtkLabel *labels[] = {
    self->item_error, self->from_error, self->to_error, self->quantity_error, self->cost_error,
    self->client_error, self->date_error, self->reason_error, self->general_error,
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *control = control_for (self, labels[i]);

      gtk_widget_set_visible (GTK_WIDGET (labels[i]), FALSE);
      if (control != NULL)
        {
          gtk_widget_remove_css_class (control, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_STATE_INVALID);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
}

/* The sentence goes under the field, the field is marked invalid for
 * screen readers (with the sentence as its description) and takes focus. */
static void
show_error (TsgMovementDialog *self,
            GtkLabel          *label,
            const char        *message)
{
  GtkWidget *control = control_for (self, label);

  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (control != NULL)
    {
      gtk_widget_add_css_class (control, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      gtk_widget_grab_focus (control);
    }
}

/* --- parsing ------------------------------------------------------------- */

static gboolean
parse_number (TsgMovementDialog *self,
              GtkEntry          *entry,
              GtkLabel          *error_label,
              const char        *field_name,
              gboolean           allow_empty,
              gint64            *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *msg = NULL;

  /* Full-width digits (０-９) are what a Japanese input method types. */
  g_autofree char *ascii = NULL;
  {
    GString *s = g_string_new (NULL);
    for (const char *p = text; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        if (c >= 0xFF10 && c <= 0xFF19)
          g_string_append_c (s, (char) ('0' + (c - 0xFF10)));
        else if (c == 0xFF0D || c == 0x2212)
          g_string_append_c (s, '-');
        else if (c != ',' && c != 0xFF0C)
          g_string_append_unichar (s, c);
      }
    ascii = g_string_free (s, FALSE);
  }
  if (*ascii == '\0' && allow_empty)
    {
      *out = -1;
      return TRUE;
    }
  if (g_ascii_string_to_signed (ascii, 10, G_MININT64 / 2, G_MAXINT64 / 2, out, NULL))
    return TRUE;
  /* translators: "Quantity: “abc” is not a whole number." */
  msg = g_strdup_printf (_("%s: “%s” is not a whole number."), field_name, text);
  show_error (self, error_label, msg);
  return FALSE;
}

/* Today means now; another day means noon of that day, local time. */
static gboolean
parse_date (TsgMovementDialog *self,
            gint64            *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) dt = NULL;
  int y = 0, m = 0, d = 0;
  char extra;

  *out = 0;
  if (*text == '\0')
    return TRUE;
  g_strdelimit (text, "/.年月", '-');
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &extra) == 3)
    dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (dt == NULL || y < 2000)
    {
      g_autofree char *msg = g_strdup_printf (_("Date: “%s” is not a date; write it as 2025-04-01."),
                                              gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
      show_error (self, self->date_error, msg);
      return FALSE;
    }
  if (g_date_time_get_year (dt) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (now))
    return TRUE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* --- recording ----------------------------------------------------------- */

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgMovementDialog *self = TSG_MOVEMENT_DIALOG (widget);
  g_auto(TsgMovementResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  TsgMovementSpec spec;
  gint64 quantity = 0, cost = -1, when = 0;
  gboolean ok;

  clear_errors (self);
  if (!parse_number (self, self->quantity_entry, self->quantity_error, _("Quantity"), FALSE, &quantity))
    return;
  if (gtk_widget_get_visible (self->cost_field) &&
      !parse_number (self, self->cost_entry, self->cost_error, _("Cost"), TRUE, &cost))
    return;
  if (gtk_widget_get_visible (self->date_field) && !parse_date (self, &when))
    return;

  if (self->mode == TSG_MOVEMENT_DIALOG_PACK_KITS)
    ok = tsg_store_assemble_kits (self->store, self->actor, selected_id (self->to_dropdown, self->points),
                                  selected_id (self->item_dropdown, self->items), quantity, &result, &error);
  else
    {
      tsg_movement_spec_init (&spec, (TsgMovementKind) self->mode);
      spec.item_id = selected_id (self->item_dropdown, self->items);
      spec.quantity = quantity;
      spec.occurred_at = when;
      spec.reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
      switch (self->mode)
        {
        case TSG_MOVEMENT_DIALOG_RECEIPT:
          spec.to_point_id = selected_id (self->to_dropdown, self->points);
          spec.source = gtk_drop_down_get_selected (self->source_dropdown) == 1 ? "purchase" : "donation";
          spec.cost_yen = cost;
          spec.funding_source = gtk_editable_get_text (GTK_EDITABLE (self->funding_entry));
          break;
        case TSG_MOVEMENT_DIALOG_TRANSFER:
          spec.from_point_id = selected_id (self->from_dropdown, self->points);
          spec.to_point_id = selected_id (self->to_dropdown, self->points);
          break;
        case TSG_MOVEMENT_DIALOG_DISTRIBUTION:
          spec.from_point_id = selected_id (self->from_dropdown, self->points);
          spec.client_code = gtk_editable_get_text (GTK_EDITABLE (self->client_entry));
          break;
        case TSG_MOVEMENT_DIALOG_ADJUSTMENT:
          if (gtk_drop_down_get_selected (self->direction_dropdown) == 1)
            spec.to_point_id = selected_id (self->from_dropdown, self->points);
          else
            spec.from_point_id = selected_id (self->from_dropdown, self->points);
          break;
        case TSG_MOVEMENT_DIALOG_PACK_KITS:
        default:
          g_assert_not_reached ();
        }
      ok = tsg_store_record_movement (self->store, self->actor, &spec, &result, &error);
    }

  if (!ok)
    {
      GtkLabel *label = g_error_matches (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID)
                          ? error_label_for (self, result.invalid_field) : self->general_error;
      show_error (self, label, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, &result);
  gtk_window_close (GTK_WINDOW (self));
}

static void
update_stock_hint (TsgMovementDialog *self)
{
  gint64 item = selected_id (self->item_dropdown, self->items);
  gint64 point;
  g_autofree char *text = NULL;
  g_autofree char *balance = NULL;
  guint i;

  if (self->mode == TSG_MOVEMENT_DIALOG_RECEIPT || self->mode == TSG_MOVEMENT_DIALOG_PACK_KITS)
    point = selected_id (self->to_dropdown, self->points);
  else
    point = selected_id (self->from_dropdown, self->points);
  i = gtk_widget_get_visible (self->from_field) ? gtk_drop_down_get_selected (self->from_dropdown)
                                                : gtk_drop_down_get_selected (self->to_dropdown);
  if (item == 0 || point == 0 || i >= self->points->len)
    {
      gtk_label_set_text (self->stock_hint, "");
      return;
    }
  balance = g_strdup_printf ("%" G_GINT64_FORMAT, tsg_store_get_balance (self->store, point, item));
  /* translators: under the quantity: "In stock at Bookshop: 12" */
  text = g_strdup_printf (_("In stock at %s: %s"), ((TsgPoint *) g_ptr_array_index (self->points, i))->name,
                          balance);
  gtk_label_set_text (self->stock_hint, text);
}

/* --- modes --------------------------------------------------------------- */

/* The control's accessible name comes from its mnemonic label (the
 * labelled-by relation GtkLabel sets), so renaming the label renames it. */
static void
set_field_label (GtkLabel   *label,
                 const char *mnemonic_text)
{
  gtk_label_set_text_with_mnemonic (label, mnemonic_text);
}

static void
apply_mode (TsgMovementDialog *self,
            gint64             point_id,
            gint64             item_id)
{
  TsgMovementDialogMode mode = self->mode;
  gboolean receipt = mode == TSG_MOVEMENT_DIALOG_RECEIPT;
  gint64 office = office_id (self);
  const char *titles[] = {
    N_("Record a Receipt"), N_("Record a Transfer"), N_("Record a Distribution"),
    N_("Record an Adjustment"), N_("Pack Kits"),
  };
  const char *intros[] = {
    N_("Products that came in, donated or purchased."),
    N_("Products taken from one place to another, such as from the office to a bookshop."),
    N_("Products handed out: to a client (enter her code: it shows on her case timeline), or a pickup tally reported by a point (leave the code empty)."),
    N_("A correction with its reason: damaged, expired, lost or found."),
    N_("Bags packed from their components: the components leave the stock, the kits come in."),
  };

  gtk_window_set_title (GTK_WINDOW (self), _(titles[mode]));
  gtk_label_set_text (self->intro_label, _(intros[mode]));

  gtk_widget_set_visible (self->from_field, mode == TSG_MOVEMENT_DIALOG_TRANSFER ||
                                            mode == TSG_MOVEMENT_DIALOG_DISTRIBUTION ||
                                            mode == TSG_MOVEMENT_DIALOG_ADJUSTMENT);
  gtk_widget_set_visible (self->to_field, receipt || mode == TSG_MOVEMENT_DIALOG_TRANSFER ||
                                          mode == TSG_MOVEMENT_DIALOG_PACK_KITS);
  gtk_widget_set_visible (self->direction_field, mode == TSG_MOVEMENT_DIALOG_ADJUSTMENT);
  gtk_widget_set_visible (self->source_field, receipt);
  gtk_widget_set_visible (self->cost_field, receipt);
  gtk_widget_set_visible (self->funding_field, receipt);
  gtk_widget_set_visible (self->client_field, mode == TSG_MOVEMENT_DIALOG_DISTRIBUTION);
  gtk_widget_set_visible (self->date_field, mode != TSG_MOVEMENT_DIALOG_PACK_KITS);
  gtk_widget_set_visible (self->reason_field, mode != TSG_MOVEMENT_DIALOG_PACK_KITS);

  if (mode == TSG_MOVEMENT_DIALOG_ADJUSTMENT)
    {
      set_field_label (self->from_label, _("_Point"));
      set_field_label (self->reason_label, _("_Reason"));
    }
  else if (receipt)
    set_field_label (self->to_label, _("Received _at"));
  else if (mode == TSG_MOVEMENT_DIALOG_PACK_KITS)
    {
      set_field_label (self->item_label, _("_Kit"));
      set_field_label (self->to_label, _("Packed _at"));
    }
  else if (mode == TSG_MOVEMENT_DIALOG_DISTRIBUTION)
    set_field_label (self->from_label, _("Handed out _at"));

  /* Sensible defaults: stock comes in at the office and leaves from it. */
  if (receipt || mode == TSG_MOVEMENT_DIALOG_PACK_KITS)
    select_id (self->to_dropdown, self->points, point_id ? point_id : office);
  else if (mode == TSG_MOVEMENT_DIALOG_TRANSFER)
    {
      select_id (self->from_dropdown, self->points, office);
      if (point_id && point_id != office)
        select_id (self->to_dropdown, self->points, point_id);
      else if (self->points->len > 1)
        gtk_drop_down_set_selected (self->to_dropdown, gtk_drop_down_get_selected (self->from_dropdown) == 0 ? 1 : 0);
    }
  else
    select_id (self->from_dropdown, self->points, point_id ? point_id : office);
  if (item_id)
    select_id (self->item_dropdown, self->items, item_id);
  update_stock_hint (self);
}

static void
load_choices (TsgMovementDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) item_names = NULL;
  g_autoptr(GtkStringList) point_names = NULL;
  g_autoptr(GtkStringList) point_names2 = NULL;
  g_autoptr(GPtrArray) items = tsg_store_list_items (self->store, self->actor, FALSE, &error);

  self->points = tsg_store_list_points (self->store, self->actor, FALSE, &error);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_item_free);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      TsgItem *item = g_ptr_array_index (items, i);
      /* Packing lists kits only; everything else lists every item. */
      if (self->mode != TSG_MOVEMENT_DIALOG_PACK_KITS || item->is_kit)
        g_ptr_array_add (self->items, g_steal_pointer (&items->pdata[i]));
    }
  if (self->points == NULL)
    {
      self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_point_free);
      gtk_label_set_text (self->general_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
    }
  item_names = names_of (self->items, G_STRUCT_OFFSET (TsgItem, name));
  point_names = names_of (self->points, G_STRUCT_OFFSET (TsgPoint, name));
  point_names2 = names_of (self->points, G_STRUCT_OFFSET (TsgPoint, name));
  gtk_drop_down_set_model (self->item_dropdown, G_LIST_MODEL (item_names));
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (point_names));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (point_names2));
}

static void
on_choice_changed_cb (TsgMovementDialog *self)
{
  if (self->points != NULL)
    update_stock_hint (self);
}

static void
tsg_movement_dialog_dispose (GObject *object)
{
  TsgMovementDialog *self = TSG_MOVEMENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_MOVEMENT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  G_OBJECT_CLASS (tsg_movement_dialog_parent_class)->dispose (object);
}

static void
tsg_movement_dialog_class_init (TsgMovementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_movement_dialog_dispose;

  /**
   * TsgMovementDialog::recorded:
   * @result: (type gpointer): the TsgMovementResult, alerts included
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-movement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, item_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, item_label);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, item_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, from_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, from_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, to_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, to_label);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, to_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, direction_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, quantity_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, stock_hint);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, quantity_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, source_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, cost_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, cost_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, cost_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, funding_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, funding_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, client_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, client_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, client_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, date_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, reason_field);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, reason_error);
  gtk_widget_class_bind_template_child (widget_class, TsgMovementDialog, general_error);

  gtk_widget_class_install_action (widget_class, "movement.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (ADW_TYPE_HEADER_BAR);
}

static void
tsg_movement_dialog_init (TsgMovementDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tsg_movement_dialog_new (GtkWindow             *parent,
                         TsgStore              *store,
                         TsgActor              *actor,
                         TsgMovementDialogMode  mode,
                         gint64                 point_id,
                         gint64                 item_id)
{
  TsgMovementDialog *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);
  g_return_val_if_fail (mode <= TSG_MOVEMENT_DIALOG_PACK_KITS, NULL);

  self = g_object_new (TSG_TYPE_MOVEMENT_DIALOG, "transient-for", parent,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->mode = mode;
  load_choices (self);
  apply_mode (self, point_id, item_id);
  g_signal_connect_object (self->item_dropdown, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_dropdown, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_dropdown, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (mode == TSG_MOVEMENT_DIALOG_PACK_KITS)
    gtk_widget_grab_focus (GTK_WIDGET (self->item_dropdown));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->quantity_entry));
  return GTK_WIDGET (self);
}

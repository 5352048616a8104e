/* tsg-enum-dropdown.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Front-desk staff fill these while listening: a popup per field costs three
 * keystrokes and a look at the screen, so the arrows and digits change the
 * value in place, as a native select box does.
 */
#define G_LOG_DOMAIN "tsg-enum-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-enum-dropdown.h"

typedef struct
{
  const TsgEnumValue *values;
  gboolean            has_any;
} EnumInfo;

static EnumInfo *
get_info (GtkDropDown *dropdown)
{
  return g_object_get_data (G_OBJECT (dropdown), "tsg-enum-info");
}

static guint
n_items (GtkDropDown *dropdown)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
}

static gboolean
select_by_letter (GtkDropDown *dropdown,
                  gunichar     ch)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n = n_items (dropdown);
  guint start = gtk_drop_down_get_selected (dropdown);

  ch = g_unichar_tolower (ch);
  for (guint k = 1; k <= n; k++)
    {
      guint i = (start + k) % n;
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (text != NULL && g_unichar_tolower (g_utf8_get_char (text)) == ch)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* While the list is open its own keys apply. */
static gboolean
popup_is_open (GtkDropDown *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkDropDown           *dropdown)
{
  guint n = n_items (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);
  gunichar ch;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || n == 0
      || popup_is_open (dropdown))
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      gtk_drop_down_set_selected (dropdown, MIN (selected + 1, n - 1));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      gtk_drop_down_set_selected (dropdown, selected > 0 ? selected - 1 : 0);
      return TRUE;
    case GDK_KEY_Home:
      gtk_drop_down_set_selected (dropdown, 0);
      return TRUE;
    case GDK_KEY_End:
      gtk_drop_down_set_selected (dropdown, n - 1);
      return TRUE;
    default:
      break;
    }

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    {
      guint i = keyval - GDK_KEY_1;
      if (i < n)
        gtk_drop_down_set_selected (dropdown, i);
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    {
      guint i = keyval - GDK_KEY_KP_1;
      if (i < n)
        gtk_drop_down_set_selected (dropdown, i);
      return TRUE;
    }
  ch = gdk_keyval_to_unicode (keyval);
  if (ch != 0 && g_unichar_isalpha (ch))
    return select_by_letter (dropdown, ch);
  return FALSE;
}

/* The popup shows each item's digit, so that the digits can be learnt. */
static void
setup_list_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *digit = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (digit, "dim-label");
  gtk_widget_add_css_class (digit, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), digit);
  gtk_list_item_set_child (item, box);
}

static void
bind_list_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *digit = gtk_widget_get_last_child (box);
  GtkStringObject *string = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  char text[8] = "";

  if (position < 9)
    g_snprintf (text, sizeof text, "%u", position + 1);
  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_label_set_label (GTK_LABEL (digit), text);
}

GtkWidget *
tsg_enum_dropdown_new (const TsgEnumValue *values,
                       const char         *any_label)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkWidget *dropdown;
  EnumInfo *info;

  g_return_val_if_fail (values != NULL, NULL);

  if (any_label != NULL)
    gtk_string_list_append (strings, any_label);
  for (guint i = 0; values[i].id != NULL; i++)
    gtk_string_list_append (strings, g_dgettext (GETTEXT_PACKAGE, values[i].label));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  info = g_new0 (EnumInfo, 1);
  info->values = values;
  info->has_any = any_label != NULL;
  g_object_set_data_full (G_OBJECT (dropdown), "tsg-enum-info", info, g_free);

  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_list_item_cb), NULL);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), dropdown);
  gtk_widget_add_controller (dropdown, keys);
  return dropdown;
}

const char *
tsg_enum_dropdown_get_id (GtkDropDown *dropdown)
{
  EnumInfo *info = get_info (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_return_val_if_fail (info != NULL, NULL);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (info->has_any)
    {
      if (selected == 0)
        return NULL;
      selected--;
    }
  if (selected >= tsg_enum_count (info->values))
    return NULL;
  return info->values[selected].id;
}

void
tsg_enum_dropdown_set_id (GtkDropDown *dropdown,
                          const char  *id)
{
  EnumInfo *info = get_info (dropdown);
  int i;

  g_return_if_fail (info != NULL);

  i = tsg_enum_index (info->values, id);
  if (i < 0)
    gtk_drop_down_set_selected (dropdown, 0);
  else
    gtk_drop_down_set_selected (dropdown, (guint) i + (info->has_any ? 1 : 0));
}

/* tsg-contact-editor.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form a front-desk worker fills while she listens. It is a window of
 * its own, not a modal dialog: the call log and her case stay usable beside
 * it, and its focus chain is exactly the order of a call (channel, number,
 * call type, first contact, age, municipality, how she heard of us, call-back,
 * case; then topics, summary, risk, outcome, referral).
 *
 * Keyboard: Enter saves anywhere but in the summary, where it is a newline
 * (IME composition needs Enter); Ctrl+Enter saves everywhere; Escape asks
 * before discarding. The form is written to the store as a draft one second
 * after each change, so a crash loses at most a second of typing.
 */
#define G_LOG_DOMAIN "tsg-contact-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tsg-call-timer.h"
#include "tsg-contact-editor-private.h"
#include "tsg-domain.h"
#include "tsg-enum-dropdown.h"
#include "tsg-format.h"
#include "tsg-municipality-completion.h"
#include "tsg-service-completion.h"
#include "tsg-store-cases.h"
#include "tsg-store-contacts.h"

#define LOOKUP_DELAY_MS 400

/* The letter that ticks each topic when the topic grid has the focus: the
 * same in every language, so that training material stays valid. */
static const struct { const char *id; guint key; } topic_keys[] = {
  { "livelihood", GDK_KEY_l }, { "work", GDK_KEY_w }, { "mental", GDK_KEY_m },
  { "dv", GDK_KEY_d }, { "housing", GDK_KEY_h }, { "family", GDK_KEY_f },
  { "child_rearing", GDK_KEY_c }, { "health", GDK_KEY_e }, { "sexual_violence", GDK_KEY_s },
  { "relationships", GDK_KEY_r }, { "legal", GDK_KEY_g }, { "other", GDK_KEY_o },
};
#define N_TOPIC_COLUMNS 3
G_STATIC_ASSERT (G_N_ELEMENTS (topic_keys) == TSG_N_TOPIC_KEYS);


G_DEFINE_FINAL_TYPE (TsgContactEditor, tsg_contact_editor, ADW_TYPE_WINDOW)

enum { SAVED, DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];


/* --- small helpers ------------------------------------------------------ */

/* "経路(_H)" and "C_hannel" name the control "経路" and "Channel". */
static char *
accessible_name_of (GtkLabel *label)
{
  g_autofree char *text = g_strdup (gtk_label_get_text (label));
  gsize len = strlen (text);

  if (len >= 3 && text[len - 1] == ')' && text[len - 3] == '(' && g_ascii_isalpha (text[len - 2]))
    text[len - 3] = '\0';
  return g_strstrip (g_steal_pointer (&text));
}

static void
label_control (GtkLabel  *label,
               GtkWidget *control)
{
  g_autofree char *name = accessible_name_of (label);

  /* The name only: the mnemonic label adds itself as labelled-by, and
   * GTK 4.8 would join its text ("日時(D)") to the name. */
  gtk_label_set_mnemonic_widget (label, control);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static GtkWindow *
get_parent_window (TsgContactEditor *self)
{
  return gtk_window_get_transient_for (GTK_WINDOW (self));
}

/* GTK 4.8 has no public lookup of a widget's actions: look in the class
 * (gtk_widget_class_install_action) and in the window's GActionMap. */
static gboolean
window_has_action (GtkWindow  *window,
                   const char *detailed_name)
{
  GtkWidgetClass *klass;
  const char *name;

  if (window == NULL)
    return FALSE;
  klass = GTK_WIDGET_GET_CLASS (window);
  for (guint i = 0; ; i++)
    {
      GType owner;
      const char *action;
      const GVariantType *param;
      const char *property;

      if (!gtk_widget_class_query_action (klass, i, &owner, &action, &param, &property))
        break;
      if (g_strcmp0 (action, detailed_name) == 0)
        return TRUE;
    }
  name = strchr (detailed_name, '.');
  if (G_IS_ACTION_MAP (window) && g_str_has_prefix (detailed_name, "win.") && name != NULL)
    return g_action_map_lookup_action (G_ACTION_MAP (window), name + 1) != NULL;
  return FALSE;
}

char *
_tsg_contact_editor_get_summary (TsgContactEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
show_error (TsgContactEditor *self,
            const char       *message,
            GtkWidget        *focus)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* --- topics: one tab stop, arrows move, letters tick --------------------- */

static int
focused_topic (TsgContactEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    if (focus != NULL && (focus == GTK_WIDGET (self->topic_checks[i]) ||
                          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->topic_checks[i]))))
      return (int) i;
  return -1;
}

static void
move_topic_focus (TsgContactEditor *self,
                  int               to)
{
  if (to < 0 || to >= (int) G_N_ELEMENTS (topic_keys))
    return;
  /* can-focus, not focusable: GtkCheckButton's focus vfunc claims to take
   * the focus even when it is not focusable, which would stop Tab there. */
  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    gtk_widget_set_can_focus (GTK_WIDGET (self->topic_checks[i]), (int) i == to);
  gtk_widget_grab_focus (GTK_WIDGET (self->topic_checks[to]));
}

static gboolean
on_topics_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          TsgContactEditor      *self)
{
  int current = focused_topic (self);
  guint lower = gdk_keyval_to_lower (keyval);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || current < 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      move_topic_focus (self, current - 1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      move_topic_focus (self, current + 1);
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      move_topic_focus (self, current - N_TOPIC_COLUMNS);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      move_topic_focus (self, current + N_TOPIC_COLUMNS);
      return TRUE;
    default:
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    if (topic_keys[i].key == lower)
      {
        GtkCheckButton *check = self->topic_checks[i];
        gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
        move_topic_focus (self, (int) i);
        return TRUE;
      }
  return FALSE;
}

/* Alt+O goes to the topics without ticking one (a check button's own
 * mnemonic would toggle it). */
static gboolean
on_topics_mnemonic_cb (GtkWidget        *check,
                       gboolean          group_cycling,
                       TsgContactEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    if (gtk_widget_get_can_focus (GTK_WIDGET (self->topic_checks[i])))
      {
        gtk_widget_grab_focus (GTK_WIDGET (self->topic_checks[i]));
        return TRUE;
      }
  return FALSE;
}

static void
on_field_changed_cb (TsgContactEditor *self)
{
  if (self->filling)
    return;
  self->modified = TRUE;
  _tsg_contact_editor_schedule_draft (self);
}

static void
build_topics (TsgContactEditor *self)
{
  GtkEventController *keys;

  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    {
      const char *label = tsg_enum_label (tsg_topics, topic_keys[i].id);
      g_autofree char *key = g_utf8_strup (gdk_keyval_name (topic_keys[i].key), -1);
      /* translators: the accessible description of a topic check box: the key that ticks it */
      g_autofree char *description = g_strdup_printf (_("Key %s"), key);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *keycap = gtk_label_new (key);

      gtk_widget_set_name (check, topic_keys[i].id);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_widget_set_can_focus (check, i == 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, key,
                                      -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_field_changed_cb), self);
      gtk_widget_add_css_class (keycap, "dim-label");
      gtk_widget_add_css_class (keycap, "monospace");
      gtk_widget_add_css_class (keycap, "tsg-keycap");
      gtk_accessible_update_property (GTK_ACCESSIBLE (keycap), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), keycap);
      gtk_grid_attach (self->topics_grid, box, i % N_TOPIC_COLUMNS, i / N_TOPIC_COLUMNS, 1, 1);
      self->topic_checks[i] = GTK_CHECK_BUTTON (check);
    }
  gtk_label_set_mnemonic_widget (self->topics_label, GTK_WIDGET (self->topic_checks[0]));
  g_signal_connect (self->topic_checks[0], "mnemonic-activate", G_CALLBACK (on_topics_mnemonic_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topics_grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Topics"), -1);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_topics_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->topics_grid), keys);
}

GStrv
_tsg_contact_editor_get_topics (TsgContactEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* In the order of the vocabulary, whatever the order of the grid. */
  for (guint v = 0; tsg_topics[v].id != NULL; v++)
    for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
      if (g_str_equal (topic_keys[i].id, tsg_topics[v].id) &&
          gtk_check_button_get_active (self->topic_checks[i]))
        g_strv_builder_add (builder, topic_keys[i].id);
  return g_strv_builder_end (builder);
}

void
_tsg_contact_editor_set_topics (TsgContactEditor  *self,
            const char *const *topics)
{
  for (guint i = 0; i < G_N_ELEMENTS (topic_keys); i++)
    gtk_check_button_set_active (self->topic_checks[i],
                                 topics != NULL && g_strv_contains (topics, topic_keys[i].id));
}

/* Leaving a field turns a unique partial match into the full name, so the
 * worker sees what will be stored before she saves. */
static void
on_municipality_focus_leave_cb (TsgContactEditor *self)
{
  g_autofree char *text = entry_text (self->municipality_entry);
  g_autofree char *resolved = tsg_municipality_completion_resolve (self->municipalities, text, NULL);

  if (resolved != NULL && g_strcmp0 (resolved, text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->municipality_entry), resolved);
}

static void
on_referred_focus_leave_cb (TsgContactEditor *self)
{
  g_autofree char *text = entry_text (self->referred_entry);
  g_autofree char *canonical = NULL;
  guint n;

  if (text != NULL && tsg_service_completion_resolve (self->services, text, &n, &canonical) > 0 && g_strcmp0 (canonical, text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->referred_entry), canonical);
}

/* --- case link and repeat callers --------------------------------------- */

void
_tsg_contact_editor_update_case_link (TsgContactEditor *self)
{
  g_autofree char *status = NULL;
  g_autofree char *shown = NULL;
  GtkWindow *parent = get_parent_window (self);
  gboolean may_read = self->actor != NULL && tsg_actor_may (self->actor, TSG_PERM_CASES_READ);

  if (self->case_id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->case_id);

      shown = self->cases ? tsg_case_completion_text_for (self->cases, self->case_id) : NULL;
      /* translators: the case a contact is linked to, by its number */
      status = shown ? g_strdup (shown) : g_strdup_printf (_("Case no. %s"), number);
      gtk_button_set_label (self->case_button, _("O_pen Case"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->case_button), window_has_action (parent, "win.open-case"));
    }
  else
    {
      if (self->client_id > 0)
        status = g_strdup (_("A known client, no case"));
      else
        status = g_strdup (_("No case"));
      gtk_button_set_label (self->case_button, _("O_pen a Case"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->case_button),
                                self->actor != NULL && tsg_actor_may (self->actor, TSG_PERM_CASES_WRITE));
    }
  /* Whoever may read cases finds one by typing; the front desk sees what the
   * repeat-caller check linked, and cannot look cases up. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->case_entry), may_read);
  if (self->cases)
    tsg_case_completion_set_text (self->cases, may_read ? (self->case_id > 0 ? status : "") : status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->case_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  status, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->case_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  status, -1);
}

/* A case picked from the list: she is that case's client. */
static void
on_case_chosen_cb (TsgContactEditor *self,
                   gint64            case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgCase) kase = tsg_store_get_case (self->store, self->actor, case_id, &error);

  if (kase == NULL)
    {
      show_error (self, error->message, GTK_WIDGET (self->case_entry));
      return;
    }
  self->case_id = kase->id;
  if (self->client_id == 0 || self->client_from_case)
    {
      self->client_id = kase->client_id;
      self->client_from_case = TRUE;
    }
  self->modified = TRUE;
  _tsg_contact_editor_update_case_link (self);
}

/* What the case field says when the form is saved: the linked case, none,
 * or the one case the typed text names. */
static gboolean
collect_case (TsgContactEditor  *self,
              GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *linked = NULL;
  guint n = 0;
  gint64 id;

  if (self->actor == NULL || !tsg_actor_may (self->actor, TSG_PERM_CASES_READ))
    return TRUE;
  text = entry_text (self->case_entry);
  if (text == NULL)
    {
      if (self->client_from_case)
        self->client_id = 0;
      self->case_id = 0;
      self->client_from_case = FALSE;
      return TRUE;
    }
  linked = self->case_id > 0 ? tsg_case_completion_text_for (self->cases, self->case_id) : NULL;
  if (g_strcmp0 (linked, text) == 0)
    return TRUE;
  id = tsg_case_completion_resolve (self->cases, text, &n);
  if (id > 0)
    {
      on_case_chosen_cb (self, id);
      return self->case_id == id;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               n == 0 ? _("No case matches “%s”: type a case number or the client’s name, or leave the field empty.")
                      : _("“%s” matches several cases: choose one from the list."),
               text);
  gtk_widget_grab_focus (GTK_WIDGET (self->case_entry));
  return FALSE;
}

static void
set_first_contact (TsgContactEditor *self,
                   gboolean          first)
{
  gboolean was = self->filling;

  /* Repeat detection pre-fills the box; once the worker ticks it herself,
   * her answer wins. */
  if (self->first_contact_touched)
    return;
  self->filling = TRUE;
  gtk_check_button_set_active (self->first_contact_check, first);
  self->filling = was;
}

static gboolean
lookup_caller_cb (gpointer user_data)
{
  TsgContactEditor *self = user_data;
  g_autofree char *number = entry_text (self->number_entry);
  g_autoptr(GError) error = NULL;
  TsgCallerInfo info = { 0 };
  guint digits = 0;

  self->lookup_id = 0;
  for (const char *p = number; p != NULL && *p; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      digits++;
  /* Fewer than six digits match too many callers to mean anything. */
  if (digits < 6 || !tsg_store_lookup_caller (self->store, self->actor, number, &info, &error))
    {
      if (error != NULL)
        g_warning ("Cannot look the caller up: %s", error->message);
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      set_first_contact (self, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (info.previous_contacts == 0)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      set_first_contact (self, TRUE);
      return G_SOURCE_REMOVE;
    }
  {
    g_autofree char *last = tsg_format_datetime (info.last_at);
    g_autofree char *text = NULL;

    if (info.case_id > 0)
      /* translators: repeat caller banner: times, date of the last contact */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Called %u time before, last on %s, open case",
                                           "Called %u times before, last on %s, open case",
                                           info.previous_contacts),
                              info.previous_contacts, last);
    else
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Called %u time before, last on %s",
                                           "Called %u times before, last on %s",
                                           info.previous_contacts),
                              info.previous_contacts, last);
    gtk_label_set_label (self->banner_label, text);
    gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  }
  set_first_contact (self, FALSE);
  if (self->client_id == 0)
    self->client_id = info.client_id;
  if (self->case_id == 0)
    self->case_id = info.case_id;
  _tsg_contact_editor_update_case_link (self);
  return G_SOURCE_REMOVE;
}

static void
on_number_changed_cb (TsgContactEditor *self)
{
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  self->lookup_id = g_timeout_add (LOOKUP_DELAY_MS, lookup_caller_cb, self);
}

static void
on_first_contact_toggled_cb (TsgContactEditor *self)
{
  if (!self->filling)
    self->first_contact_touched = TRUE;
}

static void
on_duration_changed_cb (TsgContactEditor *self)
{
  if (!self->filling)
    self->duration_touched = TRUE;
}

/* Stopping the timer fills in the duration, unless it was typed. */
static void
on_timer_running_cb (TsgContactEditor *self)
{
  gboolean was = self->filling;

  if (tsg_call_timer_get_running (self->call_timer) || self->duration_touched)
    return;
  self->filling = TRUE;
  gtk_spin_button_set_value (self->duration_spin, tsg_call_timer_get_minutes (self->call_timer));
  self->filling = was;
  on_field_changed_cb (self);
}

void
_tsg_contact_editor_set_text (GtkEntry   *entry,
                              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

/* --- filling the form ---------------------------------------------------- */

static void
reset_form (TsgContactEditor *self)
{
  _tsg_contact_editor_set_text (self->number_entry, NULL);
  _tsg_contact_editor_set_text (self->municipality_entry, NULL);
  _tsg_contact_editor_set_text (self->heard_entry, NULL);
  _tsg_contact_editor_set_text (self->callback_entry, NULL);
  _tsg_contact_editor_set_text (self->referred_entry, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), "", -1);
  _tsg_contact_editor_set_topics (self, NULL);
  tsg_enum_dropdown_set_id (self->channel_dropdown, "free_dial");
  tsg_enum_dropdown_set_id (self->call_type_dropdown, "data");
  tsg_enum_dropdown_set_id (self->age_dropdown, "unknown");
  tsg_enum_dropdown_set_id (self->risk_dropdown, NULL);
  tsg_enum_dropdown_set_id (self->outcome_dropdown, NULL);
  gtk_spin_button_set_value (self->duration_spin, 0);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  show_error (self, NULL, NULL);
  self->client_id = 0;
  self->client_from_case = FALSE;
  self->case_id = 0;
  self->modified = FALSE;
  self->first_contact_touched = FALSE;
  self->duration_touched = FALSE;
}

void
tsg_contact_editor_start_new (TsgContactEditor *self)
{
  g_autofree char *started = NULL;

  g_return_if_fail (TSG_IS_CONTACT_EDITOR (self));

  self->filling = TRUE;
  g_clear_pointer (&self->loaded, tsg_contact_free);
  reset_form (self);
  self->started_at = g_get_real_time () / G_USEC_PER_SEC;
  started = tsg_format_local_input (self->started_at);
  _tsg_contact_editor_set_text (self->started_entry, started);
  gtk_check_button_set_active (self->first_contact_check, TRUE);
  tsg_call_timer_set_elapsed (self->call_timer, 0);
  tsg_call_timer_start (self->call_timer);
  gtk_window_set_title (GTK_WINDOW (self), _("New Contact"));
  adw_window_title_set_title (self->window_title, _("New Contact"));
  adw_window_title_set_subtitle (self->window_title, "");
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_expander), FALSE);
  _tsg_contact_editor_update_case_link (self);
  self->filling = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->channel_dropdown));
}

static void
show_history (TsgContactEditor *self,
              gint64            id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = tsg_store_contact_history (self->store, self->actor, id, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (versions == NULL)
    {
      g_warning ("Cannot read the history of contact %" G_GINT64_FORMAT ": %s", id, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->history_expander), FALSE);
      return;
    }
  /* Newest first: the last change is what people ask about. */
  for (guint i = versions->len; i > 0; i--)
    {
      TsgContactVersion *v = g_ptr_array_index (versions, i - 1);
      g_autofree char *when = tsg_format_datetime (v->changed_at);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* translators: one line of a contact's history: version, date, staff, what changed */
      g_string_append_printf (text, _("Version %d, %s, %s: %s"), v->version, when,
                              v->staff_name ? v->staff_name : "", v->changes ? v->changes : "");
    }
  if (text->len == 0)
    g_string_append (text, _("Not changed since it was first saved."));
  gtk_label_set_label (self->history_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->history_expander), TRUE);
}

gboolean
tsg_contact_editor_load (TsgContactEditor *self,
                         gint64            id,
                         GError          **error)
{
  g_autoptr(TsgContact) contact = NULL;
  g_autofree char *started = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *referred = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), FALSE);

  contact = tsg_store_get_contact (self->store, self->actor, id, error);
  if (contact == NULL)
    return FALSE;

  self->filling = TRUE;
  reset_form (self);
  self->started_at = contact->started_at;
  started = tsg_format_local_input (contact->started_at);
  _tsg_contact_editor_set_text (self->started_entry, started);
  tsg_call_timer_set_elapsed (self->call_timer, MAX (contact->duration_minutes, 0) * 60);
  gtk_spin_button_set_value (self->duration_spin, MAX (contact->duration_minutes, 0));
  self->duration_touched = contact->duration_minutes >= 0;
  tsg_enum_dropdown_set_id (self->channel_dropdown, contact->channel);
  tsg_enum_dropdown_set_id (self->call_type_dropdown, contact->call_type ? contact->call_type : "data");
  gtk_check_button_set_active (self->first_contact_check, contact->first_contact);
  self->first_contact_touched = TRUE;
  tsg_enum_dropdown_set_id (self->age_dropdown, contact->age_band ? contact->age_band : "unknown");
  _tsg_contact_editor_set_text (self->municipality_entry, contact->municipality);
  _tsg_contact_editor_set_text (self->heard_entry, contact->heard_via);
  if (contact->callback_at > 0)
    callback = tsg_format_local_input (contact->callback_at);
  _tsg_contact_editor_set_text (self->callback_entry, callback);
  _tsg_contact_editor_set_topics (self, (const char *const *) contact->topics);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            contact->summary ? contact->summary : "", -1);
  tsg_enum_dropdown_set_id (self->risk_dropdown, contact->risk_level);
  tsg_enum_dropdown_set_id (self->outcome_dropdown, contact->outcome);
  referred = tsg_service_completion_text_for (self->services, contact->referred_service_id);
  _tsg_contact_editor_set_text (self->referred_entry, referred);
  self->client_id = contact->client_id;
  self->case_id = contact->case_id;
  _tsg_contact_editor_update_case_link (self);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
  adw_window_title_set_title (self->window_title, _("Edit Contact"));
  subtitle = tsg_format_datetime (contact->started_at);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button),
                          tsg_actor_may (self->actor, TSG_PERM_CONTACTS_WRITE));
  show_history (self, id);
  g_clear_pointer (&self->loaded, tsg_contact_free);
  self->loaded = g_steal_pointer (&contact);
  self->filling = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->channel_dropdown));
  return TRUE;
}

/* --- saving -------------------------------------------------------------- */

/* Reads the form into @contact; on a field that cannot be read, says which
 * and puts the focus there. */
static gboolean
collect (TsgContactEditor *self,
         TsgContact       *contact,
         GError          **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *started = entry_text (self->started_entry);
  g_autofree char *municipality = entry_text (self->municipality_entry);
  g_autofree char *callback = entry_text (self->callback_entry);
  g_autofree char *referred = entry_text (self->referred_entry);
  g_autofree char *summary = _tsg_contact_editor_get_summary (self);
  const char *id;

  {
    /* The field shows minutes: untouched, it keeps the seconds it had, so
     * an edit does not record a change nobody made. */
    g_autofree char *shown = tsg_format_local_input (self->started_at);

    if (started != NULL && self->started_at > 0 && g_str_equal (started, shown))
      contact->started_at = self->started_at;
    else
      contact->started_at = started ? tsg_parse_local_time (started, now) : 0;
  }
  if (contact->started_at <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* translators: %s is what was typed in the date and time field */
                   _("The date and time “%s” is not like 2025-04-01 10:15."), started ? started : "");
      gtk_widget_grab_focus (GTK_WIDGET (self->started_entry));
      return FALSE;
    }

  /* The timer keeps running: a save that fails must not end the call. */
  gtk_spin_button_update (self->duration_spin);
  if (self->duration_touched)
    contact->duration_minutes = gtk_spin_button_get_value_as_int (self->duration_spin);
  else if (tsg_call_timer_get_elapsed (self->call_timer) > 0)
    contact->duration_minutes = tsg_call_timer_get_minutes (self->call_timer);
  else
    contact->duration_minutes = -1;

#define SET_STRING(field, value) G_STMT_START { g_free (contact->field); contact->field = g_strdup (value); } G_STMT_END
  id = tsg_enum_dropdown_get_id (self->channel_dropdown);
  SET_STRING (channel, id);
  id = tsg_enum_dropdown_get_id (self->call_type_dropdown);
  SET_STRING (call_type, id ? id : "data");
  contact->first_contact = gtk_check_button_get_active (self->first_contact_check);
  id = tsg_enum_dropdown_get_id (self->age_dropdown);
  SET_STRING (age_band, id ? id : "unknown");

  g_clear_pointer (&contact->municipality, g_free);
  if (municipality != NULL)
    {
      guint n = 0;

      contact->municipality = tsg_municipality_completion_resolve (self->municipalities, municipality, &n);
      if (contact->municipality == NULL)
        {
          if (n == 0)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         /* translators: %s is what was typed in the municipality field */
                         _("No municipality is called “%s”: type its name or reading and pick it from the list."),
                         municipality);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         /* translators: %s is what was typed; %u how many municipalities match it */
                         g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” matches %u municipality: pick one from the list.",
                                      "“%s” matches %u municipalities: pick one from the list.", n),
                         municipality, n);
          gtk_widget_grab_focus (GTK_WIDGET (self->municipality_entry));
          return FALSE;
        }
    }

  {
    g_autofree char *heard = entry_text (self->heard_entry);
    SET_STRING (heard_via, heard);
  }
  g_strfreev (contact->topics);
  contact->topics = _tsg_contact_editor_get_topics (self);
  SET_STRING (summary, summary);
  id = tsg_enum_dropdown_get_id (self->risk_dropdown);
  SET_STRING (risk_level, id);
  id = tsg_enum_dropdown_get_id (self->outcome_dropdown);
  SET_STRING (outcome, id);
#undef SET_STRING

  contact->referred_service_id = 0;
  if (referred != NULL)
    {
      g_autofree char *canonical = NULL;
      guint n = 0;
      gint64 service = tsg_service_completion_resolve (self->services, referred, &n, &canonical);

      if (service <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       n == 0
                       /* translators: %s is what was typed in the referral field */
                       ? _("No agency in the directory is called “%s”.")
                       : _("“%s” matches several agencies in the directory: pick one from the list."),
                       referred);
          gtk_widget_grab_focus (GTK_WIDGET (self->referred_entry));
          return FALSE;
        }
      contact->referred_service_id = service;
    }

  contact->callback_at = 0;
  if (callback != NULL && self->loaded != NULL && self->loaded->callback_at > 0)
    {
      g_autofree char *shown = tsg_format_local_input (self->loaded->callback_at);

      if (g_str_equal (callback, shown))
        contact->callback_at = self->loaded->callback_at;
    }
  if (callback != NULL && contact->callback_at == 0)
    {
      gint64 at = tsg_parse_local_time (callback, now);

      /* "9:00" typed in the afternoon means tomorrow morning. */
      if (at > 0 && at < now && strchr (callback, '-') == NULL && strchr (callback, '/') == NULL)
        at += 86400;
      if (at <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* translators: %s is what was typed in the call-back field */
                       _("The call-back time “%s” is not like 15:30, +2h or 2025-04-01 10:00."), callback);
          gtk_widget_grab_focus (GTK_WIDGET (self->callback_entry));
          return FALSE;
        }
      contact->callback_at = at;
    }

  if (!collect_case (self, error))
    return FALSE;
  contact->client_id = self->client_id;
  contact->case_id = self->case_id;
  g_free (contact->caller_number);
  contact->caller_number = entry_text (self->number_entry);
  return TRUE;
}

/* Writes the form to the store; the form stays open. */
static gint64
store_form (TsgContactEditor *self,
            GError          **error)
{
  g_autoptr(TsgContact) contact = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  contact = self->loaded ? tsg_contact_copy (self->loaded) : tsg_contact_new ();
  if (!collect (self, contact, &local_error))
    {
      show_error (self, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  id = tsg_store_save_contact (self->store, self->actor, contact, &local_error);
  if (id <= 0)
    {
      show_error (self, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return id;
}

static void
finish (TsgContactEditor *self,
        gint64            id)
{
  self->closing = TRUE;
  tsg_call_timer_stop (self->call_timer);
  _tsg_contact_editor_clear_draft (self);
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

gint64
tsg_contact_editor_save (TsgContactEditor *self,
                         GError          **error)
{
  gint64 id;

  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), 0);

  id = store_form (self, error);
  g_debug ("Saving contact %" G_GINT64_FORMAT " took %.1f ms", id,
           (g_get_monotonic_time () - start) / 1000.0);
  if (id > 0)
    finish (self, id);
  g_debug ("Saved and closed the form in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  return id;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsg_contact_editor_save (TSG_CONTACT_EDITOR (widget), NULL);
}

static void
on_entry_activate_cb (TsgContactEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* --- closing ------------------------------------------------------------- */

static void
discard (TsgContactEditor *self)
{
  self->closing = TRUE;
  _tsg_contact_editor_clear_draft (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
discard_idle_cb (gpointer user_data)
{
  discard (TSG_CONTACT_EDITOR (user_data));
  return G_SOURCE_REMOVE;
}

/* The form closes once the dialog, which is transient for it, is gone. */
static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TsgContactEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_idle_cb, g_object_ref (self), g_object_unref);
}

static void
ask_discard (TsgContactEditor *self)
{
  GtkWidget *dialog;

  if (!self->modified)
    {
      discard (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   self->loaded ? _("Discard the Changes?") : _("Discard This Contact?"),
                                   _("What you typed is lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_discard (TSG_CONTACT_EDITOR (widget));
}

static gboolean
tsg_contact_editor_close_request (GtkWindow *window)
{
  TsgContactEditor *self = TSG_CONTACT_EDITOR (window);

  if (self->closing)
    return GTK_WINDOW_CLASS (tsg_contact_editor_parent_class)->close_request (window);
  ask_discard (self);
  return TRUE;
}

/* --- deleting ------------------------------------------------------------ */

static gboolean
deleted_idle_cb (gpointer user_data)
{
  TsgContactEditor *self = user_data;

  self->closing = TRUE;
  _tsg_contact_editor_clear_draft (self);
  g_signal_emit (self, signals[DELETED], 0, self->loaded ? self->loaded->id : 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_deleted_cb (gint64   id,
               gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, deleted_idle_cb, g_object_ref (user_data), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgContactEditor *self = TSG_CONTACT_EDITOR (widget);

  if (self->loaded == NULL)
    return;
  tsg_contact_delete_dialog_present (GTK_WINDOW (self), self->store, self->actor, self->loaded->id,
                                     on_deleted_cb, self);
}

/* The case button: open her case, or open a new one from this contact
 * (saved first, so that the case can point at it). */
static void
case_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsgContactEditor *self = TSG_CONTACT_EDITOR (widget);
  g_autoptr(GtkWindow) parent = get_parent_window (self) ? g_object_ref (get_parent_window (self)) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, case_id;

  if (self->case_id > 0)
    {
      if (parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-case", "x", self->case_id);
      return;
    }
  id = store_form (self, NULL);
  if (id <= 0)
    return;
  case_id = tsg_store_open_case_from_contact (self->store, self->actor, id, &error);
  if (case_id <= 0)
    {
      /* The contact is saved: go on editing it, with the reason shown. */
      tsg_contact_editor_load (self, id, NULL);
      show_error (self, error->message, NULL);
      return;
    }
  finish (self, id);
  if (parent != NULL && window_has_action (parent, "win.open-case"))
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-case", "x", case_id);
}

/* --- keys ---------------------------------------------------------------- */

static gboolean
within (GtkWidget *widget,
        GType      type)
{
  return widget != NULL && (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) || gtk_widget_get_ancestor (widget, type));
}

/* Enter saves where it has no other meaning (drop-downs, check boxes,
 * the duration); entries save through activates-default; the summary keeps
 * Enter for new lines and the input method. Ctrl+Enter saves everywhere. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TsgContactEditor      *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean enter = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;

  if (!enter)
    return FALSE;
  if (within (focus, GTK_TYPE_POPOVER))
    return FALSE;
  if ((state & GDK_CONTROL_MASK) != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
      return TRUE;
    }
  if ((state & (GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  if (within (focus, GTK_TYPE_DROP_DOWN) || within (focus, GTK_TYPE_CHECK_BUTTON) ||
      within (focus, GTK_TYPE_SPIN_BUTTON))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
      return TRUE;
    }
  return FALSE;
}

/* --- the object ---------------------------------------------------------- */

static GtkDropDown *
add_dropdown (TsgContactEditor   *self,
              GtkGrid            *grid,
              GtkLabel           *label,
              int                 row,
              const TsgEnumValue *values,
              const char         *none_label,
              const char         *name)
{
  GtkWidget *dropdown = tsg_enum_dropdown_new (values, none_label);

  gtk_widget_set_name (dropdown, name);
  gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
  gtk_grid_attach (grid, dropdown, 1, row, 1, 1);
  label_control (label, dropdown);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  return GTK_DROP_DOWN (dropdown);
}

static void
tsg_contact_editor_dispose (GObject *object)
{
  TsgContactEditor *self = TSG_CONTACT_EDITOR (object);

  /* A pending draft is written now rather than lost. */
  if (self->draft_id != 0 && !self->closing)
    _tsg_contact_editor_save_draft_cb (self);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->services);
  g_clear_object (&self->cases);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  g_clear_pointer (&self->loaded, tsg_contact_free);
  G_OBJECT_CLASS (tsg_contact_editor_parent_class)->dispose (object);
}

static void
tsg_contact_editor_class_init (TsgContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tsg_contact_editor_dispose;
  window_class->close_request = tsg_contact_editor_close_request;

  /**
   * TsgContactEditor::saved:
   * @id: the contact's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, call_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, call_timer);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, timer_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, started_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, started_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, duration_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, channel_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, number_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, number_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, call_type_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, first_contact_check);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, age_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, municipality_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, municipality_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, heard_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, heard_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, callback_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, callback_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, case_title_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, case_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, case_button);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, topics_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, topics_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, outcome_grid);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, risk_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, referred_label);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, referred_entry);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, history_expander);
  gtk_widget_class_bind_template_child (widget_class, TsgContactEditor, history_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.case", NULL, case_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);

  g_type_ensure (TSG_TYPE_CALL_TIMER);
}

static void
tsg_contact_editor_init (TsgContactEditor *self)
{
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->channel_dropdown = add_dropdown (self, self->call_grid, self->channel_label, 3,
                                         tsg_channels, NULL, "channel");
  self->call_type_dropdown = add_dropdown (self, self->call_grid, self->call_type_label, 5,
                                           tsg_call_types, NULL, "call-type");
  self->age_dropdown = add_dropdown (self, self->call_grid, self->age_label, 7,
                                     tsg_age_bands, NULL, "age-band");
  /* translators: a drop-down item: the risk level was not assessed */
  self->risk_dropdown = add_dropdown (self, self->outcome_grid, self->risk_label, 0,
                                      tsg_risk_levels, C_("risk", "Not assessed"), "risk-level");
  /* translators: a drop-down item: no outcome chosen yet */
  self->outcome_dropdown = add_dropdown (self, self->outcome_grid, self->outcome_label, 1,
                                         tsg_outcomes, C_("outcome", "Not chosen"), "outcome");
  build_topics (self);

  label_control (self->timer_label, GTK_WIDGET (self->call_timer));
  label_control (self->started_label, GTK_WIDGET (self->started_entry));
  label_control (self->duration_label, GTK_WIDGET (self->duration_spin));
  label_control (self->number_label, GTK_WIDGET (self->number_entry));
  label_control (self->municipality_label, GTK_WIDGET (self->municipality_entry));
  label_control (self->heard_label, GTK_WIDGET (self->heard_entry));
  label_control (self->callback_label, GTK_WIDGET (self->callback_entry));
  label_control (self->summary_label, GTK_WIDGET (self->summary_view));
  label_control (self->referred_label, GTK_WIDGET (self->referred_entry));
  label_control (self->case_title_label, GTK_WIDGET (self->case_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->first_contact_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First contact"), -1);

  self->municipalities = tsg_municipality_completion_new ();
  tsg_municipality_completion_attach (self->municipalities, self->municipality_entry);

  g_signal_connect_swapped (self->started_entry, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_duration_changed_cb), self);
  g_signal_connect_swapped (self->number_entry, "changed", G_CALLBACK (on_number_changed_cb), self);
  g_signal_connect_swapped (self->first_contact_check, "toggled", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->first_contact_check, "toggled", G_CALLBACK (on_first_contact_toggled_cb), self);
  g_signal_connect_swapped (self->municipality_entry, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->heard_entry, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->callback_entry, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->referred_entry, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->call_timer, "notify::running", G_CALLBACK (on_timer_running_cb), self);

  /* Enter in a field saves at once: through the default button it would
   * wait for the button's 250 ms pressed look. A completion popup takes
   * its Enter before the entry sees it. */
  {
    GtkEntry *entries[] = { self->started_entry, self->number_entry, self->municipality_entry,
                            self->heard_entry, self->callback_entry, self->referred_entry,
                            self->case_entry };
    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      g_signal_connect_swapped (entries[i], "activate", G_CALLBACK (on_entry_activate_cb), self);
  }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_municipality_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->municipality_entry), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_referred_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->referred_entry), focus);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

TsgContactEditor *
tsg_contact_editor_new (GtkWindow *parent,
                        TsgStore  *store,
                        TsgActor  *actor)
{
  TsgContactEditor *self;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  /* AdwWindow's role is generic: a screen reader must meet a window. */
  self = g_object_new (TSG_TYPE_CONTACT_EDITOR,
                       "transient-for", parent,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_WINDOW,
                       NULL);
  self->store = g_object_ref (store);
  self->actor = tsg_actor_ref (actor);
  self->services = tsg_service_completion_new (store, actor);
  tsg_service_completion_attach (self->services, self->referred_entry);
  self->cases = tsg_case_completion_new (store, actor);
  tsg_case_completion_attach (self->cases, self->case_entry);
  g_signal_connect_object (self->cases, "chosen", G_CALLBACK (on_case_chosen_cb), self, G_CONNECT_SWAPPED);
  _tsg_contact_editor_update_case_link (self);
  return self;
}

gboolean
tsg_contact_editor_get_modified (TsgContactEditor *self)
{
  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), FALSE);
  return self->modified;
}

gint64
tsg_contact_editor_get_contact_id (TsgContactEditor *self)
{
  g_return_val_if_fail (TSG_IS_CONTACT_EDITOR (self), 0);
  return self->loaded ? self->loaded->id : 0;
}

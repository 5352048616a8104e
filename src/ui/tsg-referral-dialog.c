/* tsg-referral-dialog.c: refer a woman to a partner agency
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog finds what is not given (the service, the case), says whether
 * she consented to a referral to that agency and, when she did not, asks
 * for the reason (kept and audited by the store). The store decides: the
 * dialog only shows what it will say.
 */
#define G_LOG_DOMAIN "tsg-referral-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-letter-editor.h"
#include "tsg-referral-dialog.h"
#include "tsg-store-directory.h"

#define MAX_RESULTS 30

struct _TsgReferralDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *service_group;
  GtkSearchEntry  *service_search;
  GtkListBox      *service_list;
  AdwPreferencesGroup *case_group;
  GtkSearchEntry  *case_search;
  GtkListBox      *case_list;
  AdwActionRow    *consent_row;
  GtkImage        *consent_icon;
  AdwEntryRow     *override_row;
  GtkCheckButton  *letter_check;
  GtkLabel        *error_label;

  TsgWindow       *window;      /* weak: the dialog is transient for it */
  TsgStore        *store;
  TsgActor        *actor;
  gint64           case_id;
  gint64           contact_id;
  gint64           service_id;
  gboolean         needs_override;
};

G_DEFINE_FINAL_TYPE (TsgReferralDialog, tsg_referral_dialog, ADW_TYPE_WINDOW)

static void
update_state (TsgReferralDialog *self)
{
  gboolean chosen = self->service_id > 0 && (self->case_id > 0 || self->contact_id > 0);
  g_autofree char *trimmed = NULL;

  if (self->store == NULL)   /* closing: the lists empty themselves */
    return;
  trimmed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_row))));
  self->needs_override = chosen && tsg_store_referral_needs_override (self->store, self->case_id,
                                                                      self->contact_id, self->service_id);
  if (!chosen)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), _("Choose a service and a case"));
      gtk_image_set_from_icon_name (self->consent_icon, "dialog-question-symbolic");
    }
  else if (self->needs_override)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row),
                                     _("She has not consented to a referral to this agency"));
      gtk_image_set_from_icon_name (self->consent_icon, "dialog-warning-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row),
                                     _("She consented to a referral to this agency"));
      gtk_image_set_from_icon_name (self->consent_icon, "emblem-ok-symbolic");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->override_row), self->needs_override);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.refer",
                                 chosen && (!self->needs_override || *trimmed != '\0'));
}

/* --- result lists ----------------------------------------------------- */

static GtkWidget *
result_row (const char *title,
            const char *subtitle,
            gint64      id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", title, subtitle ? subtitle : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (name), -1);
  g_object_set_data_full (G_OBJECT (row), "tsg-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static gint64
row_id (GtkListBoxRow *row)
{
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "tsg-id") : NULL;

  return id ? *id : 0;
}

static void
fill_list (TsgReferralDialog *self,
           GtkListBox        *list,
           TsgListKind        kind,
           const char        *search,
           guint              title_column,
           guint              subtitle_column)
{
  g_autoptr(TsgListQuery) query = tsg_list_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  query->search = g_strdup (search);
  ids = tsg_store_list_ids (self->store, self->actor, kind, query, &error);
  if (ids == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  rows = tsg_store_fetch_rows (self->store, self->actor, kind, (const gint64 *) ids->data,
                               MIN (ids->len, MAX_RESULTS), &error);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      TsgRow *row = g_ptr_array_index (rows, i);
      gtk_list_box_append (list, result_row (tsg_row_get_value (row, title_column),
                                             tsg_row_get_value (row, subtitle_column), tsg_row_get_id (row)));
    }
  /* A search that finds exactly one is a choice. */
  if (search != NULL && *search != '\0' && ids->len == 1)
    gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
}

static void
on_service_search_changed_cb (TsgReferralDialog *self)
{
  fill_list (self, self->service_list, TSG_LIST_SERVICES, gtk_editable_get_text (GTK_EDITABLE (self->service_search)),
             TSG_SERVICE_COL_ORGANIZATION, TSG_SERVICE_COL_NAME);
}

static void
on_case_search_changed_cb (TsgReferralDialog *self)
{
  fill_list (self, self->case_list, TSG_LIST_CASES, gtk_editable_get_text (GTK_EDITABLE (self->case_search)),
             TSG_CASE_COL_CODE, TSG_CASE_COL_CLIENT);
}

static void
on_service_selected_cb (TsgReferralDialog *self,
                        GtkListBoxRow     *row)
{
  self->service_id = row_id (row);
  update_state (self);
}

static void
on_case_selected_cb (TsgReferralDialog *self,
                     GtkListBoxRow     *row)
{
  self->case_id = row_id (row);
  update_state (self);
}

/* Enter in a search chooses its first match. */
static void
choose_first (GtkListBox *list)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 0);

  if (first != NULL)
    gtk_list_box_select_row (list, first);
}

static void
on_service_search_activate_cb (TsgReferralDialog *self)
{
  choose_first (self->service_list);
}

static void
on_case_search_activate_cb (TsgReferralDialog *self)
{
  choose_first (self->case_list);
}

/* Enter on a row (or its accessible "activate") chooses it. */
static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row)
{
  gtk_list_box_select_row (list, row);
}

static void
on_override_changed_cb (TsgReferralDialog *self)
{
  update_state (self);
}

/* --- referring -------------------------------------------------------- */

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsgReferralDialog *self = TSG_REFERRAL_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *reason = self->needs_override ? gtk_editable_get_text (GTK_EDITABLE (self->override_row)) : NULL;
  gint64 id;

  id = tsg_store_create_referral (self->store, self->actor, self->case_id, self->contact_id, self->service_id,
                                  reason, &error);
  if (id == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (self->window != NULL)
    {
      tsg_window_show_toast (self->window, _("Referral made"));
      if (gtk_check_button_get_active (self->letter_check))
        tsg_letter_editor_open (self->window, id);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A fixed choice shows as one row instead of a search. */
static void
show_fixed (AdwPreferencesGroup *group,
            GtkWidget           *search,
            GtkWidget           *list,
            const char          *title,
            const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_visible (search, FALSE);
  gtk_widget_set_visible (list, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

static void
fix_choices (TsgReferralDialog *self)
{
  if (self->service_id > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = tsg_store_fetch_rows (self->store, self->actor, TSG_LIST_SERVICES,
                                                        &self->service_id, 1, &error);
      if (rows && rows->len == 1)
        show_fixed (self->service_group, GTK_WIDGET (self->service_search), GTK_WIDGET (self->service_list),
                    tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_SERVICE_COL_ORGANIZATION),
                    tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_SERVICE_COL_NAME));
    }
  else
    on_service_search_changed_cb (self);

  if (self->case_id > 0 || self->contact_id > 0)
    {
      g_autoptr(GPtrArray) rows = NULL;

      if (self->case_id > 0)
        rows = tsg_store_fetch_rows (self->store, self->actor, TSG_LIST_CASES, &self->case_id, 1, NULL);
      if (rows && rows->len == 1)
        show_fixed (self->case_group, GTK_WIDGET (self->case_search), GTK_WIDGET (self->case_list),
                    tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_CASE_COL_CODE),
                    tsg_row_get_value (g_ptr_array_index (rows, 0), TSG_CASE_COL_CLIENT));
      else
        show_fixed (self->case_group, GTK_WIDGET (self->case_search), GTK_WIDGET (self->case_list),
                    _("The woman of this contact"), NULL);
    }
  else
    on_case_search_changed_cb (self);
}

static void
tsg_referral_dialog_dispose (GObject *object)
{
  TsgReferralDialog *self = TSG_REFERRAL_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_REFERRAL_DIALOG);
  G_OBJECT_CLASS (tsg_referral_dialog_parent_class)->dispose (object);
}

static void
tsg_referral_dialog_class_init (TsgReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_referral_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, service_group);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, service_search);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, service_list);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, case_group);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, case_search);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, case_list);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, consent_row);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, consent_icon);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, override_row);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, letter_check);
  gtk_widget_class_bind_template_child (widget_class, TsgReferralDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_service_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_service_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_override_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_service_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_search_activate_cb);

  gtk_widget_class_install_action (widget_class, "referral.refer", NULL, refer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "referral.refer", NULL);
}

static void
tsg_referral_dialog_init (TsgReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tsg_referral_dialog_new (TsgWindow *window,
                         gint64     case_id,
                         gint64     contact_id,
                         gint64     service_id)
{
  TsgReferralDialog *self;

  g_return_val_if_fail (TSG_IS_WINDOW (window), NULL);

  self = g_object_new (TSG_TYPE_REFERRAL_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->store = g_object_ref (tsg_window_get_store (window));
  self->actor = tsg_actor_ref (tsg_window_get_actor (window));
  self->case_id = case_id;
  self->contact_id = contact_id;
  self->service_id = service_id;
  fix_choices (self);
  update_state (self);
  return GTK_WIDGET (self);
}

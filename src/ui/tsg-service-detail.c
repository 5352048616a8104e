/* tsg-service-detail.c: one service of the directory — today's hours and
 * whether it is open now, phones to copy, addresses, who it is for
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A confidential location (a shelter) is named as such; its address is never
 * shown, here or anywhere else.
 */
#define G_LOG_DOMAIN "tsg-service-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-domain.h"
#include "tsg-format.h"
#include "tsg-letter-editor.h"
#include "tsg-service-detail.h"
#include "tsg-store-directory.h"
#include "tsg-window.h"

struct _TsgServiceDetail
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *organization_label;
  GtkLabel            *service_label;
  GtkLabel            *category_label;
  GtkWidget           *refer_button;
  GtkWidget           *stale_box;
  GtkLabel            *stale_label;
  AdwPreferencesGroup *hours_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *about_group;

  /* Owned references */
  TsgStore            *store;
  TsgActor            *actor;
  TsgDirOrganization  *org;     /* with the one service shown */
  GPtrArray           *rows;    /* the rows added to the groups, to remove them */
  gint64               service_id;
};

G_DEFINE_FINAL_TYPE (TsgServiceDetail, tsg_service_detail, GTK_TYPE_WIDGET)

enum { SIGNAL_REFER, N_SIGNALS };
static guint signals[N_SIGNALS];

static const struct { const char *code; const char *name; } language_names[] = {
  { "ja", N_("Japanese") }, { "en", N_("English") }, { "zh", N_("Chinese") }, { "ko", N_("Korean") },
  { "vi", N_("Vietnamese") }, { "pt", N_("Portuguese") }, { "tl", N_("Tagalog") }, { "es", N_("Spanish") },
  { "ne", N_("Nepali") }, { "id", N_("Indonesian") },
};

static void
clear_rows (TsgServiceDetail *self)
{
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static AdwActionRow *
add_row (TsgServiceDetail    *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return ADW_ACTION_ROW (row);
}

static void
copy_text (TsgServiceDetail *self,
           const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *message = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  /* translators: %s is a phone number or an address */
  message = g_strdup_printf (_("Copied %s"), text);
  if (TSG_IS_WINDOW (root))
    tsg_window_show_toast (TSG_WINDOW (root), message);
}

static void
on_copy_clicked_cb (GtkButton        *button,
                    TsgServiceDetail *self)
{
  copy_text (self, g_object_get_data (G_OBJECT (button), "tsg-text"));
}

/* A row whose text is copied by a click (phones, addresses). */
static void
add_copy_row (TsgServiceDetail    *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              const char          *copy,
              const char          *icon)
{
  AdwActionRow *row = add_row (self, group, title, subtitle);
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *label = g_strdup_printf (_("Copy %s"), copy);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "tsg-text", g_strdup (copy), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
  adw_action_row_add_suffix (row, button);
  adw_action_row_set_activatable_widget (row, button);
  if (icon != NULL)
    adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (icon));
}

static GPtrArray *
all_schedules (TsgServiceDetail *self,
               TsgDirService    *svc)
{
  GPtrArray *all = g_ptr_array_new ();

  /* The service's own hours; failing those, its locations' hours. */
  for (guint i = 0; i < svc->schedules->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (svc->schedules, i));
  if (all->len == 0)
    for (guint i = 0; i < self->org->locations->len; i++)
      {
        TsgDirLocation *loc = g_ptr_array_index (self->org->locations, i);
        for (guint j = 0; j < loc->schedules->len; j++)
          g_ptr_array_add (all, g_ptr_array_index (loc->schedules, j));
      }
  return all;
}

static void
fill_hours (TsgServiceDetail *self,
            TsgDirService    *svc)
{
  g_autoptr(GPtrArray) schedules = all_schedules (self, svc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = tsg_dir_hours_on (schedules, now);
  gboolean open = tsg_dir_is_open_at (schedules, now);
  AdwActionRow *row;
  GtkWidget *state;

  if (schedules->len == 0)
    {
      add_row (self, self->hours_group, _("No opening hours recorded"), NULL);
      return;
    }
  row = add_row (self, self->hours_group, _("Today"), today ? today : _("Closed today"));
  state = gtk_label_new (open ? _("Open now") : _("Closed now"));
  gtk_widget_add_css_class (state, open ? "success" : "error");
  gtk_widget_add_css_class (state, "heading");
  adw_action_row_add_suffix (row, state);
  for (guint i = 0; i < schedules->len; i++)
    {
      const TsgDirSchedule *s = g_ptr_array_index (schedules, i);
      g_autofree char *days = tsg_dir_days_label (s->byday);
      g_autofree char *times = NULL;
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (s->opens_at, "00:00") == 0 && g_strcmp0 (s->closes_at, "24:00") == 0)
        times = g_strdup (_("24 hours"));
      else if (s->opens_at && s->closes_at)
        times = g_strdup_printf ("%s–%s", s->opens_at, s->closes_at);
      subtitle = g_strjoin ("\n", times ? times : "", s->notes ? s->notes : "", NULL);
      g_strstrip (subtitle);
      add_row (self, self->hours_group, *days ? days : _("Opening hours"), subtitle);
    }
}

static void
fill_contact (TsgServiceDetail *self,
              TsgDirService    *svc)
{
  GPtrArray *phone_lists[] = { svc->phones, self->org->phones };
  guint n_rows = 0;

  for (guint k = 0; k < G_N_ELEMENTS (phone_lists); k++)
    for (guint i = 0; i < phone_lists[k]->len; i++)
      {
        const TsgDirPhone *p = g_ptr_array_index (phone_lists[k], i);
        g_autofree char *number = p->extension ? g_strdup_printf ("%s (%s)", p->number, p->extension)
                                               : g_strdup (p->number);
        add_copy_row (self, self->contact_group, number, p->description, p->number, "call-start-symbolic");
        n_rows++;
      }
  for (guint i = 0; i < self->org->locations->len; i++)
    {
      const TsgDirLocation *loc = g_ptr_array_index (self->org->locations, i);

      if (loc->confidential)
        {
          add_row (self, self->contact_group, _("Confidential location"),
                   _("The address is never shown outside the office."));
          n_rows++;
          continue;
        }
      for (guint j = 0; j < loc->addresses->len; j++)
        {
          g_autofree char *address = tsg_dir_address_format (g_ptr_array_index (loc->addresses, j));
          add_copy_row (self, self->contact_group, address, loc->transportation ? loc->transportation : loc->name,
                        address, "mark-location-symbolic");
          n_rows++;
        }
    }
  if (svc->url || self->org->website)
    add_copy_row (self, self->contact_group, svc->url ? svc->url : self->org->website, NULL,
                  svc->url ? svc->url : self->org->website, "web-browser-symbolic"), n_rows++;
  if (svc->email || self->org->email)
    add_copy_row (self, self->contact_group, svc->email ? svc->email : self->org->email, NULL,
                  svc->email ? svc->email : self->org->email, "mail-unread-symbolic"), n_rows++;
  if (n_rows == 0)
    add_row (self, self->contact_group, _("No phone or address recorded"), NULL);
}

static char *
languages_label (const char *codes)
{
  g_auto(GStrv) list = g_strsplit (codes, ",", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; list[i]; i++)
    {
      const char *code = g_strstrip (list[i]);
      const char *name = code;

      for (guint j = 0; j < G_N_ELEMENTS (language_names); j++)
        if (g_str_equal (language_names[j].code, code))
          name = _(language_names[j].name);
      g_string_append_printf (out, "%s%s", out->len ? C_("list separator", ", ") : "", name);
    }
  return g_strdup (out->str);
}

static void
fill_about (TsgServiceDetail *self,
            TsgDirService    *svc)
{
  g_autofree char *languages = svc->languages ? languages_label (svc->languages) : NULL;
  const char *verified_on = svc->verified_on ? svc->verified_on : self->org->verified_on;
  const char *verified_by = svc->verified_by ? svc->verified_by : self->org->verified_by;
  g_autofree char *verified = NULL;
  g_autofree char *date = tsg_format_iso_date (verified_on);

  if (svc->description)
    add_row (self, self->about_group, _("What it offers"), svc->description);
  if (svc->eligibility)
    add_row (self, self->about_group, _("Who can use it"), svc->eligibility);
  if (svc->fees)
    add_row (self, self->about_group, _("Fees"), svc->fees);
  if (svc->application_process)
    add_row (self, self->about_group, _("How to apply"), svc->application_process);
  if (languages)
    add_row (self, self->about_group, _("Languages"), languages);
  if (verified_on)
    /* translators: when and by whom a directory entry was last checked */
    verified = g_strdup_printf (_("%s by %s"), date, verified_by ? verified_by : _("unknown"));
  add_row (self, self->about_group, _("Verified"), verified ? verified : _("Never verified"));
}

static void
fill_header (TsgServiceDetail *self,
             TsgDirService    *svc)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *verified_on = svc->verified_on ? svc->verified_on : self->org->verified_on;
  g_autoptr(GString) category = g_string_new (NULL);

  gtk_label_set_text (self->organization_label, self->org->name);
  gtk_label_set_text (self->service_label, svc->name);
  if (self->org->category)
    g_string_append (category, _(tsg_enum_label (tsg_org_categories, self->org->category)));
  for (guint i = 0; i < svc->terms->len; i++)
    {
      const TsgDirTerm *t = g_ptr_array_index (svc->terms, i);
      if (g_strcmp0 (t->code, self->org->category) != 0)
        g_string_append_printf (category, "%s%s", category->len ? C_("list separator", ", ") : "", t->name);
    }
  if (g_strcmp0 (svc->status, "active") != 0 && svc->status)
    /* translators: a service's status (inactive, defunct, temporarily closed) after its categories */
    g_string_append_printf (category, _(" · %s"), svc->status);
  gtk_label_set_text (self->category_label, category->str);
  gtk_widget_set_visible (GTK_WIDGET (self->category_label), category->len > 0);

  gtk_widget_set_visible (self->stale_box, tsg_dir_is_stale (verified_on, now));
  if (verified_on)
    {
      g_autofree char *date = tsg_format_iso_date (verified_on);
      g_autofree char *text = g_strdup_printf (_("Last verified on %s, more than a year ago: check the hours and phone before referring."),
                                               date);
      gtk_label_set_text (self->stale_label, text);
    }
  else
    gtk_label_set_text (self->stale_label, _("Never verified: check the hours and phone before referring."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.verify",
                                 self->actor && tsg_actor_may (self->actor, TSG_PERM_DIRECTORY_WRITE));
}

static void
show_service (TsgServiceDetail *self)
{
  TsgDirService *svc;

  clear_rows (self);
  if (self->org == NULL || self->org->services->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.refer", FALSE);
      return;
    }
  svc = g_ptr_array_index (self->org->services, 0);
  fill_header (self, svc);
  fill_hours (self, svc);
  fill_contact (self, svc);
  fill_about (self, svc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.refer", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "service");
  /* a referral, and its letter, may follow */
  tsg_letter_warm_up ();
}

void
tsg_service_detail_set_service (TsgServiceDetail *self,
                                gint64            service_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_SERVICE_DETAIL (self));

  self->service_id = service_id;
  g_clear_pointer (&self->org, tsg_dir_organization_free);
  if (service_id > 0 && self->store != NULL)
    {
      self->org = tsg_store_get_service (self->store, self->actor, service_id, &error);
      if (self->org == NULL)
        g_warning ("Failed to load service %" G_GINT64_FORMAT ": %s", service_id, error->message);
    }
  show_service (self);
}

gint64
tsg_service_detail_get_service (TsgServiceDetail *self)
{
  g_return_val_if_fail (TSG_IS_SERVICE_DETAIL (self), 0);
  return self->org ? self->service_id : 0;
}

void
tsg_service_detail_set_store (TsgServiceDetail *self,
                              TsgStore         *store,
                              TsgActor         *actor)
{
  g_return_if_fail (TSG_IS_SERVICE_DETAIL (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  self->actor = actor ? tsg_actor_ref (actor) : NULL;
}

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsgServiceDetail *self = TSG_SERVICE_DETAIL (widget);

  if (self->org != NULL)
    g_signal_emit (self, signals[SIGNAL_REFER], 0, self->service_id);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsgServiceDetail *self = TSG_SERVICE_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->org == NULL)
    return;
  if (!tsg_store_verify_service (self->store, self->actor, self->service_id, NULL, &error))
    {
      if (TSG_IS_WINDOW (root))
        tsg_window_show_toast (TSG_WINDOW (root), error->message);
      return;
    }
  tsg_service_detail_set_service (self, self->service_id);
  if (TSG_IS_WINDOW (root))
    tsg_window_show_toast (TSG_WINDOW (root), _("Marked as verified today"));
}

static void
tsg_service_detail_dispose (GObject *object)
{
  TsgServiceDetail *self = TSG_SERVICE_DETAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_SERVICE_DETAIL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->org, tsg_dir_organization_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, tsg_actor_unref);
  G_OBJECT_CLASS (tsg_service_detail_parent_class)->dispose (object);
}

static void
tsg_service_detail_class_init (TsgServiceDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_service_detail_dispose;

  /* The person asked to refer someone to the service shown. */
  signals[SIGNAL_REFER] = g_signal_new ("refer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-service-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, organization_label);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, service_label);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, category_label);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, refer_button);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, stale_box);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, stale_label);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, hours_group);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, contact_group);
  gtk_widget_class_bind_template_child (widget_class, TsgServiceDetail, about_group);

  gtk_widget_class_install_action (widget_class, "detail.refer", NULL, refer_action);
  gtk_widget_class_install_action (widget_class, "detail.verify", NULL, verify_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tsg_service_detail_init (TsgServiceDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Service details"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.refer", FALSE);
}

GtkWidget *
tsg_service_detail_new (void)
{
  return g_object_new (TSG_TYPE_SERVICE_DETAIL, NULL);
}

/* tsg-call-timer.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timer counts from the moment the form opens (the call was answered),
 * so nobody has to remember to start it; stopping it fills in the duration.
 * Time is measured on the monotonic clock: a change of the wall clock
 * during a call changes nothing.
 */
#define G_LOG_DOMAIN "tsg-call-timer"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-call-timer.h"

struct _TsgCallTimer
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *time_label;
  GtkButton *toggle_button;

  gint64     accumulated;   /* microseconds counted before the last start */
  gint64     started;       /* monotonic µs of the last start; 0 = stopped */
  guint      tick_id;
};

G_DEFINE_FINAL_TYPE (TsgCallTimer, tsg_call_timer, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_RUNNING, PROP_ELAPSED, N_PROPS };
static GParamSpec *properties[N_PROPS];

gint64
tsg_call_timer_get_elapsed (TsgCallTimer *self)
{
  gint64 us;

  g_return_val_if_fail (TSG_IS_CALL_TIMER (self), 0);

  us = self->accumulated;
  if (self->started != 0)
    us += g_get_monotonic_time () - self->started;
  return us / G_USEC_PER_SEC;
}

int
tsg_call_timer_get_minutes (TsgCallTimer *self)
{
  gint64 s = tsg_call_timer_get_elapsed (self);

  return (int) ((s + 59) / 60);
}

static void
update_display (TsgCallTimer *self)
{
  gint64 s = tsg_call_timer_get_elapsed (self);
  g_autofree char *text = NULL;
  gboolean running = self->started != 0;

  if (s >= 3600)
    text = g_strdup_printf ("%d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
  else
    text = g_strdup_printf ("%02d:%02d", (int) (s / 60), (int) (s % 60));
  gtk_label_set_label (self->time_label, text);

  gtk_button_set_icon_name (self->toggle_button,
                            running ? "media-playback-stop-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle_button),
                               running ? _("Stop the Call Timer") : _("Start the Call Timer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Stop the call timer") : _("Start the call timer"),
                                  -1);
  if (running)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_label), "accent");
}

static gboolean
on_tick_cb (gpointer user_data)
{
  TsgCallTimer *self = user_data;

  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  return G_SOURCE_CONTINUE;
}

void
tsg_call_timer_start (TsgCallTimer *self)
{
  g_return_if_fail (TSG_IS_CALL_TIMER (self));

  if (self->started != 0)
    return;
  self->started = g_get_monotonic_time ();
  self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
tsg_call_timer_stop (TsgCallTimer *self)
{
  g_return_if_fail (TSG_IS_CALL_TIMER (self));

  if (self->started == 0)
    return;
  self->accumulated += g_get_monotonic_time () - self->started;
  self->started = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
}

void
tsg_call_timer_toggle (TsgCallTimer *self)
{
  if (tsg_call_timer_get_running (self))
    tsg_call_timer_stop (self);
  else
    tsg_call_timer_start (self);
}

gboolean
tsg_call_timer_get_running (TsgCallTimer *self)
{
  g_return_val_if_fail (TSG_IS_CALL_TIMER (self), FALSE);
  return self->started != 0;
}

void
tsg_call_timer_set_elapsed (TsgCallTimer *self,
                            gint64        seconds)
{
  g_return_if_fail (TSG_IS_CALL_TIMER (self));

  tsg_call_timer_stop (self);
  self->accumulated = MAX (seconds, 0) * G_USEC_PER_SEC;
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
}

static void
on_toggle_clicked_cb (TsgCallTimer *self)
{
  tsg_call_timer_toggle (self);
}

/* Alt+T (the label's mnemonic) starts or stops the timer at once. */
static gboolean
tsg_call_timer_mnemonic_activate (GtkWidget *widget,
                                  gboolean   group_cycling)
{
  tsg_call_timer_toggle (TSG_CALL_TIMER (widget));
  return TRUE;
}

static void
tsg_call_timer_dispose (GObject *object)
{
  TsgCallTimer *self = TSG_CALL_TIMER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSG_TYPE_CALL_TIMER);
  G_OBJECT_CLASS (tsg_call_timer_parent_class)->dispose (object);
}

static void
tsg_call_timer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TsgCallTimer *self = TSG_CALL_TIMER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, tsg_call_timer_get_running (self));
      break;
    case PROP_ELAPSED:
      g_value_set_int64 (value, tsg_call_timer_get_elapsed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsg_call_timer_class_init (TsgCallTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsg_call_timer_dispose;
  object_class->get_property = tsg_call_timer_get_property;
  widget_class->mnemonic_activate = tsg_call_timer_mnemonic_activate;

  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] = g_param_spec_int64 ("elapsed", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tsg-call-timer.ui");
  gtk_widget_class_bind_template_child (widget_class, TsgCallTimer, time_label);
  gtk_widget_class_bind_template_child (widget_class, TsgCallTimer, toggle_button);
  gtk_widget_class_bind_template_callback (widget_class, on_toggle_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calltimer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tsg_call_timer_init (TsgCallTimer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  update_display (self);
}

GtkWidget *
tsg_call_timer_new (void)
{
  return g_object_new (TSG_TYPE_CALL_TIMER, NULL);
}

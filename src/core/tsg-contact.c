/* tsg-contact.c: one contact of the call log, and its validation
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form and every importer save through tsg_store_save_contact(), which
 * calls tsg_contact_validate() first: the rules live here, once.
 */
#define G_LOG_DOMAIN "tsg-contact"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-domain.h"
#include "tsg-store-contacts.h"

G_DEFINE_BOXED_TYPE (TsgContact, tsg_contact, tsg_contact_copy, tsg_contact_free)

TsgContact *
tsg_contact_new (void)
{
  TsgContact *contact = g_new0 (TsgContact, 1);

  contact->duration_minutes = -1;
  return contact;
}

TsgContact *
tsg_contact_copy (const TsgContact *contact)
{
  TsgContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = g_memdup2 (contact, sizeof *contact);
  copy->channel = g_strdup (contact->channel);
  copy->call_type = g_strdup (contact->call_type);
  copy->age_band = g_strdup (contact->age_band);
  copy->municipality = g_strdup (contact->municipality);
  copy->topics = g_strdupv (contact->topics);
  copy->summary = g_strdup (contact->summary);
  copy->risk_level = g_strdup (contact->risk_level);
  copy->outcome = g_strdup (contact->outcome);
  copy->heard_via = g_strdup (contact->heard_via);
  copy->caller_number = g_strdup (contact->caller_number);
  return copy;
}

void
tsg_contact_free (TsgContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->channel);
  g_free (contact->call_type);
  g_free (contact->age_band);
  g_free (contact->municipality);
  g_strfreev (contact->topics);
  g_free (contact->summary);
  g_free (contact->risk_level);
  g_free (contact->outcome);
  g_free (contact->heard_via);
  /* The number is the most sensitive thing the form holds: wipe it. */
  if (contact->caller_number != NULL)
    {
      memset (contact->caller_number, 0, strlen (contact->caller_number));
      g_free (contact->caller_number);
    }
  g_free (contact);
}

void
tsg_contact_version_free (TsgContactVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->staff_name);
  g_free (version->changes);
  g_free (version);
}

static gboolean
check_enum (const TsgEnumValue *values,
            const char         *field,
            const char         *value,
            gboolean            required,
            GError            **error)
{
  g_autofree char *allowed = NULL;

  if (value == NULL)
    {
      if (!required)
        return TRUE;
      allowed = tsg_enum_join_ids (values);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   /* translators: %s is a field name (channel), then the list of allowed values */
                   _("%s is missing (one of %s is needed)"), field, allowed);
      return FALSE;
    }
  if (tsg_enum_contains (values, value))
    return TRUE;
  allowed = tsg_enum_join_ids (values);
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               /* translators: field name, the value given, the allowed values:
                * channel "fax" is not one of free_dial, phone, … */
               _("%s \"%s\" is not one of %s"), field, value, allowed);
  return FALSE;
}

static gboolean
check_text (const char  *field,
            const char  *value,
            gsize        max_length,
            GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8 text"), field);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_length)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s is longer than %u characters"), field, (guint) max_length);
      return FALSE;
    }
  return TRUE;
}

/**
 * tsg_contact_validate:
 *
 * Checks every field against the vocabularies of GLOSSARY.md. The message
 * names the field as the records contract spells it, so that an importer
 * only has to put the file and line in front.
 */
gboolean
tsg_contact_validate (const TsgContact *contact,
                      GError          **error)
{
  g_return_val_if_fail (contact != NULL, FALSE);

  if (contact->started_at <= 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("started_at is missing (the date and time of the contact)"));
      return FALSE;
    }
  if (!check_enum (tsg_channels, "channel", contact->channel, TRUE, error) ||
      !check_enum (tsg_call_types, "call_type", contact->call_type, FALSE, error) ||
      !check_enum (tsg_age_bands, "age_band", contact->age_band, FALSE, error) ||
      !check_enum (tsg_risk_levels, "risk_level", contact->risk_level, FALSE, error) ||
      !check_enum (tsg_outcomes, "outcome", contact->outcome, FALSE, error))
    return FALSE;
  if (contact->duration_minutes < -1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("duration_minutes %d is negative"), contact->duration_minutes);
      return FALSE;
    }
  /* A call of more than a day is a typing mistake, not a call. */
  if (contact->duration_minutes > 24 * 60)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("duration_minutes %d is longer than a day"), contact->duration_minutes);
      return FALSE;
    }
  for (guint i = 0; contact->topics != NULL && contact->topics[i] != NULL; i++)
    if (!check_enum (tsg_topics, "topics", contact->topics[i], TRUE, error))
      return FALSE;
  if (!check_text ("summary", contact->summary, 20000, error) ||
      !check_text ("municipality", contact->municipality, 200, error) ||
      !check_text ("heard_via", contact->heard_via, 100, error))
    return FALSE;
  if (contact->callback_at < 0 || contact->client_id < 0 || contact->case_id < 0 ||
      contact->staff_id < 0 || contact->referred_service_id < 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("a reference of the contact is negative"));
      return FALSE;
    }
  if (contact->caller_number != NULL && *contact->caller_number != '\0')
    {
      gboolean digit = FALSE;

      if (!g_utf8_validate (contact->caller_number, -1, NULL))
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("the caller's number is not valid text"));
          return FALSE;
        }
      for (const char *p = contact->caller_number; *p && !digit; p = g_utf8_next_char (p))
        digit = g_unichar_isdigit (g_utf8_get_char (p));
      if (!digit)
        {
          /* Never echo the number itself: messages end up in logs. */
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("the caller's number has no digits"));
          return FALSE;
        }
    }
  return TRUE;
}

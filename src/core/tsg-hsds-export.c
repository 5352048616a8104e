/* tsg-hsds-export.c: the directory as Open Referral HSDS 3.1 JSON
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of organizations, each with its phones, its (non-confidential)
 * locations and its services; categories travel as attributes with
 * taxonomy terms, "verified on / by" as metadata of type "verified". Records
 * the store keeps without an HSDS id get one derived from their parent's, so
 * exporting twice gives the same file, and so does export → import → export.
 */
#define G_LOG_DOMAIN "tsg-hsds-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tsg-domain.h"
#include "tsg-hsds.h"

/* A stable UUID-shaped id for a record that has none: from its parent's id,
 * its kind and its position. */
static char *
derived_id (const char *parent,
            const char *kind,
            guint       index)
{
  g_autofree char *seed = g_strdup_printf ("%s/%s/%u", parent, kind, index);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-a%.3s-%.12s", sum, sum + 8, sum + 13, sum + 17, sum + 20);
}

static void
add_text (JsonBuilder *b,
          const char  *member,
          const char  *value,
          gboolean     required)
{
  if (value == NULL && !required)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value ? value : "");
}

static void
add_id (JsonBuilder *b,
        const char  *uid,
        const char  *parent,
        const char  *kind,
        guint        index)
{
  g_autofree char *derived = uid ? NULL : derived_id (parent, kind, index);

  add_text (b, "id", uid ? uid : derived, TRUE);
}

static void
add_phones (JsonBuilder *b,
            GPtrArray   *phones,
            const char  *parent)
{
  json_builder_set_member_name (b, "phones");
  json_builder_begin_array (b);
  for (guint i = 0; i < phones->len; i++)
    {
      const TsgDirPhone *p = g_ptr_array_index (phones, i);
      char *end = NULL;
      gint64 extension = p->extension ? g_ascii_strtoll (p->extension, &end, 10) : 0;

      json_builder_begin_object (b);
      add_id (b, p->uid, parent, "phone", i);
      add_text (b, "number", p->number, TRUE);
      /* HSDS wants a number; an extension that is not one stays text */
      if (p->extension != NULL && end != NULL && *end == '\0' && end != p->extension)
        {
          json_builder_set_member_name (b, "extension");
          json_builder_add_int_value (b, extension);
        }
      else
        add_text (b, "extension", p->extension, FALSE);
      add_text (b, "type", p->type, FALSE);
      add_text (b, "description", p->description, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_schedules (JsonBuilder *b,
               GPtrArray   *schedules,
               const char  *parent)
{
  json_builder_set_member_name (b, "schedules");
  json_builder_begin_array (b);
  for (guint i = 0; i < schedules->len; i++)
    {
      const TsgDirSchedule *s = g_ptr_array_index (schedules, i);

      json_builder_begin_object (b);
      add_id (b, s->uid, parent, "schedule", i);
      add_text (b, "freq", s->freq, FALSE);
      add_text (b, "byday", s->byday, FALSE);
      add_text (b, "opens_at", s->opens_at, FALSE);
      add_text (b, "closes_at", s->closes_at, FALSE);
      add_text (b, "valid_from", s->valid_from, FALSE);
      add_text (b, "valid_to", s->valid_to, FALSE);
      add_text (b, "description", s->description, FALSE);
      add_text (b, "notes", s->notes, FALSE);
      /* the office's zone, as a UTC offset (Asia/Tokyo) */
      json_builder_set_member_name (b, "timezone");
      json_builder_add_int_value (b, 9);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_term (JsonBuilder      *b,
          const TsgDirTerm *t)
{
  json_builder_begin_object (b);
  add_text (b, "id", t->uid, TRUE);
  add_text (b, "code", t->code, FALSE);
  add_text (b, "name", t->name, TRUE);
  add_text (b, "description", t->description, TRUE);
  add_text (b, "parent_id", t->parent_uid, FALSE);
  add_text (b, "taxonomy", t->taxonomy, FALSE);
  json_builder_end_object (b);
}

static void
add_attributes (JsonBuilder *b,
                GPtrArray   *terms,
                const char  *owner,
                const char  *entity)
{
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  for (guint i = 0; i < terms->len; i++)
    {
      const TsgDirTerm *t = g_ptr_array_index (terms, i);
      g_autofree char *id = derived_id (owner, t->uid, 0);

      json_builder_begin_object (b);
      add_text (b, "id", id, TRUE);
      add_text (b, "link_id", owner, TRUE);
      add_text (b, "link_type", "category", TRUE);
      add_text (b, "link_entity", entity, TRUE);
      json_builder_set_member_name (b, "taxonomy_term");
      add_term (b, t);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_verified (JsonBuilder *b,
              const char  *owner,
              const char  *resource_type,
              const char  *verified_on,
              const char  *verified_by)
{
  g_autofree char *id = NULL;

  json_builder_set_member_name (b, "metadata");
  json_builder_begin_array (b);
  if (verified_on != NULL || verified_by != NULL)
    {
      id = derived_id (owner, "verified", 0);
      json_builder_begin_object (b);
      add_text (b, "id", id, TRUE);
      add_text (b, "resource_id", owner, TRUE);
      add_text (b, "resource_type", resource_type, TRUE);
      add_text (b, "last_action_date", verified_on, TRUE);
      add_text (b, "last_action_type", "verified", TRUE);
      add_text (b, "field_name", "", TRUE);
      add_text (b, "previous_value", "", TRUE);
      add_text (b, "replacement_value", "", TRUE);
      add_text (b, "updated_by", verified_by, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_location (JsonBuilder          *b,
              const TsgDirLocation *loc,
              const char           *org_uid)
{
  json_builder_begin_object (b);
  add_text (b, "id", loc->uid, TRUE);
  add_text (b, "organization_id", org_uid, TRUE);
  add_text (b, "location_type", loc->location_type ? loc->location_type : "physical", TRUE);
  add_text (b, "name", loc->name, FALSE);
  add_text (b, "alternate_name", loc->alternate_name, FALSE);
  add_text (b, "description", loc->description, FALSE);
  add_text (b, "transportation", loc->transportation, FALSE);
  add_text (b, "url", loc->url, FALSE);
  if (loc->has_coordinates)
    {
      json_builder_set_member_name (b, "latitude");
      json_builder_add_double_value (b, loc->latitude);
      json_builder_set_member_name (b, "longitude");
      json_builder_add_double_value (b, loc->longitude);
    }
  json_builder_set_member_name (b, "addresses");
  json_builder_begin_array (b);
  for (guint i = 0; i < loc->addresses->len; i++)
    {
      const TsgDirAddress *a = g_ptr_array_index (loc->addresses, i);

      json_builder_begin_object (b);
      add_id (b, a->uid, loc->uid, "address", i);
      add_text (b, "attention", a->attention, FALSE);
      add_text (b, "address_1", a->address_1, TRUE);
      add_text (b, "address_2", a->address_2, FALSE);
      add_text (b, "city", a->city, TRUE);
      add_text (b, "region", a->region, FALSE);
      add_text (b, "state_province", a->state_province, TRUE);
      add_text (b, "postal_code", a->postal_code, TRUE);
      add_text (b, "country", a->country ? a->country : "JP", TRUE);
      add_text (b, "address_type", a->address_type ? a->address_type : "physical", TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_phones (b, loc->phones, loc->uid);
  add_schedules (b, loc->schedules, loc->uid);
  json_builder_end_object (b);
}

static void
add_languages (JsonBuilder *b,
               const char  *codes,
               const char  *owner)
{
  g_auto(GStrv) list = codes ? g_strsplit (codes, ",", -1) : NULL;

  json_builder_set_member_name (b, "languages");
  json_builder_begin_array (b);
  for (guint i = 0; list && list[i]; i++)
    {
      g_autofree char *id = derived_id (owner, "language", i);

      json_builder_begin_object (b);
      add_text (b, "id", id, TRUE);
      add_text (b, "code", g_strstrip (list[i]), TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_service (JsonBuilder         *b,
             const TsgDirService *svc,
             const char          *org_uid)
{
  json_builder_begin_object (b);
  add_text (b, "id", svc->uid, TRUE);
  add_text (b, "organization_id", org_uid, TRUE);
  add_text (b, "name", svc->name, TRUE);
  add_text (b, "alternate_name", svc->alternate_name, FALSE);
  add_text (b, "description", svc->description, FALSE);
  add_text (b, "url", svc->url, FALSE);
  add_text (b, "email", svc->email, FALSE);
  add_text (b, "status", svc->status ? svc->status : "active", TRUE);
  add_text (b, "application_process", svc->application_process, FALSE);
  add_text (b, "fees_description", svc->fees, FALSE);
  add_text (b, "eligibility_description", svc->eligibility, FALSE);
  add_text (b, "assured_date", svc->verified_on, FALSE);
  add_languages (b, svc->languages, svc->uid);
  add_phones (b, svc->phones, svc->uid);
  add_schedules (b, svc->schedules, svc->uid);
  json_builder_set_member_name (b, "service_at_locations");
  json_builder_begin_array (b);
  for (guint i = 0; i < svc->location_uids->len; i++)
    {
      const char *loc_uid = g_ptr_array_index (svc->location_uids, i);
      g_autofree char *id = derived_id (svc->uid, loc_uid, 0);

      json_builder_begin_object (b);
      add_text (b, "id", id, TRUE);
      add_text (b, "service_id", svc->uid, TRUE);
      add_text (b, "location_id", loc_uid, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_attributes (b, svc->terms, svc->uid, "service");
  add_verified (b, svc->uid, "service", svc->verified_on, svc->verified_by);
  json_builder_end_object (b);
}

static void
add_organization (JsonBuilder              *b,
                  const TsgDirOrganization *org)
{
  g_autoptr(GPtrArray) category = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_term_free);

  json_builder_begin_object (b);
  add_text (b, "id", org->uid, TRUE);
  add_text (b, "name", org->name, TRUE);
  add_text (b, "alternate_name", org->alternate_name, FALSE);
  add_text (b, "description", org->description, TRUE);
  add_text (b, "email", org->email, FALSE);
  add_text (b, "website", org->website, FALSE);
  if (org->category != NULL)
    {
      TsgDirTerm *t = tsg_dir_term_new ();
      t->uid = g_strconcat (TSG_SUPPORT_TAXONOMY "-", org->category, NULL);
      t->code = g_strdup (org->category);
      t->name = g_strdup (tsg_dir_support_term_name (org->category));
      t->taxonomy = g_strdup (TSG_SUPPORT_TAXONOMY);
      g_ptr_array_add (category, t);
    }
  add_attributes (b, category, org->uid, "organization");
  add_verified (b, org->uid, "organization", org->verified_on, org->verified_by);
  add_phones (b, org->phones, org->uid);
  json_builder_set_member_name (b, "locations");
  json_builder_begin_array (b);
  for (guint i = 0; i < org->locations->len; i++)
    {
      const TsgDirLocation *loc = g_ptr_array_index (org->locations, i);
      /* never, whatever the caller loaded */
      if (!loc->confidential)
        add_location (b, loc, org->uid);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; i < org->services->len; i++)
    add_service (b, g_ptr_array_index (org->services, i), org->uid);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
tsg_hsds_build (GPtrArray *organizations)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < organizations->len; i++)
    add_organization (b, g_ptr_array_index (organizations, i));
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

char *
tsg_hsds_export (TsgStore  *store,
                 TsgActor  *actor,
                 GError   **error)
{
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (!(orgs = tsg_store_load_directory (store, actor, FALSE, error)))
    return NULL;
  root = tsg_hsds_build (orgs);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

gboolean
tsg_hsds_export_file (TsgStore    *store,
                      TsgActor    *actor,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *text = tsg_hsds_export (store, actor, error);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_NOT_JSON,
                   _("%s cannot be written: %s."), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

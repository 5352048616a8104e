/* tsg-hsds.c: reading Open Referral HSDS 3.1 JSON into directory records
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value is read with its JSON path, so the first problem can be named
 * in one sentence ("services[3].status: “open” is not one of …"). Records
 * met more than once (a service in several service-at-location entries, a
 * location shared by services) are merged by their id.
 */
#define G_LOG_DOMAIN "tsg-hsds"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-domain.h"
#include "tsg-hsds.h"

G_DEFINE_QUARK (tsg-hsds-error-quark, tsg_hsds_error)

typedef enum { KIND_NONE, KIND_ORGANIZATION, KIND_SERVICE, KIND_SERVICE_AT_LOCATION, KIND_TERM } Kind;

typedef struct
{
  GPtrArray  *orgs;          /* TsgDirOrganization, in file order */
  GHashTable *org_by_uid;    /* uid -> TsgDirOrganization (borrowed) */
  GHashTable *svc_by_uid;    /* uid -> TsgDirService (borrowed) */
  GHashTable *loc_by_uid;    /* uid -> TsgDirLocation (borrowed) */
  GPtrArray  *terms;
  GPtrArray  *skipped;
  TsgDirOrganization *current_org;  /* while reading a service */
} Reader;

static const char *const location_types[] = { "physical", "postal", "virtual", NULL };
static const char *const schedule_freqs[] = { "WEEKLY", "MONTHLY", NULL };
static const char *const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL };

/* Fields kept, per record kind; the others are reported as not kept. */
static const char *const org_fields[] = {
  "id", "name", "alternate_name", "description", "email", "website", "phones", "locations", "services",
  "attributes", "metadata", NULL,
};
static const char *const service_fields[] = {
  "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
  "eligibility_description", "fees_description", "fees", "languages", "application_process", "assured_date",
  "assurer_email", "phones", "schedules", "service_at_locations", "attributes", "metadata", "organization",
  "last_modified", NULL,
};
static const char *const location_fields[] = {
  "id", "organization_id", "location_type", "name", "alternate_name", "description", "transportation", "url",
  "latitude", "longitude", "addresses", "phones", "schedules", NULL,
};

/* --- errors ----------------------------------------------------------- */

static void
invalid (GError    **error,
         const char *path,
         const char *member,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
invalid (GError    **error,
         const char *path,
         const char *member,
         const char *format,
         ...)
{
  g_autofree char *full = member ? g_strdup_printf ("%s.%s", path, member) : g_strdup (path);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* translators: a JSON path, then what is wrong with its value */
  g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_INVALID, _("%s: %s"), full, what);
}

static const char *
type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _("true or false");
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _("text");
      return _("a number");
    }
}

static char *
joined (const char *const *values)
{
  return g_strjoinv (", ", (char **) values);
}

/* --- values ----------------------------------------------------------- */

/* Reads text (numbers are taken as their text: an extension of 100, a
 * postal code written as a number). Missing or null: NULL, an error when
 * @required. */
static gboolean
get_text (JsonObject  *object,
          const char  *member,
          const char  *path,
          gboolean     required,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          invalid (error, path, member, _("the required field is missing."));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      invalid (error, path, member, _("expected text, found %s."), type_name (node));
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    *out = g_strdup_printf ("%g", json_node_get_double (node));
  /* Required means present; only identifiers, names and numbers must also
   * say something (an organization's description may be empty). */
  if (required && **out == '\0' &&
      (g_str_equal (member, "id") || g_str_equal (member, "name") || g_str_equal (member, "number")))
    {
      invalid (error, path, member, _("the required field is empty."));
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_enum (JsonObject         *object,
          const char         *member,
          const char         *path,
          gboolean            required,
          const char *const  *allowed,
          char              **out,
          GError            **error)
{
  if (!get_text (object, member, path, required, out, error))
    return FALSE;
  if (*out != NULL && !g_strv_contains (allowed, *out))
    {
      g_autofree char *list = joined (allowed);
      invalid (error, path, member, _("“%s” is not one of %s."), *out, list);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* An optional list of objects; each element is handed to @func with its path. */
typedef gboolean (*ElementFunc) (Reader     *reader,
                                 JsonObject *element,
                                 const char *path,
                                 gpointer    data,
                                 GError    **error);

static gboolean
each_object (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             const char  *path,
             ElementFunc  func,
             gpointer     data,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, path, member, _("expected a list, found %s."), type_name (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s.%s[%u]", path, member, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          invalid (error, element_path, NULL, _("expected an object, found %s."), type_name (element));
          return FALSE;
        }
      if (!func (reader, json_node_get_object (element), element_path, data, error))
        return FALSE;
    }
  return TRUE;
}

static void
skip (Reader     *reader,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
skip (Reader     *reader,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (reader->skipped, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
is_empty (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';
  return FALSE;
}

/* "organizations[0] (“Example Org”): funding, contacts not kept." */
static void
report_unkept (Reader            *reader,
               JsonObject        *object,
               const char        *path,
               const char        *name,
               const char *const *kept)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (kept, l->data) && !is_empty (json_object_get_member (object, l->data)))
      g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", (const char *) l->data);
  if (fields->len > 0)
    /* translators: a JSON path, a record's name, then a list of field names */
    skip (reader, _("%s (“%s”): %s not kept."), path, name ? name : "", fields->str);
}

/* --- phones, schedules, addresses ----------------------------------- */

static char *
clean_number (char *number)
{
  /* The examples quote the number inside the string: "\"+44 1234\"". */
  g_strstrip (number);
  if (number[0] == '"')
    {
      gsize len = strlen (number);
      memmove (number, number + 1, len);
      if (len >= 2 && number[len - 2] == '"')
        number[len - 2] = '\0';
    }
  return number;
}

static gboolean
read_phone (Reader     *reader,
            JsonObject *object,
            const char *path,
            gpointer    data,
            GError    **error)
{
  GPtrArray *phones = data;
  TsgDirPhone *p = tsg_dir_phone_new ();

  if (!get_text (object, "id", path, TRUE, &p->uid, error) ||
      !get_text (object, "number", path, TRUE, &p->number, error) ||
      !get_text (object, "extension", path, FALSE, &p->extension, error) ||
      !get_text (object, "type", path, FALSE, &p->type, error) ||
      !get_text (object, "description", path, FALSE, &p->description, error))
    {
      tsg_dir_phone_free (p);
      return FALSE;
    }
  clean_number (p->number);
  for (guint i = 0; i < phones->len; i++)
    if (g_strcmp0 (((TsgDirPhone *) g_ptr_array_index (phones, i))->uid, p->uid) == 0)
      {
        tsg_dir_phone_free (p);
        return TRUE;
      }
  g_ptr_array_add (phones, p);
  return TRUE;
}

/* "10:00:00" → "10:00"; anything else unreadable is reported and dropped. */
static char *
normalize_time (Reader     *reader,
                char       *text,
                const char *path,
                const char *member)
{
  int h, m;

  if (text == NULL)
    return NULL;
  if (sscanf (text, "%d:%d", &h, &m) == 2 && h >= 0 && h <= 24 && m >= 0 && m < 60)
    {
      g_free (text);
      return g_strdup_printf ("%02d:%02d", h, m);
    }
  skip (reader, _("%s.%s: “%s” is not a time of day and was not kept."), path, member, text);
  g_free (text);
  return NULL;
}

static gboolean
check_byday (const char  *byday,
             const char  *path,
             GError     **error)
{
  g_auto(GStrv) tokens = NULL;

  if (byday == NULL)
    return TRUE;
  tokens = g_strsplit (byday, ",", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      const char *t = g_strstrip (tokens[i]);
      gsize len = strlen (t);

      /* "MO", or an ordinal before it: "1MO", "-1FR" */
      if (len < 2 || !g_strv_contains (weekdays, t + len - 2))
        {
          invalid (error, path, "byday", _("“%s” is not a list of weekdays (MO, TU, WE, TH, FR, SA, SU)."), byday);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_schedule (Reader     *reader,
               JsonObject *object,
               const char *path,
               gpointer    data,
               GError    **error)
{
  GPtrArray *schedules = data;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_schedule_free);
  TsgDirSchedule *s = tsg_dir_schedule_new ();
  JsonNode *tz;

  g_ptr_array_add (one, s);
  if (!get_text (object, "id", path, TRUE, &s->uid, error) ||
      !get_enum (object, "freq", path, FALSE, schedule_freqs, &s->freq, error) ||
      !get_text (object, "byday", path, FALSE, &s->byday, error) ||
      !check_byday (s->byday, path, error) ||
      !get_text (object, "opens_at", path, FALSE, &s->opens_at, error) ||
      !get_text (object, "closes_at", path, FALSE, &s->closes_at, error) ||
      !get_text (object, "valid_from", path, FALSE, &s->valid_from, error) ||
      !get_text (object, "valid_to", path, FALSE, &s->valid_to, error) ||
      !get_text (object, "description", path, FALSE, &s->description, error) ||
      !get_text (object, "notes", path, FALSE, &s->notes, error))
    return FALSE;
  s->opens_at = normalize_time (reader, s->opens_at, path, "opens_at");
  s->closes_at = normalize_time (reader, s->closes_at, path, "closes_at");
  /* The office reads every time in its own zone (Asia/Tokyo, UTC+9). */
  tz = json_object_get_member (object, "timezone");
  if (tz != NULL && !JSON_NODE_HOLDS_NULL (tz))
    {
      gboolean is_jst = JSON_NODE_HOLDS_VALUE (tz) &&
                        ((json_node_get_value_type (tz) != G_TYPE_STRING && json_node_get_double (tz) == 9.0) ||
                         (json_node_get_value_type (tz) == G_TYPE_STRING &&
                          (g_str_equal (json_node_get_string (tz), "Asia/Tokyo") ||
                           g_str_equal (json_node_get_string (tz), "9"))));
      if (!is_jst)
        {
          g_autofree char *text = json_to_string (tz, FALSE);
          skip (reader, _("%s.timezone: %s was not kept; opening times are read in the office's time zone."),
                path, text);
        }
    }
  for (guint i = 0; i < schedules->len; i++)
    if (g_strcmp0 (((TsgDirSchedule *) g_ptr_array_index (schedules, i))->uid, s->uid) == 0)
      return TRUE;
  g_ptr_array_add (schedules, g_ptr_array_steal_index (one, 0));
  return TRUE;
}

static gboolean
read_address (Reader     *reader,
              JsonObject *object,
              const char *path,
              gpointer    data,
              GError    **error)
{
  TsgDirLocation *loc = data;
  TsgDirAddress *a = tsg_dir_address_new ();

  if (!get_text (object, "id", path, TRUE, &a->uid, error) ||
      !get_text (object, "attention", path, FALSE, &a->attention, error) ||
      !get_text (object, "address_1", path, TRUE, &a->address_1, error) ||
      !get_text (object, "address_2", path, FALSE, &a->address_2, error) ||
      !get_text (object, "city", path, TRUE, &a->city, error) ||
      !get_text (object, "region", path, FALSE, &a->region, error) ||
      !get_text (object, "state_province", path, TRUE, &a->state_province, error) ||
      !get_text (object, "postal_code", path, TRUE, &a->postal_code, error) ||
      !get_text (object, "country", path, TRUE, &a->country, error) ||
      !get_enum (object, "address_type", path, TRUE, location_types, &a->address_type, error))
    {
      tsg_dir_address_free (a);
      return FALSE;
    }
  g_ptr_array_add (loc->addresses, a);
  return TRUE;
}

/* --- taxonomy and metadata ------------------------------------------ */

static gboolean
read_term (JsonObject  *object,
           const char  *path,
           TsgDirTerm **out,
           GError     **error)
{
  TsgDirTerm *t = tsg_dir_term_new ();

  if (!get_text (object, "id", path, TRUE, &t->uid, error) ||
      !get_text (object, "code", path, FALSE, &t->code, error) ||
      !get_text (object, "name", path, TRUE, &t->name, error) ||
      !get_text (object, "description", path, FALSE, &t->description, error) ||
      !get_text (object, "parent_id", path, FALSE, &t->parent_uid, error) ||
      !get_text (object, "taxonomy", path, FALSE, &t->taxonomy, error))
    {
      tsg_dir_term_free (t);
      return FALSE;
    }
  *out = t;
  return TRUE;
}

/* attributes[].taxonomy_term: the categories of a service or organization. */
static gboolean
read_attribute (Reader     *reader,
                JsonObject *object,
                const char *path,
                gpointer    data,
                GError    **error)
{
  GPtrArray *terms = data;
  g_autofree char *id = NULL;
  g_autofree char *term_path = g_strdup_printf ("%s.taxonomy_term", path);
  JsonNode *node = json_object_get_member (object, "taxonomy_term");
  TsgDirTerm *term;

  if (!get_text (object, "id", path, TRUE, &id, error))
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, term_path, NULL, _("expected an object, found %s."), type_name (node));
      return FALSE;
    }
  if (!read_term (json_node_get_object (node), term_path, &term, error))
    return FALSE;
  g_ptr_array_add (terms, term);
  return TRUE;
}

typedef struct
{
  char *verified_on;
  char *verified_by;
} Verified;

/* metadata[] with last_action_type "verified": when and by whom. */
static gboolean
read_metadata (Reader     *reader,
               JsonObject *object,
               const char *path,
               gpointer    data,
               GError    **error)
{
  Verified *v = data;
  g_autofree char *id = NULL;
  g_autofree char *action = NULL;
  g_autofree char *date = NULL;
  g_autofree char *by = NULL;

  if (!get_text (object, "id", path, TRUE, &id, error) ||
      !get_text (object, "last_action_type", path, FALSE, &action, error) ||
      !get_text (object, "last_action_date", path, FALSE, &date, error) ||
      !get_text (object, "updated_by", path, FALSE, &by, error))
    return FALSE;
  if (g_strcmp0 (action, "verified") == 0)
    {
      g_free (v->verified_on);
      g_free (v->verified_by);
      v->verified_on = g_steal_pointer (&date);
      v->verified_by = g_steal_pointer (&by);
    }
  return TRUE;
}

/* --- locations -------------------------------------------------------- */

static gboolean
read_coordinate (Reader      *reader,
                 JsonObject  *object,
                 const char  *member,
                 const char  *path,
                 double       limit,
                 double      *out,
                 gboolean    *ok,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *ok = FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      invalid (error, path, member, _("expected a number, found %s."), type_name (node));
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *end = NULL;
      value = g_ascii_strtod (json_node_get_string (node), &end);
      if (end == NULL || *end != '\0' || end == json_node_get_string (node))
        {
          skip (reader, _("%s.%s: “%s” is not a number; the coordinates were not kept."),
                path, member, json_node_get_string (node));
          *ok = FALSE;
          return TRUE;
        }
    }
  else
    value = json_node_get_double (node);
  if (!isfinite (value) || fabs (value) > limit)
    {
      skip (reader, _("%s.%s: %g is out of range (−%g to %g); the coordinates were not kept."),
            path, member, value, limit, limit);
      *ok = FALSE;
      return TRUE;
    }
  *out = value;
  return TRUE;
}

static TsgDirOrganization *org_for (Reader *reader, const char *uid);

static gboolean
read_location (Reader     *reader,
               JsonObject *object,
               const char *path,
               gpointer    data,
               GError    **error)
{
  TsgDirOrganization *org = data;
  g_autoptr(TsgDirLocation) loc = tsg_dir_location_new ();
  gboolean lat_ok = TRUE, lon_ok = TRUE;
  TsgDirLocation *known;

  if (!get_text (object, "id", path, TRUE, &loc->uid, error) ||
      !get_enum (object, "location_type", path, TRUE, location_types, &loc->location_type, error) ||
      !get_text (object, "name", path, FALSE, &loc->name, error) ||
      !get_text (object, "alternate_name", path, FALSE, &loc->alternate_name, error) ||
      !get_text (object, "description", path, FALSE, &loc->description, error) ||
      !get_text (object, "transportation", path, FALSE, &loc->transportation, error) ||
      !get_text (object, "url", path, FALSE, &loc->url, error) ||
      !read_coordinate (reader, object, "latitude", path, 90, &loc->latitude, &lat_ok, error) ||
      !read_coordinate (reader, object, "longitude", path, 180, &loc->longitude, &lon_ok, error) ||
      !each_object (reader, object, "addresses", path, read_address, loc, error) ||
      !each_object (reader, object, "phones", path, read_phone, loc->phones, error) ||
      !each_object (reader, object, "schedules", path, read_schedule, loc->schedules, error))
    return FALSE;
  loc->has_coordinates = lat_ok && lon_ok && json_object_has_member (object, "latitude")
                         && json_object_has_member (object, "longitude");
  report_unkept (reader, object, path, loc->name, location_fields);

  known = g_hash_table_lookup (reader->loc_by_uid, loc->uid);
  if (known != NULL)
    return TRUE; /* the same location again (service-at-location lists repeat it) */
  if (org == NULL)
    org = reader->current_org;
  if (org == NULL)
    {
      g_autofree char *org_uid = NULL;
      if (!get_text (object, "organization_id", path, FALSE, &org_uid, error))
        return FALSE;
      if (org_uid == NULL)
        {
          invalid (error, path, NULL, _("the location belongs to no organization (organization_id)."));
          return FALSE;
        }
      org = org_for (reader, org_uid);
    }
  g_hash_table_insert (reader->loc_by_uid, loc->uid, loc);
  g_ptr_array_add (org->locations, g_steal_pointer (&loc));
  return TRUE;
}

/* --- services --------------------------------------------------------- */

static char *
languages_of (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "languages");
  g_autoptr(GString) codes = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *lang;
      const char *code;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      lang = json_node_get_object (element);
      code = json_object_get_string_member_with_default (lang, "code", NULL);
      if (code == NULL || *code == '\0')
        code = json_object_get_string_member_with_default (lang, "name", NULL);
      if (code != NULL && *code != '\0')
        g_string_append_printf (codes, "%s%s", codes->len ? "," : "", code);
    }
  return codes->len ? g_strdup (codes->str) : NULL;
}

/* The organization with @uid, created as a reference (name NULL) until its
 * record is read; a reference left at the end must be in the store. */
static TsgDirOrganization *
org_for (Reader     *reader,
         const char *uid)
{
  TsgDirOrganization *org = g_hash_table_lookup (reader->org_by_uid, uid);

  if (org == NULL)
    {
      org = tsg_dir_organization_new ();
      org->uid = g_strdup (uid);
      g_hash_table_insert (reader->org_by_uid, org->uid, org);
      g_ptr_array_add (reader->orgs, org);
    }
  return org;
}

static gboolean read_organization (Reader *reader, JsonObject *object, const char *path,
                                   gpointer data, GError **error);

/* service_at_locations[]: the location (inline or by id) where it is given. */
static gboolean
read_service_at_location (Reader     *reader,
                          JsonObject *object,
                          const char *path,
                          gpointer    data,
                          GError    **error)
{
  TsgDirService *svc = data;
  g_autofree char *id = NULL;
  g_autofree char *location_id = NULL;
  JsonNode *node = json_object_get_member (object, "location");

  if (!get_text (object, "id", path, TRUE, &id, error) ||
      !get_text (object, "location_id", path, FALSE, &location_id, error) ||
      !each_object (reader, object, "phones", path, read_phone, svc->phones, error) ||
      !each_object (reader, object, "schedules", path, read_schedule, svc->schedules, error))
    return FALSE;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *loc_path = g_strdup_printf ("%s.location", path);
      JsonObject *loc = json_node_get_object (node);

      /* a location met inside a service belongs to the service's organization */
      if (!read_location (reader, loc, loc_path, NULL, error))
        return FALSE;
      g_free (location_id);
      location_id = g_strdup (json_object_get_string_member_with_default (loc, "id", ""));
    }
  if (location_id != NULL && *location_id != '\0')
    {
      for (guint i = 0; i < svc->location_uids->len; i++)
        if (g_str_equal (g_ptr_array_index (svc->location_uids, i), location_id))
          return TRUE;
      g_ptr_array_add (svc->location_uids, g_steal_pointer (&location_id));
    }
  return TRUE;
}

static void
merge_service (TsgDirService *into,
               TsgDirService *from)
{
  for (guint i = 0; i < from->location_uids->len; i++)
    {
      const char *uid = g_ptr_array_index (from->location_uids, i);
      gboolean found = FALSE;

      for (guint j = 0; j < into->location_uids->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (into->location_uids, j), uid);
      if (!found)
        g_ptr_array_add (into->location_uids, g_strdup (uid));
    }
  while (from->phones->len > 0)
    g_ptr_array_add (into->phones, g_ptr_array_steal_index (from->phones, 0));
  while (from->schedules->len > 0)
    g_ptr_array_add (into->schedules, g_ptr_array_steal_index (from->schedules, 0));
}

static gboolean
read_service (Reader     *reader,
              JsonObject *object,
              const char *path,
              gpointer    data,
              GError    **error)
{
  TsgDirOrganization *org = data;
  TsgDirOrganization *outer = reader->current_org;
  g_autoptr(TsgDirService) svc = tsg_dir_service_new ();
  Verified v = { NULL, NULL };
  g_autofree char *assured = NULL;
  g_autofree char *assurer = NULL;
  TsgDirService *known;
  JsonNode *org_node;
  gboolean ok;

  if (!get_text (object, "id", path, TRUE, &svc->uid, error) ||
      !get_text (object, "name", path, TRUE, &svc->name, error) ||
      !get_enum (object, "status", path, TRUE, tsg_dir_service_statuses, &svc->status, error) ||
      !get_text (object, "alternate_name", path, FALSE, &svc->alternate_name, error) ||
      !get_text (object, "description", path, FALSE, &svc->description, error) ||
      !get_text (object, "url", path, FALSE, &svc->url, error) ||
      !get_text (object, "email", path, FALSE, &svc->email, error) ||
      !get_text (object, "eligibility_description", path, FALSE, &svc->eligibility, error) ||
      !get_text (object, "fees_description", path, FALSE, &svc->fees, error) ||
      (svc->fees == NULL && !get_text (object, "fees", path, FALSE, &svc->fees, error)) ||
      !get_text (object, "application_process", path, FALSE, &svc->application_process, error) ||
      !get_text (object, "assured_date", path, FALSE, &assured, error) ||
      !get_text (object, "assurer_email", path, FALSE, &assurer, error))
    return FALSE;
  svc->languages = languages_of (object);

  /* Whose service: the organization around it, inside it, or by id. */
  org_node = json_object_get_member (object, "organization");
  if (org == NULL && org_node != NULL && JSON_NODE_HOLDS_OBJECT (org_node))
    {
      g_autofree char *org_path = g_strdup_printf ("%s.organization", path);
      if (!read_organization (reader, json_node_get_object (org_node), org_path, NULL, error))
        return FALSE;
      org = org_for (reader, json_object_get_string_member (json_node_get_object (org_node), "id"));
    }
  if (org == NULL)
    {
      g_autofree char *org_uid = NULL;
      if (!get_text (object, "organization_id", path, FALSE, &org_uid, error))
        return FALSE;
      if (org_uid == NULL)
        {
          invalid (error, path, NULL, _("the service names no organization (organization or organization_id)."));
          return FALSE;
        }
      org = org_for (reader, org_uid);
    }

  reader->current_org = org;
  ok = each_object (reader, object, "metadata", path, read_metadata, &v, error) &&
       each_object (reader, object, "attributes", path, read_attribute, svc->terms, error) &&
       each_object (reader, object, "phones", path, read_phone, svc->phones, error) &&
       each_object (reader, object, "schedules", path, read_schedule, svc->schedules, error) &&
       each_object (reader, object, "service_at_locations", path, read_service_at_location, svc, error);
  reader->current_org = outer;
  svc->verified_on = v.verified_on ? v.verified_on : g_steal_pointer (&assured);
  svc->verified_by = v.verified_by ? v.verified_by : g_steal_pointer (&assurer);
  if (!ok)
    return FALSE;
  report_unkept (reader, object, path, svc->name, service_fields);

  known = g_hash_table_lookup (reader->svc_by_uid, svc->uid);
  if (known != NULL)
    {
      merge_service (known, svc);
      return TRUE;
    }
  g_hash_table_insert (reader->svc_by_uid, svc->uid, svc);
  g_ptr_array_add (org->services, g_steal_pointer (&svc));
  return TRUE;
}

static char *
category_of (GPtrArray *terms)
{
  for (guint i = 0; i < terms->len; i++)
    {
      const TsgDirTerm *t = g_ptr_array_index (terms, i);
      if (g_strcmp0 (t->taxonomy, TSG_SUPPORT_TAXONOMY) == 0 && tsg_enum_contains (tsg_org_categories, t->code))
        return g_strdup (t->code);
    }
  return NULL;
}

static gboolean
read_organization (Reader     *reader,
                   JsonObject *object,
                   const char *path,
                   gpointer    data,
                   GError    **error)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_term_free);
  g_autofree char *uid = NULL;
  TsgDirOrganization *org;
  Verified v = { NULL, NULL };
  gboolean first;

  if (!get_text (object, "id", path, TRUE, &uid, error))
    return FALSE;
  org = org_for (reader, uid);
  first = org->name == NULL;
  if (first)
    {
      if (!get_text (object, "name", path, TRUE, &org->name, error) ||
          !get_text (object, "description", path, TRUE, &org->description, error) ||
          !get_text (object, "alternate_name", path, FALSE, &org->alternate_name, error) ||
          !get_text (object, "email", path, FALSE, &org->email, error) ||
          !get_text (object, "website", path, FALSE, &org->website, error) ||
          !each_object (reader, object, "metadata", path, read_metadata, &v, error) ||
          !each_object (reader, object, "attributes", path, read_attribute, terms, error) ||
          !each_object (reader, object, "phones", path, read_phone, org->phones, error))
        {
          g_free (v.verified_on);
          g_free (v.verified_by);
          return FALSE;
        }
      org->verified_on = v.verified_on;
      org->verified_by = v.verified_by;
      org->category = category_of (terms);
      report_unkept (reader, object, path, org->name, org_fields);
    }
  return each_object (reader, object, "locations", path, read_location, org, error) &&
         each_object (reader, object, "services", path, read_service, org, error);
}

/* --- the top ---------------------------------------------------------- */

static Kind
kind_of (JsonObject *o)
{
  static const char *const org_keys[] = {
    "services", "locations", "website", "legal_status", "tax_status", "year_incorporated", "organization_identifiers",
  };
  static const char *const service_keys[] = {
    "status", "organization", "organization_id", "service_at_locations", "eligibility_description",
  };

  if (json_object_has_member (o, "service") && !json_object_has_member (o, "services"))
    return KIND_SERVICE_AT_LOCATION;
  for (guint i = 0; i < G_N_ELEMENTS (service_keys); i++)
    if (json_object_has_member (o, service_keys[i]) && !json_object_has_member (o, "services"))
      return KIND_SERVICE;
  if (json_object_has_member (o, "taxonomy") || json_object_has_member (o, "taxonomy_id") ||
      json_object_has_member (o, "term_uri") ||
      (json_object_has_member (o, "code") && !json_object_has_member (o, "services")))
    return KIND_TERM;
  for (guint i = 0; i < G_N_ELEMENTS (org_keys); i++)
    if (json_object_has_member (o, org_keys[i]))
      return KIND_ORGANIZATION;
  if (json_object_has_member (o, "name") && json_object_has_member (o, "description") &&
      json_object_has_member (o, "id"))
    return KIND_ORGANIZATION;
  return KIND_NONE;
}

static const char *
kind_path (Kind kind,
           gboolean plural)
{
  switch (kind)
    {
    case KIND_ORGANIZATION: return plural ? "organizations" : "organization";
    case KIND_SERVICE: return plural ? "services" : "service";
    case KIND_SERVICE_AT_LOCATION: return plural ? "service_at_locations" : "service_at_location";
    case KIND_TERM: return plural ? "taxonomy_terms" : "taxonomy_term";
    case KIND_NONE:
    default: return plural ? "records" : "record";
    }
}

static gboolean
read_top_service_at_location (Reader     *reader,
                              JsonObject *object,
                              const char *path,
                              GError    **error)
{
  JsonNode *node = json_object_get_member (object, "service");
  g_autofree char *svc_path = g_strdup_printf ("%s.service", path);
  TsgDirService *svc;
  JsonObject *svc_object;
  const char *uid;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, path, "service", _("expected an object, found %s."), type_name (node));
      return FALSE;
    }
  svc_object = json_node_get_object (node);
  if (!read_service (reader, svc_object, svc_path, NULL, error))
    return FALSE;
  uid = json_object_get_string_member (svc_object, "id");
  svc = g_hash_table_lookup (reader->svc_by_uid, uid);
  /* the location belongs to the service's organization */
  for (guint i = 0; i < reader->orgs->len && reader->current_org == NULL; i++)
    {
      TsgDirOrganization *org = g_ptr_array_index (reader->orgs, i);
      for (guint j = 0; j < org->services->len; j++)
        if (g_ptr_array_index (org->services, j) == svc)
          reader->current_org = org;
    }
  ok = read_service_at_location (reader, object, path, svc, error);
  reader->current_org = NULL;
  return ok;
}

static gboolean
read_record (Reader     *reader,
             JsonObject *object,
             Kind        kind,
             const char *path,
             GError    **error)
{
  TsgDirTerm *term;

  switch (kind)
    {
    case KIND_ORGANIZATION:
      return read_organization (reader, object, path, NULL, error);
    case KIND_SERVICE:
      return read_service (reader, object, path, NULL, error);
    case KIND_SERVICE_AT_LOCATION:
      return read_top_service_at_location (reader, object, path, error);
    case KIND_TERM:
      if (!read_term (object, path, &term, error))
        return FALSE;
      g_ptr_array_add (reader->terms, term);
      return TRUE;
    case KIND_NONE:
    default:
      g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_SHAPE,
                   _("%s: this is not an HSDS organization, service, service at location or taxonomy term."), path);
      return FALSE;
    }
}

/* The records at the top: one object, a list, or a page ({"contents": […]}). */
static JsonArray *
top_records (JsonNode     *root,
             const char  **list_name)
{
  *list_name = NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);
      JsonNode *contents = json_object_get_member (o, "contents");

      if (contents != NULL && JSON_NODE_HOLDS_ARRAY (contents))
        {
          *list_name = "contents";
          return json_node_get_array (contents);
        }
    }
  return NULL;
}

gboolean
tsg_hsds_detect (JsonNode *root)
{
  const char *list_name;
  JsonArray *list;

  if (root == NULL)
    return FALSE;
  list = top_records (root, &list_name);
  if (list != NULL)
    {
      JsonNode *first;

      if (list_name != NULL && json_array_get_length (list) == 0)
        return TRUE; /* an empty page */
      if (json_array_get_length (list) == 0)
        return FALSE;
      first = json_array_get_element (list, 0);
      return JSON_NODE_HOLDS_OBJECT (first) && kind_of (json_node_get_object (first)) != KIND_NONE;
    }
  return JSON_NODE_HOLDS_OBJECT (root) && kind_of (json_node_get_object (root)) != KIND_NONE;
}

void
tsg_hsds_document_free (TsgHsdsDocument *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->organizations);
  g_ptr_array_unref (doc->terms);
  g_ptr_array_unref (doc->skipped);
  g_free (doc);
}

TsgHsdsDocument *
tsg_hsds_read (JsonNode  *root,
               GError   **error)
{
  Reader reader = { 0 };
  g_autoptr(TsgHsdsDocument) doc = g_new0 (TsgHsdsDocument, 1);
  const char *list_name;
  JsonArray *list;
  gboolean ok = TRUE;

  g_return_val_if_fail (root != NULL, NULL);

  doc->organizations = reader.orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_organization_free);
  doc->terms = reader.terms = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_term_free);
  doc->skipped = reader.skipped = g_ptr_array_new_with_free_func (g_free);
  reader.org_by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  reader.svc_by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  reader.loc_by_uid = g_hash_table_new (g_str_hash, g_str_equal);

  list = top_records (root, &list_name);
  if (list != NULL)
    {
      /* a bare list is named after its first record: "services[3]" */
      JsonNode *first = json_array_get_length (list) ? json_array_get_element (list, 0) : NULL;
      Kind list_kind = first && JSON_NODE_HOLDS_OBJECT (first) ? kind_of (json_node_get_object (first)) : KIND_NONE;

      for (guint i = 0; ok && i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          Kind kind = JSON_NODE_HOLDS_OBJECT (element) ? kind_of (json_node_get_object (element)) : KIND_NONE;
          g_autofree char *path = g_strdup_printf ("%s[%u]", list_name ? list_name : kind_path (list_kind, TRUE), i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_SHAPE,
                           _("%s: expected an organization or a service object, found %s."), path, type_name (element));
              ok = FALSE;
            }
          else
            ok = read_record (&reader, json_node_get_object (element), kind, path, error);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      Kind kind = kind_of (json_node_get_object (root));
      ok = read_record (&reader, json_node_get_object (root), kind, kind_path (kind, FALSE), error);
    }
  else
    {
      g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_SHAPE,
                   _("This is not an HSDS directory: expected an organization or a service object, or a list of them, at the top, found %s."),
                   type_name (root));
      ok = FALSE;
    }
  g_hash_table_unref (reader.org_by_uid);
  g_hash_table_unref (reader.svc_by_uid);
  g_hash_table_unref (reader.loc_by_uid);
  return ok ? g_steal_pointer (&doc) : NULL;
}

/* --- importing -------------------------------------------------------- */

gboolean
tsg_hsds_import_node (TsgStore            *store,
                      TsgActor            *actor,
                      JsonNode            *root,
                      TsgDirectoryCounts  *counts,
                      GPtrArray           *skipped,
                      GError             **error)
{
  g_autoptr(TsgHsdsDocument) doc = tsg_hsds_read (root, error);

  if (doc == NULL ||
      !tsg_store_save_directory (store, actor, doc->organizations, doc->terms, counts, error))
    return FALSE;
  for (guint i = 0; skipped && i < doc->skipped->len; i++)
    g_ptr_array_add (skipped, g_strdup (g_ptr_array_index (doc->skipped, i)));
  return TRUE;
}

gboolean
tsg_hsds_import_file (TsgStore            *store,
                      TsgActor            *actor,
                      const char          *path,
                      TsgDirectoryCounts  *counts,
                      GPtrArray           *skipped,
                      GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          local_error->domain == G_FILE_ERROR)
        g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_NOT_JSON,
                     _("%s cannot be read: %s."), path, local_error->message);
      else
        /* translators: a file name, then the parser's message with line and column */
        g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_NOT_JSON,
                     _("%s is not valid JSON: %s."), name, local_error->message);
      return FALSE;
    }
  /* An empty file (or a byte-order mark alone) parses to no document. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TSG_HSDS_ERROR, TSG_HSDS_ERROR_NOT_JSON,
                   _("%s is empty: there is no JSON in it."), name);
      return FALSE;
    }
  if (!tsg_hsds_import_node (store, actor, json_parser_get_root (parser), counts, skipped, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

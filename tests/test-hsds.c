/* test-hsds.c: Open Referral HSDS 3.1 import and export
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tsg-generator.h"
#include "tsg-hsds.h"
#include "tsg-store-directory.h"

typedef struct
{
  char     *dir;
  TsgStore *store;
  TsgActor *actor;
} Fixture;

static TsgStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  TsgStore *store = tsg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsg-hsds-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f, "a.db");
  f->actor = tsg_store_get_system_actor (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Everything the directory holds, for "nothing changed" comparisons. */
static char *
fingerprint (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = tsg_store_load_taxonomy (f->store, f->actor, &error);
  g_autofree char *text = tsg_hsds_export (f->store, f->actor, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%u terms\n%s", terms->len, text);
}

static const char *
examples_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *root = g_getenv ("TSG_SOURCE_ROOT");
      dir = g_build_filename (root ? root : ".", "..", "shared", "data", "hsds-3.1", "examples", NULL);
    }
  return dir;
}

/* Every official example imports; the quirks are reported, not refused. */
static void
test_examples (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (examples_dir (), 0, NULL);
  const char *name;
  guint n_files = 0;
  gboolean saw_latitude = FALSE, saw_timezone = FALSE;

  if (dir == NULL)
    {
      g_test_skip ("the HSDS examples are not present");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (examples_dir (), name, NULL);
      g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsgStore) store = NULL;
      g_autofree char *db = g_strdup_printf ("example-%u.db", n_files);
      TsgDirectoryCounts counts = { 0 };

      if (!g_str_has_suffix (name, ".json"))
        continue;
      store = open_store (f, db);
      if (!tsg_hsds_import_file (store, tsg_store_get_system_actor (store), path, &counts, skipped, &error))
        g_error ("%s: %s", name, error->message);
      g_test_message ("%s: %u organizations, %u services, %u locations, %u terms; %u skipped", name,
                      counts.organizations, counts.services, counts.locations, counts.terms, skipped->len);
      g_assert_cmpuint (counts.organizations + counts.terms, >, 0);
      if (strstr (name, "service") != NULL)
        g_assert_cmpuint (counts.services, >=, 1);
      for (guint i = 0; i < skipped->len; i++)
        {
          const char *line = g_ptr_array_index (skipped, i);
          saw_latitude |= strstr (line, "latitude: 100") != NULL;
          saw_timezone |= strstr (line, "timezone: 3") != NULL;
        }
      /* Importing the same file again updates, it does not duplicate. */
      {
        g_autofree char *before = tsg_hsds_export (store, tsg_store_get_system_actor (store), NULL);
        g_autofree char *after = NULL;
        g_assert_true (tsg_hsds_import_file (store, tsg_store_get_system_actor (store), path, NULL, NULL, &error));
        after = tsg_hsds_export (store, tsg_store_get_system_actor (store), NULL);
        g_assert_cmpstr (before, ==, after);
      }
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 7);
  g_assert_true (saw_latitude);
  g_assert_true (saw_timezone);
}

static void
test_example_content (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (examples_dir (), "organization_full.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  TsgDirOrganization *org;
  TsgDirService *svc;
  TsgDirLocation *loc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the HSDS examples are not present");
      return;
    }
  g_assert_true (tsg_hsds_import_file (f->store, f->actor, path, NULL, NULL, &error));
  g_assert_no_error (error);
  orgs = tsg_store_load_directory (f->store, f->actor, TRUE, &error);
  g_assert_cmpuint (orgs->len, ==, 1);
  org = g_ptr_array_index (orgs, 0);
  g_assert_cmpstr (org->name, ==, "Example Organization Inc.");
  g_assert_cmpuint (org->services->len, ==, 1);
  svc = g_ptr_array_index (org->services, 0);
  g_assert_cmpstr (svc->status, ==, "active");
  g_assert_cmpuint (svc->location_uids->len, ==, 1);
  g_assert_cmpuint (svc->schedules->len, >=, 1);
  g_assert_cmpstr (((TsgDirSchedule *) g_ptr_array_index (svc->schedules, 0))->opens_at, ==, "10:00");
  g_assert_cmpstr (((TsgDirPhone *) g_ptr_array_index (svc->phones, 0))->number, ==, "+44 1234 234567");
  loc = g_ptr_array_index (org->locations, 0);
  g_assert_false (loc->has_coordinates);   /* latitude 100 was not kept */
  g_assert_cmpuint (loc->addresses->len, ==, 1);
  g_assert_cmpstr (((TsgDirAddress *) g_ptr_array_index (loc->addresses, 0))->city, ==, "MyCity");
}

/* Export → import into an empty database → export: the same file. The
 * shelter's confidential location is not in it. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsgStore) other = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) with_confidential = NULL;
  g_autoptr(GPtrArray) reloaded = NULL;
  guint n_confidential = 0;

  g_assert_true (tsg_store_generate (f->store, 0, 1, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  with_confidential = tsg_store_load_directory (f->store, f->actor, TRUE, &error);
  for (guint i = 0; i < with_confidential->len; i++)
    {
      TsgDirOrganization *org = g_ptr_array_index (with_confidential, i);
      for (guint j = 0; j < org->locations->len; j++)
        n_confidential += ((TsgDirLocation *) g_ptr_array_index (org->locations, j))->confidential;
    }
  g_assert_cmpuint (n_confidential, >=, 1);

  path = g_build_filename (f->dir, "directory.hsds.json", NULL);
  g_assert_true (tsg_hsds_export_file (f->store, f->actor, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
  g_assert_null (strstr (first, "（秘匿）"));
  g_assert_nonnull (strstr (first, "ハローワーク川崎"));
  g_assert_nonnull (strstr (first, "神奈川県"));

  other = open_store (f, "b.db");
  tsg_hsds_import_file (other, tsg_store_get_system_actor (other), path, NULL, NULL, &error);
  g_assert_no_error (error);
  second = tsg_hsds_export (other, tsg_store_get_system_actor (other), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);

  /* The same directory, record by record: names, hours, cities, categories. */
  reloaded = tsg_store_load_directory (other, tsg_store_get_system_actor (other), TRUE, &error);
  g_assert_cmpuint (reloaded->len, ==, with_confidential->len);
  for (guint i = 0; i < reloaded->len; i++)
    {
      TsgDirOrganization *a = g_ptr_array_index (with_confidential, i);
      TsgDirOrganization *b = g_ptr_array_index (reloaded, i);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->category, ==, b->category);
      g_assert_cmpstr (a->verified_by, ==, b->verified_by);
      g_assert_cmpuint (a->services->len, ==, b->services->len);
      for (guint j = 0; j < b->locations->len; j++)
        g_assert_false (((TsgDirLocation *) g_ptr_array_index (b->locations, j))->confidential);
    }

  /* Searching the imported directory works (the index was written). */
  {
    g_autoptr(TsgListQuery) q = tsg_list_query_new ();
    g_autoptr(GArray) ids = NULL;
    q->search = g_strdup ("ハローワーク");
    ids = tsg_store_list_ids (other, tsg_store_get_system_actor (other), TSG_LIST_SERVICES, q, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 3);
  }
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;   /* expected substring */
} BadInput;

static const BadInput bad_inputs[] = {
  { "{ \"id\": \"x\", ", TSG_HSDS_ERROR_NOT_JSON, "is not valid JSON" },
  { "42", TSG_HSDS_ERROR_SHAPE, "not an HSDS directory" },
  { "{\"contacts\": [{\"channel\": \"phone\"}]}", TSG_HSDS_ERROR_SHAPE, "record: this is not an HSDS" },
  { "[{\"id\": \"o1\", \"name\": \"Org\", \"description\": \"\", \"services\": []}, 7]",
    TSG_HSDS_ERROR_SHAPE, "organizations[1]: expected an organization or a service object" },
  /* a missing required field, and a bad enumeration, with their paths */
  { "[{\"id\": \"o1\", \"name\": \"Org\", \"description\": \"d\", \"services\": ["
    "  {\"id\": \"s1\", \"name\": \"A\", \"status\": \"active\"},"
    "  {\"id\": \"s2\", \"status\": \"active\"}]}]",
    TSG_HSDS_ERROR_INVALID, "organizations[0].services[1].name: the required field is missing." },
  { "[{\"id\": \"s0\", \"name\": \"A\", \"status\": \"active\", \"organization\": {\"id\": \"o1\", \"name\": \"O\", \"description\": \"\"}},"
    " {\"id\": \"s1\", \"name\": \"B\", \"status\": \"active\", \"organization_id\": \"o1\"},"
    " {\"id\": \"s2\", \"name\": \"C\", \"status\": \"inactive\", \"organization_id\": \"o1\"},"
    " {\"id\": \"s3\", \"name\": \"D\", \"status\": \"open\", \"organization_id\": \"o1\"}]",
    TSG_HSDS_ERROR_INVALID, "services[3].status: “open” is not one of active, inactive, defunct, temporarily closed." },
  { "{\"id\": \"o1\", \"name\": \"Org\", \"description\": \"d\", \"locations\": [{\"id\": \"l1\", \"location_type\": \"physical\","
    " \"addresses\": [{\"id\": \"a1\", \"address_1\": \"1-1\", \"city\": \"川崎市\", \"postal_code\": \"210-0000\","
    " \"country\": \"JP\", \"address_type\": \"physical\"}]}]}",
    TSG_HSDS_ERROR_INVALID, "organization.locations[0].addresses[0].state_province: the required field is missing." },
  { "{\"id\": \"o1\", \"name\": 12, \"description\": \"d\", \"services\": [{\"id\": \"s\", \"name\": [1], \"status\": \"active\"}]}",
    TSG_HSDS_ERROR_INVALID, "organization.services[0].name: expected text, found a list." },
};

/* Each refused file says where, in one sentence, and changes nothing. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (tsg_store_generate (f->store, 0, 1, 0, NULL, NULL, &error));
  before = fingerprint (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *path = write_file (f, name, bad_inputs[i].json);
      g_autofree char *after = NULL;
      g_autoptr(GError) import_error = NULL;

      g_assert_false (tsg_hsds_import_file (f->store, f->actor, path, NULL, NULL, &import_error));
      g_assert_error (import_error, TSG_HSDS_ERROR, bad_inputs[i].code);
      g_test_message ("%s", import_error->message);
      if (strstr (import_error->message, bad_inputs[i].message) == NULL)
        g_error ("“%s” does not contain “%s”", import_error->message, bad_inputs[i].message);
      g_assert_nonnull (strstr (import_error->message, name));
      g_assert_null (strchr (import_error->message, '\n'));
      after = fingerprint (f);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A problem the store finds half-way (a location that exists nowhere)
 * rolls back what was already written. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  static const char json[] =
    "[{\"id\": \"o-new\", \"name\": \"新しい団体\", \"description\": \"\", \"services\": ["
    "  {\"id\": \"s-new\", \"name\": \"相談\", \"status\": \"active\"}]},"
    " {\"id\": \"o-two\", \"name\": \"二つ目\", \"description\": \"\", \"services\": ["
    "  {\"id\": \"s-two\", \"name\": \"支援\", \"status\": \"active\","
    "   \"service_at_locations\": [{\"id\": \"sal\", \"location_id\": \"nowhere\"}]}]}]";
  g_autofree char *path = write_file (f, "half.json", json);
  g_autofree char *before = fingerprint (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (tsg_hsds_import_file (f->store, f->actor, path, NULL, NULL, &error));
  g_assert_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nowhere"));
  after = fingerprint (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (strstr (after, "新しい団体"));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_detect (void)
{
  static const struct { const char *json; gboolean hsds; } cases[] = {
    { "{\"contacts\": [{\"started_at\": \"2023-04-03T10:15:00+09:00\", \"channel\": \"free_dial\"}]}", FALSE },
    { "[]", FALSE },
    { "{\"id\": \"o\", \"name\": \"n\", \"description\": \"d\", \"services\": []}", TRUE },
    { "[{\"id\": \"s\", \"name\": \"n\", \"status\": \"active\", \"organization_id\": \"o\"}]", TRUE },
    { "{\"total_items\": 0, \"contents\": []}", TRUE },
    { "{\"id\": \"x\", \"service\": {}, \"location\": {}}", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (cases[i].json);
      g_assert_cmpint (tsg_hsds_detect (root), ==, cases[i].hsds);
    }
}

/* Opening hours: today's hours, open now, weekday ranges, staleness. */
static void
test_hours (void)
{
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_dir_schedule_free);
  TsgDirSchedule *s = tsg_dir_schedule_new ();
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  /* 2025-04-01 is a Tuesday */
  g_autoptr(GDateTime) tue_morning = g_date_time_new (tokyo, 2025, 4, 1, 9, 0, 0);
  g_autoptr(GDateTime) tue_evening = g_date_time_new (tokyo, 2025, 4, 1, 17, 20, 0);
  g_autoptr(GDateTime) saturday = g_date_time_new (tokyo, 2025, 4, 5, 10, 0, 0);
  g_autofree char *hours = NULL;
  g_autofree char *days = NULL;

  s->freq = g_strdup ("WEEKLY");
  s->byday = g_strdup ("MO,TU,WE,TH,FR");
  s->opens_at = g_strdup ("08:30");
  s->closes_at = g_strdup ("17:15");
  g_ptr_array_add (schedules, s);

  hours = tsg_dir_hours_on (schedules, tue_morning);
  g_assert_cmpstr (hours, ==, "08:30–17:15");
  g_assert_true (tsg_dir_is_open_at (schedules, tue_morning));
  g_assert_false (tsg_dir_is_open_at (schedules, tue_evening));
  g_assert_null (tsg_dir_hours_on (schedules, saturday));
  g_assert_false (tsg_dir_is_open_at (schedules, saturday));
  days = tsg_dir_days_label ("MO,TU,WE,TH,FR");
  g_assert_cmpstr (days, ==, "Mon–Fri");

  g_assert_true (tsg_dir_is_stale ("2024-03-31", tue_morning));
  g_assert_false (tsg_dir_is_stale ("2024-04-02", tue_morning));
  g_assert_true (tsg_dir_is_stale (NULL, tue_morning));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hsds/examples", Fixture, NULL, fixture_set_up, test_examples, fixture_tear_down);
  g_test_add ("/hsds/example-content", Fixture, NULL, fixture_set_up, test_example_content, fixture_tear_down);
  g_test_add ("/hsds/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/hsds/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/hsds/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing, fixture_tear_down);
  g_test_add_func ("/hsds/detect", test_detect);
  g_test_add_func ("/hsds/hours", test_hours);
  return g_test_run ();
}

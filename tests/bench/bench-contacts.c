/* bench-contacts.c: the call log's budgets on a database of a million contacts
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is a `--generate 1000000` one named by TSG_BENCH_DB (default
 * /tmp/bench-1m.db); it is copied first, since the benchmark writes. Without
 * it the benchmark is skipped (exit 77).
 *
 * Budgets (issue 3): the first page of the call log (all ids, sorted, and the
 * first 64 rows) within 50 ms; search p95 under 30 ms; saving a contact under
 * 10 ms with synchronous=FULL; importing 100,000 contacts from CSV under 10 s.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "tsg-generator.h"
#include "tsg-records.h"
#include "tsg-store-contacts.h"
#include "tsg-store-private.h"

#define PAGE 64

/* The machine is shared: the CPU time of this thread says what the code
 * costs, the wall time what it costs on a machine this busy. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
load_average (void)
{
  double load = 0;
  FILE *f = fopen ("/proc/loadavg", "r");

  if (f != NULL)
    {
      if (fscanf (f, "%lf", &load) != 1)
        load = 0;
      fclose (f);
    }
  return load;
}

/* What the view does before its first frame (tsg_row_model_reload): the
 * first page's ids (with the audit row of the listing) and their rows. */
static double
first_page (TsgStore           *store,
            TsgActor           *actor,
            const TsgListQuery *query,
            guint              *n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();

  ids = tsg_store_list_first_ids (store, actor, TSG_LIST_CONTACTS, query, PAGE, &error);
  g_assert_no_error (error);
  rows = tsg_store_fetch_rows (store, actor, TSG_LIST_CONTACTS, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, ids->len);
  if (n_ids)
    *n_ids = ids->len;
  return ms_since (start);
}

/* Then, in a thread, every id (the scrollbar's length); checks that the
 * first page is its beginning. */
static double
all_ids (TsgStore           *store,
         TsgActor           *actor,
         const TsgListQuery *query,
         guint              *n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = tsg_store_list_first_ids (store, actor, TSG_LIST_CONTACTS, query, PAGE, &error);
  g_autoptr(GArray) ids = NULL;
  gint64 start = g_get_monotonic_time ();
  double t;

  ids = tsg_store_list_ids (store, actor, TSG_LIST_CONTACTS, query, &error);
  t = ms_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, MIN (ids->len, PAGE));
  g_assert_cmpmem (first->data, first->len * sizeof (gint64), ids->data, first->len * sizeof (gint64));
  *n_ids = ids->len;
  return t;
}

static gboolean
bench_first_page (TsgStore *store,
                  TsgActor *actor)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double cold, median;
  guint n = 0;

  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  cold = first_page (store, actor, NULL, &n);
  for (guint i = 0; i < 20; i++)
    {
      double c0 = cpu_ms (), t = first_page (store, actor, NULL, NULL), c = cpu_ms () - c0;
      g_array_append_val (times, t);
      g_array_append_val (cpu, c);
    }
  median = percentile (times, 0.5);
  printf ("first page: %u ids + %u rows: first %.1f ms, median %.1f ms, max %.1f ms; CPU median %.1f ms (budget 50 ms)\n",
          n, n, cold, median, percentile (times, 0.999), percentile (cpu, 0.5));
  {
    double t = all_ids (store, actor, NULL, &n);
    printf ("  then all %u ids (in a thread, the view already shows its page): %.1f ms\n", n, t);
  }
  return median < 50;
}

static gboolean
bench_search (TsgStore *store,
              TsgActor *actor)
{
  /* What a worker types: agencies, problems, one- and two-character words,
   * in whatever width or kana the keyboard gives. */
  static const char *queries[] = {
    "家賃", "離婚", "夫", "借金", "介護", "孤独", "不登校", "養育費", "保証人", "暴言",
    "ハローワーク", "ﾊﾛｰﾜｰｸ", "はろーわーく", "法テラス", "フードバンク", "ネットカフェ",
    "生理用品", "眠れない", "性被害", "社会福祉協議会", "女性相談支援センター", "区役所",
    "保育園", "ＳＮＳ", "SNS", "持病", "猫", "DV",
  };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;
  const char *worst_query = "";

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(TsgListQuery) query = tsg_list_query_new ();
      double first, best = G_MAXDOUBLE;
      guint n = 0;

      query->search = g_strdup (queries[q]);
      first = first_page (store, actor, query, &n);
      g_array_append_val (times, first);
      for (guint r = 0; r < 4; r++)
        {
          double c0 = cpu_ms ();
          double t = first_page (store, actor, query, NULL);
          double c = cpu_ms () - c0;
          g_array_append_val (times, t);
          g_array_append_val (cpu, c);
          best = MIN (best, t);
          if (t > worst)
            worst = t, worst_query = queries[q];
        }
      if (first > worst)
        worst = first, worst_query = queries[q];
      {
        guint all = 0;
        double t = all_ids (store, actor, query, &all);
        printf ("  search %-24s first page (%2u rows) first %6.1f ms, best %6.1f ms; all %7u ids %6.1f ms\n",
                queries[q], n, first, best, all, t);
      }
    }
  printf ("search: %u runs of %zu queries: median %.1f ms, p95 %.1f ms, max %.1f ms (%s); CPU of the repeated runs median %.1f ms, p95 %.1f ms (budget p95 30 ms)\n",
          times->len, G_N_ELEMENTS (queries), percentile (times, 0.5), percentile (times, 0.95), worst, worst_query,
          percentile (cpu, 0.5), percentile (cpu, 0.95));
  return percentile (times, 0.95) < 30;
}

static gboolean
bench_save (TsgStore *store,
            TsgActor *actor)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const char *topics[] = { "livelihood", "housing", NULL };

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(TsgContact) c = tsg_contact_new ();
      g_autoptr(GError) error = NULL;
      gint64 start;
      double t;

      c->started_at = g_get_real_time () / G_USEC_PER_SEC - 600;
      c->channel = g_strdup ("free_dial");
      c->duration_minutes = 12;
      c->first_contact = i % 3 == 0;
      c->age_band = g_strdup ("30s");
      c->municipality = g_strdup ("神奈川県川崎市中原区");
      c->topics = g_strdupv ((GStrv) topics);
      c->summary = g_strdup_printf ("生活費が足りず、家賃の支払いが遅れている。社会福祉協議会の生活福祉資金について情報提供した。(%u)", i);
      c->outcome = g_strdup ("information");
      c->caller_number = g_strdup_printf ("090-%04u-%04u", i, 7 * i);
      double c0 = cpu_ms (), ct;
      start = g_get_monotonic_time ();
      g_assert_cmpint (tsg_store_save_contact (store, actor, c, &error), >, 0);
      t = ms_since (start);
      ct = cpu_ms () - c0;
      g_assert_no_error (error);
      g_array_append_val (times, t);
      g_array_append_val (cpu, ct);
    }
  printf ("save a contact (synchronous=FULL, 200 saves): median %.2f ms, p95 %.2f ms, max %.2f ms; CPU median %.2f ms, p95 %.2f ms (budget 10 ms)\n",
          percentile (times, 0.5), percentile (times, 0.95), percentile (times, 0.999),
          percentile (cpu, 0.5), percentile (cpu, 0.95));
  return percentile (times, 0.95) < 10;
}

static gboolean
bench_counters (TsgStore *store,
                TsgActor *actor)
{
  g_autoptr(GError) error = NULL;
  guint today, month, year;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (tsg_store_contact_counters (store, actor, 0, &today, &month, &year, &error));
  printf ("counters: today %u, this month %u, this fiscal year %u in %.1f ms\n",
          today, month, year, ms_since (start));
  return TRUE;
}

static char *
write_csv (const char *dir,
           guint       n)
{
  static const char *channels[] = { "free_dial", "line", "phone", "email", "visit" };
  static const char *summaries[] = {
    "生活費が足りず、家賃の支払いが遅れている。ハローワークの窓口と求人の探し方を案内した。",
    "夫からの暴言が続いており、家を出たいと考えている。女性相談支援センターを紹介した。",
    "眠れない日が続き、気持ちが落ち込んでいる。傾聴し、いつでも連絡してよいことを伝えた。",
    "離婚の手続きについて知りたい。法テラスの無料法律相談を案内した。",
    "\"生理用品\"の配布を知って電話した。\n次回、区役所の窓口へ同行することにした。",
  };
  g_autofree char *path = g_build_filename (dir, "contacts-100k.csv", NULL);
  GString *csv = g_string_new ("\xEF\xBB\xBFstarted_at,channel,call_type,duration_minutes,first_contact,age_band,"
                               "municipality,topics,summary,outcome,client_ref\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (2015 + i % 10, 1 + i % 12, 1 + i % 28, 9 + i % 10, i % 60, 0);
      g_autofree char *at = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
      g_autoptr(GString) summary = g_string_new (summaries[i % G_N_ELEMENTS (summaries)]);

      g_string_replace (summary, "\"", "\"\"", 0);
      g_string_append_printf (csv, "%s,%s,data,%u,%s,30s,神奈川県川崎市中原区,livelihood;housing,\"%s\",referred,R%u\r\n",
                              at, channels[i % G_N_ELEMENTS (channels)], 5 + i % 50, i % 4 ? "false" : "true",
                              summary->str, i / 5);
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  g_string_free (csv, TRUE);
  return g_steal_pointer (&path);
}

static gboolean
bench_import (TsgStore   *store,
              TsgActor   *actor,
              const char *dir)
{
  g_autofree char *csv = write_csv (dir, 100000);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gint64 start = g_get_monotonic_time ();
  double c0 = cpu_ms (), t;

  g_assert_true (tsg_records_import_file (store, actor, csv, &n, &error));
  g_assert_no_error (error);
  t = ms_since (start) / 1000.0;
  printf ("  (CPU %.2f s)\n", (cpu_ms () - c0) / 1000.0);
  g_assert_cmpuint (n, ==, 100000);  /* contacts; their 20,000 clients come on the way */
  printf ("import 100,000 contacts from CSV (into the million): %.2f s (budget 10 s)\n", t);
  g_unlink (csv);
  return t < 10;
}

int
main (int argc, char **argv)
{
  const char *source = g_getenv ("TSG_BENCH_DB");
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(TsgStore) store = NULL;
  g_autoptr(TsgActor) desk = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  /* bench-contacts --generate PATH: what `tsunagari-desk --database PATH
   * --generate 1000000` writes (seed 1), for when the app does not build. */
  if (argc == 3 && g_str_equal (argv[1], "--generate"))
    {
      g_autoptr(TsgStore) gen = tsg_store_open (argv[2], &error);
      g_assert_no_error (error);
      g_assert_true (tsg_store_generate (gen, 1000000, 1, 0, NULL, NULL, &error));
      g_assert_no_error (error);
      return 0;
    }
  if (source == NULL)
    source = "/tmp/bench-1m.db";
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      printf ("SKIP: no benchmark database at %s (tsunagari-desk --database %s --generate 1000000)\n",
              source, source);
      return 77;
    }
  dir = g_dir_make_tmp ("tsg-bench-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "bench.db", NULL);
  if (!copy_file (source, copy))
    return 1;
  store = tsg_store_open (copy, &error);
  g_assert_no_error (error);
  desk = tsg_actor_new (1, TSG_ROLE_ADMINISTRATOR, "bench");
  if (g_getenv ("TSG_BENCH_EXPERIMENT"))
    g_assert_true (_tsg_store_exec (store, g_getenv ("TSG_BENCH_EXPERIMENT"), NULL));
  printf ("database: %s (%" G_GINT64_FORMAT " contacts), SQLite %s, load average %.1f on %u CPUs\n", source,
          tsg_store_count (store, TSG_LIST_CONTACTS), sqlite3_libversion (), load_average (), g_get_num_processors ());

  if (g_getenv ("TSG_BENCH_ONLY_IMPORT") == NULL)
    {
      ok &= bench_first_page (store, desk);
      ok &= bench_search (store, desk);
      ok &= bench_counters (store, desk);
      ok &= bench_save (store, desk);
    }
  if (g_getenv ("TSG_BENCH_NO_IMPORT") == NULL)
    ok &= bench_import (store, desk, dir);

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (copy, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  printf ("load average at the end %.1f\n", load_average ());
  printf (ok ? "all budgets met\n" : "SOME BUDGETS MISSED\n");
  return ok ? 0 : 1;
}

/* tsg-store-reports.c: the KPI report, aggregated in SQL
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure is a COUNT or SUM in SQLite over an index range of the year;
 * C only files the few grouped rows into the report's tables. The month and
 * year boundaries are the local midnights of the office (GDateTime local),
 * turned into Unix seconds once, so the scans stay range scans on the
 * indexed started_at/occurred_at, and counts by a column are range counts
 * in an index that the column leads (tsg-migrations.c: contacts_report*,
 * movements_distribution).
 */
#define G_LOG_DOMAIN "tsg-store-reports"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-store-private.h"
#include "tsg-store-reports.h"

/* The conditions every consultation figure shares: the partial indexes
 * contacts_report* are defined with exactly these terms. */
#define DATA_CONTACT "call_type = 'data' AND deleted_at IS NULL"

typedef struct
{
  sqlite3 *db;
  TsgStore *store;   /* for error messages */
  gint64   start;
  gint64   end;
} Query;

static sqlite3_stmt *
query_prepare (Query       *q,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (q->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                   _("The report could not be computed: %s."), sqlite3_errmsg (q->db));
      return NULL;
    }
  /* Most queries take the year's range as ?1 and ?2. */
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      sqlite3_bind_int64 (stmt, 1, q->start);
      sqlite3_bind_int64 (stmt, 2, q->end);
    }
  return stmt;
}

static gboolean
query_finish (Query         *q,
              sqlite3_stmt  *stmt,
              int            rc,
              GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TSG_STORE_ERROR,
                   rc == SQLITE_BUSY ? TSG_STORE_ERROR_BUSY : TSG_STORE_ERROR_FAILED,
                   _("The report could not be computed: %s."), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* --- the tables -------------------------------------------------------- */

static TsgKpiTable *
enum_table (const char         *id,
            const char         *title,
            const char         *key_title,
            const TsgEnumValue *values,
            gboolean            with_total)
{
  const char *ids[] = { "contacts", NULL };
  const char *labels[] = { _("Contacts"), NULL };
  TsgKpiTable *table = tsg_kpi_table_new (id, title, key_title,
                                          with_total ? TSG_KPI_TABLE_COLUMN_TOTALS : 0, ids, labels);

  for (guint i = 0; values[i].id != NULL; i++)
    tsg_kpi_table_add_row (table, values[i].id, tsg_enum_label (values, values[i].id));
  return table;
}

/* The row for @key, added at the end when the vocabulary does not know it
 * (data from a newer version, or an import): the figures must still add up. */
static TsgKpiRow *
row_for (TsgKpiTable *table,
         const char  *key,
         const char  *label)
{
  TsgKpiRow *row = tsg_kpi_table_find_row (table, key);

  return row != NULL ? row : tsg_kpi_table_add_row (table, key, label ? label : key);
}

static void
create_tables (TsgKpiReport *r)
{
  const char *month_ids[] = { "contacts", "previous_year", "two_years_before", NULL };
  g_autofree char *fy0 = tsg_format_fiscal_year (r->fiscal_year);
  g_autofree char *fy1 = tsg_format_fiscal_year (r->fiscal_year - 1);
  g_autofree char *fy2 = tsg_format_fiscal_year (r->fiscal_year - 2);
  const char *month_labels[] = { fy0, fy1, fy2, NULL };
  const char *channel_ids[] = { "contacts", "first_contacts", NULL };
  const char *channel_labels[] = { _("Contacts"), _("First contacts"), NULL };
  const char *count_ids[] = { "count", NULL };
  const char *count_labels[] = { _("Number"), NULL };
  const char *none[] = { NULL };

  r->monthly = tsg_kpi_table_new ("monthly", _("Contacts by month"), _("Month"),
                                  TSG_KPI_TABLE_COLUMN_TOTALS, month_ids, month_labels);
  r->by_channel = tsg_kpi_table_new ("by_channel", _("Contacts by channel"), _("Channel"),
                                     TSG_KPI_TABLE_COLUMN_TOTALS, channel_ids, channel_labels);
  for (guint i = 0; tsg_channels[i].id != NULL; i++)
    tsg_kpi_table_add_row (r->by_channel, tsg_channels[i].id,
                           tsg_enum_label (tsg_channels, tsg_channels[i].id));
  tsg_kpi_table_set_ratio (r->by_channel, TSG_KPI_RATIO_COLUMNS, _("First-contact ratio"));
  r->by_age_band = enum_table ("by_age_band", _("Contacts by age band"), _("Age band"), tsg_age_bands, TRUE);
  tsg_kpi_table_set_ratio (r->by_age_band, TSG_KPI_RATIO_SHARE, _("Share"));
  r->by_topic = enum_table ("by_topic", _("Contacts by topic (a contact may have several)"), _("Topic"),
                            tsg_topics, FALSE);
  r->by_municipality = enum_table ("by_municipality", _("Contacts by municipality"), _("Municipality"),
                                   (const TsgEnumValue[]) { { NULL, NULL } }, TRUE);
  r->accompaniments_by_destination =
    tsg_kpi_table_new ("accompaniments_by_destination", _("Accompaniments by destination"),
                       _("Destination"), TSG_KPI_TABLE_COLUMN_TOTALS, count_ids, count_labels);
  r->referrals_by_category =
    tsg_kpi_table_new ("referrals_by_category", _("Referrals by kind of agency"), _("Kind of agency"),
                       TSG_KPI_TABLE_COLUMN_TOTALS, count_ids, count_labels);
  for (guint i = 0; tsg_org_categories[i].id != NULL; i++)
    tsg_kpi_table_add_row (r->referrals_by_category, tsg_org_categories[i].id,
                           tsg_enum_label (tsg_org_categories, tsg_org_categories[i].id));
  r->contacts_by_point = enum_table ("contacts_by_point", _("Contacts who learnt of us at a distribution point"),
                                     _("Distribution point"), (const TsgEnumValue[]) { { NULL, NULL } }, TRUE);
  r->non_data_by_type = tsg_kpi_table_new ("non_data_by_type", _("Other calls (not consultations)"),
                                           _("Kind of call"), TSG_KPI_TABLE_COLUMN_TOTALS,
                                           count_ids, count_labels);
  for (guint i = 1; tsg_call_types[i].id != NULL; i++)
    tsg_kpi_table_add_row (r->non_data_by_type, tsg_call_types[i].id,
                           tsg_enum_label (tsg_call_types, tsg_call_types[i].id));
  /* These three get their columns from the data (items, affiliations). */
  r->distributions_by_point = tsg_kpi_table_new ("distributions_by_point", _("Products handed out by point and item"),
                                                 _("Distribution point"),
                                                 TSG_KPI_TABLE_ROW_TOTALS | TSG_KPI_TABLE_COLUMN_TOTALS, none, none);
  r->training_participants_by_session =
    tsg_kpi_table_new ("training_participants", _("Training participants by affiliation"), _("Training"),
                       TSG_KPI_TABLE_ROW_TOTALS | TSG_KPI_TABLE_COLUMN_TOTALS, none, none);
  {
    const char *ids[TSG_N_SURVEY_ANSWERS + 1] = { NULL };
    const char *labels[TSG_N_SURVEY_ANSWERS + 1] = { NULL };

    for (guint a = 0; a < TSG_N_SURVEY_ANSWERS; a++)
      {
        ids[a] = tsg_survey_answer_id (a);
        labels[a] = tsg_survey_answer_label (a);
      }
    r->training_survey = tsg_kpi_table_new ("training_survey", _("Training survey answers"), _("Training"),
                                            TSG_KPI_TABLE_ROW_TOTALS | TSG_KPI_TABLE_COLUMN_TOTALS, ids, labels);
    tsg_kpi_table_set_ratio (r->training_survey, TSG_KPI_RATIO_USEFULNESS, _("Usefulness rate"));
    r->training_survey->detail_title = g_strdup (_("Theme"));
    r->training_participants_by_session->detail_title = g_strdup (_("Theme"));
  }
}

/* --- contacts ---------------------------------------------------------- */

/* Twelve months of three fiscal years: 37 local midnights, one range count
 * each (a correlated subquery per month over contacts_report). */
static gboolean
fill_monthly (Query        *q,
              TsgKpiReport *r,
              GError      **error)
{
  static char *sql = NULL;
  gint64 bounds[37];
  sqlite3_stmt *stmt;
  int rc;

  if (g_once_init_enter (&sql))
    {
      GString *s = g_string_new ("WITH b (i, lo, hi) AS (VALUES ");
      for (int i = 0; i < 36; i++)
        g_string_append_printf (s, "%s(%d, ?%d, ?%d)", i ? "," : "", i, i + 1, i + 2);
      g_string_append (s, ") SELECT i, (SELECT count(*) FROM contacts"
                          " WHERE started_at >= b.lo AND started_at < b.hi AND " DATA_CONTACT ") FROM b");
      g_once_init_leave (&sql, g_string_free (s, FALSE));
    }

  for (int i = 0; i <= 36; i++)
    {
      int fy = r->fiscal_year - 2 + i / 12;
      int month = 4 + i % 12;
      g_autoptr(GDateTime) dt = g_date_time_new_local (fy + (month > 12), (month - 1) % 12 + 1, 1, 0, 0, 0);

      bounds[i] = g_date_time_to_unix (dt);
    }
  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (bounds[24 + m]);
      g_autofree char *key = g_date_time_format (dt, "%Y-%m");
      /* translators: a month in the report's tables, strftime format; Japanese: %Y年%-m月 */
      g_autofree char *label = g_date_time_format (dt, _("%b %Y"));

      tsg_kpi_table_add_row (r->monthly, key, label);
    }

  if (!(stmt = query_prepare (q, sql, error)))
    return FALSE;
  for (int i = 0; i <= 36; i++)
    sqlite3_bind_int64 (stmt, i + 1, bounds[i]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = sqlite3_column_int (stmt, 0);
      TsgKpiRow *row = g_ptr_array_index (r->monthly->rows, i % 12);

      /* columns: this year, the year before, two years before */
      row->cells[2 - i / 12].value = sqlite3_column_int64 (stmt, 1);
    }
  return query_finish (q, stmt, rc, error);
}

/* Counting by a column over a range of time without sorting the year's
 * rows: the column leads its own partial index (column, started_at), so the
 * distinct values are found by one index seek each (the recursive "skip
 * scan" below) and each value's count is a range count inside the index.
 * GROUP BY would sort the hundred thousand rows of a year instead, which
 * costs ten times more. @column is one of ours, never user text. */
static char *
counts_by_sql (const char *column,
               const char *extra)
{
  return g_strdup_printf (
    "WITH RECURSIVE k (v) AS ("
    "  SELECT min (%1$s) FROM contacts WHERE %1$s IS NOT NULL AND " DATA_CONTACT "%2$s"
    "  UNION ALL"
    "  SELECT (SELECT min (%1$s) FROM contacts WHERE %1$s > k.v AND " DATA_CONTACT "%2$s)"
    "  FROM k WHERE k.v IS NOT NULL)"
    " SELECT v, (SELECT count(*) FROM contacts WHERE %1$s = k.v AND started_at >= ?1 AND started_at < ?2"
    "            AND " DATA_CONTACT "%2$s) AS n"
    " FROM k WHERE v IS NOT NULL",
    column, extra);
}

typedef void (*CountFunc) (TsgKpiReport *r,
                           const char   *value,
                           gint64        n);

static gboolean
fill_counts_by (Query        *q,
                TsgKpiReport *r,
                const char   *column,
                const char   *extra,
                CountFunc     func,
                GError      **error)
{
  g_autofree char *sql = counts_by_sql (column, extra);
  sqlite3_stmt *stmt = query_prepare (q, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);
      if (n > 0)
        func (r, column_text (stmt, 0), n);
    }
  return query_finish (q, stmt, rc, error);
}

/* One scan of contacts_report: the year's data contacts, the distinct
 * clients among them and those without a client. */
static gboolean
fill_totals (Query        *q,
             TsgKpiReport *r,
             GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT count(*), count(DISTINCT client_id), coalesce (sum (client_id IS NULL), 0) FROM contacts"
    " WHERE started_at >= ?1 AND started_at < ?2 AND " DATA_CONTACT, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      r->total_contacts.value = sqlite3_column_int64 (stmt, 0);
      r->unique_clients.value = sqlite3_column_int64 (stmt, 1);
      r->anonymous_contacts.value = sqlite3_column_int64 (stmt, 2);
      rc = sqlite3_step (stmt);
    }
  return query_finish (q, stmt, rc, error);
}

/* Channels with their first contacts: first_contact is 0 or 1 as the store
 * writes it; should another value ever appear, the sums would not reach the
 * year's total and the exact (slower) GROUP BY is used instead. */
static gboolean
fill_channels_grouped (Query        *q,
                       TsgKpiReport *r,
                       GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT channel, count(*), sum (first_contact <> 0) FROM contacts"
    " WHERE started_at >= ?1 AND started_at < ?2 AND " DATA_CONTACT " GROUP BY channel", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < r->by_channel->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (r->by_channel->rows, i);
      row->cells[0].value = row->cells[1].value = 0;
    }
  r->first_contacts.value = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgKpiRow *row = row_for (r->by_channel, column_text (stmt, 0), NULL);

      row->cells[0].value = sqlite3_column_int64 (stmt, 1);
      row->cells[1].value = sqlite3_column_int64 (stmt, 2);
      r->first_contacts.value += row->cells[1].value;
    }
  return query_finish (q, stmt, rc, error);
}

static gboolean
fill_channels (Query        *q,
               TsgKpiReport *r,
               GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "WITH RECURSIVE k (v) AS ("
    "  SELECT min (channel) FROM contacts WHERE " DATA_CONTACT
    "  UNION ALL"
    "  SELECT (SELECT min (channel) FROM contacts WHERE channel > k.v AND " DATA_CONTACT ")"
    "  FROM k WHERE k.v IS NOT NULL)"
    " SELECT v,"
    "  (SELECT count(*) FROM contacts WHERE channel = k.v AND first_contact = 0"
    "   AND started_at >= ?1 AND started_at < ?2 AND " DATA_CONTACT "),"
    "  (SELECT count(*) FROM contacts WHERE channel = k.v AND first_contact = 1"
    "   AND started_at >= ?1 AND started_at < ?2 AND " DATA_CONTACT ")"
    " FROM k WHERE v IS NOT NULL", error);
  gint64 sum = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 others = sqlite3_column_int64 (stmt, 1), first = sqlite3_column_int64 (stmt, 2);
      TsgKpiRow *row;

      if (others + first == 0)
        continue;
      row = row_for (r->by_channel, column_text (stmt, 0), NULL);
      row->cells[0].value = others + first;
      row->cells[1].value = first;
      r->first_contacts.value += first;
      sum += others + first;
    }
  if (!query_finish (q, stmt, rc, error))
    return FALSE;
  return sum == r->total_contacts.value || fill_channels_grouped (q, r, error);
}

static void
count_age_band (TsgKpiReport *r,
                const char   *value,
                gint64        n)
{
  row_for (r->by_age_band, value, NULL)->cells[0].value += n;
}

/* An empty municipality and a missing one are both "not recorded". */
static void
count_municipality (TsgKpiReport *r,
                    const char   *value,
                    gint64        n)
{
  row_for (r->by_municipality, value, *value ? value : _("Not recorded"))->cells[0].value += n;
}

/* contacts.topics holds a contact's topics as "dv housing", written with
 * contact_topics in the same transaction (tsg-store-contacts.c); counting
 * the few hundred combinations and splitting them here is what keeps the
 * topics out of a join over the year's rows. */
static void
count_topics (TsgKpiReport *r,
              const char   *value,
              gint64        n)
{
  g_auto(GStrv) topics = g_strsplit (value, " ", -1);

  for (guint i = 0; topics[i] != NULL; i++)
    if (*topics[i] != '\0')
      row_for (r->by_topic, topics[i], NULL)->cells[0].value += n;
}

static void
count_heard_via (TsgKpiReport *r,
                 const char   *value,
                 gint64        n)
{
  if (*value == '\0')
    return;
  row_for (r->contacts_by_point, value, NULL)->cells[0].value += n;
  r->attributed_contacts.value += n;
}

static int
compare_rows_by_count (gconstpointer a,
                       gconstpointer b)
{
  const TsgKpiRow *x = *(TsgKpiRow **) a, *y = *(TsgKpiRow **) b;
  gboolean x_none = *x->key == '\0', y_none = *y->key == '\0';

  /* largest first; "not recorded" last */
  if (x_none != y_none)
    return x_none - y_none;
  if (x->cells[0].value != y->cells[0].value)
    return x->cells[0].value < y->cells[0].value ? 1 : -1;
  return g_strcmp0 (x->key, y->key);
}

static gboolean
fill_municipalities (Query        *q,
                     TsgKpiReport *r,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!fill_counts_by (q, r, "municipality", "", count_municipality, error))
    return FALSE;
  if (!(stmt = query_prepare (q,
          "SELECT count(*) FROM contacts WHERE municipality IS NULL"
          " AND started_at >= ?1 AND started_at < ?2 AND " DATA_CONTACT, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 0);
      if (n > 0)
        count_municipality (r, "", n);
      rc = sqlite3_step (stmt);
    }
  if (!query_finish (q, stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (r->by_municipality->rows, compare_rows_by_count);
  return TRUE;
}

/* heard_via holds the code printed on what she found: a distribution point's
 * code, or a print run's code (tsg-store-flyers.c), which names the point
 * and the run too. Each code stays its own row, so the report says which
 * point and which print run brought which contacts. */
static gboolean
fill_attributed (Query        *q,
                 TsgKpiReport *r,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!fill_counts_by (q, r, "heard_via", "", count_heard_via, error))
    return FALSE;
  if (!(stmt = query_prepare (q,
          "SELECT name, NULL, NULL FROM distribution_points WHERE code = ?1"
          " UNION ALL"
          " SELECT coalesce (p.name, ''), r.template, r.printed_on FROM print_runs r"
          " LEFT JOIN distribution_points p ON p.id = r.point_id WHERE r.code = ?1"
          " LIMIT 1", error)))
    return FALSE;
  for (guint i = 0; i < r->contacts_by_point->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (r->contacts_by_point->rows, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, row->key, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        continue;
      g_free (row->label);
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        row->label = g_strdup (column_text (stmt, 0));
      else
        /* translators: a row of "contacts via distribution points": the
         * point, then the print run's code, template and date, e.g.
         * 武蔵小杉駅前書店 (print run F7K2QX, cards, 2026-11-24) */
        row->label = g_strdup_printf (_("%s (print run %s, %s, %s)"), column_text (stmt, 0),
                                      row->key, column_text (stmt, 1), column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (r->contacts_by_point->rows, compare_rows_by_count);
  return TRUE;
}

static gboolean
fill_contacts (Query        *q,
               TsgKpiReport *r,
               GError      **error)
{
  return fill_totals (q, r, error) &&
         fill_channels (q, r, error) &&
         fill_counts_by (q, r, "age_band", "", count_age_band, error) &&
         fill_counts_by (q, r, "topics", "", count_topics, error) &&
         fill_municipalities (q, r, error) &&
         fill_attributed (q, r, error);
}

static gboolean
fill_non_data (Query        *q,
               TsgKpiReport *r,
               GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT call_type, count(*) FROM contacts"
    " WHERE started_at >= ?1 AND started_at < ?2 AND call_type <> 'data' AND deleted_at IS NULL"
    " GROUP BY call_type", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      row_for (r->non_data_by_type, type, tsg_enum_label (tsg_call_types, type))->cells[0].value += n;
      r->non_data_contacts.value += n;
    }
  return query_finish (q, stmt, rc, error);
}

/* --- cases, referrals, stock ------------------------------------------- */

static gboolean
fill_accompaniments (Query        *q,
                     TsgKpiReport *r,
                     GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT o.uid, o.name, count(*) FROM timeline_events e"
    " LEFT JOIN services s ON s.id = e.service_id"
    " LEFT JOIN organizations o ON o.id = s.organization_id"
    " WHERE e.kind = 'accompaniment' AND e.occurred_at >= ?1 AND e.occurred_at < ?2"
    " GROUP BY o.id ORDER BY o.id IS NULL, count(*) DESC, o.name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uid = column_text (stmt, 0);
      TsgKpiRow *row = tsg_kpi_table_add_row (r->accompaniments_by_destination, uid ? uid : "",
                                              uid ? column_text (stmt, 1) : _("Not recorded"));
      row->cells[0].value = sqlite3_column_int64 (stmt, 2);
      r->accompaniments.value += row->cells[0].value;
    }
  return query_finish (q, stmt, rc, error);
}

static gboolean
fill_outreach (Query        *q,
               TsgKpiReport *r,
               GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT count(*) FROM timeline_events"
    " WHERE kind = 'outreach' AND occurred_at >= ?1 AND occurred_at < ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      r->outreach.value = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return query_finish (q, stmt, rc, error);
}

/* Every referral made in the year, whatever became of it since. */
static gboolean
fill_referrals (Query        *q,
                TsgKpiReport *r,
                GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT coalesce (o.category, ''), count(*) FROM referrals f"
    " JOIN services s ON s.id = f.service_id"
    " JOIN organizations o ON o.id = s.organization_id"
    " WHERE f.created_at >= ?1 AND f.created_at < ?2"
    " GROUP BY 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *category = column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      row_for (r->referrals_by_category, category, *category ? category : _("Not recorded"))->cells[0].value += n;
      r->referrals.value += n;
    }
  return query_finish (q, stmt, rc, error);
}

static void
add_column (TsgKpiTable *table,
            const char  *id,
            const char  *label)
{
  guint n = table->n_columns;

  table->column_ids = g_renew (char *, table->column_ids, n + 2);
  table->column_labels = g_renew (char *, table->column_labels, n + 2);
  table->column_ids[n] = g_strdup (id);
  table->column_labels[n] = g_strdup (label);
  table->column_ids[n + 1] = table->column_labels[n + 1] = NULL;
  table->totals = g_renew (TsgKpiCell, table->totals, n + 1);
  table->totals[n] = (TsgKpiCell) { 0 };
  table->n_columns = n + 1;
  for (guint i = 0; i < table->rows->len; i++)
    {
      TsgKpiRow *row = g_ptr_array_index (table->rows, i);
      row->cells = g_renew (TsgKpiCell, row->cells, n + 1);
      row->cells[n] = (TsgKpiCell) { 0 };
    }
}

/* Adds a value to a two-way table whose columns come from the data. */
static void
add_cell (TsgKpiTable *table,
          const char  *row_key,
          const char  *row_label,
          const char  *column_id,
          const char  *column_label,
          gint64       value)
{
  int c = tsg_kpi_table_column (table, column_id);
  TsgKpiRow *row;

  if (c < 0)
    {
      add_column (table, column_id, column_label);
      c = (int) table->n_columns - 1;
    }
  row = row_for (table, row_key, row_label);
  row->cells[c].value += value;
}

static gboolean
fill_distributions (Query        *q,
                    TsgKpiReport *r,
                    GError      **error)
{
  /* One range sum per point and item in movements_distribution, which
   * they lead (a GROUP BY would sort the year's movements); the items come
   * first so the columns keep the catalogue's order. */
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT pc, pn, ic, inm, n FROM ("
    "  SELECT p.code AS pc, p.name AS pn, i.code AS ic, i.name AS inm, i.id AS iid, p.id AS pid,"
    "   (SELECT sum (quantity) FROM stock_movements WHERE from_point_id = p.id AND item_id = i.id"
    "    AND occurred_at >= ?1 AND occurred_at < ?2 AND kind = 'distribution') AS n"
    "  FROM items i, distribution_points p)"
    " WHERE n > 0 ORDER BY iid, pid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_cell (r->distributions_by_point, column_text (stmt, 0), column_text (stmt, 1),
              column_text (stmt, 2), column_text (stmt, 3), sqlite3_column_int64 (stmt, 4));
  if (!query_finish (q, stmt, rc, error))
    return FALSE;
  tsg_kpi_table_sum (r->distributions_by_point);
  r->distributions.value = r->distributions_by_point->grand_total.value;
  return TRUE;
}

/* --- trainings and targets --------------------------------------------- */

static gboolean
fill_trainings (Query        *q,
                TsgKpiReport *r,
                GError      **error)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (q->start);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (q->end);
  g_autofree char *from = g_date_time_format (a, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (b, "%Y-%m-%d");
  sqlite3_stmt *stmt = query_prepare (q,
    "SELECT id, held_on, theme, mode, survey_very_good, survey_good, survey_neutral, survey_poor,"
    " survey_very_poor FROM trainings WHERE held_on >= ?3 AND held_on < ?4 ORDER BY held_on, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      g_autofree char *date = tsg_format_iso_date (column_text (stmt, 1));
      const char *mode = column_text (stmt, 3);
      TsgKpiRow *row = tsg_kpi_table_add_row (r->training_survey, key, date);
      TsgKpiRow *prow = row_for (r->training_participants_by_session, key, date);

      /* translators: a training in the report: its theme, then online / in person */
      row->detail = g_strdup_printf (_("%s (%s)"), column_text (stmt, 2),
                                     tsg_enum_label (tsg_training_modes, mode));
      prow->detail = g_strdup (row->detail);
      for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
        row->cells[k].value = sqlite3_column_int64 (stmt, 4 + (int) k);
      r->training_sessions.value++;
      {
        TsgKpiSession *session = g_new0 (TsgKpiSession, 1);

        session->key = g_strdup (key);
        session->held_on = g_strdup (column_text (stmt, 1));
        session->theme = g_strdup (column_text (stmt, 2));
        session->mode = g_strdup (mode);
        g_ptr_array_add (r->sessions, session);
      }
    }
  if (!query_finish (q, stmt, rc, error))
    return FALSE;

  /* Affiliations with the most participants first. */
  stmt = query_prepare (q,
    "SELECT p.training_id, p.affiliation, p.count FROM training_participants p"
    " JOIN trainings t ON t.id = p.training_id"
    " JOIN (SELECT affiliation, sum (count) AS n FROM training_participants"
    "       WHERE training_id IN (SELECT id FROM trainings WHERE held_on >= ?3 AND held_on < ?4)"
    "       GROUP BY affiliation) s ON s.affiliation = p.affiliation"
    " WHERE t.held_on >= ?3 AND t.held_on < ?4"
    " ORDER BY s.n DESC, p.affiliation, t.held_on, t.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      const char *affiliation = column_text (stmt, 1);

      add_cell (r->training_participants_by_session, key, NULL, affiliation, affiliation,
                sqlite3_column_int64 (stmt, 2));
    }
  if (!query_finish (q, stmt, rc, error))
    return FALSE;
  tsg_kpi_table_sum (r->training_participants_by_session);
  tsg_kpi_table_sum (r->training_survey);
  r->training_participants.value = r->training_participants_by_session->grand_total.value;
  return TRUE;
}

static gboolean
fill_targets (Query        *q,
              TsgKpiReport *r,
              GError      **error)
{
  sqlite3_stmt *stmt = query_prepare (q, "SELECT kpi, target FROM targets WHERE fiscal_year = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, r->fiscal_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgKpi kpi;

      /* A KPI this version does not know stays in the table, unshown. */
      if (tsg_kpi_from_id (column_text (stmt, 0), &kpi))
        r->targets[kpi] = sqlite3_column_double (stmt, 1);
    }
  return query_finish (q, stmt, rc, error);
}

/* --- the report -------------------------------------------------------- */

static gboolean
check_fiscal_year (int      fiscal_year,
                   GError **error)
{
  if (fiscal_year >= TSG_FISCAL_YEAR_MIN && fiscal_year <= TSG_FISCAL_YEAR_MAX)
    return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("The fiscal year %d is outside the years a report can cover (%d–%d)."),
               fiscal_year, TSG_FISCAL_YEAR_MIN, TSG_FISCAL_YEAR_MAX);
  return FALSE;
}

/* Runs every query on @db inside one read transaction, so all the figures
 * come from the same state of the database. */
static TsgKpiReport *
compute_report (TsgStore *store,
                sqlite3  *db,
                int       fiscal_year,
                GError  **error)
{
  g_autoptr(TsgKpiReport) r = tsg_kpi_report_new (fiscal_year);
  Query q = { db, store, 0, 0 };
  gboolean own_tx = sqlite3_get_autocommit (db);
  gboolean ok;

  tsg_fiscal_year_bounds (fiscal_year, &q.start, &q.end);
  r->period_start = q.start;
  r->period_end = q.end;
  create_tables (r);

  if (own_tx && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      _tsg_store_set_error (store, error, sqlite3_errcode (db), "report");
      return NULL;
    }
  ok = fill_monthly (&q, r, error) &&
       fill_contacts (&q, r, error) &&
       fill_non_data (&q, r, error) &&
       fill_accompaniments (&q, r, error) &&
       fill_outreach (&q, r, error) &&
       fill_referrals (&q, r, error) &&
       fill_distributions (&q, r, error) &&
       fill_trainings (&q, r, error) &&
       fill_targets (&q, r, error);
  if (own_tx)
    sqlite3_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  for (guint i = 0; i < tsg_kpi_report_get_n_tables (r); i++)
    {
      TsgKpiTable *table = tsg_kpi_report_get_table (r, i);
      if (table->flags != (TSG_KPI_TABLE_ROW_TOTALS | TSG_KPI_TABLE_COLUMN_TOTALS))
        tsg_kpi_table_sum (table);
    }
  return g_steal_pointer (&r);
}

TsgKpiReport *
tsg_store_kpi_report (TsgStore  *self,
                      TsgActor  *actor,
                      int        fiscal_year,
                      GError   **error)
{
  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error) ||
      !check_fiscal_year (fiscal_year, error))
    return NULL;
  return compute_report (self, self->db, fiscal_year, error);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TsgStore *self = source_object;
  int fiscal_year = GPOINTER_TO_INT (task_data);
  g_autoptr(GError) error = NULL;
  TsgKpiReport *report;
  sqlite3 *db = _tsg_store_open_reader (self, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = compute_report (self, db, fiscal_year, &error);
  sqlite3_close_v2 (db);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) tsg_kpi_report_unref);
}

void
tsg_store_kpi_report_async (TsgStore           *self,
                            TsgActor           *actor,
                            int                 fiscal_year,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TSG_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tsg_store_kpi_report_async);
  g_task_set_task_data (task, GINT_TO_POINTER (fiscal_year), NULL);
  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, &error) ||
      !check_fiscal_year (fiscal_year, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* An in-memory database has no second connection: compute it here. */
  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      TsgKpiReport *report = compute_report (self, self->db, fiscal_year, &error);
      if (report == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, report, (GDestroyNotify) tsg_kpi_report_unref);
      return;
    }
  g_task_run_in_thread (task, report_thread);
}

TsgKpiReport *
tsg_store_kpi_report_finish (TsgStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
tsg_store_log_report_export (TsgStore   *self,
                             TsgActor   *actor,
                             int         fiscal_year,
                             const char *format,
                             gboolean    publication,
                             GError    **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error))
    return FALSE;
  detail = g_strdup_printf ("kpi %d %s%s", fiscal_year, format, publication ? " publication" : "");
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (!_tsg_store_audit (self, actor, "export", "report", 0, detail, error))
    {
      _tsg_store_rollback (self);
      return FALSE;
    }
  return _tsg_store_commit (self, error);
}

/* Reads the fiscal year of the first and the last contact only (two index
 * lookups) and lists every year in between. */
GArray *
tsg_store_report_years (TsgStore  *self,
                        GError   **error)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!(stmt = _tsg_store_prepare (self, "SELECT min (started_at), max (started_at) FROM contacts", error)))
    {
      g_array_unref (years);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      int first = tsg_fiscal_year_of (sqlite3_column_int64 (stmt, 0));
      int last = tsg_fiscal_year_of (sqlite3_column_int64 (stmt, 1));

      first = MAX (first, TSG_FISCAL_YEAR_MIN);
      last = MIN (last, TSG_FISCAL_YEAR_MAX);
      for (int y = last; y >= first; y--)
        g_array_append_val (years, y);
    }
  sqlite3_reset (stmt);
  return years;
}

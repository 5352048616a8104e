/* tsg-kpi-report.h: the yearly figures for the funding body (KPI report)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is filled by the store (tsg-store-reports.h) and read by the
 * writers (JSON, CSV, PDF) and the Reports panel. Every figure is a cell, so
 * that the "for publication" mode can hide small counts in one place.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How a cell is shown. */
typedef enum
{
  TSG_CELL_SHOWN,
  TSG_CELL_SMALL,     /* publication: a count from 1 to 9, shown as "<10" */
  TSG_CELL_WITHHELD,  /* publication: hidden so that a small cell cannot be
                       * worked out from a total (complementary suppression) */
} TsgCellState;

typedef struct
{
  gint64       value;
  TsgCellState state;
} TsgKpiCell;

/* One line of a table. @key is the identifier (a channel id, a point code,
 * an organisation name, a date); @label is what a person reads. */
typedef struct
{
  char       *key;
  char       *label;
  char       *detail;   /* extra text (trainings: theme and format), or NULL */
  TsgKpiCell *cells;    /* n_columns */
  TsgKpiCell  total;    /* the row's sum, when the table has row totals */
} TsgKpiRow;

typedef enum
{
  TSG_KPI_TABLE_ROW_TOTALS    = 1 << 0,  /* each row adds up to row->total */
  TSG_KPI_TABLE_COLUMN_TOTALS = 1 << 1,  /* each column adds up to totals[c] */
} TsgKpiTableFlags;

/* The ratio column a table shows after its counts. */
typedef enum
{
  TSG_KPI_RATIO_NONE,
  TSG_KPI_RATIO_COLUMNS,     /* column 1 / column 0 (first contacts / contacts) */
  TSG_KPI_RATIO_SHARE,       /* column 0 / its column total */
  TSG_KPI_RATIO_USEFULNESS,  /* (column 0 + column 1) / the row total */
} TsgKpiRatioKind;

typedef struct
{
  char             *id;            /* JSON key, e.g. "by_channel" */
  char             *title;         /* translated */
  char             *key_title;     /* heading of the key column, translated */
  TsgKpiTableFlags  flags;
  guint             n_columns;
  char            **column_ids;    /* NULL-terminated */
  char            **column_labels; /* NULL-terminated, translated */
  GPtrArray        *rows;          /* TsgKpiRow* */
  TsgKpiCell       *totals;        /* n_columns, with COLUMN_TOTALS */
  TsgKpiCell        grand_total;   /* with both flags */
  char             *detail_title;  /* heading of the rows' detail, or NULL */
  TsgKpiRatioKind   ratio_kind;
  char             *ratio_title;   /* heading of the ratio column */
} TsgKpiTable;

/* The KPIs a target can be set for (targets table, column kpi). */
typedef enum
{
  TSG_KPI_TOTAL_CONTACTS,
  TSG_KPI_UNIQUE_CLIENTS,
  TSG_KPI_FIRST_CONTACT_RATIO,
  TSG_KPI_FIRST_CONTACT_RATIO_FREE_DIAL,
  TSG_KPI_ACCOMPANIMENTS,
  TSG_KPI_OUTREACH,
  TSG_KPI_REFERRALS,
  TSG_KPI_DISTRIBUTIONS,
  TSG_KPI_TRAINING_SESSIONS,
  TSG_KPI_TRAINING_PARTICIPANTS,
  TSG_KPI_USEFULNESS_RATE,
  TSG_N_KPIS
} TsgKpi;

const char *tsg_kpi_to_id      (TsgKpi      kpi);
gboolean    tsg_kpi_from_id    (const char *id,
                                TsgKpi     *kpi);
const char *tsg_kpi_label      (TsgKpi      kpi);
/* Ratios (0..1, shown as a percentage) rather than counts. */
gboolean    tsg_kpi_is_ratio   (TsgKpi      kpi);

/* The answers of the five-point training survey, best first. */
typedef enum
{
  TSG_SURVEY_VERY_GOOD,
  TSG_SURVEY_GOOD,
  TSG_SURVEY_NEUTRAL,
  TSG_SURVEY_POOR,
  TSG_SURVEY_VERY_POOR,
  TSG_N_SURVEY_ANSWERS
} TsgSurveyAnswer;

const char *tsg_survey_answer_id    (TsgSurveyAnswer answer);
const char *tsg_survey_answer_label (TsgSurveyAnswer answer);

/* A training session of the year (the rows of the training tables). */
typedef struct
{
  char *key;       /* the row key in the training tables */
  char *held_on;   /* YYYY-MM-DD */
  char *theme;
  char *mode;      /* in_person, online, hybrid */
} TsgKpiSession;

typedef struct
{
  int         ref_count;

  int         fiscal_year;
  gboolean    publication;
  gint64      period_start;        /* Unix seconds, April 1st 00:00 local */
  gint64      period_end;          /* exclusive */

  /* Headline figures */
  TsgKpiCell  total_contacts;      /* data contacts only */
  TsgKpiCell  unique_clients;      /* distinct clients among them (実人数) */
  TsgKpiCell  anonymous_contacts;  /* data contacts with no client */
  TsgKpiCell  first_contacts;
  TsgKpiCell  non_data_contacts;
  TsgKpiCell  accompaniments;
  TsgKpiCell  outreach;
  TsgKpiCell  referrals;
  TsgKpiCell  distributions;       /* products handed out (units) */
  TsgKpiCell  attributed_contacts; /* first heard of us at a distribution point */
  TsgKpiCell  training_sessions;
  TsgKpiCell  training_participants;

  /* Tables (see tsg_kpi_report_get_table for the ids) */
  TsgKpiTable *monthly;            /* rows: 12 months; columns: FY, FY-1, FY-2 */
  TsgKpiTable *by_channel;         /* columns: contacts, first_contacts */
  TsgKpiTable *by_age_band;
  TsgKpiTable *by_topic;           /* a contact may have several topics: no total */
  TsgKpiTable *by_municipality;
  TsgKpiTable *accompaniments_by_destination;
  TsgKpiTable *referrals_by_category;
  TsgKpiTable *distributions_by_point;   /* rows: points; columns: items */
  TsgKpiTable *contacts_by_point;        /* heard_via */
  TsgKpiTable *non_data_by_type;
  TsgKpiTable *training_participants_by_session; /* rows: sessions; columns: affiliations */
  TsgKpiTable *training_survey;          /* rows: sessions; columns: the five answers */
  GPtrArray   *sessions;                 /* TsgKpiSession*, in the same order */

  /* Targets: NAN where none is set for the year */
  double      targets[TSG_N_KPIS];
} TsgKpiReport;

#define TSG_TYPE_KPI_REPORT (tsg_kpi_report_get_type ())

GType         tsg_kpi_report_get_type   (void) G_GNUC_CONST;
TsgKpiReport *tsg_kpi_report_new        (int           fiscal_year);
TsgKpiReport *tsg_kpi_report_ref        (TsgKpiReport *self);
void          tsg_kpi_report_unref      (TsgKpiReport *self);
/* A copy with small counts hidden (see the rule in tsg-kpi-report.c). */
TsgKpiReport *tsg_kpi_report_for_publication (const TsgKpiReport *self);

/* The tables in the order the writers show them. */
guint         tsg_kpi_report_get_n_tables (const TsgKpiReport *self);
TsgKpiTable  *tsg_kpi_report_get_table  (const TsgKpiReport *self,
                                         guint               index);

/* A ratio of two cells; FALSE (and *ratio = NAN) when it cannot be shown:
 * a zero denominator, or a hidden numerator or denominator. */
gboolean      tsg_kpi_ratio             (const TsgKpiCell *numerator,
                                         const TsgKpiCell *denominator,
                                         double           *ratio);
/* The actual value of @kpi in this report; FALSE when it is hidden. */
gboolean      tsg_kpi_report_get_actual (const TsgKpiReport *self,
                                         TsgKpi              kpi,
                                         double             *actual);
/* Usefulness rate of a survey row: (very good + good) / all answers. */
gboolean      tsg_kpi_usefulness_rate   (const TsgKpiRow    *survey_row,
                                         double             *rate);
gboolean      tsg_kpi_report_get_usefulness_rate (const TsgKpiReport *self,
                                                  double             *rate);
/* (teens + 20s) / all data contacts */
gboolean      tsg_kpi_report_get_young_share (const TsgKpiReport *self,
                                              double             *share);

/* Text of a cell as the writers show it: "1,234", "<10" or "x". */
char         *tsg_kpi_cell_format       (const TsgKpiCell *cell);
/* "91.6%" or "—" */
char         *tsg_kpi_format_ratio      (gboolean          shown,
                                         double            ratio);

/* Tables: building (used by the store) */
TsgKpiTable  *tsg_kpi_table_new         (const char        *id,
                                         const char        *title,
                                         const char        *key_title,
                                         TsgKpiTableFlags   flags,
                                         const char *const *column_ids,
                                         const char *const *column_labels);
void          tsg_kpi_table_free        (TsgKpiTable       *table);
TsgKpiRow    *tsg_kpi_table_add_row     (TsgKpiTable       *table,
                                         const char        *key,
                                         const char        *label);
TsgKpiRow    *tsg_kpi_table_find_row    (TsgKpiTable       *table,
                                         const char        *key);
int           tsg_kpi_table_column      (const TsgKpiTable *table,
                                         const char        *column_id);
void          tsg_kpi_table_set_ratio   (TsgKpiTable       *table,
                                         TsgKpiRatioKind    kind,
                                         const char        *title);
/* The ratio of @row (NULL: of the totals); FALSE when it is not shown. */
gboolean      tsg_kpi_table_get_ratio   (const TsgKpiTable *table,
                                         const TsgKpiRow   *row,
                                         double            *ratio);
/* Recomputes row and column totals from the cells. */
void          tsg_kpi_table_sum         (TsgKpiTable       *table);

/* A table as text, the way every writer shows it (tsg-kpi-grid.c). */
typedef struct
{
  guint      n_columns;
  GPtrArray *rows;        /* GStrv of n_columns; row 0 is the header */
  gboolean  *numeric;     /* per column: figures, aligned right */
  gboolean   total_row;   /* the last row is the total */
} TsgKpiGrid;

TsgKpiGrid   *tsg_kpi_table_to_grid     (const TsgKpiTable  *table);
/* Months across, years down (the monthly table on a portrait page). */
TsgKpiGrid   *tsg_kpi_report_monthly_across_grid (const TsgKpiReport *self);
/* "Apr" / "4月" for a month key "2023-04" */
char         *tsg_kpi_month_short_label (const char         *month_key);
/* Figure / value: the headline figures of the report. */
TsgKpiGrid   *tsg_kpi_report_summary_grid (const TsgKpiReport *self);
/* Indicator / target / actual / achievement, for the KPIs with a target. */
TsgKpiGrid   *tsg_kpi_report_targets_grid (const TsgKpiReport *self);
void          tsg_kpi_grid_free         (TsgKpiGrid         *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgKpiGrid, tsg_kpi_grid_free)

/* Writers (tsg-kpi-export.c, tsg-kpi-pdf.c) */
JsonNode     *tsg_kpi_report_to_json    (const TsgKpiReport *self);
GBytes       *tsg_kpi_report_to_csv     (const TsgKpiReport *self);
/* An A4 PDF with the chart and every table; @office_name may be NULL. */
GBytes       *tsg_kpi_report_to_pdf     (const TsgKpiReport *self,
                                         const char         *office_name,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgKpiReport, tsg_kpi_report_unref)

G_END_DECLS

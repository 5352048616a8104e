/* tsg-store-reports.h: the KPI report, trainings and yearly targets
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-domain.h"
#include "tsg-kpi-report.h"
#include "tsg-store.h"

G_BEGIN_DECLS

/* Fiscal years a report can be asked for. */
#define TSG_FISCAL_YEAR_MIN 2000
#define TSG_FISCAL_YEAR_MAX 2100

/* in_person, online, hybrid */
extern const TsgEnumValue tsg_training_modes[];

typedef struct
{
  char *affiliation;   /* e.g. 市町村職員, 相談支援機関 */
  int   count;
} TsgTrainingGroup;

/* A staff training session and its five-point survey. */
typedef struct
{
  gint64  id;                              /* 0 for a new one */
  char   *held_on;                         /* YYYY-MM-DD */
  char   *theme;
  char   *mode;                            /* one of tsg_training_modes */
  int     survey[TSG_N_SURVEY_ANSWERS];    /* answers, best first */
  GArray *groups;                          /* TsgTrainingGroup: participants by affiliation */
} TsgTraining;

#define TSG_TYPE_TRAINING (tsg_training_get_type ())

GType        tsg_training_get_type       (void) G_GNUC_CONST;
TsgTraining *tsg_training_new            (void);
TsgTraining *tsg_training_copy           (const TsgTraining *training);
void         tsg_training_free           (TsgTraining       *training);
void         tsg_training_add_group      (TsgTraining       *training,
                                          const char        *affiliation,
                                          int                count);
int          tsg_training_get_participants (const TsgTraining *training);
/* FALSE when nobody answered the survey. */
gboolean     tsg_training_get_usefulness_rate (const TsgTraining *training,
                                               double            *rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgTraining, tsg_training_free)

/* The report of @fiscal_year (April @fiscal_year to March @fiscal_year + 1,
 * months in the local time zone). A year without data gives zeros; a year
 * outside TSG_FISCAL_YEAR_MIN..MAX is TSG_STORE_ERROR_INVALID. Needs
 * TSG_PERM_REPORTS. */
TsgKpiReport *tsg_store_kpi_report        (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           GError            **error);
/* The same on a second connection in a worker thread. */
void          tsg_store_kpi_report_async  (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
TsgKpiReport *tsg_store_kpi_report_finish (TsgStore           *self,
                                           GAsyncResult       *result,
                                           GError            **error);
/* Writes "this report left the office" to the audit log. @format: json,
 * csv or pdf. */
gboolean      tsg_store_log_report_export (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           const char         *format,
                                           gboolean            publication,
                                           GError            **error);
/* The fiscal years that hold any contact, newest first (for choosers). */
GArray       *tsg_store_report_years      (TsgStore           *self,
                                           GError            **error);

/* Trainings (TSG_PERM_REPORTS). Saving inserts when training->id is 0, and
 * replaces the session otherwise; returns the id, 0 on error. */
GPtrArray    *tsg_store_list_trainings    (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           GError            **error);
gint64        tsg_store_save_training     (TsgStore           *self,
                                           TsgActor           *actor,
                                           const TsgTraining  *training,
                                           GError            **error);
gboolean      tsg_store_delete_training   (TsgStore           *self,
                                           TsgActor           *actor,
                                           gint64              training_id,
                                           GError            **error);

/* Targets: NAN clears the target. Ratios are fractions (0.9 = 90 %). */
gboolean      tsg_store_set_target        (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           TsgKpi              kpi,
                                           double              target,
                                           GError            **error);
gboolean      tsg_store_get_targets       (TsgStore           *self,
                                           TsgActor           *actor,
                                           int                 fiscal_year,
                                           double              targets[TSG_N_KPIS],
                                           GError            **error);

G_END_DECLS

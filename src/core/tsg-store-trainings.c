/* tsg-store-trainings.c: staff trainings with their survey, and yearly targets
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsg-store-trainings"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-store-private.h"
#include "tsg-store-reports.h"

const TsgEnumValue tsg_training_modes[] = {
  { "in_person", N_("In person") },
  { "online", N_("Online") },
  { "hybrid", N_("Hybrid") },
  { NULL, NULL }
};

G_DEFINE_BOXED_TYPE (TsgTraining, tsg_training, tsg_training_copy, tsg_training_free)

static void
clear_group (gpointer data)
{
  TsgTrainingGroup *group = data;

  g_free (group->affiliation);
}

TsgTraining *
tsg_training_new (void)
{
  TsgTraining *training = g_new0 (TsgTraining, 1);

  training->mode = g_strdup ("in_person");
  training->groups = g_array_new (FALSE, TRUE, sizeof (TsgTrainingGroup));
  g_array_set_clear_func (training->groups, clear_group);
  return training;
}

TsgTraining *
tsg_training_copy (const TsgTraining *training)
{
  TsgTraining *copy = tsg_training_new ();

  copy->id = training->id;
  copy->held_on = g_strdup (training->held_on);
  copy->theme = g_strdup (training->theme);
  g_free (copy->mode);
  copy->mode = g_strdup (training->mode);
  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    copy->survey[k] = training->survey[k];
  for (guint i = 0; i < training->groups->len; i++)
    {
      const TsgTrainingGroup *g = &g_array_index (training->groups, TsgTrainingGroup, i);
      tsg_training_add_group (copy, g->affiliation, g->count);
    }
  return copy;
}

void
tsg_training_free (TsgTraining *training)
{
  if (training == NULL)
    return;
  g_free (training->held_on);
  g_free (training->theme);
  g_free (training->mode);
  g_array_unref (training->groups);
  g_free (training);
}

void
tsg_training_add_group (TsgTraining *training,
                        const char  *affiliation,
                        int          count)
{
  TsgTrainingGroup group = { g_strdup (affiliation), count };

  g_return_if_fail (training != NULL);
  g_array_append_val (training->groups, group);
}

int
tsg_training_get_participants (const TsgTraining *training)
{
  int n = 0;

  for (guint i = 0; i < training->groups->len; i++)
    n += g_array_index (training->groups, TsgTrainingGroup, i).count;
  return n;
}

gboolean
tsg_training_get_usefulness_rate (const TsgTraining *training,
                                  double            *rate)
{
  int all = 0;

  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    all += training->survey[k];
  *rate = NAN;
  if (all == 0)
    return FALSE;
  *rate = (double) (training->survey[TSG_SURVEY_VERY_GOOD] + training->survey[TSG_SURVEY_GOOD]) / all;
  return TRUE;
}

/* --- validation -------------------------------------------------------- */

static gboolean
valid_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gboolean
validate_training (const TsgTraining  *t,
                   GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *theme = g_strstrip (g_strdup (t->theme ? t->theme : ""));

  if (!valid_iso_date (t->held_on))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The training date “%s” is not a date (YYYY-MM-DD)."), t->held_on ? t->held_on : "");
      return FALSE;
    }
  if (*theme == '\0')
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, _("The training needs a theme."));
      return FALSE;
    }
  if (!tsg_enum_contains (tsg_training_modes, t->mode))
    {
      g_autofree char *known = tsg_enum_join_ids (tsg_training_modes);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The training format “%s” is unknown (known: %s)."), t->mode ? t->mode : "", known);
      return FALSE;
    }
  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    if (t->survey[k] < 0)
      {
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                     _("The number of survey answers “%s” cannot be negative (%d)."),
                     tsg_survey_answer_label (k), t->survey[k]);
        return FALSE;
      }
  for (guint i = 0; i < t->groups->len; i++)
    {
      const TsgTrainingGroup *g = &g_array_index (t->groups, TsgTrainingGroup, i);
      g_autofree char *name = g_strstrip (g_strdup (g->affiliation ? g->affiliation : ""));

      if (*name == '\0')
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("Participant group %u of the training has no affiliation."), i + 1);
          return FALSE;
        }
      if (g->count < 0)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("The number of participants from “%s” cannot be negative (%d)."), name, g->count);
          return FALSE;
        }
      if (!g_hash_table_add (seen, g_strdup (name)))
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("The affiliation “%s” is listed twice in the training."), name);
          return FALSE;
        }
    }
  return TRUE;
}

/* --- trainings --------------------------------------------------------- */

GPtrArray *
tsg_store_list_trainings (TsgStore  *self,
                          TsgActor  *actor,
                          int        fiscal_year,
                          GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tsg_training_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *from = g_strdup_printf ("%04d-04-01", fiscal_year);
  g_autofree char *to = g_strdup_printf ("%04d-04-01", fiscal_year + 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error))
    return NULL;
  if (!(stmt = _tsg_store_prepare (self,
          "SELECT id, held_on, theme, mode, survey_very_good, survey_good, survey_neutral, survey_poor,"
          " survey_very_poor FROM trainings WHERE held_on >= ? AND held_on < ? ORDER BY held_on, id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgTraining *t = tsg_training_new ();

      t->id = sqlite3_column_int64 (stmt, 0);
      t->held_on = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      t->theme = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_free (t->mode);
      t->mode = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
        t->survey[k] = sqlite3_column_int (stmt, 4 + (int) k);
      g_ptr_array_add (list, t);
      g_hash_table_insert (by_id, &t->id, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "trainings");
      return NULL;
    }

  if (!(stmt = _tsg_store_prepare (self,
          "SELECT p.training_id, p.affiliation, p.count FROM training_participants p"
          " JOIN trainings t ON t.id = p.training_id WHERE t.held_on >= ? AND t.held_on < ?"
          " ORDER BY p.training_id, p.affiliation", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TsgTraining *t = g_hash_table_lookup (by_id, &id);

      if (t != NULL)
        tsg_training_add_group (t, (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "trainings");
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
write_groups (TsgStore          *self,
              gint64             id,
              const TsgTraining *t,
              GError           **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM training_participants WHERE training_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tsg_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < t->groups->len; i++)
    {
      const TsgTrainingGroup *g = &g_array_index (t->groups, TsgTrainingGroup, i);
      g_autofree char *name = g_strstrip (g_strdup (g->affiliation));

      if (!(stmt = _tsg_store_prepare (self,
              "INSERT INTO training_participants (training_id, affiliation, count) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, g->count);
      if (!_tsg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
tsg_store_save_training (TsgStore          *self,
                         TsgActor          *actor,
                         const TsgTraining *training,
                         GError           **error)
{
  g_autofree char *theme = NULL;
  sqlite3_stmt *stmt;
  gint64 id = training ? training->id : 0;

  g_return_val_if_fail (TSG_IS_STORE (self), 0);
  g_return_val_if_fail (training != NULL, 0);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error) || !validate_training (training, error))
    return 0;
  theme = g_strstrip (g_strdup (training->theme));
  if (!_tsg_store_begin (self, error))
    return 0;
  if (id == 0)
    stmt = _tsg_store_prepare (self,
      "INSERT INTO trainings (held_on, theme, mode, survey_very_good, survey_good, survey_neutral,"
      " survey_poor, survey_very_poor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = _tsg_store_prepare (self,
      "UPDATE trainings SET held_on = ?1, theme = ?2, mode = ?3, survey_very_good = ?4, survey_good = ?5,"
      " survey_neutral = ?6, survey_poor = ?7, survey_very_poor = ?8 WHERE id = ?10", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, training->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, theme, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, training->mode, -1, SQLITE_TRANSIENT);
  for (guint k = 0; k < TSG_N_SURVEY_ANSWERS; k++)
    sqlite3_bind_int (stmt, 4 + (int) k, training->survey[k]);
  if (id == 0)
    sqlite3_bind_int64 (stmt, 9, _tsg_store_now ());
  else
    sqlite3_bind_int64 (stmt, 10, id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  else if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Training %s does not exist (it may have been deleted)."), id_text);
      goto fail;
    }
  if (!write_groups (self, id, training, error) ||
      !_tsg_store_audit (self, actor, training->id ? "update" : "create", "training", id, NULL, error) ||
      !_tsg_store_commit (self, error))
    goto fail;
  return id;

fail:
  if (self->tx_depth > 0)
    _tsg_store_rollback (self);
  return 0;
}

gboolean
tsg_store_delete_training (TsgStore  *self,
                           TsgActor  *actor,
                           gint64     training_id,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error) || !_tsg_store_begin (self, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "DELETE FROM trainings WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, training_id);
  if (!_tsg_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, training_id);
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_NOT_FOUND,
                   _("Training %s does not exist (it may have been deleted)."), id_text);
      goto fail;
    }
  if (!_tsg_store_audit (self, actor, "delete", "training", training_id, NULL, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

/* --- targets ----------------------------------------------------------- */

gboolean
tsg_store_set_target (TsgStore  *self,
                      TsgActor  *actor,
                      int        fiscal_year,
                      TsgKpi     kpi,
                      double     target,
                      GError   **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);
  g_return_val_if_fail (kpi < TSG_N_KPIS, FALSE);

  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error))
    return FALSE;
  if (fiscal_year < TSG_FISCAL_YEAR_MIN || fiscal_year > TSG_FISCAL_YEAR_MAX)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("The fiscal year %d is outside the years a report can cover (%d–%d)."),
                   fiscal_year, TSG_FISCAL_YEAR_MIN, TSG_FISCAL_YEAR_MAX);
      return FALSE;
    }
  if (!isnan (target) && (!isfinite (target) || target < 0 || (tsg_kpi_is_ratio (kpi) && target > 1)))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   tsg_kpi_is_ratio (kpi)
                   ? _("The target for “%s” must be a share between 0 and 100 %%.")
                   : _("The target for “%s” must be a number of 0 or more."),
                   tsg_kpi_label (kpi));
      return FALSE;
    }
  if (!_tsg_store_begin (self, error))
    return FALSE;
  if (isnan (target))
    stmt = _tsg_store_prepare (self, "DELETE FROM targets WHERE fiscal_year = ? AND kpi = ?", error);
  else
    stmt = _tsg_store_prepare (self,
      "INSERT INTO targets (fiscal_year, kpi, target) VALUES (?, ?, ?)"
      " ON CONFLICT (fiscal_year, kpi) DO UPDATE SET target = excluded.target", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, fiscal_year);
  sqlite3_bind_text (stmt, 2, tsg_kpi_to_id (kpi), -1, SQLITE_STATIC);
  if (!isnan (target))
    sqlite3_bind_double (stmt, 3, target);
  detail = g_strdup_printf ("%d %s %g", fiscal_year, tsg_kpi_to_id (kpi), target);
  if (!_tsg_store_step_done (self, stmt, error) ||
      !_tsg_store_audit (self, actor, "update", "target", fiscal_year, detail, error))
    goto fail;
  return _tsg_store_commit (self, error);

fail:
  _tsg_store_rollback (self);
  return FALSE;
}

gboolean
tsg_store_get_targets (TsgStore  *self,
                       TsgActor  *actor,
                       int        fiscal_year,
                       double     targets[TSG_N_KPIS],
                       GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  for (guint i = 0; i < TSG_N_KPIS; i++)
    targets[i] = NAN;
  if (!_tsg_store_require (self, actor, TSG_PERM_REPORTS, error))
    return FALSE;
  if (!(stmt = _tsg_store_prepare (self, "SELECT kpi, target FROM targets WHERE fiscal_year = ?", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, fiscal_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsgKpi kpi;
      if (tsg_kpi_from_id ((const char *) sqlite3_column_text (stmt, 0), &kpi))
        targets[kpi] = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "targets");
      return FALSE;
    }
  return TRUE;
}

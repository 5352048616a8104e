/* tsg-store-lists.c: the ids and rows behind the paging list views
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view asks for the ids of everything that matches (sorted and filtered in
 * SQL, possibly in a worker thread on its own connection), then for the rows
 * of the few ids it shows. A million rows cost eight megabytes of ids.
 */
#define G_LOG_DOMAIN "tsg-store-lists"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-fold.h"
#include "tsg-store-private.h"

TsgListQuery *
tsg_list_query_new (void)
{
  TsgListQuery *q = g_new0 (TsgListQuery, 1);

  q->sort_column = -1;
  return q;
}

TsgListQuery *
tsg_list_query_copy (const TsgListQuery *query)
{
  TsgListQuery *q = g_memdup2 (query, sizeof *query);

  q->search = g_strdup (query->search);
  q->channel = g_strdup (query->channel);
  q->call_type = g_strdup (query->call_type);
  q->topic = g_strdup (query->topic);
  q->outcome = g_strdup (query->outcome);
  q->status = g_strdup (query->status);
  q->category = g_strdup (query->category);
  q->municipality = g_strdup (query->municipality);
  return q;
}

void
tsg_list_query_free (TsgListQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->search);
  g_free (query->channel);
  g_free (query->call_type);
  g_free (query->topic);
  g_free (query->outcome);
  g_free (query->status);
  g_free (query->category);
  g_free (query->municipality);
  g_free (query);
}

typedef struct
{
  gboolean is_text;
  gint64   number;
  char    *text;
} Bind;

static void
bind_free (gpointer data)
{
  Bind *b = data;

  g_free (b->text);
  g_free (b);
}

static void
add_text (GPtrArray  *binds,
          const char *text)
{
  Bind *b = g_new0 (Bind, 1);

  b->is_text = TRUE;
  b->text = g_strdup (text);
  g_ptr_array_add (binds, b);
}

static void
add_int (GPtrArray *binds,
         gint64     number)
{
  Bind *b = g_new0 (Bind, 1);

  b->number = number;
  g_ptr_array_add (binds, b);
}

/* Appends "AND <column> IN (ids whose folded text contains @search)".
 * Trigram FTS needs three characters; shorter Japanese words (離婚, 家賃)
 * use the table's bigram companion when it has one, else fall back to LIKE
 * over the folded text, which scans but stays correct. */
/* The bigram companion's tokenizer ('ascii') splits on ASCII punctuation
 * and spaces: a search holding them falls back to LIKE. */
static gboolean
all_token_chars (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static void
add_search_above (GString    *sql,
                  GPtrArray  *binds,
                  const char *column,
                  const char *fts_table,
                  const char *search,
                  const char *floor)
{
  /* @floor: an SQL expression no matching rowid is below (or NULL): the
   * index then reads only that end of each term's list. */
  g_autofree char *above = floor ? g_strdup_printf (" AND rowid >= %s", floor) : g_strdup ("");
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  if (search == NULL)
    return;
  stripped = g_strstrip (g_strdup (search));
  if (*stripped == '\0')
    return;
  folded = tsg_fold_for_search (stripped);
  if (g_utf8_strlen (folded, -1) >= 3)
    {
      GString *phrase = g_string_new ("\"");
      for (const char *p = folded; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (phrase, '"');
          g_string_append_c (phrase, *p);
        }
      g_string_append_c (phrase, '"');
      g_string_append_printf (sql, " AND %s IN (SELECT rowid FROM %s WHERE %s MATCH ?%s)",
                              column, fts_table, fts_table, above);
      add_text (binds, phrase->str);
      g_string_free (phrase, TRUE);
    }
  else if (_tsg_store_bigram_table (fts_table) != NULL && all_token_chars (folded))
    {
      /* One or two characters: a token of the bigram companion; one
       * character alone is a prefix of the bigrams it starts. */
      const char *bigram_table = _tsg_store_bigram_table (fts_table);
      GString *phrase = g_string_new ("\"");
      for (const char *p = folded; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (phrase, '"');
          g_string_append_c (phrase, *p);
        }
      g_string_append (phrase, g_utf8_strlen (folded, -1) == 1 ? "\"*" : "\"");
      g_string_append_printf (sql, " AND %s IN (SELECT rowid FROM %s WHERE %s MATCH ?%s)",
                              column, bigram_table, bigram_table, above);
      add_text (binds, phrase->str);
      g_string_free (phrase, TRUE);
    }
  else
    {
      g_autofree char *pattern = NULL;
      GString *escaped = g_string_new (NULL);
      for (const char *p = folded; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (escaped, '\\');
          g_string_append_c (escaped, *p);
        }
      pattern = g_strdup_printf ("%%%s%%", escaped->str);
      g_string_free (escaped, TRUE);
      g_string_append_printf (sql, " AND %s IN (SELECT rowid FROM %s WHERE body LIKE ? ESCAPE '\\'%s)",
                              column, fts_table, above);
      add_text (binds, pattern);
    }
}

static void
add_search (GString    *sql,
            GPtrArray  *binds,
            const char *column,
            const char *fts_table,
            const char *search)
{
  add_search_above (sql, binds, column, fts_table, search, NULL);
}

static const char *
sort_direction (const TsgListQuery *q,
                gboolean            default_descending)
{
  gboolean desc = q->sort_column < 0 ? default_descending : q->sort_descending;

  return desc ? "DESC" : "ASC";
}

/* With @recent, only the newest RECENT_WINDOW contacts, scanned newest first
 * on the covering index contacts_live: the first page of a search that
 * matches a hundred thousand contacts is found without sorting them all. */
#define RECENT_WINDOW 20000
#define RECENT_START \
  "coalesce ((SELECT started_at FROM contacts INDEXED BY contacts_live WHERE deleted_at IS NULL" \
  " ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET %u), 0)"

static void
build_contacts_in (const TsgListQuery *q,
                   GString            *sql,
                   GPtrArray          *binds,
                   gboolean            recent)
{
  static const char *sort_exprs[TSG_CONTACT_N_COLS] = {
    "c.started_at", "c.channel", "c.call_type", "c.age_band", "c.topics", "c.outcome",
    "(SELECT display_name FROM staff WHERE id = c.staff_id)", "c.summary", "c.first_contact",
    "c.duration_minutes",
  };
  const char *dir = sort_direction (q, TRUE);
  const char *expr = q->sort_column >= 0 && q->sort_column < TSG_CONTACT_N_COLS
                       ? sort_exprs[q->sort_column] : "c.started_at";

  if (recent)
    g_string_append_printf (sql, "SELECT c.id FROM contacts c INDEXED BY contacts_live WHERE c.deleted_at IS NULL"
                            " AND c.started_at >= " RECENT_START, RECENT_WINDOW);
  else
    g_string_append (sql, "SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL");
  if (q->from > 0)
    { g_string_append (sql, " AND c.started_at >= ?"); add_int (binds, q->from); }
  if (q->to > 0)
    { g_string_append (sql, " AND c.started_at < ?"); add_int (binds, q->to); }
  if (q->channel)
    { g_string_append (sql, " AND c.channel = ?"); add_text (binds, q->channel); }
  if (q->call_type)
    { g_string_append (sql, " AND c.call_type = ?"); add_text (binds, q->call_type); }
  if (q->outcome)
    { g_string_append (sql, " AND c.outcome = ?"); add_text (binds, q->outcome); }
  if (q->staff_id > 0)
    { g_string_append (sql, " AND c.staff_id = ?"); add_int (binds, q->staff_id); }
  if (q->topic)
    {
      g_string_append (sql, " AND c.id IN (SELECT contact_id FROM contact_topics WHERE topic = ?)");
      add_text (binds, q->topic);
    }
  /* The window's contacts all have ids from its smallest on: the search
   * index need not look below it (ids mostly follow time). */
  if (recent)
    {
      g_autofree char *floor = g_strdup_printf ("(SELECT min (id) FROM contacts INDEXED BY contacts_live"
                                                " WHERE deleted_at IS NULL AND started_at >= " RECENT_START ")",
                                                RECENT_WINDOW);
      add_search_above (sql, binds, "c.id", "contacts_fts", q->search, floor);
    }
  else
    add_search (sql, binds, "c.id", "contacts_fts", q->search);
  g_string_append_printf (sql, " ORDER BY %s %s, c.id %s", expr, dir, dir);
}

static void
build_contacts (const TsgListQuery *q,
                GString            *sql,
                GPtrArray          *binds)
{
  build_contacts_in (q, sql, binds, FALSE);
}

static void
build_cases (const TsgListQuery *q,
             GString            *sql,
             GPtrArray          *binds)
{
  static const char *sort_exprs[TSG_CASE_N_COLS] = {
    "c.code", "coalesce (c.kana, c.name, c.code)", "k.status",
    "(SELECT display_name FROM staff WHERE id = k.lead_staff_id)", "k.opened_at",
    "(SELECT max (occurred_at) FROM timeline_events WHERE case_id = k.id)", "c.age_band",
  };
  const char *dir = sort_direction (q, TRUE);
  const char *expr = q->sort_column >= 0 && q->sort_column < TSG_CASE_N_COLS
                       ? sort_exprs[q->sort_column] : "k.opened_at";

  g_string_append (sql, "SELECT k.id FROM cases k JOIN clients c ON c.id = k.client_id WHERE 1");
  /* "open": every status but closed (the work in hand) */
  if (q->status && g_str_equal (q->status, "open"))
    g_string_append (sql, " AND k.status <> 'closed'");
  else if (q->status)
    { g_string_append (sql, " AND k.status = ?"); add_text (binds, q->status); }
  if (q->staff_id > 0)
    { g_string_append (sql, " AND k.lead_staff_id = ?"); add_int (binds, q->staff_id); }
  add_search (sql, binds, "c.id", "clients_fts", q->search);
  g_string_append_printf (sql, " ORDER BY %s %s, k.id %s", expr, dir, dir);
}

static void
build_services (const TsgListQuery *q,
                GString            *sql,
                GPtrArray          *binds)
{
  static const char *sort_exprs[TSG_SERVICE_N_COLS] = {
    "o.name", "s.name", "o.category", NULL, NULL, "s.status",
  };
  const char *dir = sort_direction (q, FALSE);
  const char *expr = q->sort_column >= 0 && q->sort_column < TSG_SERVICE_N_COLS
                     && sort_exprs[q->sort_column] ? sort_exprs[q->sort_column] : "o.name";

  g_string_append (sql, "SELECT s.id FROM services s JOIN organizations o ON o.id = s.organization_id WHERE 1");
  if (q->category)
    {
      /* the organization's main category, or a term of the office's
       * support taxonomy on the service */
      g_string_append (sql, " AND (o.category = ? OR s.id IN (SELECT st.service_id FROM service_taxonomy st"
                            " JOIN taxonomy_terms t ON t.id = st.term_id"
                            " WHERE t.taxonomy = 'tsunagari-support' AND t.code = ?))");
      add_text (binds, q->category);
      add_text (binds, q->category);
    }
  if (q->municipality)
    {
      g_string_append (sql, " AND s.id IN (SELECT sl.service_id FROM service_at_location sl"
                            " JOIN locations l ON l.id = sl.location_id JOIN addresses a ON a.location_id = l.id"
                            " WHERE l.confidential = 0 AND a.city = ?)");
      add_text (binds, q->municipality);
    }
  if (q->status)
    { g_string_append (sql, " AND s.status = ?"); add_text (binds, q->status); }
  add_search (sql, binds, "s.id", "directory_fts", q->search);
  g_string_append_printf (sql, " ORDER BY %s %s, s.name %s, s.id %s", expr, dir, dir, dir);
}

static void
build_movements (const TsgListQuery *q,
                 GString            *sql,
                 GPtrArray          *binds)
{
  const char *dir = sort_direction (q, TRUE);

  g_string_append (sql, "SELECT m.id FROM stock_movements m WHERE 1");
  if (q->point_id > 0)
    {
      g_string_append (sql, " AND (m.from_point_id = ? OR m.to_point_id = ?)");
      add_int (binds, q->point_id);
      add_int (binds, q->point_id);
    }
  if (q->status) /* the movement kind */
    { g_string_append (sql, " AND m.kind = ?"); add_text (binds, q->status); }
  if (q->from > 0)
    { g_string_append (sql, " AND m.occurred_at >= ?"); add_int (binds, q->from); }
  if (q->to > 0)
    { g_string_append (sql, " AND m.occurred_at < ?"); add_int (binds, q->to); }
  g_string_append_printf (sql, " ORDER BY m.occurred_at %s, m.id %s", dir, dir);
}

static const char *row_sql[TSG_N_LISTS] = {
  [TSG_LIST_CONTACTS] =
    "SELECT c.id, c.started_at, c.channel, c.call_type, c.age_band, c.topics,"
    " coalesce (c.outcome, ''), coalesce (s.display_name, ''), substr (c.summary, 1, 160),"
    " c.first_contact, coalesce (c.duration_minutes, '')"
    " FROM contacts c LEFT JOIN staff s ON s.id = c.staff_id"
    " WHERE c.id IN (SELECT value FROM json_each (?))",
  [TSG_LIST_CASES] =
    "SELECT k.id, c.code, coalesce (c.name, ''), k.status, coalesce (s.display_name, ''), k.opened_at,"
    " coalesce ((SELECT max (occurred_at) FROM timeline_events WHERE case_id = k.id), k.opened_at),"
    " c.age_band"
    " FROM cases k JOIN clients c ON c.id = k.client_id LEFT JOIN staff s ON s.id = k.lead_staff_id"
    " WHERE k.id IN (SELECT value FROM json_each (?))",
  [TSG_LIST_SERVICES] =
    "SELECT s.id, o.name, s.name, coalesce (o.category, ''),"
    " coalesce ((SELECT a.city FROM service_at_location sl JOIN locations l ON l.id = sl.location_id"
    "   JOIN addresses a ON a.location_id = l.id WHERE sl.service_id = s.id AND l.confidential = 0 LIMIT 1), ''),"
    " coalesce ((SELECT number FROM phones WHERE service_id = s.id ORDER BY id LIMIT 1), ''), s.status"
    " FROM services s JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.id IN (SELECT value FROM json_each (?))",
  [TSG_LIST_MOVEMENTS] =
    "SELECT m.id, m.occurred_at, m.kind, i.name, coalesce (f.name, ''), coalesce (t.name, ''),"
    " m.quantity, coalesce (m.reason, m.source, '')"
    " FROM stock_movements m JOIN items i ON i.id = m.item_id"
    " LEFT JOIN distribution_points f ON f.id = m.from_point_id"
    " LEFT JOIN distribution_points t ON t.id = m.to_point_id"
    " WHERE m.id IN (SELECT value FROM json_each (?))",
};

static const TsgPermission list_perms[TSG_N_LISTS] = {
  [TSG_LIST_CONTACTS] = TSG_PERM_CONTACTS_READ,
  [TSG_LIST_CASES] = TSG_PERM_CASES_READ,
  [TSG_LIST_SERVICES] = TSG_PERM_DIRECTORY_READ,
  [TSG_LIST_MOVEMENTS] = TSG_PERM_INVENTORY_READ,
};

static void
build_ids_query (TsgListKind         kind,
                 const TsgListQuery *query,
                 GString            *sql,
                 GPtrArray          *binds)
{
  static const TsgListQuery empty = { .sort_column = -1 };

  if (query == NULL)
    query = &empty;
  switch (kind)
    {
    case TSG_LIST_CONTACTS: build_contacts (query, sql, binds); break;
    case TSG_LIST_CASES: build_cases (query, sql, binds); break;
    case TSG_LIST_SERVICES: build_services (query, sql, binds); break;
    case TSG_LIST_MOVEMENTS: build_movements (query, sql, binds); break;
    case TSG_N_LISTS:
    default: g_assert_not_reached ();
    }
}

static GArray *
run_ids (sqlite3    *db,
         const char *sql,
         GPtrArray  *binds,
         int        *rc_out)
{
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  *rc_out = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc_out != SQLITE_OK)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    {
      Bind *b = g_ptr_array_index (binds, i);
      if (b->is_text)
        sqlite3_bind_text (stmt, i + 1, b->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, b->number);
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  *rc_out = rc == SQLITE_DONE ? SQLITE_OK : rc;
  if (*rc_out != SQLITE_OK)
    g_clear_pointer (&ids, g_array_unref);
  return ids;
}

static gboolean
audit_listing (TsgStore           *self,
               TsgActor           *actor,
               TsgListKind         kind,
               const TsgListQuery *query,
               GError            **error)
{
  const char *kinds[] = { "contact", "case" };

  /* Lists of people's records are audited; the directory and stock are not
   * personal. */
  gboolean ok;

  if (kind != TSG_LIST_CONTACTS && kind != TSG_LIST_CASES)
    return TRUE;
  /* A search runs at every keystroke: its audit row does not wait for the
   * disk. In WAL mode a crash cannot reorder or corrupt it, and the next
   * saved record (synchronous=FULL) makes it durable with all before it. */
  if (self->tx_depth == 0)
    _tsg_store_exec (self, "PRAGMA synchronous = NORMAL", NULL);
  if (!_tsg_store_begin (self, error))
    ok = FALSE;
  else if (!_tsg_store_audit (self, actor, "list", kinds[kind], 0,
                              query && query->search ? query->search : "", error))
    {
      _tsg_store_rollback (self);
      ok = FALSE;
    }
  else
    ok = _tsg_store_commit (self, error);
  if (self->tx_depth == 0)
    _tsg_store_exec (self, "PRAGMA synchronous = FULL", NULL);
  return ok;
}

GArray *
tsg_store_list_ids (TsgStore           *self,
                    TsgActor           *actor,
                    TsgListKind         kind,
                    const TsgListQuery *query,
                    GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (bind_free);
  GArray *ids;
  int rc;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < TSG_N_LISTS, NULL);

  if (!_tsg_store_require (self, actor, list_perms[kind], error) ||
      !audit_listing (self, actor, kind, query, error))
    return NULL;
  build_ids_query (kind, query, sql, binds);
  ids = run_ids (self->db, sql->str, binds, &rc);
  if (ids == NULL)
    _tsg_store_set_error (self, error, rc, "list");
  return ids;
}

typedef struct
{
  char      *sql;
  GPtrArray *binds;
  sqlite3   *db;
} IdsJob;

static void
ids_job_free (gpointer data)
{
  IdsJob *job = data;

  g_free (job->sql);
  g_ptr_array_unref (job->binds);
  if (job->db)
    sqlite3_close_v2 (job->db);
  g_free (job);
}

static void
list_ids_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  IdsJob *job = task_data;
  GArray *ids;
  int rc;

  ids = run_ids (job->db, job->sql, job->binds, &rc);
  if (ids == NULL)
    g_task_return_new_error (task, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                             "list: %s", sqlite3_errstr (rc));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/* Counts and sorts in a worker thread on a connection of its own, so that a
 * slow search over a million rows never blocks the main loop. */
static void
list_ids_async (TsgStore           *self,
                TsgActor           *actor,
                TsgListKind         kind,
                const TsgListQuery *query,
                gboolean            audit,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  IdsJob *job;

  g_return_if_fail (TSG_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tsg_store_list_ids_async);

  if (!_tsg_store_require (self, actor, list_perms[kind], &error) ||
      (audit && !audit_listing (self, actor, kind, query, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (IdsJob, 1);
  job->binds = g_ptr_array_new_with_free_func (bind_free);
  build_ids_query (kind, query, sql, job->binds);
  job->sql = g_strdup (sql->str);
  g_task_set_task_data (task, job, ids_job_free);

  job->db = _tsg_store_open_reader (self, NULL);
  if (job->db == NULL)
    {
      /* In-memory stores (tests) have no second connection: answer here. */
      int rc;
      GArray *ids = run_ids (self->db, job->sql, job->binds, &rc);
      if (ids == NULL)
        {
          _tsg_store_set_error (self, &error, rc, "list");
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
      return;
    }
  g_task_run_in_thread (task, list_ids_thread);
}

void
tsg_store_list_ids_async (TsgStore           *self,
                          TsgActor           *actor,
                          TsgListKind         kind,
                          const TsgListQuery *query,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  list_ids_async (self, actor, kind, query, TRUE, cancellable, callback, user_data);
}

/* After tsg_store_list_first_ids(), which wrote the audit row of the view. */
void
_tsg_store_list_ids_async_unaudited (TsgStore           *self,
                                     TsgActor           *actor,
                                     TsgListKind         kind,
                                     const TsgListQuery *query,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  list_ids_async (self, actor, kind, query, FALSE, cancellable, callback, user_data);
}

static gboolean
has_search (const TsgListQuery *query)
{
  g_autofree char *stripped = NULL;

  if (query == NULL || query->search == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (query->search));
  return *stripped != '\0';
}

static GArray *
run_limited (TsgStore   *self,
             GString    *sql,
             GPtrArray  *binds,
             guint       limit,
             GError    **error)
{
  GArray *ids;
  int rc;

  g_string_append_printf (sql, " LIMIT %u", limit);
  ids = run_ids (self->db, sql->str, binds, &rc);
  if (ids == NULL)
    _tsg_store_set_error (self, error, rc, "list");
  return ids;
}

/**
 * tsg_store_list_first_ids:
 *
 * The first @limit ids of what tsg_store_list_ids() returns, in the same
 * order, at the cost of a page rather than of the whole list: a view shows
 * its first screen with these while all the ids load in a thread. Audited as
 * a listing.
 */
GArray *
tsg_store_list_first_ids (TsgStore           *self,
                          TsgActor           *actor,
                          TsgListKind         kind,
                          const TsgListQuery *query,
                          guint               limit,
                          GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (bind_free);

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < TSG_N_LISTS, NULL);

  if (!_tsg_store_require (self, actor, list_perms[kind], error) ||
      !audit_listing (self, actor, kind, query, error))
    return NULL;
  /* A search in date order: its newest matches are usually among the
   * newest contacts; only when they are not is the whole match sorted. */
  if (kind == TSG_LIST_CONTACTS && has_search (query) &&
      (query->sort_column < 0 || query->sort_column == TSG_CONTACT_COL_STARTED_AT))
    {
      g_autoptr(GArray) recent = NULL;

      build_contacts_in (query, sql, binds, TRUE);
      if (!(recent = run_limited (self, sql, binds, limit, error)))
        return NULL;
      if (recent->len >= limit)
        return g_steal_pointer (&recent);
      g_string_truncate (sql, 0);
      g_ptr_array_set_size (binds, 0);
    }
  build_ids_query (kind, query, sql, binds);
  return run_limited (self, sql, binds, limit, error);
}

GArray *
tsg_store_list_ids_finish (TsgStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tsg_store_fetch_rows:
 *
 * Returns: (transfer full) (element-type TsgRow): one row per id found, in
 *   the order of @ids.
 */
GPtrArray *
tsg_store_fetch_rows (TsgStore      *self,
                      TsgActor      *actor,
                      TsgListKind    kind,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *rows;
  sqlite3_stmt *stmt;
  int rc, n_cols;

  g_return_val_if_fail (TSG_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < TSG_N_LISTS, NULL);

  if (!_tsg_store_require (self, actor, list_perms[kind], error))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  if (!(stmt = _tsg_store_prepare (self, row_sql[kind], error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
  n_cols = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv values = g_new0 (char *, n_cols);
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TsgRow *row;

      for (int c = 1; c < n_cols; c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);
          values[c - 1] = g_strdup (v ? v : "");
        }
      row = tsg_row_new (id, values);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tsg_store_set_error (self, error, rc, "rows");
      return NULL;
    }
  rows = g_ptr_array_new_full (n_ids, g_object_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      TsgRow *row = g_hash_table_lookup (by_id, &ids[i]);
      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
    }
  return rows;
}

gint64
tsg_store_count (TsgStore    *self,
                 TsgListKind  kind)
{
  static const char *sql[TSG_N_LISTS] = {
    "SELECT count (*) FROM contacts WHERE deleted_at IS NULL",
    "SELECT count (*) FROM cases",
    "SELECT count (*) FROM services",
    "SELECT count (*) FROM stock_movements",
  };
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (kind < TSG_N_LISTS, 0);
  if (!(stmt = _tsg_store_prepare (self, sql[kind], NULL)))
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

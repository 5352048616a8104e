/* tsg-records.c: the records JSON import and export, and the contacts CSV
 * import
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read and checked whole (encoding, shape), then the sections of
 * tsg-records-sections.c run in table order inside ONE transaction: the
 * import lands whole or not at all. Every error is one sentence naming the
 * file, the array index or CSV line, the field and the value.
 */
#define G_LOG_DOMAIN "tsg-records"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-records-private.h"
#include "tsg-store-records-private.h"

#define UTF8_BOM "\xEF\xBB\xBF"

struct _TsgRecordsWriter
{
  GOutputStream *out;
  GString       *buffer;
  guint          n_elements;  /* in the current array */
  guint          n_total;
  GCancellable  *cancellable;
};

/* --- errors ------------------------------------------------------------- */

static char *
location (TsgRecordsContext *context,
          const char        *key,
          guint              index,
          const char        *member)
{
  if (context->csv_line > 0)
    return member ? g_strdup_printf ("%s:%u: %s ", context->file, context->csv_line, member)
                  : g_strdup_printf ("%s:%u: ", context->file, context->csv_line);
  if (key == NULL)
    return g_strdup_printf ("%s: ", context->file);
  return member ? g_strdup_printf ("%s: %s[%u].%s: ", context->file, key, index, member)
                : g_strdup_printf ("%s: %s[%u]: ", context->file, key, index);
}

void
tsg_records_set_error (TsgRecordsContext *context,
                       GError           **error,
                       const char        *key,
                       guint              index,
                       const char        *member,
                       const char        *format,
                       ...)
{
  g_autofree char *where = location (context, key, index, member);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID, "%s%s", where, message);
}

void
tsg_records_prefix_error (TsgRecordsContext *context,
                          GError           **error,
                          const char        *key,
                          guint              index)
{
  g_autofree char *where = NULL;

  if (error == NULL || *error == NULL)
    return;
  where = location (context, key, index, NULL);
  g_prefix_error (error, "%s", where);
}

/* How a value looks in a message: "fax" for text, 12.5 for a number;
 * long values are cut, since the sentence must stay one line. */
static char *
show_node (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      if (g_utf8_strlen (s, -1) > 40)
        {
          g_autofree char *cut = g_utf8_substring (s, 0, 40);
          return g_strdup_printf ("\"%s…\"", cut);
        }
      return g_strdup_printf ("\"%s\"", s);
    }
  text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, 40);
      return g_strdup_printf ("%s…", cut);
    }
  return g_steal_pointer (&text);
}

/* --- typed members ------------------------------------------------------ */

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  /* An empty CSV cell is no value at all. */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      *json_node_get_string (node) == '\0')
    return NULL;
  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
missing (TsgRecordsContext *context,
         const char        *key,
         guint              index,
         const char        *member,
         GError           **error)
{
  tsg_records_set_error (context, error, key, index, NULL, _("%s is missing"), member);
  return FALSE;
}

gboolean
tsg_records_check_members (TsgRecordsContext  *context,
                           const char         *key,
                           guint               index,
                           JsonObject         *object,
                           const char * const *known,
                           GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *list = g_strjoinv (", ", (GStrv) known);
        tsg_records_set_error (context, error, key, index, NULL,
                               /* translators: a member name, the kind of record, the known names */
                               _("\"%s\" is not a field of %s (the fields are %s)"), name, key, list);
        return FALSE;
      }
  return TRUE;
}

gboolean
tsg_records_get_string (TsgRecordsContext *context,
                        const char        *key,
                        guint              index,
                        JsonObject        *object,
                        const char        *member,
                        gboolean           required,
                        const char       **value,
                        GError           **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return required ? missing (context, key, index, member, error) : TRUE;
  if (!is_string (node))
    {
      g_autofree char *shown = show_node (node);
      tsg_records_set_error (context, error, key, index, member, _("%s is not text"), shown);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
tsg_records_get_ref (TsgRecordsContext *context,
                     const char        *key,
                     guint              index,
                     JsonObject        *object,
                     const char        *member,
                     char             **value,
                     GError           **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (is_string (node))
    *value = g_strdup (json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    *value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      g_autofree char *shown = show_node (node);
      tsg_records_set_error (context, error, key, index, member, _("%s is not text or a whole number"), shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_records_get_int (TsgRecordsContext *context,
                     const char        *key,
                     guint              index,
                     JsonObject        *object,
                     const char        *member,
                     gboolean           required,
                     gint64            *value,
                     GError           **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *shown = NULL;

  if (node == NULL)
    return required ? missing (context, key, index, member, error) : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (context->csv_line > 0 && is_string (node))
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      gint64 n;
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &n, NULL))
        {
          *value = n;
          return TRUE;
        }
    }
  shown = show_node (node);
  tsg_records_set_error (context, error, key, index, member, _("%s is not a whole number"), shown);
  return FALSE;
}

gboolean
tsg_records_get_bool (TsgRecordsContext *context,
                      const char        *key,
                      guint              index,
                      JsonObject        *object,
                      const char        *member,
                      gboolean          *value,
                      GError           **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *shown = NULL;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }
  /* Spreadsheets write TRUE/FALSE, people write 1/0 or yes/no. */
  if (context->csv_line > 0 && is_string (node))
    {
      static const char *yes[] = { "true", "1", "yes", "y", NULL };
      static const char *no[] = { "false", "0", "no", "n", NULL };
      g_autofree char *raw = g_strstrip (g_strdup (json_node_get_string (node)));
      g_autofree char *text = g_ascii_strdown (raw, -1);

      if (g_strv_contains (yes, text))
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_strv_contains (no, text))
        {
          *value = FALSE;
          return TRUE;
        }
    }
  shown = show_node (node);
  tsg_records_set_error (context, error, key, index, member, _("%s is not true or false"), shown);
  return FALSE;
}

gboolean
tsg_records_get_time (TsgRecordsContext *context,
                      const char        *key,
                      guint              index,
                      JsonObject        *object,
                      const char        *member,
                      gboolean           required,
                      gint64            *value,
                      GError           **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *text = NULL;
  const char *raw = NULL;

  if (!tsg_records_get_string (context, key, index, object, member, required, &raw, error))
    return FALSE;
  if (raw == NULL)
    return TRUE;
  text = g_strstrip (g_strdup (raw));
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt != NULL)
    {
      *value = g_date_time_to_unix (dt);
      return TRUE;
    }
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt != NULL)
    tsg_records_set_error (context, error, key, index, member,
                           _("\"%s\" has no time zone (write it like 2023-04-03T10:15:00+09:00)"), text);
  else
    tsg_records_set_error (context, error, key, index, member,
                           _("\"%s\" is not a date and time (write it like 2023-04-03T10:15:00+09:00)"), text);
  return FALSE;
}

gboolean
tsg_records_get_enum (TsgRecordsContext  *context,
                      const char         *key,
                      guint               index,
                      JsonObject         *object,
                      const char         *member,
                      const TsgEnumValue *values,
                      gboolean            required,
                      const char        **value,
                      GError            **error)
{
  const char *text = NULL;
  g_autofree char *allowed = NULL;

  if (!tsg_records_get_string (context, key, index, object, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (tsg_enum_contains (values, text))
    {
      *value = text;
      return TRUE;
    }
  allowed = tsg_enum_join_ids (values);
  tsg_records_set_error (context, error, key, index, member,
                         /* translators: the value, then the allowed values */
                         _("\"%s\" is not one of %s"), text, allowed);
  return FALSE;
}

char *
tsg_records_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

gboolean
_tsg_records_tick (TsgRecordsContext *context,
                   GError           **error)
{
  context->imported++;
  if (context->progress != NULL && context->imported % 500 == 0 &&
      !context->progress (context->imported, context->total, context->progress_data))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The import of %s was stopped; nothing was imported."), context->file);
      return FALSE;
    }
  return TRUE;
}

/* --- reading the file --------------------------------------------------- */

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Reads the whole file and checks it is UTF-8 text with something in it;
 * a BOM (as spreadsheets write) is skipped. */
static gboolean
read_text (const char  *path,
           const char  *name,
           char       **contents,
           const char **text,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  const char *end = NULL;
  gsize len = 0;
  char *data = NULL;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s cannot be read: %s"), name, local->message);
      return FALSE;
    }
  *contents = data;
  *text = data;
  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      *text += 3;
      len -= 3;
    }
  *length = len;
  if (!g_utf8_validate_len (*text, len, &end))
    {
      g_autofree char *as_sjis = g_convert (*text, len, "UTF-8", "CP932", NULL, NULL, NULL);
      guint line = line_of (*text, end);

      if (as_sjis != NULL)
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                     _("%s:%u: the file is not UTF-8 text (it looks like Shift_JIS); save it again as UTF-8 (in a spreadsheet: CSV UTF-8)"),
                     name, line);
      else
        g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                     _("%s:%u: the file is not UTF-8 text; save it again as UTF-8 (in a spreadsheet: CSV UTF-8)"),
                     name, line);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace ((*text)[i]))
      return TRUE;
  g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
               _("%s is empty; nothing was imported."), name);
  return FALSE;
}

/* --- CSV ---------------------------------------------------------------- */

typedef struct
{
  guint  line;     /* where the row starts */
  GStrv  cells;
} CsvRow;

static void
csv_row_free (gpointer data)
{
  CsvRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

/* RFC 4180 as spreadsheets write it: commas, quoted cells holding commas,
 * line breaks and doubled quotes, CRLF or LF. Rows of only empty cells (a
 * trailing blank line) are dropped. */
static GPtrArray *
csv_parse (const char  *name,
           const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (csv_row_free);
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p = text, *end = text + length;
  guint line = 1, row_line = 1;
  gboolean quoted = FALSE, any = FALSE, was_quoted = FALSE;

  while (p <= end)
    {
      char c = p < end ? *p : '\n';
      gboolean at_end = p >= end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                           _("%s:%u: a quoted cell is never closed (a \" is missing)"), name, row_line);
              return NULL;
            }
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                  continue;
                }
              quoted = FALSE;
              p++;
              continue;
            }
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            {
              p++;
              continue;
            }
          if (c == '\n')
            line++;
          g_string_append_c (cell, c);
          p++;
          continue;
        }
      if (c == '"' && cell->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          p++;
          continue;
        }
      if (c == ',' || c == '\n' || c == '\r')
        {
          if (c == '\r' && p + 1 < end && p[1] != '\n')
            c = '\n'; /* a lone CR ends the row as well */
          if (c == '\r')
            {
              p++;
              continue;
            }
          if (cell->len > 0 || was_quoted)
            any = TRUE;
          g_strv_builder_add (cells, cell->str);
          g_string_truncate (cell, 0);
          was_quoted = FALSE;
          if (c == '\n')
            {
              GStrv done = g_strv_builder_end (cells);
              if (any)
                {
                  CsvRow *row = g_new0 (CsvRow, 1);
                  row->line = row_line;
                  row->cells = done;
                  g_ptr_array_add (rows, row);
                }
              else
                g_strfreev (done);
              g_strv_builder_unref (cells);
              cells = g_strv_builder_new ();
              any = FALSE;
              line++;
              row_line = line;
            }
          p++;
          if (at_end)
            break;
          continue;
        }
      if (was_quoted)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s:%u: text follows a closing quote in the same cell"), name, line);
          return NULL;
        }
      g_string_append_c (cell, c);
      p++;
    }
  return g_steal_pointer (&rows);
}

/* Reads, parses and checks the header of a contacts CSV file. */
static GPtrArray *
csv_load (const char  *path,
          const char  *name,
          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *text;
  gsize length;
  CsvRow *header;

  if (!read_text (path, name, &contents, &text, &length, error) ||
      !(rows = csv_parse (name, text, length, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s is empty; nothing was imported."), name);
      return NULL;
    }
  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; header->cells[i]; i++)
    {
      g_strstrip (header->cells[i]);
      if (!_tsg_records_is_contact_field (header->cells[i]))
        {
          g_autofree char *known = _tsg_records_contact_fields ();
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s:%u: column \"%s\" is not a contact field (the first row must name the columns: %s)"),
                       name, header->line, header->cells[i], known);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (header->cells[i], header->cells[j]))
          {
            g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                         _("%s:%u: column \"%s\" appears twice"), name, header->line, header->cells[i]);
            return NULL;
          }
    }
  if (rows->len == 1)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s has a header row but no contacts; nothing was imported."), name);
      return NULL;
    }
  for (guint r = 1; r < rows->len; r++)
    {
      CsvRow *row = g_ptr_array_index (rows, r);
      guint n = g_strv_length (row->cells), n_header = g_strv_length (header->cells);
      if (n > n_header)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s:%u: the row has %u cells but the header names %u columns"),
                       name, row->line, n, n_header);
          return NULL;
        }
    }
  return g_steal_pointer (&rows);
}

static gboolean
import_csv (TsgStore          *store,
            TsgActor          *actor,
            const char        *path,
            TsgRecordsContext *context,
            GError           **error)
{
  g_autoptr(GPtrArray) rows = csv_load (path, context->file, error);
  TsgContactsImport state = { 0 };
  GStrv header;

  if (rows == NULL)
    return FALSE;
  header = ((CsvRow *) g_ptr_array_index (rows, 0))->cells;
  context->total = rows->len - 1;
  if (!_tsg_records_contacts_begin (store, actor, context, &state, error))
    return FALSE;
  for (guint r = 1; r < rows->len; r++)
    {
      CsvRow *row = g_ptr_array_index (rows, r);
      g_autoptr(JsonObject) object = json_object_new ();

      for (guint i = 0; row->cells[i]; i++)
        json_object_set_string_member (object, header[i], row->cells[i]);
      context->csv_line = row->line;
      if (!_tsg_records_import_contact (store, actor, object, r - 1, context, &state, error))
        return FALSE;
    }
  context->csv_line = 0;
  return _tsg_records_contacts_end (store, actor, context, &state, error);
}

gboolean
tsg_records_preview_csv (const char  *path,
                         guint        max_rows,
                         GStrv       *columns,
                         GPtrArray  **rows,
                         guint       *n_rows,
                         GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GPtrArray) all = csv_load (path, name, error);
  GPtrArray *out;

  if (all == NULL)
    return FALSE;
  *columns = g_strdupv (((CsvRow *) g_ptr_array_index (all, 0))->cells);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint r = 1; r < all->len && out->len < max_rows; r++)
    g_ptr_array_add (out, g_strdupv (((CsvRow *) g_ptr_array_index (all, r))->cells));
  *rows = out;
  if (n_rows)
    *n_rows = all->len - 1;
  return TRUE;
}

/* --- JSON --------------------------------------------------------------- */

static const TsgRecordsSection *
find_section (const char *key)
{
  for (guint i = 0; tsg_records_sections[i].key != NULL; i++)
    if (g_str_equal (tsg_records_sections[i].key, key))
      return &tsg_records_sections[i];
  return NULL;
}

static char *
section_keys (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; tsg_records_sections[i].key != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", tsg_records_sections[i].key);
  return g_string_free (s, FALSE);
}

static JsonNode *
parse_json (const char  *path,
            const char  *name,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  const char *text;
  gsize length;

  if (!read_text (path, name, &contents, &text, &length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, length, &local))
    {
      /* json-glib says "<data>:3:15: Parse error: …"; name the file instead. */
      const char *msg = local->message;
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s:%s (the file is not valid JSON)"), name, msg);
      return NULL;
    }
  /* An empty file (or a byte-order mark alone) parses to no document. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s is empty: there is no JSON in it."), name);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
check_root (JsonNode          *root,
            TsgRecordsContext *context,
            GError           **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *keys = section_keys ();
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s: the file must hold one object with an array per kind of record (%s)"),
                   context->file, keys);
      return FALSE;
    }
  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  context->total = 0;
  while (json_object_iter_next (&iter, &key, &node))
    {
      if (find_section (key) == NULL)
        {
          g_autofree char *keys = section_keys ();
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s: \"%s\" is not a kind of record this version knows (%s)"),
                       context->file, key, keys);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *shown = show_node (node);
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s: %s must be an array of records, not %s"), context->file, key, shown);
          return FALSE;
        }
      context->total += json_array_get_length (json_node_get_array (node));
    }
  return TRUE;
}

static gboolean
import_json (TsgStore          *store,
             TsgActor          *actor,
             const char        *path,
             TsgRecordsContext *context,
             GError           **error)
{
  g_autoptr(JsonNode) root = parse_json (path, context->file, error);
  JsonObject *object;

  if (root == NULL || !check_root (root, context, error))
    return FALSE;
  object = json_node_get_object (root);
  for (guint i = 0; tsg_records_sections[i].key != NULL; i++)
    {
      const TsgRecordsSection *section = &tsg_records_sections[i];
      JsonNode *node = json_object_get_member (object, section->key);

      if (node == NULL)
        continue;
      if (section->import_array == NULL)
        {
          g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                       _("%s: %s cannot be imported by this version"), context->file, section->key);
          return FALSE;
        }
      if (!section->import_array (store, actor, json_node_get_array (node), context, error))
        {
          /* A section's own error already names the place; anything else
           * (the disk, the database) gets the file's name at least. */
          if (error && *error && !g_str_has_prefix ((*error)->message, context->file))
            g_prefix_error (error, "%s: ", context->file);
          return FALSE;
        }
    }
  return TRUE;
}

/* --- import ------------------------------------------------------------- */

gboolean
tsg_records_import_file_full (TsgStore           *store,
                              TsgActor           *actor,
                              const char         *path,
                              TsgRecordsProgress  progress,
                              gpointer            user_data,
                              guint              *n_imported,
                              GError            **error)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GHashTable) client_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  TsgRecordsContext context = { 0 };
  gboolean csv, ok;

  g_return_val_if_fail (TSG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_imported)
    *n_imported = 0;
  name = g_path_get_basename (path);
  lower = g_ascii_strdown (name, -1);
  csv = g_str_has_suffix (lower, ".csv");
  if (!csv && !g_str_has_suffix (lower, ".json"))
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s: only .json (records) and .csv (contacts) files can be imported"), name);
      return FALSE;
    }
  context.file = name;
  context.client_refs = client_refs;
  context.ids = ids;
  context.progress = progress;
  context.progress_data = user_data;

  _tsg_store_records_bulk (store, TRUE);
  if (!_tsg_store_begin (store, error))
    {
      _tsg_store_records_bulk (store, FALSE);
      return FALSE;
    }
  ok = csv ? import_csv (store, actor, path, &context, error)
           : import_json (store, actor, path, &context, error);
  if (ok && context.imported > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u records from %s", context.imported, name);
      ok = _tsg_store_audit (store, actor, "import", "records", 0, detail, error);
    }
  if (ok)
    ok = _tsg_store_commit (store, error);
  else
    _tsg_store_rollback (store);
  _tsg_store_records_bulk (store, FALSE);
  if (!ok)
    return FALSE;
  if (progress)
    progress (context.imported, context.total, user_data);
  if (n_imported)
    *n_imported = context.imported;
  return TRUE;
}

gboolean
tsg_records_import_file (TsgStore   *store,
                         TsgActor   *actor,
                         const char *path,
                         guint      *n_imported,
                         GError    **error)
{
  return tsg_records_import_file_full (store, actor, path, NULL, NULL, n_imported, error);
}

/* --- export ------------------------------------------------------------- */

static gboolean
writer_flush (TsgRecordsWriter  *writer,
              gboolean           force,
              GError           **error)
{
  if (writer->buffer->len == 0 || (!force && writer->buffer->len < 1 << 20))
    return TRUE;
  if (!g_output_stream_write_all (writer->out, writer->buffer->str, writer->buffer->len,
                                  NULL, writer->cancellable, error))
    return FALSE;
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

static void
writer_append_node (TsgRecordsWriter *writer,
                    JsonNode         *element)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, element);
  text = json_generator_to_data (gen, NULL);
  g_string_append (writer->buffer, writer->n_elements ? ",\n  " : "\n  ");
  g_string_append (writer->buffer, text);
  writer->n_elements++;
  writer->n_total++;
}

gboolean
tsg_records_writer_add (TsgRecordsWriter  *writer,
                        JsonNode          *element,
                        GError           **error)
{
  writer_append_node (writer, element);
  return writer_flush (writer, FALSE, error);
}

static gboolean
export_section (TsgStore                *store,
                TsgActor                *actor,
                const TsgRecordsSection *section,
                TsgRecordsWriter        *writer,
                TsgRecordsContext       *context,
                GError                 **error)
{
  writer->n_elements = 0;
  if (section->export_each != NULL)
    {
      if (!section->export_each (store, actor, writer, context, error))
        return FALSE;
    }
  else if (section->export_array != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;
      JsonArray *array;

      json_builder_begin_array (builder);
      if (!section->export_array (store, actor, builder, context, error))
        return FALSE;
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        writer_append_node (writer, json_array_get_element (array, i));
    }
  return writer_flush (writer, FALSE, error);
}

/**
 * tsg_records_export_file:
 *
 * Writes every record, section by section, as records JSON that
 * tsg_records_import_file() reads back. The file is private (0600) and
 * appears only when complete: a failed export leaves whatever was there.
 */
gboolean
tsg_records_export_file (TsgStore   *store,
                         TsgActor   *actor,
                         const char *path,
                         GError    **error)
{
  return tsg_records_export_file_full (store, actor, path, NULL, error);
}

gboolean
tsg_records_export_file_full (TsgStore   *store,
                              TsgActor   *actor,
                              const char *path,
                              guint      *n_exported,
                              GError    **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) buffer = g_string_sized_new (1 << 21);
  g_autoptr(GHashTable) client_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local = NULL;
  TsgRecordsContext context = { 0 };
  TsgRecordsWriter writer = { 0 };

  g_return_val_if_fail (TSG_IS_STORE (store), FALSE);

  if (!_tsg_store_require (store, actor, TSG_PERM_EXPORT, error))
    return FALSE;
  name = g_path_get_basename (path);
  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        NULL, &local);
  if (out == NULL)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                   _("%s cannot be written: %s"), path, local->message);
      return FALSE;
    }
  context.file = name;
  context.client_refs = client_refs;
  context.ids = ids;
  writer.out = G_OUTPUT_STREAM (out);
  writer.buffer = buffer;
  writer.cancellable = cancellable;

  /* One transaction: the file is one consistent picture of the database. */
  if (!_tsg_store_begin (store, &local))
    goto fail;
  g_string_append_c (buffer, '{');
  for (guint i = 0; tsg_records_sections[i].key != NULL; i++)
    {
      g_string_append_printf (buffer, "%s\n\"%s\": [", i ? "," : "", tsg_records_sections[i].key);
      if (!export_section (store, actor, &tsg_records_sections[i], &writer, &context, &local))
        goto fail_rollback;
      g_string_append (buffer, writer.n_elements ? "\n]" : "]");
    }
  g_string_append (buffer, "\n}\n");
  detail = g_strdup_printf ("%u records to %s", writer.n_total, name);
  if (!writer_flush (&writer, TRUE, &local) ||
      !_tsg_store_audit (store, actor, "export", "records", 0, detail, &local))
    goto fail_rollback;
  if (!_tsg_store_commit (store, &local))
    goto fail;
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
    goto fail;
  if (n_exported)
    *n_exported = writer.n_total;
  return TRUE;

fail_rollback:
  _tsg_store_rollback (store);
fail:
  /* Closing a cancelled replace stream leaves the destination untouched. */
  g_cancellable_cancel (cancellable);
  g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, NULL);
  if (local->domain == TSG_STORE_ERROR)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_FAILED,
                 _("%s cannot be written: %s"), path, local->message);
  return FALSE;
}

/* tsg-restock-list.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sheet a coordinator takes on the round: per point, what to bring to
 * reach its par levels, with a box to tick at the door; then what to take
 * out of the office store, so a shortage is seen before leaving.
 */
#define G_LOG_DOMAIN "tsg-restock-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsg-format.h"
#include "tsg-pdf-writer.h"
#include "tsg-restock-list.h"
#include "tsg-store-inventory.h"

static char *
number (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static GStrv
cells (const char *first,
       ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  va_list args;
  GStrv result;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

typedef struct
{
  char   *name;
  char   *unit;
  gint64  needed;
  gint64  office;
} Total;

static void
total_free (gpointer data)
{
  Total *t = data;

  g_free (t->name);
  g_free (t->unit);
  g_free (t);
}

static void
point_table (TsgPdfWriter *writer,
             GPtrArray    *lines,
             guint         first,
             guint         last)
{
  static const double widths[] = { 0.40, 0.13, 0.13, 0.20, 0.14 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, cells (_("Item"), _("In stock"), _("Par"), _("Take"), _("Done"), NULL));
  for (guint i = first; i < last; i++)
    {
      TsgRestockLine *line = g_ptr_array_index (lines, i);
      g_autofree char *balance = number (line->balance);
      g_autofree char *par = number (line->par);
      g_autofree char *needed = number (line->needed);
      /* translators: quantity and unit on the restock list, e.g. "15 パック" */
      g_autofree char *take = g_strdup_printf (C_("quantity", "%s %s"), needed, line->unit ? line->unit : "");

      g_ptr_array_add (rows, cells (line->item_name, balance, par, take, "☐", NULL));
    }
  tsg_pdf_writer_table (writer, G_N_ELEMENTS (widths), widths, rows, TRUE, 10);
}

static void
totals_table (TsgPdfWriter *writer,
              GPtrArray    *totals)
{
  static const double widths[] = { 0.40, 0.20, 0.20, 0.20 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, cells (_("Item"), _("Take in all"), _("Office has"), _("Short by"), NULL));
  for (guint i = 0; i < totals->len; i++)
    {
      Total *t = g_ptr_array_index (totals, i);
      g_autofree char *count = number (t->needed);
      g_autofree char *needed = g_strdup_printf (C_("quantity", "%s %s"), count, t->unit);
      g_autofree char *office = number (t->office);
      g_autofree char *short_by = t->needed > t->office ? number (t->needed - t->office) : g_strdup ("—");

      g_ptr_array_add (rows, cells (t->name, needed, office, short_by, NULL));
    }
  tsg_pdf_writer_table (writer, G_N_ELEMENTS (widths), widths, rows, TRUE, 10);
}

GBytes *
tsg_restock_list_render (TsgStore  *store,
                         TsgActor  *actor,
                         gint64     point_id,
                         gint64     now,
                         GError   **error)
{
  g_autoptr(TsgPdfWriter) writer = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func (total_free);
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *office = tsg_store_get_setting (store, "office_name");
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  guint n_points = 0;

  g_return_val_if_fail (TSG_IS_STORE (store), NULL);

  if (!(lines = tsg_store_restock_list (store, actor, point_id, error)))
    return NULL;
  date = tsg_format_date (now > 0 ? now : g_get_real_time () / G_USEC_PER_SEC);

  writer = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  tsg_pdf_writer_set_title (writer, _("Restock List"));
  /* translators: page footer; %d is the page number */
  tsg_pdf_writer_set_footer (writer, _("Page %d"));
  tsg_pdf_writer_heading (writer, _("Restock List"), 1);
  /* translators: under the title of the restock list: the office and the date */
  subtitle = g_strdup_printf (_("%s — as of %s"), office ? office : "", date);
  tsg_pdf_writer_text (writer, subtitle, 10, FALSE, TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_space (writer, 8);

  if (lines->len == 0)
    {
      tsg_pdf_writer_text (writer, _("Every distribution point is at or above its par levels: nothing to take."),
                           11, FALSE, TSG_PDF_ALIGN_LEFT);
      return tsg_pdf_writer_finish (writer, error);
    }

  for (guint i = 0; i < lines->len;)
    {
      TsgRestockLine *first = g_ptr_array_index (lines, i);
      guint end = i;

      while (end < lines->len && ((TsgRestockLine *) g_ptr_array_index (lines, end))->point_id == first->point_id)
        {
          TsgRestockLine *line = g_ptr_array_index (lines, end);
          Total *t = g_hash_table_lookup (by_item, &line->item_id);

          if (t == NULL)
            {
              t = g_new0 (Total, 1);
              t->name = g_strdup (line->item_name);
              t->unit = g_strdup (line->unit ? line->unit : "");
              t->office = line->office_balance;
              g_hash_table_insert (by_item, &line->item_id, t);
              g_ptr_array_add (totals, t);
            }
          t->needed += line->needed;
          end++;
        }
      /* Keep a point's heading with the first lines of its table. */
      tsg_pdf_writer_ensure_space (writer, 80);
      tsg_pdf_writer_heading (writer, first->point_name, 2);
      if (first->point_address && *first->point_address)
        tsg_pdf_writer_text (writer, first->point_address, 9, FALSE, TSG_PDF_ALIGN_LEFT);
      tsg_pdf_writer_space (writer, 3);
      point_table (writer, lines, i, end);
      tsg_pdf_writer_space (writer, 10);
      n_points++;
      i = end;
    }

  tsg_pdf_writer_ensure_space (writer, 80);
  tsg_pdf_writer_heading (writer, _("From the Office Store"), 2);
  {
    /* translators: summary under "From the Office Store" */
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Take these to %u distribution point.",
                                                             "Take these to %u distribution points.",
                                                             n_points), n_points);
    tsg_pdf_writer_text (writer, summary, 10, FALSE, TSG_PDF_ALIGN_LEFT);
  }
  tsg_pdf_writer_space (writer, 3);
  totals_table (writer, totals);
  return tsg_pdf_writer_finish (writer, error);
}

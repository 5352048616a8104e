/* tsg-flyer.c: the print-outs that carry the free-dial number into the places
 * where women are: flyers, help cards, stickers, bookmarks
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printed texts are Japanese (the office's language), with an optional
 * English line; the sentences that report problems are translated.
 */
#define G_LOG_DOMAIN "tsg-flyer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-flyer.h"
#include "tsg-pdf-writer.h"
#include "tsg-qr.h"

static const char *template_ids[] = { "flyer", "cards", "sticker", "bookmark" };

/* Category headings on the flyer, by need (printed in Japanese). */
static const struct { const char *id; const char *heading; } categories[] = {
  { "consultation", "まずは相談したい" },
  { "dv", "DV・性暴力" },
  { "welfare", "生活のお金・生活保護" },
  { "work", "仕事をさがす" },
  { "housing", "住まい" },
  { "food", "食べもの" },
  { "medical", "からだ・医療" },
  { "mental", "こころ" },
  { "child_rearing", "子育て" },
  { "legal", "法律・お金のトラブル" },
};

static void
service_free (gpointer data)
{
  TsgFlyerService *s = data;

  g_free (s->category);
  g_free (s->organization);
  g_free (s->name);
  g_free (s->phone);
  g_free (s->hours);
  g_free (s);
}

TsgFlyerSpec *
tsg_flyer_spec_new (TsgFlyerTemplate template)
{
  TsgFlyerSpec *spec = g_new0 (TsgFlyerSpec, 1);

  spec->template = template;
  spec->services = g_ptr_array_new_with_free_func (service_free);
  return spec;
}

void
tsg_flyer_spec_free (TsgFlyerSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->office_name);
  g_free (spec->free_dial);
  g_free (spec->line_id);
  g_free (spec->line_url);
  g_free (spec->office_hours);
  g_free (spec->print_code);
  g_free (spec->point_name);
  g_ptr_array_unref (spec->services);
  g_free (spec);
}

void
tsg_flyer_spec_add_service (TsgFlyerSpec *spec,
                            const char   *category,
                            const char   *organization,
                            const char   *name,
                            const char   *phone,
                            const char   *hours)
{
  TsgFlyerService *s = g_new0 (TsgFlyerService, 1);

  s->category = g_strdup (category ? category : "consultation");
  s->organization = g_strdup (organization ? organization : "");
  s->name = g_strdup (name ? name : "");
  s->phone = g_strdup (phone ? phone : "");
  s->hours = g_strdup (hours ? hours : "");
  g_ptr_array_add (spec->services, s);
}

gboolean
tsg_flyer_template_from_id (const char       *id,
                            TsgFlyerTemplate *template)
{
  for (guint i = 0; i < G_N_ELEMENTS (template_ids); i++)
    if (g_strcmp0 (id, template_ids[i]) == 0)
      {
        *template = (TsgFlyerTemplate) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tsg_flyer_template_to_id (TsgFlyerTemplate template)
{
  g_return_val_if_fail (template <= TSG_FLYER_BOOKMARK, NULL);
  return template_ids[template];
}

char *
tsg_flyer_qr_url (const TsgFlyerSpec  *spec,
                  GError             **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (spec->line_url == NULL || *spec->line_url == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The LINE friend-add URL is empty (Preferences, Office)."));
      return NULL;
    }
  uri = g_uri_parse (spec->line_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The LINE friend-add URL “%s” is not a web address (https://…)."), spec->line_url);
      return NULL;
    }
  /* The print code rides along where the URL allows, so a scan can be
   * traced to the print run; a URL with a fragment is left as it is. */
  if (spec->print_code == NULL || g_uri_get_fragment (uri) != NULL)
    return g_strdup (spec->line_url);
  return g_strdup_printf ("%s%csrc=%s", spec->line_url,
                          g_uri_get_query (uri) != NULL ? '&' : '?', spec->print_code);
}

/* Draws @text in a box; when it needs more room than the box has, says so in
 * @problems (naming @what and @where) instead of cutting it silently. */
static double
draw_fitted (TsgPdfWriter *writer,
             const char   *text,
             double        size,
             gboolean      bold,
             double        x,
             double        y,
             double        width,
             double        max_height,
             const char   *what,
             const char   *where,
             GPtrArray    *problems)
{
  cairo_t *cr = tsg_pdf_writer_get_cairo (writer);
  g_autoptr(PangoLayout) layout = tsg_pdf_writer_create_layout (writer, text, size, bold, width);
  int w, h;
  double height;

  pango_layout_get_size (layout, &w, &h);
  height = h / (double) PANGO_SCALE;
  if (height > max_height + 0.5 && problems != NULL)
    g_ptr_array_add (problems,
                     /* translators: "The office name on the help card needs 14 mm but has 9 mm." */
                     g_strdup_printf (_("%s on %s needs %.0f mm of height but has %.0f mm: shorten it."),
                                      what, where, height * 25.4 / 72, max_height * 25.4 / 72));
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static gboolean
draw_qr (TsgPdfWriter       *writer,
         const TsgFlyerSpec *spec,
         double              x,
         double              y,
         double              size,
         GError            **error)
{
  g_autofree char *url = tsg_flyer_qr_url (spec, error);

  if (url == NULL)
    return FALSE;
  return tsg_qr_draw (tsg_pdf_writer_get_cairo (writer), url, x, y, size, error);
}

static const char *
heading_for (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].id, category) == 0)
      return categories[i].heading;
  return "そのほかの相談先";
}

static int
category_rank (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].id, category) == 0)
      return (int) i;
  return G_N_ELEMENTS (categories);
}

static int
compare_services (gconstpointer a,
                  gconstpointer b)
{
  const TsgFlyerService *x = *(TsgFlyerService * const *) a;
  const TsgFlyerService *y = *(TsgFlyerService * const *) b;
  int d = category_rank (x->category) - category_rank (y->category);

  return d != 0 ? d : g_strcmp0 (x->organization, y->organization);
}

static char *
code_line (const TsgFlyerSpec *spec)
{
  if (spec->print_code == NULL)
    return g_strdup ("");
  return g_strdup_printf ("No. %s", spec->print_code);
}

static gboolean
render_flyer (TsgPdfWriter       *writer,
              const TsgFlyerSpec *spec,
              GPtrArray          *problems,
              GError            **error)
{
  cairo_t *cr = tsg_pdf_writer_get_cairo (writer);
  double left = tsg_pdf_writer_get_left (writer);
  double width = tsg_pdf_writer_get_content_width (writer);
  double qr = TSG_PDF_MM (32), y;
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (spec->services, NULL, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *dial = g_strdup_printf ("フリーダイヤル %s", spec->free_dial ? spec->free_dial : "");
  g_autofree char *line = g_strdup_printf ("LINE ID %s", spec->line_id ? spec->line_id : "");
  g_autofree char *code = code_line (spec);
  const char *last_category = NULL;

  if (spec->services->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("No services are chosen for the flyer: choose at least one help window from the directory."));
      return FALSE;
    }
  /* Header: who we are, the free-dial number large, LINE with its QR code. */
  y = tsg_pdf_writer_get_y (writer);
  draw_fitted (writer, "ひとりで悩まないで。あなたの話を聞かせてください", 17, TRUE, left, y,
               width - qr - 10, 50, _("The headline"), _("the flyer"), problems);
  y += 48;
  y += draw_fitted (writer, spec->office_name, 12, FALSE, left, y, width - qr - 10, 34,
                    _("The office name"), _("the flyer"), problems);
  y += draw_fitted (writer, dial, 22, TRUE, left, y, width - qr - 10, 34,
                    _("The free-dial number"), _("the flyer"), problems);
  y += draw_fitted (writer, spec->office_hours ? spec->office_hours : "", 11, FALSE, left, y,
                    width - qr - 10, 30, _("The opening hours"), _("the flyer"), problems);
  y += draw_fitted (writer, line, 11, FALSE, left, y, width - qr - 10, 30,
                    _("The LINE ID"), _("the flyer"), problems);
  if (spec->english)
    y += draw_fitted (writer, "Free and confidential help for women. Call us or message us on LINE.", 9.5,
                      FALSE, left, y, width - qr - 10, 28, _("The English line"), _("the flyer"), problems);
  if (!draw_qr (writer, spec, left + width - qr, tsg_pdf_writer_get_y (writer), qr, error))
    return FALSE;
  tsg_pdf_writer_set_y (writer, MAX (y, tsg_pdf_writer_get_y (writer) + qr) + 8);
  tsg_pdf_writer_rule (writer);
  tsg_pdf_writer_text (writer, "困りごとにあわせて、次の窓口でも相談できます（相談は無料です）", 11, TRUE,
                       TSG_PDF_ALIGN_LEFT);
  tsg_pdf_writer_space (writer, 4);

  /* The help windows, grouped by need; a flyer is one page, so what doesn't
   * fit is reported, never dropped quietly. */
  /* the copy shares the services: it must not free them */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_services);
  for (guint i = 0; i < sorted->len; i++)
    {
      TsgFlyerService *s = g_ptr_array_index (sorted, i);
      char **cells;
      double needed = g_strcmp0 (last_category, s->category) != 0 ? 36 : 18;

      if (tsg_pdf_writer_get_remaining (writer) < needed + 14)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u service does not fit on the flyer (from “%s” on): choose fewer.",
                                                         "%u services do not fit on the flyer (from “%s” on): choose fewer.",
                                                         sorted->len - i),
                                            sorted->len - i, s->name));
          break;
        }
      if (g_strcmp0 (last_category, s->category) != 0)
        {
          if (rows->len > 0)
            {
              static const double widths[] = { 0.50, 0.22, 0.28 };
              tsg_pdf_writer_table (writer, 3, widths, rows, FALSE, 9);
              g_ptr_array_set_size (rows, 0);
            }
          tsg_pdf_writer_space (writer, 3);
          tsg_pdf_writer_text (writer, heading_for (s->category), 10.5, TRUE, TSG_PDF_ALIGN_LEFT);
          last_category = s->category;
        }
      cells = g_new0 (char *, 4);
      cells[0] = g_strdup_printf ("%s　%s", s->organization, s->name);
      cells[1] = g_strdup (s->phone);
      cells[2] = g_strdup (s->hours);
      g_ptr_array_add (rows, cells);
    }
  if (rows->len > 0)
    {
      static const double widths[] = { 0.50, 0.22, 0.28 };
      tsg_pdf_writer_table (writer, 3, widths, rows, FALSE, 9);
    }
  /* The print code, bottom right: which point and print run brought her. */
  cairo_save (cr);
  {
    g_autoptr(PangoLayout) layout = tsg_pdf_writer_create_layout (writer, code, 8, FALSE, -1);
    int w, h;
    pango_layout_get_size (layout, &w, &h);
    cairo_move_to (cr, left + width - w / (double) PANGO_SCALE,
                   TSG_PDF_A4_HEIGHT - TSG_PDF_MM (12) - h / (double) PANGO_SCALE);
    pango_cairo_show_layout (cr, layout);
  }
  cairo_restore (cr);
  return TRUE;
}

static void
crop_marks (cairo_t *cr,
            double   x,
            double   y,
            double   w,
            double   h)
{
  const double gap = TSG_PDF_MM (1.5), len = TSG_PDF_MM (4);
  const double xs[] = { x, x + w }, ys[] = { y, y + h };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.3);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      {
        double dx = i == 0 ? -1 : 1, dy = j == 0 ? -1 : 1;
        cairo_move_to (cr, xs[i] + dx * gap, ys[j]);
        cairo_line_to (cr, xs[i] + dx * (gap + len), ys[j]);
        cairo_move_to (cr, xs[i], ys[j] + dy * gap);
        cairo_line_to (cr, xs[i], ys[j] + dy * (gap + len));
      }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* One small piece (card, sticker, bookmark) at (x, y). @tall lays it out
 * vertically (bookmarks). Only the first piece reports problems: they all
 * carry the same text. */
static gboolean
render_piece (TsgPdfWriter       *writer,
              const TsgFlyerSpec *spec,
              double              x,
              double              y,
              double              w,
              double              h,
              const char         *message,
              const char         *where,
              gboolean            tall,
              GPtrArray          *problems,
              GError            **error)
{
  const double pad = TSG_PDF_MM (3);
  double qr = tall ? w - 2 * pad - TSG_PDF_MM (8) : MIN (h - 2 * pad - TSG_PDF_MM (5), TSG_PDF_MM (22));
  double text_w = tall ? w - 2 * pad : w - 3 * pad - qr;
  double cy = y + pad;
  g_autofree char *dial = g_strdup_printf ("フリーダイヤル\n%s", spec->free_dial ? spec->free_dial : "");
  g_autofree char *line = g_strdup_printf ("LINE %s", spec->line_id ? spec->line_id : "");
  g_autofree char *code = code_line (spec);

  /* Bookmarks are tall and read at arm's length: larger type. */
  double k = tall ? 1.35 : 1.0;

  cy += draw_fitted (writer, spec->office_name, 7.5 * k, TRUE, x + pad, cy, text_w, TSG_PDF_MM (7 * k + 3),
                     _("The office name"), where, problems);
  cy += draw_fitted (writer, message, 7 * k, FALSE, x + pad, cy, text_w, TSG_PDF_MM (tall ? 40 : 10),
                     _("The message"), where, problems);
  cy += TSG_PDF_MM (tall ? 6 : 0);
  cy += draw_fitted (writer, dial, 10 * k, TRUE, x + pad, cy, text_w, TSG_PDF_MM (11 * k + 1),
                     _("The free-dial number"), where, problems);
  cy += draw_fitted (writer, line, 7 * k, FALSE, x + pad, cy, text_w, TSG_PDF_MM (4 * k),
                     _("The LINE ID"), where, problems);
  if (tall)
    cy += draw_fitted (writer, spec->office_hours ? spec->office_hours : "", 7 * k, FALSE, x + pad, cy,
                       text_w, TSG_PDF_MM (10), _("The opening hours"), where, problems);
  if (tall && cy + TSG_PDF_MM (2) + qr > y + h - TSG_PDF_MM (6) && problems != NULL)
    g_ptr_array_add (problems, g_strdup_printf (_("The text on %s leaves no room for the QR code: shorten it."), where));
  if (!draw_qr (writer, spec, tall ? x + (w - qr) / 2 : x + w - pad - qr,
                tall ? y + h - TSG_PDF_MM (6) - qr : y + pad, qr, error))
    return FALSE;
  draw_fitted (writer, code, 5.5, FALSE, x + pad, y + h - pad - TSG_PDF_MM (2.5), text_w,
               TSG_PDF_MM (3), _("The print code"), where, NULL);
  return TRUE;
}

static gboolean
render_grid (TsgPdfWriter       *writer,
             const TsgFlyerSpec *spec,
             int                 columns,
             int                 rows,
             double              w,
             double              h,
             const char         *message,
             const char         *where,
             gboolean            tall,
             GPtrArray          *problems,
             GError            **error)
{
  double x0 = (TSG_PDF_A4_WIDTH - columns * w) / 2;
  double y0 = (TSG_PDF_A4_HEIGHT - rows * h) / 2;

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < columns; c++)
      {
        double x = x0 + c * w, y = y0 + r * h;
        if (!render_piece (writer, spec, x, y, w, h, message, where, tall,
                           r == 0 && c == 0 ? problems : NULL, error))
          return FALSE;
        crop_marks (tsg_pdf_writer_get_cairo (writer), x, y, w, h);
      }
  return TRUE;
}

GBytes *
tsg_flyer_render (const TsgFlyerSpec *spec,
                  GPtrArray          *problems,
                  GError            **error)
{
  g_autoptr(TsgPdfWriter) writer = tsg_pdf_writer_new (TSG_PDF_A4_WIDTH, TSG_PDF_A4_HEIGHT);
  g_autoptr(GPtrArray) own_problems = NULL;
  g_autofree char *url = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (spec != NULL, NULL);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func (g_free);
  /* Check the URL before laying anything out: a bad one is bad input. */
  if (!(url = tsg_flyer_qr_url (spec, error)))
    return NULL;
  tsg_pdf_writer_set_title (writer, spec->office_name);

  switch (spec->template)
    {
    case TSG_FLYER_A4:
      tsg_pdf_writer_set_margins (writer, TSG_PDF_MM (15), TSG_PDF_MM (15), TSG_PDF_MM (18), TSG_PDF_MM (15));
      ok = render_flyer (writer, spec, problems, error);
      break;
    case TSG_FLYER_CARDS: /* 91 x 55 mm business cards, 2 x 5 */
      ok = render_grid (writer, spec, 2, 5, TSG_PDF_MM (91), TSG_PDF_MM (55),
                        "ひとりで悩まず、話してみませんか。相談は無料・匿名でもだいじょうぶ。",
                        _("the help card"), FALSE, problems, error);
      break;
    case TSG_FLYER_STICKER: /* 90 x 60 mm cubicle stickers, 2 x 4 */
      ok = render_grid (writer, spec, 2, 4, TSG_PDF_MM (90), TSG_PDF_MM (60),
                        "生理用品のこと、くらしのこと、困っていませんか。ひとりで悩まず相談を。",
                        _("the sticker"), FALSE, problems, error);
      break;
    case TSG_FLYER_BOOKMARK: /* 50 x 180 mm bookmarks, 4 x 1 */
      ok = render_grid (writer, spec, 4, 1, TSG_PDF_MM (50), TSG_PDF_MM (180),
                        "つらいとき、話せる場所があります。お金のこと、家族のこと、からだのこと。なんでも相談してください。",
                        _("the bookmark"), TRUE, problems, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return NULL;
  return tsg_pdf_writer_finish (writer, error);
}

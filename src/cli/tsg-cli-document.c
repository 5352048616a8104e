/* tsg-cli-document.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry per kind of document in the table below: each makes a PDF in
 * memory, and the file is written only when the whole document is made.
 */
#define G_LOG_DOMAIN "tsg-cli-document"

#include "config.h"

#include <glib/gi18n.h>

#include "tsg-cli-document.h"
#include "tsg-restock-list.h"
#include "tsg-store-flyers.h"

typedef GBytes *(*MakeDocument) (TsgStore                 *store,
                                 TsgActor                 *actor,
                                 const TsgDocumentRequest *request,
                                 gint64                    point_id,
                                 GError                  **error);

static GBytes *
make_flyer (TsgStore                 *store,
            TsgActor                 *actor,
            const TsgDocumentRequest *request,
            gint64                    point_id,
            GError                  **error)
{
  g_autoptr(TsgFlyerSpec) spec = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) pdf = NULL;
  TsgFlyerTemplate template;

  if (!tsg_flyer_template_from_id (request->kind, &template))
    g_assert_not_reached ();
  if (!(spec = tsg_store_flyer_spec (store, actor, template, NULL, 0, point_id, error)))
    return NULL;
  spec->english = request->english;
  /* A print run is recorded only for a point: the code on the paper then
   * tells which point brought which contacts. */
  if (point_id > 0)
    {
      spec->print_code = tsg_store_create_print_run (store, actor, point_id, template,
                                                     request->copies ? request->copies : 100, error);
      if (spec->print_code == NULL)
        return NULL;
    }
  if (!(pdf = tsg_flyer_render (spec, problems, error)))
    return NULL;
  if (problems->len > 0)
    {
      /* Nothing is cut silently: on the command line that is a failure. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, g_ptr_array_index (problems, 0));
      return NULL;
    }
  return g_steal_pointer (&pdf);
}

/* What to take where to bring every point (or --point) up to par. */
static GBytes *
make_restock_list (TsgStore                 *store,
                   TsgActor                 *actor,
                   const TsgDocumentRequest *request,
                   gint64                    point_id,
                   GError                  **error)
{
  return tsg_restock_list_render (store, actor, point_id, 0, error);
}

static const struct
{
  const char   *kind;
  MakeDocument  make;
} documents[] = {
  { "flyer", make_flyer },
  { "cards", make_flyer },
  { "sticker", make_flyer },
  { "bookmark", make_flyer },
  { "restock-list", make_restock_list },
};

gboolean
tsg_cli_document (TsgStore                 *store,
                  TsgActor                 *actor,
                  const TsgDocumentRequest *request,
                  GError                  **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  gint64 point_id = 0;

  if (request->output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--document needs --output FILE.pdf."));
      return FALSE;
    }
  if (request->point != NULL &&
      !(point_id = tsg_store_find_point (store, actor, request->point, error)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      if (g_strcmp0 (documents[i].kind, request->kind) == 0)
        {
          if (!(pdf = documents[i].make (store, actor, request, point_id, error)))
            return FALSE;
          return g_file_set_contents (request->output, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), error);
        }
      g_string_append_printf (kinds, "%s%s", i ? ", " : "", documents[i].kind);
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--document \"%s\" is not one of %s."), request->kind, kinds->str);
  return FALSE;
}

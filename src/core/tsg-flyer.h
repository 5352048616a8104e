/* tsg-flyer.h: flyers, help cards, stickers and bookmarks (PDF)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TSG_FLYER_A4,        /* the help-window flyer handed out with products */
  TSG_FLYER_CARDS,     /* business-card help cards, 10-up on A4 with crop marks */
  TSG_FLYER_STICKER,   /* toilet-cubicle sticker */
  TSG_FLYER_BOOKMARK,  /* bookmarks for bookshops and net cafes, 4-up on A4 */
} TsgFlyerTemplate;

/* One help window listed on the flyer. */
typedef struct
{
  char *category;      /* tsg_org_categories id, for grouping by need */
  char *organization;
  char *name;
  char *phone;
  char *hours;
} TsgFlyerService;

typedef struct
{
  TsgFlyerTemplate template;
  char      *office_name;
  char      *free_dial;
  char      *line_id;
  char      *line_url;       /* the QR code's target; the print code is added */
  char      *office_hours;
  char      *print_code;     /* the print run's code, printed and put in the QR URL */
  char      *point_name;     /* the distribution point the run is for */
  gboolean   english;        /* add an English line */
  GPtrArray *services;       /* TsgFlyerService* */
} TsgFlyerSpec;

TsgFlyerSpec *tsg_flyer_spec_new      (TsgFlyerTemplate template);
void          tsg_flyer_spec_free     (TsgFlyerSpec    *spec);
void          tsg_flyer_spec_add_service (TsgFlyerSpec *spec,
                                          const char   *category,
                                          const char   *organization,
                                          const char   *name,
                                          const char   *phone,
                                          const char   *hours);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgFlyerSpec, tsg_flyer_spec_free)

gboolean      tsg_flyer_template_from_id (const char       *id,
                                          TsgFlyerTemplate *template);
const char   *tsg_flyer_template_to_id   (TsgFlyerTemplate  template);

/* The URL the QR code carries: the LINE URL with the print code added as a
 * query parameter (where the URL has no fragment). NULL with @error when the
 * LINE URL is not an http(s) address. */
char         *tsg_flyer_qr_url        (const TsgFlyerSpec *spec,
                                       GError            **error);

/* Lays out the document. Problems that would otherwise be cut silently (text
 * too long for the card, a service that doesn't fit the page) are added to
 * @problems as sentences saying what and where; the PDF is still made so the
 * preview can show it. Bad input (no services on a flyer, a LINE URL that is
 * not a URL) is an error. */
GBytes       *tsg_flyer_render        (const TsgFlyerSpec *spec,
                                       GPtrArray          *problems,
                                       GError            **error);

G_END_DECLS

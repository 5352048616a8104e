/* tsg-store-flyers.h: what flyers need from the store, and print runs
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsg-flyer.h"
#include "tsg-store.h"

G_BEGIN_DECLS

/* A spec filled with the office details (office settings) and the chosen
 * services (@n_services == 0: one active service with a phone per need,
 * none at a confidential location). For @point_id > 0 the point's name is set. */
TsgFlyerSpec *tsg_store_flyer_spec        (TsgStore         *self,
                                           TsgActor         *actor,
                                           TsgFlyerTemplate  template,
                                           const gint64     *service_ids,
                                           guint             n_services,
                                           gint64            point_id,
                                           GError          **error);

/* A distribution point by id ("12") or code ("BOOK-MSK"); 0 with @error if none. */
gint64        tsg_store_find_point        (TsgStore         *self,
                                           TsgActor         *actor,
                                           const char       *id_or_code,
                                           GError          **error);

/* Records a print run (point, template, quantity, today) and returns its new
 * short code (e.g. "F7K2QX"), printed on the document and accepted by the
 * call log's "heard of us through" field. */
char         *tsg_store_create_print_run  (TsgStore         *self,
                                           TsgActor         *actor,
                                           gint64            point_id,
                                           TsgFlyerTemplate  template,
                                           guint             quantity,
                                           GError          **error);

/* The point a "heard of us through" code stands for: a point code or a print
 * run code. Returns 0 when the code is unknown. */
gint64        tsg_store_point_for_code    (TsgStore         *self,
                                           const char       *code);

/* For the flyer editor: (element-type TsgRow) id + [code, name] of the active
 * distribution points, and id + [category, organization, service] of the
 * active services at no confidential location. */
GPtrArray    *tsg_store_list_flyer_points   (TsgStore  *self,
                                             TsgActor  *actor,
                                             GError   **error);
GPtrArray    *tsg_store_list_flyer_services (TsgStore  *self,
                                             TsgActor  *actor,
                                             GError   **error);

G_END_DECLS

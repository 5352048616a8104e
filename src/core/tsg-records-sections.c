/* tsg-records-sections.c: the kinds of record in records JSON, in the order
 * they are imported (a kind comes after the kinds it refers to)
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each area adds its line here (and includes its header below). Import:
 * import_array. Export: export_array, or export_each for big kinds.
 */
#define G_LOG_DOMAIN "tsg-records"

#include "config.h"

#include "tsg-records-inventory.h"
#include "tsg-records-cases.h"
#include "tsg-records-private.h"

const TsgRecordsSection tsg_records_sections[] = {
  { "clients", _tsg_records_import_clients, NULL, _tsg_records_export_clients },
  /* after clients, before contacts, whose case_ref looks up context->ids "case:<ref>" */
  { "cases", _tsg_records_import_cases, NULL, _tsg_records_export_cases },
  { "contacts", _tsg_records_import_contacts, NULL, _tsg_records_export_contacts },
  /* Inventory: items before the points whose par levels name them, both
   * before the movements; movements after clients (client_ref). */
  { "items", _tsg_records_import_items, _tsg_records_export_items, NULL },
  { "distribution_points", _tsg_records_import_points, _tsg_records_export_points, NULL },
  { "stock_movements", _tsg_records_import_movements, NULL, _tsg_records_export_movements },
  { NULL }
};

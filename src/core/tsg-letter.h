/* tsg-letter.h: the referral letter (紹介状), an A4 Japanese business letter
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is a template the counsellor edits, with placeholders in braces:
 * {date} {organization} {department} {service} {service_phone}
 * {client_name} {client_kana} {client_age} {client_municipality}
 * {client_contact} {client_address} {case_code} {staff} {office_name}
 * {office_phone} {free_dial} {person_in_charge}. The client placeholders are
 * empty unless her consent allows them (TsgLetterData says what it does),
 * and a line whose placeholders are all empty is left out, so "ご住所：" never
 * stands alone.
 */
#pragma once

#include "tsg-store-directory.h"

G_BEGIN_DECLS

#define TSG_LETTER_ERROR (tsg_letter_error_quark ())

typedef enum
{
  TSG_LETTER_ERROR_PLACEHOLDER,   /* an unknown or unclosed {placeholder} */
} TsgLetterError;

GQuark       tsg_letter_error_quark       (void);

extern const char *const tsg_letter_placeholders[];

/* The office's default body, in the UI language. */
const char  *tsg_letter_default_body      (void);
/* 2025年4月1日, or 令和7年4月1日 when @era (和暦; 令和元年 for 2019). */
char        *tsg_letter_format_date       (GDateTime           *date,
                                           gboolean             era);
/* The body with its placeholders filled. */
char        *tsg_letter_expand            (const TsgLetterData *data,
                                           const char          *body,
                                           GDateTime           *date,
                                           gboolean             era,
                                           GError             **error);
/* The letter as PDF (fonts embedded). @date NULL = today. */
GBytes      *tsg_letter_render            (const TsgLetterData *data,
                                           GDateTime           *date,
                                           gboolean             era,
                                           GError             **error);
/* "referral-letter-<code>-<yyyymmdd>.pdf" */
char        *tsg_letter_suggested_filename (const TsgLetterData *data,
                                            GDateTime          *date);

G_END_DECLS

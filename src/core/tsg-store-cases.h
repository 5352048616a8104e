/* tsg-store-cases.h: clients, cases, the support plan, the timeline, consent
 * and reminders in the store
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every read of a client's or a case's record is audited as a view, every
 * change is audited, in the same transaction as the change. Reading needs
 * TSG_PERM_CASES_READ, writing TSG_PERM_CASES_WRITE. Bad input (dates that
 * contradict each other, an empty need, a merge of a client with herself)
 * gets TSG_STORE_ERROR_INVALID with one sentence naming the field, and
 * nothing is saved.
 *
 * Calendar dates are 'YYYY-MM-DD' in the office's zone; times are Unix
 * seconds (UTC).
 */
#pragma once

#include "tsg-store.h"

G_BEGIN_DECLS

#define TSG_CASES_ERROR (tsg_cases_error_quark ())

typedef enum
{
  /* The client has not agreed to share this with that agency (and no
   * override reason was given): the UI asks for one. */
  TSG_CASES_ERROR_NO_CONSENT,
} TsgCasesError;

GQuark tsg_cases_error_quark (void);

/* --- clients ----------------------------------------------------------- */

/* One client (相談者). Strings are owned; NULL = not given. */
typedef struct
{
  gint64    id;                /* 0 for a new client */
  char     *code;              /* pseudonymous, generated on create */
  char     *name;
  char     *kana;
  char     *age_band;          /* tsg_age_bands; NULL = "unknown" */
  char     *municipality;
  char     *household_notes;
  char     *address;           /* NULL when withheld from the reader */
  gboolean  address_withheld;  /* 住所秘匿 */
  char     *safe_contact;      /* the safe way and time to reach her */
  gboolean  never_call_back;
  gboolean  no_mail_home;
  char     *risk_level;        /* tsg_risk_levels, NULL = not assessed */
  gint64    risk_expires_at;   /* 0 = no expiry */
  gint64    merged_into;       /* read only: the client she was merged into */
  gint64    from_contact_id;   /* input only: take the repeat-caller hash from this contact */
  gint64    created_at;        /* read only */
  gint64    updated_at;        /* read only */
} TsgClient;

#define TSG_TYPE_CLIENT (tsg_client_get_type ())

GType       tsg_client_get_type (void) G_GNUC_CONST;
TsgClient  *tsg_client_new      (void);
TsgClient  *tsg_client_copy     (const TsgClient *client);
void        tsg_client_free     (TsgClient       *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgClient, tsg_client_free)

/* Inserts (id == 0, a code is generated) or updates a client. Returns the id, 0 on error. */
gint64      tsg_store_save_client      (TsgStore   *self,
                                        TsgActor   *actor,
                                        TsgClient  *client,
                                        GError    **error);
/* Audited as a view. The address of a client whose address is withheld is
 * left out unless the actor's role may read withheld addresses. */
TsgClient  *tsg_store_get_client       (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      id,
                                        GError    **error);

/* A possible duplicate, for the counsellor to decide on. */
typedef struct
{
  gint64  client_id;
  char   *code;
  char   *name;
  char   *kana;
  char   *age_band;
  gint64  last_contact_at;     /* 0 = none */
  guint   n_cases;
  gboolean same_name;          /* name or kana equal after folding */
  gboolean same_caller;        /* the same repeat-caller hash */
} TsgClientMatch;

void        tsg_client_match_free      (TsgClientMatch *match);

/* Clients (not merged away) whose name or kana equals @name or @kana after
 * width, kana and long-vowel folding (サトウ ハナコ = さとう はなこ = ｻﾄｳ ﾊﾅｺ),
 * or who called from the number of contact @from_contact_id. @exclude_id is
 * left out (0 = none), and the number she called from counts too.
 * Returns: (element-type TsgClientMatch), best first. */
GPtrArray  *tsg_store_find_duplicate_clients (TsgStore   *self,
                                              TsgActor   *actor,
                                              const char *name,
                                              const char *kana,
                                              gint64      from_contact_id,
                                              gint64      exclude_id,
                                              GError    **error);

/* Two records the duplicate check offered are two different women: the
 * pair is not offered again. Needs TSG_PERM_CASES_WRITE; audited. */
gboolean    tsg_store_keep_clients_apart (TsgStore   *self,
                                          TsgActor   *actor,
                                          gint64      client_id,
                                          gint64      other_id,
                                          GError    **error);

/* Moves every record of @other_id (contacts, cases, consents, referrals,
 * products handed over) to @keep_id, fills @keep_id's empty fields from
 * @other_id, keeps the safer of the two safety settings, and marks @other_id
 * merged_into @keep_id. Nothing is deleted. Refused for a client and herself. */
gboolean    tsg_store_merge_clients    (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      keep_id,
                                        gint64      other_id,
                                        GError    **error);

/* --- cases ------------------------------------------------------------- */

typedef struct
{
  gint64   id;
  gint64   client_id;
  char    *status;              /* tsg_case_statuses */
  gint64   lead_staff_id;
  char    *lead_name;           /* read only */
  gint64   opened_at;
  gint64   closed_at;           /* 0 = open */
  char    *title;
  GArray  *staff_ids;           /* gint64: other staff involved (read only here) */
} TsgCase;

void        tsg_case_free              (TsgCase *kase);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgCase, tsg_case_free)

/* Opens a case in 'intake' for @client_id (@opened_at 0 = now; the lead
 * 0 = the actor). With @from_contact_id, that contact (from the call log) is
 * linked to the client and the case. Returns the case id, 0 on error. */
gint64      tsg_store_open_case        (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        gint64      lead_staff_id,
                                        const char *title,
                                        gint64      opened_at,
                                        gint64      from_contact_id,
                                        GError    **error);
/* Opens a case for the woman of contact @contact_id: her client record
 * (created from the contact if the contact has none) and a case linked to
 * the contact, in one transaction. Returns the case id. */
gint64      tsg_store_open_case_from_contact (TsgStore *self,
                                              TsgActor *actor,
                                              gint64    contact_id,
                                              GError  **error);
/* Audited as a view. */
TsgCase    *tsg_store_get_case         (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      id,
                                        GError    **error);
/* intake → assessment → planning → support → monitoring → closed, one step
 * back when things get worse, closing from any status, reopening a closed
 * case to any open status. @reason must not be empty; @changed_on
 * ('YYYY-MM-DD', NULL = today) not before the case opened or the last change,
 * not in the future. Writes case_status_changes and a 'status' timeline event. */
gboolean    tsg_store_change_case_status (TsgStore   *self,
                                          TsgActor   *actor,
                                          gint64      case_id,
                                          const char *status,
                                          const char *reason,
                                          const char *changed_on,
                                          GError    **error);
gboolean    tsg_store_set_case_lead    (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        gint64      staff_id,
                                        GError    **error);
gboolean    tsg_store_set_case_staff   (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        gint64      staff_id,
                                        gboolean    involved,
                                        GError    **error);
/* Staff who can lead a case or own a task (active staff, and the actor).
 * Returns: (element-type TsgRow): id; display_name, role */
GPtrArray  *tsg_store_case_staff_choices (TsgStore *self,
                                          TsgActor *actor,
                                          GError  **error);
/* The cases of one client, newest first. Returns: (element-type TsgRow):
 * id; status, opened_at, title */
GPtrArray  *tsg_store_client_cases     (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        GError    **error);

/* Everything the case panel shows first, read in one transaction (one
 * commit of its audit rows): the case, her record, the plan, her consents
 * and the keys of the timeline (@kind NULL = all). */
typedef struct
{
  TsgCase   *kase;
  TsgClient *client;
  GPtrArray *plan;           /* tsg_store_case_plan () */
  GPtrArray *consents;       /* tsg_store_client_consents () */
  GArray    *timeline_keys;  /* tsg_store_timeline_keys () */
} TsgCaseView;

void         tsg_case_view_free        (TsgCaseView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsgCaseView, tsg_case_view_free)
TsgCaseView *tsg_store_read_case_view  (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        const char *kind,
                                        GError    **error);

/* --- needs assessment and support plan --------------------------------- */

gint64      tsg_store_add_need         (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        const char *domain,      /* tsg_need_domains */
                                        const char *description,
                                        int         priority,    /* 1 high, 2 medium, 3 low */
                                        GError    **error);
gboolean    tsg_store_update_need      (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      need_id,
                                        const char *domain,
                                        const char *description,
                                        int         priority,
                                        GError    **error);
gint64      tsg_store_add_goal         (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        gint64      need_id,     /* 0 = the case as a whole */
                                        const char *description,
                                        GError    **error);
/* @achieved_on NULL = not achieved (again); not in the future. */
gboolean    tsg_store_set_goal_achieved (TsgStore  *self,
                                         TsgActor  *actor,
                                         gint64     goal_id,
                                         const char *achieved_on,
                                         GError   **error);
/* @due_on may be NULL; not before the case opened. */
gint64      tsg_store_add_task         (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        gint64      goal_id,     /* 0 = none */
                                        const char *description,
                                        gint64      owner_staff_id, /* 0 = the actor */
                                        const char *due_on,
                                        GError    **error);
/* @done_on NULL = open again; not in the future. */
gboolean    tsg_store_set_task_done    (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      task_id,
                                        const char *done_on,
                                        GError    **error);
/* A review held on @reviewed_on (not in the future; NULL = only schedule
 * the next one), what changed, and the next review (after the review).
 * A scheduled review waiting for this case is filled in rather than
 * duplicated. Also writes a 'plan_review' timeline event. Returns the id. */
gint64      tsg_store_record_plan_review (TsgStore   *self,
                                          TsgActor   *actor,
                                          gint64      case_id,
                                          const char *reviewed_on,
                                          const char *summary,
                                          const char *next_review_on,
                                          GError    **error);

/* The plan of a case, for the case panel: one row per need, goal and task,
 * in plan order (a need, its goals, each goal's tasks; then tasks without a
 * goal). Audited as a view. Returns: (element-type TsgRow): id; see the enum. */
enum { TSG_PLAN_COL_KIND,        /* need, goal, task, review */
       TSG_PLAN_COL_PARENT_ID,   /* need of a goal, goal of a task */
       TSG_PLAN_COL_DOMAIN,      /* needs */
       TSG_PLAN_COL_DESCRIPTION,
       TSG_PLAN_COL_PRIORITY,    /* needs */
       TSG_PLAN_COL_OWNER,       /* tasks: display name */
       TSG_PLAN_COL_DUE_ON,      /* tasks: due; reviews: next review */
       TSG_PLAN_COL_DONE_ON,     /* tasks: done; goals: achieved; reviews: held */
       TSG_PLAN_N_COLS };
GPtrArray  *tsg_store_case_plan        (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        GError    **error);

/* A plan template (tsg-case-rules.h) creates a need, a goal, its tasks due
 * at +N days from @start_on (NULL = today) and a scheduled review, in one
 * transaction. Returns the need id. */
gint64      tsg_store_apply_plan_template (TsgStore   *self,
                                           TsgActor   *actor,
                                           gint64      case_id,
                                           const char *template_id,
                                           const char *start_on,
                                           GError    **error);

/* --- timeline ---------------------------------------------------------- */

/* An entry the counsellor adds: note, outreach, accompaniment, conference,
 * document (contacts, referrals, products, status changes and plan reviews
 * come from their own records). */
typedef struct
{
  gint64  case_id;
  char   *kind;            /* tsg_timeline_kinds */
  gint64  occurred_at;     /* 0 = now; not before the case opened, not in the future */
  char   *title;
  char   *body;            /* what happened (at the window, on the visit…) */
  gint64  service_id;      /* accompaniment: the destination (required), from the directory */
  int     travel_minutes;  /* -1 = not recorded */
} TsgTimelineEntry;

void        tsg_timeline_entry_clear   (TsgTimelineEntry *entry);
gint64      tsg_store_add_timeline_entry (TsgStore               *self,
                                          TsgActor               *actor,
                                          const TsgTimelineEntry *entry,
                                          GError                **error);

/* Columns of a timeline row (TsgRow values); the row id is a key that
 * names the entry's source record (see tsg_store_timeline_keys). */
enum { TSG_TIMELINE_COL_KIND,
       TSG_TIMELINE_COL_OCCURRED_AT,
       TSG_TIMELINE_COL_TITLE,
       TSG_TIMELINE_COL_BODY,        /* the first 240 characters in lists */
       TSG_TIMELINE_COL_STAFF,
       TSG_TIMELINE_COL_DESTINATION, /* "agency — service" */
       TSG_TIMELINE_COL_TRAVEL,      /* minutes, "" = not recorded */
       TSG_TIMELINE_COL_STATUS,      /* referral status, contact channel, item and quantity */
       TSG_TIMELINE_N_COLS };

/* The keys of everything in the case's chronology, newest first: timeline
 * entries, contacts from the call log, referrals, products handed over.
 * @kind NULL = all kinds. Audited as a view of the case. */
GArray     *tsg_store_timeline_keys    (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        const char *kind,
                                        GError    **error);
/* The rows of @keys, in their order (the bodies cut for lists). */
GPtrArray  *tsg_store_fetch_timeline   (TsgStore      *self,
                                        TsgActor      *actor,
                                        const gint64  *keys,
                                        guint          n_keys,
                                        GError       **error);
/* One entry in full, audited as a view. */
TsgRow     *tsg_store_get_timeline_entry (TsgStore   *self,
                                          TsgActor   *actor,
                                          gint64      key,
                                          GError    **error);

/* --- consent ----------------------------------------------------------- */

/* @organization_id 0 = any partner agency; @scope: tsg_consent_scopes
 * (tsg-case-rules.h); @given_on not in the future. Returns the id. */
gint64      tsg_store_add_consent      (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        gint64      organization_id,
                                        const char *scope,
                                        const char *given_on,
                                        GError    **error);
/* @withdrawn_on not before she gave it, not in the future. */
gboolean    tsg_store_withdraw_consent (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      consent_id,
                                        const char *withdrawn_on,
                                        GError    **error);
/* Returns: (element-type TsgRow): id; organization name ("" = any), scope,
 * given_on, withdrawn_on, organization_id */
enum { TSG_CONSENT_COL_ORGANIZATION, TSG_CONSENT_COL_SCOPE, TSG_CONSENT_COL_GIVEN_ON,
       TSG_CONSENT_COL_WITHDRAWN_ON, TSG_CONSENT_COL_ORGANIZATION_ID, TSG_CONSENT_N_COLS };
GPtrArray  *tsg_store_client_consents  (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        GError    **error);

/* Whether @client_id agreed, on @on_date ('YYYY-MM-DD', NULL = today), that
 * @scope may be shared with @organization_id (a consent for that agency or
 * for any agency, given on or before the date and not withdrawn by then).
 * A merged client's consents follow her. FALSE with @error unset = no consent. */
gboolean    tsg_store_consent_allows   (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        gint64      organization_id,
                                        const char *scope,
                                        const char *on_date,
                                        GError    **error);
/* The guard for a referral or a letter, to call inside its transaction:
 * TRUE when she consented; otherwise TRUE only with a non-empty
 * @override_reason, which is audited ("consent_override"); otherwise FALSE
 * with TSG_CASES_ERROR_NO_CONSENT. */
gboolean    tsg_store_require_consent  (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      client_id,
                                        gint64      organization_id,
                                        const char *scope,
                                        const char *override_reason,
                                        GError    **error);

/* --- reminders --------------------------------------------------------- */

/* Open tasks due on or before @on_date and reviews due by then, in open
 * cases, soonest first. @staff_id > 0: only that person's tasks and cases.
 * Returns: (element-type TsgRow): id = a key (a task: its id × 2; a plan
 * review: its case's id × 2 + 1); see the enum. */
enum { TSG_DUE_COL_KIND,          /* task, review */
       TSG_DUE_COL_CASE_ID,
       TSG_DUE_COL_CLIENT_CODE,
       TSG_DUE_COL_DESCRIPTION,
       TSG_DUE_COL_DUE_ON,
       TSG_DUE_COL_OWNER,
       TSG_DUE_N_COLS };
GPtrArray  *tsg_store_due_items        (TsgStore   *self,
                                        TsgActor   *actor,
                                        const char *on_date,
                                        gint64      staff_id,
                                        GError    **error);
/* The same in pages, for a list view: the keys (cheap, audited as a
 * listing), then the rows of the keys shown. */
GArray     *tsg_store_due_keys         (TsgStore      *self,
                                        TsgActor      *actor,
                                        const char    *on_date,
                                        gint64         staff_id,
                                        GError       **error);
GPtrArray  *tsg_store_fetch_due        (TsgStore      *self,
                                        TsgActor      *actor,
                                        const gint64  *keys,
                                        guint          n_keys,
                                        GError       **error);
/* Tasks due by @on_date that were not notified yet; marks them notified in
 * the same transaction so each fires once. Same columns as above. */
GPtrArray  *tsg_store_take_due_notifications (TsgStore   *self,
                                              TsgActor   *actor,
                                              const char *on_date,
                                              GError    **error);

/* Once a day per staff member: TRUE the first time it is asked on @on_date
 * (the start-up digest of what is due), FALSE after that. */
gboolean    tsg_store_claim_due_digest (TsgStore   *self,
                                        TsgActor   *actor,
                                        const char *on_date,
                                        GError    **error);

/* Organizations of the directory a consent can name. Returns: (element-type
 * TsgRow): id; name */
GPtrArray  *tsg_store_consent_organizations (TsgStore *self,
                                             TsgActor *actor,
                                             GError  **error);

/* --- export ------------------------------------------------------------ */

/* One case's full record as records JSON ({"clients": [...], "cases":
 * [...]}); a withheld address never leaves. Audited as an export. */
char       *tsg_store_export_case_json (TsgStore   *self,
                                        TsgActor   *actor,
                                        gint64      case_id,
                                        GError    **error);

G_END_DECLS

/*
 * app_score.h: the database-backed part of score contexts that depends
 * on the user's own calendar: committed hours of an invitation's month
 * and conflicts with accepted events. Both come from one list of the
 * accepted and attended events (struct app_committed), loaded with one
 * query for a whole batch and searched in memory, never one query per
 * invitation. The dashboard keeps that list and updates it in place when
 * a decision changes one invitation, so a triage key rescoring only what
 * depends on it stays in milliseconds.
 *
 * Track records and contacts (app_score.c) complete a context; the CLI
 * gets everything through app_score_all_enriched().
 */
#ifndef WORTHIT_APP_SCORE_H
#define WORTHIT_APP_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/db_track.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

/* One accepted or attended event, as far as committed hours and
 * conflicts need it. */
struct app_commit {
	int64_t id;
	int64_t starts_at, ends_at; /* UTC seconds */
	int64_t buffer_sec;         /* travel + preparation, seconds, >= 0 */
	double hours;               /* invitation_planned_hours() */
	char *title;                /* owned; for "overlaps accepted ..." */
	bool is_busy;               /* a busy event of the user's calendar, not
	                               an accepted invitation: a clash with it
	                               gates as GATE_BUSY (score v2) */
};

/* Accepted and attended events starting in [from, to). */
struct app_committed {
	struct app_commit *events;  /* sorted by (starts_at, id), ids unique */
	size_t len, cap;
	int64_t from, to;           /* UTC seconds: the range loaded */
	int64_t span;               /* longest event + its buffer, seconds:
	                               how far back an overlap can start */
};

/* What a list of many invitations keeps of each score: enough to rank,
 * sort by cost and draw a row (the full breakdown, 400-odd bytes, is
 * computed again for the one invitation shown in detail). */
struct app_score_brief {
	double total;
	int64_t cost_minor;
	enum score_verdict verdict;
	bool is_past, has_conflict;
};

void app_score_brief_of(const struct score_result *r, struct app_score_brief *b);

/* A local calendar month: [start, next), UTC seconds. */
struct app_month {
	int64_t start, next;
	bool has_hours;   /* as a memo (app_score_fill): hours is known */
	double hours;     /* committed hours starting in the month */
};

/* The local month holding t. memo (may be NULL) is a month computed
 * before: returned when it holds t, else overwritten, so a loop over
 * invitations in date order converts time zones once per month. A
 * memo is valid for one state of the committed list only. */
struct app_month app_score_month(int64_t t, struct app_month *memo);

/* The committed events a batch of invitations depends on: every one
 * starting in [full_from, to) (their months and the month of now, a
 * week after), and of those starting in [from, full_from) (the week
 * before) only the ones still busy (end + travel + preparation) after
 * busy_after, the earliest buffered start in the batch: the others can
 * conflict with none of them and count in none of their months. */
struct app_span {
	int64_t from, full_from, to; /* UTC seconds */
	int64_t busy_after;
};

/* The span of invitations invs[0..n) and the month of now. */
struct app_span app_score_span(const struct invitation *invs, size_t n, int64_t now);

/* Load the events of span into c (which it initialises; two queries).
 * Free with app_score_committed_done(), also after an error. */
enum wit_status app_score_committed_load(struct db *db, const struct app_span *span,
                                         struct app_committed *c, char **why);
void app_score_committed_done(struct app_committed *c);

/* inv's status changed: add a copy of it to c when it is now accepted
 * or attended (replacing an older copy), else remove it. */
void app_score_committed_update(struct app_committed *c, const struct invitation *inv);

/* Hours committed in [from, to) (invitation_planned_hours of each event
 * starting there), leaving out except_id (0 = none). */
double app_score_committed_hours(const struct app_committed *c, int64_t from, int64_t to,
                                 int64_t except_id);

/* Set ctx's committed_hours (inv's month, inv excluded) and, unless inv
 * is accepted or attended itself, its conflicts. Other fields stay.
 * memo: as for app_score_month(). */
void app_score_fill(const struct app_committed *c, const struct invitation *inv,
                    struct app_month *memo, struct score_context *ctx);

/* True when a change of `changed`'s status can alter inv's context:
 * inv starts in changed_month (the month of changed), or their buffered
 * time windows overlap. */
bool app_score_depends_on(const struct invitation *inv, const struct invitation *changed,
                          const struct app_month *changed_month);

/* Fill ctx[i] and out[i] for invs[0..n): committed hours, conflicts and
 * target-account attendees (no track records or contacts: see
 * app_score_all_enriched). One query for the whole batch. */
enum wit_status app_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                              const struct invitation *invs, size_t n,
                              struct score_context *ctx, struct score_result *out,
                              char **why);

/* The dashboard's batch: like app_score_all_enriched() (the CLI's scores,
 * exactly) but with committed events the caller loaded and keeps, and
 * only the brief of each score kept. */
enum wit_status app_score_batch(struct db *db, const struct wit_config *cfg, int64_t now,
                                const struct app_committed *c,
                                const struct invitation *invs, size_t n,
                                struct score_context *ctx, struct app_score_brief *out,
                                char **why);

/* --- track records and contacts: what the database adds beyond the
 * hours and conflicts of app_score_all() ----------------------------- */

struct app_score_person {
	char *key;       /* lower-cased e-mail or name */
	size_t contact;  /* index into contacts */
};

struct app_score_history {
	struct track_book track;
	struct contact *contacts;
	size_t n_contacts;
	int64_t *deals_minor;  /* per contact: deals they closed, all time */
	int64_t *credit_minor; /* per contact: revenue attribution ("first")
	                          credits them for people they introduced */
	struct score_track all; /* every kind's track summed */
	struct app_score_person *by_email; /* sorted by key */
	size_t n_email;
	struct app_score_person *by_name;  /* sorted by key */
	size_t n_name;
};

/* Track records of events before now, and every contact. Free with
 * app_score_history_done() (also after an error). */
enum wit_status app_score_history_load(struct db *db, int64_t now, struct app_score_history *d, char **why);
void app_score_history_done(struct app_score_history *d);

/*
 * Fill ctx's track records and count the attendees of inv who are
 * contacts (by e-mail address, else by exact name, case-insensitively;
 * each contact once): clients in n_clients, the others in n_warm; the
 * other attendees at cfg's target domains in n_target (so nobody counts
 * twice). The first client matched (else the first contact, else the
 * first target-account attendee) names contact_name.
 */
void app_score_enrich(const struct app_score_history *d, const struct wit_config *cfg,
                      const struct invitation *inv, struct score_context *ctx);

/*
 * Score a batch the way the dashboard does (app_score_all) with track
 * records and contacts added: ctx[i] and out[i] for invs[0..n).
 */
enum wit_status app_score_all_enriched(struct db *db, const struct wit_config *cfg, int64_t now,
                                    const struct invitation *invs, size_t n,
                                    struct score_context *ctx, struct score_result *out,
                                    char **why);

#endif

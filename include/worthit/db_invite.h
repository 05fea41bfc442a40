/*
 * db_invite.h: invitations and their audience shares in the database.
 * Matching is on (uid, recurrence_id). An import never overwrites what
 * the user decided: status changes only through decisions, except that
 * a cancellation marks an invitation cancelled (the decision history and
 * notes stay). A lower iTIP SEQUENCE than the stored one is stale.
 */
#ifndef WORTHIT_DB_INVITE_H
#define WORTHIT_DB_INVITE_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

enum db_upsert_result {
	DB_ADDED,
	DB_UPDATED,
	DB_UNCHANGED,
	DB_CANCELLED,
	DB_STALE /* lower SEQUENCE than stored: ignored */
};

/* Inside a transaction the caller opened. *id_out may be NULL. */
enum wit_status db_invite_upsert(struct db *db, const struct invitation *inv, int64_t now,
                                 enum db_upsert_result *res, int64_t *id_out, char **why);
/* Write the content of inv over stored row inv->id (status, uid and
 * recurrence_id untouched): the edit of db_journal_edit_facts(), which
 * journals it. Inside a transaction the caller opened. WIT_NOTFOUND
 * for an unknown id. */
enum wit_status db_invite_put_facts(struct db *db, const struct invitation *inv, int64_t now,
                                    char **why);
/* Mark (uid, recurrence_id) cancelled; recurrence_id "" with no exact row
 * cancels every occurrence of that uid. *res is DB_CANCELLED, DB_UNCHANGED
 * (already cancelled or unknown) or DB_STALE. */
enum wit_status db_invite_cancel(struct db *db, const struct invitation *inv, int64_t now,
                                 enum db_upsert_result *res, char **why);

/* WIT_NOTFOUND when there is no such id. out must be initialised. */
enum wit_status db_invite_get(struct db *db, int64_t id, struct invitation *out, char **why);

enum invite_order { ORDER_START, ORDER_START_DESC };

struct invite_filter {
	unsigned status_mask;  /* bit (1u << status); 0 = pending and maybe */
	int64_t from;          /* starts_at >= from; 0 = no lower bound */
	int64_t to;            /* starts_at < to; 0 = no upper bound */
	const char *text;      /* substring of title/organizer/location, or NULL */
	enum invite_order order;
	int limit;             /* 0 = no limit */
	int64_t busy_after;    /* db_invite_scan only: ends_at plus travel
	                          (unless virtual) and preparation > this;
	                          0 = no bound */
};

#define STATUS_MASK_ALL ((1u << STATUS_COUNT) - 1)

/* Append matching invitations (with shares) to out. */
enum wit_status db_invite_list(struct db *db, const struct invite_filter *f,
                               struct invitation_list *out, char **why);

/* Like db_invite_list for screens that score many rows at once: only
 * what scoring and the dashboard use (uid, recurrence_id, tzid,
 * source_file, description, url and categories stay NULL), through the
 * (status, starts_at) index, in no particular order; f->order and
 * f->limit are ignored. */
enum wit_status db_invite_list_brief(struct db *db, const struct invite_filter *f,
                                     struct invitation_list *out, char **why);

/* Called by db_invite_scan for each row; inv is borrowed for the call. */
typedef void (*db_invite_scan_fn)(const struct invitation *inv, void *arg);
/* Each invitation matching f (busy_after included), passed to fn with
 * only what committed hours and conflicts need: id, title, kind,
 * status, starts_at, ends_at, all_day, reach, travel_min and prep_min
 * (the rest empty, no shares); no list is built. */
enum wit_status db_invite_scan(struct db *db, const struct invite_filter *f,
                               db_invite_scan_fn fn, void *arg, char **why);

/* Count invitations with a status in status_mask (0 = pending and
 * maybe) starting in [from, to) (0 = unbounded), using the
 * (status, starts_at) index. */
enum wit_status db_invite_count_status(struct db *db, unsigned status_mask, int64_t from,
                                       int64_t to, int64_t *n, char **why);

/* Set status without recording a decision (used by db_decision). */
enum wit_status db_invite_set_status(struct db *db, int64_t id, enum invite_status st,
                                     int64_t now, char **why);

/* Count invitations per status. counts has STATUS_COUNT entries. */
enum wit_status db_invite_count(struct db *db, int64_t from, int64_t counts[], char **why);

#endif

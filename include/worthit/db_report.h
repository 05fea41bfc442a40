/*
 * db_report.h: what past events, organizers and relationships brought,
 * aggregated in SQL (never by loading every outcome into memory).
 *
 * Months are local calendar months ("YYYY-MM", SQLite 'localtime': the
 * zone of the process). Aggregates read the summary tables that schema
 * migration 2 keeps up to date on every outcome write, plus the raw
 * outcomes of the partial months at either end of a date range, so the
 * cost is O(months + events in the two edge months) whatever the size
 * of the history. Revenue is the revenue logged with outcomes; deals
 * and their amounts are the contact reports' business.
 */
#ifndef WORTHIT_DB_REPORT_H
#define WORTHIT_DB_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/attrib.h"
#include "worthit/db.h"
#include "worthit/status.h"

enum report_group { REPORT_BY_KIND, REPORT_BY_ORGANIZER, REPORT_BY_MONTH, REPORT_GROUP_COUNT };

/* Sums of outcomes of the events of one group. */
struct report_row {
	char *key;              /* kind name, organizer ("" = unknown), YYYY-MM */
	int64_t events;
	int64_t minutes;        /* logged actual time, travel included */
	int64_t contacts;
	int64_t leads;
	int64_t meetings;
	int64_t deals;
	int64_t revenue_minor;
	int64_t rated;          /* events with a rating */
	int64_t rating_sum;
};

/* No bound: pass REPORT_OPEN_FROM / REPORT_OPEN_TO. */
#define REPORT_OPEN_FROM 0
#define REPORT_OPEN_TO INT64_C(253402128000) /* 9999-12-30T00:00:00Z: still year
                                                 9999 in local time everywhere */

/*
 * Outcomes of events starting in [from, to), grouped. Kinds and
 * organizers come by revenue (highest first) then name; months in
 * order. *rows is allocated (NULL when *n == 0); free with
 * db_report_free_rows().
 */
enum wit_status db_report_aggregate(struct db *db, enum report_group by, int64_t from,
                                    int64_t to, struct report_row **rows, size_t *n, char **why);
void db_report_free_rows(struct report_row *rows, size_t n);

/* Deals per contact closed in [from, to). */
struct report_contact {
	int64_t contact_id;
	char *name;
	char *company;          /* NULL when unknown */
	bool is_client;
	int64_t met_at;         /* invitation id, 0 = unknown */
	int64_t deals;
	int64_t revenue_minor;
	int64_t first_deal_at;  /* 0 when no deals */
	int64_t last_deal_at;
};

/* Every contact, by revenue (highest first) then name. Free with
 * db_report_free_contacts(). */
enum wit_status db_report_contacts(struct db *db, int64_t from, int64_t to,
                                   struct report_contact **rows, size_t *n, char **why);
void db_report_free_contacts(struct report_contact *rows, size_t n);

/* Attribution: see docs/attribution.md. */
struct attrib_contact {
	int64_t contact_id;
	char *name;
	int64_t met_at;          /* invitation id, 0 = not met at an event */
	int64_t *referrers;      /* who introduced them, ascending ids */
	size_t n_referrers;
	int64_t direct_deals;    /* deals they closed themselves */
	int64_t direct_minor;
	int64_t downstream_minor; /* full amounts of deals closed by people
	                             they introduced, at any depth */
	int64_t credit_minor;    /* their share under the model */
};

struct attrib_origin {
	int64_t invitation_id;   /* 0: relationships with no recorded event */
	char *title;             /* NULL for 0 */
	int64_t starts_at;
	int64_t credit_minor;    /* credit of the contacts met there */
};

struct attrib_report {
	enum attrib_model model;
	struct attrib_contact *contacts; /* every contact, ascending id */
	size_t n_contacts;
	struct attrib_origin *origins;   /* by credit, highest first */
	size_t n_origins;
	int64_t deals;                   /* deals in the range */
	int64_t total_minor;             /* their amounts; == sum of credits */
};

/*
 * Trace the deals closed in [from, to) back along referral chains of
 * any depth (a recursive query over contact.referred_by and table
 * referral) and split each one with attrib_split(). out is filled even
 * on error; free it with db_report_attribution_done().
 */
enum wit_status db_report_attribution(struct db *db, enum attrib_model model, int64_t from,
                                      int64_t to, struct attrib_report *out, char **why);
void db_report_attribution_done(struct attrib_report *r);

/* Calibration: what events brought by the score they had when decided
 * (the newest live decision about them that has a score). */
#define CALIB_BANDS 5 /* 0-20, 20-40, 40-60, 60-80, 80-100 */

struct calib_band {
	int lo, hi;              /* score range [lo, hi); the last includes 100 */
	struct report_row sums;  /* key NULL */
	int64_t produced;        /* events that brought a lead, a meeting, a
	                            deal or revenue: anything at all */
};

/*
 * Outcomes of events starting in [from, to) by score band; events with
 * no recorded score are counted in *unscored (may be NULL). Shared with
 * the weights view.
 */
enum wit_status db_report_calibration(struct db *db, int64_t from, int64_t to,
                                      struct calib_band bands[CALIB_BANDS], int64_t *unscored,
                                      char **why);

/* The SQL text behind each report (parameters ?1 = from, ?2 = to), for
 * benchmarks and EXPLAIN QUERY PLAN: the exact statements run above. */
enum report_query {
	RQ_BY_KIND, RQ_BY_ORGANIZER, RQ_BY_MONTH, RQ_CONTACTS, RQ_CALIBRATION, RQ_ATTRIBUTION,
	RQ_COUNT
};
const char *db_report_sql(enum report_query q);

/* One past event with its outcome, for the history view's table. */
struct report_event {
	int64_t invitation_id;
	char *title;
	char *organizer;         /* NULL when unknown */
	char kind[16];           /* kind name */
	int64_t starts_at;
	int64_t ends_at;
	bool all_day;            /* starts_at/ends_at are 00:00 UTC of dates */
	int64_t minutes;
	int leads;
	int deals;
	int64_t revenue_minor;
	int rating;              /* 0 = not rated */
	double score;            /* at decision time, -1 = none recorded */
};

/* The newest `limit` events with an outcome starting before `before`,
 * newest first (through the starts_at index, so it costs `limit` rows
 * whatever the size of the history). Free with db_report_free_events(). */
enum wit_status db_report_events(struct db *db, int64_t before, size_t limit,
                                 struct report_event **rows, size_t *n, char **why);
void db_report_free_events(struct report_event *rows, size_t n);

#endif

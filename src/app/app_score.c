/*
 * app_score.c: committed hours and conflicts for score contexts (see
 * app_score.h). The accepted and attended events of a span are read
 * once (db_invite_scan, into small app_commit records) and sorted by
 * start; each invitation then finds its month's committed hours (summed
 * once per month) and its conflicts by binary search, so scoring 10,000
 * invitations stays in milliseconds, and a decision edits the sorted
 * list in place instead of reloading it.
 *
 * Invariant: events is sorted by (starts_at, id) and holds each id once,
 * so the first conflict named is the earliest-starting one, as the CLI
 * names it.
 *
 * It also owns what the database adds beyond hours and conflicts: the
 * track records by kind, organizer and series, the rooms' history (all
 * events, people met), and the user's contacts among the organizer and
 * attendees with their roles and money (deals, attribution credit).
 * Busy events of the user's calendar enter the committed list as
 * app_commit with is_busy set: a clash with one gates as GATE_BUSY. Contacts are indexed once by lower-cased e-mail
 * and name for binary search, so enriching 10,000 invitations costs a
 * few lookups per attendee line, not a query.
 */
#include "worthit/app_score.h"
#include "worthit/app_invites.h"
#include "worthit/clock.h"
#include "worthit/db_invite.h"
#include "worthit/db_contact.h"
#include "worthit/db_report.h"
#include "worthit/attrib.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Committed events are loaded from this long before the first month
 * needed, so that one that started earlier and still overlaps is seen:
 * longer events than this are not networking events. */
#define MARGIN_SEC (7 * DAY_SEC)

struct app_month app_score_month(int64_t t, struct app_month *memo)
{
	if (memo != NULL && t >= memo->start && t < memo->next)
		return *memo;
	int off = clock_local_offset(t), y, m, d;
	int64_t days = (t + off) / DAY_SEC - ((t + off) % DAY_SEC < 0);
	time_civil_from_days(days, &y, &m, &d);
	int64_t s = time_from_utc_fields(y, m, 1, 0, 0, 0);
	int64_t n = time_from_utc_fields(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, 0, 0, 0);
	/* local midnight of the 1st: UTC fields minus the offset in force
	 * near it (t's offset locates "near" to within a DST shift) */
	struct app_month r = { s - clock_local_offset(s - off), n - clock_local_offset(n - off),
		               false, 0 };
	if (memo != NULL)
		*memo = r;
	return r;
}

static bool is_committed(enum invite_status st)
{
	return st == STATUS_ACCEPTED || st == STATUS_ATTENDED;
}

/* Earliest start and latest end of a batch; false when it is empty. */
static bool batch_bounds(const struct invitation *invs, size_t n, int64_t *lo, int64_t *hi)
{
	*lo = INT64_MAX;
	*hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		*lo = invs[i].starts_at < *lo ? invs[i].starts_at : *lo;
		*hi = invs[i].ends_at > *hi ? invs[i].ends_at : *hi;
	}
	return n > 0;
}

static int64_t buffer_sec(const struct invitation *inv)
{
	int travel = inv->reach == REACH_VIRTUAL ? 0 : inv->travel_min;
	return (int64_t)(travel + inv->prep_min) * 60;
}

/* The span of starts in [lo, hi] for invs[0..n). */
static struct app_span span_of(const struct invitation *invs, size_t n, int64_t lo, int64_t hi)
{
	struct app_span s;
	s.full_from = app_score_month(lo, NULL).start;
	s.from = s.full_from - MARGIN_SEC;
	s.to = app_score_month(hi, NULL).next + MARGIN_SEC;
	s.busy_after = INT64_MAX;
	for (size_t i = 0; i < n; i++) {
		int64_t b = invs[i].starts_at - buffer_sec(&invs[i]);
		s.busy_after = b < s.busy_after ? b : s.busy_after;
	}
	return s;
}

struct app_span app_score_span(const struct invitation *invs, size_t n, int64_t now)
{
	int64_t lo, hi;
	if (!batch_bounds(invs, n, &lo, &hi))
		lo = hi = now;
	lo = now < lo ? now : lo;
	hi = now > hi ? now : hi;
	return span_of(invs, n, lo, hi);
}

/* ---- the committed list ------------------------------------------ */

static int by_start(const void *pa, const void *pb)
{
	const struct app_commit *a = pa, *b = pb;
	if (a->starts_at != b->starts_at)
		return a->starts_at < b->starts_at ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static void update_span(struct app_committed *c)
{
	c->span = 0;
	for (size_t i = 0; i < c->len; i++) {
		const struct app_commit *e = &c->events[i];
		int64_t s = e->ends_at - e->starts_at + e->buffer_sec;
		c->span = s > c->span ? s : c->span;
	}
}

/* Append inv (unsorted); db_invite_scan's callback. */
static void commit_push(const struct invitation *inv, void *arg)
{
	struct app_committed *c = arg;
	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->events = xreallocarray(c->events, c->cap, sizeof *c->events);
	}
	c->events[c->len++] = (struct app_commit){
		.id = inv->id,
		.starts_at = inv->starts_at,
		.ends_at = inv->ends_at,
		.buffer_sec = buffer_sec(inv),
		.hours = invitation_planned_hours(inv),
		.title = xstrdup(inv->title != NULL ? inv->title : ""),
	};
}

enum wit_status app_score_committed_load(struct db *db, const struct app_span *span,
                                         struct app_committed *c, char **why)
{
	struct invite_filter f = { 0 };
	memset(c, 0, sizeof *c);
	c->from = span->from;
	c->to = span->to;
	f.status_mask = (1u << STATUS_ACCEPTED) | (1u << STATUS_ATTENDED);
	f.from = span->full_from;
	f.to = span->to;
	enum wit_status st = db_invite_scan(db, &f, commit_push, c, why);
	f.from = span->from;
	f.to = span->full_from;
	f.busy_after = span->busy_after;
	if (st == WIT_OK && span->busy_after != INT64_MAX)
		st = db_invite_scan(db, &f, commit_push, c, why);
	if (c->len > 0)
		qsort(c->events, c->len, sizeof *c->events, by_start);
	update_span(c);
	return st;
}

void app_score_committed_done(struct app_committed *c)
{
	for (size_t i = 0; i < c->len; i++)
		free(c->events[i].title);
	free(c->events);
	memset(c, 0, sizeof *c);
}

/* First index whose start is >= t. */
static size_t lower_bound(const struct app_committed *c, int64_t t)
{
	size_t lo = 0, hi = c->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->events[mid].starts_at < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void app_score_committed_update(struct app_committed *c, const struct invitation *inv)
{
	for (size_t i = 0; i < c->len; i++)
		if (c->events[i].id == inv->id) {
			free(c->events[i].title);
			memmove(&c->events[i], &c->events[i + 1], (c->len - i - 1) * sizeof *c->events);
			c->len--;
			break;
		}
	if (is_committed(inv->status) && inv->starts_at >= c->from && inv->starts_at < c->to) {
		commit_push(inv, c);
		struct app_commit e = c->events[c->len - 1];
		size_t at = c->len - 1;
		for (; at > 0 && by_start(&c->events[at - 1], &e) > 0; at--)
			c->events[at] = c->events[at - 1];
		c->events[at] = e;
	}
	update_span(c);
}

double app_score_committed_hours(const struct app_committed *c, int64_t from, int64_t to,
                                 int64_t except_id)
{
	double h = 0;
	for (size_t j = lower_bound(c, from); j < c->len && c->events[j].starts_at < to; j++)
		if (c->events[j].id != except_id)
			h += c->events[j].hours;
	return h;
}

static void find_conflicts(const struct app_committed *c, const struct invitation *inv,
                           struct score_context *ctx)
{
	int64_t b = buffer_sec(inv);
	int64_t lo = inv->starts_at - b, hi = inv->ends_at + b;
	for (size_t j = lower_bound(c, lo - c->span); j < c->len; j++) {
		const struct app_commit *a = &c->events[j];
		if (a->starts_at - a->buffer_sec >= hi)
			break;
		if (a->id == inv->id || a->ends_at + a->buffer_sec <= lo)
			continue;
		if (ctx->n_conflicts++ == 0) {
			ctx->conflict_id = a->id;
			ctx->conflict_is_busy = a->is_busy;
			snprintf(ctx->conflict_title, sizeof ctx->conflict_title, "%s", a->title);
		}
	}
}

void app_score_fill(const struct app_committed *c, const struct invitation *inv,
                    struct app_month *memo, struct score_context *ctx)
{
	struct app_month m = app_score_month(inv->starts_at, memo);
	if (is_committed(inv->status) || memo == NULL) {
		ctx->committed_hours = app_score_committed_hours(c, m.start, m.next, inv->id);
	} else {
		/* not in c, so nothing to leave out: the month's sum, once */
		if (!memo->has_hours) {
			memo->hours = app_score_committed_hours(c, m.start, m.next, 0);
			memo->has_hours = true;
		}
		ctx->committed_hours = memo->hours;
	}
	ctx->n_conflicts = 0;
	ctx->conflict_id = 0;
	ctx->conflict_is_busy = false;
	ctx->conflict_title[0] = '\0';
	if (!is_committed(inv->status))
		find_conflicts(c, inv, ctx);
}

bool app_score_depends_on(const struct invitation *inv, const struct invitation *changed,
                          const struct app_month *changed_month)
{
	if (inv->starts_at >= changed_month->start && inv->starts_at < changed_month->next)
		return true;
	int64_t bi = buffer_sec(inv), bc = buffer_sec(changed);
	return inv->starts_at - bi < changed->ends_at + bc &&
	       changed->starts_at - bc < inv->ends_at + bi;
}

/* ---- batches -------------------------------------------------------- */

static void context_start(struct score_context *ctx, const struct invitation *inv, int64_t now)
{
	score_context_init(ctx);
	ctx->now = now;
	ctx->utc_offset_sec = clock_local_offset(inv->starts_at);
}

enum wit_status app_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                              const struct invitation *invs, size_t n,
                              struct score_context *ctx, struct score_result *out,
                              char **why)
{
	struct app_committed c;
	int64_t lo, hi;
	memset(&c, 0, sizeof c);
	enum wit_status st = WIT_OK;
	if (batch_bounds(invs, n, &lo, &hi)) {
		struct app_span span = span_of(invs, n, lo, hi);
		st = app_score_committed_load(db, &span, &c, why);
	}
	struct app_month memo = { 0 };
	for (size_t i = 0; i < n; i++) {
		context_start(&ctx[i], &invs[i], now);
		app_score_fill(&c, &invs[i], &memo, &ctx[i]);
		ctx[i].n_target = score_match_targets(&invs[i], cfg, ctx[i].contact_name,
		                                      sizeof ctx[i].contact_name);
		ctx[i].people.target = ctx[i].n_target;
		score_compute(&invs[i], &ctx[i], cfg, &out[i]);
	}
	app_score_committed_done(&c);
	return st;
}

void app_score_brief_of(const struct score_result *r, struct app_score_brief *b)
{
	*b = (struct app_score_brief){ r->total, r->cost_minor, r->verdict, r->is_past,
		                       r->has_conflict };
}

enum wit_status app_score_batch(struct db *db, const struct wit_config *cfg, int64_t now,
                                const struct app_committed *c,
                                const struct invitation *invs, size_t n,
                                struct score_context *ctx, struct app_score_brief *out,
                                char **why)
{
	struct app_score_history d;
	enum wit_status st = app_score_history_load(db, now, &d, why);
	struct app_month memo = { 0 };
	struct score_plan plan; /* the knobs compiled once for the batch */
	struct score_result r;
	score_plan_init(&plan, cfg);
	for (size_t i = 0; i < n; i++) {
		/* app_score_enrich sets the contacts and target accounts that
		 * score_match_targets would: the CLI's figures, one pass */
		context_start(&ctx[i], &invs[i], now);
		app_score_fill(c, &invs[i], &memo, &ctx[i]);
		if (st == WIT_OK)
			app_score_enrich(&d, cfg, &invs[i], &ctx[i]);
		score_plan_compute(&plan, &invs[i], &ctx[i], cfg, &r);
		app_score_brief_of(&r, &out[i]);
	}
	app_score_history_done(&d);
	return st;
}

/* --- track records and contacts ------------------------------------------ */

static char *lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	for (char *p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct app_score_person *)a)->key,
	              ((const struct app_score_person *)b)->key);
}

static void index_contacts(struct app_score_history *d)
{
	d->by_email = xcalloc(d->n_contacts + 1, sizeof *d->by_email);
	d->by_name = xcalloc(d->n_contacts + 1, sizeof *d->by_name);
	for (size_t i = 0; i < d->n_contacts; i++) {
		const struct contact *c = &d->contacts[i];
		if (c->email != NULL && *c->email != '\0')
			d->by_email[d->n_email++] =
				(struct app_score_person){ lower_dup(c->email, strlen(c->email)), i };
		if (c->name != NULL && *c->name != '\0')
			d->by_name[d->n_name++] =
				(struct app_score_person){ lower_dup(c->name, strlen(c->name)), i };
	}
	qsort(d->by_email, d->n_email, sizeof *d->by_email, by_key);
	qsort(d->by_name, d->n_name, sizeof *d->by_name, by_key);
}

static int by_contact_id(const void *a, const void *b)
{
	int64_t x = ((const struct attrib_contact *)a)->contact_id;
	int64_t y = ((const struct attrib_contact *)b)->contact_id;
	return (x > y) - (x < y);
}

/* Per contact: their own deals, and what attribution ("first": the
 * person at the root of a referral chain) credits them beyond those:
 * what the people they introduced brought. */
static enum wit_status load_money(struct db *db, struct app_score_history *d, char **why)
{
	d->deals_minor = xcalloc(d->n_contacts + 1, sizeof *d->deals_minor);
	d->credit_minor = xcalloc(d->n_contacts + 1, sizeof *d->credit_minor);
	struct attrib_report rep;
	enum wit_status st = db_report_attribution(db, ATTRIB_FIRST, INT64_MIN, INT64_MAX, &rep,
	                                           why);
	for (size_t i = 0; st == WIT_OK && i < d->n_contacts; i++) {
		struct attrib_contact probe = { .contact_id = d->contacts[i].id };
		const struct attrib_contact *a =
			bsearch(&probe, rep.contacts, rep.n_contacts, sizeof probe, by_contact_id);
		if (a == NULL)
			continue;
		d->deals_minor[i] = a->direct_minor;
		int64_t own = a->n_referrers == 0 ? a->direct_minor : 0;
		d->credit_minor[i] = a->credit_minor > own ? a->credit_minor - own : 0;
	}
	db_report_attribution_done(&rep);
	return st;
}

/* Every kind's track summed: the user's history of rooms. people_met
 * stays 0: the engine counts people_met (the knob) per past event. */
static void sum_rooms(struct app_score_history *d)
{
	memset(&d->all, 0, sizeof d->all);
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct score_track *t = &d->track.by_kind[k];
		d->all.events += t->events;
		d->all.hours += t->hours;
		d->all.leads += t->leads;
		d->all.deals += t->deals;
		d->all.revenue_minor += t->revenue_minor;
	}
}

enum wit_status app_score_history_load(struct db *db, int64_t now, struct app_score_history *d, char **why)
{
	memset(d, 0, sizeof *d);
	enum wit_status st = db_track_load(db, now, &d->track, why);
	if (st == WIT_OK)
		st = db_contact_list(db, &d->contacts, &d->n_contacts, why);
	if (st == WIT_OK)
		index_contacts(d);
	if (st == WIT_OK)
		st = load_money(db, d, why);
	if (st == WIT_OK)
		sum_rooms(d);
	return st;
}

void app_score_history_done(struct app_score_history *d)
{
	db_track_done(&d->track);
	for (size_t i = 0; i < d->n_email; i++)
		free(d->by_email[i].key);
	for (size_t i = 0; i < d->n_name; i++)
		free(d->by_name[i].key);
	free(d->by_email);
	free(d->by_name);
	db_contact_free_all(d->contacts, d->n_contacts);
	free(d->deals_minor);
	free(d->credit_minor);
	memset(d, 0, sizeof *d);
}

/* [s, s+n) trimmed of blanks and quotes. */
static void trim(const char **s, size_t *n)
{
	while (*n > 0 && (isspace((unsigned char)**s) || **s == '"')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (isspace((unsigned char)(*s)[*n - 1]) || (*s)[*n - 1] == '"'))
		(*n)--;
}

static long find_person(const struct app_score_person *v, size_t n, const char *s, size_t len)
{
	if (len == 0 || n == 0)
		return -1;
	char *key = lower_dup(s, len);
	struct app_score_person probe = { key, 0 };
	const struct app_score_person *p = bsearch(&probe, v, n, sizeof *v, by_key);
	free(key);
	return p != NULL ? (long)p->contact : -1;
}

/* The contact an attendee line ("Name <addr>", "addr", "mailto:addr"
 * or a bare name) names, by address first, else by name; or -1. */
static long match_line(const struct app_score_history *d, const char *line, size_t len)
{
	const char *lt = memchr(line, '<', len);
	const char *name = line, *addr = "";
	size_t name_len = 0, addr_len = 0;
	if (lt != NULL) {
		name_len = (size_t)(lt - line);
		addr = lt + 1;
		const char *gt = memchr(addr, '>', len - name_len - 1);
		addr_len = gt != NULL ? (size_t)(gt - addr) : len - name_len - 1;
	} else if (memchr(line, '@', len) != NULL) {
		addr = line;
		addr_len = len;
	} else {
		name_len = len;
	}
	trim(&addr, &addr_len);
	if (addr_len > 7 && strncasecmp(addr, "mailto:", 7) == 0) {
		addr += 7;
		addr_len -= 7;
	}
	trim(&name, &name_len);
	long c = find_person(d->by_email, d->n_email, addr, addr_len);
	return c >= 0 ? c : find_person(d->by_name, d->n_name, name, name_len);
}

/* Count contact c (index) once in ctx's people, by role: a client
 * (repeat business: their deals) and a referrer (revenue credited to
 * them) both count; a prospect if not a client; warm if neither. */
static void count_person(const struct app_score_history *d, long c, struct score_context *ctx)
{
	const struct contact *k = &d->contacts[c];
	struct score_people *p = &ctx->people;
	bool is_referrer = d->credit_minor != NULL && d->credit_minor[c] > 0;
	if (k->is_client) {
		p->clients++;
		p->client_deals_minor += d->deals_minor != NULL ? d->deals_minor[c] : 0;
	} else if (k->is_prospect) {
		p->prospects++;
	}
	if (is_referrer) {
		p->referrers++;
		p->referrer_credit_minor += d->credit_minor[c];
	}
	if (!k->is_client && !k->is_prospect && !is_referrer)
		p->warm++;
}

/* How much a person says about an invitation, for the one name shown:
 * a client or referrer first, then a prospect, then anyone known. */
static int person_rank(const struct app_score_history *d, long c)
{
	const struct contact *k = &d->contacts[c];
	bool is_referrer = d->credit_minor != NULL && d->credit_minor[c] > 0;
	return k->is_client || is_referrer ? 3 : k->is_prospect ? 2 : 1;
}

struct people_scan {
	long seen[64];
	size_t n_seen;
	const char *named;
	int named_rank;
	char target_name[SCORE_NAME_MAX];
};

/* One person line (an attendee, or the organizer): counted once. */
static void scan_person(const struct app_score_history *d, const struct wit_config *cfg,
                        const char *p, size_t len, bool is_organizer, struct people_scan *s,
                        struct score_context *ctx)
{
	long c = match_line(d, p, len);
	bool dup = false;
	for (size_t i = 0; i < s->n_seen && !dup; i++)
		dup = s->seen[i] == c;
	if (c >= 0 && !dup) {
		if (s->n_seen < sizeof s->seen / sizeof *s->seen)
			s->seen[s->n_seen++] = c;
		count_person(d, c, ctx);
		ctx->people.organizer_known |= is_organizer;
		int rank = person_rank(d, c);
		if (s->named == NULL || rank > s->named_rank) {
			s->named = d->contacts[c].name;
			s->named_rank = rank;
		}
	} else if (c < 0 && len > 0 && !is_organizer && score_attendee_is_target(cfg, p, len)) {
		if (ctx->people.target++ == 0)
			score_attendee_name(p, len, s->target_name, sizeof s->target_name);
	}
}

void app_score_enrich(const struct app_score_history *d, const struct wit_config *cfg,
                      const struct invitation *inv, struct score_context *ctx)
{
	db_track_lookup(&d->track, inv, ctx->track);
	/* no organizer is no one in particular: the track record of "no
	 * organizer" would pool strangers' meetings */
	if (inv->organizer == NULL || inv->organizer[0] == '\0')
		memset(&ctx->track[TRACK_ORGANIZER], 0, sizeof ctx->track[TRACK_ORGANIZER]);
	if (inv->series == NULL || inv->series[0] == '\0')
		memset(&ctx->track[TRACK_SERIES], 0, sizeof ctx->track[TRACK_SERIES]);
	ctx->all = d->all;
	memset(&ctx->people, 0, sizeof ctx->people);
	struct people_scan s = { .n_seen = 0 };
	if (inv->organizer != NULL && inv->organizer[0] != '\0')
		scan_person(d, cfg, inv->organizer, strlen(inv->organizer), true, &s, ctx);
	for (const char *p = inv->attendees; p != NULL && *p != '\0';) {
		size_t len = strcspn(p, "\n");
		scan_person(d, cfg, p, len, false, &s, ctx);
		p += len;
		if (*p == '\n')
			p++;
	}
	ctx->n_clients = ctx->people.clients;
	ctx->n_warm = ctx->people.warm + ctx->people.prospects + ctx->people.referrers;
	ctx->n_target = ctx->people.target;
	const char *name = s.named != NULL ? s.named : s.target_name;
	strncpy(ctx->contact_name, name, sizeof ctx->contact_name - 1);
	ctx->contact_name[sizeof ctx->contact_name - 1] = '\0';
}

enum wit_status app_score_all_enriched(struct db *db, const struct wit_config *cfg, int64_t now,
                                    const struct invitation *invs, size_t n,
                                    struct score_context *ctx, struct score_result *out,
                                    char **why)
{
	enum wit_status st = app_score_all(db, cfg, now, invs, n, ctx, out, why);
	if (st != WIT_OK)
		return st;
	struct app_score_history d;
	st = app_score_history_load(db, now, &d, why);
	if (st == WIT_OK)
		for (size_t i = 0; i < n; i++) {
			app_score_enrich(&d, cfg, &invs[i], &ctx[i]);
			score_compute(&invs[i], &ctx[i], cfg, &out[i]);
		}
	app_score_history_done(&d);
	return st;
}

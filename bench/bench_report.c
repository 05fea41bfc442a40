/*
 * bench_report.c: `worthit report` on 1,000,000 past events with
 * outcomes (and a decision with a score each, 2,000 contacts in
 * referral chains, 5,000 deals), next to the sqlite3 command-line tool
 * running the same SQL on the same file (.timer, best of 3). Also the
 * plain GROUP BY over all outcomes with no summary table, which is what
 * the sqlite3 tool takes as the reference time for reports, and the queries of the
 * history view's first frame. Prints EXPLAIN QUERY PLAN of each query.
 *
 * The database is generated once (start times in random order over ten
 * years, through the real schema and its summary triggers, so the
 * insert rate includes keeping the summaries) and kept in
 * $WORTHIT_BENCH_DIR (default build/bench) for later runs.
 * WORTHIT_BENCH_EVENTS overrides the number of events.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "worthit/app_history.h"
#include "worthit/db.h"
#include "worthit/db_internal.h"
#include "worthit/db_report.h"
#include "worthit/db_review.h"
#include "worthit/xmalloc.h"

#define RUNS 3
#define T0 INT64_C(1456790400) /* 2016-03-01 */
#define SPAN (INT64_C(3652) * 86400)
#define NOW (T0 + SPAN)

static const char *const kinds[] = { "breakfast", "meetup", "conference", "coffee", "lunch",
                                     "speaking", "webinar", "other" };

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int64_t upto(int64_t n)
{
	return (int64_t)(next() % (uint64_t)n);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void must(int rc, sqlite3 *s, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench_report: %s: %s\n", what, sqlite3_errmsg(s));
		exit(1);
	}
}

static void generate(struct db *db, long n)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *inv, *out, *dec;
	double t = now_s();
	/* a generous page cache: the triggers touch the summary rows of a
	 * random month for every event */
	must(sqlite3_exec(s, "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF; BEGIN", NULL,
	                  NULL, NULL), s, "begin");
	must(sqlite3_prepare_v2(s, "INSERT INTO invitation (id, uid, title, organizer, kind, status, "
	     "starts_at, ends_at, travel_min, prep_min, created_at, updated_at) VALUES (?1, "
	     "'bench-' || ?1, 'Event ' || ?1, ?2, ?3, 'attended', ?4, ?4 + ?5, ?6, 15, 0, 0)", -1,
	     &inv, NULL), s, "prepare");
	must(sqlite3_prepare_v2(s, "INSERT INTO outcome (invitation_id, actual_minutes, contacts_met, "
	     "leads, meetings, deals, revenue_minor, rating, logged_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	     "?6, ?7, ?8, ?9)", -1, &out, NULL), s, "prepare");
	must(sqlite3_prepare_v2(s, "INSERT INTO decision (invitation_id, decided_at, old_status, "
	     "new_status, score, verdict) VALUES (?1, ?2, 'pending', 'accepted', ?3, 'go')", -1,
	     &dec, NULL), s, "prepare");
	char org[32];
	for (long i = 1; i <= n; i++) {
		int64_t start = T0 + upto(SPAN - 86400);
		snprintf(org, sizeof org, "Organizer %03d", (int)upto(200));
		sqlite3_bind_int64(inv, 1, i);
		sqlite3_bind_text(inv, 2, org, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(inv, 3, kinds[upto(8)], -1, SQLITE_STATIC);
		sqlite3_bind_int64(inv, 4, start);
		sqlite3_bind_int64(inv, 5, 1800 * (1 + upto(8)));
		sqlite3_bind_int64(inv, 6, upto(60));
		must(sqlite3_step(inv), s, "invitation");
		sqlite3_reset(inv);
		sqlite3_bind_int64(dec, 1, i);
		sqlite3_bind_int64(dec, 2, start - 86400 * (1 + upto(20)));
		sqlite3_bind_double(dec, 3, (double)upto(1000) / 10.0);
		must(sqlite3_step(dec), s, "decision");
		sqlite3_reset(dec);
		int leads = upto(4) == 0 ? (int)upto(4) : 0;
		int deals = leads > 0 && upto(5) == 0;
		sqlite3_bind_int64(out, 1, i);
		sqlite3_bind_int64(out, 2, 30 + upto(300));
		sqlite3_bind_int64(out, 3, upto(15));
		sqlite3_bind_int64(out, 4, leads);
		sqlite3_bind_int64(out, 5, leads ? upto(leads + 1) : 0);
		sqlite3_bind_int64(out, 6, deals);
		sqlite3_bind_int64(out, 7, deals ? 100000 + upto(5000000) : 0);
		sqlite3_bind_int64(out, 8, upto(6));
		sqlite3_bind_int64(out, 9, start + 86400);
		must(sqlite3_step(out), s, "outcome");
		sqlite3_reset(out);
	}
	sqlite3_finalize(inv);
	sqlite3_finalize(out);
	sqlite3_finalize(dec);
	/* 2,000 contacts: a quarter met at an event, the rest introduced by
	 * an earlier contact (chains of any depth), some by two people */
	char *people = xasprintf("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
	     "WHERE i < 2000) INSERT INTO contact (id, name, met_at, referred_by, created_at) "
	     "SELECT i, 'Contact ' || i, CASE WHEN i %% 4 = 1 THEN (i * 7919) %% %ld + 1 END, "
	     "CASE WHEN i %% 4 <> 1 THEN 1 + abs(random()) %% (i - 1) END, 0 FROM c;"
	     "INSERT INTO referral (contact_id, referrer_id, created_at) SELECT id, "
	     "1 + (id * 31) %% (id - 1), 0 FROM contact WHERE id > 2 AND id %% 10 = 0 AND "
	     "referred_by <> 1 + (id * 31) %% (id - 1);"
	     "WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 5000) "
	     "INSERT INTO deal (contact_id, amount_minor, currency, closed_at) SELECT "
	     "1 + abs(random()) %% 2000, 100000 + abs(random()) %% 5000000, 'USD', "
	     "1456790400 + abs(random()) %% 315532800 FROM d;", n);
	must(sqlite3_exec(s, people, NULL, NULL, NULL), s, "contacts");
	free(people);
	must(sqlite3_exec(s, "COMMIT; ANALYZE", NULL, NULL, NULL), s, "commit");
	double dt = now_s() - t;
	printf("generated %ld events with outcomes and decisions in %.1f s (%.0f events/s, "
	       "summary triggers included)\n", n, dt, (double)n / dt);
}

static long outcome_count(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(s, "SELECT count(*) FROM outcome", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(s);
	return n;
}

/* One report through the worthit API. */
struct api_query {
	const char *name;
	enum report_query q;
	int64_t from, to;
};

static void run_api(struct db *db, const struct api_query *a)
{
	char *why = NULL;
	enum wit_status st = WIT_OK;
	if (a->q <= RQ_BY_MONTH) {
		struct report_row *r;
		size_t n;
		st = db_report_aggregate(db, (enum report_group)a->q, a->from, a->to, &r, &n, &why);
		if (st == WIT_OK)
			db_report_free_rows(r, n);
	} else if (a->q == RQ_CONTACTS) {
		struct report_contact *r;
		size_t n;
		st = db_report_contacts(db, a->from, a->to, &r, &n, &why);
		if (st == WIT_OK)
			db_report_free_contacts(r, n);
	} else if (a->q == RQ_CALIBRATION) {
		struct calib_band b[CALIB_BANDS];
		st = db_report_calibration(db, a->from, a->to, b, NULL, &why);
	} else {
		struct attrib_report r;
		st = db_report_attribution(db, ATTRIB_LINEAR, a->from, a->to, &r, &why);
		db_report_attribution_done(&r);
	}
	if (st != WIT_OK) {
		fprintf(stderr, "bench_report: %s: %s\n", a->name, why);
		exit(1);
	}
}

static double best_api(struct db *db, const struct api_query *a)
{
	double best = 1e9;
	run_api(db, a); /* warm the cache */
	for (int i = 0; i < RUNS; i++) {
		double t = now_s();
		run_api(db, a);
		t = now_s() - t;
		best = t < best ? t : best;
	}
	return best;
}

/* Best "Run Time: real" of RUNS runs of sql by the sqlite3 tool; -1 when
 * the tool is missing. */
static double best_cli(const char *path, const char *sql, int64_t from, int64_t to)
{
	char script[] = "/tmp/wt-bench-sql.XXXXXX";
	int fd = mkstemp(script);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	fprintf(f, ".parameter set ?1 %lld\n.parameter set ?2 %lld\n.output /dev/null\n",
	        (long long)from, (long long)to);
	fprintf(f, "%s;\n.timer on\n", sql); /* the first run warms the cache */
	for (int i = 0; i < RUNS; i++)
		fprintf(f, "%s;\n", sql);
	fclose(f);
	char *cmd = xasprintf("sqlite3 -batch '%s' < '%s' 2>&1", path, script);
	FILE *p = popen(cmd, "r");
	double best = -1;
	char line[512];
	while (p != NULL && fgets(line, sizeof line, p) != NULL) {
		double v;
		if (sscanf(line, "Run Time: real %lf", &v) == 1 && (best < 0 || v < best))
			best = v;
	}
	if (p != NULL)
		pclose(p);
	unlink(script);
	free(cmd);
	return best;
}

static void print_plan(struct db *db, const char *sql)
{
	sqlite3 *s = db_sqlite(db);
	char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s, explain, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			printf("      plan: %s\n", (const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
	}
	free(explain);
}

#define PLAIN_BY_KIND \
	"SELECT i.kind, count(*), sum(o.actual_minutes), sum(o.leads), sum(o.deals), " \
	"sum(o.revenue_minor) FROM outcome o JOIN invitation i ON i.id = o.invitation_id " \
	"GROUP BY i.kind"

/* Everything the History tab loads before its first frame
 * (app_history_load): the 500 newest events, sums by kind, 12 months,
 * the attribution tree. */
static double first_frame(struct db *db)
{
	struct app_ctx ctx = { .db = db, .now = NOW };
	double best = 1e9;
	for (int i = 0; i <= RUNS; i++) {
		struct app_history h;
		app_history_init(&h);
		double t = now_s();
		if (app_history_load(&h, &ctx, NULL) != WIT_OK)
			exit(1);
		t = now_s() - t;
		app_history_done(&h);
		best = i > 0 && t < best ? t : best; /* run 0 warms the cache */
	}
	return best;
}

static double review_list(struct db *db, size_t *n)
{
	double best = 1e9;
	for (int i = 0; i <= RUNS; i++) {
		struct review_item *items;
		double t = now_s();
		if (db_review_list(db, NOW, &items, n, NULL) != WIT_OK)
			exit(1);
		t = now_s() - t;
		db_review_free_all(items, *n);
		best = i > 0 && t < best ? t : best;
	}
	return best;
}

int main(void)
{
	const char *env = getenv("WORTHIT_BENCH_EVENTS");
	long n = env ? atol(env) : 1000000;
	const char *dir = getenv("WORTHIT_BENCH_DIR");
	char *path = xasprintf("%s/report-%ld.db", dir ? dir : "build/bench", n);
	if (outcome_count(path) != n) {
		unlink(path);
		struct db *db;
		char *why = NULL;
		if (db_open(path, DB_OPEN_CREATE, &db, &why) != WIT_OK) {
			fprintf(stderr, "bench_report: %s\n", why);
			return 1;
		}
		generate(db, n);
		db_close(db);
	}
	struct stat sb;
	stat(path, &sb);
	printf("database %s: %ld past events with outcomes, %.0f MB\n", path, n,
	       (double)sb.st_size / 1e6);
	struct db *db;
	if (db_open(path, DB_OPEN_EXISTING, &db, NULL) != WIT_OK)
		return 1;
	const int64_t mid_from = T0 + 400 * 86400 + 43200, mid_to = T0 + 1500 * 86400 + 3600;
	const struct api_query qs[] = {
		{"by kind", RQ_BY_KIND, REPORT_OPEN_FROM, REPORT_OPEN_TO},
		{"by organizer", RQ_BY_ORGANIZER, REPORT_OPEN_FROM, REPORT_OPEN_TO},
		{"by month", RQ_BY_MONTH, REPORT_OPEN_FROM, REPORT_OPEN_TO},
		{"by kind, 3-year range", RQ_BY_KIND, mid_from, mid_to},
		{"by contact", RQ_CONTACTS, REPORT_OPEN_FROM, REPORT_OPEN_TO},
		{"calibration", RQ_CALIBRATION, REPORT_OPEN_FROM, REPORT_OPEN_TO},
		{"attribution", RQ_ATTRIBUTION, REPORT_OPEN_FROM, REPORT_OPEN_TO},
	};
	printf("%-24s %10s %12s %7s\n", "report", "worthit", "sqlite3 CLI", "ratio");
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		double api = best_api(db, &qs[i]);
		double cli = best_cli(path, db_report_sql(qs[i].q), qs[i].from, qs[i].to);
		printf("%-24s %8.1f ms %9.1f ms %7.2f\n", qs[i].name, api * 1e3, cli * 1e3,
		       cli > 0 ? api / cli : 0);
		print_plan(db, db_report_sql(qs[i].q));
	}
	double plain = best_cli(path, PLAIN_BY_KIND, 0, 0);
	printf("%-24s %11s %9.1f ms   (plain GROUP BY over every outcome, no summary)\n",
	       "reference by kind", "-", plain * 1e3);
	print_plan(db, PLAIN_BY_KIND);
	printf("history view first frame (app_history_load): %.1f ms (target < 100 ms)\n",
	       first_frame(db) * 1e3);
	size_t due = 0;
	double rt = review_list(db, &due);
	printf("review list: %zu items in %.1f ms\n", due, rt * 1e3);
	db_close(db);
	free(path);
	return 0;
}

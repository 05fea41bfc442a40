/*
 * db_report.c: the report queries (see db_report.h). Aggregates are one
 * statement each: whole local months come from the summary tables of
 * schema migration 2, the partial months at the ends of the range from
 * outcome JOIN invitation through the starts_at index. Attribution
 * walks referral chains with a recursive CTE and leaves the splitting
 * to attrib.c; calibration groups by the score band of the decision.
 */
#include "worthit/db_report.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 = from, ?2 = to. m0: the first instant of from's local month, m1
 * of the month after it; m2: of to's month; fm/tm the months of from
 * and to as "YYYY-MM". full_first: from's month lies whole in the range
 * (from is its first instant), so the summary covers it too. */
#define BOUNDS \
	"WITH b0 AS (SELECT " \
	"unixepoch(datetime(?1, 'unixepoch', 'localtime', 'start of month'), 'utc') AS m0, " \
	"unixepoch(datetime(?1, 'unixepoch', 'localtime', 'start of month', '+1 month'), 'utc') " \
	"AS m1, unixepoch(datetime(?2, 'unixepoch', 'localtime', 'start of month'), 'utc') AS m2, " \
	"strftime('%Y-%m', ?1, 'unixepoch', 'localtime') AS fm, " \
	"strftime('%Y-%m', ?2, 'unixepoch', 'localtime') AS tm), " \
	"b AS (SELECT *, ?1 = m0 AND m1 <= ?2 AS full_first FROM b0) "
#define SUMS \
	"sum(events), sum(minutes), sum(contacts), sum(leads), sum(meetings), sum(deals), " \
	"sum(revenue_minor), sum(rated), sum(rating_sum)"
#define SUMMARY_COLS \
	"h.events, h.minutes, h.contacts, h.leads, h.meetings, h.deals, h.revenue_minor, " \
	"h.rated, h.rating_sum"
#define RAW_COLS \
	"1, o.actual_minutes, o.contacts_met, o.leads, o.meetings, o.deals, o.revenue_minor, " \
	"o.rating > 0, o.rating"
#define RAW_FROM " FROM b, invitation i JOIN outcome o ON o.invitation_id = i.id WHERE "
#define AGGREGATE(table, hkey, rawkey, order) \
	BOUNDS "SELECT key, " SUMS " FROM (" \
	"SELECT h." hkey " AS key, " SUMMARY_COLS " FROM " table " h, b " \
	"WHERE (h.month > b.fm OR (b.full_first AND h.month = b.fm)) AND h.month < b.tm " \
	"UNION ALL SELECT " rawkey ", " RAW_COLS RAW_FROM \
	"NOT b.full_first AND i.starts_at >= ?1 AND i.starts_at < min(?2, b.m1) " \
	"UNION ALL SELECT " rawkey ", " RAW_COLS RAW_FROM \
	"i.starts_at >= max(?1, b.m1, b.m2) AND i.starts_at < ?2" \
	") GROUP BY key ORDER BY " order

static const char *const aggregate_sql[REPORT_GROUP_COUNT] = {
	[REPORT_BY_KIND] = AGGREGATE("history_by_kind", "kind", "i.kind",
	                             "sum(revenue_minor) DESC, key"),
	[REPORT_BY_ORGANIZER] = AGGREGATE("history_by_organizer", "organizer",
	                                  "coalesce(i.organizer, '')",
	                                  "sum(revenue_minor) DESC, key"),
	[REPORT_BY_MONTH] = AGGREGATE("history_by_kind", "month",
	                              "strftime('%Y-%m', i.starts_at, 'unixepoch', 'localtime')",
	                              "key"),
};

/* Columns first..first+8 in the order of SUMS. */
static void read_sums(sqlite3_stmt *st, int first, struct report_row *r)
{
	int64_t *v[] = { &r->events, &r->minutes, &r->contacts, &r->leads, &r->meetings,
	                 &r->deals, &r->revenue_minor, &r->rated, &r->rating_sum };
	for (int i = 0; i < 9; i++)
		*v[i] = sqlite3_column_int64(st, first + i);
}

enum wit_status db_report_aggregate(struct db *db, enum report_group by, int64_t from,
                                    int64_t to, struct report_row **rows, size_t *n, char **why)
{
	*rows = NULL;
	*n = 0;
	if ((unsigned)by >= REPORT_GROUP_COUNT)
		return wit_fail(why, WIT_SOFTWARE, "unknown report grouping %d", (int)by);
	sqlite3_stmt *st = db_prepare(db, aggregate_sql[by], why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		struct report_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->key = db_column_strdup(st, 0);
		if (r->key == NULL)
			r->key = xstrdup("");
		read_sums(st, 1, r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_report_free_rows(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, rc, "computing a report", why);
	}
	return WIT_OK;
}

void db_report_free_rows(struct report_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].key);
	free(rows);
}

static const char contacts_sql[] =
	"SELECT c.id, c.name, c.company, c.is_client, c.met_at, count(d.id), "
	"coalesce(sum(d.amount_minor), 0), coalesce(min(d.closed_at), 0), "
	"coalesce(max(d.closed_at), 0) FROM contact c LEFT JOIN deal d "
	"ON d.contact_id = c.id AND d.closed_at >= ?1 AND d.closed_at < ?2 "
	"GROUP BY c.id ORDER BY 7 DESC, c.name COLLATE NOCASE, c.id";

enum wit_status db_report_contacts(struct db *db, int64_t from, int64_t to,
                                   struct report_contact **rows, size_t *n, char **why)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, contacts_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		(*rows)[(*n)++] = (struct report_contact){
			.contact_id = sqlite3_column_int64(st, 0),
			.name = db_column_strdup(st, 1),
			.company = db_column_strdup(st, 2),
			.is_client = sqlite3_column_int(st, 3) != 0,
			.met_at = sqlite3_column_int64(st, 4),
			.deals = sqlite3_column_int64(st, 5),
			.revenue_minor = sqlite3_column_int64(st, 6),
			.first_deal_at = sqlite3_column_int64(st, 7),
			.last_deal_at = sqlite3_column_int64(st, 8),
		};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_report_free_contacts(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, rc, "reporting contacts", why);
	}
	return WIT_OK;
}

void db_report_free_contacts(struct report_contact *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].company);
	}
	free(rows);
}

/*
 * The band is computed inside the correlated subquery and the subquery
 * kept from being flattened (LIMIT -1), so the lookup runs once per
 * event: flattened, every mention of the band in the outer query would
 * run it again. CROSS JOIN keeps outcome as the outer loop: walking the
 * starts_at index instead and then fetching outcomes in random order is
 * 6 to 8 times slower on a long history whose events were logged out of
 * date order (measured by bench/bench_report.c).
 */
static const char calibration_sql[] =
	"SELECT band, count(*), sum(actual_minutes), sum(contacts_met), sum(leads), "
	"sum(meetings), sum(deals), sum(revenue_minor), sum(rating > 0), sum(rating), "
	"sum(leads > 0 OR meetings > 0 OR deals > 0 OR revenue_minor > 0) FROM ("
	"SELECT o.*, coalesce((SELECT min(max(CAST(d.score / 20 AS INTEGER), 0), 4) "
	"FROM decision d WHERE d.invitation_id = o.invitation_id AND d.undone = 0 "
	"AND d.score IS NOT NULL ORDER BY d.decided_at DESC, d.id DESC LIMIT 1), -1) AS band "
	"FROM outcome o CROSS JOIN invitation i ON i.id = o.invitation_id "
	"WHERE i.starts_at >= ?1 AND i.starts_at < ?2 LIMIT -1) GROUP BY band";

enum wit_status db_report_calibration(struct db *db, int64_t from, int64_t to,
                                      struct calib_band bands[CALIB_BANDS], int64_t *unscored,
                                      char **why)
{
	for (int b = 0; b < CALIB_BANDS; b++) {
		memset(&bands[b], 0, sizeof bands[b]);
		bands[b].lo = b * (100 / CALIB_BANDS);
		bands[b].hi = (b + 1) * (100 / CALIB_BANDS);
	}
	if (unscored != NULL)
		*unscored = 0;
	sqlite3_stmt *st = db_prepare(db, calibration_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int b = sqlite3_column_int(st, 0);
		if (b < 0) {
			if (unscored != NULL)
				*unscored = sqlite3_column_int64(st, 1);
			continue;
		}
		read_sums(st, 1, &bands[b].sums);
		bands[b].produced = sqlite3_column_int64(st, 10);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "computing calibration", why);
}

/* Every referral edge: contact.referred_by plus table referral. */
#define EDGES \
	"edge(contact_id, referrer_id) AS (SELECT id, referred_by FROM contact " \
	"WHERE referred_by IS NOT NULL UNION SELECT contact_id, referrer_id FROM referral)"

/*
 * One row per complete path of each deal closed in [?1, ?2): the deal,
 * its amount, the path "closer,referrer,...,root" and its weight (1/k
 * at each contact introduced by k people). A contact already on the
 * path is never walked again, so bad data cannot loop; depth stops at
 * 64.
 */
static const char paths_sql[] =
	"WITH RECURSIVE " EDGES ", "
	"fanin(contact_id, k) AS (SELECT contact_id, count(*) FROM edge GROUP BY contact_id), "
	"walk(deal_id, amount, node, path, weight, depth) AS ("
	"SELECT d.id, d.amount_minor, d.contact_id, CAST(d.contact_id AS TEXT), 1.0, 0 "
	"FROM deal d WHERE d.closed_at >= ?1 AND d.closed_at < ?2 "
	"UNION ALL SELECT w.deal_id, w.amount, e.referrer_id, w.path || ',' || e.referrer_id, "
	"w.weight / f.k, w.depth + 1 FROM walk w JOIN edge e ON e.contact_id = w.node "
	"JOIN fanin f ON f.contact_id = w.node WHERE w.depth < 64 "
	"AND instr(',' || w.path || ',', ',' || e.referrer_id || ',') = 0) "
	"SELECT deal_id, amount, path, weight FROM walk w WHERE w.depth >= 64 OR NOT EXISTS "
	"(SELECT 1 FROM edge e WHERE e.contact_id = w.node "
	"AND instr(',' || w.path || ',', ',' || e.referrer_id || ',') = 0) "
	"ORDER BY deal_id, path";

#define PATH_MAX_NODES 65

static struct attrib_contact *find_contact(struct attrib_report *r, int64_t id)
{
	size_t lo = 0, hi = r->n_contacts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->contacts[mid].contact_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n_contacts && r->contacts[lo].contact_id == id ? &r->contacts[lo] : NULL;
}

static enum wit_status load_contacts(struct db *db, struct attrib_report *r, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, name, met_at FROM contact ORDER BY id", why);
	if (st == NULL)
		return WIT_IOERR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n_contacts == cap) {
			cap = cap ? cap * 2 : 32;
			r->contacts = xreallocarray(r->contacts, cap, sizeof *r->contacts);
		}
		r->contacts[r->n_contacts++] = (struct attrib_contact){
			.contact_id = sqlite3_column_int64(st, 0),
			.name = db_column_strdup(st, 1),
			.met_at = sqlite3_column_int64(st, 2),
		};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "reading contacts", why);
	st = db_prepare(db, "WITH " EDGES " SELECT contact_id, referrer_id FROM edge "
	                "ORDER BY contact_id, referrer_id", why);
	if (st == NULL)
		return WIT_IOERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct attrib_contact *c = find_contact(r, sqlite3_column_int64(st, 0));
		if (c == NULL)
			continue;
		c->referrers = xreallocarray(c->referrers, c->n_referrers + 1, sizeof *c->referrers);
		c->referrers[c->n_referrers++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading referrals", why);
}

/* The paths of one deal, gathered before splitting it. */
struct deal_paths {
	int64_t deal_id;
	int64_t amount;
	struct attrib_path *paths;
	int64_t *nodes;         /* PATH_MAX_NODES per path */
	size_t n, cap;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void credit_deal(struct attrib_report *r, struct deal_paths *dp)
{
	if (dp->n == 0)
		return;
	size_t total = 0;
	for (size_t i = 0; i < dp->n; i++) {
		dp->paths[i].nodes = dp->nodes + i * PATH_MAX_NODES;
		total += dp->paths[i].n;
	}
	struct attrib_credit *credits = xcalloc(total, sizeof *credits);
	size_t n = attrib_split(r->model, dp->amount, dp->paths, dp->n, credits);
	for (size_t i = 0; i < n; i++) {
		struct attrib_contact *c = find_contact(r, credits[i].contact_id);
		if (c != NULL)
			c->credit_minor += credits[i].amount_minor;
	}
	/* full amounts: to the closer, and once to everyone upstream */
	struct attrib_contact *closer = find_contact(r, dp->paths[0].nodes[0]);
	if (closer != NULL) {
		closer->direct_deals++;
		closer->direct_minor += dp->amount;
	}
	int64_t *up = xcalloc(total, sizeof *up);
	size_t n_up = 0;
	for (size_t p = 0; p < dp->n; p++)
		for (size_t k = 1; k < dp->paths[p].n; k++)
			up[n_up++] = dp->paths[p].nodes[k];
	if (n_up > 1)
		qsort(up, n_up, sizeof *up, cmp_id);
	for (size_t i = 0; i < n_up; i++) {
		struct attrib_contact *c = find_contact(r, up[i]);
		if ((i == 0 || up[i] != up[i - 1]) && c != NULL && c != closer)
			c->downstream_minor += dp->amount;
	}
	free(up);
	r->deals++;
	r->total_minor += dp->amount;
	free(credits);
	dp->n = 0;
}

static void add_path(struct deal_paths *dp, const char *path, double weight)
{
	if (dp->n == dp->cap) {
		dp->cap = dp->cap ? dp->cap * 2 : 4;
		dp->paths = xreallocarray(dp->paths, dp->cap, sizeof *dp->paths);
		dp->nodes = xreallocarray(dp->nodes, dp->cap * PATH_MAX_NODES, sizeof *dp->nodes);
	}
	size_t n = 0;
	if (!attrib_parse_path(path, dp->nodes + dp->n * PATH_MAX_NODES, PATH_MAX_NODES, &n))
		return;
	dp->paths[dp->n++] = (struct attrib_path){ NULL, n, weight };
}

static enum wit_status walk_deals(struct db *db, int64_t from, int64_t to,
                                  struct attrib_report *r, char **why)
{
	sqlite3_stmt *st = db_prepare(db, paths_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	struct deal_paths dp = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t deal = sqlite3_column_int64(st, 0);
		if (deal != dp.deal_id)
			credit_deal(r, &dp);
		dp.deal_id = deal;
		dp.amount = sqlite3_column_int64(st, 1);
		add_path(&dp, (const char *)sqlite3_column_text(st, 2), sqlite3_column_double(st, 3));
	}
	credit_deal(r, &dp);
	sqlite3_finalize(st);
	free(dp.paths);
	free(dp.nodes);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "tracing referrals", why);
}

static int by_credit(const void *a, const void *b)
{
	const struct attrib_origin *x = a, *y = b;
	if (x->credit_minor != y->credit_minor)
		return x->credit_minor < y->credit_minor ? 1 : -1;
	return (x->invitation_id > y->invitation_id) - (x->invitation_id < y->invitation_id);
}

/* Sum the contacts' credit by the event where each was met. */
static enum wit_status gather_origins(struct db *db, struct attrib_report *r, char **why)
{
	for (size_t i = 0; i < r->n_contacts; i++) {
		const struct attrib_contact *c = &r->contacts[i];
		if (c->credit_minor == 0)
			continue;
		size_t j = 0;
		while (j < r->n_origins && r->origins[j].invitation_id != c->met_at)
			j++;
		if (j == r->n_origins) {
			r->origins = xreallocarray(r->origins, r->n_origins + 1, sizeof *r->origins);
			r->origins[r->n_origins++] = (struct attrib_origin){ .invitation_id = c->met_at };
		}
		r->origins[j].credit_minor += c->credit_minor;
	}
	if (r->n_origins > 1)
		qsort(r->origins, r->n_origins, sizeof *r->origins, by_credit);
	sqlite3_stmt *st = db_prepare(db, "SELECT title, starts_at FROM invitation WHERE id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	int rc = SQLITE_DONE;
	for (size_t j = 0; j < r->n_origins && (rc == SQLITE_DONE || rc == SQLITE_ROW); j++) {
		if (r->origins[j].invitation_id == 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, r->origins[j].invitation_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			r->origins[j].title = db_column_strdup(st, 0);
			r->origins[j].starts_at = sqlite3_column_int64(st, 1);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? WIT_OK
	                                             : db_fail(db, rc, "reading events", why);
}

enum wit_status db_report_attribution(struct db *db, enum attrib_model model, int64_t from,
                                      int64_t to, struct attrib_report *out, char **why)
{
	memset(out, 0, sizeof *out);
	out->model = model;
	enum wit_status res = load_contacts(db, out, why);
	if (res == WIT_OK)
		res = walk_deals(db, from, to, out, why);
	if (res == WIT_OK)
		res = gather_origins(db, out, why);
	return res;
}

void db_report_attribution_done(struct attrib_report *r)
{
	for (size_t i = 0; i < r->n_contacts; i++) {
		free(r->contacts[i].name);
		free(r->contacts[i].referrers);
	}
	for (size_t j = 0; j < r->n_origins; j++)
		free(r->origins[j].title);
	free(r->contacts);
	free(r->origins);
	memset(r, 0, sizeof *r);
}

const char *db_report_sql(enum report_query q)
{
	switch (q) {
	case RQ_BY_KIND: return aggregate_sql[REPORT_BY_KIND];
	case RQ_BY_ORGANIZER: return aggregate_sql[REPORT_BY_ORGANIZER];
	case RQ_BY_MONTH: return aggregate_sql[REPORT_BY_MONTH];
	case RQ_CONTACTS: return contacts_sql;
	case RQ_CALIBRATION: return calibration_sql;
	case RQ_ATTRIBUTION: return paths_sql;
	default: return NULL;
	}
}

enum wit_status db_report_events(struct db *db, int64_t before, size_t limit,
                                 struct report_event **rows, size_t *n, char **why)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT i.id, i.title, i.organizer, i.kind, i.starts_at, o.actual_minutes, o.leads, "
		"o.deals, o.revenue_minor, o.rating, (SELECT d.score FROM decision d "
		"WHERE d.invitation_id = i.id AND d.undone = 0 AND d.score IS NOT NULL "
		"ORDER BY d.decided_at DESC, d.id DESC LIMIT 1), i.ends_at, i.all_day "
		"FROM invitation i JOIN outcome o ON o.invitation_id = i.id "
		"WHERE i.starts_at < ?1 ORDER BY i.starts_at DESC, i.id DESC LIMIT ?2", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		struct report_event *e = &(*rows)[(*n)++];
		memset(e, 0, sizeof *e);
		e->invitation_id = sqlite3_column_int64(st, 0);
		e->title = db_column_strdup(st, 1);
		e->organizer = db_column_strdup(st, 2);
		const unsigned char *k = sqlite3_column_text(st, 3);
		snprintf(e->kind, sizeof e->kind, "%s", k ? (const char *)k : "");
		e->starts_at = sqlite3_column_int64(st, 4);
		e->minutes = sqlite3_column_int64(st, 5);
		e->leads = sqlite3_column_int(st, 6);
		e->deals = sqlite3_column_int(st, 7);
		e->revenue_minor = sqlite3_column_int64(st, 8);
		e->rating = sqlite3_column_int(st, 9);
		e->score = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1
		                                                       : sqlite3_column_double(st, 10);
		e->ends_at = sqlite3_column_int64(st, 11);
		e->all_day = sqlite3_column_int(st, 12) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_report_free_events(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, rc, "listing past events", why);
	}
	return WIT_OK;
}

void db_report_free_events(struct report_event *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].organizer);
	}
	free(rows);
}

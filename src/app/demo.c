/*
 * demo.c: loads share/demo/ (see demo.h). Owns the relative dates of the
 * demo files: "day_offset" counts days from today in the local time zone
 * and "time" is local wall-clock time, turned into UTC here (through
 * clock.h, so DST is right) before the invitations reach the JSON
 * parser. Owns nothing about the formats themselves: invitations are
 * validated by invite_json_parse(), rows written by the db_* modules.
 *
 * Working days: an invitation that would fall on a weekend or a US
 * public holiday moves to the nearest working day on the same side of
 * today (working_day_of()).
 *
 * Refresh rule (stable keys): invitations by UID, contacts by e-mail.
 * Decisions and outcomes belong to the invitations added by this load,
 * deals to the contacts added by it; so re-running never duplicates.
 * A contact the data names several referrers for gets the first as
 * contact.referred_by and the others through db_referral_add(), when the
 * contact is added by this load (an existing contact keeps whatever
 * referrers the user gave them since).
 */
#include "worthit/demo.h"
#include "worthit/clock.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/db_outcome.h"
#include "worthit/db_referral.h"
#include "worthit/holiday.h"
#include "worthit/invite_json.h"
#include "worthit/paths.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_FILE_MAX (16u << 20)

/* A key of the demo files (invitation UID or contact key) and its row. */
struct demo_key {
	char *key;
	int64_t id;
	bool is_new; /* added by this load */
};

struct demo_keys {
	struct demo_key *items;
	size_t len, cap;
};

struct loader {
	struct db *db;
	const char *dir;
	int64_t now;
	int64_t today;   /* local day number of now */
	struct demo_summary *sum;
	struct demo_keys invitations;
	struct demo_keys contacts;
	char *file;      /* current file name, for messages */
};

static void keys_add(struct demo_keys *k, const char *key, int64_t id, bool is_new)
{
	if (k->len == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		k->items = xreallocarray(k->items, k->cap, sizeof *k->items);
	}
	k->items[k->len++] = (struct demo_key){ xstrdup(key), id, is_new };
}

static const struct demo_key *keys_find(const struct demo_keys *k, const char *key)
{
	for (size_t i = 0; key != NULL && i < k->len; i++)
		if (strcmp(k->items[i].key, key) == 0)
			return &k->items[i];
	return NULL;
}

static void keys_done(struct demo_keys *k)
{
	for (size_t i = 0; i < k->len; i++)
		free(k->items[i].key);
	free(k->items);
}

static enum wit_status read_text(const char *path, char **text, size_t *len, char **why)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return wit_fail(why, WIT_NOINPUT, "%s: %s", path, strerror(errno));
	char *buf = xmalloc(DEMO_FILE_MAX + 1);
	size_t n = fread(buf, 1, DEMO_FILE_MAX + 1, f);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || n > DEMO_FILE_MAX) {
		free(buf);
		return wit_fail(why, WIT_IOERR, "%s: %s", path, bad ? "read error" : "too large");
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return WIT_OK;
}

/* Parse dir/name into a cJSON array (or the "invitations" array). */
static enum wit_status load_array(struct loader *ld, const char *name, cJSON **root,
                                  const cJSON **arr, char **why)
{
	free(ld->file);
	ld->file = xasprintf("%s/%s", ld->dir, name);
	char *text = NULL;
	size_t len = 0;
	enum wit_status st = read_text(ld->file, &text, &len, why);
	if (st != WIT_OK)
		return st;
	*root = cJSON_ParseWithLength(text, len);
	free(text);
	*arr = cJSON_IsObject(*root) ? cJSON_GetObjectItemCaseSensitive(*root, "invitations") : *root;
	if (!cJSON_IsArray(*arr))
		return wit_fail(why, WIT_DATA, "%s: not a JSON array of demo items", ld->file);
	return WIT_OK;
}

static enum wit_status item_fail(struct loader *ld, int idx, const char *field, const char *what,
                                 char **why)
{
	return wit_fail(why, WIT_DATA, "%s: item %d: %s: %s", ld->file, idx + 1, field, what);
}

/* UTC seconds of local wall-clock time minutes after midnight, day
 * days from today. Two passes of the offset settle DST changes. */
static int64_t local_time(const struct loader *ld, int64_t day, int minutes)
{
	int y, m, d;
	time_civil_from_days(ld->today + day, &y, &m, &d);
	int64_t wall = time_from_utc_fields(y, m, d, 0, 0, 0) + (int64_t)minutes * 60;
	int64_t t = wall - clock_local_offset(wall);
	return wall - clock_local_offset(t);
}

/* Move a day that falls on a weekend or a US public holiday
 * (holiday.h) to a working day without crossing today: past events to
 * the working day before, upcoming ones to the working day after (items
 * marked "weekend": true stay where they are). Deterministic: the same
 * today gives the same dates. */
static int64_t working_day_of(const struct loader *ld, int64_t day)
{
	int64_t step = day <= 0 ? -1 : 1;
	for (;;) {
		int64_t wd = ((ld->today + day) % 7 + 7 + 4) % 7; /* 1970-01-01 was a Thursday */
		if (wd != 0 && wd != 6 && !holiday_is_us(ld->today + day))
			return day;
		day += step;
	}
}

/* "day_offset" (whole number) and optional "HH:MM" from item. */
static enum wit_status item_when(struct loader *ld, const cJSON *item, int idx,
                                 const char *day_key, int default_min, int64_t *day,
                                 int *minutes, char **why)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(item, day_key);
	if (!cJSON_IsNumber(d) || d->valuedouble != (double)(int64_t)d->valuedouble ||
	    d->valuedouble < -36600 || d->valuedouble > 36600)
		return item_fail(ld, idx, day_key, "expected a whole number of days", why);
	*day = (int64_t)d->valuedouble;
	*minutes = default_min;
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(item, "time");
	if (t != NULL) {
		int hh = -1, mm = -1;
		char end = 0;
		if (!cJSON_IsString(t) || sscanf(t->valuestring, "%2d:%2d%c", &hh, &mm, &end) != 2 ||
		    hh < 0 || hh > 23 || mm < 0 || mm > 59)
			return item_fail(ld, idx, "time", "expected local time as \"HH:MM\"", why);
		*minutes = hh * 60 + mm;
	}
	return WIT_OK;
}

static int json_int(const cJSON *obj, const char *key, int dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? (int)v->valuedouble : dflt;
}

static const char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* --- invitations: relative dates -> JSON Lines -> invite_json_parse --- */

/* Replace day_offset/time by starts_at in a copy of each item and print
 * it as one line: line N of the result is item N. Caller frees. */
static enum wit_status invitations_to_lines(struct loader *ld, const cJSON *arr, char **lines,
                                            char **why)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = xmalloc(cap);
	int idx = 0;
	const cJSON *src;
	cJSON_ArrayForEach(src, arr) {
		int64_t day = 0;
		int minutes = 0;
		enum wit_status st = cJSON_IsObject(src)
			? item_when(ld, src, idx, "day_offset", 0, &day, &minutes, why)
			: item_fail(ld, idx, "invitation", "expected an object", why);
		if (st != WIT_OK) {
			free(buf);
			return st;
		}
		cJSON *item = cJSON_Duplicate(src, 1);
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "weekend")))
			day = working_day_of(ld, day);
		cJSON_DeleteItemFromObjectCaseSensitive(item, "day_offset");
		cJSON_DeleteItemFromObjectCaseSensitive(item, "time");
		cJSON_DeleteItemFromObjectCaseSensitive(item, "weekend");
		char when[32];
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "all_day")))
			time_format_date((ld->today + day) * DAY_SEC, when, sizeof when);
		else
			time_format_utc(local_time(ld, day, minutes), when, sizeof when);
		cJSON_AddStringToObject(item, "starts_at", when);
		char *line = cJSON_PrintUnformatted(item);
		cJSON_Delete(item);
		size_t n = strlen(line);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			buf = xrealloc(buf, cap);
		}
		memcpy(buf + len, line, n);
		len += n;
		buf[len++] = '\n';
		cJSON_free(line);
		idx++;
	}
	buf[len] = '\0';
	*lines = buf;
	return WIT_OK;
}

struct sink_ctx {
	struct loader *ld;
	char *why;
};

static enum wit_status store_invitation(void *ctx, const struct invitation *inv, int line,
                                        enum import_action action)
{
	(void)line;
	(void)action; /* the demo has no cancellations */
	struct sink_ctx *sc = ctx;
	struct loader *ld = sc->ld;
	struct invitation copy;
	invitation_copy(&copy, inv);
	free(copy.source_file);
	copy.source_file = xstrdup("demo");
	enum db_upsert_result res = DB_UNCHANGED;
	int64_t id = 0;
	enum wit_status st = db_invite_upsert(ld->db, &copy, ld->now, &res, &id, &sc->why);
	invitation_done(&copy);
	if (st != WIT_OK)
		return st;
	keys_add(&ld->invitations, inv->uid, id, res == DB_ADDED);
	ld->sum->invitations++;
	ld->sum->invitations_added += res == DB_ADDED;
	ld->sum->upcoming += inv->starts_at > ld->now;
	return WIT_OK;
}

static enum wit_status load_invitations(struct loader *ld, char **why)
{
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	char *lines = NULL;
	enum wit_status st = load_array(ld, "invitations.json", &root, &arr, why);
	if (st == WIT_OK)
		st = invitations_to_lines(ld, arr, &lines, why);
	cJSON_Delete(root);
	if (st != WIT_OK)
		return st;
	struct import_problems problems;
	import_problems_init(&problems);
	struct sink_ctx sc = { ld, NULL };
	st = invite_json_parse(lines, strlen(lines), NULL, store_invitation, &sc, &problems);
	if (problems.len > 0)
		st = wit_fail(why, WIT_DATA, "%s: item %d: %s%s", ld->file, problems.items[0].line,
		              problems.items[0].message,
		              problems.len > 1 ? " (and more problems)" : "");
	else if (st != WIT_OK)
		st = wit_fail(why, st, "%s", sc.why != NULL ? sc.why : "storing an invitation failed");
	free(sc.why);
	import_problems_done(&problems);
	free(lines);
	return st;
}

/* --- decisions and outcomes: only for invitations this load added ---- */

static enum wit_status invitation_of(struct loader *ld, const cJSON *item, int idx,
                                     const struct demo_key **inv, char **why)
{
	*inv = keys_find(&ld->invitations, json_str(item, "uid"));
	if (*inv == NULL)
		return item_fail(ld, idx, "uid", "no such invitation in invitations.json", why);
	return WIT_OK;
}

static enum wit_status load_decisions(struct loader *ld, char **why)
{
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	enum wit_status st = load_array(ld, "decisions.json", &root, &arr, why);
	int idx = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		const struct demo_key *inv = NULL;
		int64_t day = 0;
		int minutes = 0;
		if (st != WIT_OK)
			break;
		st = invitation_of(ld, item, idx, &inv, why);
		if (st == WIT_OK)
			st = item_when(ld, item, idx, "day_offset", 20 * 60, &day, &minutes, why);
		int status = invite_status_from_name(json_str(item, "status"));
		if (st == WIT_OK && status < 0)
			st = item_fail(ld, idx, "status", "not a status name", why);
		if (st == WIT_OK && inv->is_new) {
			const cJSON *score = cJSON_GetObjectItemCaseSensitive(item, "score");
			st = db_decision_record(ld->db, inv->id, (enum invite_status)status,
			                        cJSON_IsNumber(score) ? score->valuedouble : -1,
			                        json_str(item, "verdict"), NULL,
			                        local_time(ld, day, minutes), NULL, why);
			ld->sum->decisions++;
		}
		idx++;
	}
	cJSON_Delete(root);
	return st;
}

static enum wit_status outcome_from(struct loader *ld, const cJSON *item, int idx,
                                    struct outcome *o, char **why)
{
	const cJSON *hours = cJSON_GetObjectItemCaseSensitive(item, "hours");
	if (!cJSON_IsNumber(hours))
		return item_fail(ld, idx, "hours", "expected a number", why);
	o->actual_hours = hours->valuedouble;
	o->contacts_met = json_int(item, "contacts", 0);
	o->leads = json_int(item, "leads", 0);
	o->meetings = json_int(item, "meetings", 0);
	o->deals = json_int(item, "deals", 0);
	o->rating = json_int(item, "rating", 0);
	const char *rev = json_str(item, "revenue");
	if (rev != NULL && !invite_json_money_from_text(rev, "USD", &o->revenue_minor))
		return item_fail(ld, idx, "revenue", "expected an amount such as \"1200.00\"", why);
	o->notes = xstrdup(json_str(item, "notes"));
	int64_t day = 0;
	int minutes = 0;
	enum wit_status st = item_when(ld, item, idx, "logged_day_offset", 10 * 60, &day, &minutes,
	                               why);
	o->logged_at = local_time(ld, day, minutes);
	return st;
}

static enum wit_status load_outcomes(struct loader *ld, char **why)
{
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	enum wit_status st = load_array(ld, "outcomes.json", &root, &arr, why);
	int idx = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		const struct demo_key *inv = NULL;
		if (st != WIT_OK)
			break;
		st = invitation_of(ld, item, idx, &inv, why);
		if (st == WIT_OK && inv->is_new) {
			struct outcome o;
			outcome_init(&o);
			o.invitation_id = inv->id;
			st = outcome_from(ld, item, idx, &o, why);
			if (st == WIT_OK)
				st = db_outcome_put(ld->db, &o, ld->now, why);
			if (st != WIT_OK && why != NULL && *why != NULL && strstr(*why, ld->file) == NULL)
				st = item_fail(ld, idx, "outcome", *why, why);
			outcome_done(&o);
			ld->sum->outcomes += st == WIT_OK;
		}
		idx++;
	}
	cJSON_Delete(root);
	return st;
}

/* --- contacts (matched by e-mail) and their deals --------------------- */

static enum wit_status contact_from(struct loader *ld, const cJSON *item, int idx,
                                    struct contact *c, char **why)
{
	c->name = xstrdup(json_str(item, "name"));
	c->company = xstrdup(json_str(item, "company"));
	c->email = xstrdup(json_str(item, "email"));
	c->notes = xstrdup(json_str(item, "notes"));
	c->is_client = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "client"));
	const char *met = json_str(item, "met_at");
	if (met != NULL) {
		const struct demo_key *inv = keys_find(&ld->invitations, met);
		if (inv == NULL)
			return item_fail(ld, idx, "met_at", "no such invitation", why);
		c->met_at_invitation = inv->id;
	}
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(item, "referred_by");
	const cJSON *r;
	int n = 0;
	cJSON_ArrayForEach(r, refs) {
		const struct demo_key *by = keys_find(&ld->contacts, cJSON_IsString(r) ? r->valuestring
		                                                                        : NULL);
		if (by == NULL)
			return item_fail(ld, idx, "referred_by", "not the key of an earlier contact", why);
		if (n++ == 0)
			c->referred_by = by->id;
	}
	if (c->name == NULL || c->email == NULL || json_str(item, "key") == NULL)
		return item_fail(ld, idx, "contact", "needs \"key\", \"name\" and \"email\"", why);
	return WIT_OK;
}

/* The second and further referrers of a new contact (the first is
 * contact.referred_by, set by contact_from). */
static enum wit_status add_referrers(struct loader *ld, const cJSON *item, int idx, int64_t id,
                                     char **why)
{
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(item, "referred_by");
	const cJSON *r;
	int n = 0;
	cJSON_ArrayForEach(r, refs) {
		if (n++ == 0)
			continue;
		const struct demo_key *by = keys_find(&ld->contacts, cJSON_IsString(r) ? r->valuestring
		                                                                        : NULL);
		char *detail = NULL;
		if (by == NULL || db_referral_add(ld->db, id, by->id, ld->now, &detail) == WIT_OK)
			continue; /* contact_from() checked every key already */
		enum wit_status st = item_fail(ld, idx, "referred_by", detail ? detail : "?", why);
		free(detail);
		return st;
	}
	return WIT_OK;
}

static enum wit_status load_contacts(struct loader *ld, char **why)
{
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	enum wit_status st = load_array(ld, "contacts.json", &root, &arr, why);
	int idx = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (st != WIT_OK)
			break;
		struct contact c;
		contact_init(&c);
		st = contact_from(ld, item, idx, &c, why);
		int64_t id = 0;
		bool is_new = false;
		if (st == WIT_OK) {
			st = db_contact_find_email(ld->db, c.email, &id, why);
			if (st == WIT_NOTFOUND) {
				free(*why);
				*why = NULL;
				is_new = true;
				st = db_contact_add(ld->db, &c, ld->now, &id, why);
				ld->sum->contacts += st == WIT_OK;
				if (st == WIT_OK)
					st = add_referrers(ld, item, idx, id, why);
			}
		}
		if (st == WIT_OK)
			keys_add(&ld->contacts, json_str(item, "key"), id, is_new);
		contact_done(&c);
		idx++;
	}
	cJSON_Delete(root);
	return st;
}

static enum wit_status load_deals(struct loader *ld, char **why)
{
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	enum wit_status st = load_array(ld, "deals.json", &root, &arr, why);
	int idx = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (st != WIT_OK)
			break;
		const struct demo_key *who = keys_find(&ld->contacts, json_str(item, "contact"));
		const char *cur = json_str(item, "currency");
		const char *amount = json_str(item, "amount");
		struct deal d;
		deal_init(&d);
		snprintf(d.currency, sizeof d.currency, "%s", cur != NULL ? cur : "");
		int64_t day = 0;
		int minutes = 0;
		if (who == NULL)
			st = item_fail(ld, idx, "contact", "not the key of a contact", why);
		else if (amount == NULL || !invite_json_money_from_text(amount, d.currency,
		                                                         &d.amount_minor))
			st = item_fail(ld, idx, "amount", "expected an amount such as \"1200.00\"", why);
		else
			st = item_when(ld, item, idx, "day_offset", 12 * 60, &day, &minutes, why);
		if (st == WIT_OK && who->is_new) {
			d.contact_id = who->id;
			d.closed_at = local_time(ld, day, minutes);
			d.note = xstrdup(json_str(item, "note"));
			st = db_deal_add(ld->db, &d, NULL, why);
			ld->sum->deals += st == WIT_OK;
		}
		deal_done(&d);
		idx++;
	}
	cJSON_Delete(root);
	return st;
}

enum wit_status demo_load(struct db *db, const char *dir, int64_t now, struct demo_summary *out,
                          char **why)
{
	struct demo_summary sum = { 0 };
	int64_t local_now = now + clock_local_offset(now);
	struct loader ld = {
		.db = db, .dir = dir, .now = now, .sum = &sum,
		.today = local_now / DAY_SEC - (local_now % DAY_SEC < 0),
	};
	enum wit_status st = db_begin(db, why);
	if (st != WIT_OK)
		return st;
	st = load_invitations(&ld, why);
	if (st == WIT_OK)
		st = load_decisions(&ld, why);
	if (st == WIT_OK)
		st = load_outcomes(&ld, why);
	if (st == WIT_OK)
		st = load_contacts(&ld, why);
	if (st == WIT_OK)
		st = load_deals(&ld, why);
	if (st == WIT_OK)
		st = db_commit(db, why);
	else
		db_rollback(db);
	keys_done(&ld.invitations);
	keys_done(&ld.contacts);
	free(ld.file);
	if (st == WIT_OK && out != NULL)
		*out = sum;
	return st;
}

enum wit_status demo_write_config(const char *dir, const char *path, bool *written, char **why)
{
	*written = false;
	if (access(path, F_OK) == 0)
		return WIT_OK;
	char *src = xasprintf("%s/config.json", dir);
	char *text = NULL;
	size_t len = 0;
	enum wit_status st = read_text(src, &text, &len, why);
	free(src);
	if (st != WIT_OK)
		return st;
	char *parent = paths_dirname(path);
	st = paths_mkdir_p(parent, why);
	free(parent);
	int fd = st == WIT_OK ? open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
	if (st == WIT_OK && fd < 0)
		st = errno == EEXIST ? WIT_OK
		                     : wit_fail(why, WIT_CANTCREAT, "%s: %s", path, strerror(errno));
	if (fd >= 0) {
		bool ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		if (!ok) {
			st = wit_fail(why, WIT_IOERR, "%s: %s", path, strerror(errno));
			unlink(path);
		} else {
			*written = true;
		}
	}
	free(text);
	return st;
}

/*
 * demo.c: loads share/demo/ (see demo.h). Owns the relative dates of the
 * demo files: "day_offset" counts days from today in the local time zone
 * and "time" is local wall-clock time, turned into UTC here (through
 * clock.h, so DST is right) before the invitations reach the JSON
 * parser. Owns nothing about the formats themselves: invitations are
 * validated by invite_json_parse(), rows written by the db_* modules.
 *
 * Refresh rule (stable keys): invitations by UID, contacts by e-mail.
 * Decisions and outcomes belong to the invitations added by this load,
 * deals to the contacts added by it; so re-running never duplicates.
 * The referral model keeps one referrer per contact: a contact the data
 * names two referrers for gets the first, the second is kept in notes.
 */
#include "worthit/demo.h"
#include "worthit/clock.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/db_outcome.h"
#include "worthit/invite_json.h"
#include "worthit/paths.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cJSON.h>
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
		cJSON_DeleteItemFromObjectCaseSensitive(item, "day_offset");
		cJSON_DeleteItemFromObjectCaseSensitive(item, "time");
		char when[32];
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "all_day")))
			time_format_date((ld->today + day) * 86400, when, sizeof when);
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

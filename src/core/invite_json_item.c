/*
 * invite_json_item.c: one JSON object (RFC 8259) to one struct
 * invitation, validating every field and naming the field in each
 * message ("ticket: more decimals than USD has: 25.005"). The field
 * list below is the schema of docs/formats.md, "## JSON": keep both in
 * step. Members named x_* or x-* are extensions and ignored; any other
 * unknown member is an error, so a typo never drops data silently.
 *
 * Fields that depend on each other (times and all_day, reach and
 * is_virtual, money and currency, speaking and its fee) are collected
 * first and checked together at the end, so member order never matters.
 * The list-valued "attendees" and "audience" live in
 * invite_json_audience.c. Pure core: no I/O.
 */
#include "worthit/invite_json_item.h"
#include "worthit/invite_json.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include "invite_json_item_priv.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum ftype { T_TEXT, T_LONGTEXT, T_INT, T_ID, T_KIND, T_STATUS, T_CURRENCY, T_CATEGORIES,
             T_ATTENDEES, T_AUDIENCE, T_DEFER };

struct field {
	const char *name;
	enum ftype type;
	size_t off;  /* offset in struct invitation, or enum deferred */
	long max;    /* bytes for text, largest value for numbers */
};

#define TEXT(n, m, x) { n, T_TEXT, offsetof(struct invitation, m), x }
#define INT(n, m, x) { n, T_INT, offsetof(struct invitation, m), x }
#define DEFER(n, d) { n, T_DEFER, d, 0 }

static const struct field fields[] = {
	{ "id", T_ID, 0, 0 },
	TEXT("uid", uid, 1024),
	TEXT("recurrence_id", recurrence_id, 64),
	TEXT("title", title, INVITE_JSON_TEXT_MAX),
	TEXT("organizer", organizer, INVITE_JSON_TEXT_MAX),
	TEXT("series", series, 1024),
	{ "kind", T_KIND, 0, 0 },
	{ "status", T_STATUS, 0, 0 },
	DEFER("starts_at", D_STARTS),
	DEFER("ends_at", D_ENDS),
	DEFER("duration_min", D_DURATION),
	DEFER("all_day", D_ALL_DAY),
	TEXT("tzid", tzid, 64),
	TEXT("location", location, INVITE_JSON_TEXT_MAX),
	DEFER("is_virtual", D_VIRTUAL),
	DEFER("reach", D_REACH),
	INT("travel_min", travel_min, 1440),
	INT("prep_min", prep_min, 10080),
	DEFER("ticket", D_TICKET),
	{ "currency", T_CURRENCY, 0, 0 },
	INT("expected_attendance", expected_attendance, 1000000),
	DEFER("speaking", D_SPEAKING),
	DEFER("speaking_fee", D_FEE),
	INT("sequence", sequence, INT_MAX),
	TEXT("source_file", source_file, 4096),
	{ "description", T_LONGTEXT, offsetof(struct invitation, description),
	  INVITE_JSON_DESCRIPTION_MAX },
	TEXT("url", url, 4096),
	{ "categories", T_CATEGORIES, 0, 0 },
	{ "attendees", T_ATTENDEES, 0, 0 },
	{ "audience", T_AUDIENCE, 0, 0 },
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

void invite_json_item_bad(struct item *it, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	import_problems_add(it->problems, it->line, "%s: %s", field, msg);
	free(msg);
	it->ok = false;
}

bool invite_json_item_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
		      : (c & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && c < 0xC2) || (n == 3 && c > 0xF4))
			return false;
		unsigned cp = n == 0 ? c : c & (0x3F >> n);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		p += n + 1;
	}
	return true;
}

/* "null", "a number", ...: what a value is, for messages. */
static const char *type_name(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsArray(v))
		return "an array";
	return "an object";
}

void invite_json_item_bad_type(struct item *it, const char *field, const char *expected,
                               const cJSON *v)
{
	invite_json_item_bad(it, field, "expected %s, found %s", expected, type_name(v));
}

/* A value for a message: at most 40 bytes, cut on a character. */
static char *quoted(const char *s)
{
	size_t n = strlen(s);
	if (n <= 40)
		return xasprintf("\"%s\"", s);
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return xasprintf("\"%.*s...\"", (int)n, s);
}

const char *invite_json_item_text_problem(const char *s, size_t max, bool multiline)
{
	if (!invite_json_item_utf8_valid(s))
		return "not valid UTF-8";
	size_t n = strlen(s);
	if (n > max)
		return "too long";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 || c == 0x7f) &&
		    !(multiline && (c == '\n' || c == '\t' || c == '\r')))
			return "contains a control character";
	}
	return NULL;
}

/* String (or null when nullable) into *slot; false when bad. */
static bool take_text(struct item *it, const char *name, const cJSON *v, size_t max,
                      bool multiline, char **slot)
{
	if (cJSON_IsNull(v)) {
		free(*slot);
		*slot = NULL;
		return true;
	}
	if (!cJSON_IsString(v)) {
		invite_json_item_bad_type(it, name, "a string", v);
		return false;
	}
	const char *why = invite_json_item_text_problem(v->valuestring, max, multiline);
	if (why != NULL) {
		if (strcmp(why, "too long") == 0)
			invite_json_item_bad(it, name, "too long: %zu bytes, at most %zu",
			                     strlen(v->valuestring), max);
		else
			invite_json_item_bad(it, name, "%s", why);
		return false;
	}
	free(*slot);
	*slot = xstrdup(v->valuestring);
	return true;
}

/* Whole number in [lo, hi]. */
static bool take_int(struct item *it, const char *name, const cJSON *v, double lo, double hi,
                     int64_t *out)
{
	if (!cJSON_IsNumber(v)) {
		invite_json_item_bad_type(it, name, "a whole number", v);
		return false;
	}
	double d = v->valuedouble;
	if (!isfinite(d) || d != floor(d)) {
		invite_json_item_bad(it, name, "expected a whole number, found %g", d);
		return false;
	}
	if (d < lo || d > hi) {
		invite_json_item_bad(it, name,
		                     fabs(d) < 1e15 ? "%.0f is out of range (%.0f to %.0f)"
		                                    : "%g is out of range (%.0f to %.0f)", d, lo, hi);
		return false;
	}
	*out = (int64_t)d;
	return true;
}

void invite_json_item_take_enum(struct item *it, const char *name, const cJSON *v, int count,
                                int (*from_name)(const char *), const char *(*to_name)(int),
                                int *out)
{
	if (!cJSON_IsString(v)) {
		invite_json_item_bad_type(it, name, "a string", v);
		return;
	}
	int k = from_name(v->valuestring);
	if (k >= 0) {
		*out = k;
		return;
	}
	char list[256] = "";
	for (int i = 0; i < count; i++) {
		strcat(list, i ? ", " : "");
		strcat(list, to_name(i));
	}
	char *q = invite_json_item_utf8_valid(v->valuestring) ? quoted(v->valuestring)
	                                                      : xstrdup("(invalid UTF-8)");
	invite_json_item_bad(it, name, "unknown value %s (one of: %s)", q, list);
	free(q);
}

static const char *kind_name(int i) { return invite_kind_name((enum invite_kind)i); }
static const char *status_name(int i) { return invite_status_name((enum invite_status)i); }
static const char *reach_name(int i) { return invite_reach_name((enum invite_reach)i); }

static void take_currency(struct item *it, const cJSON *v)
{
	if (!cJSON_IsString(v)) {
		invite_json_item_bad_type(it, "currency", "a string such as \"USD\"", v);
		return;
	}
	const char *s = v->valuestring;
	bool ok = strlen(s) == 0 || strlen(s) == 3;
	for (size_t i = 0; ok && s[i]; i++)
		ok = isalpha((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80);
	if (!ok) {
		char *q = invite_json_item_utf8_valid(s) ? quoted(s) : xstrdup("(invalid UTF-8)");
		invite_json_item_bad(it, "currency", "expected a three-letter ISO 4217 code such as "
		                     "\"USD\", found %s", q);
		free(q);
		return;
	}
	for (size_t i = 0; i < 3 && s[i]; i++)
		it->inv->currency[i] = (char)toupper((unsigned char)s[i]);
	it->inv->currency[strlen(s)] = '\0';
}

/* "categories": a string, or an array of strings joined with commas. */
static void take_categories(struct item *it, const cJSON *v)
{
	if (!cJSON_IsArray(v)) {
		take_text(it, "categories", v, INVITE_JSON_TEXT_MAX, false, &it->inv->categories);
		return;
	}
	size_t cap = 64, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	const cJSON *e;
	cJSON_ArrayForEach(e, v) {
		const char *why = cJSON_IsString(e)
		                  ? invite_json_item_text_problem(e->valuestring, INVITE_JSON_TEXT_MAX,
		                                                  false)
		                  : "expected strings";
		if (why == NULL && len + strlen(e->valuestring) + 2 > INVITE_JSON_TEXT_MAX)
			why = "too long";
		if (why != NULL) {
			invite_json_item_bad(it, "categories", "%s", why);
			free(out);
			return;
		}
		size_t n = strlen(e->valuestring);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			out = xrealloc(out, cap);
		}
		if (len > 0)
			out[len++] = ',';
		memcpy(out + len, e->valuestring, n + 1);
		len += n;
	}
	free(it->inv->categories);
	it->inv->categories = out;
}

static void take_field(struct item *it, const struct field *f, const cJSON *v)
{
	struct invitation *inv = it->inv;
	int64_t n = 0;
	int e = -1;
	switch (f->type) {
	case T_TEXT:
	case T_LONGTEXT:
		take_text(it, f->name, v, (size_t)f->max, f->type == T_LONGTEXT,
		          (char **)((char *)inv + f->off));
		break;
	case T_INT:
		if (take_int(it, f->name, v, 0, (double)f->max, &n))
			*(int *)((char *)inv + f->off) = (int)n;
		break;
	case T_ID:
		if (take_int(it, f->name, v, 0, 9007199254740992.0, &n))
			inv->id = n;
		break;
	case T_KIND:
		invite_json_item_take_enum(it, f->name, v, KIND_COUNT, invite_kind_from_name, kind_name,
		                           &e);
		if (e >= 0) {
			inv->kind = (enum invite_kind)e;
			inv->is_kind_given = true;
		}
		break;
	case T_STATUS:
		invite_json_item_take_enum(it, f->name, v, STATUS_COUNT, invite_status_from_name,
		                           status_name, &e);
		if (e >= 0)
			inv->status = (enum invite_status)e;
		break;
	case T_CURRENCY: take_currency(it, v); break;
	case T_CATEGORIES: take_categories(it, v); break;
	case T_ATTENDEES: invite_json_audience_attendees(it, v); break;
	case T_AUDIENCE: invite_json_audience_shares(it, v); break;
	case T_DEFER: it->deferred[f->off] = v; break;
	}
}

/* -1 absent or bad, else 0/1. */
static int tri_bool(struct item *it, const char *name, enum deferred d)
{
	const cJSON *v = it->deferred[d];
	if (v == NULL || cJSON_IsNull(v))
		return -1;
	if (!cJSON_IsBool(v)) {
		invite_json_item_bad_type(it, name, "true or false", v);
		return -1;
	}
	return cJSON_IsTrue(v) ? 1 : 0;
}

/* ISO 8601 in a string; false when absent (nothing said) or bad. */
static bool take_time(struct item *it, const char *name, enum deferred d, int64_t *t,
                      bool *is_date)
{
	const cJSON *v = it->deferred[d];
	if (v == NULL || cJSON_IsNull(v))
		return false;
	if (!cJSON_IsString(v)) {
		invite_json_item_bad_type(it, name, "an ISO 8601 string", v);
		return false;
	}
	const char *s = v->valuestring;
	if (time_parse_iso(s, false, t, is_date))
		return true;
	char *q = invite_json_item_utf8_valid(s) ? quoted(s) : xstrdup("(invalid UTF-8)");
	int64_t ignored;
	if (time_parse_iso(s, true, &ignored, NULL))
		invite_json_item_bad(it, name, "no time zone in %s: add Z or an offset such as -05:00", q);
	else
		invite_json_item_bad(it, name, "not an ISO 8601 date or time: %s (e.g. "
		                     "2026-03-05T13:30:00Z or 2026-03-05)", q);
	free(q);
	return false;
}

static void finish_end(struct item *it, bool all_day)
{
	struct invitation *inv = it->inv;
	const cJSON *dur = it->deferred[D_DURATION];
	bool has_end = it->deferred[D_ENDS] != NULL && !cJSON_IsNull(it->deferred[D_ENDS]);
	if (has_end && dur != NULL) {
		invite_json_item_bad(it, "duration_min", "give either ends_at or duration_min, not both");
		return;
	}
	if (has_end) {
		bool is_date = false;
		if (!take_time(it, "ends_at", D_ENDS, &inv->ends_at, &is_date))
			return;
		if (is_date != all_day) {
			invite_json_item_bad(it, "ends_at",
			                     all_day ? "an all-day event ends on a plain date (YYYY-MM-DD)"
			                             : "a timed event needs an end time, not a date");
			return;
		}
	} else if (dur != NULL) {
		int64_t m = 0;
		if (!take_int(it, "duration_min", dur, 1, 366 * 1440, &m))
			return;
		if (all_day && m % 1440 != 0) {
			invite_json_item_bad(it, "duration_min",
			                     "an all-day event lasts whole days (1440 minutes each)");
			return;
		}
		inv->ends_at = inv->starts_at + m * 60;
	} else if (all_day) {
		inv->ends_at = inv->starts_at + DAY_SEC;
	} else {
		invite_json_item_bad(it, "ends_at", "missing: give ends_at or duration_min");
		return;
	}
	if (inv->ends_at <= inv->starts_at)
		invite_json_item_bad(it, "ends_at",
		                     all_day ? "must be after starts_at (for an all-day event, the "
		                               "day after the last day, as in iCalendar)"
		                             : "must be after starts_at");
}

static void finish_times(struct item *it)
{
	struct invitation *inv = it->inv;
	int all_day = tri_bool(it, "all_day", D_ALL_DAY);
	bool is_date = false;
	if (!take_time(it, "starts_at", D_STARTS, &inv->starts_at, &is_date)) {
		if (it->deferred[D_STARTS] == NULL || cJSON_IsNull(it->deferred[D_STARTS]))
			invite_json_item_bad(it, "starts_at", "missing: every invitation needs a start");
		return;
	}
	if (all_day < 0)
		all_day = is_date;
	if (all_day && !is_date) {
		invite_json_item_bad(it, "starts_at",
		                     "an all-day event starts on a plain date (YYYY-MM-DD)");
		return;
	}
	if (!all_day && is_date) {
		invite_json_item_bad(it, "starts_at", "a timed event needs a time such as "
		                     "2026-03-05T13:30:00Z (or set \"all_day\": true)");
		return;
	}
	inv->all_day = all_day;
	finish_end(it, all_day);
}

static void finish_reach(struct item *it)
{
	struct invitation *inv = it->inv;
	int is_virtual = tri_bool(it, "is_virtual", D_VIRTUAL);
	const cJSON *r = it->deferred[D_REACH];
	if (r != NULL) {
		int e = -1;
		invite_json_item_take_enum(it, "reach", r, REACH_COUNT, invite_reach_from_name,
		                           reach_name, &e);
		if (e < 0)
			return;
		inv->reach = (enum invite_reach)e;
		if (is_virtual >= 0 && is_virtual != (e == REACH_VIRTUAL))
			invite_json_item_bad(it, "is_virtual", "contradicts \"reach\": \"%s\"", reach_name(e));
	} else if (is_virtual == 1) {
		inv->reach = REACH_VIRTUAL;
	}
	if (inv->reach == REACH_VIRTUAL && inv->travel_min > 0)
		invite_json_item_bad(it, "travel_min", "a virtual event has no travel: 0 or leave it out");
}

static bool take_money(struct item *it, const char *name, const cJSON *v, int64_t *minor)
{
	const char *cur = it->inv->currency[0] ? it->inv->currency : "the currency";
	bool ok;
	if (cJSON_IsNumber(v))
		ok = invite_json_money_from_double(v->valuedouble, it->inv->currency, minor);
	else if (cJSON_IsString(v))
		ok = invite_json_money_from_text(v->valuestring, it->inv->currency, minor);
	else {
		invite_json_item_bad_type(it, name, "an amount such as 25.00", v);
		return false;
	}
	if (!ok)
		invite_json_item_bad(it, name, "not an amount in %s: a decimal from 0 with at most %d "
		                     "decimals, below 10 billion", cur,
		                     invite_json_currency_exponent(it->inv->currency));
	return ok;
}

static void finish_money(struct item *it)
{
	struct invitation *inv = it->inv;
	if (it->deferred[D_TICKET] != NULL && !cJSON_IsNull(it->deferred[D_TICKET]))
		take_money(it, "ticket", it->deferred[D_TICKET], &inv->ticket_minor);
	int speaking = tri_bool(it, "speaking", D_SPEAKING);
	if (it->deferred[D_FEE] != NULL && !cJSON_IsNull(it->deferred[D_FEE]) &&
	    take_money(it, "speaking_fee", it->deferred[D_FEE], &inv->speaking_fee_minor) &&
	    inv->speaking_fee_minor > 0 && speaking == 0)
		invite_json_item_bad(it, "speaking_fee",
		                     "a fee is paid for speaking but \"speaking\" is false");
	inv->is_speaking = speaking == 1 || (speaking < 0 && inv->speaking_fee_minor > 0);
}

/* A stable UID for objects that carry none: FNV-1a of title and start. */
static void derive_uid(struct invitation *inv)
{
	char start[32];
	time_format_utc(inv->starts_at, start, sizeof start);
	uint64_t h = 1469598103934665603ull;
	for (int pass = 0; pass < 2; pass++)
		for (const char *p = pass ? start : inv->title; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
	inv->uid = xasprintf("json-%016llx@worthit", (unsigned long long)h);
}

bool invite_json_item_is_extension(const char *key)
{
	return key[0] == 'x' && (key[1] == '_' || key[1] == '-');
}

bool invite_json_item_parse(const cJSON *obj, int line, struct invitation *inv,
                            struct import_problems *problems)
{
	struct item it = { .inv = inv, .problems = problems, .line = line, .ok = true };
	bool seen[N_FIELDS] = { false };
	const cJSON *m;
	cJSON_ArrayForEach(m, obj) {
		size_t i = 0;
		while (i < N_FIELDS && strcmp(fields[i].name, m->string) != 0)
			i++;
		if (i == N_FIELDS) {
			if (!invite_json_item_is_extension(m->string))
				invite_json_item_bad(&it, invite_json_item_utf8_valid(m->string)
				                               ? m->string : "(invalid UTF-8)",
				                     "unknown field (extensions start with x_)");
			continue;
		}
		if (seen[i]) {
			invite_json_item_bad(&it, fields[i].name, "given twice");
			continue;
		}
		seen[i] = true;
		take_field(&it, &fields[i], m);
	}
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(obj, "title");
	if (title == NULL || cJSON_IsNull(title))
		invite_json_item_bad(&it, "title", "missing: every invitation needs a title");
	else if (inv->title != NULL && inv->title[0] == '\0')
		invite_json_item_bad(&it, "title", "empty: every invitation needs a title");
	if (inv->uid != NULL && inv->uid[0] == '\0')
		invite_json_item_bad(&it, "uid",
		                     "empty: leave it out to have one made from title and start");
	finish_times(&it);
	finish_reach(&it);
	finish_money(&it);
	if (it.ok && inv->uid == NULL)
		derive_uid(inv);
	if (inv->recurrence_id == NULL)
		inv->recurrence_id = xstrdup("");
	return it.ok;
}

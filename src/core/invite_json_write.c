/*
 * invite_json_write.c: one invitation as one line of JSON (the object
 * of docs/formats.md, "## JSON"), and the money conversions the reader
 * shares: decimals in major units outside, integer minor units inside
 * (ISO 4217 minor-unit digits). Whatever this writes, invite_json_parse()
 * reads back into the same struct: the round trip is unit-tested.
 * Pure core: no I/O.
 */
#include "worthit/invite_json.h"
#include "worthit/money.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MONEY_MAJOR_MAX 10000000000.0 /* ten billion: beyond any ticket */

int invite_json_currency_exponent(const char *currency)
{
	return money_exponent(currency); /* the one table: money.c */
}

static int64_t pow10i(int e)
{
	int64_t p = 1;
	while (e-- > 0)
		p *= 10;
	return p;
}

bool invite_json_money_from_text(const char *s, const char *currency, int64_t *minor)
{
	int e = invite_json_currency_exponent(currency);
	int64_t whole = 0, frac = 0;
	int int_digits = 0, frac_digits = 0;
	const char *p = s;
	for (; isdigit((unsigned char)*p); p++) {
		if (++int_digits > 10)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (int_digits == 0)
		return false;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		for (; isdigit((unsigned char)*p); p++) {
			if (++frac_digits > e) {
				if (*p != '0') /* 25.000 is fine, 25.005 is not */
					return false;
				continue;
			}
			frac = frac * 10 + (*p - '0');
		}
		if (frac_digits < e)
			frac *= pow10i(e - frac_digits);
	}
	if (*p != '\0' || whole > (int64_t)JSON_MONEY_MAJOR_MAX)
		return false;
	*minor = whole * pow10i(e) + frac;
	return true;
}

bool invite_json_money_from_double(double v, const char *currency, int64_t *minor)
{
	if (!isfinite(v) || v < 0 || v > JSON_MONEY_MAJOR_MAX)
		return false;
	double x = v * (double)pow10i(invite_json_currency_exponent(currency));
	double r = floor(x + 0.5);
	if (fabs(x - r) > 1e-3) /* a third decimal of a cent: not money */
		return false;
	*minor = (int64_t)r;
	return true;
}

char *invite_json_money_format(int64_t minor, const char *currency, char *buf, size_t len)
{
	return money_format(minor, currency, buf, len);
}

static void add_text(cJSON *o, const char *key, const char *s, bool null_when_missing)
{
	if (s != NULL)
		cJSON_AddStringToObject(o, key, s);
	else if (null_when_missing)
		cJSON_AddNullToObject(o, key);
}

/* Money in JSON output, everywhere (docs/formats.md): a string of major
 * units with the currency's decimals ("20.00", "15000"), its currency in
 * the object's "currency" field; input also takes a number. */
static void add_money(cJSON *o, const char *key, int64_t minor, const char *currency)
{
	char buf[MONEY_TEXT_MAX];
	cJSON_AddStringToObject(o, key, money_format(minor, currency, buf, sizeof buf));
}

static void add_time(cJSON *o, const char *key, int64_t t, bool all_day)
{
	char buf[32];
	if (all_day)
		time_format_date(t, buf, sizeof buf);
	else
		time_format_utc(t, buf, sizeof buf);
	cJSON_AddStringToObject(o, key, buf);
}

/* "a\nb" -> ["a", "b"]; empty lines dropped. */
static void add_attendees(cJSON *o, const char *list)
{
	if (list == NULL || list[0] == '\0')
		return;
	cJSON *arr = cJSON_AddArrayToObject(o, "attendees");
	const char *p = list;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n > 0) {
			char *one = xstrndup(p, n);
			cJSON_AddItemToArray(arr, cJSON_CreateString(one));
			free(one);
		}
		p += n + (nl != NULL);
	}
}

static void add_audience(cJSON *o, const struct invitation *inv)
{
	if (inv->n_shares == 0)
		return;
	cJSON *arr = cJSON_AddArrayToObject(o, "audience");
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++) {
		const struct audience_share *s = &inv->shares[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "dimension", audience_dim_name(s->dim));
		cJSON_AddStringToObject(e, "segment", s->value);
		cJSON_AddNumberToObject(e, "share", s->share);
		cJSON_AddBoolToObject(e, "second_degree", s->is_second_degree);
		cJSON_AddItemToArray(arr, e);
	}
}

char *invite_json_object(const struct invitation *inv)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)inv->id);
	add_text(o, "uid", inv->uid, true);
	add_text(o, "recurrence_id", inv->recurrence_id != NULL ? inv->recurrence_id : "", true);
	add_text(o, "title", inv->title, true);
	add_text(o, "organizer", inv->organizer, true);
	cJSON_AddStringToObject(o, "kind", invite_kind_name(inv->kind));
	add_time(o, "starts_at", inv->starts_at, inv->all_day);
	if (inv->all_day && inv->ends_at > TIME_MAX_WRITABLE)
		/* ends at the close of year 9999: the day after is not a
		 * four-digit date, so the length goes instead */
		cJSON_AddNumberToObject(o, "duration_min", (double)((inv->ends_at - inv->starts_at) / 60));
	else
		add_time(o, "ends_at", inv->ends_at, inv->all_day);
	cJSON_AddBoolToObject(o, "all_day", inv->all_day);
	add_text(o, "location", inv->location, true);
	cJSON_AddBoolToObject(o, "is_virtual", inv->reach == REACH_VIRTUAL);
	cJSON_AddStringToObject(o, "status", invite_status_name(inv->status));
	cJSON_AddStringToObject(o, "reach", invite_reach_name(inv->reach));
	add_text(o, "series", inv->series, false);
	add_text(o, "tzid", inv->tzid, false);
	cJSON_AddNumberToObject(o, "travel_min", inv->travel_min);
	cJSON_AddNumberToObject(o, "prep_min", inv->prep_min);
	add_money(o, "ticket", inv->ticket_minor, inv->currency);
	cJSON_AddStringToObject(o, "currency", inv->currency);
	cJSON_AddNumberToObject(o, "expected_attendance", inv->expected_attendance);
	cJSON_AddBoolToObject(o, "speaking", inv->is_speaking);
	add_money(o, "speaking_fee", inv->speaking_fee_minor, inv->currency);
	cJSON_AddNumberToObject(o, "sequence", inv->sequence);
	add_text(o, "source_file", inv->source_file, false);
	add_text(o, "description", inv->description, false);
	add_text(o, "url", inv->url, false);
	add_text(o, "categories", inv->categories, false);
	add_attendees(o, inv->attendees);
	add_audience(o, inv);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (text == NULL) /* cJSON only fails when out of memory */
		text = xstrdup("{}");
	char *copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}

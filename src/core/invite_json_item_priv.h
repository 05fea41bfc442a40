/*
 * invite_json_item_priv.h: what invite_json_item.c shares with
 * invite_json_audience.c, its "attendees" and "audience" half: the
 * per-object parse state and the checks every field goes through.
 * Private to those two, hence under src/ and not include/worthit/.
 */
#ifndef WORTHIT_INVITE_JSON_ITEM_PRIV_H
#define WORTHIT_INVITE_JSON_ITEM_PRIV_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"

/* Members checked together at the end, once all are known. */
enum deferred { D_STARTS, D_ENDS, D_DURATION, D_ALL_DAY, D_VIRTUAL, D_REACH, D_TICKET,
                D_SPEAKING, D_FEE, D_COUNT };

struct item {
	struct invitation *inv;
	struct import_problems *problems;
	int line;
	bool ok;
	const cJSON *deferred[D_COUNT];
};

/* Adds "field: message" on the item's line and marks it bad. */
void invite_json_item_bad(struct item *it, const char *field, const char *fmt, ...)
	__attribute__((format(__printf__, 3, 4)));

/* RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
bool invite_json_item_utf8_valid(const char *s);

/* invite_json_item_bad(it, field, "expected EXPECTED, found TYPE"),
 * TYPE saying what v is ("null", "a number" ...). */
void invite_json_item_bad_type(struct item *it, const char *field, const char *expected,
                               const cJSON *v);

/* Text checks shared by every string: UTF-8, length, control chars;
 * NULL when fine, else what is wrong. */
const char *invite_json_item_text_problem(const char *s, size_t max, bool multiline);

/* A name from a table into *out (untouched when bad, which is reported). */
void invite_json_item_take_enum(struct item *it, const char *name, const cJSON *v, int count,
                                int (*from_name)(const char *), const char *(*to_name)(int),
                                int *out);

/* "attendees": an array of addresses, kept newline-separated. */
void invite_json_audience_attendees(struct item *it, const cJSON *v);

/* "audience": an array of {"dimension","segment","share","second_degree"}. */
void invite_json_audience_shares(struct item *it, const cJSON *v);

#endif

/*
 * test_ics_corpus.c: the real-world iCalendar corpus
 * ($WORTHIT_SHARED/corpus/ics, read in place) against what the reference
 * parser (ical.js) found, in expected/FILE.jsonl. Every file is parsed with
 * the window 2000-01-01 .. 2030-12-31; occurrences are compared on uid,
 * start, end and summary. A file agrees when both sides find the same
 * occurrences, or when the reference rejects the file and worthit
 * reports at least one problem (a clear error). Deliberate differences
 * are listed in one table below with the reason. Fails on a crash, on
 * a disagreement not in the table, or below 95 % agreement overall.
 * WORTHIT_CORPUS_VERBOSE=1 prints every difference; WORTHIT_CORPUS_FILE=NAME
 * checks only the files whose name contains NAME.
 *
 * Comparison rules (not differences): the reference caps a series at 500
 * occurrences (flag "capped"), so worthit's later occurrences of a capped
 * uid are not compared; a reference uid of null matches worthit's
 * synthesised "worthit-..." uid; a missing SUMMARY is "(no title)";
 * floating times are local wall-clock times (TZ is set to
 * America/Chicago here); the reference writes U+FFFD for bytes that are
 * not UTF-8 where worthit reads Windows-1252, so U+FFFD in a reference
 * summary matches any one character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "worthit/ics.h"
#include "worthit/import_problems.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

/*
 * The one table of files where worthit and the reference differ on
 * purpose. IMPORTED: the reference rejects the file, worthit imports it
 * (the documented partial or full import the issue allows), counted as
 * agreement. REFERENCE_WRONG and DELIBERATE count as differences.
 */
enum diff_kind { IMPORTED, REFERENCE_WRONG, DELIBERATE };
static const struct {
	const char *file;
	enum diff_kind kind;
	const char *reason;
} deliberate[] = {
	{"ical4j__bhav23-2.ics", IMPORTED,
	 "DESCRIPTION continues on lines without the folding blank; worthit joins them "
	 "like folds instead of rejecting the file"},
	{"icalnet__Parse1.ics", IMPORTED,
	 "quoted-printable DESCRIPTION broken over unfolded lines; joined like folds"},
	{"py-icalendar__issue_165_missing_event.ics", IMPORTED,
	 "libical reads BYDAY=MO, TU, WE (blanks after commas) as meant"},
	{"py-icalendar__issue_348_exception_parsing_value.ics", IMPORTED,
	 "ORGANIZER;CN=Sixt SE has no value: that property is left out, the event kept"},
	{"ruby-icalendar__single_event_bad_dtstart.ics", IMPORTED,
	 "DTSTART:20050120 without VALUE=DATE is read as the DATE it is; an RDATE with an "
	 "unknown TZID is taken as floating"},
	{"icaljs__multiple_rrules.ics", REFERENCE_WRONG,
	 "Sunday 2012-07-29 18:00Z matches RRULE:FREQ=MONTHLY;BYDAY=SU and is before its "
	 "UNTIL=20120730T065959Z; the reference leaves it out"},
	{"sabre-vobject__UntilRespectsTimezoneTest.ics", REFERENCE_WRONG,
	 "a floating UNTIL is in DTSTART's zone (RFC 5545 3.3.10), so the 2013-11-18 18:30 "
	 "New York occurrence is the last one; the reference reads UNTIL as UTC"},
	{"recurring-ical-events__fablab_cottbus.ics", REFERENCE_WRONG,
	 "the VTIMEZONE Europe/Berlin only lists 2018-2020 and agrees with the system zone, "
	 "so worthit uses the system rules for 2016-2017 (CET/CEST); the reference gives "
	 "those times without any offset"},
	{"recurring-ical-events__end_before_start_event.ics", DELIBERATE,
	 "DTEND before DTSTART: worthit reports the event instead of storing a negative "
	 "duration"},
	{"recurring-ical-events__issue_75_range_parameter.ics", DELIBERATE,
	 "RANGE=THISANDFUTURE agrees; UNTIL=20250920, a DATE on a DATE-TIME series, is read "
	 "as that whole day, so the 2025-09-20 12:00Z occurrence (moved to 09-21 14:22Z) is "
	 "kept; the reference stops at its midnight"},
};

struct occ {
	char *uid, *start, *end, *summary;
	bool is_matched, is_capped_uid;
};

struct occ_set {
	struct occ *items;
	size_t len, cap;
};

static void occ_add(struct occ_set *s, const char *uid, const char *start, const char *end,
                    const char *summary)
{
	if (s->len == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->items = xreallocarray(s->items, s->cap, sizeof *s->items);
	}
	struct occ *o = &s->items[s->len++];
	o->uid = xstrdup(uid ? uid : "");
	o->start = xstrdup(start);
	o->end = xstrdup(end);
	o->summary = xstrdup(summary ? summary : "(no title)");
	o->is_matched = o->is_capped_uid = false;
}

static void occ_free(struct occ_set *s)
{
	for (size_t i = 0; i < s->len; i++) {
		free(s->items[i].uid);
		free(s->items[i].start);
		free(s->items[i].end);
		free(s->items[i].summary);
	}
	free(s->items);
	memset(s, 0, sizeof *s);
}

static void fmt_time(int64_t t, bool all_day, char *buf, size_t len)
{
	if (all_day)
		time_format_date(t, buf, len);
	else
		time_format_utc(t, buf, len);
}

static enum wit_status collect(void *ctx, const struct invitation *inv, int line,
                               enum import_action action)
{
	(void)line;
	(void)action;
	char s[32], e[32];
	fmt_time(inv->starts_at, inv->all_day, s, sizeof s);
	fmt_time(inv->ends_at, inv->all_day, e, sizeof e);
	occ_add(ctx, inv->uid, s, e, inv->title);
	return WIT_OK;
}

/* Floating "2010-02-10T20:30:00" (local) -> UTC "...Z"; others as is. */
static void normalise_time(const char *in, char *out, size_t len)
{
	size_t n = strlen(in);
	if (n == 19 && in[10] == 'T') {
		struct tm tm = {0};
		sscanf(in, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		       &tm.tm_min, &tm.tm_sec);
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_isdst = -1;
		time_format_utc((int64_t)mktime(&tm), out, len);
		return;
	}
	snprintf(out, len, "%s", in);
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool has_flag(const cJSON *o, const char *flag)
{
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(o, "flags"))
		if (cJSON_IsString(f) && strcmp(f->valuestring, flag) == 0)
			return true;
	return false;
}

/* Reads expected/FILE.jsonl; false when the reference rejected it. */
static bool read_expected(const char *dir, const char *file, struct occ_set *exp,
                          struct occ_set *capped)
{
	char *path = xasprintf("%s/expected/%s.jsonl", dir, file);
	FILE *f = fopen(path, "r");
	free(path);
	assert_non_null(f);
	char *line = NULL;
	size_t cap = 0;
	bool is_ok = true;
	while (getline(&line, &cap, f) > 0) {
		cJSON *o = cJSON_Parse(line);
		assert_non_null(o);
		if (cJSON_GetObjectItemCaseSensitive(o, "error") != NULL) {
			is_ok = false;
		} else {
			char s[40], e[40];
			normalise_time(json_str(o, "start"), s, sizeof s);
			normalise_time(json_str(o, "end"), e, sizeof e);
			occ_add(exp, json_str(o, "uid"), s, e, json_str(o, "summary"));
			if (has_flag(o, "capped"))
				occ_add(capped, json_str(o, "uid"), s, e, NULL);
		}
		cJSON_Delete(o);
	}
	free(line);
	fclose(f);
	return is_ok;
}

/* UTF-8 text equal, a U+FFFD in want matching any one character. */
static bool summary_matches(const char *want, const char *got)
{
	while (*want && *got) {
		if (strncmp(want, "\xEF\xBF\xBD", 3) == 0) {
			want += 3;
			got++;
			while ((*got & 0xC0) == 0x80)
				got++;
			continue;
		}
		if (*want++ != *got++)
			return false;
	}
	return *want == *got;
}

static bool uid_matches(const char *want, const char *got)
{
	if (want[0] == '\0')
		return strncmp(got, "worthit-", 8) == 0;
	return strcmp(want, got) == 0;
}

/* The last start the reference gives for a capped uid, or NULL. */
static const char *cap_of(const struct occ_set *capped, const char *uid)
{
	const char *last = NULL;
	for (size_t i = 0; i < capped->len; i++)
		if (uid_matches(capped->items[i].uid, uid) &&
		    (last == NULL || strcmp(capped->items[i].start, last) > 0))
			last = capped->items[i].start;
	return last;
}

static bool verbose(void)
{
	const char *v = getenv("WORTHIT_CORPUS_VERBOSE");
	return v != NULL && v[0] == '1';
}

/* Number of differences between the two sets. */
static int compare(const char *file, struct occ_set *exp, struct occ_set *got,
                   const struct occ_set *capped)
{
	int diffs = 0;
	/* exact matches first, so that two events with one uid and start
	 * pair up right */
	for (size_t i = 0; i < exp->len; i++) {
		struct occ *e = &exp->items[i];
		for (size_t j = 0; j < got->len && !e->is_matched; j++) {
			struct occ *g = &got->items[j];
			if (!g->is_matched && uid_matches(e->uid, g->uid) && !strcmp(e->start, g->start) &&
			    !strcmp(e->end, g->end) && summary_matches(e->summary, g->summary))
				g->is_matched = e->is_matched = true;
		}
	}
	for (size_t i = 0; i < exp->len; i++) {
		struct occ *e = &exp->items[i];
		for (size_t j = 0; j < got->len && !e->is_matched; j++) {
			struct occ *g = &got->items[j];
			if (g->is_matched || !uid_matches(e->uid, g->uid) || strcmp(e->start, g->start))
				continue;
			g->is_matched = e->is_matched = true;
			if (strcmp(e->end, g->end) != 0 || !summary_matches(e->summary, g->summary)) {
				diffs++;
				if (verbose())
					printf("  %s: %s %s: end %s/%s summary [%s]/[%s]\n", file, e->uid,
					       e->start, e->end, g->end, e->summary, g->summary);
			}
		}
		if (!e->is_matched) {
			diffs++;
			if (verbose())
				printf("  %s: missing %s %s %s [%s]\n", file, e->uid, e->start, e->end,
				       e->summary);
		}
	}
	for (size_t j = 0; j < got->len; j++) {
		struct occ *g = &got->items[j];
		const char *cap = cap_of(capped, g->uid);
		if (g->is_matched || (cap != NULL && strcmp(g->start, cap) > 0))
			continue;
		diffs++;
		if (verbose())
			printf("  %s: extra %s %s %s [%s]\n", file, g->uid, g->start, g->end, g->summary);
	}
	return diffs;
}

static int deliberate_index(const char *file)
{
	for (size_t i = 0; i < sizeof deliberate / sizeof *deliberate; i++)
		if (strcmp(deliberate[i].file, file) == 0)
			return (int)i;
	return -1;
}

static char *corpus_dir(void)
{
	const char *shared = getenv("WORTHIT_SHARED");
	return xasprintf("%s/corpus/ics", shared ? shared : "../shared");
}

struct tally {
	int files, agree, clear_error, imported, deliberate, unlisted;
};

static void check_file(const char *dir, const char *file, struct tally *t)
{
	struct occ_set exp = {0}, got = {0}, capped = {0};
	bool ref_ok = read_expected(dir, file, &exp, &capped);
	char *path = xasprintf("%s/%s", dir, file);
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	struct import_options opt = {
		.from = time_from_utc_fields(2000, 1, 1, 0, 0, 0),
		.to = time_from_utc_fields(2031, 1, 1, 0, 0, 0),
		.source_name = file,
	};
	struct import_problems probs;
	import_problems_init(&probs);
	char *why = NULL;
	enum wit_status st = ics_parse(in, &opt, collect, &got, &probs, NULL, &why);
	fclose(in);
	bool has_problems = st != WIT_OK || probs.len > 0;
	int diffs = compare(file, &exp, &got, &capped);
	int d = deliberate_index(file);
	const char *reason = d >= 0 ? deliberate[d].reason : NULL;
	const char *verdict;
	t->files++;
	if (diffs == 0 && !has_problems) {
		t->agree++;
		verdict = "agree";
	} else if (!ref_ok && has_problems) {
		t->agree++;
		t->clear_error++;
		verdict = "agree (both reject)";
	} else if (!ref_ok && d >= 0 && deliberate[d].kind == IMPORTED) {
		t->agree++;
		t->imported++;
		verdict = "agree (imported)";
	} else if (d >= 0 && deliberate[d].kind != IMPORTED) {
		t->deliberate++;
		verdict = deliberate[d].kind == REFERENCE_WRONG ? "reference wrong" : "deliberate";
	} else {
		t->unlisted++;
		verdict = "DIFFERENT";
	}
	printf("%-22s %s: %zu expected, %zu found, %d differences, %zu problems%s%s\n", verdict,
	       file, exp.len, got.len, diffs, probs.len, reason ? " -- " : "", reason ? reason : "");
	if (has_problems && (verbose() || strcmp(verdict, "DIFFERENT") == 0)) {
		for (size_t i = 0; i < probs.len && i < 5; i++)
			printf("    %s:%d: %s\n", file, probs.items[i].line, probs.items[i].message);
		if (why)
			printf("    %s\n", why);
	}
	free(why);
	import_problems_done(&probs);
	free(path);
	occ_free(&exp);
	occ_free(&got);
	occ_free(&capped);
}

static void test_corpus(void **state)
{
	(void)state;
	char *dir = corpus_dir();
	char *sources = xasprintf("%s/SOURCES.tsv", dir);
	FILE *f = fopen(sources, "r");
	assert_non_null(f);
	char *line = NULL;
	size_t cap = 0;
	struct tally t = {0};
	bool is_header = true;
	while (getline(&line, &cap, f) > 0) {
		char *tab = strchr(line, '\t');
		if (is_header || tab == NULL) {
			is_header = false;
			continue;
		}
		*tab = '\0';
		const char *only = getenv("WORTHIT_CORPUS_FILE");
		if (only == NULL || strstr(line, only) != NULL)
			check_file(dir, line, &t);
	}
	free(line);
	fclose(f);
	free(sources);
	free(dir);
	double pct = t.files ? 100.0 * t.agree / t.files : 0;
	printf("corpus: %d files, %d agree (%.1f %%; of them %d rejected by both, %d rejected "
	       "by the reference and imported as documented), %d listed differences, %d "
	       "unlisted differences\n",
	       t.files, t.agree, pct, t.clear_error, t.imported, t.deliberate, t.unlisted);
	assert_true(t.files > 0);
	assert_int_equal(t.unlisted, 0);
	assert_true(pct >= 95.0);
}

int main(void)
{
	char *dir = corpus_dir();
	char *sources = xasprintf("%s/SOURCES.tsv", dir);
	FILE *f = fopen(sources, "r");
	free(sources);
	free(dir);
	if (f == NULL) {
		/* a user's clone may lack ../shared; CI must have it */
		const char *ci = getenv("CI");
		if (ci != NULL && (strcmp(ci, "1") == 0 || strcmp(ci, "true") == 0)) {
			printf("corpus not found (required under CI)\n");
			return 1;
		}
		printf("skipped: corpus not found\n");
		return 77;
	}
	fclose(f);
	setenv("TZ", "America/Chicago", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

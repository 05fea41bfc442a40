/*
 * fuzz_ics.c: iCalendar import (ics_parse: the line reader, libical,
 * recurrence expansion and the mapping to invitations) from any bytes,
 * read from memory through fmemopen(3). The window is a year either side
 * of FUZZ_NOW, as `import` uses by default. Properties: no crash, hang,
 * leak or undefined behaviour in worthit's code (libical's own faults
 * show too: they are what the sandboxed parsing contains); every
 * invitation handed on has a UID and a title and ends no earlier than it
 * starts, and its JSON form is written without trouble.
 *
 * Parts (ics_parse_part, sandbox.h): the same bytes are parsed again in
 * two parts, and what the parts give, merged as the sandbox's parent
 * merges them (invitations and problems by position, the lower part
 * first on a tie; notes by line and text, kept once), must be exactly
 * what one parse gave: the same invitations (their record bytes) in the
 * same order, the same problems and notes, the same status. Only a file
 * at ICS_PROBLEMS_MAX problems may differ (each part counts its own).
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/ics.h"
#include "worthit/import_problems.h"
#include "worthit/invite_json.h"
#include "worthit/sandbox_record.h"
#include "worthit/xmalloc.h"

#define FUZZ_ICS_PARTS 2

/* What one parse gave: each invitation's record and the problems'
 * position when it came. */
struct fuzz_ics_out {
	struct import_problems problems;
	struct sandbox_buf *records;
	uint64_t *pos;
	size_t n, cap;
	enum wit_status st;
};

static enum wit_status fuzz_ics_sink(void *ctx, const struct invitation *inv, int line,
                                     enum import_action action)
{
	struct fuzz_ics_out *out = ctx;
	if (inv->uid == NULL || inv->uid[0] == '\0')
		fuzz_fail("ics: an invitation without a UID");
	if (inv->title == NULL)
		fuzz_fail("ics: an invitation without a title");
	if (inv->ends_at < inv->starts_at)
		fuzz_fail("ics: %s ends before it starts", inv->uid);
	free(invite_json_object(inv));
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->records = xreallocarray(out->records, out->cap, sizeof *out->records);
		out->pos = xreallocarray(out->pos, out->cap, sizeof *out->pos);
	}
	out->records[out->n] = (struct sandbox_buf){0};
	sandbox_record_put_invitation(&out->records[out->n], inv, line, action);
	out->pos[out->n++] = out->problems.pos;
	return WIT_OK;
}

static void fuzz_ics_parse(const uint8_t *data, size_t size, unsigned part, unsigned parts,
                           struct fuzz_ics_out *out)
{
	memset(out, 0, sizeof *out);
	import_problems_init(&out->problems);
	out->st = WIT_IOERR;
	FILE *in = fmemopen((void *)data, size, "r");
	if (in == NULL)
		return;
	struct import_options opt = {FUZZ_NOW - 365 * 86400, FUZZ_NOW + 365 * 86400, "fuzz.ics"};
	struct ics_stats stats;
	char *why = NULL;
	out->st = ics_parse_part(in, &opt, part, parts, fuzz_ics_sink, out, &out->problems, &stats,
	                         &why);
	free(why);
	fclose(in);
}

static void fuzz_ics_free(struct fuzz_ics_out *out)
{
	for (size_t i = 0; i < out->n; i++)
		sandbox_buf_done(&out->records[i]);
	free(out->records);
	free(out->pos);
	import_problems_done(&out->problems);
}

static bool fuzz_ics_same(const struct import_problem *a, const struct import_problem *b)
{
	return a->line == b->line && strcmp(a->message, b->message) == 0;
}

/* The parts' invitations, merged by position, against the whole's. */
static void fuzz_ics_check_records(const struct fuzz_ics_out *whole,
                                   const struct fuzz_ics_out *parts)
{
	size_t at[FUZZ_ICS_PARTS] = {0}, k = 0;
	for (;;) {
		int best = -1;
		for (int p = 0; p < FUZZ_ICS_PARTS; p++)
			if (at[p] < parts[p].n &&
			    (best < 0 || parts[p].pos[at[p]] < parts[best].pos[at[best]]))
				best = p;
		if (best < 0)
			break;
		const struct sandbox_buf *r = &parts[best].records[at[best]++];
		if (k >= whole->n)
			fuzz_fail("ics parts: more invitations than one parse gave (%zu)", whole->n);
		const struct sandbox_buf *w = &whole->records[k++];
		if (r->len != w->len || memcmp(r->bytes, w->bytes, r->len) != 0)
			fuzz_fail("ics parts: invitation %zu differs from one parse's", k);
	}
	if (k != whole->n)
		fuzz_fail("ics parts: %zu invitations, one parse gave %zu", k, whole->n);
}

/* The parts' problems (by position) or notes (by line and text, kept
 * once) against the whole's. */
static void fuzz_ics_check_list(const struct fuzz_ics_out *whole,
                                const struct fuzz_ics_out *parts, bool is_notes)
{
	size_t at[FUZZ_ICS_PARTS] = {0}, k = 0;
	const struct import_problem *last = NULL;
	for (;;) {
		int best = -1;
		const struct import_problem *b = NULL;
		for (int p = 0; p < FUZZ_ICS_PARTS; p++) {
			const struct import_problems *pp = &parts[p].problems;
			if (at[p] >= (is_notes ? pp->n_notes : pp->len))
				continue;
			const struct import_problem *c = is_notes ? &pp->notes[at[p]] : &pp->items[at[p]];
			bool is_before = b == NULL ||
			                 (is_notes ? c->line < b->line || (c->line == b->line &&
			                             strcmp(c->message, b->message) < 0)
			                           : c->pos < b->pos);
			if (is_before) {
				best = p;
				b = c;
			}
		}
		if (best < 0)
			break;
		at[best]++;
		if (is_notes && last != NULL && fuzz_ics_same(last, b))
			continue;
		last = b;
		const struct import_problems *wp = &whole->problems;
		size_t wn = is_notes ? wp->n_notes : wp->len;
		if (k >= wn || !fuzz_ics_same(is_notes ? &wp->notes[k] : &wp->items[k], b))
			fuzz_fail("ics parts: %s %zu (line %d: %s) is not one parse's", is_notes ? "note" :
			          "problem", k, b->line, b->message);
		k++;
	}
	if (k != (is_notes ? whole->problems.n_notes : whole->problems.len))
		fuzz_fail("ics parts: %zu %s, one parse gave more", k, is_notes ? "notes" : "problems");
}

static void fuzz_ics_check_parts(const uint8_t *data, size_t size,
                                 const struct fuzz_ics_out *whole)
{
	struct fuzz_ics_out parts[FUZZ_ICS_PARTS];
	for (unsigned p = 0; p < FUZZ_ICS_PARTS; p++)
		fuzz_ics_parse(data, size, p, FUZZ_ICS_PARTS, &parts[p]);
	bool is_capped = whole->problems.len >= ICS_PROBLEMS_MAX;
	for (unsigned p = 0; p < FUZZ_ICS_PARTS; p++)
		is_capped = is_capped || parts[p].problems.len >= ICS_PROBLEMS_MAX;
	if (!is_capped) {
		enum wit_status st = WIT_OK;
		for (unsigned p = 0; p < FUZZ_ICS_PARTS && st == WIT_OK; p++)
			st = parts[p].st;
		if (st != whole->st)
			fuzz_fail("ics parts: status %d, one parse's %d", (int)st, (int)whole->st);
		if (st == WIT_OK) {
			fuzz_ics_check_records(whole, parts);
			fuzz_ics_check_list(whole, parts, false);
			fuzz_ics_check_list(whole, parts, true);
		}
	}
	for (unsigned p = 0; p < FUZZ_ICS_PARTS; p++)
		fuzz_ics_free(&parts[p]);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0; /* fmemopen needs a buffer */
	struct fuzz_ics_out whole;
	fuzz_ics_parse(data, size, 0, 1, &whole);
	if (whole.st != WIT_IOERR)
		fuzz_ics_check_parts(data, size, &whole);
	fuzz_ics_free(&whole);
	return 0;
}

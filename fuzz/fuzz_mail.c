/*
 * fuzz_mail.c: the mail reader (mail_parse, mail.h: GMime's MIME parser,
 * the walk to calendar parts, their transfer and charset decoding, the
 * repeat check, ics_parse on each part) from any bytes. Every input is
 * read twice, as one message (`import x.eml`, stdin) and as an mbox
 * (GMime splits it at "From " lines), so the seeds stay real messages
 * and both ways meet every input. mail_parse reads through a file
 * descriptor, as import does, so the bytes go into one temporary file
 * kept for the whole run. The window is a year either side of FUZZ_NOW.
 *
 * Properties, besides no crash, hang, leak or undefined behaviour:
 *   - every invitation has a UID and a title and ends no earlier than it
 *     starts;
 *   - all invitations of one message carry that message's provenance
 *     (the same Message-ID, From, Subject and Date), and it crosses the
 *     sandbox (sandbox_record) intact: encode, decode, encode again
 *     gives the same bytes;
 *   - no invitation is given twice from one message (the same calendar
 *     inline and attached counts once): (UID, RECURRENCE-ID, SEQUENCE,
 *     action) differ;
 *   - every problem, warning and note names its message ("message
 *     ..."), and a note of a message skipped is never taken for a
 *     warning nor the other way round (mail_note_is_skip);
 *   - WIT_OK has no message; a failure is WIT_DATA with a message and
 *     nothing read before it (no invitation, no message counted), never
 *     a partial success;
 *   - when the sink says stop, the reading stops there with the sink's
 *     status (read a third time, stopped halfway, when it gave any).
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "worthit/import_problems.h"
#include "worthit/mail.h"
#include "worthit/sandbox_record.h"

/* What one reading saw; the sink's context. */
struct fuzz_mail_seen {
	const struct mail_stats *stats; /* the reader's: which message we are in */
	uint64_t message;               /* stats->messages when first was set */
	struct invitation first;        /* the message's first invitation (provenance) */
	char **keys;                    /* this message's (uid, rid, seq, action) */
	size_t n_keys, cap_keys;
	uint64_t given;                 /* invitations in all */
	uint64_t stop_at;               /* the sink says stop at this one; 0 never */
};

static void fuzz_mail_forget(struct fuzz_mail_seen *s)
{
	invitation_done(&s->first);
	invitation_init(&s->first);
	for (size_t i = 0; i < s->n_keys; i++)
		free(s->keys[i]);
	s->n_keys = 0;
}

static bool fuzz_mail_same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Provenance: as the message's first invitation had it. */
static void fuzz_mail_check_provenance(struct fuzz_mail_seen *s, const struct invitation *inv)
{
	if (s->n_keys == 0) {
		invitation_copy(&s->first, inv);
		return;
	}
	const struct invitation *f = &s->first;
	if (!fuzz_mail_same(f->mail_message_id, inv->mail_message_id) ||
	    !fuzz_mail_same(f->mail_from, inv->mail_from) ||
	    !fuzz_mail_same(f->mail_subject, inv->mail_subject) || f->mail_date != inv->mail_date)
		fuzz_fail("mail: %s and %s came from one message with different provenance",
		          f->uid, inv->uid);
}

static void fuzz_mail_check_repeat(struct fuzz_mail_seen *s, const struct invitation *inv,
                                   enum import_action action)
{
	size_t n = strlen(inv->uid) + (inv->recurrence_id ? strlen(inv->recurrence_id) : 0) + 32;
	char *key = malloc(n);
	if (key == NULL)
		abort();
	snprintf(key, n, "%s\x1f%s\x1f%d\x1f%d", inv->uid,
	         inv->recurrence_id ? inv->recurrence_id : "", inv->sequence, (int)action);
	for (size_t i = 0; i < s->n_keys; i++)
		if (strcmp(s->keys[i], key) == 0)
			fuzz_fail("mail: %s given twice from one message", inv->uid);
	if (s->n_keys == s->cap_keys) {
		s->cap_keys = s->cap_keys ? s->cap_keys * 2 : 16;
		s->keys = realloc(s->keys, s->cap_keys * sizeof *s->keys);
		if (s->keys == NULL)
			abort();
	}
	s->keys[s->n_keys++] = key;
}

/* What the sandbox's child sends is what its parent reads. */
static void fuzz_mail_check_record(const struct invitation *inv, int line,
                                   enum import_action action)
{
	struct sandbox_buf a = {0}, b = {0};
	sandbox_record_put_invitation(&a, inv, line, action);
	struct invitation back;
	invitation_init(&back);
	int line2 = 0;
	enum import_action action2 = IMPORT_UPSERT;
	if (sandbox_record_get_invitation(a.bytes + SANDBOX_RECORD_HEADER,
	                                  a.len - SANDBOX_RECORD_HEADER, &back, &line2,
	                                  &action2) != WIT_OK)
		fuzz_fail("mail: the sandbox refuses its own record of %s", inv->uid);
	sandbox_record_put_invitation(&b, &back, line2, action2);
	if (a.len != b.len || memcmp(a.bytes, b.bytes, a.len) != 0)
		fuzz_fail("mail: %s changes on its way through the sandbox", inv->uid);
	invitation_done(&back);
	sandbox_buf_done(&a);
	sandbox_buf_done(&b);
}

static enum wit_status fuzz_mail_sink(void *ctx, const struct invitation *inv, int line,
                                      enum import_action action)
{
	struct fuzz_mail_seen *s = ctx;
	if (s->stop_at > 0 && s->given >= s->stop_at)
		fuzz_fail("mail: an invitation after the sink said stop");
	if (inv->uid == NULL || inv->uid[0] == '\0')
		fuzz_fail("mail: an invitation without a UID");
	if (inv->title == NULL)
		fuzz_fail("mail: %s without a title", inv->uid);
	if (inv->ends_at < inv->starts_at)
		fuzz_fail("mail: %s ends before it starts", inv->uid);
	if (s->stats->messages == 0)
		fuzz_fail("mail: %s given before any message was read", inv->uid);
	if (s->stats->messages != s->message) {
		fuzz_mail_forget(s);
		s->message = s->stats->messages;
	}
	fuzz_mail_check_provenance(s, inv);
	fuzz_mail_check_repeat(s, inv, action);
	fuzz_mail_check_record(inv, line, action);
	s->given++;
	return s->given == s->stop_at ? WIT_IOERR : WIT_OK;
}

/* Each names its message; a skipped message's note is among the notes,
 * a warning among the problems' (mail_note_is_skip tells them apart). */
static void fuzz_mail_check_named(const struct import_problem *p, size_t n, const char *what,
                                  int is_skip)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i].message == NULL || strncmp(p[i].message, "message ", 8) != 0)
			fuzz_fail("mail: a %s that names no message: %s", what,
			          p[i].message ? p[i].message : "(null)");
		if (is_skip >= 0 && mail_note_is_skip(p[i].message) != is_skip)
			fuzz_fail("mail: a %s taken for %s: %s", what,
			          is_skip ? "a warning" : "a message skipped", p[i].message);
	}
}

/* The input in a file with a descriptor (GMime reads one), at offset 0. */
static FILE *fuzz_mail_file(const uint8_t *data, size_t size)
{
	static FILE *f;
	if (f == NULL && (f = tmpfile()) == NULL)
		fuzz_fail("mail: no temporary file");
	rewind(f);
	if (ftruncate(fileno(f), 0) != 0 || (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fflush(f) != 0)
		fuzz_fail("mail: cannot write the temporary file");
	rewind(f);
	return f;
}

/* How a reading ended: when the sink stopped it, with the sink's status
 * at once; else read whole (WIT_OK, no message) or refused whole
 * (WIT_DATA with a message, nothing read before). */
static void fuzz_mail_check_end(enum wit_status st, const char *why,
                                const struct fuzz_mail_seen *seen,
                                const struct mail_stats *stats, size_t n_problems)
{
	if (seen->stop_at > 0) {
		if (st != WIT_IOERR || seen->given != seen->stop_at)
			fuzz_fail("mail: the sink said stop (WIT_IOERR) at invitation %llu; read "
			          "%llu, status %d", (unsigned long long)seen->stop_at,
			          (unsigned long long)seen->given, (int)st);
		return;
	}
	if (st == WIT_OK && why != NULL)
		fuzz_fail("mail: read, yet a message: %s", why);
	if (st != WIT_OK && st != WIT_DATA)
		fuzz_fail("mail: status %d from bytes in a file (%s)", (int)st, why ? why : "");
	if (st != WIT_OK && (why == NULL || why[0] == '\0'))
		fuzz_fail("mail: failed without saying why");
	if (st != WIT_OK && (seen->given > 0 || stats->messages > 0 || n_problems > 0))
		fuzz_fail("mail: failed (%s) after reading %llu invitations of %llu messages", why,
		          (unsigned long long)seen->given, (unsigned long long)stats->messages);
	if (st == WIT_OK && stats->messages == 0)
		fuzz_fail("mail: read, but no message counted");
}

/* One reading; returns how many invitations it gave. */
static uint64_t fuzz_mail_read(const uint8_t *data, size_t size, bool is_mbox, uint64_t stop_at)
{
	FILE *in = fuzz_mail_file(data, size);
	struct import_options opt = {FUZZ_NOW - 365 * 86400, FUZZ_NOW + 365 * 86400,
	                             is_mbox ? "fuzz.mbox" : "fuzz.eml"};
	struct import_problems problems, notes;
	struct mail_stats stats = {0};
	struct fuzz_mail_seen seen = {.stats = &stats, .stop_at = stop_at};
	struct mail_target t = {.sink = fuzz_mail_sink, .sink_ctx = &seen, .problems = &problems,
	                        .notes = &notes, .stats = &stats};
	char *why = NULL;
	import_problems_init(&problems);
	import_problems_init(&notes);
	invitation_init(&seen.first);
	enum wit_status st = mail_parse(in, is_mbox, &opt, &t, &why);
	fuzz_mail_check_end(st, why, &seen, &stats, problems.len);
	if (stats.without > stats.messages)
		fuzz_fail("mail: more messages without an invitation than messages");
	fuzz_mail_check_named(problems.items, problems.len, "problem", -1);
	fuzz_mail_check_named(problems.notes, problems.n_notes, "warning", 0);
	fuzz_mail_check_named(notes.notes, notes.n_notes, "note", 1);
	if (notes.len > 0)
		fuzz_fail("mail: a problem among the notes: %s", notes.items[0].message);
	fuzz_mail_forget(&seen);
	invitation_done(&seen.first);
	free(seen.keys);
	free(why);
	import_problems_done(&problems);
	import_problems_done(&notes);
	return seen.given;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	uint64_t n = fuzz_mail_read(data, size, false, 0);
	fuzz_mail_read(data, size, true, 0);
	/* the sink's "stop" (the sandbox's parent gone: WIT_IOERR) ends the
	 * reading at once, in the middle of a message or of a series */
	if (n > 0)
		fuzz_mail_read(data, size, false, n > 1 ? n / 2 + 1 : 1);
	return 0;
}

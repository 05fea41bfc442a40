/*
 * mail.h: invitations from mail, through GMime 3: one message (.eml, or
 * a message on standard input), an mbox, or a Maildir (cur/ and new/).
 *
 * Every text/calendar, application/ics (and text/x-vcalendar) part and
 * every attachment named *.ics, at any depth (multiparts, forwarded
 * message/rfc822 parts), is decoded (Content-Transfer-Encoding, then the
 * part's charset to UTF-8) and read by ics_parse() into the caller's
 * sink (import_problems.h), each invitation carrying the message's
 * Message-ID, From, Subject and Date (model.h mail_*). From mail every
 * calendar is an invitation (a forwarded one, a METHOD:PUBLISH without
 * attendees); the part's method= is honoured (CANCEL cancels even when
 * the text omits METHOD) and an iTIP answer (REPLY, COUNTER, REFRESH,
 * DECLINECOUNTER) is not an invitation. The same calendar sent twice in
 * one message (Google, Outlook and Apple: inline text/calendar plus an
 * .ics attachment) gives each invitation once.
 *
 * What goes where:
 *   - problems (bad items; the import fails unless --skip-bad): a
 *     damaged MIME structure (truncated, broken boundary, nesting too
 *     deep), a calendar part that is not iCalendar, too large, in an
 *     unknown charset, or with bad items inside; each names the message
 *     ("message <ID> "Subject": ...");
 *   - notes (never stop anything): a message without any calendar part,
 *     "message <ID> "Subject": no invitation in it: use `worthit add`";
 *   - warnings (the problems' notes, never stop anything): what the
 *     iCalendar reader warns about in a part (an unknown TZID read as
 *     local time), "message <ID> "Subject": calendar part 2: warning: ...";
 *     when both lists are one, mail_note_is_skip() tells them apart.
 * In a Maildir both also name the message file ("new/NAME: message ...").
 *
 * These functions only read: path or stream in, invitations into the
 * sink, so they can run wherever the sink's other end is.
 */
#ifndef WORTHIT_MAIL_H
#define WORTHIT_MAIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/import_problems.h"
#include "worthit/status.h"

#define MAIL_CALENDAR_MAX (16u << 20) /* bytes of one calendar part, encoded */
#define MAIL_DEPTH_MAX 32             /* nested multiparts / messages walked */

/* What a read found, for the summary and `make bench`. */
struct mail_stats {
	uint64_t messages;   /* messages read */
	uint64_t calendars;  /* calendar parts read (a repeat counted once) */
	uint64_t without;    /* messages without an invitation (noted) */
};

/* Where the caller's work goes: the sink and the two lists above. */
struct mail_target {
	import_sink_fn sink;
	void *sink_ctx;
	struct import_problems *problems; /* bad items */
	struct import_problems *notes;    /* messages skipped, not errors: its
	                                     notes (import_problems_note) */
	struct mail_stats *stats;         /* added to; may be NULL */
};

/*
 * Read in from its current position: one message (is_mbox false) or an
 * mbox (messages after "From " lines). opt->from/to bound occurrences
 * as for iCalendar; opt->source_name names the input. WIT_OK when the
 * whole input was read (problems or not), WIT_IOERR on a read error,
 * WIT_DATA with *why when it holds no message at all, or the first
 * non-OK status the sink returned.
 */
enum wit_status mail_parse(FILE *in, bool is_mbox, const struct import_options *opt,
                           const struct mail_target *t, char **why);

/* Is note a message skipped (no invitation in it, or an iTIP answer)
 * rather than a warning? Told by its fixed ending, which no subject or
 * calendar text can forge. */
bool mail_note_is_skip(const char *note);

/* Is path a directory holding cur/, new/ and tmp/ (a Maildir)? */
bool mail_is_maildir(const char *path);

/*
 * Every message of the Maildir dir: cur/ (mail already seen, older)
 * then new/, each in name order (Maildir names start with the delivery
 * time, so this is about arrival order, and two runs read the same). A file that cannot be opened is a
 * problem naming it; the rest go on. Statuses as mail_parse().
 */
enum wit_status mail_parse_maildir(const char *dir, const struct import_options *opt,
                                   const struct mail_target *t, char **why);

#endif

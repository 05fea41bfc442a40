/*
 * app_reply.c: the dashboard's RSVP reply (see app_reply.h): which
 * invitation can be answered, the message shown before it goes (the
 * proposed COMMENT from the score the dashboard holds), the sending
 * through mail_send.c and the default file name and write through
 * reply_write() (reply.c), the functions `worthit decide --send` and
 * `--reply` use. The invitation is read in full from the database
 * (the dashboard's list holds no UID or attendees) and its status is
 * read again when writing, so the reply says what is recorded then; an
 * occurrence decided with its whole series is answered for the series
 * (no RECURRENCE-ID, reply_series_of).
 */
#include "worthit/app_reply.h"
#include "worthit/clock.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/mail_send.h"
#include "worthit/reply.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SLUG_MAX 40 /* bytes of the title in the default file name */

static const char *partstat_of(enum invite_status s)
{
	switch (s) {
	case STATUS_ACCEPTED: return "ACCEPTED";
	case STATUS_DECLINED: return "DECLINED";
	case STATUS_MAYBE: return "TENTATIVE";
	default: return NULL;
	}
}

/* WIT_OK when inv's status has an answer, else WIT_USAGE with *why. */
static enum wit_status app_reply_answerable(const struct invitation *inv, char **why)
{
	const char *t = inv->title != NULL ? inv->title : "";
	switch (inv->status) {
	case STATUS_ACCEPTED:
	case STATUS_DECLINED:
	case STATUS_MAYBE: return WIT_OK;
	case STATUS_PENDING:
		return wit_fail(why, WIT_USAGE, "\"%s\" is undecided: decide first (a/d/m), then r "
		                "writes the reply", t);
	case STATUS_CANCELLED:
		return wit_fail(why, WIT_USAGE, "\"%s\" was cancelled: there is nothing to answer", t);
	default:
		return wit_fail(why, WIT_USAGE, "\"%s\" is %s: a reply answers accepted, declined or "
		                "maybe", t, invite_status_name(inv->status));
	}
}

/* ~/reply-YYYY-MM-DD-title.ics (see app_reply.h). */
static void app_reply_default_path(const struct invitation *inv, char *buf, size_t len)
{
	char date[32], slug[SLUG_MAX + 1];
	size_t n = 0;
	bool is_gap = false;
	clock_format_local(inv->starts_at, "%Y-%m-%d", date, sizeof date);
	for (const char *p = inv->title != NULL ? inv->title : ""; *p != '\0'; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			is_gap = true;
			continue;
		}
		if (n + 1 + (is_gap && n > 0) > SLUG_MAX)
			break;
		if (is_gap && n > 0)
			slug[n++] = '-';
		slug[n++] = c;
		is_gap = false;
	}
	slug[n] = '\0';
	const char *home = getenv("HOME");
	snprintf(buf, len, "%sreply-%s-%s.ics", home != NULL && home[0] != '\0' ? "~/" : "", date,
	         n > 0 ? slug : "event");
}

/* The file typed names: "~" expanded, a directory completed with the
 * default file's name. False with *why when it cannot be named. */
static bool app_reply_resolve(const struct app_reply *r, const char *typed, char *out,
                              size_t len, char **why)
{
	size_t n = strlen(typed);
	while (n > 0 && typed[n - 1] == ' ')
		n--; /* a trailing space is a slip, not part of the name */
	if (n == 0) {
		wit_fail(why, WIT_USAGE, "type a file name");
		return false;
	}
	int w;
	if (typed[0] == '~' && (n == 1 || typed[1] == '/')) {
		const char *home = getenv("HOME");
		if (home == NULL || home[0] == '\0') {
			wit_fail(why, WIT_USAGE, "$HOME is not set: type the whole path");
			return false;
		}
		w = snprintf(out, len, "%s%.*s", home, (int)n - 1, typed + 1);
	} else {
		w = snprintf(out, len, "%.*s", (int)n, typed);
	}
	struct stat sb;
	if (w >= 0 && (size_t)w < len && stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		const char *base = strrchr(r->path, '/');
		base = base != NULL ? base + 1 : r->path;
		size_t k = (size_t)w;
		w += snprintf(out + k, len - k, "%s%s", k > 0 && out[k - 1] == '/' ? "" : "/", base);
	}
	if (w < 0 || (size_t)w >= len) {
		wit_fail(why, WIT_USAGE, "the file name is too long");
		return false;
	}
	return true;
}

/* The prompt shows the name already: a message about the file says
 * "the file" instead of repeating the whole path. */
static void app_reply_unname(const char *path, char **why)
{
	char *at = why != NULL && *why != NULL ? strstr(*why, path) : NULL;
	if (at == NULL)
		return;
	char *shorter = xasprintf("%.*sthe file%s", (int)(at - *why), *why, at + strlen(path));
	free(*why);
	*why = shorter;
}

/* DTSTAMP: the clock now, as app_decide records decisions. */
static int64_t app_reply_now(const struct app *app)
{
	int64_t t;
	if (clock_now(&t, NULL) != WIT_OK)
		t = app->ctx->now;
	return t;
}

/* inv in full, answerable, with an address and an organizer to reply
 * to: WIT_OK, else the status with *why. */
static enum wit_status app_reply_load(struct app *app, int64_t id, struct invitation *inv,
                                      char **why)
{
	enum wit_status st = db_invite_get(app->ctx->db, id, inv, why);
	bool is_series = false; /* decided with its series: the reply answers the series */
	if (st == WIT_OK)
		st = db_journal_decided_as_series(app->ctx->db, id, &is_series, why);
	if (st == WIT_OK && is_series) {
		struct invitation whole;
		reply_series_of(&whole, inv);
		invitation_done(inv);
		*inv = whole;
	}
	if (st == WIT_OK)
		st = app_reply_answerable(inv, why);
	char *me = st == WIT_OK ? reply_address(inv, app->ctx->cfg, NULL) : NULL;
	if (st == WIT_OK && me == NULL)
		st = wit_fail(why, WIT_USAGE, "no address to answer as: add yours to \"me\" in the "
		              "config, or start worthit with WORTHIT_EMAIL=you@example.com (the "
		              "address the invitation was sent to)");
	free(me);
	char *text = NULL;
	if (st == WIT_OK) /* the organizer's address, through the writer itself */
		st = reply_text(inv, app->ctx->cfg, inv->status, NULL, app_reply_now(app), &text, why);
	free(text);
	return st;
}

/* The proposal for declining inv, from its score as the dashboard has
 * it (the decided row stays loaded, out of the list). */
static void app_reply_propose(struct app *app, const struct invitation *inv,
                              struct app_reply *r)
{
	struct score_result res;
	for (size_t k = 0; k < app->invs.len; k++)
		if (app->invs.items[k].id == inv->id && app->sctx != NULL) {
			score_compute(&app->invs.items[k], &app->sctx[k], app->ctx->cfg, &res);
			reply_comment_propose(&res, r->comment, sizeof r->comment);
			return;
		}
	memset(&res, 0, sizeof res);
	reply_comment_propose(&res, r->comment, sizeof r->comment);
}

/* What the prompt shows: from, to, subject, comment, command. */
static void app_reply_describe(struct app *app, const struct invitation *inv,
                               struct app_reply *r)
{
	static const char *const verbs[] = {
		[STATUS_ACCEPTED] = "Accepted", [STATUS_DECLINED] = "Declined",
		[STATUS_MAYBE] = "Tentative",
	};
	char *me = reply_address(inv, app->ctx->cfg, NULL);
	snprintf(r->from, sizeof r->from, "%s", me != NULL ? me : "");
	free(me);
	snprintf(r->to, sizeof r->to, "%s", inv->organizer != NULL ? inv->organizer : "");
	snprintf(r->subject, sizeof r->subject, "%s: %s", verbs[inv->status], r->title);
	r->comment[0] = '\0';
	if (inv->status == STATUS_DECLINED)
		app_reply_propose(app, inv, r);
	r->command = mail_send_command(app->ctx->cfg);
}

void app_reply_set_comment(struct app_reply *r, const char *typed)
{
	reply_comment_clean(typed, r->comment, sizeof r->comment);
}

enum wit_status app_reply_send(struct app *app, const struct app_reply *r, char **why)
{
	struct invitation inv;
	struct mail_send_message m;
	invitation_init(&inv);
	memset(&m, 0, sizeof m);
	enum wit_status st = app_reply_load(app, r->id, &inv, why);
	if (st == WIT_OK)
		st = mail_send_build(&inv, app->ctx->cfg, inv.status, r->comment, app_reply_now(app),
		                     &m, why);
	if (st == WIT_OK)
		st = mail_send_pipe(r->command, m.text, why);
	if (st == WIT_OK)
		app_message(app, false, "Sent \"%s\" to %s as %s", m.subject, m.to, m.from);
	mail_send_message_done(&m);
	invitation_done(&inv);
	return st;
}

enum wit_status app_reply_prepare(struct app *app, int64_t id, struct app_reply *r)
{
	struct invitation inv;
	char *why = NULL;
	memset(r, 0, sizeof *r);
	if (id == 0) {
		app_message(app, true, "Nothing selected");
		return WIT_NOTFOUND;
	}
	invitation_init(&inv);
	enum wit_status st = app_reply_load(app, id, &inv, &why);
	if (st == WIT_OK) {
		r->id = id;
		r->partstat = partstat_of(inv.status);
		snprintf(r->title, sizeof r->title, "%s", inv.title != NULL ? inv.title : "");
		app_reply_default_path(&inv, r->path, sizeof r->path);
		app_reply_describe(app, &inv, r);
	} else {
		app_message(app, true, "No RSVP reply: %s", why != NULL ? why : wit_status_name(st));
	}
	free(why);
	invitation_done(&inv);
	return st;
}

bool app_reply_exists(const struct app_reply *r, const char *typed)
{
	char path[APP_REPLY_PATH_MAX + 64];
	struct stat sb;
	return app_reply_resolve(r, typed, path, sizeof path, NULL) && lstat(path, &sb) == 0;
}

enum wit_status app_reply_write(struct app *app, const struct app_reply *r, const char *typed,
                                bool may_replace, char **why)
{
	char path[APP_REPLY_PATH_MAX + 64];
	struct invitation inv;
	if (!app_reply_resolve(r, typed, path, sizeof path, why))
		return WIT_USAGE;
	invitation_init(&inv);
	enum wit_status st = app_reply_load(app, r->id, &inv, why);
	if (st == WIT_OK)
		st = reply_write(&inv, app->ctx->cfg, inv.status, r->comment, path, app_reply_now(app),
		                 may_replace, why);
	if (st != WIT_OK)
		app_reply_unname(path, why);
	if (st == WIT_OK) {
		char *me = reply_address(&inv, app->ctx->cfg, NULL);
		const char *home = getenv("HOME");
		size_t h = home != NULL ? strlen(home) : 0;
		bool is_home = h > 1 && strncmp(path, home, h) == 0 && path[h] == '/';
		app_message(app, false, "Wrote the RSVP reply (%s as %s) to %s%s: mail it to %s",
		            partstat_of(inv.status), me != NULL ? me : "?", is_home ? "~" : "",
		            is_home ? path + h : path,
		            inv.organizer != NULL ? inv.organizer : "the organizer");
		free(me);
	}
	invitation_done(&inv);
	return st;
}

/*
 * cmd_decide.c: `worthit decide ID accept|decline|maybe`: record the
 * user's decision through app_decision_record() (the dashboard's path
 * too) with the score, verdict and a snapshot of every knob as they are
 * now (with any --weights override of this run), so later calibration
 * and `undo` can see what the decision was based on.
 *
 * --reply FILE writes the iTIP REPLY first (no decision without it);
 * with FILE "-" standard output holds the REPLY alone and the status
 * line goes to standard error. --send mails it (mail_send.h): the
 * message is built first (no decision without a sender and an
 * organizer), the decision recorded, then the message piped to the
 * sendmail command; a failure of the command names it and its exit
 * status (exit 69, or 75 when it said "try later") and the decision
 * stays recorded. A decline carries a COMMENT: --comment TEXT, else the
 * one reply_comment.h proposes from the score (shown on stderr);
 * --comment '' sends none.
 *
 * --series decides every coming occurrence of ID's series as one
 * journal step (one undo takes them all back); its --reply or --send
 * answers the whole series (reply_series_of: no RECURRENCE-ID).
 */
#include "worthit/app_decision.h"
#include "worthit/db_journal.h"
#include "worthit/cmd.h"
#include "worthit/sync.h"
#include "worthit/mail_send.h"
#include "worthit/reply.h"
#include "worthit/reply_comment.h"
#include "worthit/cli_score_report.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_decide_entry;

static const struct {
	const char *word;
	enum invite_status status;
} choices[] = {
	{ "accept", STATUS_ACCEPTED }, { "accepted", STATUS_ACCEPTED },
	{ "decline", STATUS_DECLINED }, { "declined", STATUS_DECLINED },
	{ "maybe", STATUS_MAYBE },
};

/* The answer into the user's vdir (config "write_back"); a failure is
 * a warning: the decision is recorded. */
static void write_back(struct app_ctx *ctx, int64_t id, enum invite_status to, FILE *out)
{
	bool written = false;
	char *why = NULL;
	if (sync_write_back(ctx->db, ctx->cfg, id, to, &written, &why) != WIT_OK)
		fprintf(ctx->err, "worthit: decision recorded, but not written back: %s\n", why);
	else if (written)
		fprintf(out, "written back to your calendar (PARTSTAT); `vdirsyncer sync` "
		        "sends it\n");
	free(why);
}

/* --send and --comment: what the reply carries and whether it is mailed. */
struct decide_reply {
	const char *file;    /* --reply FILE: an iTIP REPLY (reply.h), or NULL */
	bool is_send;        /* --send: mailed (mail_send.h) */
	const char *comment; /* --comment TEXT, or NULL: proposed for a decline */
	char proposed[REPLY_COMMENT_MAX + 1];
	struct mail_send_message msg;
};

/* The COMMENT the reply carries: --comment (cleaned), else a decline's
 * proposal (said on stderr, so the user sees what went). */
static const char *decide_comment(struct app_ctx *ctx, struct decide_reply *dr,
                                  enum invite_status to, const struct score_result *r)
{
	if (dr->comment != NULL)
		return reply_comment_clean(dr->comment, dr->proposed, sizeof dr->proposed)
		       ? dr->proposed : NULL;
	if (to != STATUS_DECLINED || (!dr->is_send && dr->file == NULL))
		return NULL;
	reply_comment_propose(r, dr->proposed, sizeof dr->proposed);
	fprintf(ctx->err, "worthit: comment (--comment TEXT to say it otherwise, --comment '' "
	        "for none): %s\n", dr->proposed);
	return dr->proposed;
}

/* Before the decision: the reply file written, the message built. */
static enum wit_status decide_prepare(struct app_ctx *ctx, struct decide_reply *dr,
                                      const struct invitation *inv, enum invite_status to,
                                      const struct score_result *r, char **why)
{
	const char *comment = decide_comment(ctx, dr, to, r);
	enum wit_status st = WIT_OK;
	if (dr->file != NULL)
		st = reply_write(inv, ctx->cfg, to, comment, dr->file, ctx->now, false, why);
	if (st != WIT_OK && why != NULL && *why != NULL) {
		char *w = xasprintf("--reply: %s", *why);
		free(*why);
		*why = w;
	}
	if (st == WIT_OK && dr->is_send)
		st = mail_send_build(inv, ctx->cfg, to, comment, ctx->now, &dr->msg, why);
	if (st != WIT_OK && dr->is_send && why != NULL && *why != NULL && dr->file == NULL) {
		char *w = xasprintf("--send: %s", *why);
		free(*why);
		*why = w;
	}
	return st;
}

/* After the decision: the message piped to sendmail. */
static enum wit_status decide_send(struct app_ctx *ctx, struct decide_reply *dr, int64_t id,
                                   char **why)
{
	const char *command = mail_send_command(ctx->cfg);
	enum wit_status st = mail_send_pipe(command, dr->msg.text, why);
	if (st == WIT_OK) {
		fprintf(ctx->err, "worthit: sent \"%s\" to %s as %s\n", dr->msg.subject, dr->msg.to,
		        dr->msg.from);
	} else if (why != NULL && *why != NULL) {
		char *w = xasprintf("%s; the decision is recorded: `worthit decide %lld ... --send` "
		                    "sends it again", *why, (long long)id);
		free(*why);
		*why = w;
	}
	return st;
}

/* --series: every coming occurrence of inv's series decided as one
 * step, each with its own score. */
static enum wit_status decide_series(struct app_ctx *ctx, const struct invitation *inv,
                                     enum invite_status to, FILE *out, char **why)
{
	if (inv->series == NULL || inv->series[0] == '\0')
		return wit_fail(why, WIT_USAGE, "--series: invitation %lld is not part of a series",
		                (long long)inv->id);
	int64_t *ids = NULL;
	size_t n = 0, changed = 0;
	struct score_batch b;
	memset(&b, 0, sizeof b);
	enum wit_status st = db_journal_series_ids(ctx->db, inv->series, ctx->now, &ids, &n, why);
	if (st == WIT_OK && n == 0)
		st = wit_fail(why, WIT_DATA, "--series: no occurrence of \"%s\" is still to come",
		              inv->title != NULL ? inv->title : inv->series);
	if (st == WIT_OK)
		st = cli_score_report_load(ctx, ids, n, &b, why);
	if (st == WIT_OK) {
		for (size_t i = 0; i < b.invs.len; i++)
			ids[i] = b.invs.items[i].id;
		st = app_decision_record_series(ctx->db, ids, b.res, b.invs.len, to,
		                                &ctx->cfg->score, ctx->now, &changed, NULL, why);
	}
	if (st == WIT_OK)
		fprintf(out, "series \"%s\": %zu of %zu coming occurrences -> %s\n",
		        inv->title != NULL ? inv->title : "", changed, n, invite_status_name(to));
	cli_score_report_done(&b);
	free(ids);
	return st;
}

static int decide_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = { { "reply", required_argument, NULL, 'r' },
	                                          { "send", no_argument, NULL, 's' },
	                                          { "comment", required_argument, NULL, 'c' },
	                                          { "series", no_argument, NULL, 'S' },
	                                          { NULL, 0, NULL, 0 } };
	struct decide_reply dr = {0};
	bool is_series = false;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		if (c == 'r')
			dr.file = optarg;
		else if (c == 's')
			dr.is_send = true;
		else if (c == 'c')
			dr.comment = optarg;
		else if (c == 'S')
			is_series = true;
		else
			return cmd_usage(ctx, &cmd_decide_entry);
	}
	if (argc - optind != 2)
		return cmd_usage(ctx, &cmd_decide_entry);
	int64_t id;
	char *why = NULL;
	enum wit_status st = cmd_parse_id(argv[optind], &id, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	int found = -1;
	for (size_t i = 0; i < sizeof choices / sizeof *choices; i++)
		if (strcmp(choices[i].word, argv[optind + 1]) == 0)
			found = (int)i;
	if (found < 0) {
		cmd_error(ctx, WIT_USAGE, "decide: '%s' is not accept, decline or maybe",
		          argv[optind + 1]);
		return cmd_usage(ctx, &cmd_decide_entry);
	}
	enum invite_status to = choices[found].status;
	struct score_batch b;
	int code = 0;
	st = cli_score_report_load(ctx, &id, 1, &b, &why);
	if (st == WIT_OK) {
		const struct invitation *inv = &b.invs.items[0];
		const struct score_result *r = &b.res[0];
		struct decision d;
		bool is_stdout = dr.file != NULL && strcmp(dr.file, "-") == 0;
		/* first: no decision without the reply asked for; a series
		 * decision's reply answers the series */
		struct invitation whole;
		if (is_series)
			reply_series_of(&whole, inv);
		st = decide_prepare(ctx, &dr, is_series ? &whole : inv, to, r, &why);
		if (is_series)
			invitation_done(&whole);
		if (st == WIT_OK && is_series)
			st = decide_series(ctx, inv, to, is_stdout ? ctx->err : ctx->out, &why);
		else if (st == WIT_OK)
			st = app_decision_record(ctx->db, id, to, r, &ctx->cfg->score, ctx->now, &d,
			                         &why);
		if (st == WIT_OK && !is_series)
			fprintf(is_stdout ? ctx->err : ctx->out, "#%lld %s: %s -> %s (score %.1f, %s)\n",
			        (long long)id,
			        inv->title != NULL ? inv->title : "", invite_status_name(d.old_status),
			        invite_status_name(to), r->total, score_verdict_name(r->verdict));
		if (st == WIT_OK)
			write_back(ctx, id, to, is_stdout ? ctx->err : ctx->out);
	}
	if (st == WIT_OK && dr.is_send)
		st = decide_send(ctx, &dr, id, &why);
	if (st != WIT_OK)
		code = cmd_fail(ctx, st, why);
	else
		free(why);
	mail_send_message_done(&dr.msg);
	cli_score_report_done(&b);
	return code;
}

const struct cmd_entry cmd_decide_entry = {
	.name = "decide",
	.usage = "decide ID accept|decline|maybe [--series] [--reply FILE] [--send] "
	         "[--comment TEXT]",
	.summary = "record a decision, with the score and weights it was based on",
	.help = "Sets the invitation's status and journals the decision with the\n"
	        "current score, verdict and every knob (`worthit undo` takes it back).\n"
	        "  --reply FILE    also write the iTIP REPLY to FILE (- = standard output)\n"
	        "  --send          also mail the REPLY to the organizer (iMIP) through the\n"
	        "                  sendmail command ($WORTHIT_SENDMAIL, config \"sendmail\")\n"
	        "  --comment TEXT  the reply's COMMENT; a decline without it carries the\n"
	        "                  one worthit proposes from the score ('' = none)\n"
	        "  --series        every coming occurrence of ID's series at once (one undo\n"
	        "                  takes them all back); the reply answers the whole series\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = decide_run,
};

/*
 * cmd_decide.c: `worthit decide ID accept|decline|maybe`: record the
 * user's decision through app_decision_record() (the dashboard's path
 * too) with the score, verdict and a snapshot of every knob as they are
 * now (with any --weights override of this run), so later calibration
 * and `undo` can see what the decision was based on.
 */
#include "worthit/app_decision.h"
#include "worthit/cmd.h"
#include "worthit/reply.h"
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

static int decide_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = { { "reply", required_argument, NULL, 'r' },
	                                          { NULL, 0, NULL, 0 } };
	const char *reply = NULL; /* --reply FILE: an iTIP REPLY (reply.h) */
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;)
		if (c != 'r' || (reply = optarg) == NULL)
			return cmd_usage(ctx, &cmd_decide_entry);
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
		if (reply != NULL) /* first: no decision without the reply asked for */
			st = reply_write(inv, to, reply, ctx->now, false, &why);
		if (st != WIT_OK && why != NULL) {
			char *w = xasprintf("--reply: %s", why);
			free(why);
			why = w;
		}
		if (st == WIT_OK)
			st = app_decision_record(ctx->db, id, to, r, &ctx->cfg->score, ctx->now, &d,
			                         &why);
		if (st == WIT_OK)
			fprintf(ctx->out, "#%lld %s: %s -> %s (score %.1f, %s)\n", (long long)id,
			        inv->title != NULL ? inv->title : "", invite_status_name(d.old_status),
			        invite_status_name(to), r->total, score_verdict_name(r->verdict));
	}
	if (st != WIT_OK)
		code = cmd_fail(ctx, st, why);
	else
		free(why);
	cli_score_report_done(&b);
	return code;
}

const struct cmd_entry cmd_decide_entry = {
	.name = "decide",
	.usage = "decide ID accept|decline|maybe [--reply FILE]",
	.summary = "record a decision, with the score and weights it was based on",
	.help = "Sets the invitation's status and journals the decision with the\n"
	        "current score, verdict and every knob (`worthit undo` takes it back).\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = decide_run,
};

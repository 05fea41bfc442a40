/*
 * cmd_review.c: `worthit review [--json] [--done ID]`: what waits to be
 * looked back at (see db_review.h): accepted events that have ended with
 * no outcome, and attended ones due for their 30- or 90-day follow-up.
 * --done settles a follow-up with nothing new to log.
 */
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_review.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_review_entry;

static const char *what(const struct review_item *it)
{
	return it->after_days == 0 ? "outcome" : it->after_days == 30 ? "30-day" : "90-day";
}

static void print_json(struct app_ctx *ctx, const struct review_item *it)
{
	char start[32], end[32], due[32];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)it->invitation_id);
	cJSON_AddStringToObject(o, "title", it->title ? it->title : "");
	if (it->organizer != NULL)
		cJSON_AddStringToObject(o, "organizer", it->organizer);
	else
		cJSON_AddNullToObject(o, "organizer");
	cJSON_AddStringToObject(o, "kind", invite_kind_name(it->kind));
	cJSON_AddStringToObject(o, "status", invite_status_name(it->status));
	cJSON_AddStringToObject(o, "start", time_format_utc(it->starts_at, start, sizeof start));
	cJSON_AddStringToObject(o, "end", time_format_utc(it->ends_at, end, sizeof end));
	cJSON_AddStringToObject(o, "review", what(it));
	cJSON_AddStringToObject(o, "due", time_format_utc(it->due_at, due, sizeof due));
	cmd_print_json(ctx->out, o);
}

static void print_table(struct app_ctx *ctx, const struct review_item *items, size_t n)
{
	char when[32], title[160];
	fprintf(ctx->out, "%5s  %-10s  %-8s  %s\n", "ID", "ENDED", "REVIEW", "TITLE");
	for (size_t i = 0; i < n; i++) {
		const struct review_item *it = &items[i];
		clock_format_local(it->ends_at, "%Y-%m-%d", when, sizeof when);
		text_fit(it->title ? it->title : "", 80 - 31, title, sizeof title);
		for (size_t k = strlen(title); k > 0 && title[k - 1] == ' '; k--)
			title[k - 1] = '\0';
		fprintf(ctx->out, "%5lld  %-10s  %-8s  %s\n", (long long)it->invitation_id, when,
		        what(it), title);
	}
	if (n == 0)
		fputs("(nothing to review)\n", ctx->out);
	else
		fputs("Log with 'worthit outcome ID ...', 'worthit skip ID' if you did not go, "
		      "'worthit review --done ID' when a follow-up brought nothing new.\n", ctx->out);
}

static int review_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'}, {"done", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_review_entry);
	bool json = false;
	const char *done = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'j')
			json = true;
		else if (c == 'd')
			done = optarg;
		else
			return cmd_usage(ctx, &cmd_review_entry);
	}
	if (optind != argc)
		return cmd_usage(ctx, &cmd_review_entry);
	char *why = NULL;
	if (done != NULL) {
		int64_t id;
		enum wit_status st = cmd_parse_id_of("--done", "invitation", done, &id, &why);
		if (st == WIT_OK)
			st = db_review_dismiss(ctx->db, id, ctx->now, &why);
		if (st != WIT_OK)
			return cmd_fail(ctx, st, why);
		fprintf(ctx->out, "follow-up of #%lld settled\n", (long long)id);
		return 0;
	}
	struct review_item *items;
	size_t n;
	enum wit_status st = db_review_list(ctx->db, ctx->now, &items, &n, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	if (json)
		for (size_t i = 0; i < n; i++)
			print_json(ctx, &items[i]);
	else
		print_table(ctx, items, n);
	db_review_free_all(items, n);
	return 0;
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.usage = "review [--json] [--done ID]",
	.summary = "list past events awaiting an outcome or a follow-up",
	.help = "Accepted events that have ended with no outcome logged (REVIEW outcome), and\n"
	        "attended events 30 and 90 days on (\"anything come of this?\") so late leads\n"
	        "and deals are credited to them. A follow-up is settled by editing the outcome\n"
	        "('worthit outcome ID --deals 1 ...') or by --done ID when nothing came of it;\n"
	        "unanswered, the 30-day one gives way to the 90-day one, which lapses 180 days\n"
	        "after the event.\n"
	        "  --json     one JSON object per line\n"
	        "  --done ID  settle the follow-up due for ID with nothing new\n",
	.flags = CMD_NEEDS_DB,
	.run = review_run,
};

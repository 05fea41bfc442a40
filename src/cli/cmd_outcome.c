/*
 * cmd_outcome.c: `worthit outcome ID [--hours H] [--contacts N] ...`:
 * log what an event brought, or correct it later (the 30- and 90-day
 * follow-ups add late leads and deals to the same row). Options not
 * given keep the values logged before; on a first log hours default to
 * the planned time (duration, travel both ways, preparation) and the
 * rest to 0. Every option is checked before anything is written and all
 * bad values are reported at once (exit 65); the write goes through the
 * journal, so `worthit undo` takes it back with the "attended" it set.
 */
#include "worthit/app_invites.h"
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_outcome_entry;

#define COUNT_MAX 100000

/* Which fields the command line set. */
struct given {
	bool hours, contacts, leads, meetings, deals, revenue, rating, note;
};

static void report(struct cmd_ctx *ctx, char **why, int *bad)
{
	cmd_error(ctx, WIT_DATA, "%s", *why);
	free(*why);
	*why = NULL;
	(*bad)++;
}

static enum wit_status take(struct cmd_ctx *ctx, int c, const char *arg, struct outcome *o,
                            struct given *g, char **why)
{
	switch (c) {
	case 'H': g->hours = true; return cmd_hist_hours("--hours", arg, &o->actual_hours, why);
	case 'c':
		g->contacts = true;
		return cmd_hist_count("--contacts", arg, COUNT_MAX, &o->contacts_met, why);
	case 'l': g->leads = true; return cmd_hist_count("--leads", arg, COUNT_MAX, &o->leads, why);
	case 'm':
		g->meetings = true;
		return cmd_hist_count("--meetings", arg, COUNT_MAX, &o->meetings, why);
	case 'd': g->deals = true; return cmd_hist_count("--deals", arg, COUNT_MAX, &o->deals, why);
	case 'r':
		g->revenue = true;
		return cmd_hist_money("--revenue", arg, cmd_hist_currency(ctx), &o->revenue_minor, why);
	case 'R':
		g->rating = true;
		if (cmd_hist_count("--rating", arg, 5, &o->rating, NULL) != WIT_OK || o->rating < 1)
			return wit_fail(why, WIT_DATA, "--rating: \"%s\" is not a rating from 1 to 5", arg);
		return WIT_OK;
	default:
		g->note = true;
		free(o->notes);
		o->notes = xstrdup(arg);
		return WIT_OK;
	}
}

/* Fields not given come from the stored outcome, or the defaults. */
static void merge(const struct outcome *old, const struct invitation *inv, const struct given *g,
                  struct outcome *o)
{
	if (!g->hours)
		o->actual_hours = old ? old->actual_hours : app_invitation_hours(inv);
	if (old == NULL)
		return;
	if (!g->contacts)
		o->contacts_met = old->contacts_met;
	if (!g->leads)
		o->leads = old->leads;
	if (!g->meetings)
		o->meetings = old->meetings;
	if (!g->deals)
		o->deals = old->deals;
	if (!g->revenue)
		o->revenue_minor = old->revenue_minor;
	if (!g->rating)
		o->rating = old->rating;
	if (!g->note)
		o->notes = old->notes ? xstrdup(old->notes) : NULL;
}

static int parse(struct cmd_ctx *ctx, int argc, char **argv, struct outcome *o, struct given *g)
{
	static const struct option longopts[] = {
		{"hours", required_argument, NULL, 'H'}, {"contacts", required_argument, NULL, 'c'},
		{"leads", required_argument, NULL, 'l'}, {"meetings", required_argument, NULL, 'm'},
		{"deals", required_argument, NULL, 'd'}, {"revenue", required_argument, NULL, 'r'},
		{"rating", required_argument, NULL, 'R'}, {"note", required_argument, NULL, 'n'},
		{"notes", required_argument, NULL, 'n'}, {NULL, 0, NULL, 0},
	};
	int c, bad = 0;
	char *why = NULL;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == '?' || c == ':')
			return cmd_usage(ctx, &cmd_outcome_entry);
		if (take(ctx, c, optarg, o, g, &why) != WIT_OK)
			report(ctx, &why, &bad);
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx, &cmd_outcome_entry);
	if (cmd_hist_invitation_id(NULL, argv[optind], &o->invitation_id, &why) != WIT_OK)
		report(ctx, &why, &bad);
	return bad ? wit_status_exit_code(WIT_DATA) : 0;
}

static void print_done(struct cmd_ctx *ctx, const struct invitation *inv, const struct outcome *o,
                       bool had_outcome)
{
	char money[32];
	fprintf(ctx->out, "%s #%lld %s: %.2f h, %d contacts, %d leads, %d meetings, %d deals, "
	        "%s %s revenue", had_outcome ? "updated" : "logged", (long long)inv->id,
	        inv->title ? inv->title : "", o->actual_hours, o->contacts_met, o->leads,
	        o->meetings, o->deals, cmd_hist_money_text(ctx, o->revenue_minor, money,
	                                                    sizeof money), cmd_hist_currency(ctx));
	if (o->rating > 0)
		fprintf(ctx->out, ", rated %d/5", o->rating);
	fputc('\n', ctx->out);
	if (inv->status != STATUS_ATTENDED)
		fprintf(ctx->out, "marked attended (was %s); 'worthit undo' takes both back\n",
		        invite_status_name(inv->status));
}

static int outcome_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_outcome_entry);
	struct outcome o, old;
	struct given g = {0};
	struct invitation inv;
	outcome_init(&o);
	outcome_init(&old);
	invitation_init(&inv);
	char *why = NULL;
	int code = parse(ctx, argc, argv, &o, &g);
	enum wit_status st = WIT_OK;
	if (code == 0)
		st = db_invite_get(ctx->db, o.invitation_id, &inv, &why);
	bool had = false;
	if (code == 0 && st == WIT_OK) {
		st = db_outcome_get(ctx->db, o.invitation_id, &old, NULL);
		had = st == WIT_OK;
		merge(had ? &old : NULL, &inv, &g, &o);
		st = db_journal_log_outcome(ctx->db, &o, ctx->now, &why);
	}
	if (code == 0 && st != WIT_OK)
		code = cmd_hist_fail(ctx, st, why);
	else if (code == 0)
		print_done(ctx, &inv, &o, had);
	else
		free(why);
	if (code == 0 && o.revenue_minor > 0 && o.deals == 0)
		fprintf(ctx->err, "worthit: warning: revenue logged with 0 deals (kept as given; "
		        "--deals N says how many deals it came from)\n");
	invitation_done(&inv);
	outcome_done(&old);
	outcome_done(&o);
	return code;
}

const struct cmd_entry cmd_outcome_entry = {
	.name = "outcome",
	.usage = "outcome ID [--hours H] [--contacts N] [--leads N] [--meetings N] [--deals N] "
	         "[--revenue AMOUNT] [--rating 1-5] [--note TEXT]",
	.summary = "log what an event brought (marks it attended)",
	.help = "Logs or corrects the outcome of invitation ID once it has started, and marks\n"
	        "it attended. Options not given keep what was logged before; a first log takes\n"
	        "the planned hours (duration, travel both ways, preparation) unless --hours.\n"
	        "  --hours H         actual hours, travel included (0-1000, decimals allowed)\n"
	        "  --contacts N      people met         --leads N     leads\n"
	        "  --meetings N      meetings booked    --deals N     deals closed\n"
	        "  --revenue AMOUNT  revenue in your currency (1200 or 1200.50)\n"
	        "  --rating R        1 (waste) to 5 (excellent)\n"
	        "  --note TEXT       notes\n"
	        "Every bad value is reported (exit 65) and nothing is written.\n"
	        "'worthit undo' takes the outcome back.\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.run = outcome_run,
};

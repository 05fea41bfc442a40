/*
 * cmd_outcome.c: `worthit outcome ID [--hours H] [--contacts N] ...`:
 * log what an event brought, or correct it later (the 30- and 90-day
 * follow-ups add late leads and deals to the same row). Options not
 * given keep the values logged before; on a first log hours default to
 * the planned time (duration, travel both ways, preparation) and the
 * rest to 0. Every option is checked (outcome_rules.h, as the
 * dashboard's form does) before anything is written and all bad values
 * are reported at once (exit 65); a malformed id is a usage error (64).
 * The write goes through the journal, so `worthit undo` takes it back
 * with the "attended" it set.
 */
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/outcome_rules.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_outcome_entry;

/* The options of the outcome values, as getopt returns them, in the
 * order of enum outcome_value. */
static const struct {
	int ch;
	const char *option;
} values[OUTCOME_VALUE_COUNT] = {
	[OUTCOME_VALUE_HOURS] = {'H', "--hours"}, [OUTCOME_VALUE_CONTACTS] = {'c', "--contacts"},
	[OUTCOME_VALUE_LEADS] = {'l', "--leads"}, [OUTCOME_VALUE_MEETINGS] = {'m', "--meetings"},
	[OUTCOME_VALUE_DEALS] = {'d', "--deals"}, [OUTCOME_VALUE_REVENUE] = {'r', "--revenue"},
	[OUTCOME_VALUE_RATING] = {'R', "--rating"},
};

/* Which fields the command line set. */
struct given {
	bool value[OUTCOME_VALUE_COUNT]; /* by enum outcome_value */
	bool note;
};

static void report(struct app_ctx *ctx, char **why, int *bad)
{
	cmd_fail(ctx, WIT_DATA, *why);
	*why = NULL;
	(*bad)++;
}

static enum wit_status take(struct app_ctx *ctx, int c, const char *arg, struct outcome *o,
                            struct given *g, char **why)
{
	for (int v = 0; v < OUTCOME_VALUE_COUNT; v++)
		if (values[v].ch == c) {
			g->value[v] = true;
			return outcome_rules_parse((enum outcome_value)v, values[v].option, arg,
			                           cmd_hist_currency(ctx), false, o, why);
		}
	g->note = true;
	free(o->notes);
	o->notes = xstrdup(arg);
	return WIT_OK;
}

/* Fields not given come from the stored outcome, or the defaults. */
static void merge(const struct outcome *old, const struct invitation *inv, const struct given *g,
                  double all_day_hours, struct outcome *o)
{
	if (!g->value[OUTCOME_VALUE_HOURS])
		o->actual_hours = old ? old->actual_hours
		                      : invitation_counted_hours(inv, all_day_hours);
	if (old == NULL)
		return;
	if (!g->value[OUTCOME_VALUE_CONTACTS])
		o->contacts_met = old->contacts_met;
	if (!g->value[OUTCOME_VALUE_LEADS])
		o->leads = old->leads;
	if (!g->value[OUTCOME_VALUE_MEETINGS])
		o->meetings = old->meetings;
	if (!g->value[OUTCOME_VALUE_DEALS])
		o->deals = old->deals;
	if (!g->value[OUTCOME_VALUE_REVENUE])
		o->revenue_minor = old->revenue_minor;
	if (!g->value[OUTCOME_VALUE_RATING])
		o->rating = old->rating;
	if (!g->note)
		o->notes = old->notes ? xstrdup(old->notes) : NULL;
}

static int parse(struct app_ctx *ctx, int argc, char **argv, struct outcome *o, struct given *g)
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
	enum wit_status st = cmd_parse_id(argv[optind], &o->invitation_id, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why); /* a usage error, before any bad value */
	return bad ? wit_status_exit_code(WIT_DATA) : 0;
}

static void print_done(struct app_ctx *ctx, const struct invitation *inv, const struct outcome *o,
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

static int outcome_run(struct app_ctx *ctx, int argc, char **argv)
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
		merge(had ? &old : NULL, &inv, &g, ctx->cfg->score.knob[KNOB_ALL_DAY_HOURS], &o);
		st = db_journal_log_outcome(ctx->db, &o, ctx->now, &why);
	}
	if (code == 0 && st != WIT_OK)
		code = cmd_fail(ctx, st, why);
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

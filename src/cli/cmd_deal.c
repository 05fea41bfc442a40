/*
 * cmd_deal.c: `worthit deal add|list|show|edit|remove`: money that came
 * in, each deal from one contact; attribution follows the contact's
 * referral chain back to where it started. Amounts are in the user's
 * currency unless --currency says otherwise. Bad values are all
 * reported at once (exit 65) and nothing is written.
 */
#include "worthit/app_contact_lookup.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/invite_json.h"
#include "worthit/money.h"
#include "worthit/outcome_rules.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_deal_entry;

struct deal_opts {
	struct deal d;
	const char *amount;     /* parsed once the currency is known */
	bool contact, date, note, currency, json;
};

static int parse(struct app_ctx *ctx, int argc, char **argv, struct deal_opts *o)
{
	static const struct option longopts[] = {
		{"contact", required_argument, NULL, 'c'}, {"amount", required_argument, NULL, 'a'},
		{"date", required_argument, NULL, 'd'}, {"note", required_argument, NULL, 'n'},
		{"currency", required_argument, NULL, 'C'}, {"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	int ch, bad = 0;
	char *why = NULL;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		enum wit_status st = WIT_OK;
		switch (ch) {
		case 'c':
			o->contact = true;
			st = app_contact_lookup(ctx->db, "--contact", optarg, &o->d.contact_id, &why);
			break;
		case 'a': o->amount = optarg; break;
		case 'd':
			o->date = true;
			st = cmd_hist_date("--date", optarg, ctx->now, &o->d.closed_at, &why);
			break;
		case 'n':
			o->note = true;
			free(o->d.note);
			o->d.note = optarg[0] ? xstrdup(optarg) : NULL;
			break;
		case 'C':
			o->currency = true;
			snprintf(o->d.currency, sizeof o->d.currency, "%s", optarg);
			if (strlen(optarg) != 3)
				st = wit_fail(&why, WIT_DATA, "--currency: \"%s\" is not a three-letter ISO "
				              "4217 code such as USD", optarg);
			break;
		case 'j': o->json = true; break;
		default: return cmd_usage(ctx, &cmd_deal_entry);
		}
		if (st != WIT_OK) {
			cmd_fail(ctx, st, why);
			why = NULL;
			bad = wit_status_exit_code(st);
		}
	}
	return bad;
}

/* The amount (money.h: "1200", "1,200.50", "49 USD"), in the deal's
 * currency: the one it names, else --currency, else the user's. */
static int parse_amount(struct app_ctx *ctx, struct deal_opts *o)
{
	if (o->amount == NULL)
		return 0;
	char *why = NULL;
	const char *cur = o->d.currency[0] ? o->d.currency : cmd_hist_currency(ctx);
	struct money m;
	if (money_parse(o->amount, cur, &m, &why) != WIT_OK) {
		char *w = xasprintf("--amount: %s", why);
		free(why);
		return cmd_fail(ctx, WIT_DATA, w);
	}
	if (o->currency && strcmp(m.currency, o->d.currency) != 0)
		return cmd_fail(ctx, WIT_DATA, xasprintf("--amount is in %s but --currency says %s",
		                                         m.currency, o->d.currency));
	o->d.amount_minor = m.minor;
	if (strcmp(m.currency, cmd_hist_currency(ctx)) != 0 || o->currency)
		memcpy(o->d.currency, m.currency, sizeof o->d.currency);
	o->currency = o->currency || o->d.currency[0] != '\0';
	return 0;
}

/* Accepted, but probably a typo: a deal closed after today. */
static void warn_future(struct app_ctx *ctx, int64_t closed_at)
{
	char day[16];
	if (closed_at > ctx->now)
		fprintf(ctx->err, "worthit: warning: the deal is dated %s, in the future (kept as "
		        "given; 'worthit deal edit ID --date D' corrects it)\n",
		        clock_format_local(closed_at, "%Y-%m-%d", day, sizeof day));
}

static int deal_add(struct app_ctx *ctx, int argc, char **argv)
{
	struct deal_opts o = {0};
	deal_init(&o.d);
	int code = parse(ctx, argc, argv, &o);
	int amount_code = parse_amount(ctx, &o);
	code = code ? code : amount_code;
	if (code == 0 && (!o.contact || o.amount == NULL || optind != argc)) {
		cmd_error(ctx, WIT_USAGE, "deal add needs --contact and --amount");
		code = cmd_usage(ctx, &cmd_deal_entry);
	}
	if (code == 0 && !o.date)
		o.d.closed_at = ctx->now;
	int64_t id = 0;
	char *why = NULL;
	if (code == 0) {
		enum wit_status st = db_deal_add(ctx->db, &o.d, &id, &why);
		code = st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
	}
	if (code == 0) {
		char money[MONEY_TEXT_MAX], day[16];
		const char *cur = o.d.currency[0] ? o.d.currency : cmd_hist_currency(ctx);
		fprintf(ctx->out, "added deal #%lld: %s %s from contact #%lld on %s\n", (long long)id,
		        money_format(o.d.amount_minor, cur, money, sizeof money), cur,
		        (long long)o.d.contact_id, clock_format_local(o.d.closed_at, "%Y-%m-%d", day, sizeof day));
		warn_future(ctx, o.d.closed_at);
	}
	deal_done(&o.d);
	return code;
}

static int deal_edit(struct app_ctx *ctx, int argc, char **argv)
{
	struct deal_opts o = {0};
	deal_init(&o.d);
	struct deal cur;
	deal_init(&cur);
	int code = parse(ctx, argc, argv, &o);
	int amount_code = parse_amount(ctx, &o);
	code = code ? code : amount_code;
	int64_t id = 0;
	char *why = NULL;
	if (code == 0 && optind + 1 != argc)
		code = cmd_usage(ctx, &cmd_deal_entry);
	if (code == 0) {
		enum wit_status st = cmd_parse_id_of(NULL, "deal", argv[optind], &id, &why);
		if (st == WIT_OK)
			st = db_deal_get(ctx->db, id, &cur, &why);
		if (st == WIT_OK) {
			if (o.contact)
				cur.contact_id = o.d.contact_id;
			if (o.amount != NULL)
				cur.amount_minor = o.d.amount_minor;
			if (o.date)
				cur.closed_at = o.d.closed_at;
			if (o.currency)
				memcpy(cur.currency, o.d.currency, sizeof cur.currency);
			if (o.note) {
				free(cur.note);
				cur.note = xstrdup(o.d.note);
			}
			st = db_deal_update(ctx->db, &cur, &why);
		}
		code = st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
	}
	if (code == 0) {
		fprintf(ctx->out, "updated deal #%lld\n", (long long)id);
		if (o.date)
			warn_future(ctx, cur.closed_at);
	}
	deal_done(&cur);
	deal_done(&o.d);
	return code;
}

static void print_deal(struct app_ctx *ctx, const struct deal *d, bool json)
{
	char money[32], day[16];
	const char *cur = d->currency[0] ? d->currency : cmd_hist_currency(ctx);
	if (!json) {
		struct contact c;
		contact_init(&c);
		db_contact_get(ctx->db, d->contact_id, &c, NULL);
		fprintf(ctx->out, "%5lld  %-10s  %12s %-3s  #%-4lld %-20s  %s\n", (long long)d->id,
		        clock_format_local(d->closed_at, "%Y-%m-%d", day, sizeof day),
		        invite_json_money_format(d->amount_minor, cur, money, sizeof money), cur,
		        (long long)d->contact_id, c.name ? c.name : "", d->note ? d->note : "");
		contact_done(&c);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)d->id);
	cJSON_AddNumberToObject(o, "contact", (double)d->contact_id);
	cJSON_AddStringToObject(o, "amount", invite_json_money_format(d->amount_minor, cur, money,
	                                                              sizeof money));
	cJSON_AddStringToObject(o, "currency", cur);
	cJSON_AddStringToObject(o, "date", clock_format_local(d->closed_at, "%Y-%m-%d", day, sizeof day));
	if (d->note)
		cJSON_AddStringToObject(o, "note", d->note);
	else
		cJSON_AddNullToObject(o, "note");
	cmd_print_json(ctx->out, o);
}

static int deal_list(struct app_ctx *ctx, int argc, char **argv)
{
	struct deal_opts o = {0};
	deal_init(&o.d);
	int code = parse(ctx, argc, argv, &o);
	if (code == 0 && (optind != argc || o.amount || o.date || o.note || o.currency))
		code = cmd_usage(ctx, &cmd_deal_entry);
	struct deal *items = NULL;
	size_t n = 0;
	char *why = NULL;
	if (code == 0) {
		enum wit_status st = db_deal_list(ctx->db, o.contact ? o.d.contact_id : 0, &items, &n,
		                                  &why);
		code = st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
	}
	if (code == 0 && !o.json)
		fprintf(ctx->out, "%5s  %-10s  %16s  %-26s  %s\n", "ID", "DATE", "AMOUNT", "CONTACT",
		        "NOTE");
	for (size_t i = 0; code == 0 && i < n; i++)
		print_deal(ctx, &items[i], o.json);
	if (code == 0 && !o.json && n == 0)
		fputs("(no deals)\n", ctx->out);
	db_deal_free_all(items, n);
	deal_done(&o.d);
	return code;
}

static int deal_show(struct app_ctx *ctx, int argc, char **argv)
{
	bool json = argc == 3 && strcmp(argv[2], "--json") == 0;
	if (argc != 2 && !json)
		return cmd_usage(ctx, &cmd_deal_entry);
	int64_t id;
	char *why = NULL;
	struct deal d;
	deal_init(&d);
	enum wit_status st = cmd_parse_id_of(NULL, "deal", argv[1], &id, &why);
	if (st == WIT_OK)
		st = db_deal_get(ctx->db, id, &d, &why);
	if (st == WIT_OK)
		print_deal(ctx, &d, json);
	deal_done(&d);
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

static int deal_remove(struct app_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cmd_usage(ctx, &cmd_deal_entry);
	int64_t id;
	char *why = NULL;
	enum wit_status st = cmd_parse_id_of(NULL, "deal", argv[1], &id, &why);
	if (st == WIT_OK)
		st = db_deal_delete(ctx->db, id, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	fprintf(ctx->out, "removed deal #%lld\n", (long long)id);
	return 0;
}

static const struct cmd_sub deal_subs[] = {
	{ .name = "add", .summary = "a deal that came in from a contact", .run = deal_add },
	{ .name = "edit", .summary = "change a deal", .run = deal_edit },
	{ .name = "list", .summary = "every deal, or one contact's", .run = deal_list },
	{ .name = "show", .summary = "one deal", .run = deal_show },
	{ .name = "remove", .summary = "delete a deal", .run = deal_remove },
	{ .name = NULL },
};

const struct cmd_entry cmd_deal_entry = {
	.name = "deal",
	.usage = "deal add --contact C --amount A [--date D] [--currency CUR] [--note TEXT] | "
	         "list [--contact C] [--json] | show ID [--json] | edit ID [options of add] | "
	         "remove ID",
	.summary = "deals that came in, each from one contact",
	.help = "C is a contact id, e-mail address or exact name. --date defaults to today\n"
	        "(YYYY-MM-DD, ISO 8601, today, -30d). Amounts are in your currency (config\n"
	        "currency) unless --currency. An unknown contact or a bad amount or date exits\n"
	        "65 with nothing written. 'worthit report --attribution' traces deals back to\n"
	        "the events and people they came from.\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.subs = deal_subs,
};

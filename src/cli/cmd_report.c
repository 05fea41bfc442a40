/*
 * cmd_report.c: `worthit report`: what past events, organizers and
 * relationships brought. All sums come from SQL (db_report.h); this file
 * derives the per-hour and per-event figures, compares networking hours
 * with the budget band, and prints a table, CSV (RFC 4180, header row)
 * or JSON Lines. Attribution printing is in cmd_report_attrib.c.
 *
 * "Share of working hours" needs a month of working hours: --work-hours
 * (default 160). The months of a report are the span from --from to
 * --to when both are given, else from the first to the last month with
 * an event, both included.
 */
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/outcome_rules.h"
#include "worthit/cmd_report.h"
#include "worthit/invite_json.h"
#include "worthit/db_report.h"
#include "worthit/money.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_report_entry;

enum report_what { WHAT_GROUP, WHAT_CONTACT, WHAT_ATTRIBUTION, WHAT_CALIBRATION };

struct report_opts {
	enum report_what what;
	enum report_group by;
	enum report_format fmt;
	enum attrib_model model;
	bool model_given, by_given;
	int64_t from, to;
	bool from_given, to_given;
	double work_hours;       /* per month */
	bool raw_given;          /* --raw: no formula guard in CSV */
	bool has_bom;            /* --bom: a UTF-8 byte order mark first (Excel) */
};

static const char *const group_names[REPORT_GROUP_COUNT] = { "kind", "organizer", "month" };

static enum wit_status take(struct app_ctx *ctx, int ch, const char *arg, struct report_opts *o,
                            char **why)
{
	switch (ch) {
	case 'b':
		o->by_given = true;
		if (strcmp(arg, "contact") == 0) {
			o->what = WHAT_CONTACT;
			return WIT_OK;
		}
		for (int i = 0; i < REPORT_GROUP_COUNT; i++)
			if (strcmp(arg, group_names[i]) == 0) {
				o->by = (enum report_group)i;
				return WIT_OK;
			}
		return wit_fail(why, WIT_USAGE, "--by: \"%s\" is not kind, organizer, month or "
		                "contact", arg);
	case 'f': o->from_given = true; return cmd_hist_date("--from", arg, ctx->now, &o->from, why);
	case 't': o->to_given = true; return cmd_hist_date("--to", arg, ctx->now, &o->to, why);
	case 'j': o->fmt = REPORT_JSON; return WIT_OK;
	case 'c': o->fmt = o->fmt == REPORT_CSV_RAW ? REPORT_CSV_RAW : REPORT_CSV; return WIT_OK;
	case 'r': o->fmt = REPORT_CSV_RAW; o->raw_given = true; return WIT_OK;
	case 'B': o->has_bom = true; return WIT_OK;
	case 'a': o->what = WHAT_ATTRIBUTION; return WIT_OK;
	case 'k': o->what = WHAT_CALIBRATION; return WIT_OK;
	case 'm': {
		int m = attrib_model_from_name(arg);
		o->model_given = true;
		o->model = m < 0 ? ATTRIB_FIRST : (enum attrib_model)m;
		return m < 0 ? wit_fail(why, WIT_USAGE, "--model: \"%s\" is not first, last or "
		                        "linear", arg) : WIT_OK;
	}
	default:
		if (outcome_rules_hours("--work-hours", arg, &o->work_hours, why) != WIT_OK ||
		    o->work_hours <= 0)
			return wit_fail(why, WIT_USAGE, "--work-hours: \"%s\" is not a number of hours "
			                "per month above 0", arg);
		return WIT_OK;
	}
}

static int parse(struct app_ctx *ctx, int argc, char **argv, struct report_opts *o)
{
	static const struct option longopts[] = {
		{"by", required_argument, NULL, 'b'}, {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'}, {"json", no_argument, NULL, 'j'},
		{"csv", no_argument, NULL, 'c'}, {"attribution", no_argument, NULL, 'a'},
		{"model", required_argument, NULL, 'm'}, {"calibration", no_argument, NULL, 'k'},
		{"work-hours", required_argument, NULL, 'w'}, {"raw", no_argument, NULL, 'r'},
		{"bom", no_argument, NULL, 'B'}, {NULL, 0, NULL, 0},
	};
	int ch, formats = 0, whats = 0, csv = 0;
	char *why = NULL;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			return cmd_usage(ctx, &cmd_report_entry);
		formats += ch == 'j' || ch == 'c';
		csv += ch == 'c';
		whats += ch == 'a' || ch == 'k';
		enum wit_status st = take(ctx, ch, optarg, o, &why);
		if (st != WIT_OK)
			return cmd_fail(ctx, st, why);
	}
	const char *clash = optind != argc ? "unexpected argument"
		: formats > 1 ? "--json and --csv exclude each other"
		: whats > 1 || (whats && o->by_given) ? "--by, --attribution and --calibration "
		                                        "exclude each other"
		: o->model_given && o->what != WHAT_ATTRIBUTION ? "--model goes with --attribution"
		: o->from >= o->to ? "--from must come before --to"
		: (o->raw_given || o->has_bom) && csv == 0 ? "--raw and --bom go with --csv" : NULL;
	if (clash != NULL) {
		cmd_error(ctx, WIT_USAGE, "%s", clash);
		return cmd_usage(ctx, &cmd_report_entry);
	}
	return 0;
}

/* ---- output: one row of named columns as table, CSV or JSON ---------- */

struct col {
	const char *name;   /* CSV header and JSON key */
	const char *head;   /* table header */
	int width;          /* table width; negative: left-aligned */
	bool is_text;       /* a JSON string (else a number, or null when "") */
};

#define VAL_MAX 160

static void emit_header(struct app_ctx *ctx, enum report_format fmt, const struct col *cols,
                        size_t n)
{
	for (size_t i = 0; i < n && fmt != REPORT_JSON; i++) {
		if (report_format_is_csv(fmt))
			fprintf(ctx->out, "%s%s", i ? "," : "", cols[i].name);
		else
			fprintf(ctx->out, "%s%*s", i ? " " : "", cols[i].width, cols[i].head);
	}
	if (fmt != REPORT_JSON)
		fputs(report_format_is_csv(fmt) ? "\r\n" : "\n", ctx->out);
}

static void emit_row(struct app_ctx *ctx, enum report_format fmt, const struct col *cols,
                     size_t n, char vals[][VAL_MAX])
{
	if (fmt == REPORT_JSON) {
		cJSON *o = cJSON_CreateObject();
		bool has_money = false;
		for (size_t i = 0; i < n; i++) {
			has_money = has_money || strncmp(cols[i].name, "revenue", 7) == 0;
			has_money = has_money && strcmp(cols[i].name, "currency") != 0; /* its own */
			if (cols[i].is_text)
				cJSON_AddStringToObject(o, cols[i].name, vals[i]);
			else if (vals[i][0] == '\0')
				cJSON_AddNullToObject(o, cols[i].name);
			else
				cJSON_AddRawToObject(o, cols[i].name, vals[i]);
		}
		if (has_money) /* the one money type: amount strings, currency beside */
			cJSON_AddStringToObject(o, "currency", cmd_hist_currency(ctx));
		cmd_print_json(ctx->out, o);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (report_format_is_csv(fmt)) {
			if (i)
				fputc(',', ctx->out);
			cmd_hist_csv_field(ctx->out, vals[i], fmt == REPORT_CSV_RAW);
		} else if (cols[i].width < 0) {
			char fit[VAL_MAX * 4];
			text_fit(vals[i], -cols[i].width, fit, sizeof fit);
			for (size_t k = strlen(fit); i + 1 == n && k > 0 && fit[k - 1] == ' '; k--)
				fit[k - 1] = '\0'; /* no trailing blanks */
			fprintf(ctx->out, "%s%s", i ? " " : "", fit);
		} else {
			fprintf(ctx->out, "%s%*s", i ? " " : "", cols[i].width, vals[i]);
		}
	}
	/* RFC 4180 2.1: CRLF ends each record */
	fputs(report_format_is_csv(fmt) ? "\r\n" : "\n", ctx->out);
}

/* ---- aggregates -------------------------------------------------------- */

static const struct col group_cols[] = {
	{"key", "", -22, true}, {"events", "EVENTS", 6, false}, {"hours", "HOURS", 7, false},
	{"contacts", "MET", 4, false}, {"leads", "LEADS", 5, false},
	{"meetings", "MEETS", 5, false}, {"deals", "DEALS", 5, false},
	{"revenue", "REVENUE", 10, true}, {"revenue_per_hour", "REV/H", 8, true},
	{"avg_rating", "RATING", 6, false}, {"share", "SHARE", 6, false},
	{"budget", "BUDGET", -6, true}, /* months only */
};
#define GROUP_COLS (sizeof group_cols / sizeof group_cols[0])

static const char *budget_word(const struct app_ctx *ctx, double hours)
{
	if (hours < ctx->cfg->budget_min_hours)
		return "below";
	return hours > ctx->cfg->budget_max_hours ? "above" : "within";
}

/* Fill vals from r. share: of all networking hours (kind, organizer) or
 * of the working hours of the month (month). */
static void group_values(struct app_ctx *ctx, const struct report_opts *o,
                         const struct report_row *r, double total_hours, char vals[][VAL_MAX])
{
	double hours = (double)r->minutes / 60.0;
	snprintf(vals[0], VAL_MAX, "%s", r->key[0] || o->by != REPORT_BY_ORGANIZER ? r->key
	                                                                           : "(none)");
	snprintf(vals[1], VAL_MAX, "%lld", (long long)r->events);
	snprintf(vals[2], VAL_MAX, "%.2f", hours);
	snprintf(vals[3], VAL_MAX, "%lld", (long long)r->contacts);
	snprintf(vals[4], VAL_MAX, "%lld", (long long)r->leads);
	snprintf(vals[5], VAL_MAX, "%lld", (long long)r->meetings);
	snprintf(vals[6], VAL_MAX, "%lld", (long long)r->deals);
	cmd_hist_money_text(ctx, r->revenue_minor, vals[7], VAL_MAX);
	vals[8][0] = '\0';
	if (r->minutes > 0)
		cmd_hist_money_text(ctx, money_div_round(r->revenue_minor * 60, r->minutes), vals[8],
		                    VAL_MAX);
	vals[9][0] = '\0';
	if (r->rated > 0)
		snprintf(vals[9], VAL_MAX, "%.1f", (double)r->rating_sum / (double)r->rated);
	double share = o->by == REPORT_BY_MONTH ? hours / o->work_hours
	             : total_hours > 0 ? hours / total_hours : 0;
	snprintf(vals[10], VAL_MAX, o->fmt == REPORT_TABLE ? "%.1f%%" : "%.4f",
	         o->fmt == REPORT_TABLE ? share * 100 : share);
	snprintf(vals[11], VAL_MAX, "%s", budget_word(ctx, hours));
}

/* Months covered: the given range, else first to last month with events. */
static double months_of(const struct report_opts *o, const struct report_row *months, size_t n)
{
	if (o->from_given && o->to_given)
		return (double)(o->to - o->from) / ((double)DAY_SEC * 365.2425 / 12);
	if (n == 0)
		return 0;
	int y0, m0, y1, m1;
	if (sscanf(months[0].key, "%d-%d", &y0, &m0) != 2 ||
	    sscanf(months[n - 1].key, "%d-%d", &y1, &m1) != 2)
		return (double)n;
	return (double)((y1 - y0) * 12 + (m1 - m0) + 1);
}

static void print_footer(struct app_ctx *ctx, const struct report_opts *o, size_t n_cols,
                         const struct report_row *total, double months)
{
	char vals[GROUP_COLS][VAL_MAX];
	struct report_opts t = *o;
	t.by = REPORT_BY_KIND;
	group_values(ctx, &t, total, 0, vals);
	snprintf(vals[0], VAL_MAX, "total");
	vals[10][0] = vals[11][0] = '\0';
	emit_row(ctx, REPORT_TABLE, group_cols, n_cols, vals);
	double hours = (double)total->minutes / 60.0;
	if (months <= 0)
		return;
	double per_month = hours / months;
	fprintf(ctx->out, "\nNetworking: %.1f h over %.1f months = %.1f h/month, %.1f%% of %g "
	        "working hours a month.\nBudget band %g-%g h/month: %s.\n", hours, months,
	        per_month, 100.0 * per_month / o->work_hours, o->work_hours,
	        ctx->cfg->budget_min_hours, ctx->cfg->budget_max_hours, budget_word(ctx, per_month));
}

static int run_group(struct app_ctx *ctx, const struct report_opts *o)
{
	struct report_row *rows = NULL, *months = NULL;
	size_t n = 0, n_months = 0;
	char *why = NULL;
	enum wit_status st = db_report_aggregate(ctx->db, o->by, o->from, o->to, &rows, &n, &why);
	if (st == WIT_OK && o->fmt == REPORT_TABLE)
		st = db_report_aggregate(ctx->db, REPORT_BY_MONTH, o->from, o->to, &months, &n_months,
		                         &why);
	if (st != WIT_OK) {
		db_report_free_rows(rows, n);
		return cmd_fail(ctx, st, why);
	}
	struct col cols[GROUP_COLS];
	memcpy(cols, group_cols, sizeof cols);
	cols[0].name = group_names[o->by];
	cols[0].head = o->by == REPORT_BY_KIND ? "KIND" : o->by == REPORT_BY_MONTH ? "MONTH"
	                                                                          : "ORGANIZER";
	size_t n_cols = o->by == REPORT_BY_MONTH ? GROUP_COLS : GROUP_COLS - 1;
	struct report_row total = { .key = (char *)"total" };
	for (size_t i = 0; i < n; i++) {
		total.events += rows[i].events;
		total.minutes += rows[i].minutes;
		total.contacts += rows[i].contacts;
		total.leads += rows[i].leads;
		total.meetings += rows[i].meetings;
		total.deals += rows[i].deals;
		total.revenue_minor += rows[i].revenue_minor;
		total.rated += rows[i].rated;
		total.rating_sum += rows[i].rating_sum;
	}
	emit_header(ctx, o->fmt, cols, n_cols);
	char vals[GROUP_COLS][VAL_MAX];
	for (size_t i = 0; i < n; i++) {
		group_values(ctx, o, &rows[i], (double)total.minutes / 60.0, vals);
		emit_row(ctx, o->fmt, cols, n_cols, vals);
	}
	if (o->fmt == REPORT_TABLE && n == 0)
		fputs("(no outcomes logged in this range: 'worthit review' lists what awaits one)\n",
		      ctx->out);
	else if (o->fmt == REPORT_TABLE)
		print_footer(ctx, o, n_cols, &total, months_of(o, months, n_months));
	db_report_free_rows(rows, n);
	db_report_free_rows(months, n_months);
	return 0;
}

/* ---- by contact ---------------------------------------------------------- */

static const struct col contact_cols[] = {
	{"contact", "ID", 5, false}, {"name", "NAME", -22, true}, {"company", "COMPANY", -18, true},
	{"client", "CLIENT", -6, false}, {"met_at", "MET AT", 6, false},
	{"deals", "DEALS", 5, false}, {"revenue", "REVENUE", 10, true},
	{"first_deal", "FIRST", -10, true}, {"last_deal", "LAST", -10, true},
	{"currency", "CUR", -3, true},
};
#define CONTACT_COLS (sizeof contact_cols / sizeof contact_cols[0])

/* The contacts' deals in currency; in another than the user's (first)
 * only the contacts with deals in it, under their own header. */
static enum wit_status contacts_in(struct app_ctx *ctx, const struct report_opts *o,
                                   const char *currency, bool first, char **why)
{
	struct report_contact *rows;
	size_t n;
	enum wit_status st = db_report_contacts_in(ctx->db, o->from, o->to, currency,
	                                           cmd_hist_currency(ctx), &rows, &n, why);
	if (st != WIT_OK)
		return st;
	if (first)
		emit_header(ctx, o->fmt, contact_cols, CONTACT_COLS);
	else if (o->fmt == REPORT_TABLE)
		fprintf(ctx->out, "\nIn %s (never added to %s):\n", currency, cmd_hist_currency(ctx));
	char vals[CONTACT_COLS][VAL_MAX];
	for (size_t i = 0; i < n; i++) {
		const struct report_contact *c = &rows[i];
		if (!first && c->deals == 0)
			continue;
		snprintf(vals[0], VAL_MAX, "%lld", (long long)c->contact_id);
		snprintf(vals[1], VAL_MAX, "%s", c->name ? c->name : "");
		snprintf(vals[2], VAL_MAX, "%s", c->company ? c->company : "");
		snprintf(vals[3], VAL_MAX, "%s", c->is_client ? "true" : "false");
		vals[4][0] = '\0';
		if (c->met_at)
			snprintf(vals[4], VAL_MAX, "%lld", (long long)c->met_at);
		snprintf(vals[5], VAL_MAX, "%lld", (long long)c->deals);
		invite_json_money_format(c->revenue_minor, currency, vals[6], VAL_MAX);
		vals[7][0] = vals[8][0] = '\0';
		if (c->deals > 0) {
			clock_format_local(c->first_deal_at, "%Y-%m-%d", vals[7], VAL_MAX);
			clock_format_local(c->last_deal_at, "%Y-%m-%d", vals[8], VAL_MAX);
		}
		snprintf(vals[9], VAL_MAX, "%s", currency);
		if (o->fmt == REPORT_TABLE)
			snprintf(vals[3], VAL_MAX, "%s", c->is_client ? "yes" : "");
		emit_row(ctx, o->fmt, contact_cols, CONTACT_COLS, vals);
	}
	if (o->fmt == REPORT_TABLE && n == 0)
		fputs("(no contacts yet: 'worthit contact add NAME ...')\n", ctx->out);
	db_report_free_contacts(rows, n);
	return WIT_OK;
}

static int run_contacts(struct app_ctx *ctx, const struct report_opts *o)
{
	char codes[RATES_MAX + 1][MONEY_CODE_LEN];
	size_t n = 0;
	char *why = NULL;
	enum wit_status st = db_report_deal_currencies(ctx->db, o->from, o->to,
	                                               cmd_hist_currency(ctx), codes, RATES_MAX + 1,
	                                               &n, &why);
	for (size_t i = 0; st == WIT_OK && i < n; i++)
		st = contacts_in(ctx, o, codes[i], i == 0, &why);
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

/* ---- calibration --------------------------------------------------------- */

static const struct col calib_cols[] = {
	{"band", "SCORE", -7, true}, {"events", "EVENTS", 6, false},
	{"avg_hours", "HOURS", 6, false}, {"avg_leads", "LEADS", 6, false},
	{"avg_deals", "DEALS", 6, false}, {"avg_revenue", "REVENUE", 10, true},
	{"revenue_per_hour", "REV/H", 8, true}, {"avg_rating", "RATING", 6, false},
	{"produced", "ANYTHING", 8, false},
};
#define CALIB_COLS (sizeof calib_cols / sizeof calib_cols[0])

/* produced: events that brought anything (a lead, meeting, deal or
 * revenue), given as their share of the band's events. */
static void calib_values(struct app_ctx *ctx, enum report_format fmt, const char *band,
                         const struct report_row *r, int64_t produced, char vals[][VAL_MAX])
{
	double n = (double)r->events;
	snprintf(vals[0], VAL_MAX, "%s", band);
	snprintf(vals[1], VAL_MAX, "%lld", (long long)r->events);
	for (int i = 2; i < 9; i++)
		vals[i][0] = '\0';
	if (r->events == 0)
		return;
	snprintf(vals[2], VAL_MAX, "%.2f", (double)r->minutes / 60.0 / n);
	snprintf(vals[3], VAL_MAX, "%.2f", (double)r->leads / n);
	snprintf(vals[4], VAL_MAX, "%.2f", (double)r->deals / n);
	cmd_hist_money_text(ctx, money_div_round(r->revenue_minor, r->events), vals[5], VAL_MAX);
	if (r->minutes > 0)
		cmd_hist_money_text(ctx, money_div_round(r->revenue_minor * 60, r->minutes), vals[6],
		                    VAL_MAX);
	if (r->rated > 0)
		snprintf(vals[7], VAL_MAX, "%.1f", (double)r->rating_sum / (double)r->rated);
	snprintf(vals[8], VAL_MAX, fmt == REPORT_TABLE ? "%.0f%%" : "%.4f",
	         (fmt == REPORT_TABLE ? 100.0 : 1.0) * (double)produced / n);
}

static int run_calibration(struct app_ctx *ctx, const struct report_opts *o)
{
	struct calib_band bands[CALIB_BANDS];
	int64_t unscored = 0;
	char *why = NULL;
	enum wit_status st = db_report_calibration(ctx->db, o->from, o->to, bands, &unscored, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	emit_header(ctx, o->fmt, calib_cols, CALIB_COLS);
	char vals[CALIB_COLS][VAL_MAX], band[16];
	for (int b = CALIB_BANDS - 1; b >= 0; b--) {
		snprintf(band, sizeof band, "%d-%d", bands[b].lo, bands[b].hi);
		calib_values(ctx, o->fmt, band, &bands[b].sums, bands[b].produced, vals);
		emit_row(ctx, o->fmt, calib_cols, CALIB_COLS, vals);
	}
	if (o->fmt == REPORT_TABLE)
		fprintf(ctx->out, "\nAverages per event by the score it had when you decided; "
		        "ANYTHING: the share that\nbrought a lead, a meeting, a deal or revenue. "
		        "%lld event%s had no recorded score.\nIf high bands do not bring more, "
		        "revisit the weights.\n", (long long)unscored, unscored == 1 ? "" : "s");
	return 0;
}

/* One attribution per currency of the deals: a 100 EUR deal is never
 * added to USD totals. */
static int run_attribution(struct app_ctx *ctx, const struct report_opts *o)
{
	char codes[RATES_MAX + 1][MONEY_CODE_LEN];
	size_t n = 0;
	char *why = NULL;
	const char *mine = cmd_hist_currency(ctx);
	enum wit_status st = db_report_deal_currencies(ctx->db, o->from, o->to, mine, codes,
	                                               RATES_MAX + 1, &n, &why);
	for (size_t i = 0; st == WIT_OK && i < n; i++) {
		struct attrib_report r;
		st = db_report_attribution_in(ctx->db, o->model, o->from, o->to, codes[i], mine, &r,
		                              &why);
		if (st == WIT_OK)
			cmd_report_print_attribution(ctx, &r, o->fmt, i == 0);
		db_report_attribution_done(&r);
	}
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

static int report_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_report_entry);
	struct report_opts o = {
		.what = WHAT_GROUP, .by = REPORT_BY_KIND, .fmt = REPORT_TABLE, .model = ATTRIB_FIRST,
		.from = REPORT_OPEN_FROM, .to = REPORT_OPEN_TO, .work_hours = 160,
	};
	int code = parse(ctx, argc, argv, &o);
	if (code != 0)
		return code;
	if (o.has_bom)
		fputs("\xEF\xBB\xBF", ctx->out); /* UTF-8 BOM: Excel then reads UTF-8 */
	switch (o.what) {
	case WHAT_CONTACT: return run_contacts(ctx, &o);
	case WHAT_CALIBRATION: return run_calibration(ctx, &o);
	case WHAT_ATTRIBUTION: return run_attribution(ctx, &o);
	default: return run_group(ctx, &o);
	}
}

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "report [--by kind|organizer|month|contact] [--from DATE] [--to DATE] "
	         "[--json|--csv [--raw] [--bom]] [--attribution [--model first|last|linear]] [--calibration] "
	         "[--work-hours H]",
	.summary = "what past events, organizers and relationships brought",
	.help = "Sums the logged outcomes of events starting in [--from, --to): events,\n"
	        "hours, contacts, leads, meetings, deals, revenue, revenue per hour, average\n"
	        "rating, and the share of hours (of all networking hours; by month, of\n"
	        "--work-hours working hours a month, default 160, with the budget band).\n"
	        "Months are local calendar months.\n"
	        "  --by contact    deals closed per contact in the range\n"
	        "  --attribution   who do you owe your clients to: every deal traced along\n"
	        "                  referral chains to the person and event where it started;\n"
	        "                  --model first (default), last or linear (docs/attribution.md)\n"
	        "  --calibration   averages per score band at decision time\n"
	        "  --csv           RFC 4180 with a header row; --json: JSON Lines\n"
	        "  --raw           CSV fields as they are: no apostrophe before a field that\n"
	        "                  starts with = + - @ (spreadsheet formulas; docs/formats.md)\n"
	        "  --bom           a UTF-8 byte order mark first, for Excel\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.run = report_run,
};

/*
 * cmd_add.c: `worthit add TITLE WHEN [DURATION] [options]`: quick entry
 * of an invitation that came by a plain e-mail or in person ("Coffee
 * with Sam" tomorrow 9:30 45m). WHEN is one or more words in any form
 * of when.h, in the local zone, and must name a time of day; a last
 * word that reads as a duration (45m, 1h30, 2h) is the duration, else
 * the kind's default (invite_fact_default_duration). The kind comes
 * from --kind, else the keyword rules of the config. Then the config's
 * defaults fill travel, preparation and room size, as at import; what
 * was typed is recorded as the user's. Prints the new id and its score.
 */
#include "worthit/app_facts.h"
#include "worthit/cli_score_report.h"
#include "worthit/classify.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_add_entry;

struct add_opts {
	const char *at, *kind, *ticket, *attendance, *fee;
	char *with;      /* newline-separated */
	bool is_speaking, is_virtual;
};

static void add_person(struct add_opts *o, const char *who)
{
	size_t old = o->with ? strlen(o->with) : 0, n = strlen(who);
	o->with = xrealloc(o->with, old + n + 2);
	if (old > 0)
		o->with[old++] = '\n';
	memcpy(o->with + old, who, n + 1);
}

static int parse_opts(struct app_ctx *ctx, int argc, char **argv, struct add_opts *o)
{
	static const struct option longopts[] = {
		{"at", required_argument, NULL, 'a'}, {"with", required_argument, NULL, 'w'},
		{"kind", required_argument, NULL, 'k'}, {"ticket", required_argument, NULL, 't'},
		{"attendance", required_argument, NULL, 'n'}, {"speaking", no_argument, NULL, 's'},
		{"fee", required_argument, NULL, 'f'}, {"virtual", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': o->at = optarg; break;
		case 'w': add_person(o, optarg); break;
		case 'k': o->kind = optarg; break;
		case 't': o->ticket = optarg; break;
		case 'n': o->attendance = optarg; break;
		case 's': o->is_speaking = true; break;
		case 'f': o->fee = optarg; break;
		case 'v': o->is_virtual = true; break;
		default: return cmd_usage(ctx, &cmd_add_entry);
		}
	}
	if (argc - optind < 2) {
		cmd_error(ctx, WIT_USAGE, "add needs a TITLE and WHEN (such as 'tomorrow 9:30')");
		return cmd_usage(ctx, &cmd_add_entry);
	}
	return 0;
}

/* words[0..n) joined by blanks. Caller frees. */
static char *join(char **words, int n)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	return s;
}

/* WHEN (and DURATION) from the words after TITLE. *minutes 0: none. */
static enum wit_status read_when(struct app_ctx *ctx, char **words, int n, struct when *w,
                                 int *minutes, char **why)
{
	*minutes = 0;
	char *text = join(words, n);
	enum wit_status st = clock_parse_when(text, ctx->now, w, why);
	if (st != WIT_OK && n > 1 && when_parse_duration(words[n - 1], minutes)) {
		free(text);
		text = join(words, n - 1);
		char *why2 = NULL;
		enum wit_status st2 = clock_parse_when(text, ctx->now, w, &why2);
		if (st2 == WIT_OK) {
			free(*why);
			*why = NULL;
			st = WIT_OK;
		} else {
			*minutes = 0;
		}
		free(why2);
	}
	if (st == WIT_OK && !(w->flags & WHEN_HAS_TIME))
		st = wit_fail(why, WIT_USAGE, "\"%s\": give a time of day too (such as \"%s 9:30\")",
		              text, text);
	free(text);
	return st;
}

struct add_report {
	struct app_ctx *ctx;
	int code;
};

static void report_bad(void *arg, enum wit_status st, const char *msg)
{
	struct add_report *r = arg;
	int code = cmd_error(r->ctx, st, "%s", msg);
	if (r->code == 0)
		r->code = code;
}

static char *assignment(const char *name, const char *value, int value_len)
{
	size_t len = strlen(name) + (size_t)value_len + 2;
	char *a = xmalloc(len);
	snprintf(a, len, "%s=%.*s", name, value_len, value);
	return a;
}

/* The options as field=value assignments on inv; exit code or 0. */
static int apply_options(struct app_ctx *ctx, const struct add_opts *o, struct invitation *inv,
                         bool given[FACT_COUNT])
{
	char *assign[8];
	int n = 0;
	if (o->ticket != NULL) { /* "45" or "45 EUR" */
		const char *sp = strrchr(o->ticket, ' ');
		bool has_cur = sp != NULL && strlen(sp + 1) == 3;
		assign[n++] = assignment("ticket", o->ticket,
		                         has_cur ? (int)(sp - o->ticket) : (int)strlen(o->ticket));
		if (has_cur)
			assign[n++] = assignment("currency", sp + 1, 3);
	}
	const struct { const char *name, *value; } pairs[] = {
		{"kind", o->kind}, {"location", o->at}, {"expected_attendance", o->attendance},
		{"speaking", o->is_speaking ? "true" : NULL}, {"speaking_fee", o->fee},
		{"virtual", o->is_virtual ? "true" : NULL},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (pairs[i].value != NULL)
			assign[n++] = assignment(pairs[i].name, pairs[i].value,
			                         (int)strlen(pairs[i].value));
	struct add_report r = {ctx, 0};
	app_facts_apply(ctx, inv, assign, n, given, report_bad, &r);
	for (int i = 0; i < n; i++)
		free(assign[i]);
	return r.code;
}

/* A UID of our own: time of entry and a hash of title and start. */
static char *make_uid(const struct invitation *inv, int64_t now)
{
	uint32_t h = 2166136261u;
	for (const char *p = inv->title; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h ^= (uint32_t)inv->starts_at;
	char buf[80];
	snprintf(buf, sizeof buf, "add-%lld-%08x@worthit", (long long)now, h);
	return xstrdup(buf);
}

static int build(struct app_ctx *ctx, const struct add_opts *o, char **words, int n,
                 struct invitation *inv, bool given[FACT_COUNT])
{
	struct when w;
	int minutes;
	char *why = NULL;
	enum wit_status st = read_when(ctx, words + 1, n - 1, &w, &minutes, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	if (w.flags & (WHEN_SHIFTED | WHEN_AMBIGUOUS))
		fprintf(ctx->err, "worthit: note: that local time %s\n", w.flags & WHEN_SHIFTED
		        ? "does not exist (clocks go forward): moved on by the gap"
		        : "happens twice (clocks go back): taking the first");
	if (words[0][0] == '\0')
		return cmd_error(ctx, WIT_USAGE, "the title must not be empty");
	inv->title = xstrdup(words[0]);
	inv->starts_at = inv->ends_at = w.start;
	inv->attendees = o->with ? xstrdup(o->with) : NULL;
	given[FACT_TITLE] = given[FACT_STARTS_AT] = true;
	given[FACT_ENDS_AT] = minutes > 0;
	given[FACT_ATTENDEES] = o->with != NULL;
	int code = apply_options(ctx, o, inv, given);
	if (code != 0)
		return code;
	if (!given[FACT_KIND])
		classify_apply(inv, ctx->cfg->rules, ctx->cfg->n_rules);
	if (minutes == 0)
		minutes = invite_fact_default_duration(inv->kind);
	inv->ends_at = inv->starts_at + (int64_t)minutes * 60;
	inv->uid = make_uid(inv, ctx->now);
	inv->source_file = NULL;
	return 0;
}

static int add_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_add_entry);
	struct add_opts o = {0};
	int code = parse_opts(ctx, argc, argv, &o);
	struct invitation inv;
	invitation_init(&inv);
	bool given[FACT_COUNT] = {false};
	if (code == 0)
		code = build(ctx, &o, argv + optind, argc - optind, &inv, given);
	int64_t id = 0;
	char *why = NULL;
	if (code == 0) {
		enum wit_status st = app_facts_add(ctx, &inv, given, &id, &why);
		code = st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
		why = NULL;
	}
	if (code == 0) {
		char a[64], b[16], line[96];
		clock_format_local(inv.starts_at, "%a %d %b %Y %H:%M", a, sizeof a);
		clock_format_local(inv.ends_at, "%H:%M", b, sizeof b);
		fprintf(ctx->out, "added #%lld %s, %s-%s, %s", (long long)id, inv.title, a, b,
		        invite_kind_name(inv.kind));
		if (cli_score_report_line(ctx, id, line, sizeof line, &why) == WIT_OK)
			fprintf(ctx->out, "; %s", line);
		fputs("\n", ctx->out);
		free(why);
	}
	invitation_done(&inv);
	free(o.with);
	return code;
}

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.usage = "add TITLE WHEN [DURATION] [--at PLACE] [--with PERSON]... [--kind K] "
	         "[--ticket 'AMOUNT[ CUR]'] [--attendance N] [--speaking [--fee AMOUNT]] "
	         "[--virtual]",
	.summary = "add an invitation by hand (\"Coffee with Sam\" tomorrow 9:30 45m)",
	.help = "WHEN is in your time zone, in words: today, tomorrow, fri 7am, next tuesday\n"
	        "12:00, +3d 10:00, 2026-03-12 07:30, or ISO 8601 (2026-03-12T07:30:00Z); it\n"
	        "must name a time of day. DURATION: 45m, 1h30, 2h (default by kind: coffee\n"
	        "45m, breakfast and lunch 1h30, meetup 2h, conference 8h, else 1h).\n"
	        "  --at PLACE       location (config \"places\" gives its travel time)\n"
	        "  --with PERSON    someone you will meet, \"Name <address>\" (repeatable)\n"
	        "  --kind K         breakfast, meetup, conference, coffee, lunch, speaking,\n"
	        "                   webinar, other (default: from the keyword rules)\n"
	        "  --ticket 'A CUR' ticket price, in your currency unless CUR is given\n"
	        "  --attendance N   people in the room\n"
	        "  --speaking, --fee AMOUNT   you speak (for a fee)\n"
	        "  --virtual        online: no travel\n"
	        "Travel, preparation and room size not given come from the config's\n"
	        "defaults ('worthit show ID' says which); 'worthit edit ID' corrects any fact.\n"
	        "Example: worthit add \"Coffee with Sam\" tomorrow 9:30 45m --at \"Blue Bottle\"\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = add_run,
};

/*
 * cmd_show.c: `worthit show ID`: one invitation in full: when (local
 * time and original zone), where, cost inputs, audience shares and
 * status, the people to meet, then the score breakdown component by
 * component. A fact that did not come from the file says where it came
 * from: "(you)", "(default for local events)", "(keyword rule)". With
 * --json the object `list --json` prints plus "origins" (those facts:
 * source and note) and a "scoring" member holding what `score --json`
 * prints for it.
 */
#include "worthit/clock.h"
#include "worthit/datefmt.h"
#include "worthit/cmd.h"
#include "worthit/db_fact.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"
#include "worthit/db_invite_mail.h"
#include "worthit/cli_score_report.h"
#include "worthit/xmalloc.h"
#include "worthit/timeutil.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void field(struct app_ctx *ctx, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		fprintf(ctx->out, "%-12s %s\n", label, value);
}

static void print_when(struct app_ctx *ctx, const struct invitation *inv)
{
	char a[64], b[64], line[160];
	if (inv->all_day) {
		/* its dates (datefmt.h), with the year as a timed one has it:
		 * "Thu 09 Apr 2026, all day", "13-15 May 2026, all day" */
		struct datefmt_event ev = { inv->starts_at, inv->ends_at, true, 0 };
		datefmt_when(&ev, DATEFMT_FULL, 0, false, line, sizeof line);
	} else {
		clock_format_local(inv->starts_at, "%a %d %b %Y %H:%M", a, sizeof a);
		clock_format_local(inv->ends_at, "%H:%M %Z", b, sizeof b);
		snprintf(line, sizeof line, "%s - %s (%d min)", a, b, invitation_duration_min(inv));
	}
	field(ctx, "When", line);
	if (inv->tzid != NULL)
		field(ctx, "Time zone", inv->tzid);
}

/* " (you)", " (default for local events)", " (keyword rule)" or "". */
static const char *origin_tag(const struct invite_origins *o, enum invite_fact f, char *buf,
                              size_t len)
{
	const struct fact_origin *fo = &o->fact[f];
	buf[0] = '\0';
	if (fo->source == FACT_FROM_USER)
		snprintf(buf, len, " (you)");
	else if (fo->source != FACT_FROM_FILE)
		snprintf(buf, len, " (%s)", fo->note[0] ? fo->note : fact_source_name(fo->source));
	return buf;
}

static void print_costs(struct app_ctx *ctx, const struct invitation *inv,
                        const struct invite_origins *o)
{
	char line[256], money[32], tag[FACT_NOTE_MAX + 8], tag2[FACT_NOTE_MAX + 8];
	if (inv->reach == REACH_VIRTUAL)
		snprintf(line, sizeof line, "virtual, no travel%s", origin_tag(o, FACT_REACH, tag,
		                                                                   sizeof tag));
	else
		snprintf(line, sizeof line, "%s%s, %d min each way%s", invite_reach_name(inv->reach),
		         origin_tag(o, FACT_REACH, tag2, sizeof tag2), inv->travel_min,
		         origin_tag(o, FACT_TRAVEL, tag, sizeof tag));
	field(ctx, "Travel", line);
	snprintf(line, sizeof line, "%d min%s", inv->prep_min, origin_tag(o, FACT_PREP, tag,
	                                                                  sizeof tag));
	field(ctx, "Preparation", line);
	if (inv->ticket_minor > 0) {
		invite_json_money_format(inv->ticket_minor, inv->currency, money, sizeof money);
		snprintf(line, sizeof line, "%s %s%s", money, inv->currency,
		         origin_tag(o, FACT_TICKET, tag, sizeof tag));
		field(ctx, "Ticket", line);
	}
	if (inv->expected_attendance > 0) {
		snprintf(line, sizeof line, "%d people%s", inv->expected_attendance,
		         origin_tag(o, FACT_ATTENDANCE, tag, sizeof tag));
		field(ctx, "Attendance", line);
	}
	if (inv->is_speaking) {
		invite_json_money_format(inv->speaking_fee_minor, inv->currency, money, sizeof money);
		snprintf(line, sizeof line, inv->speaking_fee_minor > 0 ? "yes, fee %s %s" : "yes",
		         money, inv->currency);
		field(ctx, "Speaking", line);
	}
}

/* People the user will meet, one per line. */
static void print_people(struct app_ctx *ctx, const struct invitation *inv,
                         const struct invite_origins *o)
{
	if (inv->attendees == NULL || *inv->attendees == '\0')
		return;
	char tag[FACT_NOTE_MAX + 8];
	fprintf(ctx->out, "People%s\n", origin_tag(o, FACT_ATTENDEES, tag, sizeof tag));
	for (const char *p = inv->attendees; *p != '\0';) {
		const char *e = strchr(p, '\n');
		int n = e ? (int)(e - p) : (int)strlen(p);
		fprintf(ctx->out, "  %.*s\n", n, p);
		p += n + (e != NULL);
	}
}

static void print_audience(struct app_ctx *ctx, const struct invitation *inv,
                           const struct invite_origins *o)
{
	if (inv->n_shares == 0)
		return;
	char tag[FACT_NOTE_MAX + 8];
	fprintf(ctx->out, "Audience%s\n", origin_tag(o, FACT_AUDIENCE, tag, sizeof tag));
	for (size_t i = 0; i < inv->n_shares; i++) {
		const struct audience_share *sh = &inv->shares[i];
		fprintf(ctx->out, "  %-13s %-20s %3.0f %%%s\n", audience_dim_name(sh->dim), sh->value,
		        sh->share * 100.0, sh->is_second_degree ? "  (know buyers)" : "");
	}
}

/* The message it came in (import from mail). */
static void print_mail(struct app_ctx *ctx, const struct invitation *inv)
{
	char when[64];
	field(ctx, "Message-ID", inv->mail_message_id);
	field(ctx, "From", inv->mail_from);
	field(ctx, "Subject", inv->mail_subject);
	if (inv->mail_date != 0)
		field(ctx, "Sent", clock_format_local(inv->mail_date, "%Y-%m-%d %H:%M", when,
		                                      sizeof when));
}

static void print_human(struct app_ctx *ctx, const struct invitation *inv,
                        const struct invite_origins *o)
{
	char id[32], line[160], tag[FACT_NOTE_MAX + 8];
	snprintf(id, sizeof id, "%lld", (long long)inv->id);
	fprintf(ctx->out, "%s\n", inv->title ? inv->title : "(untitled)");
	field(ctx, "Id", id);
	field(ctx, "Status", invite_status_name(inv->status));
	snprintf(line, sizeof line, "%s%s", invite_kind_name(inv->kind),
	         origin_tag(o, FACT_KIND, tag, sizeof tag));
	field(ctx, "Kind", line);
	field(ctx, "Organizer", inv->organizer);
	print_when(ctx, inv);
	if (inv->location != NULL && *inv->location != '\0') {
		snprintf(line, sizeof line, "%s%s", inv->location,
		         origin_tag(o, FACT_LOCATION, tag, sizeof tag));
		field(ctx, "Location", line);
	}
	print_costs(ctx, inv, o);
	field(ctx, "Categories", inv->categories);
	field(ctx, "URL", inv->url);
	field(ctx, "Source", inv->source_file);
	print_mail(ctx, inv);
	print_audience(ctx, inv, o);
	print_people(ctx, inv, o);
	if (inv->description != NULL && *inv->description != '\0')
		fprintf(ctx->out, "\n%s\n", inv->description);
}

/* {"travel_min": {"source": "default", "note": "..."}, ...}: the facts
 * not from the file. */
static cJSON *origins_json(const struct invite_origins *o)
{
	cJSON *obj = cJSON_CreateObject();
	for (int f = 0; f < FACT_COUNT; f++) {
		const struct fact_origin *fo = &o->fact[f];
		if (fo->source == FACT_FROM_FILE)
			continue;
		cJSON *one = cJSON_AddObjectToObject(obj, invite_fact_name((enum invite_fact)f));
		cJSON_AddStringToObject(one, "source", fact_source_name(fo->source));
		if (fo->note[0] != '\0')
			cJSON_AddStringToObject(one, "note", fo->note);
	}
	return obj;
}

/* The invitation's JSON object with the score's object as "scoring".
 * Caller frees. */
static char *json_with_score(const struct invitation *inv, const struct invite_origins *o,
                             const char *score_json)
{
	char *base = invite_json_object(inv);
	cJSON *obj = cJSON_Parse(base);
	cJSON *score = score_json ? cJSON_Parse(score_json) : NULL;
	if (obj == NULL || score == NULL) {
		cJSON_Delete(obj);
		cJSON_Delete(score);
		return base;
	}
	cJSON_AddItemToObject(obj, "origins", origins_json(o));
	cJSON_AddItemToObject(obj, "scoring", score);
	if (inv->mail_message_id != NULL || inv->mail_from != NULL) {
		cJSON *m = cJSON_AddObjectToObject(obj, "mail");
		cJSON_AddStringToObject(m, "message_id", inv->mail_message_id ? inv->mail_message_id : "");
		cJSON_AddStringToObject(m, "from", inv->mail_from ? inv->mail_from : "");
		cJSON_AddStringToObject(m, "subject", inv->mail_subject ? inv->mail_subject : "");
		cJSON_AddNumberToObject(m, "date", (double)inv->mail_date);
	}
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	free(base);
	char *line = xstrdup(text);
	cJSON_free(text);
	return line;
}

static int print_scored(struct app_ctx *ctx, int64_t id, bool json)
{
	struct score_batch b;
	char *why = NULL;
	enum wit_status st = cli_score_report_load(ctx, &id, 1, &b, &why);
	struct invite_origins o;
	if (st == WIT_OK)
		st = db_fact_get(ctx->db, id, &o, &why);
	int code = 0;
	if (st == WIT_OK && db_invite_mail_get(ctx->db, id, &b.invs.items[0], &why) == WIT_IOERR)
		st = WIT_IOERR;
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else if (json) {
		char *score = cli_score_report_json(&b, 0, ctx->cfg);
		char *line = json_with_score(&b.invs.items[0], &o, score);
		fprintf(ctx->out, "%s\n", line);
		free(line);
		free(score);
	} else {
		print_human(ctx, &b.invs.items[0], &o);
		fputc('\n', ctx->out);
		cli_score_report_breakdown(ctx->out, &b, 0, ctx->cfg);
	}
	cli_score_report_done(&b);
	free(why);
	return code;
}

static int show_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	extern const struct cmd_entry cmd_show_entry;
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_show_entry);
		json = true;
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx, &cmd_show_entry);
	char *why = NULL;
	int64_t id;
	enum wit_status st = cmd_parse_id(argv[optind], &id, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	return print_scored(ctx, id, json);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "show [--json] ID",
	.summary = "show one invitation in full",
	.help = "  --json   the invitation as one JSON object (as in list --json)\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.run = show_run,
};

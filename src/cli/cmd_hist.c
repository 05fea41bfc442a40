/*
 * cmd_hist.c: helpers of the history commands (see cmd_hist.h). Dates
 * are parsed strictly, the message naming the option and repeating the
 * value as typed, as outcome_rules.h does for outcome values.
 */
#include "worthit/cmd_hist.h"
#include "worthit/clock.h"
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"

#include <stdlib.h>
#include <string.h>

enum wit_status cmd_hist_date(const char *opt, const char *s, int64_t now, int64_t *out,
                              char **why)
{
	struct when w;
	char *detail = NULL;
	enum wit_status st = clock_parse_when(s, now, &w, &detail);
	if (st == WIT_OK) /* --to is inclusive of the day it names */
		*out = strcmp(opt, "--to") == 0 ? w.end : w.start;
	else /* a value of a history command: reported with the others, exit 65 */
		st = wit_fail(why, WIT_DATA, "%s: %s", opt, detail);
	free(detail);
	return st;
}

void cmd_hist_csv_field(FILE *f, const char *s, bool is_raw)
{
	if (s == NULL)
		return;
	bool guard = !is_raw && invite_csv_needs_guard(s);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (guard)
			fputc('\'', f);
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

const char *cmd_hist_currency(const struct app_ctx *ctx)
{
	return config_currency(ctx->cfg);
}

char *cmd_hist_money_text(struct app_ctx *ctx, int64_t minor, char *buf, size_t len)
{
	return invite_json_money_format(minor, cmd_hist_currency(ctx), buf, len);
}

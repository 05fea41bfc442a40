/*
 * cmd_hist.c: helpers of the history commands (see cmd_hist.h). Values
 * are parsed strictly (no trailing junk, no silent clamping) because a
 * mistyped outcome quietly stored is worse than an error: every message
 * names the option and repeats the value as typed.
 */
#include "worthit/cmd_hist.h"
#include "worthit/clock.h"
#include "worthit/db_contact.h"
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum wit_status cmd_hist_count(const char *opt, const char *s, int max, int *out, char **why)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 || v > max || *s == '+' ||
	    *s == ' ')
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a whole number from 0 to %d", opt,
		                s, max);
	*out = (int)v;
	return WIT_OK;
}

enum wit_status cmd_hist_hours(const char *opt, const char *s, double *out, char **why)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) || v < 0 || v > 1000 ||
	    (*s != '.' && (*s < '0' || *s > '9')))
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a number of hours from 0 to 1000 "
		                "(such as 2.5)", opt, s);
	*out = v;
	return WIT_OK;
}

enum wit_status cmd_hist_money(const char *opt, const char *s, const char *currency,
                               int64_t *out, char **why)
{
	if (!invite_json_money_from_text(s, currency, out))
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not an amount in %s (such as 1200 or "
		                "1200.50; at most %d decimals, not negative)", opt, s, currency,
		                invite_json_currency_exponent(currency));
	return WIT_OK;
}

enum wit_status cmd_hist_date(const char *opt, const char *s, int64_t now, int64_t *out,
                              char **why)
{
	char *detail = NULL;
	if (clock_parse_user_date(s, now, out, &detail) == WIT_OK)
		return WIT_OK;
	free(detail);
	return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a date (YYYY-MM-DD, ISO 8601, today, "
	                "-30d)", opt, s);
}

enum wit_status cmd_hist_invitation_id(const char *opt, const char *s, int64_t *out, char **why)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v <= 0)
		return wit_fail(why, WIT_DATA, "%s%s\"%s\" is not an invitation id (a positive "
		                "number)", opt ? opt : "", opt ? ": " : "", s);
	*out = v;
	return WIT_OK;
}

enum wit_status cmd_hist_contact(struct cmd_ctx *ctx, const char *opt, const char *s,
                                 int64_t *id, char **why)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s >= '0' && *s <= '9' && *end == '\0' && errno == 0 && v > 0) {
		struct contact c;
		contact_init(&c);
		enum wit_status st = db_contact_get(ctx->db, v, &c, NULL);
		contact_done(&c);
		if (st == WIT_OK) {
			*id = v;
			return WIT_OK;
		}
		return wit_fail(why, WIT_NOTFOUND, "%s: no contact with id %s", opt, s);
	}
	char *detail = NULL;
	enum wit_status st = strchr(s, '@') != NULL ? db_contact_find_email(ctx->db, s, id, &detail)
	                                            : db_contact_find_name(ctx->db, s, id, &detail);
	if (st == WIT_NOTFOUND)
		st = wit_fail(why, WIT_NOTFOUND, "%s: no contact \"%s\" (give an id, an e-mail address "
		              "or the exact name; 'worthit contact list' shows them)", opt, s);
	else if (st != WIT_OK)
		st = wit_fail(why, st, "%s: %s", opt, detail);
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

const char *cmd_hist_currency(const struct cmd_ctx *ctx)
{
	if (ctx->cfg != NULL && ctx->cfg->currency[0] != '\0')
		return ctx->cfg->currency;
	return "USD";
}

char *cmd_hist_money_text(struct cmd_ctx *ctx, int64_t minor, char *buf, size_t len)
{
	return invite_json_money_format(minor, cmd_hist_currency(ctx), buf, len);
}

int cmd_hist_fail(struct cmd_ctx *ctx, enum wit_status st, char *why)
{
	int code = cmd_error(ctx, st, "%s", why ? why : wit_status_name(st));
	free(why);
	return code;
}

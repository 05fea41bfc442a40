/*
 * app_outcome.c: the outcome form's state and rules (see app_outcome.h).
 * Values are parsed by cmd_hist.c, so the form and `worthit outcome`
 * accept and refuse exactly the same things with the same words; only
 * the rating may be left empty here (not rated).
 */
#include "worthit/app.h"
#include "worthit/app_outcome.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const labels[OF_COUNT] = {
	[OF_HOURS] = "Hours, travel included", [OF_CONTACTS] = "Contacts met",
	[OF_LEADS] = "Leads", [OF_MEETINGS] = "Meetings booked", [OF_DEALS] = "Deals",
	[OF_REVENUE] = "Revenue", [OF_RATING] = "Rating 1-5", [OF_NOTES] = "Notes",
};

/* Short names used in messages, as the CLI's options without "--". */
static const char *const names[OF_COUNT] = {
	"hours", "contacts", "leads", "meetings", "deals", "revenue", "rating", "notes",
};

const char *app_outcome_label(enum outcome_field f)
{
	return (unsigned)f < OF_COUNT ? labels[f] : "";
}

static void put_int(struct outcome_form *f, enum outcome_field fl, long long v)
{
	snprintf(f->text[fl], OUTCOME_TEXT_MAX, "%lld", v);
}

enum wit_status app_outcome_open(struct outcome_form *f, struct cmd_ctx *ctx, int64_t id,
                                 char **why)
{
	memset(f, 0, sizeof *f);
	struct invitation inv;
	invitation_init(&inv);
	enum wit_status st = db_invite_get(ctx->db, id, &inv, why);
	if (st == WIT_OK && inv.starts_at > ctx->now)
		st = wit_fail(why, WIT_DATA, "\"%s\" has not happened yet", inv.title ? inv.title : "");
	if (st != WIT_OK) {
		invitation_done(&inv);
		return st;
	}
	f->invitation_id = id;
	snprintf(f->title, sizeof f->title, "%s", inv.title ? inv.title : "");
	struct outcome o;
	outcome_init(&o);
	f->is_edit = db_outcome_get(ctx->db, id, &o, NULL) == WIT_OK;
	double hours = f->is_edit ? o.actual_hours : app_invitation_hours(&inv);
	snprintf(f->text[OF_HOURS], OUTCOME_TEXT_MAX, "%.2f", hours);
	/* "2.50" reads better as "2.5" */
	for (size_t n = strlen(f->text[OF_HOURS]); n > 0 && f->text[OF_HOURS][n - 1] == '0'; n--)
		f->text[OF_HOURS][n - 1] = '\0';
	size_t n = strlen(f->text[OF_HOURS]);
	if (n > 0 && f->text[OF_HOURS][n - 1] == '.')
		f->text[OF_HOURS][n - 1] = '\0';
	put_int(f, OF_CONTACTS, o.contacts_met);
	put_int(f, OF_LEADS, o.leads);
	put_int(f, OF_MEETINGS, o.meetings);
	put_int(f, OF_DEALS, o.deals);
	invite_json_money_format(o.revenue_minor, cmd_hist_currency(ctx), f->text[OF_REVENUE],
	                         OUTCOME_TEXT_MAX);
	if (o.rating > 0)
		put_int(f, OF_RATING, o.rating);
	snprintf(f->text[OF_NOTES], OUTCOME_TEXT_MAX, "%s", o.notes ? o.notes : "");
	outcome_done(&o);
	invitation_done(&inv);
	return WIT_OK;
}

void app_outcome_type(struct outcome_form *f, const char *utf8)
{
	char *t = f->text[f->field];
	size_t n = strlen(t), add = strlen(utf8);
	if (n + add < OUTCOME_TEXT_MAX)
		memcpy(t + n, utf8, add + 1);
}

void app_outcome_backspace(struct outcome_form *f)
{
	char *t = f->text[f->field];
	size_t n = strlen(t);
	while (n > 0 && ((unsigned char)t[n - 1] & 0xC0) == 0x80)
		n--; /* continuation bytes of a UTF-8 character */
	if (n > 0)
		n--;
	t[n] = '\0';
}

/* Parse field fl into o (NULL: check only). */
static enum wit_status parse(struct outcome_form *f, struct cmd_ctx *ctx, enum outcome_field fl,
                             struct outcome *o, char **why)
{
	struct outcome tmp;
	struct outcome *d = o != NULL ? o : &tmp;
	const char *s = f->text[fl];
	switch (fl) {
	case OF_HOURS: return cmd_hist_hours(names[fl], s, &d->actual_hours, why);
	case OF_CONTACTS: return cmd_hist_count(names[fl], s, 100000, &d->contacts_met, why);
	case OF_LEADS: return cmd_hist_count(names[fl], s, 100000, &d->leads, why);
	case OF_MEETINGS: return cmd_hist_count(names[fl], s, 100000, &d->meetings, why);
	case OF_DEALS: return cmd_hist_count(names[fl], s, 100000, &d->deals, why);
	case OF_REVENUE:
		return cmd_hist_money(names[fl], s, cmd_hist_currency(ctx), &d->revenue_minor, why);
	case OF_RATING:
		d->rating = 0;
		if (s[0] != '\0' && (cmd_hist_count(names[fl], s, 5, &d->rating, NULL) != WIT_OK ||
		                     d->rating < 1))
			return wit_fail(why, WIT_DATA, "rating: \"%s\" is not a rating from 1 to 5 "
			                "(or empty)", s);
		return WIT_OK;
	default: return WIT_OK;
	}
}

bool app_outcome_check(struct outcome_form *f, struct cmd_ctx *ctx, enum outcome_field fl)
{
	char *why = NULL;
	bool ok = parse(f, ctx, fl, NULL, &why) == WIT_OK;
	snprintf(f->error[fl], sizeof f->error[fl], "%s", ok || why == NULL ? "" : why);
	free(why);
	return ok;
}

void app_outcome_move(struct outcome_form *f, struct cmd_ctx *ctx, int delta)
{
	app_outcome_check(f, ctx, (enum outcome_field)f->field);
	f->field = (f->field + delta + OF_COUNT) % OF_COUNT;
}

enum wit_status app_outcome_save(struct outcome_form *f, struct cmd_ctx *ctx, char **why)
{
	int bad = 0, first = -1;
	for (int fl = 0; fl < OF_COUNT; fl++)
		if (!app_outcome_check(f, ctx, (enum outcome_field)fl)) {
			bad++;
			first = first < 0 ? fl : first;
		}
	if (bad > 0) {
		f->field = first;
		return wit_fail(why, WIT_DATA, "%s (%d field%s to fix; Esc cancels)", f->error[first],
		                bad, bad == 1 ? "" : "s");
	}
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->invitation_id;
	for (int fl = 0; fl < OF_NOTES; fl++)
		parse(f, ctx, (enum outcome_field)fl, &o, NULL);
	o.notes = f->text[OF_NOTES][0] ? xstrdup(f->text[OF_NOTES]) : NULL;
	enum wit_status st = db_journal_log_outcome(ctx->db, &o, ctx->now, why);
	outcome_done(&o);
	return st;
}

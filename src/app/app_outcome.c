/*
 * app_outcome.c: the outcome form's state and rules (see app_outcome.h).
 * Values are parsed by outcome_rules.c, so the form and `worthit
 * outcome` accept and refuse exactly the same things with the same
 * words; only the rating may be left empty here (not rated). The
 * contact fields follow `worthit contact add`: the introducer is found
 * by id, e-mail or exact name (app_contact_lookup), an e-mail address
 * already on file is refused so the same person is not added twice.
 */
#include "worthit/app_contact_lookup.h"
#include "worthit/app_outcome.h"
#include "worthit/db.h"
#include "worthit/db_contact.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/invite_json.h"
#include "worthit/outcome_rules.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const labels[OF_COUNT] = {
	[OF_HOURS] = "Hours, travel included", [OF_CONTACTS] = "Contacts met",
	[OF_LEADS] = "Leads", [OF_MEETINGS] = "Meetings booked", [OF_DEALS] = "Deals",
	[OF_REVENUE] = "Revenue", [OF_RATING] = "Rating 1-5", [OF_NOTES] = "Notes",
	[OF_NAME] = "Name", [OF_COMPANY] = "Company", [OF_EMAIL] = "E-mail",
	[OF_CLIENT] = "Client? (y/n)", [OF_REFERRER] = "Referred by",
};

/* Short names used in messages, as the CLI's options without "--". */
static const char *const names[OF_COUNT] = {
	"hours", "contacts", "leads", "meetings", "deals", "revenue", "rating", "notes",
	"name", "company", "e-mail", "client", "referred by",
};

/* The fields outcome_rules.h checks. */
static const enum outcome_value value_of[OF_COUNT] = {
	[OF_HOURS] = OUTCOME_VALUE_HOURS, [OF_CONTACTS] = OUTCOME_VALUE_CONTACTS,
	[OF_LEADS] = OUTCOME_VALUE_LEADS, [OF_MEETINGS] = OUTCOME_VALUE_MEETINGS,
	[OF_DEALS] = OUTCOME_VALUE_DEALS, [OF_REVENUE] = OUTCOME_VALUE_REVENUE,
	[OF_RATING] = OUTCOME_VALUE_RATING,
};

const char *app_outcome_label(enum outcome_field f)
{
	return (unsigned)f < OF_COUNT ? labels[f] : "";
}

static void put_int(struct outcome_form *f, enum outcome_field fl, long long v)
{
	snprintf(f->text[fl], OUTCOME_TEXT_MAX, "%lld", v);
}

enum wit_status app_outcome_open(struct outcome_form *f, struct app_ctx *ctx, int64_t id,
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
	double hours = f->is_edit ? o.actual_hours
	                          : invitation_counted_hours(&inv,
	                                                     ctx->cfg->score.knob[KNOB_ALL_DAY_HOURS]);
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
	invite_json_money_format(o.revenue_minor, config_currency(ctx->cfg), f->text[OF_REVENUE],
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

/* Text without leading and trailing blanks, into buf. */
static const char *trimmed(const char *s, char *buf, size_t len)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	snprintf(buf, len, "%.*s", (int)n, s);
	return buf;
}

static bool has_contact_fields(const struct outcome_form *f)
{
	char buf[OUTCOME_TEXT_MAX];
	for (int fl = OF_COMPANY; fl <= OF_REFERRER; fl++)
		if (trimmed(f->text[fl], buf, sizeof buf)[0] != '\0')
			return true;
	return false;
}

/* "y", "yes" (true), "n", "no", "" (false); -1 for anything else. */
static int yes_no(const char *s)
{
	if (s[0] == '\0' || strcasecmp(s, "n") == 0 || strcasecmp(s, "no") == 0)
		return 0;
	if (strcasecmp(s, "y") == 0 || strcasecmp(s, "yes") == 0)
		return 1;
	return -1;
}

static enum wit_status check_email(struct app_ctx *ctx, const char *s, char **why)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strpbrk(s, " \t<>,;") != NULL)
		return wit_fail(why, WIT_DATA, "e-mail: \"%s\" is not an e-mail address", s);
	int64_t id = 0;
	if (db_contact_find_email(ctx->db, s, &id, NULL) != WIT_OK)
		return WIT_OK;
	struct contact c;
	contact_init(&c);
	db_contact_get(ctx->db, id, &c, NULL);
	enum wit_status st = wit_fail(why, WIT_DATA, "e-mail: already the address of #%lld %s",
	                              (long long)id, c.name ? c.name : "");
	contact_done(&c);
	return st;
}

/* The contact fields; the introducer's id goes to f->referrer_id. */
static enum wit_status parse_contact(struct outcome_form *f, struct app_ctx *ctx,
                                     enum outcome_field fl, char **why)
{
	char s[OUTCOME_TEXT_MAX];
	trimmed(f->text[fl], s, sizeof s);
	switch (fl) {
	case OF_NAME:
		if (s[0] == '\0' && has_contact_fields(f))
			return wit_fail(why, WIT_DATA, "name: the new contact needs a name (or clear "
			                "their other fields)");
		return WIT_OK;
	case OF_EMAIL: return s[0] != '\0' ? check_email(ctx, s, why) : WIT_OK;
	case OF_CLIENT:
		if (yes_no(s) < 0)
			return wit_fail(why, WIT_DATA, "client: \"%s\" is not y or n", s);
		return WIT_OK;
	case OF_REFERRER:
		f->referrer_id = 0;
		return s[0] != '\0' ? app_contact_lookup(ctx->db, names[fl], s, &f->referrer_id, why)
		                    : WIT_OK;
	default: return WIT_OK;
	}
}

/* Parse field fl into o (NULL: check only). */
static enum wit_status parse(struct outcome_form *f, struct app_ctx *ctx, enum outcome_field fl,
                             struct outcome *o, char **why)
{
	struct outcome tmp;
	struct outcome *d = o != NULL ? o : &tmp;
	const char *s = f->text[fl];
	switch (fl) {
	case OF_HOURS: case OF_CONTACTS: case OF_LEADS: case OF_MEETINGS: case OF_DEALS:
	case OF_REVENUE: case OF_RATING:
		/* the rating may stay empty here: not rated */
		return outcome_rules_parse(value_of[fl], names[fl], s, config_currency(ctx->cfg), true,
		                           d, why);
	case OF_NAME: case OF_COMPANY: case OF_EMAIL: case OF_CLIENT: case OF_REFERRER:
		return parse_contact(f, ctx, fl, why);
	default: return WIT_OK;
	}
}

bool app_outcome_check(struct outcome_form *f, struct app_ctx *ctx, enum outcome_field fl)
{
	char *why = NULL;
	bool ok = parse(f, ctx, fl, NULL, &why) == WIT_OK;
	snprintf(f->error[fl], sizeof f->error[fl], "%s", ok || why == NULL ? "" : why);
	free(why);
	return ok;
}

void app_outcome_move(struct outcome_form *f, struct app_ctx *ctx, int delta)
{
	app_outcome_check(f, ctx, (enum outcome_field)f->field);
	f->field = (f->field + delta + OF_COUNT) % OF_COUNT;
}

static enum wit_status add_contact(struct outcome_form *f, struct app_ctx *ctx, const char *name,
                                   char **why)
{
	char company[OUTCOME_TEXT_MAX], email[OUTCOME_TEXT_MAX], client[16];
	struct contact c;
	contact_init(&c);
	c.name = xstrdup(name);
	if (trimmed(f->text[OF_COMPANY], company, sizeof company)[0] != '\0')
		c.company = xstrdup(company);
	if (trimmed(f->text[OF_EMAIL], email, sizeof email)[0] != '\0')
		c.email = xstrdup(email);
	c.is_client = yes_no(trimmed(f->text[OF_CLIENT], client, sizeof client)) == 1;
	c.met_at_invitation = f->invitation_id;
	c.referred_by = f->referrer_id;
	enum wit_status st = db_contact_add(ctx->db, &c, ctx->now, &f->new_contact_id, why);
	contact_done(&c);
	return st;
}

enum wit_status app_outcome_save(struct outcome_form *f, struct app_ctx *ctx, char **why)
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
	f->new_contact_id = 0;
	char name[OUTCOME_TEXT_MAX];
	enum wit_status st;
	if (trimmed(f->text[OF_NAME], name, sizeof name)[0] == '\0') {
		st = db_journal_log_outcome(ctx->db, &o, ctx->now, why);
	} else {
		/* both or neither: db_journal and db_contact join an open transaction */
		st = db_begin(ctx->db, why);
		if (st == WIT_OK)
			st = db_journal_log_outcome(ctx->db, &o, ctx->now, why);
		if (st == WIT_OK)
			st = add_contact(f, ctx, name, why);
		if (st == WIT_OK)
			st = db_commit(ctx->db, why);
		else
			db_rollback(ctx->db);
		if (st != WIT_OK)
			f->new_contact_id = 0;
	}
	outcome_done(&o);
	return st;
}

/*
 * app_fact_form.c: the edit form's state and rules (app_fact_form.h).
 * Every change of a text rebuilds the working copy from the stored
 * invitation and the texts that differ from it, in fact order with the
 * currency first (so a ticket reads in the currency typed), and rescores
 * it: a dozen facts and one score, cheap enough for every key.
 */
#include "worthit/app_fact_form.h"
#include "worthit/app_facts.h"
#include "worthit/app_score.h"
#include "worthit/db_invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const labels[FACT_COUNT] = {
	[FACT_TITLE] = "Title", [FACT_KIND] = "Kind", [FACT_STARTS_AT] = "Starts (local)",
	[FACT_ENDS_AT] = "Ends (local)", [FACT_LOCATION] = "Location",
	[FACT_REACH] = "Reach (local/regional/virtual)", [FACT_TRAVEL] = "Travel, one way (min)",
	[FACT_PREP] = "Preparation (min)", [FACT_TICKET] = "Ticket", [FACT_CURRENCY] = "Currency",
	[FACT_ATTENDANCE] = "People in the room", [FACT_AUDIENCE] = "Audience (dim:seg:share)",
	[FACT_SPEAKING] = "Speaking (true/false)", [FACT_FEE] = "Speaking fee",
	[FACT_ATTENDEES] = "People you will meet", [FACT_ORGANIZER] = "Organizer",
	[FACT_DESCRIPTION] = "Description", [FACT_URL] = "URL",
};

const char *app_fact_form_label(enum invite_fact f)
{
	return (unsigned)f < FACT_COUNT ? labels[f] : "?";
}

static void rescore(struct fact_form *f, struct app_ctx *ctx)
{
	char *why = NULL;
	score_context_init(&f->sctx);
	if (app_score_all_enriched(ctx->db, ctx->cfg, ctx->now, &f->work, 1, &f->sctx, &f->score,
	                           &why) != WIT_OK)
		memset(&f->score, 0, sizeof f->score);
	free(why);
}

/* Apply text fl to work; its error set or cleared. */
static void apply_one(struct fact_form *f, const struct fact_edit_ctx *ec, int fl)
{
	f->edited[fl] = strcmp(f->text[fl], f->shown[fl]) != 0;
	f->error[fl][0] = '\0';
	if (!f->edited[fl])
		return;
	size_t len = strlen(invite_fact_name((enum invite_fact)fl)) + strlen(f->text[fl]) + 2;
	char *a = malloc(len);
	if (a == NULL)
		return;
	snprintf(a, len, "%s=%s", invite_fact_name((enum invite_fact)fl), f->text[fl]);
	enum invite_fact set;
	char *why = NULL;
	if (invite_fact_set(&f->work, a, ec, &set, &why) != WIT_OK)
		snprintf(f->error[fl], sizeof f->error[fl], "%s", why ? why : "not valid");
	free(why);
	free(a);
}

static void rebuild(struct fact_form *f, struct app_ctx *ctx)
{
	struct when_zone zone;
	struct fact_edit_ctx ec = app_facts_edit_ctx(ctx, &zone);
	invitation_done(&f->work);
	invitation_copy(&f->work, &f->stored);
	apply_one(f, &ec, FACT_CURRENCY);
	for (int fl = 0; fl < FACT_COUNT; fl++)
		if (fl != FACT_CURRENCY)
			apply_one(f, &ec, fl);
	rescore(f, ctx);
}

enum wit_status app_fact_form_open(struct fact_form *f, struct app_ctx *ctx, int64_t id,
                                   char **why)
{
	memset(f, 0, sizeof *f);
	invitation_init(&f->stored);
	invitation_init(&f->work);
	enum wit_status st = db_invite_get(ctx->db, id, &f->stored, why);
	if (st != WIT_OK)
		return st;
	f->invitation_id = id;
	snprintf(f->title, sizeof f->title, "%s", f->stored.title ? f->stored.title : "");
	struct when_zone zone;
	app_facts_edit_ctx(ctx, &zone);
	for (int fl = 0; fl < FACT_COUNT; fl++) {
		invite_fact_format(&f->stored, (enum invite_fact)fl, &zone, f->shown[fl],
		                   sizeof f->shown[fl]);
		memcpy(f->text[fl], f->shown[fl], sizeof f->text[fl]);
	}
	rebuild(f, ctx);
	f->stored_total = f->score.total;
	return WIT_OK;
}

void app_fact_form_done(struct fact_form *f)
{
	invitation_done(&f->stored);
	invitation_done(&f->work);
}

void app_fact_form_type(struct fact_form *f, struct app_ctx *ctx, const char *utf8)
{
	char *t = f->text[f->field];
	size_t n = strlen(t), add = strlen(utf8);
	if (n + add >= FACT_FORM_TEXT_MAX)
		return;
	memcpy(t + n, utf8, add + 1);
	rebuild(f, ctx);
}

void app_fact_form_backspace(struct fact_form *f, struct app_ctx *ctx)
{
	char *t = f->text[f->field];
	size_t n = strlen(t);
	if (n == 0)
		return;
	do
		n--;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80);
	t[n] = '\0';
	rebuild(f, ctx);
}

void app_fact_form_clear(struct fact_form *f, struct app_ctx *ctx)
{
	f->text[f->field][0] = '\0';
	rebuild(f, ctx);
}

void app_fact_form_move(struct fact_form *f, int delta)
{
	f->field = (f->field + delta + FACT_COUNT) % FACT_COUNT;
}

enum wit_status app_fact_form_save(struct fact_form *f, struct app_ctx *ctx, char **why)
{
	int n_edited = 0;
	for (int fl = 0; fl < FACT_COUNT; fl++) {
		if (f->error[fl][0] != '\0') {
			f->field = fl;
			return wit_fail(why, WIT_DATA, "%s", f->error[fl]);
		}
		n_edited += f->edited[fl];
	}
	if (n_edited == 0)
		return wit_fail(why, WIT_NOTFOUND, "nothing changed");
	return app_facts_save(ctx, &f->work, f->edited, why);
}

/*
 * app_fact_form.h: the dashboard's edit form of an invitation's facts
 * (the `e` key) as plain state, no curses: one text per fact as typed
 * (in the words `worthit edit` reads), an error per field, the field
 * being edited, and the score of the invitation as the form stands,
 * recomputed whenever a text changes (a field in error keeps its last
 * good value in the score). Saving goes through app_facts_save() (one
 * transaction, one journal step: u undoes it); closing without saving
 * writes nothing.
 */
#ifndef WORTHIT_APP_FACT_FORM_H
#define WORTHIT_APP_FACT_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/app_ctx.h"
#include "worthit/invite_fact.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

#define FACT_FORM_TEXT_MAX 1024

struct fact_form {
	int64_t invitation_id;
	char title[160];                          /* as stored, for messages */
	struct invitation stored;                 /* as in the database, owned */
	struct invitation work;                   /* stored + every valid text, owned */
	char text[FACT_COUNT][FACT_FORM_TEXT_MAX]; /* UTF-8, as typed */
	char shown[FACT_COUNT][FACT_FORM_TEXT_MAX]; /* the stored values as text */
	char error[FACT_COUNT][192];              /* "" when valid */
	bool edited[FACT_COUNT];                  /* text differs from the stored */
	int field;                                /* enum invite_fact being edited */
	struct score_context sctx;                /* of work */
	struct score_result score;                /* of work, live */
	double stored_total;                      /* the score before any edit */
};

/* "Title", "Travel, one way (min)" ... */
const char *app_fact_form_label(enum invite_fact f);

/* Fill f (uninitialised) for invitation id, scored. WIT_NOTFOUND for
 * an unknown id. Pair with app_fact_form_done(). */
enum wit_status app_fact_form_open(struct fact_form *f, struct app_ctx *ctx, int64_t id,
                                   char **why);
void app_fact_form_done(struct fact_form *f);

/* Append UTF-8 to the current field, delete its last character, or
 * clear it; each rebuilds work and its score. */
void app_fact_form_type(struct fact_form *f, struct app_ctx *ctx, const char *utf8);
void app_fact_form_backspace(struct fact_form *f, struct app_ctx *ctx);
void app_fact_form_clear(struct fact_form *f, struct app_ctx *ctx);
void app_fact_form_move(struct fact_form *f, int delta);

/* Save the edited facts in one journal step. A field in error is
 * WIT_DATA naming it (the cursor goes there); nothing edited is
 * WIT_NOTFOUND ("nothing changed"); nothing is written then. */
enum wit_status app_fact_form_save(struct fact_form *f, struct app_ctx *ctx, char **why);

#endif

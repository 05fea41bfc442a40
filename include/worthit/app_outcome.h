/*
 * app_outcome.h: the dashboard's outcome form as plain state, with no
 * curses: one text per field as typed, an error per field, the field
 * being edited. Each field is checked when the cursor leaves it and all
 * of them on save, with the same parsers and messages as `worthit
 * outcome`; saving goes through db_journal_log_outcome(), so u undoes
 * the outcome. Closing the form without saving writes nothing.
 *
 * The form can also add one person met at the event (name, company,
 * e-mail, client or not, who introduced them): written with the
 * outcome in one transaction, with the event as where they were met, so
 * either both are saved or neither. Undo takes the outcome back; the
 * contact stays (`worthit contact edit` changes it).
 */
#ifndef WORTHIT_APP_OUTCOME_H
#define WORTHIT_APP_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_ctx.h"
#include "worthit/status.h"

enum outcome_field {
	OF_HOURS, OF_CONTACTS, OF_LEADS, OF_MEETINGS, OF_DEALS, OF_REVENUE, OF_RATING, OF_NOTES,
	/* a new contact met there: all empty for none */
	OF_NAME, OF_COMPANY, OF_EMAIL, OF_CLIENT, OF_REFERRER,
	OF_COUNT
};

#define OF_FIRST_CONTACT OF_NAME

#define OUTCOME_TEXT_MAX 2048

struct outcome_form {
	int64_t invitation_id;
	char title[160];
	bool is_edit;                          /* an outcome was logged before */
	char text[OF_COUNT][OUTCOME_TEXT_MAX]; /* UTF-8, as typed */
	char error[OF_COUNT][192];             /* "" when valid */
	int field;                             /* enum outcome_field being edited */
	int64_t referrer_id;                   /* OF_REFERRER as last checked, 0 = none */
	int64_t new_contact_id;                /* after a save that added one, else 0 */
};

/* "Hours, travel included", "Rating 1-5" ... */
const char *app_outcome_label(enum outcome_field f);

/* Fill the form for invitation id: the logged outcome, or the planned
 * hours and zeros. WIT_NOTFOUND for an unknown id, WIT_DATA when the
 * event has not started. */
enum wit_status app_outcome_open(struct outcome_form *f, struct app_ctx *ctx, int64_t id,
                                 char **why);

/* Append UTF-8 text to the current field (refused past the limit) or
 * delete its last character. */
void app_outcome_type(struct outcome_form *f, const char *utf8);
void app_outcome_backspace(struct outcome_form *f);

/* Check field fl, setting or clearing its error; true when valid. */
bool app_outcome_check(struct outcome_form *f, struct app_ctx *ctx, enum outcome_field fl);

/* Move to the next (+1) or previous (-1) field, checking the one left. */
void app_outcome_move(struct outcome_form *f, struct app_ctx *ctx, int delta);

/*
 * Check every field; when all are valid, log the outcome (and add the
 * contact when a name was given, in the same transaction). A field in
 * error is WIT_DATA with *why saying how many, and the cursor goes to
 * the first of them; nothing is written then.
 */
enum wit_status app_outcome_save(struct outcome_form *f, struct app_ctx *ctx, char **why);

#endif

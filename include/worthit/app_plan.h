/*
 * app_plan.h: the month plan as both front ends show it: `worthit plan`
 * (cmd_plan.c) and the dashboard's Plan tab (view_plan.c) load the same
 * struct app_plan and print the same words from it, so the screen and
 * the CLI can never disagree. It gathers what the pure knapsack of
 * plan.h needs (the scored pending invitations of a local month, ranked
 * as `worthit score` ranks them, the month's committed hours), runs it,
 * and accepts the proposed set through the decision journal.
 *
 * Invariants of a loaded plan: pick[k] indexes invs (and ctx, res) for
 * k < n, best first; items[k] and r.reason[k] describe pick[k];
 * accepted holds the month's accepted and attended events (the
 * calendar's), committed their hours.
 */
#ifndef WORTHIT_APP_PLAN_H
#define WORTHIT_APP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_score.h"
#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/plan.h"
#include "worthit/score.h"
#include "worthit/status.h"

struct app_plan {
	int year, mon;               /* the local month, mon 1..12 */
	struct app_month month;      /* its [start, next), UTC seconds */
	double committed;            /* hours accepted or attended in it */
	double lo, hi;               /* the band, hours (the config's) */
	struct invitation_list invs; /* the month's pending or maybe from now on */
	struct score_context *ctx;   /* parallel to invs.items */
	struct score_result *res;    /* parallel to invs.items */
	size_t *pick;                /* the month's: indices into invs, best first */
	struct plan_item *items;     /* n of them, parallel to pick */
	size_t n;
	struct plan_result r;
	struct app_committed accepted; /* the month's accepted/attended events */
};

/* "2026-03" into year and month; false for anything else. */
bool app_plan_parse_month(const char *s, int *year, int *mon);
/* The local month holding t. */
void app_plan_month_of(int64_t t, int *year, int *mon);

/* Load and choose the plan of year-mon as seen at now. p must be freed
 * with app_plan_done(), also after an error. */
enum wit_status app_plan_load(struct db *db, const struct wit_config *cfg, int64_t now, int year,
                              int mon, struct app_plan *p, char **why);
void app_plan_done(struct app_plan *p);

/* The proposal in words: "These 4 fill 11.50 of your 8–14 h (...) and
 * bring ≈2400 USD of expected value, ...". */
void app_plan_summary(const struct app_plan *p, const struct wit_config *cfg, char *buf,
                      size_t len);
/* Why item k was left out ("" when chosen). */
void app_plan_why(const struct app_plan *p, const struct wit_config *cfg, size_t k, char *buf,
                  size_t len);
/* An estimate in minor units rounded to whole currency units, in major
 * units (the JSON's numbers). */
double app_plan_major(const struct wit_config *cfg, double minor);

/* Accept every chosen invitation through the decision journal
 * (app_decision_record, one journal entry each, all in one
 * transaction: all or nothing), decided at now. *n_done receives how
 * many were accepted. */
enum wit_status app_plan_accept(struct db *db, const struct wit_config *cfg,
                                const struct app_plan *p, int64_t now, size_t *n_done,
                                char **why);

#endif

/*
 * app_facts.h: editing and adding invitations by hand, shared by
 * `worthit edit`, `worthit add` and the dashboard's edit form. Applies
 * field=value lists all-or-nothing (every bad value reported, nothing
 * written), stores an edit as one journal step (db_journal_edit_facts:
 * `worthit undo` and the dashboard's u take it back) and an added
 * invitation with the config's defaults and the origin of every fact.
 */
#ifndef WORTHIT_APP_FACTS_H
#define WORTHIT_APP_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/app_ctx.h"
#include "worthit/invite_fact.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* The user's currency, now and the local zone for invite_fact_set();
 * *zone must outlive the result. */
struct fact_edit_ctx app_facts_edit_ctx(const struct app_ctx *ctx, struct when_zone *zone);

/*
 * Apply assignments[0..n) ("travel_min=25") to inv, currency ones first
 * (so "ticket=45 currency=EUR" reads 45 EUR), setting edited[f] for each
 * fact set. Every bad one is reported through report(arg, status,
 * message); the return is the first bad status (inv then unchanged).
 */
enum wit_status app_facts_apply(const struct app_ctx *ctx, struct invitation *inv,
                                char *const *assignments, int n, bool edited[FACT_COUNT],
                                void (*report)(void *arg, enum wit_status st, const char *msg),
                                void *arg);

/* Store the edited inv (id set) as one journal step; edited[f] facts
 * become the user's. */
enum wit_status app_facts_save(const struct app_ctx *ctx, const struct invitation *inv,
                               const bool edited[FACT_COUNT], char **why);

/*
 * Add inv (uid, title, start and end set) as a new pending invitation:
 * defaults of the config for what it leaves out, given[f] facts
 * recorded as the user's. *id gets its row id.
 */
enum wit_status app_facts_add(const struct app_ctx *ctx, struct invitation *inv,
                              const bool given[FACT_COUNT], int64_t *id, char **why);

#endif

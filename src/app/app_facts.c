/*
 * app_facts.c: editing and adding invitations by hand (app_facts.h).
 * Owns the order of assignments and the add path (defaults, origins,
 * one transaction); the facts themselves are invite_fact.c's, their
 * origins db_fact.c's, the journal db_journal.c's.
 */
#include "worthit/app_facts.h"
#include "worthit/clock.h"
#include "worthit/db_fact.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"

#include <stdlib.h>
#include <string.h>

struct fact_edit_ctx app_facts_edit_ctx(const struct app_ctx *ctx, struct when_zone *zone)
{
	*zone = clock_local_zone();
	return (struct fact_edit_ctx){.user_currency = ctx->cfg->currency, .now = ctx->now,
	                              .zone = zone};
}

static bool is_currency(const char *a)
{
	return strncmp(a, "currency=", 9) == 0;
}

enum wit_status app_facts_apply(const struct app_ctx *ctx, struct invitation *inv,
                                char *const *assignments, int n, bool edited[FACT_COUNT],
                                void (*report)(void *arg, enum wit_status st, const char *msg),
                                void *arg)
{
	struct when_zone zone;
	struct fact_edit_ctx ec = app_facts_edit_ctx(ctx, &zone);
	struct invitation work;
	invitation_copy(&work, inv);
	enum wit_status first = WIT_OK;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			if (is_currency(assignments[i]) != (pass == 0))
				continue;
			enum invite_fact f;
			char *why = NULL;
			enum wit_status st = invite_fact_set(&work, assignments[i], &ec, &f, &why);
			if (st == WIT_OK) {
				edited[f] = true;
			} else {
				report(arg, st, why);
				first = first == WIT_OK ? st : first;
			}
			free(why);
		}
	}
	if (first == WIT_OK) {
		invitation_done(inv);
		*inv = work;
	} else {
		invitation_done(&work);
	}
	return first;
}

enum wit_status app_facts_save(const struct app_ctx *ctx, const struct invitation *inv,
                               const bool edited[FACT_COUNT], char **why)
{
	return db_journal_edit_facts(ctx->db, inv, edited, ctx->now, why);
}

struct add_args {
	const struct app_ctx *ctx;
	struct invitation *inv;
	const bool *given;
	int64_t *id;
};

static enum wit_status add_one(struct db *db, void *arg, char **why)
{
	struct add_args *a = arg;
	struct invite_origins origins;
	invite_origins_init(&origins);
	for (int f = 0; f < FACT_COUNT; f++)
		if (a->given[f])
			origins.fact[f].source = FACT_FROM_USER;
	int prior[KIND_COUNT];
	bool learned[KIND_COUNT];
	enum wit_status st = db_fact_attendance_prior(db, a->ctx->cfg, prior, learned, why);
	enum db_upsert_result r = DB_UNCHANGED;
	if (st == WIT_OK) {
		invite_fact_defaults(a->ctx->cfg, prior, learned, a->inv, &origins);
		st = db_invite_upsert(db, a->inv, a->ctx->now, &r, a->id, why);
	}
	if (st == WIT_OK && r != DB_ADDED)
		st = wit_fail(why, WIT_DATA, "an invitation with uid %s exists already", a->inv->uid);
	if (st == WIT_OK)
		st = db_fact_put(db, *a->id, &origins, true, why);
	return st;
}

enum wit_status app_facts_add(const struct app_ctx *ctx, struct invitation *inv,
                              const bool given[FACT_COUNT], int64_t *id, char **why)
{
	struct add_args a = {ctx, inv, given, id};
	enum wit_status st = db_begin(ctx->db, why);
	if (st != WIT_OK)
		return st;
	st = add_one(ctx->db, &a, why);
	if (st == WIT_OK)
		return db_commit(ctx->db, why);
	db_rollback(ctx->db);
	return st;
}

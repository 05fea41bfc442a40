/*
 * gen.c: the benchmarks' generated data (see gen.h): databases through
 * the sqlite3 tool, invitations in memory from a seeded random stream.
 */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/db.h"

void gen_database(const char *path, const char *sql, const char *who)
{
	struct db *db;
	char *why = NULL, cmd[600];
	if (db_open(path, DB_OPEN_CREATE, &db, &why) != WIT_OK) {
		fprintf(stderr, "%s: %s\n", who, why);
		exit(1);
	}
	db_close(db);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s'", path);
	FILE *p = popen(cmd, "w");
	if (p == NULL || fputs(sql, p) < 0 || pclose(p) != 0) {
		fprintf(stderr, "%s: generating data with the sqlite3 tool failed\n", who);
		exit(1);
	}
}

static uint64_t rng = 0x2545F4914F6CDD1Du;

void gen_seed(uint64_t seed)
{
	rng = seed;
}

uint64_t gen_next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int gen_upto(int n)
{
	return (int)(gen_next() % (uint64_t)n);
}

static void add_shares(struct invitation *inv, const struct wit_config *cfg)
{
	for (int i = 0, n = 1 + gen_upto(6); i < n; i++) {
		struct audience_share share = { 0 }, *s = &share;
		s->dim = (enum audience_dim)gen_upto(DIM_COUNT);
		const struct profile_dimension *pd = &cfg->profile[s->dim];
		if (pd->n > 0 && gen_upto(4) != 0)
			memcpy(s->value, pd->seg[gen_upto((int)pd->n)].value, WIT_SEGMENT_MAX);
		else
			strcpy(s->value, "unlisted");
		s->share = (double)gen_upto(60) / 100.0;
		s->is_second_degree = gen_upto(5) == 0;
		invitation_add_share(inv, s);
	}
}

void gen_invitation(struct invitation *inv, const struct wit_config *cfg, int64_t id,
                    unsigned flags)
{
	invitation_init(inv);
	inv->id = id;
	inv->starts_at = 1772355600 + (int64_t)gen_upto(90 * 96) * 900; /* 2026-03-01 + 90 days */
	inv->all_day = (flags & GEN_ALL_DAY) && gen_upto(20) == 0;
	inv->ends_at = inv->starts_at + (inv->all_day ? 86400 : 1800 * (1 + gen_upto(8)));
	inv->reach = (enum invite_reach)gen_upto(REACH_COUNT);
	bool no_travel = (flags & GEN_VIRTUAL_NO_TRAVEL) && inv->reach == REACH_VIRTUAL;
	inv->travel_min = no_travel ? 0 : gen_upto(90);
	inv->prep_min = gen_upto(60);
	inv->ticket_minor = gen_upto(2) ? 0 : gen_upto(40000);
	inv->expected_attendance = gen_upto(5) ? gen_upto(300) : 0;
	inv->is_speaking = gen_upto(10) == 0;
	add_shares(inv, cfg);
}

/*
 * gen.h: the data the benchmarks run on (gen.c), shared so every
 * benchmark measures against the same kinds of invitations:
 *   - gen_database: a worthit database whose schema db_open creates,
 *     filled by a benchmark's own SQL fed to the sqlite3 tool;
 *   - gen_invitation: one random pending invitation in memory (times
 *     over 90 days from 2026-03-01, 1 to 6 audience shares drawn from
 *     the profile's segments plus unknown ones), from a seeded
 *     xorshift stream so each run sees the same invitations.
 * Not a benchmark itself: bench/bench_*.c are the benchmark binaries,
 * and each links gen.o.
 */
#ifndef WORTHIT_BENCH_GEN_H
#define WORTHIT_BENCH_GEN_H

#include <stdint.h>

#include "worthit/config.h"
#include "worthit/model.h"

/* Create the database at path and run sql through `sqlite3 path`;
 * prints "who: reason" and exits 1 on failure. */
void gen_database(const char *path, const char *sql, const char *who);

/* Restart the random stream (xorshift64, seed non-zero). */
void gen_seed(uint64_t seed);

/* The next 64 bits of the stream. */
uint64_t gen_next(void);

/* A number in [0, n) from the stream. */
int gen_upto(int n);

enum gen_flags {
	GEN_ALL_DAY = 1,           /* one in twenty invitations lasts all day */
	GEN_VIRTUAL_NO_TRAVEL = 2, /* virtual ones take no travel time */
};

/* Initialise inv as invitation id, drawing from the stream; flags is
 * a set of enum gen_flags. The caller invitation_done()s it. */
void gen_invitation(struct invitation *inv, const struct wit_config *cfg, int64_t id,
                    unsigned flags);

#endif

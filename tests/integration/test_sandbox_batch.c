/*
 * test_sandbox_batch.c: sandbox_parse_batch() (src/io/sandbox.c), with
 * real child processes and parsers written to misbehave:
 *   - one batch of five items where the second crashes (SIGABRT), the
 *     third sends an invitation and then spins until its CPU limit, the
 *     fourth fails as a whole and the others are good: each item keeps
 *     its own status, message (naming the item), problems and
 *     invitations, in order; the crashed and stopped items have none;
 *     the items after a stop are parsed by a new child;
 *   - the CPU limit is per item: three items of 0.6 s each under a 1 s
 *     limit all pass; a 32 MiB item earns two more seconds
 *     (sandbox_cpu_for): 1.5 s pass with its size given, not without.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "worthit/sandbox.h"
#include "worthit/xmalloc.h"

static enum wit_status send_uid(import_sink_fn sink, void *ctx, const char *uid)
{
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = xstrdup(uid);
	enum wit_status st = sink(ctx, &inv, 7, IMPORT_UPSERT);
	invitation_done(&inv);
	return st;
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void spin(double sec)
{
	double until = cpu_now() + sec;
	volatile unsigned long n = 0;
	while (cpu_now() < until)
		n++;
}

static enum wit_status misbehave(void *arg, size_t index, import_sink_fn sink, void *ctx,
                                 struct import_problems *problems, char **why)
{
	(void)arg;
	switch (index) {
	case 0:
		import_problems_add(problems, 3, "bad DTSTART");
		if (send_uid(sink, ctx, "a0") != WIT_OK)
			return WIT_IOERR;
		return send_uid(sink, ctx, "a1");
	case 1:
		raise(SIGABRT);
		return WIT_OK;
	case 2:
		send_uid(sink, ctx, "c0");
		for (;;)
			spin(1);
	case 3:
		return wit_fail(why, WIT_DATA, "three: not iCalendar");
	default:
		return send_uid(sink, ctx, "e0");
	}
}

/* Collects the UIDs given to it, space-separated. */
static enum wit_status collect(void *ctx, const struct invitation *inv, int line,
                               enum import_action action)
{
	char *buf = ctx;
	assert_int_equal(line, 7);
	assert_int_equal(action, IMPORT_UPSERT);
	if (buf[0] != '\0')
		strcat(buf, " ");
	strcat(buf, inv->uid);
	return WIT_OK;
}

static void expect_uids(struct sandbox_batch *b, size_t i, const char *want)
{
	char got[64] = "";
	char *why = NULL;
	assert_int_equal(sandbox_batch_replay(b, i, collect, got, &why), WIT_OK);
	assert_string_equal(got, want);
	free(why);
}

static void test_items_apart(void **state)
{
	(void)state;
	static const char *const names[] = {"zero", "one", "two", "three", "four"};
	struct sandbox_batch_job job = {5, names, NULL, misbehave, NULL};
	struct sandbox_limits lim = {.cpu_sec = 1, .mem_bytes = SANDBOX_MEM_BYTES};
	struct sandbox_batch *b = NULL;
	char *why = NULL;
	assert_int_equal(sandbox_parse_batch(&job, &lim, &b, &why), WIT_OK);
	const char *msg;
	const struct import_problems *p;

	assert_int_equal(sandbox_batch_item(b, 0, &msg, &p), WIT_OK);
	assert_null(msg);
	assert_int_equal(p->len, 1);
	assert_int_equal(p->items[0].line, 3);
	assert_string_equal(p->items[0].message, "bad DTSTART");
	expect_uids(b, 0, "a0 a1");

	assert_int_equal(sandbox_batch_item(b, 1, &msg, &p), WIT_DATA);
	assert_non_null(strstr(msg, "parser crashed (signal 6"));
	assert_non_null(strstr(msg, " in one"));
	expect_uids(b, 1, "");

	assert_int_equal(sandbox_batch_item(b, 2, &msg, &p), WIT_DATA);
	assert_string_equal(msg, "parser stopped: CPU limit after 1 s in two");
	expect_uids(b, 2, ""); /* what it sent before it stopped is dropped */

	assert_int_equal(sandbox_batch_item(b, 3, &msg, &p), WIT_DATA);
	assert_string_equal(msg, "three: not iCalendar");

	assert_int_equal(sandbox_batch_item(b, 4, &msg, &p), WIT_OK);
	assert_int_equal(p->len, 0);
	expect_uids(b, 4, "e0");
	expect_uids(b, 0, "a0 a1"); /* a replay can be repeated */
	sandbox_batch_free(b);
	free(why);
}

static enum wit_status busy(void *arg, size_t index, import_sink_fn sink, void *ctx,
                            struct import_problems *problems, char **why)
{
	(void)arg, (void)index, (void)problems, (void)why;
	spin(0.6);
	return send_uid(sink, ctx, "x");
}

static void test_cpu_per_item(void **state)
{
	(void)state;
	static const char *const names[] = {"a", "b", "c"};
	struct sandbox_batch_job job = {3, names, NULL, busy, NULL};
	struct sandbox_limits lim = {.cpu_sec = 1, .mem_bytes = SANDBOX_MEM_BYTES};
	struct sandbox_batch *b = NULL;
	char *why = NULL;
	assert_int_equal(sandbox_parse_batch(&job, &lim, &b, &why), WIT_OK);
	for (size_t i = 0; i < 3; i++) {
		const char *msg;
		const struct import_problems *p;
		assert_int_equal(sandbox_batch_item(b, i, &msg, &p), WIT_OK);
		expect_uids(b, i, "x");
	}
	sandbox_batch_free(b);
	free(why);
}

static enum wit_status slow(void *arg, size_t index, import_sink_fn sink, void *ctx,
                            struct import_problems *problems, char **why)
{
	(void)arg, (void)index, (void)problems, (void)why;
	spin(1.5);
	return send_uid(sink, ctx, "big");
}

static void test_cpu_by_size(void **state)
{
	(void)state;
	static const char *const names[] = {"big"};
	static const uint64_t sizes[] = {2 * SANDBOX_BYTES_PER_CPU_SEC};
	struct sandbox_limits lim = {.cpu_sec = 1, .mem_bytes = SANDBOX_MEM_BYTES};
	for (int has_size = 1; has_size >= 0; has_size--) {
		struct sandbox_batch_job job = {1, names, has_size ? sizes : NULL, slow, NULL};
		struct sandbox_batch *b = NULL;
		char *why = NULL;
		assert_int_equal(sandbox_parse_batch(&job, &lim, &b, &why), WIT_OK);
		const char *msg;
		const struct import_problems *p;
		if (has_size) {
			assert_int_equal(sandbox_batch_item(b, 0, &msg, &p), WIT_OK);
			expect_uids(b, 0, "big");
		} else {
			assert_int_equal(sandbox_batch_item(b, 0, &msg, &p), WIT_DATA);
			assert_string_equal(msg, "parser stopped: CPU limit after 1 s in big");
		}
		sandbox_batch_free(b);
		free(why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_apart),
		cmocka_unit_test(test_cpu_per_item),
		cmocka_unit_test(test_cpu_by_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

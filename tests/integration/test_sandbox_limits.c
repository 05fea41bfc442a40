/*
 * test_sandbox_limits.c: the parser's CPU limit grows with its input
 * (sandbox_cpu_for): a second per whole SANDBOX_BYTES_PER_CPU_SEC, so
 * that a large calendar or mailbox is not cut off for its size alone,
 * while a small file keeps the limit it was given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "worthit/sandbox.h"

static void test_small_input_keeps_the_limit(void **state)
{
	(void)state;
	struct sandbox_limits l = {.cpu_sec = 10, .mem_bytes = 1u << 30};
	assert_int_equal(sandbox_cpu_for(&l, 0), 10);
	assert_int_equal(sandbox_cpu_for(&l, 1), 10);
	assert_int_equal(sandbox_cpu_for(&l, SANDBOX_BYTES_PER_CPU_SEC - 1), 10);
	assert_int_equal(sandbox_cpu_for(&l, SANDBOX_BYTES_PER_CPU_SEC), 11);
}

static void test_large_input_earns_seconds(void **state)
{
	(void)state;
	struct sandbox_limits l = {.cpu_sec = 1, .mem_bytes = 1u << 30};
	assert_int_equal(sandbox_cpu_for(&l, 2 * SANDBOX_BYTES_PER_CPU_SEC + 1), 3);
	/* the 100,000-event benchmark file: 295 MiB */
	assert_int_equal(sandbox_cpu_for(&l, 295ull << 20), 1 + 18);
	/* absurd sizes stay a number */
	assert_true(sandbox_cpu_for(&l, UINT64_MAX) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_input_keeps_the_limit),
		cmocka_unit_test(test_large_input_earns_seconds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

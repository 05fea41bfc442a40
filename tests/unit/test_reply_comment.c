/*
 * test_reply_comment.c: the proposed COMMENT of a decline (wording
 * rules of reply_comment.h, hand-written expectations) and the cleaning
 * of a typed one (spaces, control characters, UTF-8 cut).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/reply_comment.h"

/* Every component weighted 5 and rated well. */
static struct score_result fine(void)
{
	struct score_result r;
	memset(&r, 0, sizeof r);
	for (int c = 0; c < SC_COUNT; c++) {
		r.part[c].weight = 5;
		r.part[c].raw = 0.9;
	}
	return r;
}

static void test_overlap_alone(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.part[SC_OVERLAP].raw = 0.1;
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. The people at this event are "
	                         "mostly not the firms I work with, so I will pass this time.");
}

static void test_two_worst_in_order(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.part[SC_OVERLAP].raw = 0.4;     /* lost 5 * 0.6 = 3 */
	r.part[SC_BUDGET].raw = 0.0;      /* lost 5 */
	r.part[SC_TIME_COST].raw = 0.45;  /* lost 2.75: third, left out */
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I have already given this "
	                         "month's time for events, and the people at this event are "
	                         "mostly not the firms I work with, so I will pass this time.");
}

static void test_conflict_first_and_unsayable_left_out(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.has_conflict = true;
	r.part[SC_STAGE].raw = 0;          /* no speaking slot: never said */
	r.part[SC_RELATIONSHIPS].raw = 0;  /* nobody known attending: never said */
	r.part[SC_LOCALITY].raw = 0.2;
	r.part[SC_TRACK_RECORD].raw = 0.1;
	r.part[SC_TRACK_RECORD].weight = 0; /* turned off: no reason */
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I already have something else "
	                         "at that time, and it is far from where my clients are, so I "
	                         "will pass this time.");
}

static void test_no_reason(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.part[SC_AVAILABILITY].raw = 0.5; /* one half is no reason */
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I cannot make it this time.");
}

static void test_every_reason_fits(void **state)
{
	(void)state;
	/* the longest two clauses together stay within a COMMENT */
	for (int a = 0; a < SC_COUNT; a++)
		for (int b = 0; b < SC_COUNT; b++) {
			struct score_result r = fine();
			r.has_conflict = a == b;
			r.part[a].raw = 0;
			r.part[b].raw = 0.1;
			char buf[REPLY_COMMENT_MAX + 1];
			reply_comment_propose(&r, buf, sizeof buf);
			assert_true(strlen(buf) < REPLY_COMMENT_MAX);
			assert_non_null(strstr(buf, "Thank you for thinking of me. "));
			size_t n = strlen(buf);
			assert_true(buf[n - 1] == '.');
		}
}

static void test_clean(void **state)
{
	(void)state;
	char out[REPLY_COMMENT_MAX + 1];
	assert_true(reply_comment_clean("  Thanks,\n\n  not\tthis time.  ", out, sizeof out));
	assert_string_equal(out, "Thanks, not this time.");
	assert_false(reply_comment_clean(" \n\t ", out, sizeof out));
	assert_string_equal(out, "");
	/* cut on a character boundary: "é" is 2 bytes; 6 bytes of room */
	char small[7];
	assert_true(reply_comment_clean("abcde\xc3\xa9xyz", small, sizeof small));
	assert_string_equal(small, "abcde");
	char longer[1000];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	char big[1000];
	assert_true(reply_comment_clean(longer, big, sizeof big));
	assert_int_equal(strlen(big), REPLY_COMMENT_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap_alone),
		cmocka_unit_test(test_two_worst_in_order),
		cmocka_unit_test(test_conflict_first_and_unsayable_left_out),
		cmocka_unit_test(test_no_reason),
		cmocka_unit_test(test_every_reason_fits),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

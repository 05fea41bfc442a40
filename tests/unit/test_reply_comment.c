/*
 * test_reply_comment.c: the proposed COMMENT of a decline (wording
 * rules of reply_comment.h on score v2 results, hand-written expectations) and the cleaning
 * of a typed one (spaces, control characters, UTF-8 cut).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/reply_comment.h"

/* A good invitation: the room buys, the value covers the cost. */
static struct score_result fine(void)
{
	struct score_result r;
	memset(&r, 0, sizeof r);
	for (int c = 0; c < SC_COUNT; c++)
		r.part[c].weight = 1;
	r.match = 0.6;
	r.locality = 1;
	r.value = 8;
	r.cost_side = 4;
	r.ratio = 2;
	r.part[SC_COST].raw = 4;
	return r;
}

static void test_room_alone(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.match = 0.05;
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. The people at this event are "
	                         "mostly not the firms I work with, so I will pass this time.");
}

static void test_two_strongest_in_order(void **state)
{
	(void)state;
	struct score_result r = fine();
	/* value 1 against cost 5: ratio 0.2; the band term is 3 of the 5 */
	r.value = 1;
	r.cost_side = 5;
	r.ratio = 0.2;
	r.part[SC_COST].raw = 2;          /* 2/5 * 0.8 = 0.32 */
	r.part[SC_OVER_BAND].raw = 3;     /* 3/5 * 0.8 = 0.48 */
	r.over_hours = 2;
	r.match = 0.27;                   /* 1 - 0.27/0.3 = 0.1: too weak to say */
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I have already given this "
	                         "month's time for events, and it would take more of my time "
	                         "than I can give it just now, so I will pass this time.");
}

static void test_gate_first_and_unsayable_left_out(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.gate = GATE_CONFLICT;
	r.has_conflict = true;
	r.part[SC_STAGE].raw = 0;   /* no speaking slot: never said */
	r.part[SC_PEOPLE].raw = 0;  /* nobody known attending: never said */
	r.locality = 0.3;           /* far: 0.7 */
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I already have something else "
	                         "at that time, and it is far from where my clients are, so I "
	                         "will pass this time.");
	r.gate = GATE_BLOCKED;
	reply_comment_propose(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "me. That time is one I keep free, and"));
}

static void test_no_reason(void **state)
{
	(void)state;
	struct score_result r = fine();
	r.outside_min = 30; /* outside the windows, but the value covers it */
	r.part[SC_AVAILABILITY].raw = 0.5;
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I cannot make it this time.");
	r.part[SC_ROOM].weight = 0; /* the room turned off: not a reason */
	r.match = 0;
	reply_comment_propose(&r, buf, sizeof buf);
	assert_string_equal(buf, "Thank you for thinking of me. I cannot make it this time.");
}

static void test_every_pair_fits(void **state)
{
	(void)state;
	/* every reason at once: two are given, the whole stays a COMMENT */
	struct score_result r = fine();
	r.gate = GATE_BUSY;
	r.match = 0;
	r.value = 0.1;
	r.ratio = 0.01;
	r.cost_side = 10;
	r.outside_min = 60;
	r.over_hours = 3;
	r.part[SC_AVAILABILITY].raw = 3;
	r.part[SC_OVER_BAND].raw = 3;
	r.has_history = true;
	r.locality = 0.1;
	char buf[REPLY_COMMENT_MAX + 1];
	reply_comment_propose(&r, buf, sizeof buf);
	assert_true(strlen(buf) < REPLY_COMMENT_MAX);
	assert_non_null(strstr(buf, "Thank you for thinking of me. I already have something"));
	assert_int_equal(buf[strlen(buf) - 1], '.');
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
		cmocka_unit_test(test_room_alone),
		cmocka_unit_test(test_two_strongest_in_order),
		cmocka_unit_test(test_gate_first_and_unsayable_left_out),
		cmocka_unit_test(test_no_reason),
		cmocka_unit_test(test_every_pair_fits),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

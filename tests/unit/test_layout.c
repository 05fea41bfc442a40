/*
 * test_layout.c: pane rectangles for every screen size. Hand-computed
 * cases for each mode, then a property sweep over all sizes up to
 * 300x120: rectangles inside the screen, disjoint, rows covered.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "worthit/layout.h"

static void assert_rect(const struct rect *r, int y, int x, int h, int w)
{
	assert_int_equal(r->y, y);
	assert_int_equal(r->x, x);
	assert_int_equal(r->h, h);
	assert_int_equal(r->w, w);
}

static void test_wide_120x40(void **state)
{
	(void)state;
	struct layout l;
	layout_compute(120, 40, false, &l);
	assert_int_equal(l.mode, LAYOUT_SIDE_BY_SIDE);
	assert_false(l.is_too_small);
	assert_rect(&l.header, 0, 0, 1, 120);
	assert_rect(&l.list, 1, 0, 38, 72);      /* 120 * 3 / 5 = 72 */
	assert_rect(&l.separator, 1, 72, 38, 1);
	assert_rect(&l.detail, 1, 73, 38, 47);   /* 120 - 72 - 1 */
	assert_rect(&l.status, 39, 0, 1, 120);
}

static void test_wide_boundary_100(void **state)
{
	(void)state;
	struct layout l;
	layout_compute(100, 10, true, &l);
	assert_int_equal(l.mode, LAYOUT_SIDE_BY_SIDE);
	assert_rect(&l.list, 1, 0, 8, 60);
	assert_rect(&l.detail, 1, 61, 8, 39);
	layout_compute(99, 30, false, &l);
	assert_int_equal(l.mode, LAYOUT_STACKED);
}

static void test_stacked_80x30(void **state)
{
	(void)state;
	struct layout l;
	layout_compute(80, 30, false, &l);
	assert_int_equal(l.mode, LAYOUT_STACKED);
	/* body 28 rows: list 28*2/5 = 11, separator, detail 16 */
	assert_rect(&l.list, 1, 0, 11, 80);
	assert_rect(&l.separator, 12, 0, 1, 80);
	assert_rect(&l.detail, 13, 0, 16, 80);
	assert_rect(&l.status, 29, 0, 1, 80);
}

static void test_single_behind_enter(void **state)
{
	(void)state;
	struct layout l;
	layout_compute(80, 23, false, &l);
	assert_int_equal(l.mode, LAYOUT_SINGLE);
	assert_rect(&l.list, 1, 0, 21, 80);
	assert_int_equal(l.detail.h, 0);
	assert_int_equal(l.separator.h, 0);
	layout_compute(80, 23, true, &l);
	assert_rect(&l.detail, 1, 0, 21, 80);
	assert_int_equal(l.list.h, 0);
}

static void test_too_small(void **state)
{
	(void)state;
	struct layout l;
	layout_compute(LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, false, &l);
	assert_false(l.is_too_small);
	assert_rect(&l.list, 1, 0, 4, 28);
	layout_compute(30, 8, false, &l);
	assert_false(l.is_too_small);
	layout_compute(LAYOUT_MIN_COLS - 1, 40, false, &l);
	assert_true(l.is_too_small);
	assert_int_equal(l.mode, LAYOUT_TOO_SMALL);
	layout_compute(20, 5, false, &l);
	assert_true(l.is_too_small);
	assert_int_equal(l.list.w, 0);
	assert_int_equal(l.header.h, 0);
	layout_compute(0, 0, false, &l);
	assert_true(l.is_too_small);
	layout_compute(-5, -1, true, &l);
	assert_true(l.is_too_small);
	assert_int_equal(l.cols, 0);
	assert_int_equal(l.rows, 0);
}

static bool rect_inside(const struct rect *r, int cols, int rows)
{
	if (r->h == 0 || r->w == 0)
		return true;
	return r->h > 0 && r->w > 0 && r->y >= 0 && r->x >= 0 && r->y + r->h <= rows &&
	       r->x + r->w <= cols;
}

static bool rects_overlap(const struct rect *a, const struct rect *b)
{
	if (a->h <= 0 || a->w <= 0 || b->h <= 0 || b->w <= 0)
		return false;
	return a->y < b->y + b->h && b->y < a->y + a->h && a->x < b->x + b->w &&
	       b->x < a->x + a->w;
}

static void check_layout(int cols, int rows, bool open)
{
	struct layout l;
	layout_compute(cols, rows, open, &l);
	if (l.is_too_small)
		return;
	const struct rect *r[] = { &l.header, &l.list, &l.separator, &l.detail, &l.status };
	int covered = 0;
	for (size_t i = 0; i < 5; i++) {
		assert_true(rect_inside(r[i], cols, rows));
		for (size_t j = i + 1; j < 5; j++)
			assert_false(rects_overlap(r[i], r[j]));
	}
	/* every cell of the first column belongs to exactly one pane */
	for (int y = 0; y < rows; y++)
		for (size_t i = 0; i < 5; i++)
			covered += rect_contains(r[i], y, 0);
	assert_int_equal(covered, rows);
	assert_true(l.list.h >= 2 || l.detail.h >= 2);
}

static void test_property_all_sizes(void **state)
{
	(void)state;
	for (int cols = 0; cols <= 300; cols++)
		for (int rows = 0; rows <= 120; rows++) {
			check_layout(cols, rows, false);
			check_layout(cols, rows, true);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_120x40),
		cmocka_unit_test(test_wide_boundary_100),
		cmocka_unit_test(test_stacked_80x30),
		cmocka_unit_test(test_single_behind_enter),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_property_all_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_import_format.c: the format guess (import_format.h) by name and
 * by first bytes, the mail cases above all: a message's header block is
 * mail even when its first line has a comma (it used to be read as CSV),
 * an mbox "From " line is mbox, a CSV header is still CSV.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/import_format.h"

static int guess(const char *name, const char *text)
{
	return import_format_guess(name, text, strlen(text));
}

static void test_by_name(void **state)
{
	(void)state;
	assert_int_equal(guess("a.EML", "x"), FORMAT_MAIL);
	assert_int_equal(guess("inbox.mbox", "x"), FORMAT_MBOX);
	assert_int_equal(guess("a.ics", "From: x\n"), FORMAT_ICS);
	assert_int_equal(import_format_from_name("eml"), FORMAT_MAIL);
	assert_int_equal(import_format_from_name("maildir"), FORMAT_MAILDIR);
	assert_string_equal(import_format_name(FORMAT_MBOX), "mbox");
	assert_false(FORMAT_EXPORTABLE(FORMAT_MAIL));
	assert_true(FORMAT_EXPORTABLE(FORMAT_CSV));
}

static void test_by_content(void **state)
{
	(void)state;
	assert_int_equal(guess("-", "Received: from mx.example.com (a, b)\n by x; Fri, 20 Feb 2026\n"
	                            "From: Ann <ann@example.org>\nSubject: hi\n\nbody, text\n"),
	                 FORMAT_MAIL);
	assert_int_equal(guess("-", "Return-Path: <a@b>\nDelivered-To: me@x\n\n"), FORMAT_MAIL);
	assert_int_equal(guess("-", "From sender@example.com Thu Feb 26 10:00:00 2026\nFrom: a@b\n"),
	                 FORMAT_MBOX);
	/* a CSV header, even with a colon in a value, is CSV */
	assert_int_equal(guess("-", "title,starts_at\nMeetup: Rust,2026-03-01T18:00\n"), FORMAT_CSV);
	/* a header-looking line but no header a message has: not mail */
	assert_int_equal(guess("-", "Title: x, y\nStarts: 2026\n"), FORMAT_CSV);
	assert_int_equal(guess("-", "BEGIN:VCALENDAR\r\n"), FORMAT_ICS);
	assert_int_equal(guess("-", "X-Foo: bar\n\nno"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_by_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

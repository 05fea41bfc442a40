/*
 * test_config_sources.c: config "sources" and "feeds" (config_sources.c):
 * read with their defaults, written back and read again to the same
 * values, webcal read as https, and each mistake reported at its
 * PATH:LINE:COLUMN with the key path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "worthit/config.h"
#include "worthit/config_sources.h"

static const char good[] =
	"{\"sources\": [\n"
	"  {\"path\": \"~/.calendars/work\", \"busy\": true},\n"
	"  {\"path\": \"~/.calendars/invites\", \"write_back\": true},\n"
	"  {\"url\": \"webcal://example.org/events.ics\"}\n"
	"], \"feeds\": {\"timeout_sec\": 5, \"max_bytes\": 65536}}\n";

static void test_read_and_merge(void **state)
{
	(void)state;
	struct wit_config *cfg = malloc(sizeof *cfg), *back = malloc(sizeof *back);
	char *why = NULL;
	config_defaults(cfg);
	assert_int_equal(cfg->n_sources, 0);
	assert_int_equal(cfg->feed_timeout_sec, FEED_TIMEOUT_SEC_DEFAULT);
	assert_int_equal(config_parse(good, strlen(good), "c.json", cfg, &why), WIT_OK);
	assert_int_equal(cfg->n_sources, 3);
	assert_string_equal(cfg->sources[0].path, "~/.calendars/work");
	assert_true(cfg->sources[0].is_busy);
	assert_false(cfg->sources[0].has_write_back);
	assert_true(cfg->sources[1].has_write_back);
	assert_string_equal(cfg->sources[2].url, "webcal://example.org/events.ics");
	assert_int_equal(cfg->feed_timeout_sec, 5);
	assert_int_equal(cfg->feed_max_bytes, 65536);
	assert_int_equal(config_sources_find(cfg, "webcal://example.org/events.ics"), 2);

	char *text = config_merge(good, cfg);
	assert_int_equal(config_parse(text, strlen(text), "m.json", back, &why), WIT_OK);
	assert_int_equal(back->n_sources, 3);
	assert_memory_equal(back->sources, cfg->sources, sizeof cfg->sources[0] * 3);
	free(text);

	assert_int_equal(config_sources_add_feed(cfg, "https://a.example/x.ics", true, &why),
	                 WIT_OK);
	assert_int_equal(config_sources_add_feed(cfg, "https://a.example/x.ics", true, &why),
	                 WIT_USAGE);
	free(why);
	config_sources_remove(cfg, 0);
	assert_int_equal(cfg->n_sources, 3);
	assert_string_equal(cfg->sources[0].path, "~/.calendars/invites");
	assert_string_equal(cfg->sources[2].url, "https://a.example/x.ics");
	free(cfg);
	free(back);
}

static void test_urls(void **state)
{
	(void)state;
	char out[64];
	assert_true(config_sources_normalize_url("webcal://h.example/c.ics", out, sizeof out));
	assert_string_equal(out, "https://h.example/c.ics");
	assert_true(config_sources_normalize_url("HTTP://h.example/c", out, sizeof out));
	assert_string_equal(out, "http://h.example/c");
	assert_false(config_sources_normalize_url("ftp://h.example/c", out, sizeof out));
	assert_false(config_sources_normalize_url("https://", out, sizeof out));
	assert_false(config_sources_normalize_url("/home/me/c.ics", out, sizeof out));
}

static void expect_error(const char *text, const char *where, const char *what)
{
	struct wit_config *cfg = malloc(sizeof *cfg);
	char *why = NULL;
	assert_int_equal(config_parse(text, strlen(text), "c.json", cfg, &why), WIT_CONFIG);
	if (strstr(why, where) == NULL || strstr(why, what) == NULL)
		fail_msg("got \"%s\", expected \"%s\" and \"%s\"", why, where, what);
	free(why);
	free(cfg);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("{\"sources\": {}}", "c.json:1:", "sources: must be an array");
	expect_error("{\"sources\": [\n {\"busy\": true}]}", "c.json:2:", "sources[0]: a source "
	             "needs exactly one of");
	expect_error("{\"sources\": [{\"url\": \"gopher://x\"}]}", "c.json:1:",
	             "sources[0].url: expected an http, https or webcal URL");
	expect_error("{\"sources\": [{\"path\": \"/a\", \"busy\": 1}]}", "c.json:1:",
	             "sources[0].busy: must be true or false");
	expect_error("{\"sources\": [{\"path\": \"/a\"}, {\"path\": \"/a\"}]}", "c.json:1:",
	             "\"/a\" is listed twice");
	expect_error("{\"sources\": [{\"url\": \"https://x.example/c\", \"write_back\": true}]}",
	             "c.json:1:", "\"write_back\" is for a vdir");
	expect_error("{\"feeds\": {\"timeout_sec\": 0}}", "c.json:1:",
	             "feeds.timeout_sec: must be between 1 and 600");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_and_merge),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

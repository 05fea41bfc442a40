/*
 * test_config_file.c: the config file adapter on a real temporary
 * directory: a missing file loads the defaults; save creates the
 * directory 0700 and the file 0600, keeps unknown keys and notes,
 * keeps an existing file's mode, follows a symbolic link, leaves no
 * temporary file behind and refuses (untouched) a malformed file; init
 * never writes over an existing file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "worthit/config_file.h"
#include "worthit/xmalloc.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	dir = xasprintf("%s/wt-cfg-XXXXXX", tmp ? tmp : "/tmp");
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	free(dir);
	return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int mode_of(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (int)(sb.st_mode & 0777);
}

/* Entries of d other than . and .. */
static int count_entries(const char *d)
{
	DIR *h = opendir(d);
	assert_non_null(h);
	int n = 0;
	for (struct dirent *e; (e = readdir(h)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(h);
	return n;
}

static void test_missing_file_is_defaults(void **state)
{
	(void)state;
	char *path = xasprintf("%s/none/config.json", dir);
	struct wit_config c;
	bool exists = true;
	char *why = NULL;
	assert_int_equal(config_file_load(path, &c, &exists, &why), WIT_OK);
	assert_false(exists);
	assert_int_equal(c.hourly_rate_minor, 15000);
	free(path);
}

static void test_save_creates_and_keeps_unknown(void **state)
{
	(void)state;
	char *sub = xasprintf("%s/a/b", dir);
	char *path = xasprintf("%s/config.json", sub);
	struct wit_config c;
	char *why = NULL;
	config_defaults(&c);
	assert_int_equal(config_file_save(path, &c, &why), WIT_OK);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(mode_of(sub), 0700);
	/* a user edits it: notes and unknown keys, a looser mode */
	spit(path, "{\"_doc\": \"mine\", \"hourly_rate\": 90, \"plugin\": {\"x\": 1}}\n");
	chmod(path, 0644);
	bool exists = false;
	assert_int_equal(config_file_load(path, &c, &exists, &why), WIT_OK);
	assert_true(exists);
	assert_int_equal(c.hourly_rate_minor, 9000);
	c.score.knob[KNOB_W_ROOM] = 4.5;
	assert_int_equal(config_file_save(path, &c, &why), WIT_OK);
	char *text = slurp(path);
	assert_non_null(strstr(text, "{\n  \"_doc\": \"mine\",\n  \"hourly_rate\": 90.00,\n"
	                             "  \"plugin\": {\n    \"x\": 1\n  },\n"));
	assert_non_null(strstr(text, "\"room\": 4.5,"));
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(count_entries(sub), 1); /* no temporary file left */
	struct wit_config back;
	assert_int_equal(config_file_load(path, &back, &exists, &why), WIT_OK);
	assert_true(back.score.knob[KNOB_W_ROOM] == 4.5);
	free(text);
	free(path);
	free(sub);
}

static void test_save_refuses_malformed(void **state)
{
	(void)state;
	char *path = xasprintf("%s/bad.json", dir);
	const char *bad = "{\n  \"theme\": \"x\",,\n}\n";
	spit(path, bad);
	struct wit_config c;
	char *why = NULL;
	config_defaults(&c);
	assert_int_equal(config_file_save(path, &c, &why), WIT_CONFIG);
	char *want = xasprintf("%s:2:16: expected a key in double quotes, got ','", path);
	assert_string_equal(why, want);
	char *text = slurp(path);
	assert_string_equal(text, bad);
	free(text);
	free(want);
	free(why);
	free(path);
}

static void test_save_follows_symlink(void **state)
{
	(void)state;
	char *real = xasprintf("%s/dotfiles-config.json", dir);
	char *link = xasprintf("%s/link.json", dir);
	spit(real, "{\"keep\": 1}\n");
	assert_int_equal(symlink(real, link), 0);
	struct wit_config c;
	char *why = NULL;
	config_defaults(&c);
	assert_int_equal(config_file_save(link, &c, &why), WIT_OK);
	struct stat sb;
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	char *text = slurp(real);
	assert_non_null(strstr(text, "\"keep\": 1,"));
	assert_non_null(strstr(text, "\"hourly_rate\": 150.00,"));
	free(text);
	free(real);
	free(link);
}

static void test_init_never_overwrites(void **state)
{
	(void)state;
	char *path = xasprintf("%s/i/config.json", dir);
	char *why = NULL;
	assert_int_equal(config_file_init(path, &why), WIT_OK);
	assert_int_equal(mode_of(path), 0600);
	char *first = slurp(path);
	struct wit_config c;
	bool exists;
	assert_int_equal(config_file_load(path, &c, &exists, &why), WIT_OK);
	spit(path, "{\"mine\": true}\n");
	assert_int_equal(config_file_init(path, &why), WIT_CANTCREAT);
	assert_non_null(strstr(why, "already exists"));
	char *after = slurp(path);
	assert_string_equal(after, "{\"mine\": true}\n");
	/* also not through a dangling symbolic link */
	char *link = xasprintf("%s/dangling.json", dir);
	char *target = xasprintf("%s/nowhere.json", dir);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(config_file_init(link, &why), WIT_CANTCREAT);
	assert_int_equal(access(target, F_OK), -1);
	free(why);
	free(first);
	free(after);
	free(link);
	free(target);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_file_is_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_creates_and_keeps_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_refuses_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_follows_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_never_overwrites, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

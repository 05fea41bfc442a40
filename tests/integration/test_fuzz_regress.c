/*
 * test_fuzz_regress.c: every fuzz harness of fuzz/ run on its seed
 * corpus (fuzz/corpus/TARGET/) and on its regression inputs
 * (fuzz/regress/TARGET/: what fuzzing once found crashing, hanging or
 * breaking a property, kept so it stays fixed), with the ordinary
 * compiler, under `make test` and (with the sanitizers) `make asan`. The
 * harnesses are included here with their entry renamed, so the very same
 * properties are checked as under libFuzzer; a broken one aborts.
 *
 * A new harness: include it below with its own FUZZ_ENTRY name and add
 * a row to targets[].
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/xmalloc.h"

#define FUZZ_ENTRY fuzz_json_one
#include "../../fuzz/fuzz_json.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_csv_one
#include "../../fuzz/fuzz_csv.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_config_one
#include "../../fuzz/fuzz_config.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_ics_one
#include "../../fuzz/fuzz_ics.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_mail_one
#include "../../fuzz/fuzz_mail.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_vdir_one
#include "../../fuzz/fuzz_vdir.c"
#undef FUZZ_ENTRY

struct target {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {
	{"json", fuzz_json_one},
	{"csv", fuzz_csv_one},
	{"config", fuzz_config_one},
	{"ics", fuzz_ics_one},
	{"mail", fuzz_mail_one},
	{"vdir", fuzz_vdir_one},
};

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	for (size_t got; (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Run t on every file of DIR; returns how many. */
static int run_dir(const struct target *t, const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		size_t len;
		char *data = read_all(path, &len);
		print_message("%s: %s\n", t->name, path);
		t->one((const uint8_t *)data, len);
		free(data);
		free(path);
		n++;
	}
	closedir(d);
	return n;
}

static void test_target(void **state)
{
	const struct target *t = *state;
	const char *top = getenv("WORTHIT_TOP");
	char *corpus = xasprintf("%s/fuzz/corpus/%s", top != NULL ? top : ".", t->name);
	char *regress = xasprintf("%s/fuzz/regress/%s", top != NULL ? top : ".", t->name);
	int seeds = run_dir(t, corpus);
	run_dir(t, regress);
	assert_true(seeds > 0); /* the seed corpus is there and was run */
	free(corpus);
	free(regress);
}

static int setup(void **state, size_t i)
{
	*state = (void *)&targets[i];
	return 0;
}
static int setup_json(void **state) { return setup(state, 0); }
static int setup_csv(void **state) { return setup(state, 1); }
static int setup_config(void **state) { return setup(state, 2); }
static int setup_ics(void **state) { return setup(state, 3); }
static int setup_mail(void **state) { return setup(state, 4); }
static int setup_vdir(void **state) { return setup(state, 5); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_target, setup_json),
		cmocka_unit_test_setup(test_target, setup_csv),
		cmocka_unit_test_setup(test_target, setup_config),
		cmocka_unit_test_setup(test_target, setup_ics),
		cmocka_unit_test_setup(test_target, setup_mail),
		cmocka_unit_test_setup(test_target, setup_vdir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

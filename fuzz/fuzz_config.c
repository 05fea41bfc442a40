/*
 * fuzz_config.c: the configuration reader (config_parse) and its save
 * round trip (config_merge, what `weights set` and friends write).
 * Properties: no crash, leak or undefined behaviour; a config that
 * parses, once saved, parses again (worthit never writes a file it then
 * refuses, issue 14 item 4), and saving that again gives the same text
 * (the two readings agree).
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/config.h"
#include "worthit/xmalloc.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct wit_config *cfg = xmalloc(sizeof *cfg), *again = xmalloc(sizeof *again);
	char *why = NULL;
	if (config_parse((const char *)data, size, "fuzz.json", cfg, &why) != WIT_OK) {
		free(why);
		free(cfg);
		free(again);
		return 0;
	}
	/* config_merge reads NUL-terminated text; a NUL byte never parses */
	char *text = xstrndup((const char *)data, size);
	char *saved = config_merge(text, cfg);
	if (config_parse(saved, strlen(saved), "saved.json", again, &why) != WIT_OK)
		fuzz_fail("config: saved text refused: %s\n--- saved:\n%s", why, saved);
	char *saved_again = config_merge(saved, again);
	if (strcmp(saved, saved_again) != 0)
		fuzz_fail("config: saving twice differs:\n%s\n--- then:\n%s", saved, saved_again);
	free(saved_again);
	free(saved);
	free(text);
	free(cfg);
	free(again);
	return 0;
}

/*
 * fuzz_json.c: invitations as JSON (invite_json_parse, docs/formats.md
 * "## JSON"), from any bytes. Properties: no crash, leak or undefined
 * behaviour; and what worthit writes for an invitation it accepted
 * (invite_json_object) reads back as the same invitation.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/import_problems.h"
#include "worthit/invite_json.h"

/* The second reading: keep the one invitation's JSON text. */
static enum wit_status fuzz_json_again(void *ctx, const struct invitation *inv, int line,
                                       enum import_action action)
{
	(void)line;
	(void)action;
	char **out = ctx;
	if (*out != NULL)
		fuzz_fail("json: one object written, two invitations read back");
	*out = invite_json_object(inv);
	return WIT_OK;
}

static enum wit_status fuzz_json_sink(void *ctx, const struct invitation *inv, int line,
                                      enum import_action action)
{
	(void)ctx;
	(void)line;
	(void)action;
	char *written = invite_json_object(inv);
	char *again = NULL;
	struct import_problems problems;
	import_problems_init(&problems);
	enum wit_status st = invite_json_parse(written, strlen(written), NULL, fuzz_json_again,
	                                       &again, &problems);
	if (st != WIT_OK || again == NULL)
		fuzz_fail("json: worthit's own output is refused: %s: %s", written,
		          problems.len > 0 ? problems.items[0].message : "no invitation");
	/* the id is written but not read; compare the rest */
	if (strcmp(strchr(written, ','), strchr(again, ',')) != 0)
		fuzz_fail("json: round trip differs:\n%s\n%s", written, again);
	import_problems_done(&problems);
	free(again);
	free(written);
	return WIT_OK;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct import_problems problems;
	import_problems_init(&problems);
	invite_json_parse((const char *)data, size, NULL, fuzz_json_sink, NULL, &problems);
	import_problems_done(&problems);
	return 0;
}

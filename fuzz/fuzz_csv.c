/*
 * fuzz_csv.c: invitations as CSV (invite_csv_parse, docs/formats.md
 * "## CSV"), from any bytes. Properties: no crash, leak or undefined
 * behaviour; and the record worthit writes for an invitation it
 * accepted (invite_csv_row, with the formula guard) reads back as the
 * same invitation.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/import_problems.h"
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

static enum wit_status fuzz_csv_again(void *ctx, const struct invitation *inv, int line,
                                      enum import_action action)
{
	(void)line;
	(void)action;
	char **out = ctx;
	if (*out != NULL)
		fuzz_fail("csv: one record written, two invitations read back");
	*out = invite_json_object(inv);
	return WIT_OK;
}

static enum wit_status fuzz_csv_sink(void *ctx, const struct invitation *inv, int line,
                                     enum import_action action)
{
	(void)ctx;
	(void)line;
	(void)action;
	char *row = invite_csv_row(inv, false);
	char *text = xasprintf("%s%s", invite_csv_header(), row);
	char *again = NULL;
	struct import_problems problems;
	import_problems_init(&problems);
	enum wit_status st = invite_csv_parse(text, strlen(text), NULL, fuzz_csv_again, &again,
	                                      &problems);
	if (st != WIT_OK || again == NULL)
		fuzz_fail("csv: worthit's own output is refused: %s: %s", row,
		          problems.len > 0 ? problems.items[0].message : "no invitation");
	char *want = invite_json_object(inv);
	if (strcmp(strchr(want, ','), strchr(again, ',')) != 0)
		fuzz_fail("csv: round trip differs:\n%s\n%s", want, again);
	free(want);
	import_problems_done(&problems);
	free(again);
	free(text);
	free(row);
	return WIT_OK;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct import_problems problems;
	import_problems_init(&problems);
	invite_csv_parse((const char *)data, size, NULL, fuzz_csv_sink, NULL, &problems);
	import_problems_done(&problems);
	return 0;
}

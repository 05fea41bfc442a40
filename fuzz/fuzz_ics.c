/*
 * fuzz_ics.c: iCalendar import (ics_parse: the line reader, libical,
 * recurrence expansion and the mapping to invitations) from any bytes,
 * read from memory through fmemopen(3). The window is a year either side
 * of FUZZ_NOW, as `import` uses by default. Properties: no crash, hang,
 * leak or undefined behaviour in worthit's code (libical's own faults
 * show too: they are what the sandboxed parsing contains); every
 * invitation handed on has a UID and a title and ends no earlier than it
 * starts, and its JSON form is written without trouble.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/ics.h"
#include "worthit/import_problems.h"
#include "worthit/invite_json.h"

static enum wit_status fuzz_ics_sink(void *ctx, const struct invitation *inv, int line,
                                     enum import_action action)
{
	(void)ctx;
	(void)line;
	(void)action;
	if (inv->uid == NULL || inv->uid[0] == '\0')
		fuzz_fail("ics: an invitation without a UID");
	if (inv->title == NULL)
		fuzz_fail("ics: an invitation without a title");
	if (inv->ends_at < inv->starts_at)
		fuzz_fail("ics: %s ends before it starts", inv->uid);
	free(invite_json_object(inv));
	return WIT_OK;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0; /* fmemopen needs a buffer */
	FILE *in = fmemopen((void *)data, size, "r");
	if (in == NULL)
		return 0;
	struct import_options opt = {FUZZ_NOW - 365 * 86400, FUZZ_NOW + 365 * 86400, "fuzz.ics"};
	struct import_problems problems;
	struct ics_stats stats;
	char *why = NULL;
	import_problems_init(&problems);
	memset(&stats, 0, sizeof stats);
	ics_parse(in, &opt, fuzz_ics_sink, NULL, &problems, &stats, &why);
	free(why);
	import_problems_done(&problems);
	fclose(in);
	return 0;
}

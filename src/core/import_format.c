/*
 * import_format.c: format names and the guess from a file's name and
 * first bytes (import_format.h). Reads nothing itself: the caller hands
 * it the file's first bytes (the core does no I/O).
 */
#include "worthit/import_format.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const names[FORMAT_COUNT] = {"ics", "json", "csv"};

const char *import_format_name(enum import_format f)
{
	return (unsigned)f < FORMAT_COUNT ? names[f] : "ics";
}

int import_format_from_name(const char *name)
{
	for (int i = 0; i < FORMAT_COUNT; i++)
		if (strcasecmp(names[i], name) == 0)
			return i;
	if (strcasecmp(name, "ical") == 0 || strcasecmp(name, "icalendar") == 0)
		return FORMAT_ICS;
	if (strcasecmp(name, "jsonl") == 0)
		return FORMAT_JSON;
	return -1;
}

static int by_extension(const char *name)
{
	static const struct {
		const char *ext;
		enum import_format f;
	} exts[] = {
		{".ics", FORMAT_ICS},   {".ical", FORMAT_ICS},    {".ifb", FORMAT_ICS},
		{".icalendar", FORMAT_ICS}, {".json", FORMAT_JSON}, {".jsonl", FORMAT_JSON},
		{".ndjson", FORMAT_JSON}, {".csv", FORMAT_CSV},
	};
	const char *dot = strrchr(name, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return exts[i].f;
	return -1;
}

int import_format_guess(const char *name, const char *head, size_t n)
{
	int f = by_extension(name);
	if (f >= 0)
		return f;
	const char *p = head;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (*p != '\0' && isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "BEGIN:VCALENDAR", 15) == 0)
		return FORMAT_ICS;
	if (*p == '{' || *p == '[')
		return FORMAT_JSON;
	size_t line = strcspn(p, "\r\n");
	if (memchr(p, ',', line) != NULL && memchr(p, '\0', line) == NULL &&
	    strlen(p) == n - (size_t)(p - head))
		return FORMAT_CSV;
	return -1;
}

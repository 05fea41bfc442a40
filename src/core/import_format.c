/*
 * import_format.c: format names and the guess from a file's name and
 * first bytes (import_format.h). Reads nothing itself: the caller hands
 * it the file's first bytes (the core does no I/O). Mail is told before
 * CSV: a message's first header line often has a comma.
 */
#include "worthit/import_format.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *const names[FORMAT_COUNT] = {"ics", "json", "csv", "mail", "mbox",
                                                    "maildir"};

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
	if (strcasecmp(name, "eml") == 0)
		return FORMAT_MAIL;
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
		{".ndjson", FORMAT_JSON}, {".csv", FORMAT_CSV},     {".eml", FORMAT_MAIL},
		{".mbox", FORMAT_MBOX},  {".mbx", FORMAT_MBOX},
	};
	const char *dot = strrchr(name, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return exts[i].f;
	return -1;
}

/* "Name:" at p, Name being RFC 5322 2.2 ftext (printable ASCII but
 * the colon and space); returns the length of Name, 0 when not. */
static size_t header_name(const char *p)
{
	size_t n = 0;
	while (p[n] > ' ' && p[n] < 127 && p[n] != ':')
		n++;
	return n > 0 && p[n] == ':' ? n : 0;
}

/* A header block: the first line a header, and a header every message
 * has among the lines of head. */
static bool is_message(const char *p)
{
	static const char *const common[] = {
		"from", "date", "subject", "message-id", "mime-version", "received",
		"return-path", "delivered-to",
	};
	if (header_name(p) == 0)
		return false;
	for (const char *line = p; line != NULL && *line != '\0';) {
		size_t n = header_name(line);
		for (size_t i = 0; n > 0 && i < sizeof common / sizeof *common; i++)
			if (strlen(common[i]) == n && strncasecmp(line, common[i], n) == 0)
				return true;
		if (*line == '\r' || *line == '\n')
			return false; /* the end of the header block */
		line = strchr(line, '\n');
		line = line != NULL ? line + 1 : NULL;
	}
	return false;
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
	if (p == head && strncmp(p, "From ", 5) == 0)
		return FORMAT_MBOX;
	if (p == head && is_message(p))
		return FORMAT_MAIL;
	size_t line = strcspn(p, "\r\n");
	if (memchr(p, ',', line) != NULL && memchr(p, '\0', line) == NULL &&
	    strlen(p) == n - (size_t)(p - head))
		return FORMAT_CSV;
	return -1;
}

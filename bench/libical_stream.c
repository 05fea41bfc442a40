/*
 * libical_stream.c: the floor of bench_import.sh: a bare streamed
 * libical parse of an iCalendar file, one top-level component at a time
 * (VEVENT, VTIMEZONE, ...), as worthit's importer does, but with nothing
 * else: no checks, no mapping, no expansion, no database. Lines are read
 * with getline(); the lines of each top-level component inside
 * VCALENDAR are gathered (folded lines included: libical unfolds them)
 * and handed to icalparser_parse_string(), and the tree freed. Prints
 * the seconds taken and the number of VEVENTs. Built by
 * bench_import.sh, not by make.
 */
#define _POSIX_C_SOURCE 200809L
#include <libical/ical.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: libical_stream FILE\n");
		return 64;
	}
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 66;
	}
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	char *line = NULL, *text = NULL;
	size_t line_cap = 0, len = 0, cap = 0;
	ssize_t n;
	int depth = 0; /* 1 inside VCALENDAR, 2+ inside a component */
	long events = 0;
	while ((n = getline(&line, &line_cap, f)) > 0) {
		bool is_begin = strncasecmp(line, "BEGIN:", 6) == 0;
		bool is_end = strncasecmp(line, "END:", 4) == 0;
		if (depth <= 1) {
			if (is_begin && strncasecmp(line + 6, "VCALENDAR", 9) == 0) {
				depth = 1;
				continue;
			}
			if (!is_begin)
				continue;
			len = 0;
		}
		if (len + (size_t)n + 1 > cap) {
			cap = (len + (size_t)n + 1) * 2;
			text = realloc(text, cap);
		}
		memcpy(text + len, line, (size_t)n);
		len += (size_t)n;
		text[len] = '\0';
		depth += is_begin ? 1 : is_end ? -1 : 0;
		if (is_end && depth == 1) {
			icalcomponent *c = icalparser_parse_string(text);
			if (c != NULL && icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT)
				events++;
			if (c != NULL)
				icalcomponent_free(c);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.2f %ld\n", (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, events);
	free(line);
	free(text);
	fclose(f);
	return 0;
}

/*
 * libical_parse.c: the baseline of bench_import.sh: a bare libical parse
 * of a whole iCalendar file as one tree (icalparser_parse_string), what
 * a program that does not stream would do. Prints the seconds taken and
 * the number of VEVENTs. Built by bench_import.sh, not by make.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: libical_parse FILE\n");
		return 64;
	}
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
		perror(argv[1]);
		return 66;
	}
	long n = ftell(f);
	rewind(f);
	char *text = malloc((size_t)n + 1);
	if (text == NULL || fread(text, 1, (size_t)n, f) != (size_t)n) {
		perror(argv[1]);
		return 74;
	}
	text[n] = '\0';
	fclose(f);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	icalcomponent *cal = icalparser_parse_string(text);
	long events = 0;
	for (icalcomponent *c = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)
	                            : NULL;
	     c != NULL; c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		events++;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.2f %ld\n", (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, events);
	return 0;
}

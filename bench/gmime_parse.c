/*
 * gmime_parse.c: the floor of bench_mail.sh: GMime alone parsing every
 * message of a Maildir (cur/ and new/) as worthit does: a file-descriptor
 * stream, the parser, every part visited, calendar parts decoded into
 * memory. No iCalendar, no database. Prints the seconds taken, the
 * messages and the calendar parts. Built by bench_mail.sh, not by make.
 */
#include <dirent.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static long calendars;

static void visit(GMimeObject *parent, GMimeObject *part, gpointer arg)
{
	(void)parent;
	(void)arg;
	if (!GMIME_IS_PART(part))
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	if (!g_mime_content_type_is_type(ct, "text", "calendar") &&
	    !g_mime_content_type_is_type(ct, "application", "ics"))
		return;
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
	GMimeStream *mem = g_mime_stream_mem_new();
	if (w != NULL)
		g_mime_data_wrapper_write_to_stream(w, mem);
	g_object_unref(mem);
	calendars++;
}

static long parse_dir(const char *dir, const char *sub)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	DIR *d = opendir(path);
	long n = 0;
	if (d == NULL)
		return 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s/%s", dir, sub, e->d_name);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		GMimeStream *s = g_mime_stream_fs_new(fd);
		GMimeParser *p = g_mime_parser_new_with_stream(s);
		GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
		if (m != NULL) {
			g_mime_message_foreach(m, visit, NULL);
			g_object_unref(m);
			n++;
		}
		g_object_unref(p);
		g_object_unref(s);
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gmime_parse MAILDIR\n");
		return 64;
	}
	g_mime_init();
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	long n = parse_dir(argv[1], "cur") + parse_dir(argv[1], "new");
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.3f s  %ld messages  %ld calendar parts\n",
	       (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, n, calendars);
	return 0;
}

/*
 * text.h: display width of UTF-8 text in a terminal, for aligned
 * columns in the CLI and the dashboard. Uses the C library's wcwidth()
 * under the current LC_CTYPE (so main() must have called setlocale);
 * invalid UTF-8 bytes count as one column each and are shown as '?'.
 */
#ifndef WORTHIT_TEXT_H
#define WORTHIT_TEXT_H

#include <stddef.h>

/* Columns s takes on screen. */
int text_width(const char *s);

/*
 * Copy s into buf (len bytes) fitted to exactly width columns: cut with
 * an ellipsis ("…", or "~" outside UTF-8 locales) when too wide, padded
 * with spaces when narrower. Control characters become spaces.
 * Returns buf.
 */
char *text_fit(const char *s, int width, char *buf, size_t len);

#endif

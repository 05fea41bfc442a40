/*
 * jsonloc.h: positions in JSON text, for messages that read
 * "PATH:LINE:COLUMN: what is wrong". cJSON keeps no positions and its
 * error pointer is often a few characters off, so this module scans the
 * text itself: a strict RFC 8259 checker that names the first error and
 * where it is, and a locator that finds where a key path sits in text
 * that is known to be valid. Pure core: no I/O, no allocation except
 * the error message.
 *
 * Offsets are byte offsets into the text; lines and columns count from
 * 1, columns in characters (UTF-8 code points), a tab counting as one.
 */
#ifndef WORTHIT_JSONLOC_H
#define WORTHIT_JSONLOC_H

#include <stdbool.h>
#include <stddef.h>

#define JSONLOC_DEPTH_MAX 32 /* deeper nesting is reported as an error */

/* One step of a key path: an object member (key != NULL, the nth
 * member of that name, counting from 0) or an array element (key ==
 * NULL, element index). */
struct jsonloc_step {
	const char *key;
	int index;
	int nth;
};

/*
 * Check that text[0..len) is one JSON value (RFC 8259) with nothing but
 * white space around it; a leading UTF-8 byte order mark is allowed.
 * On the first error return false, set *offset to where it is and *msg
 * to what is wrong (caller frees).
 */
bool jsonloc_check(const char *text, size_t len, size_t *offset, char **msg);

/*
 * In valid JSON text, find the step path: *offset is set to the opening
 * quote of the last key, or the first byte of the last array element.
 * n == 0 finds the top-level value. Returns false when a step is
 * missing; *offset then holds the deepest step that was found.
 */
bool jsonloc_find(const char *text, size_t len, const struct jsonloc_step *path, size_t n,
                  size_t *offset);

/* Line and column of a byte offset (clamped to len). */
void jsonloc_line_col(const char *text, size_t len, size_t offset, int *line, int *col);

#endif

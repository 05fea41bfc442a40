/*
 * ics_text.c: UTF-8 checking and the Windows-1252 fallback for event
 * text (ics_text.h). Pure byte work: no libical, no I/O.
 */
#include "worthit/ics_text.h"
#include "worthit/xmalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t ics_text_utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* ASCII runs eight bytes at a time */
		uint64_t w;
		while (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0))
			i += 8;
		if (i == len)
			break;
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, min = 0x10000;
		} else {
			return i;
		}
		unsigned cp = c & (0x3F >> n);
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

/* Windows-1252 0x80..0x9F as Unicode; 0 = undefined in that charset. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

char *ics_text_to_utf8(const char *text, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)text;
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
			*bad = i;
			free(out);
			return NULL;
		}
		size_t ok = ics_text_utf8_check(s + i, len - i);
		if (ok > 0) {
			/* copy the valid run, checking it for control bytes */
			size_t j = 0;
			while (j < ok && (s[i + j] >= 0x20 || s[i + j] == '\t' || s[i + j] == '\r' ||
			                  s[i + j] == '\n'))
				j++;
			memcpy(out + o, s + i, j);
			o += j;
			i += j;
			continue;
		}
		unsigned cp = s[i] >= 0xA0 ? s[i] : cp1252_high[s[i] - 0x80];
		if (cp == 0) {
			*bad = i;
			free(out);
			return NULL;
		}
		if (cp < 0x800) {
			out[o++] = (char)(0xC0 | (cp >> 6));
		} else {
			out[o++] = (char)(0xE0 | (cp >> 12));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		}
		out[o++] = (char)(0x80 | (cp & 0x3F));
		i++;
	}
	out[o] = '\0';
	return out;
}

static bool is_control(unsigned char b)
{
	return b < 0x20 && b != '\t' && b != '\r' && b != '\n';
}

size_t ics_text_control_byte(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* no byte below 0x20 in these eight: skip them at once */
		if (((w - 0x2020202020202020u) & ~w & 0x8080808080808080u) == 0) {
			i += 8;
			continue;
		}
		for (size_t k = 0; k < 8; k++, i++)
			if (is_control(s[i]))
				return i;
	}
	for (; i < len; i++)
		if (is_control(s[i]))
			return i;
	return len;
}

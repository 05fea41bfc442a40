/*
 * text.c: terminal display width of UTF-8 strings (see text.h). Walks
 * the string with mbrtowc/wcwidth; never splits a multi-byte character.
 */
#include "worthit/text.h"

#include <langinfo.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Decode one character at s: bytes used (>= 1), its columns in *cols. */
static size_t next_char(const char *s, size_t avail, int *cols, bool *is_control)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, avail, &ps);
	*is_control = false;
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;
		*is_control = true; /* shown as '?' */
		return 1;
	}
	int w = wcwidth(wc);
	if (w < 0) {
		*is_control = true;
		w = 1;
	}
	*cols = w;
	return n;
}

int text_width(const char *s)
{
	int total = 0;
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		int cols;
		bool ctl;
		i += next_char(s + i, len - i, &cols, &ctl);
		total += cols;
	}
	return total;
}

char *text_fit(const char *s, int width, char *buf, size_t len)
{
	bool utf8 = locale_is_utf8();
	const char *ellipsis = utf8 ? "\xe2\x80\xa6" : "~";
	size_t slen = s ? strlen(s) : 0, out = 0;
	int used = 0;
	bool cut = text_width(s) > width;
	int room = cut ? width - 1 : width;
	if (len == 0)
		return buf;
	for (size_t i = 0; i < slen;) {
		int cols;
		bool ctl;
		size_t n = next_char(s + i, slen - i, &cols, &ctl);
		if (used + cols > room || out + n + 4 >= len)
			break;
		if (ctl || (unsigned char)s[i] < 0x20) {
			buf[out++] = (unsigned char)s[i] < 0x20 ? ' ' : '?';
		} else {
			memcpy(buf + out, s + i, n);
			out += n;
		}
		used += cols;
		i += n;
	}
	if (cut && width > 0 && out + strlen(ellipsis) < len) {
		memcpy(buf + out, ellipsis, strlen(ellipsis));
		out += strlen(ellipsis);
		used++;
	}
	while (used < width && out + 1 < len) {
		buf[out++] = ' ';
		used++;
	}
	buf[out] = '\0';
	return buf;
}

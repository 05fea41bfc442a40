/*
 * fuzz_vdir.c: the scan of the user's own calendar files (vdir_event.c:
 * who organizes, the user's ATTENDEE line and PARTSTAT) and the
 * write-back that edits PARTSTAT in those files (vdir_partstat.c). Both
 * read strangers' text in the worthit process itself (not in the
 * sandbox: they are hand-written line scanners, no libical), and the
 * write-back changes the user's files, so besides no crash, leak or
 * undefined behaviour:
 *   - every role has a UID string and a NUL-terminated PARTSTAT, and
 *     "the user attends" implies at least one attendee;
 *   - an edit that changes no line returns the text byte for byte;
 *   - after an edit, every event where the user attends says the new
 *     PARTSTAT, and the scan finds the same events, UIDs and attendee
 *     counts as before (the edit touched nothing else it reads);
 *   - editing twice is editing once: DECLINED then ACCEPTED gives the
 *     same bytes as ACCEPTED alone, and ACCEPTED again changes nothing
 *     (a fold is added once, not per answer written back).
 * The user is me@example.com (config "me").
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "worthit/config.h"
#include "worthit/vdir_event.h"
#include "worthit/vdir_partstat.h"
#include "worthit/xmalloc.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static void fuzz_vdir_check_roles(const struct vdir_role *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].uid == NULL)
			fuzz_fail("vdir: role %zu without a UID string", i);
		if (memchr(r[i].partstat, '\0', sizeof r[i].partstat) == NULL)
			fuzz_fail("vdir: role %zu: PARTSTAT not terminated", i);
		if (r[i].has_me && r[i].n_attendees < 1)
			fuzz_fail("vdir: role %zu: the user attends, but %d attendees", i,
			          r[i].n_attendees);
	}
}

/* The scan of the edited text against the scan of the original. */
static void fuzz_vdir_same_events(const struct vdir_role *a, size_t na, const struct vdir_role *b,
                                  size_t nb, const char *partstat)
{
	if (na != nb)
		fuzz_fail("vdir: %zu events before the edit, %zu after", na, nb);
	for (size_t i = 0; i < na; i++) {
		if (strcmp(a[i].uid, b[i].uid) != 0 || a[i].n_attendees != b[i].n_attendees ||
		    a[i].has_me != b[i].has_me || a[i].is_organizer_me != b[i].is_organizer_me)
			fuzz_fail("vdir: event %zu (UID \"%s\") read differently after the edit", i,
			          a[i].uid);
		if (b[i].has_me && strcmp(b[i].partstat, partstat) != 0)
			fuzz_fail("vdir: event %zu (UID \"%s\"): PARTSTAT \"%s\" after editing to %s", i,
			          b[i].uid, b[i].partstat, partstat);
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static struct wit_config cfg;
	if (cfg.n_me == 0) {
		config_defaults(&cfg);
		snprintf(cfg.me[0], sizeof cfg.me[0], "%s", "me@example.com");
		cfg.n_me = 1;
	}
	const char *text = (const char *)data;
	struct vdir_role *roles = NULL, *after = NULL;
	size_t n = vdir_event_roles(text, size, &cfg, &roles);
	fuzz_vdir_check_roles(roles, n);

	char *accepted = NULL, *declined = NULL, *both = NULL, *again = NULL;
	size_t n_acc = 0, n_dec = 0, n_both = 0, n_again = 0;
	int lines = 0, lines_dec = 0, lines_both = 0, lines_again = 0;
	vdir_partstat_edit(text, size, &cfg, "ACCEPTED", &accepted, &n_acc, &lines);
	if (lines == 0 && (n_acc != size || memcmp(accepted, text, size) != 0))
		fuzz_fail("vdir: no line edited, yet the text changed");
	size_t n_after = vdir_event_roles(accepted, n_acc, &cfg, &after);
	fuzz_vdir_same_events(roles, n, after, n_after, "ACCEPTED");

	vdir_partstat_edit(text, size, &cfg, "DECLINED", &declined, &n_dec, &lines_dec);
	vdir_partstat_edit(declined, n_dec, &cfg, "ACCEPTED", &both, &n_both, &lines_both);
	if (n_both != n_acc || memcmp(both, accepted, n_acc) != 0)
		fuzz_fail("vdir: DECLINED then ACCEPTED differs from ACCEPTED alone");
	vdir_partstat_edit(accepted, n_acc, &cfg, "ACCEPTED", &again, &n_again, &lines_again);
	if (n_again != n_acc || memcmp(again, accepted, n_acc) != 0)
		fuzz_fail("vdir: ACCEPTED twice changed the text");
	if (lines_dec != lines || lines_both != lines || lines_again != lines)
		fuzz_fail("vdir: the edits changed %d, %d, %d and %d lines", lines, lines_dec,
		          lines_both, lines_again);

	free(accepted);
	free(declined);
	free(both);
	free(again);
	vdir_roles_free(roles, n);
	vdir_roles_free(after, n_after);
	return 0;
}

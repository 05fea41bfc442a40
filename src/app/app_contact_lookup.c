/*
 * app_contact_lookup.c: a contact by id, e-mail address or exact name
 * (see app_contact_lookup.h). Text of digits only is an id, so a
 * contact whose name is all digits is reached by e-mail or id; the
 * name and e-mail matching rules are db_contact's.
 */
#include "worthit/app_contact_lookup.h"
#include "worthit/db_contact.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* "7": digits only, positive, fits. */
static bool as_id(const char *s, int64_t *id)
{
	int64_t v = 0;
	if (*s == '\0')
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - (*p - '0')) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return v > 0;
}

enum wit_status app_contact_lookup(struct db *db, const char *label, const char *s, int64_t *id,
                                   char **why)
{
	int64_t v;
	if (as_id(s, &v)) {
		struct contact c;
		contact_init(&c);
		enum wit_status st = db_contact_get(db, v, &c, NULL);
		contact_done(&c);
		if (st == WIT_OK) {
			*id = v;
			return WIT_OK;
		}
		return wit_fail(why, WIT_NOTFOUND, "%s: no contact with id %s", label, s);
	}
	char *detail = NULL;
	enum wit_status st = strchr(s, '@') != NULL ? db_contact_find_email(db, s, id, &detail)
	                                            : db_contact_find_name(db, s, id, &detail);
	if (st == WIT_NOTFOUND)
		st = wit_fail(why, WIT_NOTFOUND, "%s: no contact \"%s\" (give an id, an e-mail address "
		              "or the exact name; 'worthit contact list' shows them)", label, s);
	else if (st != WIT_OK)
		st = wit_fail(why, st, "%s: %s", label, detail);
	free(detail);
	return st;
}

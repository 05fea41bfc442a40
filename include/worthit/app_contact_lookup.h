/*
 * app_contact_lookup.h: finding a contact the way the user names one on
 * the command line (`--referred-by`, `contact show`, `deal --contact`)
 * and in the outcome form's "Referred by" field: an id ("7"), an e-mail
 * address (has an '@') or the exact name, any case.
 */
#ifndef WORTHIT_APP_CONTACT_LOOKUP_H
#define WORTHIT_APP_CONTACT_LOOKUP_H

#include <stdint.h>

#include "worthit/db.h"
#include "worthit/status.h"

/* The contact s names into *id. WIT_NOTFOUND naming label and s (with
 * how to name one), WIT_DATA when a name is ambiguous; messages start
 * with label ("--referred-by", "referred by"). */
enum wit_status app_contact_lookup(struct db *db, const char *label, const char *s, int64_t *id,
                                   char **why);

#endif

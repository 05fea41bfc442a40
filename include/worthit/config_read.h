/*
 * config_read.h: the reading context shared by config.c and
 * config_read.c while config_parse() walks a cJSON tree: the key path
 * being read (so every message can name it and point at its line and
 * column), typed readers with range checks, and the readers of the
 * list-like sections. Internal to the config module; everyone else
 * calls config_parse() in config.h. Pure core.
 *
 * Convention: a reader enters a key before checking its value and
 * leaves it on success; on failure it returns at once (the path then
 * still names the offending key, which is what the message needs).
 */
#ifndef WORTHIT_CONFIG_READ_H
#define WORTHIT_CONFIG_READ_H

#include <stddef.h>

#include "worthit/config.h"
#include "worthit/jsonloc.h"
#include "worthit/status.h"

struct cJSON;

struct config_reader {
	const char *text; /* the whole file, for positions */
	size_t len;
	const char *path; /* file name for messages */
	struct jsonloc_step step[JSONLOC_DEPTH_MAX]; /* key path being read */
	size_t depth;
	char **why;
};

void config_read_enter(struct config_reader *r, const char *key);
void config_read_enter_index(struct config_reader *r, int index);
void config_read_leave(struct config_reader *r);

/* "PATH:LINE:COLUMN: " for a byte offset. Caller frees. */
char *config_read_where(const char *path, const char *text, size_t len, size_t off);

/* Fail with "PATH:LINE:COLUMN: key.path: message" at the current key;
 * returns WIT_CONFIG. */
enum wit_status config_read_fail(struct config_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "a string", "an array", ... for messages. */
const char *config_read_type_name(const struct cJSON *v);

/* Typed readers; `what` names the value in messages ("weight must be
 * ..."), or is NULL when the key path says it all ("must be ..."). */
enum wit_status config_read_number(struct config_reader *r, const struct cJSON *v,
                                   const char *what, double min, double max, double *out);
enum wit_status config_read_int(struct config_reader *r, const struct cJSON *v, const char *what,
                                int min, int max, int *out);
/* A non-empty string that fits cap bytes (NUL included). */
enum wit_status config_read_string(struct config_reader *r, const struct cJSON *v,
                                   const char *what, char *out, size_t cap);
enum wit_status config_read_object(struct config_reader *r, const struct cJSON *v);
enum wit_status config_read_array(struct config_reader *r, const struct cJSON *v);
/* ASCII lower-casing in place. */
void config_read_lower(char *s);

/* Section readers (config_read.c); each leaves absent keys alone. */
enum wit_status config_read_profile(struct config_reader *r, const struct cJSON *root,
                                    struct wit_config *cfg);
enum wit_status config_read_me(struct config_reader *r, const struct cJSON *root,
                               struct wit_config *cfg);
enum wit_status config_read_sendmail(struct config_reader *r, const struct cJSON *root,
                                     struct wit_config *cfg);
enum wit_status config_read_domains(struct config_reader *r, const struct cJSON *root,
                                    struct wit_config *cfg);
enum wit_status config_read_availability(struct config_reader *r, const struct cJSON *root,
                                         struct wit_config *cfg);
/* "places" and "defaults" (travel_min, prep_min, attendance). */
enum wit_status config_read_facts(struct config_reader *r, const struct cJSON *root,
                                  struct wit_config *cfg);
/* The built-in defaults of those (called by config_defaults). */
void config_facts_defaults(struct wit_config *cfg);
/* "exchange_rates": {"USD": {"rate": 0.79, "date": "2026-11-01"}} */
enum wit_status config_read_rates(struct config_reader *r, const struct cJSON *root,
                                  struct wit_config *cfg);
enum wit_status config_read_keywords(struct config_reader *r, const struct cJSON *root,
                                     struct wit_config *cfg);

/* "08:00-18:00" -> minutes since midnight; false when malformed, with
 * what is wrong written to msg (cap bytes). */
bool config_read_window(const char *s, struct avail_window *w, char *msg, size_t cap);

/* Day names of the availability object, index = weekday (0 = Sunday). */
extern const char *const config_day_names[7];

#endif

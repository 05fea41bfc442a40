/*
 * config_sources.h: the "sources" and "feeds" keys of the configuration
 * (struct source_conf in config.h): reading them with positions in
 * messages, writing them back, and the edits `worthit subscribe` and
 * `unsubscribe` make. Pure core.
 */
#ifndef WORTHIT_CONFIG_SOURCES_H
#define WORTHIT_CONFIG_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/config.h"
#include "worthit/config_read.h"
#include "worthit/status.h"

#define FEED_TIMEOUT_SEC_DEFAULT 20
#define FEED_MAX_BYTES_DEFAULT ((int64_t)20 << 20)

/* Read "sources" and "feeds" from root; absent keys keep cfg's values. */
enum wit_status config_sources_read(struct config_reader *r, const struct cJSON *root,
                                    struct wit_config *cfg);

/* Write cfg's sources and feed settings into root (a config being
 * merged): "sources" is replaced as a whole. */
void config_sources_merge(struct cJSON *root, const struct wit_config *cfg);

/* The index of the source whose url or path is exactly s, or -1. */
int config_sources_find(const struct wit_config *cfg, const char *s);

/* "webcal://x" as "https://x"; any other URL as it is. Writes at most
 * cap bytes to out; false when it does not fit or the scheme is not
 * http, https or webcal. */
bool config_sources_normalize_url(const char *url, char *out, size_t cap);

/* Add a feed (url already normalized). WIT_USAGE when it is listed
 * already or the list is full. */
enum wit_status config_sources_add_feed(struct wit_config *cfg, const char *url, bool is_busy,
                                        char **why);

/* Remove source i, keeping the order of the others. */
void config_sources_remove(struct wit_config *cfg, size_t i);

#endif

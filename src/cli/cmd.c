/*
 * cmd.c: the command table, dispatch to a command or its subcommand
 * (cmd_run), and the helpers every command shares: the one way to fail
 * with a message, usage and help printing (help lists the subcommands
 * from the entry's table), --help detection, and the one parser of
 * ids. Adding a command: write src/cli/cmd_NAME.c ending in `const
 * struct cmd_entry cmd_NAME_entry`, declare it below and list it in
 * cmd_table (alphabetical order is the order of `worthit --help`); its
 * subcommands, if any, go in a `const struct cmd_sub` table named by
 * the entry's .subs.
 */
#include "worthit/cmd.h"

#include "worthit/model.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_completion_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_contact_entry;
extern const struct cmd_entry cmd_deal_entry;
extern const struct cmd_entry cmd_outcome_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_review_entry;
extern const struct cmd_entry cmd_skip_entry;
extern const struct cmd_entry cmd_decide_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_edit_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_keys_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_score_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_subscribe_entry;
extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_unsubscribe_entry;
extern const struct cmd_entry cmd_undo_entry;
extern const struct cmd_entry cmd_weights_entry;
extern const struct cmd_entry cmd_why_entry;
extern const struct cmd_entry cmd_redo_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_add_entry,
	&cmd_completion_entry,
	&cmd_config_entry,
	&cmd_contact_entry,
	&cmd_deal_entry,
	&cmd_decide_entry,
	&cmd_demo_entry,
	&cmd_edit_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_keys_entry,
	&cmd_list_entry,
	&cmd_outcome_entry,
	&cmd_plan_entry,
	&cmd_redo_entry,
	&cmd_report_entry,
	&cmd_review_entry,
	&cmd_score_entry,
	&cmd_show_entry,
	&cmd_skip_entry,
	&cmd_subscribe_entry,
	&cmd_sync_entry,
	&cmd_undo_entry,
	&cmd_unsubscribe_entry,
	&cmd_weights_entry,
	&cmd_why_entry,
	NULL,
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; name != NULL && cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

static const struct cmd_sub *sub_find(const struct cmd_entry *e, const char *name)
{
	for (const struct cmd_sub *s = e->subs; s->name != NULL; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/* "add, edit, list or show" into buf. */
static const char *sub_names(const struct cmd_entry *e, char *buf, size_t len)
{
	size_t n = 0, at = 0;
	while (e->subs[n].name != NULL)
		n++;
	buf[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++) {
		snprintf(buf + at, len - at, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		         e->subs[i].name);
		at += strlen(buf + at);
	}
	return buf;
}

int cmd_run(struct app_ctx *ctx, const struct cmd_entry *e, int argc, char **argv)
{
	optind = 0;
	if (e->subs == NULL)
		return e->run(ctx, argc, argv);
	const char *word = argc >= 2 ? argv[1] : NULL;
	const struct cmd_sub *sub = word != NULL ? sub_find(e, word) : NULL;
	if (sub != NULL)
		return sub->run(ctx, argc - 1, argv + 1);
	if (word == NULL || (word[0] == '-' && strcmp(word, "--") != 0)) {
		if (e->run != NULL)
			return e->run(ctx, argc, argv);
		return cmd_usage(ctx, e);
	}
	char names[256];
	cmd_error(ctx, WIT_USAGE, "%s: unknown subcommand '%s' (%s)", e->name, word,
	          sub_names(e, names, sizeof names));
	return cmd_usage(ctx, e);
}

int cmd_fail(struct app_ctx *ctx, enum wit_status st, char *why)
{
	int code = cmd_error(ctx, st, "%s", why != NULL ? why : wit_status_name(st));
	free(why);
	return code;
}

void cmd_print_json(FILE *out, cJSON *o)
{
	char *text = cJSON_PrintUnformatted(o);
	fprintf(out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(o);
}

int cmd_error(struct app_ctx *ctx, enum wit_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int code = app_ctx_vfail(ctx, st, fmt, ap);
	va_end(ap);
	return code;
}

int cmd_usage(struct app_ctx *ctx, const struct cmd_entry *e)
{
	fprintf(ctx->err, "usage: worthit %s\n", e->usage);
	fprintf(ctx->err, "Try 'worthit help %s' for more.\n", e->name);
	return wit_status_exit_code(WIT_USAGE);
}

int cmd_print_help(struct app_ctx *ctx, const struct cmd_entry *e)
{
	fprintf(ctx->out, "usage: worthit %s\n\n%s\n", e->usage, e->summary);
	if (e->subs != NULL) {
		fputs("\nSubcommands:\n", ctx->out);
		for (const struct cmd_sub *s = e->subs; s->name != NULL; s++)
			fprintf(ctx->out, "  %-10s %s\n", s->name, s->summary);
	}
	if (e->help != NULL)
		fprintf(ctx->out, "\n%s", e->help);
	return 0;
}

bool cmd_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

enum wit_status cmd_parse_status_mask(const char *spec, unsigned *mask, char **why)
{
	*mask = 0;
	if (strcmp(spec, "all") == 0) {
		*mask = (1u << STATUS_COUNT) - 1;
		return WIT_OK;
	}
	char *copy = xstrdup(spec), *save = NULL;
	enum wit_status st = WIT_OK;
	for (char *w = strtok_r(copy, ",", &save); w != NULL && st == WIT_OK;
	     w = strtok_r(NULL, ",", &save)) {
		int s = invite_status_from_name(w);
		if (s < 0)
			st = wit_fail(why, WIT_USAGE, "--status '%s': expected all or a comma-separated "
			              "list of pending, accepted, declined, maybe, attended, skipped, "
			              "cancelled", w);
		else
			*mask |= 1u << s;
	}
	free(copy);
	if (st == WIT_OK && *mask == 0)
		st = wit_fail(why, WIT_USAGE, "--status needs a value");
	return st;
}

enum wit_status cmd_parse_id_of(const char *opt, const char *what, const char *s, int64_t *id,
                                char **why)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v <= 0)
		return wit_fail(why, WIT_USAGE, "%s%s\"%s\" is not %s %s id (a positive number)",
		                opt != NULL ? opt : "", opt != NULL ? ": " : "", s,
		                strchr("aeiou", what[0]) != NULL ? "an" : "a", what);
	*id = v;
	return WIT_OK;
}

enum wit_status cmd_parse_id(const char *s, int64_t *id, char **why)
{
	return cmd_parse_id_of(NULL, "invitation", s, id, why);
}

/*
 * cmd_export.c: `worthit export [--format ics|json|csv] [--status S]
 * [--from DATE] [--to DATE] [-o FILE [--force]]`.
 *
 * ics: the invitations as a calendar other programs import
 * (ics_write_calendar); by default only accepted ones, the events the
 * user is going to. json and csv carry every field (docs/formats.md) and
 * by default every status, so that importing the export into a fresh
 * database gives the same invitations back.
 *
 * -o never overwrites silently: an existing FILE is refused (EX_CANTCREAT)
 * unless --force. The output is written to a temporary file beside FILE
 * and renamed over it only once complete, so a failed export leaves
 * nothing half-written. Without -o it goes to stdout.
 */
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/file_put.h"
#include "worthit/db_invite.h"
#include "worthit/ics.h"
#include "worthit/import_format.h"
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const struct cmd_entry cmd_export_entry;

struct export_opts {
	int format;              /* enum import_format, -1: from -o, else ics */
	struct invite_filter filter;
	const char *path;        /* -o, or NULL for stdout */
	bool force;
	bool is_raw;             /* --raw: CSV without the formula guard */
	bool has_bom;            /* --bom: CSV starts with a UTF-8 byte order mark */
};

static int parse_opts(struct app_ctx *ctx, int argc, char **argv, struct export_opts *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'F'}, {"status", required_argument, NULL, 's'},
		{"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'}, {"force", no_argument, NULL, 'r'},
		{"raw", no_argument, NULL, 'R'},          {"bom", no_argument, NULL, 'B'},
		{NULL, 0, NULL, 0},
	};
	char *why = NULL;
	enum wit_status st = WIT_OK;
	o->format = -1;
	int c;
	while (st == WIT_OK && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			o->format = import_format_from_name(optarg);
			if (o->format < 0 || !FORMAT_EXPORTABLE(o->format))
				st = wit_fail(&why, WIT_USAGE, "--format '%s': expected ics, json or csv",
				              optarg);
			break;
		case 's': st = cmd_parse_status_mask(optarg, &o->filter.status_mask, &why); break;
		case 'f': st = clock_parse_user_date(optarg, ctx->now, &o->filter.from, &why); break;
		case 't': st = clock_parse_user_date_end(optarg, ctx->now, &o->filter.to, &why); break;
		case 'o': o->path = optarg; break;
		case 'r': o->force = true; break;
		case 'R': o->is_raw = true; break;
		case 'B': o->has_bom = true; break;
		default: return cmd_usage(ctx, &cmd_export_entry);
		}
	}
	if (st != WIT_OK) {
		int code = cmd_error(ctx, st, "export: %s", why);
		free(why);
		return code;
	}
	if (optind < argc) {
		cmd_error(ctx, WIT_USAGE, "export: unexpected argument '%s' (use -o FILE)",
		          argv[optind]);
		return cmd_usage(ctx, &cmd_export_entry);
	}
	if (o->format < 0 && o->path != NULL && strcmp(o->path, "-") != 0) {
		const char *dot = strrchr(o->path, '.');
		o->format = dot != NULL ? import_format_from_name(dot + 1) : -1;
		if (o->format >= 0 && !FORMAT_EXPORTABLE(o->format))
			o->format = -1; /* "out.mbox" is written as iCalendar, like "out.txt" */
	}
	if (o->format < 0)
		o->format = FORMAT_ICS;
	if ((o->is_raw || o->has_bom) && o->format != FORMAT_CSV) {
		cmd_error(ctx, WIT_USAGE, "export: --raw and --bom go with --format csv");
		return cmd_usage(ctx, &cmd_export_entry);
	}
	if (o->filter.status_mask == 0)
		o->filter.status_mask = o->format == FORMAT_ICS ? 1u << STATUS_ACCEPTED
		                                                : STATUS_MASK_ALL;
	if (o->path != NULL && strcmp(o->path, "-") == 0)
		o->path = NULL;
	return 0;
}

static enum wit_status write_all(const struct export_opts *o, const struct invitation_list *l,
                                 int64_t now, FILE *out, char **why)
{
	if (o->format == FORMAT_ICS)
		return ics_write_calendar(l->items, l->len, now, out, why);
	if (o->format == FORMAT_CSV && o->has_bom)
		fputs("\xEF\xBB\xBF", out); /* UTF-8 BOM: Excel then reads UTF-8 */
	if (o->format == FORMAT_CSV)
		fputs(invite_csv_header(), out);
	for (size_t i = 0; i < l->len; i++) {
		char *line = o->format == FORMAT_CSV ? invite_csv_row(&l->items[i], o->is_raw)
		                                     : invite_json_object(&l->items[i]);
		fputs(line, out);
		if (o->format == FORMAT_JSON)
			fputc('\n', out);
		free(line);
	}
	if (fflush(out) != 0 || ferror(out))
		return wit_fail(why, WIT_IOERR, "cannot write: %s", strerror(errno));
	return WIT_OK;
}

struct export_job {
	const struct export_opts *o;
	const struct invitation_list *l;
	int64_t now;
};

static enum wit_status put_export(FILE *out, void *arg, char **why)
{
	const struct export_job *j = arg;
	return write_all(j->o, j->l, j->now, out, why);
}

/* Into place through file_put: never half a file; without --force an
 * existing file (even one that appears meanwhile) is not replaced. */
static enum wit_status write_file(const struct export_opts *o, const struct invitation_list *l,
                                  int64_t now, char **why)
{
	struct stat sb;
	if (!o->force && lstat(o->path, &sb) == 0)
		return wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten (use --force)",
		                o->path);
	struct export_job j = {o, l, now};
	return file_put(o->path, o->force, put_export, &j, why);
}

static int export_run(struct app_ctx *ctx, int argc, char **argv)
{
	struct export_opts o = {0};
	int code = parse_opts(ctx, argc, argv, &o);
	if (code != 0)
		return code;
	struct invitation_list l;
	invitation_list_init(&l);
	char *why = NULL;
	enum wit_status st = db_invite_list(ctx->db, &o.filter, &l, &why);
	if (st == WIT_OK && o.path != NULL)
		st = write_file(&o, &l, ctx->now, &why);
	else if (st == WIT_OK)
		st = write_all(&o, &l, ctx->now, ctx->out, &why);
	if (st != WIT_OK)
		code = cmd_error(ctx, st, "export: %s", why ? why : wit_status_name(st));
	else if (o.path != NULL)
		fprintf(ctx->err, "worthit: exported %zu invitation%s to %s\n", l.len,
		        l.len == 1 ? "" : "s", o.path);
	free(why);
	invitation_list_done(&l);
	return code;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "export [--format ics|json|csv] [--status S] [--from DATE] [--to DATE] "
	         "[--raw] [--bom] [-o FILE [--force]]",
	.summary = "write invitations as iCalendar (accepted ones), JSON or CSV",
	.help = "  --format F   ics (default, or from the -o extension), json or csv\n"
	        "  --status S   statuses to write (default: accepted for ics, all for json/csv)\n"
	        "  --from DATE  starting on or after DATE\n"
	        "  --to DATE    starting before DATE\n"
	        "  -o FILE      write FILE instead of stdout; an existing FILE is refused\n"
	        "  --force      replace an existing FILE\n"
	        "  --raw        CSV: no apostrophe before a field that starts with = + - @\n"
	        "               (spreadsheet formulas; docs/formats.md)\n"
	        "  --bom        CSV: a UTF-8 byte order mark first, for Excel\n"
	        "JSON and CSV carry every field: importing them gives the same invitations.\n",
	.flags = CMD_NEEDS_DB,
	.run = export_run,
};

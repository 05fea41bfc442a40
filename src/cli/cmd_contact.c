/*
 * cmd_contact.c: `worthit contact add|list|show|edit`: the people met at
 * events and who introduced whom. A contact is named on the command
 * line by id, e-mail address or exact name. --referred-by may be given
 * more than once: the first referrer is contact.referred_by, the others
 * go to the referral table (db_referral.h); attribution splits a deal
 * between them (docs/attribution.md). Adding or editing with referrers
 * is one transaction: all of it or nothing.
 */
#include "worthit/app_contact_lookup.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_invite.h"
#include "worthit/db_referral.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_contact_entry;

#define REFERRERS_MAX 8

struct contact_opts {
	struct contact c;
	bool name, company, email, met_at, client, notes, prospect; /* given */
	bool clear_referrers;                             /* --referred-by none */
	bool duplicate;                                   /* add: --duplicate */
	int64_t referrers[REFERRERS_MAX];
	size_t n_referrers;
};

static enum wit_status take(struct app_ctx *ctx, int ch, const char *arg, struct contact_opts *o,
                            char **why)
{
	switch (ch) {
	case 'N': o->name = true; free(o->c.name); o->c.name = xstrdup(arg); break;
	case 'C':
		o->company = true;
		free(o->c.company);
		o->c.company = arg[0] ? xstrdup(arg) : NULL;
		break;
	case 'e':
		o->email = true;
		free(o->c.email);
		o->c.email = arg[0] ? xstrdup(arg) : NULL;
		break;
	case 'n':
		o->notes = true;
		free(o->c.notes);
		o->c.notes = arg[0] ? xstrdup(arg) : NULL;
		break;
	case 'k': o->client = true; o->c.is_client = true; break;
	case 'K': o->client = true; o->c.is_client = false; break;
	case 'p': o->prospect = true; o->c.is_prospect = true; break;
	case 'P': o->prospect = true; o->c.is_prospect = false; break;
	case 'D': o->duplicate = true; break;
	case 'm':
		o->met_at = true;
		o->c.met_at_invitation = 0;
		if (strcmp(arg, "none") != 0)
			return cmd_parse_id_of("--met-at", "invitation", arg,
			                       &o->c.met_at_invitation, why);
		break;
	default:
		if (strcmp(arg, "none") == 0) {
			o->clear_referrers = true;
			break;
		}
		if (o->n_referrers == REFERRERS_MAX)
			return wit_fail(why, WIT_USAGE, "--referred-by: at most %d referrers",
			                REFERRERS_MAX);
		return app_contact_lookup(ctx->db, "--referred-by", arg,
		                          &o->referrers[o->n_referrers++], why);
	}
	return WIT_OK;
}

/* Options after the subcommand (and its positional argument). */
static int parse(struct app_ctx *ctx, int argc, char **argv, struct contact_opts *o)
{
	static const struct option longopts[] = {
		{"name", required_argument, NULL, 'N'}, {"company", required_argument, NULL, 'C'},
		{"email", required_argument, NULL, 'e'}, {"met-at", required_argument, NULL, 'm'},
		{"referred-by", required_argument, NULL, 'r'}, {"client", no_argument, NULL, 'k'},
		{"not-client", no_argument, NULL, 'K'}, {"note", required_argument, NULL, 'n'},
		{"prospect", no_argument, NULL, 'p'}, {"not-prospect", no_argument, NULL, 'P'},
		{"notes", required_argument, NULL, 'n'}, {"duplicate", no_argument, NULL, 'D'},
		{NULL, 0, NULL, 0},
	};
	int ch, bad = 0;
	char *why = NULL;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			return cmd_usage(ctx, &cmd_contact_entry);
		enum wit_status st = take(ctx, ch, optarg, o, &why);
		if (st != WIT_OK) {
			cmd_fail(ctx, st, why);
			why = NULL;
			bad = bad ? bad : wit_status_exit_code(st);
		}
	}
	return bad;
}

/* Replace (or, adding, set) the referrers inside the open transaction. */
static enum wit_status set_referrers(struct app_ctx *ctx, int64_t id, const struct contact_opts *o,
                                     char **why)
{
	enum wit_status st = WIT_OK;
	if (o->clear_referrers || o->n_referrers > 0)
		st = db_referral_clear(ctx->db, id, why);
	for (size_t i = 0; st == WIT_OK && i < o->n_referrers; i++)
		st = db_referral_add(ctx->db, id, o->referrers[i], ctx->now, why);
	return st;
}

static int finish(struct app_ctx *ctx, enum wit_status st, char *why)
{
	if (st == WIT_OK)
		st = db_commit(ctx->db, &why);
	else
		db_rollback(ctx->db); /* harmless when BEGIN itself failed */
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

/* A contact of the same name or e-mail exists: say which; exit 65. */
static int refuse_duplicate(struct app_ctx *ctx, const struct contact *c)
{
	int64_t id = 0;
	const char *same = NULL;
	enum wit_status st = db_contact_find_name(ctx->db, c->name, &id, NULL);
	if (st == WIT_OK || st == WIT_DATA)
		same = "name";
	else if (c->email != NULL && db_contact_find_email(ctx->db, c->email, &id, NULL) == WIT_OK)
		same = "e-mail address";
	if (same == NULL)
		return 0;
	struct contact old;
	contact_init(&old);
	db_contact_get(ctx->db, id, &old, NULL);
	int code = cmd_error(ctx, WIT_DATA, "contact #%lld %s%s%s%s has that %s: use it ('worthit "
	                     "contact edit %lld ...'), or add --duplicate for another person",
	                     (long long)id, old.name ? old.name : "", old.email ? " <" : "",
	                     old.email ? old.email : "", old.email ? ">" : "", same, (long long)id);
	contact_done(&old);
	return code;
}

static int contact_remove(struct app_ctx *ctx, int argc, char **argv)
{
	bool with_deals = argc == 3 && strcmp(argv[2], "--with-deals") == 0;
	if (argc != 2 && !with_deals)
		return cmd_usage(ctx, &cmd_contact_entry);
	int64_t id = 0, n_deals = 0;
	char *why = NULL;
	enum wit_status st = app_contact_lookup(ctx->db, "contact", argv[1], &id, &why);
	if (st == WIT_OK)
		st = db_contact_remove(ctx->db, id, with_deals, &n_deals, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	fprintf(ctx->out, "removed contact #%lld", (long long)id);
	if (n_deals > 0)
		fprintf(ctx->out, " and %lld deal%s", (long long)n_deals, n_deals == 1 ? "" : "s");
	fputc('\n', ctx->out);
	return 0;
}

static int contact_add(struct app_ctx *ctx, int argc, char **argv)
{
	struct contact_opts o = {0};
	contact_init(&o.c);
	int code = parse(ctx, argc, argv, &o);
	if (code == 0 && (optind + 1 != argc || o.name))
		code = cmd_usage(ctx, &cmd_contact_entry);
	int64_t id = 0;
	if (code == 0) {
		o.c.name = xstrdup(argv[optind]);
		code = o.duplicate ? 0 : refuse_duplicate(ctx, &o.c);
	}
	if (code == 0) {
		char *why = NULL;
		enum wit_status st = db_begin(ctx->db, &why);
		if (st == WIT_OK)
			st = db_contact_add(ctx->db, &o.c, ctx->now, &id, &why);
		if (st == WIT_OK)
			st = set_referrers(ctx, id, &o, &why);
		code = finish(ctx, st, why);
	}
	if (code == 0)
		fprintf(ctx->out, "added contact #%lld %s\n", (long long)id, o.c.name);
	contact_done(&o.c);
	return code;
}

static int contact_edit(struct app_ctx *ctx, int argc, char **argv)
{
	struct contact_opts o = {0};
	contact_init(&o.c);
	struct contact cur;
	contact_init(&cur);
	int code = parse(ctx, argc, argv, &o);
	if (code == 0 && optind + 1 != argc)
		code = cmd_usage(ctx, &cmd_contact_entry);
	int64_t id = 0;
	char *why = NULL;
	enum wit_status st = WIT_OK;
	if (code == 0) {
		st = app_contact_lookup(ctx->db, "contact", argv[optind], &id, &why);
		if (st == WIT_OK)
			st = db_contact_get(ctx->db, id, &cur, &why);
		if (st == WIT_OK)
			st = db_begin(ctx->db, &why);
		if (st != WIT_OK)
			code = cmd_fail(ctx, st, why);
	}
	if (code == 0) {
		/* the struct as stored, with what was given written over it */
		if (o.name) { free(cur.name); cur.name = xstrdup(o.c.name); }
		if (o.company) { free(cur.company); cur.company = xstrdup(o.c.company); }
		if (o.email) { free(cur.email); cur.email = xstrdup(o.c.email); }
		if (o.notes) { free(cur.notes); cur.notes = xstrdup(o.c.notes); }
		if (o.met_at)
			cur.met_at_invitation = o.c.met_at_invitation;
		if (o.client)
			cur.is_client = o.c.is_client;
		if (o.prospect)
			cur.is_prospect = o.c.is_prospect;
		if (o.clear_referrers || o.n_referrers > 0)
			cur.referred_by = 0; /* set again below, loop-checked on the whole graph */
		st = db_contact_update(ctx->db, &cur, &why);
		if (st == WIT_OK)
			st = set_referrers(ctx, id, &o, &why);
		code = finish(ctx, st, why);
	}
	if (code == 0)
		fprintf(ctx->out, "updated contact #%lld %s\n", (long long)id, cur.name);
	contact_done(&cur);
	contact_done(&o.c);
	return code;
}

static cJSON *ids_json(const int64_t *ids, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)ids[i]));
	return a;
}

static void add_text(cJSON *o, const char *key, const char *s)
{
	if (s != NULL)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static void print_json(struct app_ctx *ctx, const struct contact *c, const int64_t *refs,
                       size_t n_refs)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)c->id);
	add_text(o, "name", c->name);
	add_text(o, "company", c->company);
	add_text(o, "email", c->email);
	if (c->met_at_invitation != 0)
		cJSON_AddNumberToObject(o, "met_at", (double)c->met_at_invitation);
	else
		cJSON_AddNullToObject(o, "met_at");
	cJSON_AddItemToObject(o, "referred_by", ids_json(refs, n_refs));
	cJSON_AddBoolToObject(o, "client", c->is_client);
	cJSON_AddBoolToObject(o, "prospect", c->is_prospect);
	add_text(o, "notes", c->notes);
	cmd_print_json(ctx->out, o);
}

static void ids_text(const int64_t *ids, size_t n, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t at = strlen(buf);
		snprintf(buf + at, len - at, "%s#%lld", i ? " " : "", (long long)ids[i]);
	}
}

static int contact_list(struct app_ctx *ctx, int argc, char **argv)
{
	bool json = argc == 2 && strcmp(argv[1], "--json") == 0;
	if (argc > 2 || (argc == 2 && !json))
		return cmd_usage(ctx, &cmd_contact_entry);
	struct contact *items;
	size_t n;
	char *why = NULL;
	enum wit_status st = db_contact_list(ctx->db, &items, &n, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	if (!json)
		fprintf(ctx->out, "%5s  %-24s  %-20s  %-8s  %s\n", "ID", "NAME", "COMPANY", "ROLE",
		        "INTRODUCED BY");
	for (size_t i = 0; i < n && st == WIT_OK; i++) {
		int64_t *refs;
		size_t n_refs;
		st = db_referral_list(ctx->db, items[i].id, &refs, &n_refs, &why);
		if (st != WIT_OK)
			break;
		if (json) {
			print_json(ctx, &items[i], refs, n_refs);
		} else {
			char name[128], company[96], by[96];
			ids_text(refs, n_refs, by, sizeof by);
			fprintf(ctx->out, "%5lld  %s  %s  %-8s  %s\n", (long long)items[i].id,
			        text_fit(items[i].name, 24, name, sizeof name),
			        text_fit(items[i].company ? items[i].company : "", 20, company,
			                 sizeof company),
			        items[i].is_client ? "client" : items[i].is_prospect ? "prospect" : "", by);
		}
		free(refs);
	}
	if (!json && n == 0 && st == WIT_OK)
		fputs("(no contacts yet: 'worthit contact add NAME ...')\n", ctx->out);
	db_contact_free_all(items, n);
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

static void show_people(struct app_ctx *ctx, const char *label, const int64_t *ids, size_t n)
{
	if (n == 0)
		return;
	fprintf(ctx->out, "  %-14s", label);
	for (size_t i = 0; i < n; i++) {
		struct contact c;
		contact_init(&c);
		db_contact_get(ctx->db, ids[i], &c, NULL);
		fprintf(ctx->out, "%s#%lld %s", i ? ", " : "", (long long)ids[i], c.name ? c.name : "");
		contact_done(&c);
	}
	fputc('\n', ctx->out);
}

static void show_text(struct app_ctx *ctx, const struct contact *c, const int64_t *refs,
                      size_t n_refs, const int64_t *intro, size_t n_intro)
{
	fprintf(ctx->out, "#%lld %s\n", (long long)c->id, c->name);
	if (c->company)
		fprintf(ctx->out, "  %-14s%s\n", "company", c->company);
	if (c->email)
		fprintf(ctx->out, "  %-14s%s\n", "e-mail", c->email);
	fprintf(ctx->out, "  %-14s%s\n", "client", c->is_client ? "yes" : "no");
	fprintf(ctx->out, "  %-14s%s\n", "prospect", c->is_prospect ? "yes" : "no");
	if (c->met_at_invitation != 0) {
		struct invitation inv;
		invitation_init(&inv);
		char day[16] = "";
		if (db_invite_get(ctx->db, c->met_at_invitation, &inv, NULL) == WIT_OK)
			time_format_date(inv.starts_at, day, sizeof day);
		fprintf(ctx->out, "  %-14s#%lld %s (%s)\n", "met at", (long long)c->met_at_invitation,
		        inv.title ? inv.title : "", day);
		invitation_done(&inv);
	}
	show_people(ctx, "introduced by", refs, n_refs);
	show_people(ctx, "introduced", intro, n_intro);
	struct deal *deals;
	size_t n;
	if (db_deal_list(ctx->db, c->id, &deals, &n, NULL) == WIT_OK && n > 0) {
		int64_t total = 0;
		for (size_t i = 0; i < n; i++)
			total += deals[i].amount_minor;
		char money[32], day[16];
		fprintf(ctx->out, "  %-14s%zu, %s %s\n", "deals", n,
		        cmd_hist_money_text(ctx, total, money, sizeof money), cmd_hist_currency(ctx));
		for (size_t i = 0; i < n; i++)
			fprintf(ctx->out, "  %-14s#%lld %s %s %s\n", "", (long long)deals[i].id,
			        clock_format_local(deals[i].closed_at, "%Y-%m-%d", day, sizeof day),
			        cmd_hist_money_text(ctx, deals[i].amount_minor, money, sizeof money),
			        deals[i].note ? deals[i].note : "");
		db_deal_free_all(deals, n);
	}
	if (c->notes)
		fprintf(ctx->out, "  %-14s%s\n", "notes", c->notes);
}

static int contact_show(struct app_ctx *ctx, int argc, char **argv)
{
	bool json = argc == 3 && strcmp(argv[2], "--json") == 0;
	if (argc != 2 && !json)
		return cmd_usage(ctx, &cmd_contact_entry);
	int64_t id = 0, *refs = NULL, *intro = NULL;
	size_t n_refs = 0, n_intro = 0;
	char *why = NULL;
	struct contact c;
	contact_init(&c);
	enum wit_status st = app_contact_lookup(ctx->db, "contact", argv[1], &id, &why);
	if (st == WIT_OK)
		st = db_contact_get(ctx->db, id, &c, &why);
	if (st == WIT_OK)
		st = db_referral_list(ctx->db, id, &refs, &n_refs, &why);
	if (st == WIT_OK)
		st = db_referral_referred(ctx->db, id, &intro, &n_intro, &why);
	if (st == WIT_OK && json)
		print_json(ctx, &c, refs, n_refs);
	else if (st == WIT_OK)
		show_text(ctx, &c, refs, n_refs, intro, n_intro);
	free(refs);
	free(intro);
	contact_done(&c);
	return st == WIT_OK ? 0 : cmd_fail(ctx, st, why);
}

static const struct cmd_sub contact_subs[] = {
	{ .name = "add", .summary = "add a person: NAME and what is known", .run = contact_add },
	{ .name = "edit", .summary = "change a contact's fields or referrers", .run = contact_edit },
	{ .name = "list", .summary = "every contact, with who introduced them", .run = contact_list },
	{ .name = "show", .summary = "one contact: met at, introductions, deals", .run = contact_show },
	{ .name = "remove", .summary = "remove a contact (--with-deals: and its deals)",
	  .run = contact_remove },
	{ .name = NULL },
};

const struct cmd_entry cmd_contact_entry = {
	.name = "contact",
	.usage = "contact add NAME [--company C] [--email E] [--met-at ID] [--referred-by CONTACT]... "
	         "[--client] [--prospect] [--note TEXT] [--duplicate] | list [--json] | "
	         "show CONTACT [--json] | "
	         "edit CONTACT [--name N] [options of add] [--not-client] [--not-prospect] | "
	         "remove CONTACT [--with-deals]",
	.summary = "people met at events, and who introduced whom",
	.help = "CONTACT is an id, an e-mail address or the exact name (any case).\n"
	        "  --met-at ID          the invitation where you met (none: unknown)\n"
	        "  --referred-by C      who introduced them; repeat for several people (each\n"
	        "                       gets an equal share of what follows, see\n"
	        "                       docs/attribution.md); edit replaces them, none clears\n"
	        "  --client / --not-client\n"
	        "  --prospect / --not-prospect   a known potential buyer: the score values\n"
	        "                       meeting them (docs/scoring.md, the people)\n"
	        "  --duplicate          add even though a contact has that name or e-mail\n"
	        "                       (without it, add points at the existing one: exit 65)\n"
	        "remove is refused (exit 65) while deals point at the contact, unless\n"
	        "--with-deals removes them too; people it introduced keep their rows.\n"
	        "Unknown contacts or invitations, and introductions that would go round in a\n"
	        "loop, exit 65 with nothing written.\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.subs = contact_subs,
};

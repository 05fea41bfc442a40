/*
 * cmd_report_attrib.c: printing `worthit report --attribution` (see
 * cmd_report.h). The table is the referral forest: people nobody
 * introduced at the left, the people they introduced indented under
 * them, biggest first; a contact introduced by several people is shown
 * in full under the first and as a one-line pointer under the others.
 * Only contacts with money before or after them are shown.
 */
#include "worthit/cmd_hist.h"
#include "worthit/cmd_report.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define TREE_DEPTH_MAX 24

static bool involved(const struct attrib_contact *c)
{
	return c->direct_minor > 0 || c->downstream_minor > 0 || c->credit_minor > 0 ||
	       c->direct_deals > 0;
}

static int64_t weight(const struct attrib_contact *c)
{
	return c->direct_minor + c->downstream_minor;
}

static bool has_referrer(const struct attrib_contact *c, int64_t id)
{
	for (size_t i = 0; i < c->n_referrers; i++)
		if (c->referrers[i] == id)
			return true;
	return false;
}

/* Indices of the involved contacts introduced by parent (0: nobody),
 * heaviest first. Caller frees. */
static size_t children(const struct attrib_report *r, int64_t parent, size_t **out)
{
	size_t n = 0;
	*out = xmalloc((r->n_contacts + 1) * sizeof **out);
	for (size_t i = 0; i < r->n_contacts; i++) {
		const struct attrib_contact *c = &r->contacts[i];
		if (!involved(c) || (parent == 0 ? c->n_referrers != 0 : !has_referrer(c, parent)))
			continue;
		size_t j = n++;
		while (j > 0 && weight(&r->contacts[(*out)[j - 1]]) < weight(c)) {
			(*out)[j] = (*out)[j - 1];
			j--;
		}
		(*out)[j] = i;
	}
	return n;
}

/* An amount of r's one currency, as JSON and the tables write it. */
static char *money_text(const struct attrib_report *r, int64_t minor, char *buf, size_t len)
{
	return invite_json_money_format(minor, r->currency, buf, len);
}

static void met_at_text(struct app_ctx *ctx, int64_t id, char *buf, size_t len)
{
	buf[0] = '\0';
	if (id == 0)
		return;
	struct invitation inv;
	invitation_init(&inv);
	char day[16] = "";
	if (db_invite_get(ctx->db, id, &inv, NULL) == WIT_OK)
		time_format_date(inv.starts_at, day, sizeof day);
	snprintf(buf, len, "#%lld %s", (long long)id, day);
	invitation_done(&inv);
}

static void print_node(struct app_ctx *ctx, const struct attrib_report *r, size_t idx,
                       int64_t parent, int depth)
{
	const struct attrib_contact *c = &r->contacts[idx];
	char label[96], name[128], direct[32], down[32], credit[32], met[64];
	bool elsewhere = parent != 0 && c->referrers[0] != parent;
	snprintf(label, sizeof label, "%*s%s #%lld", 2 * depth, "", c->name ? c->name : "",
	         (long long)c->contact_id);
	if (elsewhere) {
		fprintf(ctx->out, "%s (also introduced by #%lld: see there)\n",
		        text_fit(label, 28, name, sizeof name), (long long)c->referrers[0]);
		return;
	}
	met_at_text(ctx, c->met_at, met, sizeof met);
	fprintf(ctx->out, "%s %10s %12s %10s  %s\n", text_fit(label, 28, name, sizeof name),
	        money_text(r, c->direct_minor, direct, sizeof direct),
	        money_text(r, c->downstream_minor, down, sizeof down),
	        money_text(r, c->credit_minor, credit, sizeof credit), met);
	if (depth >= TREE_DEPTH_MAX)
		return;
	size_t *kids;
	size_t n = children(r, c->contact_id, &kids);
	for (size_t i = 0; i < n; i++)
		print_node(ctx, r, kids[i], c->contact_id, depth + 1);
	free(kids);
}

static void print_table(struct app_ctx *ctx, const struct attrib_report *r)
{
	static const char *const model_words[ATTRIB_MODEL_COUNT] = {
		"first touch (where each chain began)", "last touch (who closed the deal)",
		"linear (shared along each chain)",
	};
	char money[32];
	fprintf(ctx->out, "%lld deal%s, %s %s; credit: %s\n\n", (long long)r->deals,
	        r->deals == 1 ? "" : "s", money_text(r, r->total_minor, money,
	                                                      sizeof money),
	        r->currency, model_words[r->model]);
	fprintf(ctx->out, "%-28s %10s %12s %10s  %s\n", "CONTACT", "DIRECT", "INTRODUCED", "CREDIT",
	        "MET AT");
	size_t *roots;
	size_t n = children(r, 0, &roots);
	for (size_t i = 0; i < n; i++)
		print_node(ctx, r, roots[i], 0, 0);
	free(roots);
	if (r->deals == 0) {
		fputs("(no deals in this range: 'worthit deal add --contact C --amount A')\n",
		      ctx->out);
		return;
	}
	fputs("\nWhere it started (credit by the event where each credited person was met):\n",
	      ctx->out);
	for (size_t j = 0; j < r->n_origins; j++) {
		const struct attrib_origin *o = &r->origins[j];
		char day[16] = "";
		if (o->invitation_id != 0)
			time_format_date(o->starts_at, day, sizeof day);
		fprintf(ctx->out, "%12s  ", money_text(r, o->credit_minor, money,
		                                                 sizeof money));
		if (o->invitation_id == 0)
			fputs("relationships with no recorded event\n", ctx->out);
		else
			fprintf(ctx->out, "#%lld %s (%s)\n", (long long)o->invitation_id,
			        o->title ? o->title : "", day);
	}
}

static void print_line(struct app_ctx *ctx, cJSON *o)
{
	cmd_print_json(ctx->out, o);
}

static void print_json(struct app_ctx *ctx, const struct attrib_report *r)
{
	char money[32], day[16];
	const char *model = attrib_model_name(r->model);
	for (size_t i = 0; i < r->n_contacts; i++) {
		const struct attrib_contact *c = &r->contacts[i];
		if (!involved(c))
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "contact", (double)c->contact_id);
		cJSON_AddStringToObject(o, "name", c->name ? c->name : "");
		cJSON *refs = cJSON_AddArrayToObject(o, "referred_by");
		for (size_t k = 0; k < c->n_referrers; k++)
			cJSON_AddItemToArray(refs, cJSON_CreateNumber((double)c->referrers[k]));
		if (c->met_at != 0)
			cJSON_AddNumberToObject(o, "met_at", (double)c->met_at);
		else
			cJSON_AddNullToObject(o, "met_at");
		cJSON_AddNumberToObject(o, "direct_deals", (double)c->direct_deals);
		cJSON_AddStringToObject(o, "direct", money_text(r, c->direct_minor, money,
		                                                         sizeof money));
		cJSON_AddStringToObject(o, "introduced", money_text(r, c->downstream_minor,
		                                                             money, sizeof money));
		cJSON_AddStringToObject(o, "credit", money_text(r, c->credit_minor, money,
		                                                         sizeof money));
		cJSON_AddStringToObject(o, "currency", r->currency);
		cJSON_AddStringToObject(o, "model", model);
		print_line(ctx, o);
	}
	for (size_t j = 0; j < r->n_origins; j++) {
		const struct attrib_origin *g = &r->origins[j];
		cJSON *o = cJSON_CreateObject();
		if (g->invitation_id != 0) {
			cJSON_AddNumberToObject(o, "origin", (double)g->invitation_id);
			cJSON_AddStringToObject(o, "title", g->title ? g->title : "");
			cJSON_AddStringToObject(o, "date", time_format_date(g->starts_at, day, sizeof day));
		} else {
			cJSON_AddNullToObject(o, "origin");
		}
		cJSON_AddStringToObject(o, "credit", money_text(r, g->credit_minor, money,
		                                                         sizeof money));
		cJSON_AddStringToObject(o, "currency", r->currency);
		cJSON_AddStringToObject(o, "model", model);
		print_line(ctx, o);
	}
}

static void print_csv(struct app_ctx *ctx, const struct attrib_report *r, bool is_raw,
                      bool with_header)
{
	char money[32];
	if (with_header)
		fputs("contact,name,referred_by,met_at,direct_deals,direct,introduced,credit,model,"
		      "currency\r\n",
		      ctx->out);
	for (size_t i = 0; i < r->n_contacts; i++) {
		const struct attrib_contact *c = &r->contacts[i];
		if (!involved(c))
			continue;
		char refs[256] = "";
		for (size_t k = 0; k < c->n_referrers; k++) {
			size_t at = strlen(refs);
			snprintf(refs + at, sizeof refs - at, "%s%lld", k ? " " : "",
			         (long long)c->referrers[k]);
		}
		fprintf(ctx->out, "%lld,", (long long)c->contact_id);
		cmd_hist_csv_field(ctx->out, c->name, is_raw);
		fprintf(ctx->out, ",%s,", refs);
		if (c->met_at != 0)
			fprintf(ctx->out, "%lld", (long long)c->met_at);
		fprintf(ctx->out, ",%lld,%s", (long long)c->direct_deals,
		        money_text(r, c->direct_minor, money, sizeof money));
		fprintf(ctx->out, ",%s", money_text(r, c->downstream_minor, money,
		                                             sizeof money));
		fprintf(ctx->out, ",%s,%s,%s\r\n", money_text(r, c->credit_minor, money,
		                                                        sizeof money),
		        attrib_model_name(r->model), r->currency);
	}
}

void cmd_report_print_attribution(struct app_ctx *ctx, const struct attrib_report *r,
                                  enum report_format fmt, bool first)
{
	if (fmt == REPORT_JSON)
		print_json(ctx, r);
	else if (report_format_is_csv(fmt))
		print_csv(ctx, r, fmt == REPORT_CSV_RAW, first);
	else if (first)
		print_table(ctx, r);
	else if (r->deals > 0) { /* another currency: its own table, never summed */
		fputc('\n', ctx->out);
		print_table(ctx, r);
	}
}

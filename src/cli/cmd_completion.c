/*
 * cmd_completion.c: `worthit completion bash|zsh|fish|words`: shell
 * completions generated from the command table, so command help lives
 * once. `make` writes the three scripts under build/completions and
 * `make install` puts them where bash-completion, zsh and fish look;
 * `words` lists every command of the table and every subcommand, one
 * per line ("contact", "contact add"; not the built-in "help"), for
 * tests/cli/test_command_docs.sh, which checks the man page, the README
 * and the scripts against it.
 *
 * What a command offers comes from its entry: its name and summary, its
 * subcommands (the entry's subs table, with their summaries) and its long
 * options (every --word of its usage). Prints only; needs no database or
 * config.
 */
#include "worthit/cmd.h"

#include <ctype.h>
#include <getopt.h>
#include <stdbool.h>
#include <string.h>

extern const struct cmd_entry cmd_completion_entry;

enum { MAX_WORDS = 64, MAX_WORD = 32 };

/* A command's words: subcommands or options, unique, in usage order. */
struct words {
	char w[MAX_WORDS][MAX_WORD];
	int n;
};

static void words_add(struct words *ws, const char *s, size_t len)
{
	if (len == 0 || len >= MAX_WORD || ws->n == MAX_WORDS)
		return;
	for (int i = 0; i < ws->n; i++)
		if (strlen(ws->w[i]) == len && strncmp(ws->w[i], s, len) == 0)
			return;
	memcpy(ws->w[ws->n], s, len);
	ws->w[ws->n++][len] = '\0';
}

static void find_subcommands(const struct cmd_entry *e, struct words *subs)
{
	subs->n = 0;
	for (const struct cmd_sub *sub = e->subs; sub != NULL && sub->name != NULL; sub++)
		words_add(subs, sub->name, strlen(sub->name));
}

static void find_options(const char *usage, struct words *opts)
{
	opts->n = 0;
	for (const char *p = strstr(usage, "--"); p != NULL; p = strstr(p + 2, "--")) {
		size_t n = 2;
		while (islower((unsigned char)p[n]) || isdigit((unsigned char)p[n]) ||
		       (p[n] == '-' && islower((unsigned char)p[n + 1])))
			n++;
		if (n > 2 && (p == usage || !isalnum((unsigned char)p[-1])))
			words_add(opts, p, n);
	}
	words_add(opts, "--help", 6);
}

static void print_joined(FILE *f, const struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		fprintf(f, "%s%s", i ? " " : "", ws->w[i]);
}

static void print_command_names(FILE *f)
{
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		fprintf(f, "%s ", cmd_table[i]->name);
	fputs("help", f);
}

static const char *const global_opts = "--db --config --theme --weights --help";

/* ---- words ---- */

static void print_words(FILE *f)
{
	struct words subs;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		fprintf(f, "%s\n", cmd_table[i]->name);
		find_subcommands(cmd_table[i], &subs);
		for (int j = 0; j < subs.n; j++)
			fprintf(f, "%s %s\n", cmd_table[i]->name, subs.w[j]);
	}
}

/* ---- bash ---- */

static void print_bash_case(FILE *f, const struct cmd_entry *e)
{
	struct words subs, opts;
	find_subcommands(e, &subs);
	find_options(e->usage, &opts);
	fprintf(f, "\t%s)\n", e->name);
	if (subs.n > 0) {
		fputs("\t\tif [[ -z $sub ]]; then words=\"", f);
		print_joined(f, &subs);
		fputs("\"; else words=\"", f);
		print_joined(f, &opts);
		fputs("\"; fi ;;\n", f);
		return;
	}
	fputs("\t\twords=\"", f);
	print_joined(f, &opts);
	fputs("\" ;;\n", f);
}

static void print_bash(FILE *f)
{
	fputs("# bash completion for worthit: generated from the command table by\n"
	      "# `worthit completion bash`; do not edit.\n"
	      "_worthit()\n{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal i cmd= sub= words\n"
	      "\tcase $prev in\n"
	      "\t--db|--config|-o|--output) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
	      "\t--theme|--weights) return ;;\n"
	      "\tesac\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tcase ${COMP_WORDS[i]} in\n"
	      "\t\t--db|--config|--theme|--weights) ((i++)) ;;\n"
	      "\t\t-*) ;;\n"
	      "\t\t*) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; "
	      "elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\tcase $cmd in\n"
	      "\t\"\") words=\"", f);
	print_command_names(f);
	fprintf(f, " %s\" ;;\n", global_opts);
	fputs("\thelp) words=\"", f);
	print_command_names(f);
	fputs("\" ;;\n", f);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		print_bash_case(f, cmd_table[i]);
	fputs("\t*) words=\"\" ;;\n"
	      "\tesac\n"
	      "\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	      "}\n"
	      "complete -o default -F _worthit worthit\n", f);
}

/* ---- zsh ---- */

/* A summary inside '...' in zsh: ' closes the string, : splits name
 * from description. */
static void print_zsh_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else if (*s == ':')
			fputs("\\:", f);
		else
			fputc(*s, f);
	}
}

static void print_zsh_case(FILE *f, const struct cmd_entry *e)
{
	struct words subs, opts;
	find_subcommands(e, &subs);
	find_options(e->usage, &opts);
	fprintf(f, "\t\t%s)\n", e->name);
	if (subs.n > 0) {
		fputs("\t\t\tif (( CURRENT == 2 )); then\n\t\t\t\tsubs=(\n", f);
		for (const struct cmd_sub *sub = e->subs; sub->name != NULL; sub++) {
			fprintf(f, "\t\t\t\t\t'%s:", sub->name);
			print_zsh_text(f, sub->summary != NULL ? sub->summary : "");
			fputs("'\n", f);
		}
		fprintf(f, "\t\t\t\t)\n\t\t\t\t_describe -t subcommands '%s subcommand' subs\n"
		        "\t\t\telse\n\t\t\t\tcompadd -- ", e->name);
		print_joined(f, &opts);
		fputs("; _files\n\t\t\tfi ;;\n", f);
		return;
	}
	fputs("\t\t\tcompadd -- ", f);
	print_joined(f, &opts);
	fputs("; _files ;;\n", f);
}

static void print_zsh(FILE *f)
{
	fputs("#compdef worthit\n"
	      "# zsh completion for worthit: generated from the command table by\n"
	      "# `worthit completion zsh`; do not edit.\n"
	      "_worthit()\n{\n"
	      "\tlocal -a commands subs\n"
	      "\tlocal state\n"
	      "\tcommands=(\n", f);
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		fprintf(f, "\t\t'%s:", cmd_table[i]->name);
		print_zsh_text(f, cmd_table[i]->summary);
		fputs("'\n", f);
	}
	fputs("\t\t'help:show help for a command'\n"
	      "\t)\n"
	      "\t_arguments -C \\\n"
	      "\t\t'--db[the database file]:file:_files' \\\n"
	      "\t\t'--config[the configuration file]:file:_files' \\\n"
	      "\t\t'--theme[a colour theme]:theme:' \\\n"
	      "\t\t'--weights[one-off weights, name=value,...]:weights:' \\\n"
	      "\t\t'--help[show help]' \\\n"
	      "\t\t'1:command:->command' \\\n"
	      "\t\t'*::argument:->argument'\n"
	      "\tcase $state in\n"
	      "\tcommand) _describe -t commands 'worthit command' commands ;;\n"
	      "\targument)\n"
	      "\t\tcase $words[1] in\n"
	      "\t\thelp) _describe -t commands 'worthit command' commands ;;\n", f);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		print_zsh_case(f, cmd_table[i]);
	fputs("\t\tesac ;;\n"
	      "\tesac\n"
	      "}\n"
	      "_worthit \"$@\"\n", f);
}

/* ---- fish ---- */

static void print_fish_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void print_fish_command(FILE *f, const struct cmd_entry *e)
{
	struct words subs, opts;
	find_subcommands(e, &subs);
	find_options(e->usage, &opts);
	fprintf(f, "complete -c worthit -f -n __fish_use_subcommand -a %s -d '", e->name);
	print_fish_text(f, e->summary);
	fputs("'\n", f);
	for (const struct cmd_sub *sub = e->subs; sub != NULL && sub->name != NULL; sub++) {
		fprintf(f, "complete -c worthit -f -n '__fish_seen_subcommand_from %s; "
		        "and not __fish_seen_subcommand_from ", e->name);
		print_joined(f, &subs);
		fprintf(f, "' -a %s -d '", sub->name);
		print_fish_text(f, sub->summary != NULL ? sub->summary : "");
		fputs("'\n", f);
	}
	for (int i = 0; i < opts.n; i++)
		fprintf(f, "complete -c worthit -n '__fish_seen_subcommand_from %s' -l %s\n",
		        e->name, opts.w[i] + 2);
}

static void print_fish(FILE *f)
{
	fputs("# fish completion for worthit: generated from the command table by\n"
	      "# `worthit completion fish`; do not edit.\n"
	      "complete -c worthit -l db -r -F -d 'the database file'\n"
	      "complete -c worthit -l config -r -F -d 'the configuration file'\n"
	      "complete -c worthit -l theme -x -d 'a colour theme'\n"
	      "complete -c worthit -l weights -x -d 'one-off weights, name=value,...'\n"
	      "complete -c worthit -l help -d 'show help'\n", f);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		print_fish_command(f, cmd_table[i]);
	fputs("complete -c worthit -f -n __fish_use_subcommand -a help -d 'show help for a command'\n"
	      "complete -c worthit -f -n '__fish_seen_subcommand_from help' -a '", f);
	print_command_names(f);
	fputs("'\n", f);
}

static int completion_print(struct app_ctx *ctx, int argc, char **argv, void (*print)(FILE *))
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	if (getopt_long(argc, argv, "", longopts, NULL) != -1 || argc - optind != 0)
		return cmd_usage(ctx, &cmd_completion_entry);
	print(ctx->out);
	return 0;
}

static int completion_bash(struct app_ctx *ctx, int argc, char **argv)
{
	return completion_print(ctx, argc, argv, print_bash);
}

static int completion_zsh(struct app_ctx *ctx, int argc, char **argv)
{
	return completion_print(ctx, argc, argv, print_zsh);
}

static int completion_fish(struct app_ctx *ctx, int argc, char **argv)
{
	return completion_print(ctx, argc, argv, print_fish);
}

static int completion_words(struct app_ctx *ctx, int argc, char **argv)
{
	return completion_print(ctx, argc, argv, print_words);
}

static const struct cmd_sub completion_subs[] = {
	{ .name = "bash", .summary = "the bash completion script", .run = completion_bash },
	{ .name = "fish", .summary = "the fish completion script", .run = completion_fish },
	{ .name = "words", .summary = "every command and subcommand, one per line",
	  .run = completion_words },
	{ .name = "zsh", .summary = "the zsh completion script", .run = completion_zsh },
	{ .name = NULL },
};

const struct cmd_entry cmd_completion_entry = {
	.name = "completion",
	.usage = "completion bash | completion zsh | completion fish | completion words",
	.summary = "print a shell completion script (or every command and subcommand)",
	.help = "bash, zsh and fish scripts complete commands, subcommands and options;\n"
	        "`make install` installs all three. words prints each command and each\n"
	        "subcommand (\"contact add\") on a line of its own.\n",
	.flags = 0,
	.subs = completion_subs,
};

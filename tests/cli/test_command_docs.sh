# test_command_docs.sh: command help lives once. The command table, as
# `worthit completion words` prints it (every command, and every
# subcommand as "contact add"), is the truth; the man page's COMMANDS
# section, the README's usage lines and the bash, zsh and fish
# completions must name exactly those commands and subcommands. A command
# added to src/cli/cmd.c without its documentation fails here, and so
# does documentation of a command that is gone.
. "$WORTHIT_TOP/tests/lib.sh"

expect_rc 0 "$WORTHIT" completion words
words=$out
[ -n "$words" ] || fail "completion words printed nothing"
echo "$words" | awk 'NF == 1' | sort >"$T/cmds"
echo "$words" | awk 'NF == 2' | sort >"$T/subs"
grep -qx contact "$T/cmds" || fail "no 'contact' in: $words"
grep -qx "contact add" "$T/subs" || fail "no 'contact add' in: $words"
grep -qx "config show" "$T/subs" || fail "no 'config show' in: $words"
expect_rc 64 "$WORTHIT" completion
expect_rc 64 "$WORTHIT" completion tcsh

# same_set WHAT FILE: FILE (sorted, unique) must equal $T/want
same_set() {
	sort -u "$2" >"$2.sorted"
	if ! cmp -s "$T/want" "$2.sorted"; then
		fail "$1 differs from the command table (< table, > $1):
$(diff "$T/want" "$2.sorted" | grep '^[<>]')"
	fi
}
subs_of() { awk -v c="$1" '$1 == c { print $2 }' "$T/subs"; }

# ---- the man page: one .SS per command ("undo, redo" names two) ----
man="$WORTHIT_TOP/share/man/man1/worthit.1"
sed -n '/^\.SH COMMANDS/,/^\.SH [^C]/p' "$man" >"$T/man"
[ -s "$T/man" ] || fail "no COMMANDS section in the man page"
sed -n 's/^\.SS //p' "$T/man" | tr ',' '\n' | sed 's/^ *//; s/ *$//; s/^"//; s/"$//' |
	grep . >"$T/man_cmds"
cp "$T/cmds" "$T/want"
same_set "the man page's .SS command sections" "$T/man_cmds"
# each subcommand in its command's section, as `.B worthit CMD SUB` or a
# `.B SUB` alternative; and every `.B worthit CMD WORD` there is one
: >"$T/man_subs"
for c in $(awk '{ print $1 }' "$T/subs" | sort -u); do
	awk -v c="$c" '/^\.SS / { s = $0; sub(/^\.SS /, "", s); n = split(s, a, /, */); on = 0
	                          for (i = 1; i <= n; i++) if (a[i] == c) on = 1; next }
	               on' "$T/man" >"$T/man_$c"
	for s in $(subs_of "$c"); do
		grep -Eq "^\.B \"?(worthit $c )?$s( |\"|\$)" "$T/man_$c" ||
			fail "the man page's $c section does not show '$c $s'"
	done
	sed -n "s/^\.B \"\{0,1\}worthit $c \([a-z][a-z-]*\).*/$c \1/p" "$T/man_$c" >>"$T/man_subs"
done
awk 'NR == FNR { ok[$0] = 1; next } !($0 in ok) { print "the man page shows \"worthit " $0 "\", not a subcommand" }' \
	"$T/subs" "$T/man_subs" >"$T/extra"
[ -s "$T/extra" ] && fail "$(cat "$T/extra")"

# ---- the README's usage lines (the sh block under "## Usage") ----
readme="$WORTHIT_TOP/README.md"
awk '/^## Usage/ { u = 1; next } u && /^```/ { n++; if (n == 2) exit; next } u && n == 1' \
	"$readme" >"$T/usage"
[ -s "$T/usage" ] || fail "no usage block under '## Usage' in README.md"
# every "worthit WORD [WORD]" in the block
grep -o 'worthit [a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}' "$T/usage" | sed 's/^worthit //' >"$T/readme_words"
awk '{ print $1 }' "$T/readme_words" | grep -vx help >"$T/readme_cmds"
same_set "README.md's usage lines" "$T/readme_cmds"
awk 'NR == FNR { has[$1] = 1; next } NF == 2 && ($1 in has)' "$T/subs" "$T/readme_words" >"$T/readme_subs"
cp "$T/subs" "$T/want"
same_set "README.md's usage lines (subcommands)" "$T/readme_subs"

# ---- the completions ----
{ cat "$T/cmds"; echo help; } | sort >"$T/want"
expect_rc 0 "$WORTHIT" completion bash
echo "$out" >"$T/worthit.bash"
# complete_bash WORD...: what bash offers after "worthit WORD... "
complete_bash() {
	bash -c '. "$1"; shift; COMP_WORDS=(worthit "$@" ""); COMP_CWORD=$#
	         COMP_CWORD=$((COMP_CWORD + 1)); _worthit; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$T/worthit.bash" "$@"
}
if command -v bash >/dev/null 2>&1; then
	complete_bash | grep -v '^-' >"$T/bash_cmds"
	same_set "the bash completion's commands" "$T/bash_cmds"
	complete_bash | grep -qx -- --db || fail "bash does not complete --db"
	complete_bash --db x.db | grep -qx score || fail "bash skips --db's value badly"
	complete_bash help | grep -qx contact || fail "bash does not complete help's argument"
	complete_bash import | grep -qx -- --dry-run || fail "bash does not offer import's --dry-run"
	for c in $(awk '{ print $1 }' "$T/subs" | sort -u); do
		subs_of "$c" | sort >"$T/want"
		complete_bash "$c" >"$T/bash_subs"
		same_set "the bash completion of '$c'" "$T/bash_subs"
	done
	{ cat "$T/cmds"; echo help; } | sort >"$T/want"
fi

expect_rc 0 "$WORTHIT" completion zsh
echo "$out" >"$T/_worthit"
head -n 1 "$T/_worthit" | grep -qx '#compdef worthit' || fail "zsh script lacks #compdef"
awk '/^\tcommands=\(/ { on = 1; next } on && /^\t\)/ { exit } on' "$T/_worthit" |
	sed -n "s/^[[:space:]]*'\([a-z][a-z-]*\):.*/\1/p" >"$T/zsh_cmds"
same_set "the zsh completion's commands" "$T/zsh_cmds"
for c in $(awk '{ print $1 }' "$T/subs" | sort -u); do
	subs_of "$c" | sort >"$T/want"
	awk -v c="$c" '$1 == c ")" { on = 1; next } on && /_describe/ { exit } on' "$T/_worthit" |
		sed -n "s/^[[:space:]]*'\([a-z][a-z-]*\):.*/\1/p" >"$T/zsh_subs"
	same_set "the zsh completion of '$c'" "$T/zsh_subs"
done
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$T/_worthit" || fail "zsh -n rejects the zsh completion"
fi

{ cat "$T/cmds"; echo help; } | sort >"$T/want"
expect_rc 0 "$WORTHIT" completion fish
echo "$out" >"$T/worthit.fish"
sed -n 's/.* -n __fish_use_subcommand -a \([a-z][a-z-]*\) .*/\1/p' "$T/worthit.fish" >"$T/fish_cmds"
same_set "the fish completion's commands" "$T/fish_cmds"
for c in $(awk '{ print $1 }' "$T/subs" | sort -u); do
	subs_of "$c" | sort >"$T/want"
	sed -n "s/.*'__fish_seen_subcommand_from $c; and not [^']*' -a \([a-z][a-z-]*\) .*/\1/p" \
		"$T/worthit.fish" >"$T/fish_subs"
	same_set "the fish completion of '$c'" "$T/fish_subs"
done
if command -v fish >/dev/null 2>&1; then
	fish -n "$T/worthit.fish" || fail "fish -n rejects the fish completion"
	# what fish itself offers, asked the way its command line does
	{ cat "$T/cmds"; echo help; } | sort >"$T/want"
	fish --no-config -c "source '$T/worthit.fish'; complete -C 'worthit '" | cut -f1 |
		grep -v '^-' >"$T/fish_offer"
	same_set "fish's completion of 'worthit '" "$T/fish_offer"
	subs_of contact | sort >"$T/want"
	fish --no-config -c "source '$T/worthit.fish'; complete -C 'worthit contact '" | cut -f1 \
		>"$T/fish_offer"
	same_set "fish's completion of 'worthit contact '" "$T/fish_offer"
fi
exit 0

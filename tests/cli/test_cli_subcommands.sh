#!/bin/sh
# test_cli_subcommands.sh: commands with subcommands (contact, deal,
# config, weights) dispatch from the subcommand table in their entry
# (cmd_run in src/cli/cmd.c): help lists each subcommand with its
# summary; an unknown subcommand is a usage error (64) naming the
# command and the known subcommands, then the usage; each subcommand
# runs; without a subcommand word, the command's default runs (weights)
# or it is a usage error (contact, deal, config).
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }

# command "its subcommands, in table order"
for spec in "contact:add edit list show remove" "deal:add edit list show remove" \
            "config:init path show" "weights:set reset suggest backtest preset"; do
	cmd=${spec%%:*} subs=${spec#*:}
	expect_rc 0 W help "$cmd"
	expect_out "Subcommands:"
	listed=$(printf '%s\n' "$out" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' |
	         tr '\n' ' ')
	expect_eq "$listed" "$subs " "subcommands listed by 'help $cmd'"
	# every listed line has a summary after the name
	n=$(printf '%s\n' "$out" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF >= 2' | wc -l)
	expect_eq "$n" "$(echo $subs | wc -w)" "subcommands of $cmd with a summary"
	run W "$cmd" --help
	expect_eq "$rc" 0 "'$cmd --help' exit code"
	expect_out "Subcommands:"

	expect_rc 64 W "$cmd" frobnicate
	known=$(echo $subs | awk '{ for (i = 1; i <= NF; i++)
		printf "%s%s", $i, i == NF ? "" : i == NF - 1 ? " or " : ", " }')
	expect_err "worthit: $cmd: unknown subcommand 'frobnicate' ($known)"
	expect_err "usage: worthit $cmd"
done

# no subcommand word
expect_rc 64 W contact
expect_err "usage: worthit contact"
expect_rc 64 W deal
expect_rc 64 W config
expect_rc 0 W weights
expect_out "room"
expect_rc 0 W weights --json
expect_out '"go":'

# each table entry reaches its function
expect_rc 0 W config path
expect_eq "$out" "$T/config.json" "config path"
expect_rc 0 W config init
expect_rc 0 W contact add 'Ann Able' --company Able
expect_out "added contact #1 Ann Able"
expect_rc 0 W contact list
expect_out "Ann Able"
expect_rc 0 W deal add --contact 1 --amount 100 --date 2026-02-01
expect_rc 0 W deal list --json
expect_out '"amount":"100.00"'
expect_rc 0 W weights set go=61
expect_out "go = 61"
expect_rc 0 W weights reset go
expect_out "go = 60 (was 61)"
# a subcommand's own arguments are checked by it
expect_rc 64 W config path extra
expect_err "config path: unexpected argument 'extra'"
exit 0

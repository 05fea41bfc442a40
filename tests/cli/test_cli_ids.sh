#!/bin/sh
# test_cli_ids.sh: every command reads ids through one parser
# (cmd_parse_id_of in src/cli/cmd.c): a malformed id -- letters, zero,
# trailing text, a sign -- is a usage error (exit 64, EX_USAGE) with the
# same words in every command, naming the option when it came from one,
# and nothing is written. A well-formed id that does not exist is not a
# usage error.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/none.json" "$@"; }
expect_rc 0 W list # creates the database

# "CMD with X for the id" "message prefix" "kind of id"
check() {
	tmpl=$1
	for v in abc 0 7x +5 " 5"; do
		set --
		for w in $tmpl; do
			if [ "$w" = X ]; then set -- "$@" "$v"; else set -- "$@" "$w"; fi
		done
		before=$(sqlite3 "$DB" .dump)
		expect_rc 64 W "$@"
		expect_err "worthit: $prefix\"$v\" is not $kind id (a positive number)"
		[ "$(sqlite3 "$DB" .dump)" = "$before" ] || fail "'$*' changed the database"
	done
}

prefix="" kind="an invitation"
for c in "show X" "decide X accept" "outcome X --hours 2" "skip X" "score X" "why X 1" \
         "why 1 X"; do
	check "$c"
done
prefix="--done: " check "review --done X"
prefix="--met-at: " check "contact add Zed --met-at X"
prefix="" kind="a deal"
for c in "deal show X" "deal edit X --amount 5" "deal remove X"; do
	check "$c"
done

# a well-formed id that is not there: the command's own failure, never
# the usage error
for c in "show 99" "skip 99" "outcome 99 --hours 2" "deal show 99"; do
	# shellcheck disable=SC2086
	run W $c
	[ "$rc" -ne 64 ] || fail "'$c' exited 64 for a well-formed id"
	[ "$rc" -ne 0 ] || fail "'$c' succeeded on an empty database"
	contains "$err" "is not" && fail "'$c' called a well-formed id malformed: $err"
done
exit 0

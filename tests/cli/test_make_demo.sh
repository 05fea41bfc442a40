# test_make_demo.sh: `make run` first brings the demo database up to
# date (its demo-fresh step): it makes the database when there is none,
# leaves a current one alone, and rebuilds one whose upcoming
# invitations have drifted into the past.
. "$WORTHIT_TOP/tests/lib.sh"

command -v make >/dev/null 2>&1 || { echo "make not installed"; exit 77; }
unset MAKEFLAGS MFLAGS MAKELEVEL WORTHIT_NOW # a make of its own; today's dates
bin=${WORTHIT#"$WORTHIT_TOP"/}
build=${WORTHIT_BUILD#"$WORTHIT_TOP"/}
dir="$T/demo"
fresh() {
	make -C "$WORTHIT_TOP" --no-print-directory demo-fresh DEMO_DIR="$dir" BIN="$bin" \
		BUILD="$build" >"$T/make.out" 2>&1
	rc=$?; out=$(cat "$T/make.out")
	[ "$rc" -eq 0 ] || fail "make demo-fresh failed: $out"
}
upcoming() {
	sqlite3 "$dir/worthit.db" "SELECT count(*) FROM invitation
	                           WHERE starts_at > CAST(strftime('%s', 'now') AS INTEGER)"
}
fresh
expect_out "demo database"
[ -f "$dir/config.json" ] || fail "no demo config written"
n=$(upcoming)
[ "$n" -ge 40 ] || fail "only $n upcoming invitations in a new demo"
fresh
contains "$out" "rebuilding" && fail "a current demo was rebuilt: $out"
# three weeks later, as far as the database can tell
sqlite3 "$dir/worthit.db" "UPDATE invitation SET starts_at = starts_at - 21 * 86400,
                                               ends_at = ends_at - 21 * 86400"
[ "$(upcoming)" -lt "$n" ] || fail "aging the database changed nothing"
fresh
expect_out "rebuilding"
expect_eq "$(upcoming)" "$n" "upcoming invitations after the rebuild"
exit 0

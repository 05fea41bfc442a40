# test_list_score.sh: `list` shows each invitation's score and verdict as
# `score` computes them, and the global --weights is a one-off what-if
# there too (as with `score`): the config file is never touched by it.
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/c.json"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }
W demo >/dev/null || fail "demo failed"
before=$(sha256sum <"$CFG")

score_of() { # id, json lines on stdin -> the score member of that id
	sed -n "s/^{\"id\":$1,.*\"score\":\([0-9.]*\).*/\1/p" | head -n 1
}
id=$(W score --json --limit 1 | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
[ -n "$id" ] || fail "no top invitation"
want=$(W score --json "$id" | score_of "$id")
got=$(W list --json | score_of "$id")
expect_eq "$got" "$want" "list --json score of #$id"
W list --json | head -n 1 | grep -q '"verdict":"\(go\|maybe\|skip\)"' || fail "no verdict in list --json"

# what-if: overlap off changes the listed score exactly as it changes score's
want_off=$(W --weights overlap=0 score --json "$id" | score_of "$id")
got_off=$(W list --weights overlap=0 --json | score_of "$id")
expect_eq "$got_off" "$want_off" "list --weights score of #$id"
[ "$got_off" != "$got" ] || fail "--weights overlap=0 changed nothing ($got)"
expect_rc 0 W list
expect_out "SCORE"
expect_eq "$(sha256sum <"$CFG")" "$before" "config touched by --weights"
expect_rc 64 W list --weights nosuchknob=1
exit 0

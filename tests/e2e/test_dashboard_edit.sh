#!/bin/sh
# test_dashboard_edit.sh: e in the Invitations tab opens the edit form
# of an invitation's facts; the score on the form follows a changed
# field as it is typed; Esc leaves the database byte for byte as it was;
# Enter saves in one transaction (the facts become the user's) and u
# undoes the edit through the same journal as decisions.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
dump() { sqlite3 "$DB" .dump | sha256sum; }
W add "Coffee with Sam" tomorrow 9:30 45m --at "Blue Bottle" >/dev/null || fail "add failed"
travel=$(sqlite3 "$DB" "SELECT travel_min FROM invitation WHERE id = 1")
# the score line of the form: "Score 29.1 (skip), was 29.1"
score_now() { e2e_screen | sed -n 's/.*Score \([0-9.]*\) (.*, was .*/\1/p' | head -n 1; }

e2e_start 120 40
e2e_wait "Coffee with Sam"
e2e_keys e
e2e_wait "Edit: Coffee with Sam"
e2e_wait "People in the room"
before_score=$(score_now)
[ -n "$before_score" ] || e2e_fail_screen "no score on the form"
e2e_wait ", was $before_score"
# field 11 (0-based 10): people in the room; the score follows the typing
i=0; while [ $i -lt 10 ]; do e2e_keys Down; i=$((i + 1)); done
e2e_keys C-u
e2e_type "400"
changed() { s=$(score_now); [ -n "$s" ] && [ "$s" != "$before_score" ]; }
e2e_wait_until changed
e2e_wait "of 399 others" # score v2: the room besides you
e2e_wait ", was $before_score"
# Esc: nothing written
before=$(dump)
e2e_keys Escape
e2e_wait "Edit cancelled: nothing written"
e2e_wait_gone "Edit: Coffee with Sam"
expect_eq "$(dump)" "$before" "database after Esc"

# Enter saves: travel 45 (field 7, 0-based 6)
e2e_keys e
e2e_wait "Edit: Coffee with Sam"
i=0; while [ $i -lt 6 ]; do e2e_keys Down; i=$((i + 1)); done
e2e_keys C-u
e2e_type "45"
e2e_wait "2 × 45 min travel"
e2e_keys Enter
e2e_wait "Saved the facts of \"Coffee with Sam\""
expect_eq "$(sqlite3 "$DB" "SELECT i.travel_min, f.source FROM invitation i JOIN fact_origin f
	ON f.invitation_id = i.id AND f.fact = 'travel_min' WHERE i.id = 1")" "45|user" "after Enter"

# a bad value is refused on Enter, and nothing is written
e2e_keys e
e2e_wait "Edit: Coffee with Sam"
e2e_keys Down C-u
e2e_type "brunch"
e2e_wait 'kind: "brunch" is not breakfast'
before=$(dump)
e2e_keys Enter
e2e_wait "Not saved: kind"
expect_eq "$(dump)" "$before" "database after a refused save"
e2e_keys Escape
e2e_wait_gone "Edit: Coffee with Sam"

# u undoes the edit
e2e_keys u
e2e_wait "Undid the edit of \"Coffee with Sam\""
expect_eq "$(sqlite3 "$DB" "SELECT travel_min FROM invitation WHERE id = 1")" "$travel" "after u"
expect_eq "$(sqlite3 "$DB" "SELECT source FROM fact_origin WHERE invitation_id = 1 AND
	fact = 'travel_min'")" "default" "origin after u"
e2e_keys q
e2e_wait_exit
exit 0

# test_invites_outcome.sh: o and x on past invitations in the
# Invitations tab (f shows them): x marks a past accepted event skipped
# and u takes it back; o opens the same outcome form as the History tab
# and Enter logs it (attended, the header's "to review" count drops);
# on an event still to come both are refused with nothing written.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
dump() { sqlite3 "$DB" .dump | sha256sum; }
# the newest accepted event awaiting its outcome (shown by f: the last 90 days)
row=$(W review --json | grep '"review":"outcome"' | tail -n 1)
id=$(echo "$row" | sed 's/{"id":\([0-9]*\).*/\1/')
title=$(sqlite3 "$DB" "SELECT title FROM invitation WHERE id = $id")
[ -n "$id" ] || fail "nothing awaiting an outcome in the demo"
word=$(echo "$title" | cut -c1-14)

e2e_start 120 40
e2e_wait " to review"
review=$(e2e_screen | head -n 1 | sed 's/.* \([0-9]*\) to review.*/\1/')
e2e_keys f
e2e_wait "Showing decided and past invitations"
e2e_keys /
e2e_type "$word"
e2e_keys Enter
e2e_wait "/$word: "
# put the cursor on the row of that date
day=$(sqlite3 "$DB" "SELECT strftime('%d %m', starts_at, 'unixepoch', 'localtime') FROM invitation
	WHERE id = $id" | awk '{ split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ");
	print $1 " " m[$2 + 0] }')
n=$(e2e_screen | sed -n '3,$p' | grep -n "^. $day " | head -n 1 | cut -d: -f1)
[ -n "$n" ] || e2e_fail_screen "no row on $day"
i=1; while [ "$i" -lt "$n" ]; do e2e_keys j; i=$((i + 1)); done
e2e_wait "$(echo "$title" | cut -c1-30)"

e2e_keys x
e2e_wait "#$id marked skipped (did not go); u undoes"
expect_eq "$(sqlite3 "$DB" "SELECT status FROM invitation WHERE id = $id")" skipped "after x"
e2e_wait "$((review - 1)) to review"
e2e_keys u
e2e_wait "back to accepted"
expect_eq "$(sqlite3 "$DB" "SELECT status FROM invitation WHERE id = $id")" accepted "after u"

e2e_keys o
e2e_wait "Log outcome: $(echo "$title" | cut -c1-20)"
e2e_keys C-u; e2e_type "1.5"; e2e_keys Tab Tab Tab Tab Tab C-u; e2e_type "800"; e2e_keys Enter
e2e_wait "Outcome logged for"
expect_eq "$(sqlite3 "$DB" "SELECT i.status, o.actual_minutes, o.revenue_minor FROM invitation i
	JOIN outcome o ON o.invitation_id = i.id WHERE i.id = $id")" "attended|90|80000" "after o"
e2e_wait "$((review - 1)) to review"

# an event still to come: refused, nothing written
e2e_keys Escape
e2e_wait "Filter cleared"
e2e_keys f
e2e_wait "Showing upcoming undecided invitations only"
e2e_keys g
before=$(dump)
e2e_keys o
e2e_wait "has not happened yet"
e2e_keys x
e2e_wait "once it has happened"
[ "$(dump)" = "$before" ] || fail "o or x on a future event wrote to the database"
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0

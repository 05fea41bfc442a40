# test_dashboard_keys.sh: the incremental filter (and Esc clearing it),
# the help overlay, view switching with 1-3 and Tab, sort cycling with s,
# f showing decided and past invitations: each asserted on screen.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"

# filter: narrows while typing, over title, organizer and location
e2e_keys /
e2e_type "bar"
e2e_wait "/bar  (2 shown;"     # title Bar Association..., location Harbor Bar
rows=$(e2e_list_rows)
contains "$rows" "Bar Association Le" || fail "bar: $rows"
contains "$rows" "Real Estate Invest" || fail "bar (location): $rows"
e2e_keys BSpace BSpace BSpace
e2e_wait "/  (9 shown;"
e2e_type "dental"
e2e_wait "/dental  (1 shown;"
rows=$(e2e_list_rows)
expect_eq "$(echo "$rows" | wc -l)" 1 "rows under /dental"
contains "$rows" "Dental Practice Ma" || fail "wrong row: $rows"
e2e_keys Enter
e2e_wait "/dental: 1 shown, Esc clears"
e2e_keys Escape
e2e_wait_gone "shown"
expect_eq "$(e2e_list_rows | wc -l)" 9 "rows after Esc"
e2e_keys / ; e2e_type "smile center"   # a location, case-insensitive
e2e_wait "/smile center  (1 shown;"
e2e_keys Enter Escape
e2e_wait_gone "shown"

# help: every key from the key table, any key closes
e2e_keys '?'
e2e_wait "accept the invitation"
screen=$(e2e_screen)
for k in "j, Down" "sort by score, date, cost" "scroll the detail down"; do
	contains "$screen" "$k" || fail "help lacks '$k'"
done
# taller than 40 rows: PgDn scrolls to the end, PgUp back
contains "$screen" "PgDn/PgUp scroll" || fail "no scroll hint: $screen"
e2e_keys NPage
e2e_wait "this help"
# the table has grown past two pages: page down until the end shows
for _ in 1 2 3; do
	contains "$(e2e_screen)" "quit" && break
	e2e_keys NPage
	sleep 0.3
done
e2e_wait "this help"
screen=$(e2e_screen)
for k in "undo the last decision" "Everywhere" "quit"; do
	contains "$screen" "$k" || fail "help end lacks '$k'"
done
e2e_keys PPage
e2e_wait "j, Down"
e2e_keys x
e2e_wait_gone "accept the invitation"
e2e_wait "Why this score"

# views
e2e_keys 2
e2e_wait "By kind, all time"
e2e_keys Tab
e2e_wait "Knobs (as saved)"
e2e_keys 1
e2e_wait "Why this score"
e2e_keys BTab
e2e_wait "Plan for 2026-03"
e2e_keys BTab
e2e_wait "Knobs (as saved)"
e2e_keys 1
e2e_wait "Why this score"

# sort: score -> date -> cost -> score
e2e_keys s
e2e_wait "Title (9, by date)"
first=$(e2e_list_rows | head -n 1)
contains "$first" "Chamber Coffee Con" || fail "date sort first row: $first"
e2e_keys s
e2e_wait "Title (9, by cost)"
last=$(e2e_list_rows | tail -n 1)
contains "$last" "National Software" || fail "cost sort last row: $last"
e2e_keys s
e2e_wait "Title (9, by score)"

# f: decided and past invitations too
e2e_keys f
e2e_wait "Title (12, by scor"
screen=$(e2e_screen)
contains "$screen" "Crypto Networking" || fail "declined not shown"
contains "$screen" "Legal Ops Roundtab" || fail "past accepted not shown"
e2e_keys f
e2e_wait "Title (9, by score)"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

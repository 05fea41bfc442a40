# test_dashboard_start.sh: at 120x40 the dashboard shows the ranked
# list (scores in descending order, the worst invitation last), the
# header counts and the budget gauge, and the detail of the selected
# invitation with every score component; q exits 0.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
screen=$(e2e_screen)

# header: tabs, 9 upcoming pending/maybe, 1 accepted in the past
contains "$screen" "1 Invitations" || fail "no tabs: $screen"
contains "$screen" "9 pending  1 to review" || fail "wrong counts: $screen"
# accepted this month: Law Firm Partners Luncheon 1.5 h + 2 x 20 + 10 min = 2.3 h
contains "$screen" "Mar 2.3 h of 6-12" || fail "no budget gauge: $screen"

rows=$(e2e_list_rows)
[ "$(echo "$rows" | wc -l)" -eq 9 ] || fail "expected 9 rows, got: $rows"
# scores descend down the list
echo "$rows" | cut -d'|' -f2 | sort -rn -c || fail "not ranked by score: $rows"
# the expensive out-of-town summit ranks last
echo "$rows" | tail -n 1 | grep -q "^National Software" || fail "summit not last: $rows"
# decided and past ones are hidden
contains "$screen" "Crypto Networking" && fail "declined invitation shown"
contains "$screen" "Legal Ops Roundtable" && fail "past invitation shown"

# the ranking matches the scoring engine's own when the CLI offers it
if "$WORTHIT" help score >/dev/null 2>&1; then
	"$WORTHIT" --db "$DB" --config "$T/config.json" score --json >"$T/score.json" 2>/dev/null &&
	top=$(sed -n '1s/.*"title":"\([^"]*\)".*/\1/p' "$T/score.json") &&
	[ -n "$top" ] && { echo "$rows" | head -n 1 | grep -q "^$(echo "$top" | cut -c1-18)" ||
		fail "top row differs from 'worthit score': $top vs $rows"; }
fi

# the detail pane shows the selected (top) invitation with its components
top_title=$(echo "$rows" | head -n 1 | cut -d'|' -f1 | sed 's/…$//; s/ *$//')
top_score=$(echo "$rows" | head -n 1 | cut -d'|' -f2)
detail=$(e2e_detail)
contains "$detail" "$top_title" || fail "detail lacks '$top_title': $detail"
echo "$detail" | grep -q "^Score *$top_score " || fail "detail score differs: $detail"
for c in "the room" "the people" "the stage" "track record" "month balance" "cost" \
	"availability" "over the band" "When" "Where" "Travel" "Cost" "Gate"; do
	contains "$detail" "$c" || fail "detail lacks '$c'"
done

# moving down changes the detail to the second row
second=$(echo "$rows" | sed -n 2p | cut -d'|' -f1 | sed 's/…$//; s/ *$//')
e2e_keys j
e2e_wait "$second"
e2e_keys G
e2e_wait "National Software Summit"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code after q"
exit 0

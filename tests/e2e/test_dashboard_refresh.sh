# test_dashboard_refresh.sh: while the dashboard runs, another process
# (`worthit decide`) declines an invitation: within a few seconds the
# dashboard notices (PRAGMA data_version), drops that row, updates the
# header count and keeps the selected invitation selected, in the list
# and in the detail.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
e2e_wait "9 pending"
# select the Dental meetup (not the one decided below), then clear the
# filter: the selection stays on it
e2e_keys / ; e2e_type "dental"; e2e_keys Enter
e2e_wait "/dental: 1 shown"
e2e_keys Escape
e2e_wait_gone "shown"
e2e_wait "│ Dental Practice Managers Meetup"
row_before=$(e2e_list_rows | grep -n "^Dental Practice" | cut -d: -f1)
[ -n "$row_before" ] || fail "Dental row not listed: $(e2e_screen)"

expect_rc 0 "$WORTHIT" --db "$DB" --config "$T/config.json" decide 4 decline
contains "$out" "National Software Summit" || fail "decide said: $out"
# the poll runs every second: allow for a slow machine
e2e_wait "8 pending"
e2e_wait_gone "National Software Sum"
contains "$(e2e_detail | head -n 1)" "Dental Practice Managers Meetup" ||
	fail "selection lost after refresh: $(e2e_screen)"
[ "$(e2e_list_rows | wc -l)" -eq 8 ] || fail "expected 8 rows: $(e2e_screen)"
# the summit ranked last, below Dental: Dental keeps its row number
row_after=$(e2e_list_rows | grep -n "^Dental Practice" | cut -d: -f1)
expect_eq "$row_after" "$row_before" "Dental's row"
# the key path still acts on the selected row
e2e_keys m
e2e_wait 'Marked maybe "Dental Practice Managers Meetup"'
expect_eq "$(sql "SELECT status FROM invitation WHERE id = 7")" maybe "id 7"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

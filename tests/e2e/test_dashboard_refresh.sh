# test_dashboard_refresh.sh: while the dashboard runs, another process
# decides an invitation (the CLI's decide when it exists, else a direct
# write with the sqlite3 tool): within a few seconds the dashboard shows
# the change and keeps the selected invitation selected.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
# select the Dental meetup (not the one decided below)
e2e_keys / ; e2e_type "dental"; e2e_keys Enter Escape
e2e_wait_gone "shown"
e2e_wait "Dental Practice Managers Meetup"
detail_before=$(e2e_detail | head -n 1)
contains "$detail_before" "Dental Practice Managers Meetup" || fail "selection: $detail_before"

if "$WORTHIT" help decide >/dev/null 2>&1; then
	expect_rc 0 "$WORTHIT" --db "$DB" decide 4 decline
else
	sql "UPDATE invitation SET status = 'declined' WHERE id = 4"
fi
e2e_wait "8 pending" 5
e2e_wait_gone "National Software Sum" 5
contains "$(e2e_detail | head -n 1)" "Dental Practice Managers Meetup" ||
	fail "selection lost after refresh: $(e2e_screen)"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

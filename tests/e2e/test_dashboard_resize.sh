# test_dashboard_resize.sh: 120x40 -> 30x8 (compact list) -> 20x5 (too
# small, said in the middle) -> 80x30 (list above detail) -> 80x20
# (detail behind Enter) -> 120x40: still running, redrawn right each
# time, keys still work, q exits 0.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"

e2e_resize 30 8
e2e_wait_gone "Why this score"
# compact header and rows (wait: the redraw may trail the resize)
e2e_wait "1Inv"
e2e_wait "04 Mar 08:00"

e2e_resize 20 5
e2e_wait "Terminal too small"
e2e_wait "need 28x6"
e2e_keys j   # keys are ignored, not fatal

e2e_resize 80 30
e2e_wait "Why this score"
e2e_wait "Bar Association"
separator_row() { e2e_screen | grep -q "^─\{80\}$"; }
e2e_wait_until separator_row

e2e_resize 80 20
e2e_wait_gone "Why this score"
e2e_keys Enter
e2e_wait "Why this score"
e2e_keys Escape
e2e_wait_gone "Why this score"

e2e_resize 120 40
e2e_wait "Why this score"
e2e_wait "9 pending  1 to review"
[ "$(e2e_list_rows | wc -l)" -eq 9 ] || fail "list not redrawn at 120x40: $(e2e_screen)"
kill -0 "$(e2e_pid)" || fail "worthit died"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

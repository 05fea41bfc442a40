# test_dashboard_detail.sh: the detail pane scrolls. At 120x40 the
# selected invitation's detail is longer than the pane: J/K move it a
# line (a mark says there is more above), ^D reaches the audience
# section at the end, another row starts again at the top; on a narrow
# screen Enter gives the detail the screen and j/k scroll it.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
first_detail_line() { e2e_detail | head -n 1; }
last_detail_line() { e2e_detail | sed '$d' | tail -n 1; } # above the status line
title=$(first_detail_line | sed 's/ *$//')
contains "$title" "Bar Association Legal Tech Breakfast" || fail "top row: $title"
contains "$(e2e_detail)" "Audience (share of the room" && fail "detail not cut at 40 rows?"
last_detail_line | grep -q "▼" || fail "no 'more below' mark: $(e2e_detail)"

e2e_keys J
e2e_wait_gone "Bar Association Legal Tech Breakfast  "
first_detail_line | grep -q "^ *When .*▲ *$" || fail "J: $(first_detail_line)"
e2e_keys K
e2e_wait "│ Bar Association Legal Tech Breakfast"

e2e_keys C-d C-d C-d C-d
e2e_wait "Audience (share of the room"
last_detail_line | grep -q "▼" && fail "still a 'more below' mark at the end"
# the list keeps its selection; moving starts the next detail at the top
e2e_keys j
e2e_wait "│ Chamber Coffee Connect"
e2e_keys k
e2e_wait "│ Bar Association Legal Tech Breakfast"

# narrow: the detail behind Enter, j/k scroll it, Esc back to the list
e2e_resize 80 20
e2e_wait_gone "Why this score"
e2e_keys Enter
e2e_wait "Why this score"
contains "$(e2e_screen | sed -n 2p)" "Bar Association Legal Tech Breakfast" ||
	fail "narrow detail: $(e2e_screen)"
e2e_keys j j
e2e_wait_gone "Bar Association Legal Tech Breakfast"
e2e_keys k k
e2e_wait "Bar Association Legal Tech Breakfast"
e2e_keys Escape
e2e_wait "Healthcare IT Leaders"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

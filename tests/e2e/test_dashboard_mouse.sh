# test_dashboard_mouse.sh: the mouse at 120x40, with events typed into
# the pane as an xterm sends them (tmux.sh e2e_mouse): a click on a row
# selects it, the wheel over the list moves the selection three rows,
# the wheel over the detail scrolls it (and back), a click on a header
# tab switches views.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
rows=$(e2e_list_rows)
title_of() { echo "$rows" | sed -n "${1}p" | cut -d'|' -f1 | sed 's/…$//; s/ *$//'; }
first_detail_line() { e2e_detail | head -n 1; }

# rows start on screen line 2 (tabs, then column titles): row 3 is line 4
third=$(title_of 3)
sixth=$(title_of 6)
detail_shows() { contains "$(first_detail_line)" "$1"; }
detail_lacks() { ! contains "$(first_detail_line)" "$1"; }
e2e_click 10 4
e2e_wait_until detail_shows "$third"

# wheel down over the list: three rows further, row 6
e2e_mouse 65 10 10
e2e_wait_until detail_shows "$sixth"

# wheel over the detail scrolls it: the title leaves the top, a mark shows
e2e_mouse 65 80 10
e2e_wait_until detail_lacks "$sixth"
detail_shows "▲" || fail "no scroll mark: $(first_detail_line)"
e2e_mouse 64 80 10
e2e_wait_until detail_shows "$sixth"

# header tabs: " 1 Invitations " at column 0, " 2 History " from 16
e2e_click 18 0
e2e_wait_gone "Why this score"
contains "$(e2e_screen | head -n 1)" "2 History" || fail "header lost"
e2e_click 3 0
e2e_wait "Why this score"
contains "$(first_detail_line)" "$sixth" || fail "selection lost over a view switch"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

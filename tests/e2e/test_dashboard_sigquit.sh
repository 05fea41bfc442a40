# test_dashboard_sigquit.sh: Ctrl-\ (SIGQUIT) ends the dashboard like
# INT/TERM/HUP: exit 128 + 3 = 131, the terminal out of the alternate
# screen, the cursor visible, and the tty back in cooked mode (issue 14,
# item 8). Before the fix SIGQUIT killed the process with a core and
# left the pane in the alternate screen.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"
expect_eq "$(tm display -p -t "$E2E_SESSION" '#{alternate_on}')" 1 "alternate screen while running"
# the signal alone (the script's own sh would die of a keyboard Ctrl-\)
kill -s QUIT "$(e2e_pid)"
e2e_wait_exit
expect_eq "$exit_code" 131 "exit code after Ctrl-\\"
e2e_wait_gone "Why this score"
expect_eq "$(tm display -p -t "$E2E_SESSION" '#{alternate_on}')" 0 "alternate screen after Ctrl-\\"
expect_eq "$(tm display -p -t "$E2E_SESSION" '#{cursor_flag}')" 1 "cursor visible after Ctrl-\\"
e2e_stop

# Ctrl-\ typed in an interactive shell (which ignores SIGQUIT): the tty is cooked again (icanon, echo)
tm new-session -d -s "$E2E_SESSION" -x 120 -y 40 "sh -i" || fail "tmux"
tm set-option -t "$E2E_SESSION" status off >/dev/null
e2e_type "LC_ALL=C.UTF-8 TERM=tmux-256color '$WORTHIT' --db '$DB' --config '$T/config.json'"
e2e_keys Enter
e2e_wait "Why this score"
e2e_keys -H 1c
e2e_wait_gone "Why this score"
e2e_type 'echo EXIT=$?; stty -a | tr " ;" "\n\n" | grep -x -e -icanon -e icanon -e -echo -e echo | tr "\n" " "; echo END'
e2e_keys Enter
e2e_wait "END"
screen=$(e2e_screen)
contains "$screen" "EXIT=131" || fail "shell did not see exit 131: $screen"
contains "$screen" "icanon echo END" || fail "terminal not cooked after Ctrl-\\: $screen"
expect_eq "$(tm display -p -t "$E2E_SESSION" '#{alternate_on}')" 0 "alternate screen in the shell"
e2e_stop
exit 0

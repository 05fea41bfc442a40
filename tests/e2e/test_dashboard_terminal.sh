# test_dashboard_terminal.sh: TERM=dumb and an unknown TERM refuse with
# a message pointing at the CLI (exit 78) instead of a garbled screen;
# no terminal at all likewise; SIGTERM and SIGHUP end the dashboard with
# 128 + signal and the terminal back in its normal mode; Ctrl-Z suspends
# and fg resumes with a full redraw; a non-UTF-8 locale draws ASCII bars.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db

expect_rc 78 "$WORTHIT" --db "$DB" </dev/null
expect_err "use the command line instead"

for term in dumb no-such-terminal-xyz; do
	E2E_TERM=$term e2e_start 100 30
	e2e_wait_exit
	expect_eq "$exit_code" 78 "exit code with TERM=$term"
	msg=$(cat "$T/stderr")
	contains "$msg" "TERM=$term" || fail "message lacks TERM=$term: $msg"
	contains "$msg" "worthit list" || fail "message does not point at the CLI: $msg"
	e2e_stop
done

for sig in TERM HUP INT; do
	e2e_start 120 40
	e2e_wait "Why this score"
	kill -s "$sig" "$(e2e_pid)"
	e2e_wait_exit
	case $sig in TERM) want=143 ;; HUP) want=129 ;; INT) want=130 ;; esac
	expect_eq "$exit_code" "$want" "exit code after SIG$sig"
	# the terminal left the alternate screen: the dashboard is gone
	e2e_wait_gone "Why this score"
	e2e_stop
done

# Ctrl-Z inside a shell with job control, then fg
e2e_start 120 40
e2e_stop
tm new-session -d -s "$E2E_SESSION" -x 120 -y 40 "sh -i" || fail "tmux"
tm set-option -t "$E2E_SESSION" status off >/dev/null
e2e_type "LC_ALL=C.UTF-8 TERM=tmux-256color '$WORTHIT' --db '$DB' --config '$T/config.json'"
e2e_keys Enter
e2e_wait "Why this score"
e2e_keys C-z
e2e_wait_gone "Why this score"
e2e_type "fg"; e2e_keys Enter
e2e_wait "Why this score"
e2e_wait "9 pending"
e2e_keys q
e2e_wait_gone "Why this score"
e2e_type 'echo EXIT=$?'; e2e_keys Enter   # fg's status is worthit's
e2e_wait "EXIT=0"
e2e_stop

# non-UTF-8 locale: ASCII bars and separator
E2E_LOCALE=C e2e_start 120 40
e2e_wait "Why this score"
screen=$(e2e_screen)
contains "$screen" "█" && fail "block characters under LC_ALL=C"
echo "$screen" | grep -q '#\{3\}' || fail "no ASCII bars under LC_ALL=C: $screen"
contains "$screen" "|" || fail "no ASCII separator"
e2e_keys q; e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0

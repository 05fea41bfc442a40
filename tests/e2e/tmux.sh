# tmux.sh: the one helper every end-to-end test sources. Runs the real
# binary in a detached tmux session of a given size on a private server
# (tmux -L), sends keys, waits until the screen shows a text, captures
# it, resizes, and tears everything down on exit. Also builds the
# fixture database (the demo command when it exists, else
# tests/e2e/fixture.sql through the sqlite3 tool).
#
#   e2e_fixture_db                  create $DB with the fixture invitations
#   e2e_start COLS ROWS [ARGS...]   start worthit --db $DB ARGS in tmux
#   e2e_keys KEY...                 tmux send-keys (key names: Enter, Escape, C-z)
#   e2e_type TEXT                   send TEXT literally
#   e2e_wait TEXT [SECONDS]         wait until the settled screen contains TEXT
#                                   (else fail; default $E2E_TIMEOUT = 15 s)
#   e2e_wait_gone TEXT [SECONDS]    wait until it no longer does
#   e2e_wait_until FUNCTION         wait until FUNCTION succeeds on a settled screen
#   e2e_screen [-e]                 print the screen (-e: with escapes)
#   e2e_mouse BUTTON X Y            a mouse event at cell (X, Y), 0-based, as
#                                   an xterm sends it (X10 encoding, which
#                                   tmux-256color's kmous names): BUTTON 0
#                                   press, 3 release, 64 wheel up, 65 down
#   e2e_click X Y                   press and release button 1
#   e2e_resize COLS ROWS
#   e2e_wait_exit [SECONDS]         wait for the program to end; sets $exit_code
#   e2e_pid                         the worthit process id
#   e2e_stop                        end the tmux server (before a new e2e_start)
# Environment inside the session: LC_ALL=C.UTF-8, TERM=tmux-256color
# (E2E_LOCALE, E2E_TERM override), XDG dirs and WORTHIT_NOW from here.

. "$WORTHIT_TOP/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }

E2E_SOCK="worthit-e2e-$$"
E2E_SESSION=wt
export TZ="${TZ:-America/Chicago}"

tm() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }
e2e_cleanup() { tm kill-server >/dev/null 2>&1; rm -rf "$T"; }
trap e2e_cleanup EXIT

e2e_fixture_db() {
	"$WORTHIT" --db "$DB" list >/dev/null 2>&1 || fail "cannot create $DB"
	sqlite3 "$DB" <"$WORTHIT_TOP/tests/e2e/fixture.sql" || fail "fixture load failed"
}

e2e_start() {
	cols=$1 rows=$2; shift 2
	rm -f "$T/exit" "$T/pid"
	{
		echo "cd '$T'"
		echo "export LC_ALL='${E2E_LOCALE:-C.UTF-8}' TERM='${E2E_TERM:-tmux-256color}'"
		# the inner shell execs worthit: the pid written is worthit's
		printf "sh -c 'echo \$\$ >\"%s/pid\"; exec \"\$0\" \"\$@\" 2>\"%s/stderr\"' " "$T" "$T"
		printf "'%s' --db '%s' --config '%s/config.json'" "$WORTHIT" "$DB" "$T"
		for a in "$@"; do printf " '%s'" "$a"; done
		echo
		echo "echo \$? > '$T/exit.tmp'; mv '$T/exit.tmp' '$T/exit'"
		echo "sleep 600"
	} >"$T/run.sh"
	tm new-session -d -s "$E2E_SESSION" -x "$cols" -y "$rows" "sh '$T/run.sh'" ||
		fail "tmux new-session failed"
	tm set-option -t "$E2E_SESSION" status off >/dev/null
	tm resize-window -t "$E2E_SESSION" -x "$cols" -y "$rows" >/dev/null 2>&1
}

# End the session and its server; wait until the socket is gone so the
# next e2e_start gets a fresh server.
e2e_stop() {
	tm kill-server >/dev/null 2>&1
	i=0
	while [ $i -lt 50 ] && tm has-session >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK"
}

e2e_keys() { tm send-keys -t "$E2E_SESSION" "$@"; }
e2e_type() { tm send-keys -t "$E2E_SESSION" -l "$1"; }
e2e_screen() { tm capture-pane -t "$E2E_SESSION" -p "$@"; }
e2e_pid() { cat "$T/pid"; }

# tmux's send-keys -M only replays a mouse event a binding received, so
# the bytes of the event are typed into the pane instead.
e2e_mouse() {
	e2e_type "$(printf '\033[M%b%b%b' "$(printf '\\%03o' $((32 + $1)))" \
		"$(printf '\\%03o' $((33 + $2)))" "$(printf '\\%03o' $((33 + $3)))")"
}
e2e_click() { e2e_mouse 0 "$1" "$2"; e2e_mouse 3 "$1" "$2"; }

e2e_resize() {
	tm resize-window -t "$E2E_SESSION" -x "$1" -y "$2" || fail "resize to $1x$2 failed"
}

# Waits poll every 0.1 s up to a generous default (a loaded 2-core CI
# machine can take seconds to start or redraw) and return only once the
# screen has stopped changing for one poll, so that what the test reads
# next is a whole frame, never one tmux has half received.
E2E_TIMEOUT=${E2E_TIMEOUT:-15}

e2e_fail_screen() {
	echo "--- screen ---" >&2; e2e_screen >&2
	[ -s "$T/stderr" ] && { echo "--- stderr ---" >&2; cat "$T/stderr" >&2; }
	fail "$1"
}

# e2e_wait TEXT [SECONDS]
e2e_wait() {
	limit=$(( ${2:-$E2E_TIMEOUT} * 10 )) i=0 prev=""
	while [ $i -lt $limit ]; do
		cur=$(e2e_screen)
		if contains "$cur" "$1" && [ "$cur" = "$prev" ]; then return 0; fi
		prev=$cur
		sleep 0.1; i=$((i + 1))
	done
	e2e_fail_screen "screen never showed '$1'"
}

e2e_wait_gone() {
	limit=$(( ${2:-$E2E_TIMEOUT} * 10 )) i=0 prev=""
	while [ $i -lt $limit ]; do
		cur=$(e2e_screen)
		if ! contains "$cur" "$1" && [ "$cur" = "$prev" ]; then return 0; fi
		prev=$cur
		sleep 0.1; i=$((i + 1))
	done
	e2e_fail_screen "screen still shows '$1'"
}

# e2e_wait_until CMD... : until CMD (a shell function reading the
# screen) succeeds on a settled screen
e2e_wait_until() {
	limit=$(( E2E_TIMEOUT * 10 )) i=0 prev=""
	while [ $i -lt $limit ]; do
		cur=$(e2e_screen)
		if [ "$cur" = "$prev" ] && "$@"; then return 0; fi
		prev=$cur
		sleep 0.1; i=$((i + 1))
	done
	e2e_fail_screen "screen never satisfied '$*'"
}

# e2e_wait_exit [SECONDS]: sets $exit_code, fails when still running
e2e_wait_exit() {
	limit=$(( ${1:-$E2E_TIMEOUT} * 10 )) i=0
	while [ $i -lt $limit ]; do
		if [ -f "$T/exit" ]; then exit_code=$(cat "$T/exit"); return 0; fi
		sleep 0.1; i=$((i + 1))
	done
	e2e_screen >&2
	fail "worthit did not exit"
}

# The list rows (lines 3..) of the left pane in the side-by-side layout:
# "title|score" (title as far as its column shows it); the date column
# is 15 wide ("09 Mar 08:00", "10 Apr, all day", "09–11 Apr, all…").
e2e_list_rows() {
	e2e_screen | sed -n '3,$p' | sed 's/│.*//' |
		sed -n 's/^..[0-9][0-9].\{13\} \(.\{19\}\).* \([0-9]\{1,3\}\) *$/\1|\2/p'
}
# The detail pane (right of the separator) in the side-by-side layout.
e2e_detail() { e2e_screen | sed -n '2,$p' | sed 's/^[^│]*│ //'; }

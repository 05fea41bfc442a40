# lib.sh: shared helpers for CLI tests (sourced by tests/cli/test_*.sh).
# $WORTHIT is the binary under test; each test runs in its own
# temporary HOME (see tests/run.sh). A failed check exits 1 at once.

: "${WORTHIT:?run through tests/run.sh}"
T=$(mktemp -d "${TMPDIR:-/tmp}/wt.XXXXXX")
DB="$T/t.db"
export WORTHIT_NOW="${WORTHIT_NOW:-2026-03-01T09:00:00Z}"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run CMD...: sets $out, $err, $rc
run() {
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	out=$(cat "$T/out"); err=$(cat "$T/err")
}
# expect_rc N CMD...
expect_rc() {
	want=$1; shift
	run "$@"
	[ "$rc" -eq "$want" ] || fail "'$*' exited $rc, expected $want; stderr: $err"
}
contains() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
expect_out() { contains "$out" "$1" || fail "stdout lacks '$1': $out"; }
expect_err() { contains "$err" "$1" || fail "stderr lacks '$1': $err"; }
expect_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: got '$1', expected '$2'"; }
sql() { sqlite3 "$DB" "$@"; }

# iCalendar fixtures for the parser-limit tests, written to stdout:
# ics_head / ics_tail open and close a VCALENDAR; ics_slow_event I, a
# series libical steps through minute by minute (about half a second of
# CPU, inside the recurrence bound: UID slow-I@test); ics_quick_events N,
# N plain events (UID q-0@t ... q-(N-1)@t).
ics_head() { printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n'; }
ics_tail() { printf 'END:VCALENDAR\r\n'; }
ics_slow_event() {
	printf 'BEGIN:VEVENT\r\nUID:slow-%d@test\r\nDTSTART:20260101T000000Z\r\n' "$1"
	printf 'DURATION:PT1H\r\nRRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=28;BYHOUR=0\r\n'
	printf 'SUMMARY:never\r\nEND:VEVENT\r\n'
}
ics_quick_events() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "BEGIN:VEVENT\r\nUID:q-%d@t\r\n" \
		"DTSTART:20260301T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Coffee\r\nEND:VEVENT\r\n", i }'
}

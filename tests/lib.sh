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

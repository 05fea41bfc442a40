#!/bin/sh
# run.sh: run every test and print one summary line. Called by
# `make check` with the build directory. Each test runs with HOME and
# XDG_* pointing into a fresh temporary directory, so no test ever
# touches the real home. A test exits 0 (pass), 77 (skipped, with a
# reason on stdout) or anything else (fail).
#
#   unit         $BUILD/tests/unit/test_*        (cmocka, core only)
#   integration  $BUILD/tests/integration/test_* (cmocka, real SQLite)
#   cli          tests/cli/test_*.sh             (the built binary)
#   e2e          tests/e2e/test_*.sh             (the binary in tmux)
#
# WORTHIT_TESTS=pattern runs only the tests whose name matches.
set -u
build=${1:-build}
bin=${2:-worthit}
top=$(pwd)
export WORTHIT="$top/$bin" WORTHIT_TOP="$top" WORTHIT_BUILD="$top/$build"
export WORTHIT_DATADIR="$top/share"
export WORTHIT_SHARED="${WORTHIT_SHARED:-$top/../shared}"
export LC_ALL=C.UTF-8 TZ="${TZ:-America/Chicago}"
unset NO_COLOR WORTHIT_DB WORTHIT_CONFIG WORTHIT_NOW

pass=0 fail=0 skip=0 failed=""
logdir=$(mktemp -d "${TMPDIR:-/tmp}/worthit-tests.XXXXXX")

run_one() { # name, command...
	name=$1; shift
	case "$name" in *${WORTHIT_TESTS:-}*) ;; *) return ;; esac
	home=$(mktemp -d "$logdir/home.XXXXXX")
	log="$logdir/$(echo "$name" | tr '/' '_').log"
	( cd "$home" && HOME="$home" XDG_DATA_HOME="$home/.local/share" \
	  XDG_CONFIG_HOME="$home/.config" XDG_STATE_HOME="$home/.local/state" \
	  XDG_CACHE_HOME="$home/.cache" TMPDIR="$home" "$@" ) >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1)); echo "PASS $name"
	elif [ $rc -eq 77 ]; then
		skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$log")"
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "FAIL $name (exit $rc)"; sed 's/^/    /' "$log" | tail -n 40
	fi
}

for t in "$build"/tests/unit/test_* "$build"/tests/integration/test_*; do
	case "$t" in *.o|*.d) continue ;; esac
	[ -x "$t" ] && run_one "${t#"$build"/tests/}" "$top/$t"
done
for t in tests/cli/test_*.sh tests/e2e/test_*.sh; do
	[ -f "$t" ] && run_one "${t#tests/}" sh "$top/$t"
done

rm -rf "$logdir"
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]

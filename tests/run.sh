#!/bin/sh
# run.sh: run every test and print one summary line. Called by
# `make check` with the build directory. Each test runs with HOME,
# TMPDIR, TMUX_TMPDIR and XDG_* pointing into a fresh temporary
# directory, so no test touches the real home and no two tests share a
# file or a tmux server. A test exits 0 (pass), 77 (skipped, with a
# reason on its last line of output) or anything else (fail).
#
#   unit         $BUILD/tests/unit/test_*        (cmocka, core only)
#   integration  $BUILD/tests/integration/test_* (cmocka, real SQLite)
#   cli          tests/cli/test_*.sh             (the built binary)
#   e2e          tests/e2e/test_*.sh             (the binary in tmux)
#
# The tests are independent, so they run WORTHIT_JOBS at a time (2 by
# default; 1 runs them one after another). Each prints PASS, FAIL or
# SKIP as it ends; the output of failed tests follows, then the summary
# "N passed, N failed, N skipped". WORTHIT_LOGS=DIR keeps every test's
# log in DIR (NAME.log); otherwise they go when all pass.
#
# WORTHIT_TESTS=pattern runs only the tests whose name matches.
# Under CI=1 (or CI=true) the shared corpus (../shared) must be there:
# the corpus tests fail instead of skipping without it.
set -u

# ---- one test: run.sh --one LOGDIR NAME KIND PATH (KIND x or sh) ----
if [ "${1:-}" = "--one" ]; then
	logdir=$2 name=$3 kind=$4 path=$5
	base=$(echo "$name" | tr '/' '_')
	log="$logdir/$base.log"
	home=$(mktemp -d "$logdir/home.XXXXXX")
	if [ "$kind" = sh ]; then set -- sh "$path"; else set -- "$path"; fi
	( cd "$home" && unset TMUX && HOME="$home" XDG_DATA_HOME="$home/.local/share" \
	  XDG_CONFIG_HOME="$home/.config" XDG_STATE_HOME="$home/.local/state" \
	  XDG_CACHE_HOME="$home/.cache" TMPDIR="$home" TMUX_TMPDIR="$home" "$@" ) \
	  </dev/null >"$log" 2>&1
	rc=$?
	echo "$rc" >"$logdir/$base.rc"
	if [ $rc -eq 0 ]; then
		echo "PASS $name"
	elif [ $rc -eq 77 ]; then
		echo "SKIP $name: $(tail -n 1 "$log")"
	else
		echo "FAIL $name (exit $rc)"
	fi
	rm -rf "$home"
	exit 0
fi

build=${1:-build}
bin=${2:-worthit}
top=$(pwd)
export WORTHIT="$top/$bin" WORTHIT_TOP="$top" WORTHIT_BUILD="$top/$build"
export WORTHIT_DATADIR="$top/share"
export WORTHIT_SHARED="${WORTHIT_SHARED:-$top/../shared}"
export LC_ALL=C.UTF-8 TZ="${TZ:-America/Chicago}"
unset NO_COLOR WORTHIT_DB WORTHIT_CONFIG WORTHIT_NOW
jobs=${WORTHIT_JOBS:-2}
case "$jobs" in ''|*[!0-9]*|0) echo "run.sh: WORTHIT_JOBS must be a positive number"; exit 2 ;; esac

if [ -n "${WORTHIT_LOGS:-}" ]; then
	logdir=$WORTHIT_LOGS; mkdir -p "$logdir" || exit 2
	rm -f "$logdir"/*.log "$logdir"/*.rc
else
	logdir=$(mktemp -d "${TMPDIR:-/tmp}/worthit-tests.XXXXXX")
fi

# the list: NAME KIND PATH, in the order of the summary
list="$logdir/list"
: >"$list"
for t in "$build"/tests/unit/test_* "$build"/tests/integration/test_*; do
	case "$t" in *.o|*.d) continue ;; esac
	[ -x "$t" ] && echo "${t#"$build"/tests/} x $top/$t" >>"$list"
done
for t in tests/cli/test_*.sh tests/e2e/test_*.sh; do
	[ -f "$t" ] && echo "${t#tests/} sh $top/$t" >>"$list"
done
awk -v pat="${WORTHIT_TESTS:-}" 'index($1, pat)' "$list" >"$list.run"
if [ ! -s "$list.run" ]; then
	echo "run.sh: no test name contains WORTHIT_TESTS='${WORTHIT_TESTS:-}'"
	exit 2
fi

# e2e tests last: they wait on a terminal, so they share the jobs with
# the quick ones rather than all starting together
{ grep -v '^e2e/' "$list.run"; grep '^e2e/' "$list.run"; } |
	xargs -n 3 -P "$jobs" sh "$top/tests/run.sh" --one "$logdir"

pass=0 fail=0 skip=0 failed=""
while read -r name kind path; do
	base=$(echo "$name" | tr '/' '_')
	rc=$(cat "$logdir/$base.rc" 2>/dev/null || echo 1)
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
	elif [ "$rc" -eq 77 ]; then
		skip=$((skip + 1))
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "---- $name (exit $rc), last lines of its log:"
		sed 's/^/    /' "$logdir/$base.log" 2>/dev/null | tail -n 40
	fi
done <"$list.run"

if [ -n "${WORTHIT_LOGS:-}" ]; then
	echo "logs: $logdir"
elif [ $fail -eq 0 ]; then
	rm -rf "$logdir"
else
	echo "logs: $logdir"
fi
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]

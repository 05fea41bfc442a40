#!/bin/sh
# run.sh: run every benchmark binary $BUILD/bench/bench_* and print its
# figures, one block per benchmark. Called by `make bench` with the
# build directory. A benchmark prints its own figures on stdout and
# exits 0; a failing one is reported and makes this script fail.
set -u
build=${1:-build}
status=0
export WORTHIT_BENCH_DIR="$build/bench" # bench_report keeps its 1,000,000-event database here
found=0
for b in "$build"/bench/bench_*; do
	case "$b" in *.o|*.d) continue ;; esac
	[ -x "$b" ] || continue
	found=1
	echo "== ${b##*/}"
	if ! "$b"; then
		echo "${b##*/}: failed" >&2
		status=1
	fi
done
[ $found -eq 1 ] || { echo "no benchmarks under $build/bench" >&2; exit 1; }
echo "== bench_import.sh"; sh "$(dirname "$0")/bench_import.sh" "$build" || status=1
echo "== bench_mail.sh"; sh "$(dirname "$0")/bench_mail.sh" "$build" || status=1
exit $status

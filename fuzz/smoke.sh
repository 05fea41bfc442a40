#!/bin/sh
# smoke.sh: run every fuzz target built by `make fuzz` for FUZZ_SECONDS
# (default 60), one at a time, from its seed corpus (fuzz/corpus/TARGET)
# with its dictionary (fuzz/TARGET.dict) and extra flags
# (fuzz/TARGET.options). New inputs go to a temporary
# directory, never into the repository. A crash, leak, hang (over 10 s
# for one input) or failed property stops with exit 1 and the input that
# did it is copied to fuzz/regress/TARGET/ to become a regression input
# (tests/integration/test_fuzz_regress.c runs them under `make test`).
#
#   FUZZ_SECONDS=600 sh fuzz/smoke.sh        longer runs
#   sh fuzz/smoke.sh json csv                some targets only
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
bin=${FUZZ_BUILD:-build-fuzz}
targets=${*:-$(for f in fuzz/fuzz_*.c; do t=${f#fuzz/fuzz_}; echo "${t%.c}"; done)}
work=$(mktemp -d "${TMPDIR:-/tmp}/worthit-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for t in $targets; do
	[ -x "$bin/fuzz_$t" ] || { echo "fuzz: $bin/fuzz_$t missing: run 'make fuzz'"; exit 1; }
	mkdir -p "$work/$t/new" "$work/$t/found"
	dict=""
	[ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
	# fuzz/TARGET.options: extra flags, one a line, # comments
	extra=""
	[ -f "fuzz/$t.options" ] && extra=$(grep -v '^[[:space:]]*#' "fuzz/$t.options" | tr '\n' ' ')
	echo "fuzz: $t for ${secs} s"
	# -detect_leaks: leaks count as failures too; -rss_limit_mb bounds a runaway
	if "$bin/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	     -print_final_stats=1 $dict $extra -artifact_prefix="$work/$t/found/" \
	     "$work/$t/new" "fuzz/corpus/$t" >"$work/$t/log" 2>&1; then
		grep -E '^(Done|stat::number_of_executed_units)' "$work/$t/log" | head -n 2 | sed 's/^/fuzz:   /'
	else
		status=1
		echo "fuzz: $t FAILED:"
		grep -E 'ERROR|fuzz:|SUMMARY|Test unit written|timeout' "$work/$t/log" | head -n 20 | sed 's/^/fuzz:   /'
		mkdir -p "fuzz/regress/$t"
		for f in "$work/$t/found"/*; do
			[ -f "$f" ] || continue
			cp "$f" "fuzz/regress/$t/$(basename "$f")"
			echo "fuzz:   kept as fuzz/regress/$t/$(basename "$f")"
		done
	fi
done
exit $status

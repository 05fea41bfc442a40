#!/bin/sh
# coverage.sh: line and branch coverage per layer folder, from the .gcda
# files an instrumented build (`make coverage`, build dir BUILD) left
# after the tests ran. gcov reads them without writing .gcov files (-n);
# awk sums its per-file "Lines executed" and "Taken at least once"
# (branches) over the sources of each folder under src/.
#
#   coverage.sh BUILD    (run from the repository top)
set -u
build=${1:-build-cov}
command -v gcov >/dev/null 2>&1 || { echo "coverage: gcov not found"; exit 1; }
printf '%-8s %8s %14s %9s %14s\n' folder lines "(of)" branches "(of)"
for dir in core store io app cli tui; do
	ls src/$dir/*.c >/dev/null 2>&1 || continue
	(cd "$build" && gcov -n -b -o "src/$dir" ../src/$dir/*.c 2>/dev/null) |
	awk -v dir="$dir" '
	/^File / { f = $2; gsub(/\047/, "", f); mine = (f ~ "src/" dir "/[^/]*\\.c$") }
	mine && /^Lines executed:/ {
		split($2, a, ":"); p = a[2]; sub(/%/, "", p); n = $NF
		lc += p * n / 100; lt += n
	}
	mine && /^Taken at least once:/ {
		split($4, a, ":"); p = a[2]; sub(/%/, "", p); n = $NF
		bc += p * n / 100; bt += n
	}
	END {
		printf "%-8s %7.1f%% %14s %8.1f%% %14s\n", dir, lt ? 100 * lc / lt : 0, \
		       sprintf("(%d/%d)", lc + 0.5, lt), bt ? 100 * bc / bt : 0, sprintf("(%d/%d)", bc + 0.5, bt)
	}'
done

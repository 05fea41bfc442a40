#!/bin/sh
# bench_import.sh: `worthit import` on generated calendars of 10,000 and
# 100,000 events (bench/gen_ics.awk: time zones, weekly series, all-day
# events, folded descriptions, 5-30 attendees; about 3 KB an event), each
# into a fresh database, beside the floor: a bare streamed libical parse
# of the same file, one top-level component at a time
# (bench/libical_stream.c), and, for scale, a parse as one tree
# (bench/libical_parse.c) and calcurse's own import
# (`calcurse -D DIR -i FILE`). Prints wall time, CPU time (user + system,
# the sandboxed parsers included: they are waited-for children), events
# per second and peak memory (GNU time's maximum resident set size: the
# largest of worthit and its parsers) for each, where worthit's time goes
# (from `import --json`'s summary), worthit against the floor (goal:
# 1.5x, under 64 MB) and the growth from the first size to the last.
# worthit and the floor are each run BENCH_RUNS times (5), alternated,
# and the best (least wall time) of each is compared: on a shared
# machine a neighbour's burst slows one run, never speeds one up.
#
#   sh bench/bench_import.sh [BUILD]      BENCH_SIZES="10000 100000" BENCH_RUNS=5
#
# calcurse: installed with apt-get when missing and running as root,
# else its figures are skipped with a message. It is run on the 100,000
# file only when BENCH_CALCURSE_BIG=1 (it takes minutes, growing faster
# than linearly); otherwise only on the 10,000 one, and the output says so.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
worthit="$top/worthit"
[ -x "$worthit" ] || { echo "bench_import: build worthit first" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/worthit-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export WORTHIT_NOW=2026-03-01T09:00:00Z TZ=America/Chicago

cc -O2 -o "$dir/libical_parse" "$top/bench/libical_parse.c" \
	$(pkg-config --cflags --libs libical) || exit 1
cc -O2 -o "$dir/libical_stream" "$top/bench/libical_stream.c" \
	$(pkg-config --cflags --libs libical) || exit 1
if ! command -v calcurse >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	echo "installing calcurse (apt-get)..."
	apt-get install -y calcurse >/dev/null 2>&1 || true
fi
has_calcurse=0
command -v calcurse >/dev/null 2>&1 && has_calcurse=1
[ $has_calcurse -eq 1 ] || echo "calcurse: not installed and not root: its figures are skipped"
[ -x /usr/bin/time ] || { echo "bench_import: needs GNU time (/usr/bin/time)" >&2; exit 1; }

# measure LABEL EVENTS CMD...: prints "LABEL  S s  C s cpu  E events/s  M MB"
measure() {
	label=$1 events=$2; shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" >"$dir/out" 2>"$dir/err"
	rc=$?
	# GNU time puts "Command exited with non-zero status N" first
	read -r secs user sys kb <<-EOT
	$(tail -n 1 "$dir/time" 2>/dev/null)
	EOT
	case "$secs" in *[!0-9.]*|'') secs=0 ;; esac
	case "$kb" in *[!0-9]*|'') kb=0 ;; esac
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	rate=$(awk -v e="$events" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? e / s : 0) }')
	printf '  %-26s %8.2f s %7.2f s cpu %9s events/s  %6d MB peak%s\n' "$label" "$secs" \
		"$cpu" "$rate" $((kb / 1024)) "$([ $rc -eq 0 ] || echo "  (exit $rc)")"
	last_secs=$secs last_cpu=$cpu last_kb=$kb
}
first_n='' first_secs=''
runs=${BENCH_RUNS:-5}
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); wall times on a busy machine wander, CPU times less)"

for n in ${BENCH_SIZES:-10000 100000}; do
	f="$dir/cal-$n.ics"
	awk -v n="$n" -f "$top/bench/gen_ics.awk" >"$f"
	echo "== $n events, $(($(wc -c <"$f") / 1048576)) MB"
	# BENCH_RUNS runs of each, alternated: the best (least wall time) of
	# each counts, the same rule for worthit and for the floor
	w_secs='' s_secs='' w_kb=0 r=1
	while [ "$r" -le "$runs" ]; do
		rm -f "$dir/w.db" "$dir/w.db-journal" "$dir/w.db-wal" "$dir/w.db-shm"
		measure "worthit import ($r/$runs)" "$n" "$worthit" --db "$dir/w.db" import --json \
			--from 2025-01-01 --to 2028-01-01 "$f"
		[ "$last_kb" -gt "$w_kb" ] && w_kb=$last_kb
		if [ -z "$w_secs" ] || awk -v a="$last_secs" -v b="$w_secs" 'BEGIN { exit !(a < b) }'; then
			w_secs=$last_secs w_cpu=$last_cpu
			cp "$dir/out" "$dir/out.best"
		fi
		measure "libical streamed ($r/$runs)" "$n" "$dir/libical_stream" "$f"
		if [ -z "$s_secs" ] || awk -v a="$last_secs" -v b="$s_secs" 'BEGIN { exit !(a < b) }'; then
			s_secs=$last_secs s_cpu=$last_cpu
		fi
		r=$((r + 1))
	done
	echo "    best of $runs: worthit import $w_secs s ($w_cpu s cpu), floor $s_secs s ($s_cpu s cpu); peak $((w_kb / 1024)) MB (the largest of the runs)"
	tail -n 1 "$dir/out.best" | awk -v RS=',' -F: '
		/"added"/ { added = $NF } /"total"/ { total = $NF } /"scan"/ { scan = $NF }
		/"parse"/ { parse = $NF } /"expand"/ { expand = $NF } /"parsers"/ { parsers = $NF }
		/"database"/ { db = $NF } /"commit"/ { commit = $NF } /"cpu"/ { cpu = $NF }
		/"parser_cpu"/ { gsub(/[}]/, "", $NF); pcpu = $NF }
		END { printf "    %d occurrences; where the time goes (the best run): in %d parser " \
		      "process(es) side by side, summed: split+VTIMEZONE pass %.2f s, libical parse " \
		      "%.2f s, mapping+expansion+zones %.2f s; in worthit SQLite %.2f s, then the commit " \
		      "(start-time indexes built, then for a new database the last pages and syncs) " \
		      "%.2f s; CPU: parsers %.2f s, worthit itself %.2f s (past 4,096 items they " \
		      "overlap on the cores)\n", added, parsers, scan, parse, expand, db, commit, pcpu, cpu }'
	measure "libical parse (one tree)" "$n" "$dir/libical_parse" "$f"
	l_secs=$last_secs
	awk -v w="$w_secs" -v s="$s_secs" -v wc="$w_cpu" -v sc="$s_cpu" -v kb="$w_kb" -v l="$l_secs" '
		BEGIN {
			if (s > 0 && sc > 0)
				printf "    worthit / streamed floor: %.2fx wall, %.2fx cpu (goal 1.5x); " \
				       "peak %d MB (goal < 64)\n", w / s, wc / sc, kb / 1024
			if (l > 0) printf "    worthit / one-tree parse: %.2fx\n", w / l
		}'
	if [ -z "$first_n" ]; then
		first_n=$n first_secs=$w_secs
	else
		awk -v n0="$first_n" -v t0="$first_secs" -v n="$n" -v t="$w_secs" 'BEGIN {
			if (t0 > 0) printf "    growth %d -> %d events: %.1fx the time for %.0fx the events\n",
			       n0, n, t / t0, n / n0 }'
	fi
	if [ $has_calcurse -eq 1 ]; then
		if [ "$n" -le 10000 ] || [ "${BENCH_CALCURSE_BIG:-0}" = 1 ]; then
			rm -rf "$dir/cc"; mkdir "$dir/cc"
			measure "calcurse -i" "$n" env TMPDIR="$dir" calcurse -D "$dir/cc" -i "$f"
			c_secs=$last_secs
			awk -v w="$w_secs" -v c="$c_secs" 'BEGIN { if (w > 0) printf "    calcurse / worthit: %.1fx\n", c / w }'
		else
			echo "  calcurse -i: not run on $n events (minutes, superlinear); BENCH_CALCURSE_BIG=1 runs it"
		fi
	fi
	rm -f "$f"
done

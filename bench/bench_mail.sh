#!/bin/sh
# bench_mail.sh: `worthit import` of a generated Maildir of 10,000
# messages (bench/gen_mail.awk: half Google-style invitations with the
# calendar inline and as invite.ics, half newsletters without one), into
# a fresh database each run, beside GMime alone parsing the same messages
# (bench/gmime_parse.c: the parser, every part visited, calendar parts
# decoded). Each is run 3 times; the best wall and CPU (user + system)
# times of each are kept (the machine is shared) and the ratios printed
# against the target of 2x (judged on CPU time).
#
#   sh bench/bench_mail.sh [BUILD]      BENCH_MAIL_MESSAGES=10000
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
worthit="$top/worthit"
[ -x "$worthit" ] || { echo "bench_mail: build worthit first" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/worthit-bench-mail.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export WORTHIT_NOW=2026-03-01T09:00:00Z TZ=America/Chicago
n=${BENCH_MAIL_MESSAGES:-10000}

cc -O2 -o "$dir/gmime_parse" "$top/bench/gmime_parse.c" \
	$(pkg-config --cflags --libs gmime-3.0) || exit 1
mkdir -p "$dir/Maildir/cur" "$dir/Maildir/new" "$dir/Maildir/tmp"
awk -v n="$n" -v dir="$dir/Maildir" -f "$top/bench/gen_mail.awk" || exit 1
echo "== Maildir of $n messages ($((n / 2)) invitations), $(du -sm "$dir/Maildir" | cut -f1) MB"

best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
# timed CMD...: "WALL CPU" seconds (CPU = user + system, which the other
# programs on a shared machine disturb less than the wall clock)
timed() {
	/usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" >"$dir/out" 2>"$dir/err" ||
		{ echo "bench_mail: $1 failed: $(tail -n 3 "$dir/err")" >&2; exit 1; }
	tail -n 1 "$dir/time" | awk '{ print $1, $2 + $3 }'
}
w_wall="" w_cpu="" g_wall="" g_cpu=""
for i in 1 2 3; do
	rm -f "$dir/w.db"
	set -- $(timed "$worthit" --db "$dir/w.db" import "$dir/Maildir")
	w_wall=$(best "$w_wall" "$1"); w_cpu=$(best "$w_cpu" "$2")
	summary=$(tail -n 1 "$dir/out")
	set -- $(timed "$dir/gmime_parse" "$dir/Maildir")
	g_wall=$(best "$g_wall" "$1"); g_cpu=$(best "$g_cpu" "$2")
done
echo "$summary"
awk -v ww="$w_wall" -v wc="$w_cpu" -v gw="$g_wall" -v gc="$g_cpu" -v n="$n" 'BEGIN {
	printf "  %-28s %6.2f s wall %6.2f s cpu  %7.0f messages/s (cpu)\n", "worthit import MAILDIR", ww, wc, n / wc
	printf "  %-28s %6.2f s wall %6.2f s cpu  %7.0f messages/s (cpu)\n", "GMime alone (gmime_parse)", gw, gc, n / gc
	printf "  ratio %.2fx cpu, %.2fx wall (target: within 2x) %s\n", wc / gc, ww / gw, (wc <= 2 * gc ? "ok" : "OVER")
}'

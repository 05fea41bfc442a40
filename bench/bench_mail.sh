#!/bin/sh
# bench_mail.sh: `worthit import` of a generated Maildir of 10,000
# messages (bench/gen_mail.awk: half Google-style invitations with the
# calendar inline and as invite.ics, half newsletters without one), into
# a fresh database each run, beside GMime alone parsing the same messages
# (bench/gmime_parse.c: the parser, every part visited, calendar parts
# decoded). Each is run 3 times; the best time of each is kept (the
# machine is shared) and the ratio printed against the target of 2x.
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

now() { date +%s.%N; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
w_best="" g_best=""
for i in 1 2 3; do
	rm -f "$dir/w.db"
	t0=$(now)
	"$worthit" --db "$dir/w.db" import "$dir/Maildir" >"$dir/out" 2>/dev/null ||
		{ echo "bench_mail: import failed: $(cat "$dir/out")" >&2; exit 1; }
	t1=$(now)
	w_best=$(best "$w_best" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
	g=$("$dir/gmime_parse" "$dir/Maildir" | cut -d' ' -f1)
	g_best=$(best "$g_best" "$g")
done
tail -n 1 "$dir/out"
awk -v w="$w_best" -v g="$g_best" -v n="$n" 'BEGIN {
	printf "  %-28s %6.2f s  %7.0f messages/s\n", "worthit import MAILDIR", w, n / w
	printf "  %-28s %6.2f s  %7.0f messages/s\n", "GMime alone (gmime_parse)", g, n / g
	printf "  ratio %.2fx (target: within 2x) %s\n", w / g, (w <= 2 * g ? "ok" : "OVER")
}'

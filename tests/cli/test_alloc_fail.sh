# test_alloc_fail.sh: every allocation failure is an error, never a quiet
# success (issue 14, item 3). A shim loaded with LD_PRELOAD
# (tests/data/failmalloc.c) makes the Nth malloc/calloc/realloc return
# NULL; for N over the whole run of
#   - a JSON import of three invitations (attendees, audience shares), and
#   - `decide` recording a decision with its weights snapshot,
# every run must either succeed fully (exit 0, every row, attendee,
# share and snapshot key there) or fail with exit 70 or 74 and a message
# on stderr, the database all-or-nothing: unchanged, or (when memory ran
# out after the commit, while printing the summary) exactly the full
# result. The import parses in a sandboxed child (sandbox.c): a failure
# there is the parser's, reported as such with exit 65 ("parser stopped:
# out of memory", "parser crashed"), the database unchanged. Before: "0 added, 0 skipped" with exit 0, attendees dropped, a
# snapshot missing keys, aborts (exit 134).
#
# Every N near the end of the run (where the command's own work is) and
# every 23rd before it; FAILMALLOC_ALL=1 tries every N.
. "$WORTHIT_TOP/tests/lib.sh"

command -v cc >/dev/null 2>&1 || { echo "no C compiler for the failing allocator"; exit 77; }
# under ASan the sanitizer owns malloc: a preloaded allocator cannot sit in front of it
if ldd "$WORTHIT" 2>/dev/null | grep -q 'libasan'; then
	echo "the failing allocator cannot be preloaded into an ASan build (make test runs it)"
	exit 77
fi
cc -shared -fPIC -O1 -o "$T/failmalloc.so" "$WORTHIT_TOP/tests/data/failmalloc.c" ||
	fail "cannot build the failing allocator"
W() { "$WORTHIT" --db "$T/run.db" --config "$T/config.json" "$@"; }
# UTC: glibc loads a named zone lazily, at the first localtime(), and
# when an allocation fails there it silently uses UTC, which moves
# availability windows and so a score: a libc limit, not worthit's
# (known, reported with issue 14 item 3), kept out of this test.
export TZ=UTC
dump() { sqlite3 "$1" .dump | sha256sum; }
printf '{"hourly_rate": 120}\n' >"$T/config.json"

cat >"$T/three.json" <<'JSON'
[
 {"uid": "a1@test", "title": "Breakfast", "starts_at": "2026-03-10T09:00:00Z", "duration_min": 60,
  "attendees": ["ann@example.com", "bob@example.com"],
  "audience": [{"dimension": "industry", "segment": "legal", "share": 0.4}]},
 {"uid": "a2@test", "title": "Lunch", "starts_at": "2026-03-11T12:00:00Z", "duration_min": 60,
  "attendees": ["cy@example.com"]},
 {"uid": "a3@test", "title": "Mixer", "starts_at": "2026-03-12T18:00:00Z", "duration_min": 90}
]
JSON

# try_all NAME BASE_DB CHECK_SQL CMD...: run CMD on a copy of BASE_DB
# with the Nth allocation failing, for N over the run; the database is
# compared by CHECK_SQL with a run that had no failure.
try_all() {
	name=$1 base=$2 check=$3; shift 3
	cp "$base" "$T/run.db"
	FAILMALLOC_COUNT="$T/count" LD_PRELOAD="$T/failmalloc.so" W "$@" >/dev/null 2>"$T/err" ||
		fail "$name: fails without an allocation failure: $(cat "$T/err")"
	total=$(cat "$T/count")
	full=$(sqlite3 "$T/run.db" "$check")
	full_dump=$(dump "$T/run.db")
	before=$(dump "$base")
	[ "$total" -gt 100 ] || fail "$name: only $total allocations counted: is the shim loaded?"
	dense=$((total - 700))
	n=1 runs=0 failures=0
	while [ "$n" -le "$total" ]; do
		cp "$base" "$T/run.db"; rm -f "$T/run.db-wal" "$T/run.db-shm"
		FAILMALLOC_NTH=$n LD_PRELOAD="$T/failmalloc.so" W "$@" >"$T/out" 2>"$T/err"
		rc=$?
		runs=$((runs + 1))
		case $rc in
		0)
			got=$(sqlite3 "$T/run.db" "$check")
			[ "$got" = "$full" ] || fail "$name: N=$n: exit 0 but the database differs from a full run:
$got
--- expected:
$full"
			;;
		70|74)
			failures=$((failures + 1))
			[ -s "$T/err" ] || fail "$name: N=$n: exit $rc without a message"
			now=$(dump "$T/run.db")
			if [ "$now" != "$before" ]; then
				[ "$(sqlite3 "$T/run.db" "$check")" = "$full" ] ||
					fail "$name: N=$n: exit $rc and the database half changed"
			fi
			;;
		65)
			grep -q 'parser \(stopped\|crashed\|sent malformed\)' "$T/err" ||
				fail "$name: N=$n: exit 65 but not from the sandboxed parser: $(head -c 300 "$T/err")"
			[ "$(dump "$T/run.db")" = "$before" ] || fail "$name: N=$n: exit 65 and the database changed"
			;;
		*)
			fail "$name: N=$n: exit $rc (expected 0, 70 or 74): $(head -c 300 "$T/err")"
			;;
		esac
		if [ "${FAILMALLOC_ALL:-0}" = 1 ] || [ "$n" -ge "$dense" ]; then
			n=$((n + 1))
		else
			n=$((n + 23))
		fi
	done
	[ "$failures" -gt 0 ] || fail "$name: no run failed: the shim does not work"
	echo "$name: $runs runs over $total allocations, $failures ended with 70/74"
}

expect_rc 0 "$WORTHIT" --db "$T/empty.db" --config "$T/config.json" list
try_all "import" "$T/empty.db" \
	"SELECT uid, title, coalesce(attendees, '') FROM invitation ORDER BY uid;
	 SELECT count(*) FROM audience_share;" \
	import "$T/three.json"

cp "$T/empty.db" "$T/three.db"
expect_rc 0 "$WORTHIT" --db "$T/three.db" --config "$T/config.json" import "$T/three.json"
id=$(sqlite3 "$T/three.db" "SELECT id FROM invitation WHERE uid = 'a1@test'")
knobs=$("$WORTHIT" --config "$T/config.json" weights --json | tr ',' '\n' | wc -l)
[ "$knobs" -gt 10 ] || fail "weights --json lists only $knobs knobs"
try_all "decide" "$T/three.db" \
	"SELECT invitation_id, old_status, new_status, verdict, weights_json FROM decision;
	 SELECT status FROM invitation ORDER BY id;
	 SELECT (length(weights_json) - length(replace(weights_json, ',', '')) + 1) = $knobs FROM decision;" \
	decide "$id" accept
exit 0

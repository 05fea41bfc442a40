# test_alloc_fail.sh: every allocation failure is an error, never a quiet
# success (issue 14, item 3). A shim loaded with LD_PRELOAD
# (tests/lib/failmalloc.c) makes the Nth malloc/calloc/realloc of the
# process (and of its parser child, which goes on counting) return NULL;
# for N over the whole run of
#   - a JSON import of three invitations (attendees, audience shares), and
#   - `decide` recording a decision with its weights snapshot,
# every run must either succeed fully (exit 0, every row, attendee,
# share and snapshot key there) or fail with exit 70 or 74 and a message
# on stderr, the database all-or-nothing: unchanged, or (when memory ran
# out after the commit, while printing the summary) exactly the full
# result. A failure in the sandboxed parser is "out of memory while
# parsing FILE" (70: test_parse_oom.sh covers it alone). Before: "0
# added, 0 skipped" with exit 0, attendees dropped, a snapshot missing
# keys, aborts (exit 134).
#
# The local zone is a real one (Europe/Paris): glibc loads it at start
# and, when an allocation fails there, used to go on in UTC without a
# word, which moves availability windows and so a score. Every
# allocation of that load is failed in turn (`list`, whose times are
# local): exit 70 "out of memory while loading the time zone", or the
# exact output of a clean run.
#
# Every N of the last 250 of the run (where the command's own work is)
# and every 61st before it, from main's start on: the allocations before
# main are the dynamic loader's and GLib's constructors' (GLib aborts, or
# deadlocks, when one fails), out of worthit's reach. FAILMALLOC_ALL=1
# tries every N.
. "$WORTHIT_TOP/tests/lib.sh"

command -v cc >/dev/null 2>&1 || { echo "no C compiler for the failing allocator"; exit 77; }
# under ASan the sanitizer owns malloc: a preloaded allocator cannot sit in front of it
if ldd "$WORTHIT" 2>/dev/null | grep -q 'libasan'; then
	echo "the failing allocator cannot be preloaded into an ASan build (make test runs it)"
	exit 77
fi
cc -shared -fPIC -O1 -o "$T/failmalloc.so" "$WORTHIT_TOP/tests/lib/failmalloc.c" -ldl ||
	fail "cannot build the failing allocator"
W() { "$WORTHIT" --db "$T/run.db" --config "$T/config.json" "$@"; }
export TZ=Europe/Paris
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
	dense=$((total - 250))
	n=$((start - 40)) runs=0 failures=0
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
		*)
			fail "$name: N=$n: exit $rc (expected 0, 70 or 74): $(head -c 300 "$T/err")"
			;;
		esac
		if [ "${FAILMALLOC_ALL:-0}" = 1 ] || [ "$n" -ge "$dense" ]; then
			n=$((n + 1))
		else
			n=$((n + 61))
		fi
	done
	[ "$failures" -gt 0 ] || fail "$name: no run failed: the shim does not work"
	echo "$name: $runs runs over $total allocations, $failures ended with 70/74"
}

expect_rc 0 "$WORTHIT" --db "$T/empty.db" --config "$T/config.json" list

# --- the local zone --------------------------------------------------
# `--version` does nothing after main's start, so its last allocations are
# the zone's (clock_load_zone); `list` starts the same way.
cp "$T/empty.db" "$T/zone.db"
expect_rc 0 "$WORTHIT" --db "$T/zone.db" --config "$T/config.json" import "$T/three.json"
FAILMALLOC_COUNT="$T/count" LD_PRELOAD="$T/failmalloc.so" "$WORTHIT" --version >/dev/null ||
	fail "--version fails under the shim"
start=$(cat "$T/count")
Z() { "$WORTHIT" --db "$T/zone.db" --config "$T/config.json" list --status all; }
clean=$(Z) || fail "list fails"
contains "$clean" "10:00" || fail "list does not show 09:00Z in Paris time (10:00): $clean"
n=$((start - 40)) zone_failures=0
while [ $n -le "$start" ]; do
	FAILMALLOC_NTH=$n LD_PRELOAD="$T/failmalloc.so" Z >"$T/out" 2>"$T/err"
	rc=$?
	case $rc in
	0) [ "$(cat "$T/out")" = "$clean" ] ||
		fail "zone: N=$n: exit 0 but the listing differs (UTC?): $(cat "$T/out")" ;;
	70) grep -q "out of memory" "$T/err" || fail "zone: N=$n: exit 70 without a message"
	    if grep -q "out of memory while loading the time zone Europe/Paris" "$T/err"; then
		    zone_failures=$((zone_failures + 1))
	    fi ;;
	*) fail "zone: N=$n: exit $rc: $(head -c 300 "$T/err")" ;;
	esac
	n=$((n + 1))
done
[ $zone_failures -gt 3 ] || fail "zone: only $zone_failures failures while loading the zone"
echo "zone: $zone_failures allocations of the zone load failed, each an error"

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

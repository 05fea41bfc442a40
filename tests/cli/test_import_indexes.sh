# test_import_indexes.sh: an import into an empty invitation table
# builds the table's start-time indexes once at the end (db_import.h:
# db_import_defer_indexes). Whatever way the import ends, the database
# has the very indexes its schema has (same names, same SQL), passes
# integrity_check, and the dashboard's list query can use them:
#   - a committed import into a new database;
#   - an import rolled back for a bad item (no --skip-bad);
#   - a --dry-run;
#   - a run restarted because a streamed file's parser stopped
#     (test_import_stream.sh's case, the CPU limit here);
#   - an import into a database that already has rows (nothing dropped).
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-03-01T09:00:00Z TZ=America/Chicago
# the indexes of a database as "name|sql" lines, sorted
indexes() { sqlite3 "$1" "SELECT name || '|' || sql FROM sqlite_master WHERE type = 'index' \
	AND sql IS NOT NULL ORDER BY name"; }

"$WORTHIT" --db "$T/ref.db" list >/dev/null 2>&1 || fail "creating the reference database"
want=$(indexes "$T/ref.db")
contains "$want" "invitation_by_start|" || fail "reference schema lacks invitation_by_start: $want"

# same_schema DB WHAT
same_schema() {
	expect_eq "$(indexes "$1")" "$want" "indexes after $2"
	expect_eq "$(sqlite3 "$1" 'PRAGMA integrity_check')" ok "integrity after $2"
}

awk -v n=6000 -f "$WORTHIT_TOP/bench/gen_ics.awk" >"$T/cal.ics"
run "$WORTHIT" --db "$T/new.db" import --from 2025-01-01 --to 2028-01-01 "$T/cal.ics"
[ "$rc" -eq 0 ] || fail "import: exit $rc: $err"
same_schema "$T/new.db" "an import into a new database"
expect_eq "$(sqlite3 "$T/new.db" 'SELECT count(*) FROM invitation')" 9600 "rows"
plan=$(sqlite3 "$T/new.db" "EXPLAIN QUERY PLAN SELECT id FROM invitation WHERE starts_at >= 0 \
	ORDER BY starts_at LIMIT 5")
contains "$plan" "invitation_by_start" || contains "$plan" "invitation_by_status_start" ||
	fail "the list query does not use the rebuilt index: $plan"

# a bad item, no --skip-bad: rolled back, indexes as they were
{
	head -n -1 "$T/cal.ics"
	printf 'BEGIN:VEVENT\r\nUID:bad@t\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$T/bad.ics"
"$WORTHIT" --db "$T/bad.db" list >/dev/null 2>&1
run "$WORTHIT" --db "$T/bad.db" import --from 2025-01-01 --to 2028-01-01 "$T/bad.ics"
[ "$rc" -eq 65 ] || fail "a bad item: exit $rc, expected 65: $err"
same_schema "$T/bad.db" "a rolled-back import"
expect_eq "$(sqlite3 "$T/bad.db" 'SELECT count(*) FROM invitation')" 0 "rows after the rollback"

run "$WORTHIT" --db "$T/dry.db" import --dry-run --from 2025-01-01 --to 2028-01-01 "$T/cal.ics"
[ "$rc" -eq 0 ] || fail "--dry-run: exit $rc: $err"
same_schema "$T/dry.db" "a dry run"

# a streamed file whose parser stops: the run starts again without it
{
	ics_head
	ics_quick_events 5000
	for i in 1 2 3 4 5 6 7 8 9 10; do ics_slow_event $i; done
	ics_tail
} >"$T/stops.ics"
run env WORTHIT_PARSE_PARTS=1 WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$T/restart.db" import \
	--skip-bad --from 2026-01-01 --to 2026-11-01 "$T/stops.ics" "$T/cal.ics"
[ "$rc" -eq 65 ] || fail "a stopped streamed file with --skip-bad: exit $rc: $err"
expect_err "parser stopped: CPU limit"
same_schema "$T/restart.db" "a restarted import"
"$WORTHIT" --db "$T/alone.db" import --from 2026-01-01 --to 2026-11-01 "$T/cal.ics" >/dev/null 2>&1
expect_eq "$(sqlite3 "$T/restart.db" 'SELECT count(*) FROM invitation')" \
	"$(sqlite3 "$T/alone.db" 'SELECT count(*) FROM invitation')" "rows of the other file"

# rows there already: the indexes stay (a second file of new events)
sed 's/UID:bench-/UID:more-/' "$T/cal.ics" >"$T/more.ics"
run "$WORTHIT" --db "$T/new.db" import --from 2025-01-01 --to 2028-01-01 "$T/more.ics"
[ "$rc" -eq 0 ] || fail "a second import: exit $rc: $err"
same_schema "$T/new.db" "an import into a database with rows"
expect_eq "$(sqlite3 "$T/new.db" 'SELECT count(*) FROM invitation')" 19200 "rows after the second"
echo "indexes: rebuilt or kept as the schema has them, however the import ended"

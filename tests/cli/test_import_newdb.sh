# test_import_newdb.sh: an import into a database the same command
# creates is written in rollback mode, not through the WAL, and the file
# is in WAL mode again afterwards (src/store/db_import.c); an existing
# database is imported in WAL mode, its readers reading on (issue 14).
#   - a new database: rows there, WAL afterwards, intact, no -journal left;
#   - --dry-run into a new database: nothing stored, WAL afterwards;
#   - an existing database: WAL throughout, and read while a big import
#     into it runs;
#   - an import into a new database killed (kill -9) while it writes:
#     the next command works, the file is back in WAL mode, intact, and
#     holds none of the import's rows;
#   - any worthit file found out of WAL mode is put back by the next open.
. "$WORTHIT_TOP/tests/lib.sh"
export WORTHIT_NOW=2026-03-01T09:00:00Z TZ=America/Chicago

window="--from 2025-01-01 --to 2028-01-01"
awk -v n=300 -f "$WORTHIT_TOP/bench/gen_ics.awk" >"$T/small.ics"
awk -v n=20000 -f "$WORTHIT_TOP/bench/gen_ics.awk" >"$T/big.ics"
mode() { sqlite3 "$1" 'PRAGMA journal_mode'; }
rows() { sqlite3 "$1" 'SELECT count(*) FROM invitation'; }
intact() { expect_eq "$(sqlite3 "$1" 'PRAGMA integrity_check')" ok "integrity of $1"; }

# --- a new database -----------------------------------------------------
expect_rc 0 "$WORTHIT" --db "$T/new.db" import $window "$T/small.ics"
expect_out "480 added"
expect_eq "$(rows "$T/new.db")" 480 "rows in the new database"
expect_eq "$(mode "$T/new.db")" wal "journal mode after an import into a new database"
intact "$T/new.db"
[ ! -e "$T/new.db-journal" ] || fail "a -journal was left beside the new database"
# a second import into it (no longer new) changes nothing and keeps WAL
expect_rc 0 "$WORTHIT" --db "$T/new.db" import $window "$T/small.ics"
expect_out "0 added, 0 updated, 0 cancelled, 480 unchanged"
expect_eq "$(mode "$T/new.db")" wal "journal mode after a re-import"

# --- --dry-run into a new database --------------------------------------
expect_rc 0 "$WORTHIT" --db "$T/dry.db" import --dry-run $window "$T/small.ics"
expect_eq "$(rows "$T/dry.db")" 0 "rows after --dry-run"
expect_eq "$(mode "$T/dry.db")" wal "journal mode after --dry-run into a new database"
intact "$T/dry.db"

# --- an existing database: WAL throughout, readable meanwhile ------------
expect_rc 0 "$WORTHIT" --db "$T/old.db" import $window "$T/small.ics"
"$WORTHIT" --db "$T/old.db" import $window "$T/big.ics" >"$T/big.out" 2>"$T/big.err" &
pid=$!
seen=0
for _ in $(seq 1 1200); do
	kill -0 "$pid" 2>/dev/null || break
	# the import holds the write lock: it is writing
	if ! sqlite3 -cmd ".timeout 0" "$T/old.db" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then
		m=$(sqlite3 -cmd ".timeout 0" "$T/old.db" 'PRAGMA journal_mode' 2>&1)
		n=$(sqlite3 -cmd ".timeout 0" "$T/old.db" 'SELECT count(*) FROM invitation' 2>&1)
		"$WORTHIT" --db "$T/old.db" list --json >"$T/list.out" 2>"$T/list.err"
		lrc=$?
		if kill -0 "$pid" 2>/dev/null; then # still importing after the reads
			seen=1
			break
		fi
	fi
	sleep 0.05
done
wait "$pid" || fail "import into the existing database exited $?: $(cat "$T/big.err")"
[ $seen -eq 1 ] || fail "the import ended before it could be read during its writes"
expect_eq "$m" wal "journal mode seen during an import into an existing database"
expect_eq "$n" 480 "rows a reader sees during the import (the last commit)"
[ "$lrc" -eq 0 ] || fail "worthit list during the import exited $lrc: $(cat "$T/list.err")"
expect_eq "$(mode "$T/old.db")" wal "journal mode after an import into an existing database"
[ "$(rows "$T/old.db")" -gt 480 ] || fail "the big import stored nothing"
intact "$T/old.db"

# --- kill -9 of an import into a new database while it writes ------------
"$WORTHIT" --db "$T/k.db" import $window "$T/big.ics" >/dev/null 2>"$T/k.err" &
pid=$!
killed=0
for _ in $(seq 1 1200); do
	if [ -e "$T/k.db-journal" ]; then
		parsers=$(pgrep -P "$pid")
		if kill -KILL "$pid" 2>/dev/null; then
			killed=1
			[ -z "$parsers" ] || kill -KILL $parsers 2>/dev/null
			break
		fi
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
wait "$pid"
krc=$?
[ $killed -eq 1 ] || fail "no -journal while the import into a new database ran (exit $krc: \
$(cat "$T/k.err")): not written in rollback mode"
[ "$krc" -eq 137 ] || fail "the import ended before the kill: exit $krc"
[ -e "$T/k.db-journal" ] || fail "the killed import left no hot -journal"
expect_rc 0 "$WORTHIT" --db "$T/k.db" list
expect_eq "$(mode "$T/k.db")" wal "journal mode after the killed import"
intact "$T/k.db"
expect_eq "$(rows "$T/k.db")" 0 "rows of the killed import"
[ ! -e "$T/k.db-journal" ] || fail "the hot -journal is still there"
expect_rc 0 "$WORTHIT" --db "$T/k.db" import $window "$T/small.ics"
expect_eq "$(rows "$T/k.db")" 480 "rows imported after the crash"

# --- any worthit file out of WAL mode goes back to it ---------------------
expect_eq "$(sqlite3 "$T/new.db" 'PRAGMA journal_mode = DELETE')" delete "switching away"
expect_rc 0 "$WORTHIT" --db "$T/new.db" list
expect_eq "$(mode "$T/new.db")" wal "journal mode after opening a rollback-mode file"
# a foreign file is not switched
sqlite3 "$T/foreign.db" 'CREATE TABLE t(x); PRAGMA journal_mode = DELETE' >/dev/null
sum=$(sha256sum <"$T/foreign.db")
expect_rc 74 "$WORTHIT" --db "$T/foreign.db" list
expect_eq "$(mode "$T/foreign.db")" delete "journal mode of a foreign file"
expect_eq "$(sha256sum <"$T/foreign.db")" "$sum" "foreign file changed"
exit 0

# test_db_open.sh: opening a database in hard conditions (issue 14,
# items 6 and 7).
#   - several processes started at once on a path that does not exist
#     yet all succeed (no "table invitation already exists"), and the
#     file ends fully migrated and intact;
#   - a good database in a read-only directory, and one on a full disk
#     (no room for the -shm file), is reported as such, never as "not a
#     worthit database", and is left unchanged.
. "$WORTHIT_TOP/tests/lib.sh"

# --- the migration race ------------------------------------------------------
version=$("$WORTHIT" --db "$T/ref.db" list >/dev/null && sqlite3 "$T/ref.db" 'PRAGMA user_version')
[ "$version" -ge 1 ] || fail "reference database not migrated"
for round in 1 2 3 4 5; do
	db="$T/race$round.db"
	pids=""
	for i in 1 2 3 4 5 6; do
		"$WORTHIT" --db "$db" list >"$T/race.$i.out" 2>"$T/race.$i.err" &
		pids="$pids $!"
	done
	i=0
	for p in $pids; do
		i=$((i + 1))
		wait "$p" || fail "round $round, process $i exited $?: $(cat "$T/race.$i.err")"
	done
	expect_eq "$(sqlite3 "$db" 'PRAGMA user_version')" "$version" "schema version after the race"
	expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "integrity after the race"
	expect_eq "$(sqlite3 "$db" .schema | sha256sum)" "$(sqlite3 "$T/ref.db" .schema | sha256sum)" \
		"schema after the race"
done

# --- read-only directory, full disk --------------------------------------------
[ "$(id -u)" -eq 0 ] || { echo "needs root for a read-only bind mount and a small tmpfs"; exit 77; }
mkdir "$T/ro"
"$WORTHIT" --db "$T/ro/w.db" list >/dev/null || fail "cannot create the database"
rm -f "$T/ro/w.db-wal" "$T/ro/w.db-shm"
sum=$(sha256sum <"$T/ro/w.db")
mount --bind "$T/ro" "$T/ro" && mount -o remount,ro,bind "$T/ro" "$T/ro" ||
	{ umount "$T/ro" 2>/dev/null; echo "cannot make a read-only bind mount here"; exit 77; }
trap 'umount "$T/ro" 2>/dev/null; umount "$T/full" 2>/dev/null' EXIT
expect_rc 74 "$WORTHIT" --db "$T/ro/w.db" list
expect_err "cannot open $T/ro/w.db: the directory is read-only (needed for the -wal and -shm files)"
contains "$err" "not a worthit database" && fail "read-only directory called damaged: $err"
umount "$T/ro"
expect_eq "$(sha256sum <"$T/ro/w.db")" "$sum" "database changed"

mkdir "$T/full"
mount -t tmpfs -o size=64k tmpfs "$T/full" || { echo "cannot mount a tmpfs here"; exit 77; }
cp "$T/ro/w.db" "$T/full/w.db"
sum=$(sha256sum <"$T/full/w.db")
dd if=/dev/zero of="$T/full/fill" bs=4k count=64 2>/dev/null # until the disk is full
expect_rc 74 "$WORTHIT" --db "$T/full/w.db" list
expect_err "cannot open $T/full/w.db: the disk is full"
contains "$err" "not a worthit database" && fail "full disk called damaged: $err"
expect_eq "$(sha256sum <"$T/full/w.db")" "$sum" "database changed"
umount "$T/full"
trap - EXIT
exit 0

# test_import_many.sh: `worthit import` of many files at once (a shell
# glob over a folder of .ics files) keeps few of them open: each is
# opened when its turn comes, and past 64 parsed files the transaction
# opens and each file is stored once parsed (src/cli/cmd_import.c), so
# neither open files nor the address space grow with the number of
# files. 400 files under `ulimit -n 200` all import; one bad file among
# them with --skip-bad leaves the others in.
. "$WORTHIT_TOP/tests/lib.sh"
export WORTHIT_NOW=2026-03-01T09:00:00Z
mkdir "$T/cal"
i=0
while [ $i -lt 400 ]; do
	i=$((i + 1))
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:many-%d@test\r\nDTSTART:20260410T%02d0000Z\r\nDURATION:PT1H\r\nSUMMARY:Meetup %d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
		$i $((8 + i % 10)) $i >"$T/cal/$(printf '%03d' $i).ics"
done
run sh -c "ulimit -n 200 && exec \"\$0\" --db \"\$1\" import --from 2026-01-01 --to 2027-01-01 \"\$2\"/*.ics" \
	"$WORTHIT" "$DB" "$T/cal"
[ "$rc" -eq 0 ] || fail "400 files under ulimit -n 200: exit $rc; $(printf '%s' "$err" | tail -n 3)"
expect_out "400 added"
expect_eq "$(sql 'SELECT count(*) FROM invitation')" 400 "rows after 400 files"

# one bad file among them (NUL bytes, after the transaction opened) is
# the only one left out; the files before and after it are stored
rm -f "$DB"
head -c 100 /dev/zero >"$T/cal/200.ics"
run sh -c "ulimit -n 200 && exec \"\$0\" --db \"\$1\" import --skip-bad --from 2026-01-01 --to 2027-01-01 \"\$2\"/*.ics" \
	"$WORTHIT" "$DB" "$T/cal"
[ "$rc" -eq 65 ] || fail "a bad file among 400 with --skip-bad: exit $rc; $err"
expect_err "$T/cal/200.ics"
expect_eq "$(sql 'SELECT count(*) FROM invitation')" 399 "rows after a bad file among 400"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid IN ('many-199@test', 'many-201@test', 'many-400@test')")" 3 \
	"files around the bad one"
echo ok

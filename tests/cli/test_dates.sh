#!/bin/sh
# test_dates.sh: one date parser for every --from, --to and --date: a
# plain date is a local calendar date (deal dates under Tokyo and London
# summer time stay the date typed), --to includes the day it names,
# impossible dates exit 65 and text that is no date exits 64, both
# quoting the value.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" "$@"; }
expect_rc 0 W contact add "Ana Ruiz"
for tz in Asia/Tokyo Europe/London America/Chicago; do
	run env TZ=$tz "$WORTHIT" --db "$DB" deal add --contact 1 --amount 100 --date 2026-07-01
	[ "$rc" -eq 0 ] || fail "deal add under $tz: $err"
	expect_out "on 2026-07-01"
	id=$(echo "$out" | sed -n 's/^added deal #\([0-9]*\).*/\1/p')
	run env TZ=$tz "$WORTHIT" --db "$DB" deal show "$id" --json
	expect_out '"date":"2026-07-01"'
done
# the same date shown from Tokyo is still the 1st there
run env TZ=Asia/Tokyo "$WORTHIT" --db "$DB" deal list
expect_out "2026-07-01"

# --to is inclusive of the day named; --from is that day's midnight
cat >"$T/inv.json" <<'J'
[{"uid":"a","title":"On the 31st","starts_at":"2026-03-31T18:00:00Z","ends_at":"2026-03-31T19:00:00Z"},
 {"uid":"b","title":"On April 1st","starts_at":"2026-04-01T18:00:00Z","ends_at":"2026-04-01T19:00:00Z"}]
J
expect_rc 0 W import "$T/inv.json"
run env TZ=UTC "$WORTHIT" --db "$DB" list --from 2026-03-31 --to 2026-03-31
[ "$rc" -eq 0 ] || fail "list: $err"
expect_out "On the 31st"
contains "$out" "April" && fail "--to 2026-03-31 took April 1st: $out"
run env TZ=UTC "$WORTHIT" --db "$DB" export --format json --to 2026-03-31
contains "$out" "On the 31st" || fail "export --to lost the 31st: $out"
contains "$out" "April" && fail "export --to took April 1st"
run env TZ=UTC "$WORTHIT" --db "$DB" list --from "next wednesday" --status all
expect_out "On April 1st"

# impossible dates are data errors (65); non-dates usage errors (64)
expect_rc 65 W deal add --contact 1 --amount 5 --date 2026-02-30
expect_err '2026-02 has 28 days, not 30'
expect_rc 64 W list --from someday
expect_err '"someday" is not a date or time'
expect_rc 65 W report --to 2026-02-30
expect_err '--to: "2026-02-30"'
expect_eq "$(sql 'SELECT count(*) FROM deal')" 3 "deals written"
exit 0

# test_plan.sh: `worthit plan` on the demo (WORTHIT_NOW pinned): the
# month's chosen set stays within the band, never holds a gated or
# worthless invitation nor two that clash, every pending invitation of
# the month is either chosen or left out with a reason, --json has the
# documented members; a bad month is a usage error.
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-03-01T09:00:00Z
CFG="$T/config.json"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }
expect_rc 0 W demo
expect_rc 0 W plan 2026-03 --json
json=$out
for m in '"month":"2026-03"' '"band":[8,14]' '"committed":' '"hours":' '"value":' '"net":' \
	'"chosen":[' '"left_out":[{"id":'; do
	contains "$json" "$m" || fail "plan --json lacks $m: $json"
done
hours=$(printf '%s\n' "$json" | sed 's/.*"hours":\([0-9.]*\).*/\1/')
awk -v h="$hours" 'BEGIN { exit !(h > 8 && h <= 14) }' || fail "hours $hours outside the band: $json"
chosen=$(printf '%s\n' "$json" | sed 's/.*"chosen":\[\([0-9,]*\)\].*/\1/' | tr ',' ' ')
[ -n "$chosen" ] || fail "nothing chosen: $json"
# every chosen one is go or maybe and not gated, as `score` says
for id in $chosen; do
	expect_rc 0 W score --json "$id"
	contains "$out" '"gate":null' || fail "#$id chosen but gated: $out"
	contains "$out" '"verdict":"skip"' && fail "#$id chosen but skip: $out"
done
# the referrer's lunch and the legislative breakfast are in
lunch=$(W list --json | grep '"title":"Lunch with the old Meridian Systems team"' | head -n 1 |
	sed 's/^{"id":\([0-9]*\),.*/\1/')
contains " $chosen " " $lunch " || fail "the lunch with the referrer (#$lunch) is not chosen: $json"
# the card swaps are left out, as worth less than their cost
contains "$json" 'worth less than it costs' || fail "no worthless invitation left out: $json"
# chosen + left out = the month's pending invitations
n_month=$(W score --json | grep -c '"starts_at":"2026-03-')
n_chosen=$(printf '%s\n' $chosen | wc -l)
n_left=$(printf '%s\n' "$json" | grep -o '"why":' | wc -l)
expect_eq "$((n_chosen + n_left))" "$n_month" "every invitation of the month accounted for"
# the text says how far each one left out would take the month
expect_rc 0 W plan 2026-03
expect_out "Plan for 2026-03: band 8–14 h"
expect_out "of expected value"
expect_out "left out:"
# errors
expect_rc 64 W plan 2026-13
expect_err "'2026-13' is not a month such as 2026-03"
expect_rc 64 W plan 2026-03 extra
exit 0

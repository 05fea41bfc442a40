# test_score_demo.sh: score v2 on the demo persona, built with
# WORTHIT_NOW pinned and scored with the default knobs through `score
# --json`: every 6:30 card swap and every room of strangers with few
# buyers is skip; the legal-tech summit, the law firm administrators'
# lunch, the lunch with former colleagues (the referrer behind most of
# the revenue, post 003) and the legislative breakfast are go; the
# one-to-ones with the people who matter rank at the top (post 004); the
# reasons printed say why, in money.
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-03-01T09:00:00Z
CFG="$T/config.json"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }
expect_rc 0 W demo
expect_rc 0 W score --json
json=$out

# one "verdict|score|title" line per invitation, best first
rows=$(printf '%s\n' "$json" |
	sed -n 's/^{"id":[0-9]*,"title":"\([^"]*\)",.*"score":\([0-9.]*\),"verdict":"\([a-z]*\)".*/\3|\2|\1/p')
expect_eq "$(printf '%s\n' "$rows" | wc -l)" "$(printf '%s\n' "$json" | wc -l)" "parsed every line"
[ "$(printf '%s\n' "$rows" | wc -l)" -ge 40 ] || fail "too few pending invitations: $rows"

# the card swaps and the rooms of strangers: all there, all skip
generic='Sunrise Referral Circle: card swap|Young Professionals happy hour|Startup pitch night|Millbrook Chamber Breakfast|Rotary Club lunch \(guest\)|Millbrook Small Business Expo'
swaps=$(printf '%s\n' "$rows" | grep -c '|Sunrise Referral Circle: card swap$')
[ "$swaps" -ge 4 ] || fail "expected at least 4 card swaps, got $swaps"
n_generic=$(printf '%s\n' "$rows" | cut -d'|' -f3- | grep -cxE "$generic")
[ "$n_generic" -ge 13 ] || fail "expected at least 13 rooms of strangers, got $n_generic"
not_skipped=$(printf '%s\n' "$rows" | grep -E "\|($generic)\$" | grep -v '^skip|')
[ -z "$not_skipped" ] || fail "rooms of strangers not skipped: $not_skipped"
printf '%s\n' "$rows" | grep -E "\|($generic)\$" |
	awk -F'|' '$2 > 50 { bad = 1 } END { exit bad }' || fail "stranger room near maybe: $rows"

# the buyer rooms: every one of the four is go, well clear of the threshold
for t in 'Midwest Legal Innovation Summit' 'Law firm administrators lunch (ALA chapter)' \
	'Lunch with the old Meridian Systems team' 'Chamber Legislative Breakfast'; do
	v=$(printf '%s\n' "$rows" | grep -F "|$t" | cut -d'|' -f1 | sort -u)
	expect_eq "$v" go "verdict of $t"
	printf '%s\n' "$rows" | grep -F "|$t" |
		awk -F'|' '$2 < 70 { bad = 1 } END { exit bad }' || fail "$t near go: $rows"
done
# the people who already matter: the lunch with Priya Nair's team is the
# best of all, and the one-to-ones with referrers rank in the top ten
top=$(printf '%s\n' "$rows" | head -n 1 | cut -d'|' -f3-)
expect_eq "$top" 'Lunch with the old Meridian Systems team' "best invitation"
for t in 'Breakfast with Sandra Kim' 'Lunch with Marcus Webb'; do
	r=$(printf '%s\n' "$rows" | grep -n "|$t" | head -n 1 | cut -d: -f1)
	[ -n "$r" ] && [ "$r" -le 10 ] || fail "$t ranks #$r: $rows"
done
# nothing in the top ten is a room of strangers
above=$(printf '%s\n' "$rows" | head -n 10 | grep -E "\|($generic)\$")
[ -z "$above" ] || fail "a stranger room in the top ten: $above"

# the reasons say why, in money: the card swap's room is owners, not
# buyers; the lunch's people are a client and the referrer behind most
# revenue; the summit's hours push the month over the band
swap=$(printf '%s\n' "$json" | grep -m 1 '"title":"Sunrise Referral Circle: card swap"')
contains "$swap" '"verdict":"skip"' || fail "card swap: $swap"
contains "$swap" '"explanation":"≈0.32 buyers met (3.2 % of 24 others, you talk to 10) × 24 USD a buyer met = 8 USD' ||
	fail "card swap room explanation: $swap"
expect_rc 0 W score --limit 60
lunch_block=$(printf '%s\n' "$out" | grep -A3 'Lunch with the old Meridian' | head -n 4)
contains "$lunch_block" '+ 1 client × 600 USD + 5 % of their 51600 USD deals (repeat business) 2580 USD + 1 referrer × 600 USD + 5 % of the 85000 USD credited to them (referrals) 4250 USD' ||
	fail "colleagues' lunch reasons: $lunch_block"
swap_block=$(printf '%s\n' "$out" | grep -A3 'Sunrise Referral' | head -n 4)
contains "$swap_block" '- 1 h 45 min away outside your available hours' || fail "card swap reasons: $swap_block"
expect_rc 0 W score --json 297
contains "$out" '6 h 50 min over your 8–14 h band' || fail "summit over the band: $out"
exit 0

# test_score_demo.sh: the ranking facts of docs/scoring.md ("Why these
# defaults") on the demo persona, built with WORTHIT_NOW pinned and
# scored with the default knobs through `score --json`: every 6:30 card
# swap and every generic mixer with few buyers is skip; the legal-tech
# summit full of law-firm partners, the law firm administrators' lunch,
# the lunch with former colleagues who refer clients and the legislative
# breakfast are go and rank at the top, above everything else but the
# other buyer rooms; and the reasons printed say why.
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

# the card swaps and the generic mixers: all there, all skip
generic='Sunrise Referral Circle: card swap|Women in Business Mixer|Young Professionals happy hour|Startup pitch night|Millbrook Chamber Breakfast|Rotary Club lunch \(guest\)|Charity gala: Millbrook Literacy Fund|Ribbon cutting: Riverside Home Health new office|Millbrook Small Business Expo|Millbrook Devs meetup'
swaps=$(printf '%s\n' "$rows" | grep -c '|Sunrise Referral Circle: card swap$')
[ "$swaps" -ge 4 ] || fail "expected at least 4 card swaps, got $swaps"
n_generic=$(printf '%s\n' "$rows" | cut -d'|' -f3- | grep -cxE "$generic")
[ "$n_generic" -ge 20 ] || fail "expected at least 20 generic mixers, got $n_generic"
not_skipped=$(printf '%s\n' "$rows" | grep -E "\|($generic)\$" | grep -v '^skip|')
[ -z "$not_skipped" ] || fail "generic rooms not skipped: $not_skipped"

# the buyer rooms: every one of the four is go, and they fill the top
buyers='Midwest Legal Innovation Summit|Law firm administrators lunch \(ALA chapter\)|Lunch with the old Meridian Systems team|Chamber Legislative Breakfast'
also_good='Medical practice managers chapter meeting|Lunch with Marcus Webb'
for t in 'Midwest Legal Innovation Summit' 'Law firm administrators lunch (ALA chapter)' \
	'Lunch with the old Meridian Systems team' 'Chamber Legislative Breakfast'; do
	v=$(printf '%s\n' "$rows" | grep -F "|$t" | cut -d'|' -f1 | sort -u)
	expect_eq "$v" go "verdict of $t"
done
# the last of them ranks within the top ten, and nothing above it is a
# stranger's room: only these and two other rooms full of buyers
last=$(printf '%s\n' "$rows" | grep -nE "\|($buyers)\$" | tail -n 1 | cut -d: -f1)
[ "$last" -le 10 ] || fail "a buyer room ranks only #$last: $rows"
above=$(printf '%s\n' "$rows" | head -n "$last" | cut -d'|' -f3- | grep -vxE "$buyers|$also_good")
[ -z "$above" ] || fail "ranked among the buyer rooms: $above"
expect_eq "$(printf '%s\n' "$rows" | head -n "$last" | grep -vc '^go|')" 0 "all of the top go"
top=$(printf '%s\n' "$rows" | head -n 1 | cut -d'|' -f3-)
expect_eq "$top" 'Law firm administrators lunch (ALA chapter)' "best room"
# a gap on both sides of the thresholds, not a coin toss
printf '%s\n' "$rows" | head -n "$last" |
	awk -F'|' '$2 < 57 { bad = 1 } END { exit bad }' || fail "buyer room near go: $rows"
printf '%s\n' "$rows" | grep -E "\|($generic)\$" |
	awk -F'|' '$2 > 50 { bad = 1 } END { exit bad }' || fail "mixer near maybe: $rows"

# the reasons say why: the card swap's room is local owners, not buyers
swap=$(printf '%s\n' "$json" | grep -m 1 '"title":"Sunrise Referral Circle: card swap"')
contains "$swap" '"verdict":"skip"' || fail "card swap: $swap"
contains "$swap" '"explanation":"≈0.8 of 25 attendees match your customers (3.2 %), ≈0.3 among the 10 you get to talk to; industry 16 %, role 41 %, company size 22 %, region 100 %' ||
	fail "card swap overlap explanation: $swap"
expect_rc 0 W score --limit 60
swap_block=$(printf '%s\n' "$out" | grep -A3 'Sunrise Referral' | head -n 4)
contains "$swap_block" '- ≈0.8 of 25 attendees match your customers (3.2 %)' ||
	fail "card swap reasons: $swap_block"
summit_block=$(printf '%s\n' "$out" | grep -A3 'Midwest Legal' | head -n 4)
contains "$summit_block" '+ 4 clients, 2 warm contacts attending' || fail "summit reasons: $summit_block"
contains "$summit_block" '+ ≈157 of 450 attendees match your customers (35 %)' ||
	fail "summit reasons: $summit_block"
leg_block=$(printf '%s\n' "$out" | grep -A3 'Chamber Legislative' | head -n 4)
contains "$leg_block" '+ ≈27 of 120 attendees match your customers (22 %)' ||
	fail "legislative reasons: $leg_block"
lunch_block=$(printf '%s\n' "$out" | grep -A3 'Lunch with the old Meridian' | head -n 4)
contains "$lunch_block" '+ 1 client, 1 warm contact attending (Priya Nair)' ||
	fail "colleagues' lunch reasons: $lunch_block"
contains "$lunch_block" '+ past events: n=3 organizer' || fail "colleagues' lunch reasons: $lunch_block"
exit 0

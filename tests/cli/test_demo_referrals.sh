# test_demo_referrals.sh: the demo's contact introduced by two people
# (Dr. Elena Ruiz, by Marcus Webb and by Sandra Kim) gets both
# introducers: the first as contact.referred_by, the second as a row of
# table referral (not a line in her notes); refreshing the demo adds no
# second row; `report --attribution` then splits what reaches her in
# two halves (docs/attribution.md), by hand from the demo files:
#   Elena's own deals 32000 + 12000, Tom's 9500, Rachel's 6500 (both
#   downstream of Elena): 60000.00 reaches Elena, 30000.00 per branch;
#   Sandra (a root): her own 8000 + 30000 = 38000.00 (first touch);
#   Priya (the other root): 166600 before, minus the 30000 = 136600.00.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/c.json" "$@"; }
expect_rc 0 W demo
elena=$(sql "SELECT id FROM contact WHERE name = 'Dr. Elena Ruiz'")
marcus=$(sql "SELECT id FROM contact WHERE name = 'Marcus Webb'")
sandra=$(sql "SELECT id FROM contact WHERE name = 'Sandra Kim'")
priya=$(sql "SELECT id FROM contact WHERE name = 'Priya Nair'")
expect_eq "$(sql "SELECT referred_by FROM contact WHERE id = $elena")" "$marcus" "first introducer"
expect_eq "$(sql "SELECT referrer_id FROM referral WHERE contact_id = $elena")" "$sandra" \
	"second introducer"
expect_rc 0 W demo
expect_eq "$(sql "SELECT count(*) FROM referral")" 1 "referral rows after a refresh"

expect_rc 0 W contact show "$elena"
expect_out "introduced by #$marcus Marcus Webb, #$sandra Sandra Kim"

expect_rc 0 W report --attribution --json
line() { printf '%s\n' "$out" | grep "\"contact\":$1,"; }
contains "$(line "$sandra")" '"introduced":"60000.00","credit":"38000.00"' ||
	fail "Sandra: $(line "$sandra")"
contains "$(line "$priya")" '"credit":"136600.00"' || fail "Priya: $(line "$priya")"
contains "$(line "$elena")" "\"referred_by\":[$marcus,$sandra]" || fail "Elena: $(line "$elena")"
total=$(printf '%s\n' "$out" | grep '"contact"' | sed 's/.*"credit":"\([0-9.]*\)".*/\1/' |
        awk '{ s += $1 * 100 } END { printf "%d", s }')
expect_eq "$total" 20960000 "credits add up to every deal"

expect_rc 0 W report --attribution
expect_out "Sandra Kim #$sandra"
expect_out "Dr. Elena Ruiz #$elena          (also introduced by #$marcus: see there)"
exit 0

# test_report_currency.sh: reports keep one column per currency rather
# than a wrong sum: with a 1000 USD and a 100 EUR deal (a USD user), the
# attribution and --by contact reports give 1000 USD and 100 EUR apart,
# never 1100, in the table, JSON Lines and CSV; the score counts the EUR
# deal only converted with exchange_rates.
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-06-01T09:00:00Z
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
expect_rc 0 W contact add Ann --email ann@example.com
expect_rc 0 W contact add Bob --email bob@example.com --referred-by 1
expect_rc 0 W deal add --contact 2 --amount 1000 --date 2026-05-01
expect_rc 0 W deal add --contact 2 --amount 100 --currency EUR --date 2026-05-02
for args in "--attribution" "--attribution --json" "--attribution --csv" "--by contact" \
	"--by contact --json" "--by contact --csv"; do
	# shellcheck disable=SC2086
	expect_rc 0 W report $args
	contains "$out" "1100" && fail "report $args adds EUR to USD: $out"
	expect_out "1000.00"
	expect_out "100.00"
	expect_out "EUR"
done
expect_rc 0 W report --attribution
expect_out "1 deal, 1000.00 USD"
expect_out "1 deal, 100.00 EUR"
expect_rc 0 W report --attribution --json
expect_out '"introduced":"100.00","credit":"100.00","currency":"EUR"'
expect_out '"introduced":"1000.00","credit":"1000.00","currency":"USD"'
expect_rc 0 W report --by contact --json
expect_out '"deals":1,"revenue":"100.00","first_deal":"2026-05-02","last_deal":"2026-05-02","currency":"EUR"'
expect_out '"deals":1,"revenue":"1000.00","first_deal":"2026-05-01","last_deal":"2026-05-01","currency":"USD"'
expect_rc 0 W report --by contact
expect_out "In EUR (never added to USD):"
# the score's people component: Bob's 1000 USD deals, the 100 EUR only
# through a rate (100 × 1.1 = 110 USD), never as 100 USD
cat >"$T/lunch.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:lunch@test
DTSTART:20260610T170000Z
DURATION:PT1H
SUMMARY:Lunch with Bob
ATTENDEE;CN=Bob:mailto:bob@example.com
END:VEVENT
END:VCALENDAR
ICS
expect_rc 0 W import --to 2027-01-01 "$T/lunch.ics"
expect_rc 0 W contact edit Bob --client
lunch=$(sql "SELECT id FROM invitation WHERE uid = 'lunch@test'")
expect_rc 0 W score --json "$lunch"
expect_out "their 1000 USD deals"
printf '{"exchange_rates": {"EUR": {"rate": 1.1}}}\n' >"$T/rates.json"
expect_rc 0 "$WORTHIT" --db "$DB" --config "$T/rates.json" score --json "$lunch"
expect_out "their 1110 USD deals"
# one currency only: one table, as before
expect_rc 0 W deal remove 2
expect_rc 0 W report --attribution
contains "$out" "EUR" && fail "an EUR table without EUR deals: $out"
expect_out "1 deal, 1000.00 USD"
exit 0

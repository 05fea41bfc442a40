# test_money.sh: money in its own currency through the binary: the rate
# of a JPY user is 15000 JPY/h (not 1500000), a KWD rate keeps three
# decimals, both survive a save of the config (weights set) unchanged;
# exchange_rates read, shown and saved, every malformed rate refused
# with PATH:LINE:COL and exit 78; deal amounts as typed ("1,200.50",
# "49 USD") keep their currency, and a too precise one is refused.
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/config.json"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

# --- a currency without cents ----------------------------------------------
printf '{"currency": "JPY", "hourly_rate": 15000}\n' >"$CFG"
expect_rc 0 W config show
expect_out "Hourly rate     15000 JPY/h"
contains "$out" "1500000" && fail "JPY multiplied by 100: $out"
contains "$out" "150.00" && fail "JPY shown with cents: $out"
expect_rc 0 W config show --json
expect_out '"hourly_rate":15000,'
expect_rc 0 W weights set room=2 # saves the whole file
grep -q '"hourly_rate": 15000,' "$CFG" || fail "saved JPY rate: $(cat "$CFG")"
expect_rc 0 W config show
expect_out "Hourly rate     15000 JPY/h"

# --- three decimals ----------------------------------------------------------
printf '{"currency": "kwd", "hourly_rate": 12.5}\n' >"$CFG"
expect_rc 0 W config show
expect_out "Hourly rate     12.500 KWD/h"
expect_rc 0 W weights set room=2
grep -q '"hourly_rate": 12.500,' "$CFG" || fail "saved KWD rate: $(cat "$CFG")"

# --- exchange rates ----------------------------------------------------------
cat >"$CFG" <<'JSON'
{
  "currency": "GBP",
  "hourly_rate": 90,
  "exchange_rates": {
    "USD": {"rate": 0.79, "date": "2026-11-01"},
    "eur": {"rate": 0.86}
  }
}
JSON
expect_rc 0 W config show
expect_out "Hourly rate     90.00 GBP/h"
expect_out "Exchange rates to GBP (2)"
expect_out "  1 USD = 0.79 GBP (set 2026-11-01)"
expect_out "  1 EUR = 0.86 GBP"
expect_rc 0 W weights set room=2
expect_rc 0 W config show
expect_out "  1 USD = 0.79 GBP (set 2026-11-01)"
grep -q '"exchange_rates"' "$CFG" || fail "rates not saved: $(cat "$CFG")"

bad_rates() { # JSON of exchange_rates, expected message
	printf '{\n  "currency": "GBP",\n  "exchange_rates": %s\n}\n' "$1" >"$CFG"
	cp "$CFG" "$T/before"
	expect_rc 78 W config show
	expect_err "$CFG:3:"
	expect_err "$2"
	cmp -s "$CFG" "$T/before" || fail "a bad config was changed"
}
bad_rates '{"USD": {"rate": -1}}' "exchange_rates.USD.rate"
bad_rates '{"USD": {"rate": 0}}' "exchange_rates.USD.rate"
bad_rates '{"USD": 0.79}' "exchange_rates.USD"
bad_rates '{"USD": {"date": "2026-11-01"}}' 'needs "rate"'
bad_rates '{"USD": {"rate": 0.79, "date": "2026-02-30"}}' '"YYYY-MM-DD"'
bad_rates '{"USD": {"rate": 0.79, "when": "x"}}' "unknown key"
bad_rates '{"US": {"rate": 0.79}}' "3-letter ISO 4217"
bad_rates '{"GBP": {"rate": 1}}' "your own currency"
bad_rates '{"USD": {"rate": 0.79}, "usd": {"rate": 0.8}}' "given twice"

# --- deals keep their currency -------------------------------------------------
printf '{"currency": "GBP", "hourly_rate": 90}\n' >"$CFG"
expect_rc 0 W contact add "Ann Able"
expect_rc 0 W deal add --contact "Ann Able" --amount "1,200.50" --date 2026-02-01
expect_out "1200.50 GBP"
expect_rc 0 W deal add --contact "Ann Able" --amount "49 USD" --date 2026-02-02
expect_out "49.00 USD"
expect_rc 0 W deal add --contact "Ann Able" --amount "15000" --currency JPY --date 2026-02-03
expect_out "15000 JPY"
expect_rc 0 W deal add --contact "Ann Able" --amount "1.5 KWD" --date 2026-02-04
expect_out "1.500 KWD"
expect_eq "$(sql "SELECT amount_minor || ' ' || currency FROM deal ORDER BY id")" "120050 
4900 USD
15000 JPY
1500 KWD" "stored minor units and currencies"
expect_rc 0 W deal list --json
expect_out '"amount":"49.00","currency":"USD"'
expect_out '"amount":"15000","currency":"JPY"'
n=$(sql "SELECT count(*) FROM deal")
expect_rc 65 W deal add --contact "Ann Able" --amount "5.5" --currency JPY
expect_err "JPY has 0 decimals"
expect_rc 65 W deal add --contact "Ann Able" --amount "49 USD" --currency EUR
expect_err "--amount is in USD but --currency says EUR"
expect_rc 65 W deal add --contact "Ann Able" --amount "1,20"
expect_err "not an amount of money"
expect_eq "$(sql "SELECT count(*) FROM deal")" "$n" "refused deals wrote nothing"
exit 0

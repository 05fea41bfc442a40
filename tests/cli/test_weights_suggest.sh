#!/bin/sh
# test_weights_suggest.sh: `worthit weights suggest|backtest|preset`.
# Too few outcomes: refused with a message, exit 65 (EX_DATAERR),
# nothing suggested. On the demo database: a suggestion from n >= 20
# events with fit quality and a backtest; the config file byte-identical
# without --apply; --apply changes only the weight lines and keeps
# unknown keys and notes; the saved weights are the suggested ones.
# Backtest with --weights adds a column; presets save, list, use and
# delete through the config, keeping unknown keys.
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/config.json"
W="$WORTHIT --db $DB --config $CFG"

run $W weights suggest
if contains "$err" "unknown subcommand"; then
	fail "weights suggest is not dispatched by cmd_weights.c"
fi

# --- too few outcomes ------------------------------------------------
expect_rc 0 $W config init
# an unknown key the user added by hand (laid out as worthit writes it)
sed -i '1a\  "x_mine": {\n    "keep": [1, 2]\n  },' "$CFG"
cp "$CFG" "$T/before.json"
expect_rc 65 $W weights suggest
expect_err "worthit: 0 past events with a logged outcome and hours"
expect_err "at least 20 are needed"
expect_err "nothing suggested"
expect_eq "$out" "" "no suggestion printed"
expect_rc 65 $W weights suggest --apply
cmp -s "$CFG" "$T/before.json" || fail "refused --apply changed the config"
expect_rc 65 $W weights suggest --target rating
expect_err "0 past events with a logged rating"
expect_rc 64 $W weights suggest --target revenue
expect_err "--target 'revenue': value or rating"
expect_rc 64 $W weights suggest extra
expect_rc 64 $W weights backtest --apply

# --- the demo: enough outcomes ---------------------------------------
expect_rc 0 $WORTHIT --db "$DB" demo
expect_rc 0 $W weights suggest
expect_out "Learned from "
n=$(printf '%s\n' "$out" | sed -n 's/^Learned from \([0-9]*\) past events.*/\1/p')
[ -n "$n" ] && [ "$n" -ge 20 ] || fail "suggestion from n=$n events, expected >= 20"
expect_out "cross-validated (5-fold)"
expect_out "rank correlation (Spearman)"
expect_out "revenue/hour, top-scored quarter"
expect_out "as decided     current   suggested"
expect_out "Nothing changed."
cmp -s "$CFG" "$T/before.json" || fail "suggest without --apply changed the config"

expect_rc 0 $W weights suggest --json
json=$out
contains "$json" "\"n\":$n," || fail "JSON n differs from the text: $json"
contains "$json" '"applied":false' || fail "JSON says applied: $json"
contains "$json" '"suggested":{"room":' || fail "JSON lacks suggested: $json"
cmp -s "$CFG" "$T/before.json" || fail "suggest --json changed the config"

expect_rc 0 $W weights suggest --target rating
expect_out "(your 1-5 rating)"
cmp -s "$CFG" "$T/before.json" || fail "suggest --target rating changed the config"

# --- --apply: only the weights change --------------------------------
expect_rc 0 $W weights suggest --json --apply
contains "$out" '"applied":true' || fail "JSON says not applied: $out"
suggested=$(printf '%s\n' "$out" | sed 's/.*"suggested":{\("room"[^}]*\)}.*/\1/')
grep -q '^    "keep": \[1, 2\]$' "$CFG" || fail "unknown key lost: $(head -5 "$CFG")"
grep -q '"_weights":' "$CFG" || fail "note lost"
changed=$(diff "$T/before.json" "$CFG" | grep '^[<>]' |
	grep -v -E '^[<>] +"(room|people|stage|track_record|balance|cost|availability|over_band)": [0-9.]+,?$')
[ -z "$changed" ] || fail "--apply changed more than weights: $changed"
expect_rc 0 $W weights --json
for pair in $(printf '%s\n' "$suggested" | tr ',' ' '); do
	contains "$out" "$pair" || fail "saved weights lack $pair: $out"
done
# a second suggestion from the same data changes nothing more
cp "$CFG" "$T/applied.json"
expect_rc 0 $W weights suggest
cmp -s "$CFG" "$T/applied.json" || fail "suggest after --apply changed the config"

# --- backtest ----------------------------------------------------------
expect_rc 0 $W weights backtest
expect_out "Backtest on $n past events"
expect_out "as decided       saved"
expect_rc 0 $W --weights room=0,stage=5 weights backtest
expect_out "--weights"
expect_rc 0 $W --weights stage=5 weights backtest --json
expect_out '"saved":{"n":'
expect_out '"weights":{"n":'
cmp -s "$CFG" "$T/applied.json" || fail "backtest changed the config"

# --- presets -------------------------------------------------------------
expect_rc 0 $W weights preset list
expect_out "no presets yet"
expect_rc 0 $W --weights balance=4 weights preset save "busy month"
expect_out "saved preset 'busy month'"
expect_rc 0 $W weights --json
contains "$out" '"balance":4,' && fail "preset save changed the weights: $out"
expect_rc 0 $W weights preset list
expect_out "  busy month"
expect_out "balance=4"
expect_rc 0 $W weights preset list --json
expect_out '{"busy month":{"room":'
expect_rc 0 $W weights preset use "busy month"
expect_out "balance = 4 (was "
expect_out "using preset 'busy month'"
expect_rc 0 $W weights --json
expect_out '"balance":4,'
expect_rc 0 $W weights preset list
expect_out "* busy month"
expect_rc 65 $W weights preset use "quiet month"
expect_err "no preset called 'quiet month' (known: busy month)"
expect_rc 64 $W weights preset save
expect_rc 64 $W weights preset rename a b
grep -q '^    "keep": \[1, 2\]$' "$CFG" || fail "unknown key lost by presets"
expect_rc 0 $W weights preset delete "busy month"
expect_rc 0 $W weights preset list
expect_out "no presets yet"
exit 0

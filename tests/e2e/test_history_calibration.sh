# test_history_calibration.sh: the calibration in the History tab's
# aggregate pane on the demo data (one decided event's score removed, so
# one counts as unscored). b, pressed until the pane shows it, reaches
# "By score when decided"; each band row carries the revenue per hour
# and, under it, the events, leads per event, rating and share that
# brought anything that `worthit report --calibration --json` gives; an
# empty band says so; the band earning nothing draws an empty bar; the
# reading follows the rule (highest against lowest band with 5 or more
# events, 1.5x in revenue per hour), computed here from the report; the
# unscored count matches the report's table; b goes back to kinds.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }

# an event with an outcome whose decisions lose their score
sqlite3 "$DB" "UPDATE decision SET score = NULL WHERE invitation_id =
	(SELECT invitation_id FROM outcome ORDER BY invitation_id LIMIT 1)" ||
	fail "cannot clear a score"
unscored=$(W report --calibration | sed -n 's/.* \([0-9][0-9]*\) events\{0,1\} had no recorded score.*/\1/p')
expect_eq "$unscored" 1 "unscored events in the report"

field() { echo "$1" | sed "s/.*\"$2\":\"\\{0,1\\}\\([^\",]*\\).*/\\1/"; }
money() { echo "$1" | sed 's/\.00$//; s/$/ USD/'; } # as score_format_money
# "events leads rating anything%" as the pane prints them
numbers() {
	echo "$1" | awk -v e="$(field "$1" events)" -v l="$(field "$1" avg_leads)" \
		-v r="$(field "$1" avg_rating)" -v p="$(field "$1" produced)" \
		'{ printf "%s %s %s %.0f%%\n", e, l, (r == "null" ? "-" : r), p * 100 }'
}
# the pane's two lines of a band: "bar line|numbers, single-spaced"
band_rows() {
	e2e_detail | awk -v key=" $1 " 'index($0, key) == 1 { b = $0; getline
		$1 = $1; print b "|" $0; exit }'
}

e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "By kind, all time (b: by organizer)"
i=0
until e2e_screen | grep -q "By score when decided (b: by kind)"; do
	i=$((i + 1))
	[ $i -le 4 ] || e2e_fail_screen "b never showed the calibration"
	e2e_keys b
	sleep 0.3
done
e2e_wait "Aggregates by score band"
e2e_wait "without a stored score"

W report --calibration --json >"$T/calib.jsonl" || fail "report --calibration failed"
[ "$(wc -l <"$T/calib.jsonl")" = 5 ] || fail "expected 5 bands: $(cat "$T/calib.jsonl")"
while IFS= read -r row; do
	band=$(field "$row" band)
	events=$(field "$row" events)
	if [ "$events" = 0 ]; then
		e2e_detail | grep -q "^ $band *no decided events" ||
			e2e_fail_screen "band $band: no 'no decided events' row"
		continue
	fi
	got=$(band_rows "$band")
	[ -n "$got" ] || e2e_fail_screen "no row for band $band"
	contains "${got%%|*}" "$(money "$(field "$row" revenue_per_hour)")/h" ||
		e2e_fail_screen "rate of $band: '$got' vs $row"
	expect_eq "${got##*|}" "$(numbers "$row")" "band $band"
	if [ "$(field "$row" revenue_per_hour)" = 0.00 ]; then
		contains "${got%%|*}" "█" && e2e_fail_screen "band $band earned nothing but has a bar"
	fi
done <"$T/calib.jsonl"
# the best band's bar is full: no empty cell
best=$(awk -F'"revenue_per_hour":"' 'NF > 1 { split($2, a, "\""); if (a[1] + 0 > m) {
	m = a[1] + 0; split($0, b, "\"band\":\""); split(b[2], c, "\""); k = c[1] } }
	END { print k }' "$T/calib.jsonl")
contains "$(band_rows "$best")" "·" && e2e_fail_screen "best band $best: bar not full"

# the reading, computed from the report's bands (highest first)
want=$(awk -F'"' '
	{ for (i = 1; i < NF; i++) { if ($i == "band") b = $(i + 2)
	    if ($i == "revenue_per_hour") r = $(i + 2) }
	  match($0, /"events":[0-9]+/); e = substr($0, RSTART + 9, RLENGTH - 9) + 0
	  if (e >= 5) { if (hi == "") { hi = b; rh = int(r * 100 + 0.5) } lo = b; rl = int(r * 100 + 0.5); n++ } }
	END {
		pair = "(" hi " vs " lo ")"
		if (n < 2) { print "too few decided events to tell"; exit }
		if (rh > 0 && rl == 0) { print "high scores paid off: low scores brought no revenue " pair; exit }
		if (rl > 0 && int((rh * 20 + rl) / (rl * 2)) >= 15) {
			t = int((rh * 20 + rl) / (rl * 2))
			printf "high scores paid off: %d.%dx the revenue per hour of low scores %s\n", t / 10, t % 10, pair; exit }
		if (rl > 0 && (rh == 0 || int((rl * 20 + rh) / (rh * 2)) >= 15)) {
			print "high scores did not pay off"; exit }
		print "no clear link between score and outcome" }' "$T/calib.jsonl")
[ -n "$want" ] || fail "no expected reading"
pane=$(e2e_detail | sed 's/^ *//; s/ *$//' | tr '\n' ' ')
contains "$pane" "$want" || e2e_fail_screen "reading: expected '$want'"
contains "$pane" "$unscored decided event without a stored score" ||
	e2e_fail_screen "no '$unscored decided event without a stored score'"

e2e_keys b
e2e_wait "By kind, all time (b: by organizer)"
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0

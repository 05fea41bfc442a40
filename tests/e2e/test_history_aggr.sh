# test_history_aggr.sh: the aggregate pane of the History tab on the
# demo data. b cycles kind -> organizer -> month -> score band (see
# test_history_calibration.sh) -> kind; each group's
# bar line carries its revenue per hour and the line under it the
# events, hours, leads, deals, revenue and share that
# `worthit report --by organizer|month|kind --json` gives (the month's
# share being of 160 working hours); the last 12 months are set against
# the budget band. An outcome logged through the form moves its
# organizer to the top with the figures the report then gives.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }

# "events hours leads deals revenue share%" of a report JSON line, as
# the pane prints them (hours to 0.1, revenue in whole units)
numbers() {
	echo "$1" | sed 's/.*"events":\([0-9]*\),"hours":\([0-9.]*\),.*"leads":\([0-9]*\),.*"deals":\([0-9]*\),"revenue":"\([0-9]*\)\.\([0-9]*\)".*"share":\([0-9.]*\).*/\1 \2 \3 \4 \5 \6 \7/' |
		awk '{ printf "%s %.1f %s %s %d %.0f%%\n", $1, $2, $3, $4, $5 + ($6 >= 50), $7 * 100 }'
}
field() { echo "$1" | sed "s/.*\"$2\":\"\\{0,1\\}\\([^\",]*\\).*/\\1/"; }
# the organizer as the pane labels it: no "<address>", at most 12 chars
label() { echo "$1" | sed 's/ *<.*//' | cut -c1-12; }
# the pane's two lines of a group: "bar line|numbers, single-spaced"
group() {
	e2e_detail | awk -v key=" $1" 'index($0, key) == 1 { b = $0; getline
		$1 = $1; print b "|" $0; exit }'
}
money() { # "7371.42" -> "7371.42 USD", "350.00" -> "350 USD" (as score_format_money)
	echo "$1" | sed 's/\.00$//; s/$/ USD/'
}

e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "By kind, all time (b: by organizer)"
# kinds: lunch, against the report
kind=$(W report --by kind --json | grep '"kind":"lunch"')
got=$(group "lunch ")
contains "$got" "$(money "$(field "$kind" revenue_per_hour)")/h" ||
	e2e_fail_screen "lunch rate: '$got' vs $kind"
expect_eq "${got##*|}" "$(numbers "$kind")" "lunch aggregate"

# organizers: the top one (most revenue) and the second, whose
# "Name <address>" shows as the name
e2e_keys b
e2e_wait "By organizer, all time (b: by month)"
e2e_wait "Aggregates by organizer"
for k in 1 2; do
	org=$(W report --by organizer --json | sed -n "${k}p")
	name=$(field "$org" organizer)
	got=$(group "$(label "$name")")
	[ -n "$got" ] || e2e_fail_screen "no row for organizer '$name'"
	contains "$got" "$(money "$(field "$org" revenue_per_hour)")/h" ||
		e2e_fail_screen "rate of $name: '$got' vs $org"
	expect_eq "${got##*|}" "$(numbers "$org")" "aggregate of organizer $name"
	contains "${got%%|*}" "<" && e2e_fail_screen "address shown for $name"
done
# more organizers than fit: the rest are counted
n_org=$(W report --by organizer --json | wc -l)
shown=$(e2e_detail | grep -c '/h *$')
e2e_detail | grep -q "+ $((n_org - shown)) more: worthit report --by organizer" ||
	e2e_fail_screen "no '+ $((n_org - shown)) more' line"

# months: the last 12 against the band, February 2026 and April 2025
e2e_keys b
e2e_wait "By month: hours, band 8-14 h (b: by score)"
for m in 2026-02 2025-04; do
	month=$(W report --by month --json | grep "\"month\":\"$m\"")
	got=$(group "$m ")
	[ -n "$got" ] || e2e_fail_screen "no row for $m"
	hours=$(echo "$month" | sed 's/.*"hours":\([0-9.]*\).*/\1/' | awk '{ printf "%.1f h", $1 }')
	contains "$got" "$hours" || e2e_fail_screen "hours of $m: '$got', expected $hours"
	expect_eq "${got##*|}" "$(numbers "$month")" "aggregate of $m"
done
# the band line: hours a month over the 12 months shown, from SQL
avg=$(sqlite3 "$DB" "SELECT printf('%.1f', coalesce(sum(o.actual_minutes), 0) / 60.0 / 12)
	FROM outcome o JOIN invitation i ON i.id = o.invitation_id WHERE
	strftime('%Y-%m', i.starts_at, 'unixepoch', 'localtime') BETWEEN '2025-04' AND '2026-03'")
e2e_detail | grep -q "12 months: $avg h/month, .* band 8-14" ||
	e2e_fail_screen "no '12 months: $avg h/month' line"
e2e_keys b
e2e_wait "By score when decided (b: by kind)"
e2e_keys b
e2e_wait "By kind, all time (b: by organizer)"

# the form: 2 h and 900000.00 on the first event awaiting its outcome
# make its organizer the top one
e2e_keys b
e2e_wait "By organizer, all time"
id=$(W review --json | grep '"review":"outcome"' | head -n 1 | sed 's/{"id":\([0-9]*\).*/\1/')
e2e_keys g o
e2e_wait "Log outcome:"
e2e_keys C-u; e2e_type "2"; e2e_keys Tab Tab Tab Tab Tab C-u; e2e_type "900000"
e2e_keys Enter
e2e_wait "Outcome logged"
org=$(W report --by organizer --json | head -n 1)
name=$(field "$org" organizer)
expect_eq "$name" "$(sqlite3 "$DB" "SELECT organizer FROM invitation WHERE id = $id")" \
	"top organizer after the form"
want=$(numbers "$org")
shows_org() { got=$(group "$(label "$name")"); [ "${got##*|}" = "$want" ]; }
e2e_wait_until shows_org
first=$(e2e_detail | grep -A2 "By organizer" | sed -n 3p)
contains "$first" "$(label "$name")" || e2e_fail_screen "$name is not first: $first"

e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0

# gen_ics.awk: a synthetic iCalendar file for bench_import.sh, written the
# way Outlook and Google write real invitations: three VTIMEZONEs, events
# in those zones and in UTC, one in ten all-day, one in five a weekly
# series (COUNT=4), a DESCRIPTION of about 700 bytes folded at 75 octets,
# an ORGANIZER and 5-30 ATTENDEEs each, about 3 KB per event.
#   awk -v n=100000 -f bench/gen_ics.awk > cal.ics
function fold(line,    out) {
	out = ""
	while (length(line) > 75) {
		out = out substr(line, 1, 75) "\r\n"
		line = " " substr(line, 76)
	}
	return out line "\r\n"
}
function rnd(k) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k }
BEGIN {
	seed = 42
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//worthit bench//EN\r\nMETHOD:PUBLISH\r\n"
	printf "BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	printf "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	zones[0] = "Eastern Standard Time"; zones[1] = "Europe/Berlin"; zones[2] = "America/Chicago"
	words = "networking breakfast legal tech healthcare partners regional chamber summit coffee lunch keynote developer meetup practice managers referral"
	nw = split(words, w, " ")
	for (i = 0; i < n; i++) {
		day = rnd(540); hour = 7 + rnd(11)
		# days from 2026-01-01, as a civil date (every month 28+ days: fine)
		y = 2026 + int(day / 336); m = 1 + int((day % 336) / 28); d = 1 + day % 28
		date = sprintf("%04d%02d%02d", y, m, d)
		printf "BEGIN:VEVENT\r\nUID:bench-%d@worthit.bench\r\nDTSTAMP:20260101T000000Z\r\n", i
		if (i % 10 == 3) {
			printf "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", date, sprintf("%04d%02d%02d", y, m, d + 1)
		} else if (i % 4 == 0) {
			printf "DTSTART:%sT%02d0000Z\r\nDTEND:%sT%02d3000Z\r\n", date, hour, date, hour
		} else {
			z = zones[i % 3]
			printf "DTSTART;TZID=%s:%sT%02d0000\r\nDTEND;TZID=%s:%sT%02d3000\r\n", z, date, hour, z, date, hour
		}
		if (i % 5 == 1)
			printf "RRULE:FREQ=WEEKLY;COUNT=4\r\n"
		title = w[1 + rnd(nw)] " " w[1 + rnd(nw)] " " w[1 + rnd(nw)] " #" i
		printf "%s", fold("SUMMARY:" title)
		printf "%s", fold("LOCATION:Conference Room " rnd(50) "\\, 200 Main Street\\, Springfield")
		desc = "DESCRIPTION:"
		for (k = 0; k < 14; k++)
			desc = desc "Join us for " w[1 + rnd(nw)] " and " w[1 + rnd(nw)] " talk\\; "
		desc = desc "\\nDial-in: +1 555 0100\\, code " i "\\nCafé\\, naïve\\, 東京."
		printf "%s", fold(desc)
		printf "ORGANIZER;CN=Organizer %d:mailto:org%d@example.org\r\n", i % 97, i % 97
		na = 5 + rnd(26)
		for (a = 0; a < na; a++)
			printf "%s", fold(sprintf("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Person %d:mailto:person%d@example.com", rnd(5000), rnd(5000)))
		printf "END:VEVENT\r\n"
	}
	printf "END:VCALENDAR\r\n"
}

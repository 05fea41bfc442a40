# gen_mail.awk: a Maildir of n generated messages for bench_mail.sh:
# every even one an invitation as Google sends it (text/plain, text/html
# and text/calendar; method=REQUEST inline, the same calendar again as an
# invite.ics attachment), every odd one a newsletter without any
# calendar. About 4 KB a message. Usage:
#   awk -v n=10000 -v dir=MAILDIR -f bench/gen_mail.awk   (dir/cur must exist)
function cal(i,   day, hh) {
	day = 1 + i % 28
	hh = 7 + i % 12
	return "BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\n" \
	       "VERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\n" \
	       sprintf("DTSTART:202604%02dT%02d0000Z\nDTEND:202604%02dT%02d3000Z\n", day, hh, day, hh) \
	       "DTSTAMP:20260220T101500Z\nORGANIZER;CN=Organizer " i ":mailto:org" i "@example.org\n" \
	       "UID:bench-" i "@google.com\n" \
	       "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=\n" \
	       " TRUE;CN=me@example.com;X-NUM-GUESTS=0:mailto:me@example.com\n" \
	       "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE\n" \
	       " ;CN=Guest " i ";X-NUM-GUESTS=0:mailto:guest" i "@lawfirm.example\n" \
	       "DESCRIPTION:Breakfast for partners of local law firms\\, number " i ".\\n\\nJoin\n" \
	       "  with Google Meet: https://meet.google.com/abc-defg-hij\n" \
	       "LOCATION:Hotel " i "\\, Berlin\nSEQUENCE:0\nSTATUS:CONFIRMED\n" \
	       "SUMMARY:Legal breakfast " i "\nTRANSP:OPAQUE\nEND:VEVENT\nEND:VCALENDAR\n"
}
function headers(f, i, subject, type) {
	printf "Return-Path: <calendar-notification@google.com>\nDelivered-To: me@example.com\n" > f
	printf "Received: from mail-sor-f69.google.com (mail-sor-f69.google.com. [209.85.220.69])\n" > f
	printf "        by mx.example.com with SMTPS id x%dsor.12; Fri, 20 Feb 2026 02:15:00 -0800\n", i > f
	printf "MIME-Version: 1.0\nMessage-ID: <bench-%d@example.org>\n", i > f
	printf "Date: Fri, 20 Feb 2026 10:15:00 +0000\nSubject: %s\n", subject > f
	printf "From: Sender %d <sender%d@example.org>\nTo: me@example.com\n", i, i > f
	printf "Content-Type: %s\n\n", type > f
}
function filler(f, k,   j) {
	for (j = 0; j < k; j++)
		printf "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod %d.\n", j > f
}
BEGIN {
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/cur/%d.M%d.bench:2,S", dir, 1772000000 + i, i)
		if (i % 2 == 0) {
			headers(f, i, "Invitation: Legal breakfast " i, "multipart/mixed; boundary=\"outer\"")
			printf "--outer\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n" > f
			printf "--alt\nContent-Type: text/plain; charset=\"UTF-8\"\n\n" > f
			filler(f, 10)
			printf "--alt\nContent-Type: text/html; charset=\"UTF-8\"\n\n<html><body>\n" > f
			filler(f, 10)
			printf "</body></html>\n--alt\nContent-Type: text/calendar; charset=\"UTF-8\"; method=REQUEST\n\n%s--alt--\n\n", cal(i) > f
			printf "--outer\nContent-Type: application/ics; name=\"invite.ics\"\n" > f
			printf "Content-Disposition: attachment; filename=\"invite.ics\"\n\n%s--outer--\n", cal(i) > f
		} else {
			headers(f, i, "This week in startups " i, "multipart/alternative; boundary=\"news\"")
			printf "--news\nContent-Type: text/plain; charset=utf-8\n\n" > f
			filler(f, 20)
			printf "--news\nContent-Type: text/html; charset=utf-8\n\n<html><body>\n" > f
			filler(f, 20)
			printf "</body></html>\n--news--\n" > f
		}
		close(f)
	}
}

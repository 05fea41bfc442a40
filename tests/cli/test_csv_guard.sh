# test_csv_guard.sh: CSV written by worthit is safe to open in a
# spreadsheet (issue 14, item 14). Titles, organizers and contact names
# come from strangers: a field starting with = + - @ tab or CR gets an
# apostrophe in front (plain numbers such as -12.50 excepted), in
# `export --format csv` and in `report --csv` (groups, contacts,
# attribution); `--raw` writes them as they are; `--bom` starts the
# output with a UTF-8 byte order mark. Reading an export back gives the
# same text (the reader drops the guard's apostrophe).
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/config.json"
printf '{"currency": "USD"}\n' >"$CFG"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

cat >"$T/in.json" <<'JSON'
[
 {"uid": "g1@test", "title": "=HYPERLINK(\"http://evil.example\",\"x\")", "organizer": "=cmd|' /C calc'!A0",
  "starts_at": "2026-02-10T18:00:00Z", "duration_min": 60, "status": "accepted"},
 {"uid": "g2@test", "title": "+1+2", "organizer": "@SUM(A1)", "starts_at": "2026-02-11T18:00:00Z", "duration_min": 60},
 {"uid": "g3@test", "title": "-2+3", "organizer": "Tabbed", "description": "\tTab first", "starts_at": "2026-02-12T18:00:00Z", "duration_min": 60},
 {"uid": "g4@test", "title": "'=already quoted", "organizer": "Plain Org", "starts_at": "2026-02-13T18:00:00Z", "duration_min": 60},
 {"uid": "g5@test", "title": "CR", "organizer": "-10", "description": "\r\nCR first", "starts_at": "2026-02-14T18:00:00Z", "duration_min": 60},
 {"uid": "g6@test", "title": "Normal, with comma", "organizer": "Org", "starts_at": "2026-02-15T18:00:00Z", "duration_min": 60}
]
JSON
expect_rc 0 W import "$T/in.json"

# --- export -------------------------------------------------------------------
expect_rc 0 W export --format csv
csv=$out
expect_out ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'=cmd|' /C calc'!A0,"
expect_out ",'+1+2,'@SUM(A1),"
expect_out ",'-2+3,Tabbed,"
expect_out ",\"'	Tab first\"$(printf '\r')"
expect_out ",''=already quoted,Plain Org,"
expect_out ",CR,-10,"   # a plain number stays a number
expect_out ",\"'$(printf '\r')
CR first\"$(printf '\r')"
expect_out ",\"Normal, with comma\",Org,"
# no field of the export starts with a formula character (outside quotes)
printf '%s\n' "$csv" | tr ',' '\n' | grep -q '^[=+@]' && fail "unguarded field: $csv"

# reading the export back gives the same text
printf '%s\n' "$csv" >"$T/back.csv"
q="SELECT uid, title, organizer FROM invitation ORDER BY uid"
expect_rc 0 "$WORTHIT" --db "$T/back.db" --config "$CFG" import "$T/back.csv"
expect_eq "$(sqlite3 "$T/back.db" "$q")" "$(sql "$q")" "titles and organizers after the round trip"

# --raw: as they are; --bom: a byte order mark first
expect_rc 0 W export --format csv --raw
expect_out ",\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",=cmd|' /C calc'!A0,"
expect_out ",+1+2,@SUM(A1),"
contains "$out" "'+1+2" && fail "--raw still guards"
W export --format csv --bom -o "$T/bom.csv" || fail "export --bom"
expect_eq "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' ')" efbbbf "BOM bytes"
expect_eq "$(tail -c +4 "$T/bom.csv" | head -n 1 | cut -c 1-7)" "id,uid," "header after the BOM"
expect_rc 0 "$WORTHIT" --db "$T/bom.db" --config "$CFG" import "$T/bom.csv"
expect_eq "$(sqlite3 "$T/bom.db" "$q")" "$(sql "$q")" "round trip through a BOM file"
expect_rc 64 W export --format json --raw
expect_err "--raw and --bom go with --format csv"

# --- report --------------------------------------------------------------------
id=$(sql "SELECT id FROM invitation WHERE uid = 'g1@test'")
expect_rc 0 W outcome "$id" --hours 2 --rating 4 --revenue 100
expect_rc 0 W contact add "=Evil Contact" --met-at "$id"
cid=$(sql "SELECT id FROM contact WHERE name = '=Evil Contact'")
expect_rc 0 W deal add --contact "$cid" --amount 500 --date 2026-02-20
expect_rc 0 W report --by organizer --csv --from 2026-01-01
expect_out "$(printf "'=cmd|' /C calc'!A0,1,")"
expect_rc 0 W report --by organizer --csv --raw --from 2026-01-01
expect_out "$(printf "\r\n=cmd|' /C calc'!A0,1,")"
expect_rc 0 W report --by contact --csv --from 2026-01-01
expect_out "'=Evil Contact"
expect_rc 0 W report --attribution --csv --from 2026-01-01
expect_out "$cid,'=Evil Contact,"
expect_rc 0 W report --attribution --csv --raw --from 2026-01-01
expect_out "$cid,=Evil Contact,"
W report --by kind --csv --bom --from 2026-01-01 >"$T/r.csv" || fail "report --bom"
expect_eq "$(head -c 3 "$T/r.csv" | od -An -tx1 | tr -d ' ')" efbbbf "report BOM bytes"
expect_rc 64 W report --bom
expect_err "--raw and --bom go with --csv"
exit 0

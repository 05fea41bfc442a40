#!/bin/sh
# test_hygiene.sh: data hygiene: `contact add` of an existing name or
# e-mail points at the existing contact (exit 65, nothing written)
# unless --duplicate; `contact remove` refused while deals point at the
# contact unless --with-deals; a deal dated in the future and revenue
# logged with 0 deals are kept with a warning.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }

expect_rc 0 W contact add "Ana Ruiz" --email ana@x.org
expect_rc 65 W contact add "ana ruiz"
expect_err 'contact #1 Ana Ruiz <ana@x.org> has that name'
expect_err "--duplicate"
expect_rc 65 W contact add "Ana R." --email ANA@x.org
expect_err "has that e-mail address"
expect_eq "$(sql 'SELECT count(*) FROM contact')" 1 "contacts after refused duplicates"
expect_rc 0 W contact add "Ana Ruiz" --duplicate
expect_out "added contact #2"
expect_rc 0 W contact add "Bo Chen" --referred-by 1

# remove: refused while deals point at it
expect_rc 0 W deal add --contact 1 --amount 500 --date 2026-02-01
expect_rc 65 W contact remove 1
expect_err "contact #1 has 1 deal: --with-deals"
expect_eq "$(sql 'SELECT count(*) FROM contact WHERE id = 1')" 1 "refused remove"
expect_rc 0 W contact remove 2
expect_out "removed contact #2"
expect_rc 0 W contact remove 1 --with-deals
expect_out "removed contact #1 and 1 deal"
expect_eq "$(sql 'SELECT count(*) FROM deal')" 0 "deals removed with the contact"
expect_eq "$(sql "SELECT count(*) FROM contact WHERE name = 'Bo Chen'")" 1 "introduced contact kept"
expect_rc 65 W contact remove 1
expect_rc 64 W contact remove 3 --everything

# a deal in the future, revenue with 0 deals: kept, with a warning
expect_rc 0 W deal add --contact "Bo Chen" --amount 100 --date 2026-04-01
expect_err "warning: the deal is dated 2026-04-01, in the future"
expect_eq "$(sql 'SELECT count(*) FROM deal')" 1 "future deal kept"
expect_rc 0 W deal add --contact "Bo Chen" --amount 100 --date 2026-02-27
contains "$err" "warning" && fail "a past deal warned: $err"
cat >"$T/inv.json" <<'J'
[{"uid":"past","title":"Past meetup","starts_at":"2026-02-10T18:00:00Z","duration_min":60,"status":"accepted"}]
J
expect_rc 0 W import "$T/inv.json"
expect_rc 0 W outcome 1 --revenue 300 --deals 0
expect_err "warning: revenue logged with 0 deals"
expect_eq "$(sql 'SELECT revenue_minor FROM outcome')" 30000 "revenue kept"
expect_rc 0 W outcome 1 --revenue 300 --deals 1
contains "$err" "warning" && fail "warned with a deal: $err"
exit 0

# test_import_corpus.sh: every file of the shared real-world iCalendar
# corpus through the real `worthit import --skip-bad`: no crash (exit 0
# or 65 only), a sound database, and a re-import that changes nothing.
# Skipped with a clear message where ../shared is absent (a user clone);
# under CI=1 (or CI=true) its absence is a failure.
. "$WORTHIT_TOP/tests/lib.sh"

corpus="${WORTHIT_SHARED:-}/corpus/ics"
if [ ! -d "$corpus" ]; then
	case "${CI:-}" in 1|true) fail "corpus not found at $corpus (required under CI)" ;; esac
	echo "skipped: corpus not found"
	exit 77
fi
n=0 crashed=0
for f in "$corpus"/*.ics; do
	n=$((n + 1))
	"$WORTHIT" --db "$T/corpus.db" import --skip-bad --from 2000-01-01 --to 2031-01-01 "$f" \
		>/dev/null 2>"$T/err"
	rc=$?
	case $rc in 0|65) ;; *) crashed=$((crashed + 1)); echo "corpus: $f exited $rc"; cat "$T/err" ;; esac
done
[ "$crashed" -eq 0 ] || fail "$crashed of $n corpus files crashed or failed hard"
expect_eq "$(sqlite3 "$T/corpus.db" 'PRAGMA integrity_check')" ok "corpus db integrity"
before=$(sqlite3 "$T/corpus.db" .dump | sha256sum)
for f in "$corpus"/*.ics; do
	"$WORTHIT" --db "$T/corpus.db" import --skip-bad --from 2000-01-01 --to 2031-01-01 "$f" \
		>/dev/null 2>&1
done
expect_eq "$(sqlite3 "$T/corpus.db" .dump | sha256sum)" "$before" "corpus re-import changed the database"
echo "corpus: $n files imported without a crash; re-import changed nothing"

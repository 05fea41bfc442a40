# test_check_layers.sh: `make check-layers` judges what the code really
# uses, so violations a grep for names misses fail it: on a copy of the
# tree, plant one at a time (a write to stderr, system() and mktime() in
# core objects, <sqlite3.h> in a core header, <curses.h> in a store
# file) and expect the check to fail naming the file; the clean copy
# passes, and so does it again once each plant is removed.
. "$WORTHIT_TOP/tests/lib.sh"

command -v nm >/dev/null 2>&1 || { echo "nm (binutils) not installed"; exit 77; }
unset MAKEFLAGS MFLAGS MAKELEVEL # a make of its own, not the caller's sub-make
top=$WORTHIT_TOP
copy="$T/tree"
mkdir -p "$copy/tests" "$copy/b/src"
cp -R "$top/Makefile" "$top/src" "$top/include" "$copy/"
cp "$top/tests/check_layers.sh" "$top/tests/check_layers.known" "$copy/tests/"
# the core objects as built, so only a planted file is compiled again
cp -Rp "$WORTHIT_BUILD/src/core" "$copy/b/src/"

layers() { # runs make check-layers in the copy: sets $out, $rc
	(cd "$copy" && make --no-print-directory BUILD=b check-layers) >"$T/out" 2>&1; rc=$?
	out=$(cat "$T/out")
}
layers
[ "$rc" -eq 0 ] || fail "the clean tree fails check-layers: $out"
contains "$out" "check-layers: ok" || fail "no ok line: $out"

# plant FILE TEXT WANT: append TEXT to FILE, expect a failure naming
# FILE and mentioning WANT, then restore FILE and expect a pass again
plant() {
	cp -p "$copy/$1" "$T/saved"
	printf '%s\n' "$2" >>"$copy/$1"
	layers
	[ "$rc" -ne 0 ] || fail "check-layers passed with $3 planted in $1: $out"
	contains "$out" "$1" || fail "the message does not name $1: $out"
	contains "$out" "$3" || fail "the message does not say $3: $out"
	cp "$T/saved" "$copy/$1"
	touch "$copy/$1"
	layers
	[ "$rc" -eq 0 ] || fail "check-layers still fails after removing $3 from $1: $out"
}

plant src/core/jsonloc.c '#include <stdio.h>
void check_layers_plant(void);
void check_layers_plant(void) { fputs("hidden", stderr); }' stderr
plant src/core/jsonloc.c '#include <stdio.h>
void check_layers_plant(const char *s, FILE *f);
void check_layers_plant(const char *s, FILE *f) { fwrite(s, 1, 1, f); }' fwrite
plant src/core/jsonloc.c '#include <stdlib.h>
int check_layers_plant(void);
int check_layers_plant(void) { return system("true"); }' system
plant src/core/jsonloc.c '#include <time.h>
long check_layers_plant(void);
long check_layers_plant(void) { struct tm t = { .tm_year = 100 }; return (long)mktime(&t); }' mktime
plant src/core/jsonloc.c '#include <stdlib.h>
char *check_layers_plant(void);
char *check_layers_plant(void) { return getenv("HOME"); }' getenv
plant include/worthit/jsonloc.h '#include <sqlite3.h>' sqlite3.h
plant src/core/score.c '#include "worthit/db.h"' db.h
plant src/store/db_track.c '#include <curses.h>' curses.h
plant src/tui/view_help.c '#include "worthit/cmd_hist.h"' cmd_hist.h
plant src/core/xmalloc.c '#include <stdlib.h>
void check_layers_plant(void);
void check_layers_plant(void) { exit(1); }' exit
exit 0

#!/bin/sh
# deps.sh: check every build and test dependency (pkg-config modules
# and commands); on Debian as root install only the missing packages,
# otherwise print the exact apt-get line and fail. Used by `make deps`.
set -u

missing=""
need_pkg() { # pkg-config module, Debian package
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1" 2>/dev/null; then
		missing="$missing $2"
	fi
}
need_cmd() { # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
need_cmd nm binutils # make check-layers reads the core objects
need_pkg ncursesw libncurses-dev
need_pkg sqlite3 libsqlite3-dev
need_pkg libcjson libcjson-dev
need_pkg libical libical-dev
need_pkg gmime-3.0 libgmime-3.0-dev
need_pkg libcurl libcurl4-openssl-dev
need_pkg cmocka libcmocka-dev
need_cmd tmux tmux
need_cmd sqlite3 sqlite3
# the generated zsh and fish completions are checked by the shells themselves
need_cmd zsh zsh
need_cmd fish fish
# tests with real components: a CalDAV server, its sync tool, and
# Debian's Python with icalendar to read back what worthit sends
need_cmd radicale radicale
need_cmd vdirsyncer vdirsyncer
/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1 || missing="$missing python3-icalendar"
# `make fuzz` (fuzz/): clang with libFuzzer and the sanitizer runtimes
need_cmd clang clang
if ! command -v clang >/dev/null 2>&1 ||
   [ ! -f "$(clang --print-runtime-dir 2>/dev/null)/libclang_rt.fuzzer-x86_64.a" ] &&
   [ "$(uname -m)" = x86_64 ]; then
	missing="$missing libclang-rt-dev"
fi

# de-duplicate, keep order
missing=$(printf '%s\n' $missing | awk 'NF && !seen[$0]++' | tr '\n' ' ')
missing=${missing% }
[ -z "$missing" ] && exit 0

line="apt-get install -y $missing"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if apt-get update -qq && apt-get install -y -qq $missing >/dev/null; then
		exit 0
	fi
	echo "deps: '$line' failed" >&2
	exit 1
fi
echo "deps: missing packages:$missing" >&2
echo "deps: run as root:  sudo $line" >&2
exit 1

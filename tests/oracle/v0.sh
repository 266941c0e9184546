#!/usr/bin/env bash
# V0 (go1.19 with GOEXPERIMENT=unified) against go1.19's own go/importer:
# v_uir_object and v_uir_method row by row (tests/oracle/v0.py, with the
# oracle tests/oracle/v0 built by go1.19) over the go1.19-unified fixtures
# and a whole go1.19-unified `go build std` cache.  x/tools cannot read V0,
# so tests/oracle/run.sh leaves it to this script.
#
# A missing go1.19 is a loud skip, a failure under CI=true; an oracle or a
# cache that does not build is a failure (tests/crosscheck/toolchains.bash).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
out=build/oracle/v0
mkdir -p "$out"

# go1.19's importer is the reference: without it nothing here can run.
ref="v0: every comparison (go1.19's go/importer, tests/oracle/v0)"
tc_need "$ref" go1.19-unified || tc_exit
# go1.19's importer reads the 'u' format whatever GOEXPERIMENT the oracle
# itself is built with; build it as the archives were built anyway.
# shellcheck disable=SC2086
if ! (cd tests/oracle/v0 && env $tc_env GOFLAGS= "$tc_go" build -o "../../../$out/v0oracle" .) \
	2>"$out/build.err"; then
	tc_fail "$ref" "go build of tests/oracle/v0 failed with $tc_version: $(head -3 "$out/build.err" | paste -sd' ')"
	tc_exit
fi

compare() { # LABEL PATH
	local t0=$EPOCHREALTIME why
	if ! python3 tests/oracle/v0.py "$bin" "$out/v0oracle" --label "v0: $1: " "$2" | tee "$out/check.log"; then
		# v0.py's FAILED: lines and its non-zero differing-row counts
		why=$(grep -E 'FAILED: |: [1-9][0-9]* differing rows' "$out/check.log" |
			sed "s/^ *//; s/^v0: $1: //" | sed ':a;N;$!ba;s/\n/; /g') || why="v0.py exited non-zero (above)"
		tc_fail "v0: $1" "$why"
	fi
	echo "v0: $1: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
}

compare "go1.19-unified fixtures" tests/fixtures/out/go1.19-unified
if tc_need "v0: go1.19-unified std" go1.19-unified; then
	rc=0
	cache=$(std_cache go1.19-unified std) || rc=$?
	case $rc in
	0) compare "go1.19-unified std" "$cache" ;;
	1) tc_unavailable "v0: go1.19-unified std" "toolchain go1.19-unified: unavailable to std_cache (its message above)" ;;
	*) tc_fail "v0: go1.19-unified std" "go build std failed with $tc_version (its messages above)" ;;
	esac
fi
tc_exit

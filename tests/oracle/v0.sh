#!/usr/bin/env bash
# V0 (go1.19 with GOEXPERIMENT=unified) against go1.19's own go/importer:
# v_uir_object and v_uir_method row by row (tests/oracle/v0.py, with the
# oracle tests/oracle/v0 built by go1.19) over the go1.19-unified fixtures
# and a whole go1.19-unified `go build std` cache.  x/tools cannot read V0,
# so tests/oracle/run.sh leaves it to this script.
#
# A missing go1.19 or a failed cache build is a failure under CI=true,
# else a "SKIPPED:" line.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
out=build/oracle/v0
mkdir -p "$out"
status=0

# skip_or_fail MESSAGE: a failure under CI, else a loud skip.
skip_or_fail() {
	if [ "${CI:-}" = true ]; then
		echo "v0: FAILED: $1"; status=1
	else
		echo "SKIPPED: v0: $1"
	fi
}

if ! cmd=$(toolchain_cmd go1.19-unified); then
	skip_or_fail "go1.19 (/usr/lib/go-1.19/bin/go) is not installed"
	exit $status
fi
# go1.19's importer reads the 'u' format whatever GOEXPERIMENT the oracle
# itself is built with; build it as the archives were built anyway.
# shellcheck disable=SC2086
if ! (cd tests/oracle/v0 && env GOFLAGS= ${cmd#* } ${cmd%% *} build -o "../../../$out/v0oracle" .) \
	2>"$out/build.err"; then
	skip_or_fail "cannot build tests/oracle/v0 with go1.19: $(head -3 "$out/build.err")"
	exit $status
fi

compare() { # LABEL PATH
	local t0=$EPOCHREALTIME
	if ! python3 tests/oracle/v0.py "$bin" "$out/v0oracle" --label "v0: $1: " "$2"; then
		echo "v0: $1: FAILED"; status=1
	fi
	echo "v0: $1: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
}

compare "go1.19-unified fixtures" tests/fixtures/out/go1.19-unified
if ! cache=$(std_cache go1.19-unified std 2>"$out/cache.err"); then
	skip_or_fail "go1.19-unified std: toolchain not available or its build failed: $(tail -3 "$out/cache.err")"
else
	compare "go1.19-unified std" "$cache"
fi
exit $status

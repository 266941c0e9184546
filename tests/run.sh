#!/usr/bin/env bash
# Runs every test suite and closes with one "N passed, N failed" line.
#   GOTYPEDB    the gotypedb binary to test (the sanitizer build)
#   UNIT_TESTS  the cmocka test binaries
set -uo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
passed=0 failed=0 failures=()

run() { # NAME COMMAND...
	local name=$1; shift
	echo "== $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$name")
	fi
}

for t in $UNIT_TESTS; do
	run "unit/$(basename "$t")" "$t"
done
for t in tests/golden/*.test; do
	run "golden/$(basename "$t" .test)" bash tests/golden/run-one.sh "$t"
done
for t in tests/cli/*.sh; do
	run "cli/$(basename "$t" .sh)" bash "$t"
done
run "badinput/fixtures" bash tests/badinput/run.sh
run "badinput/binaries" bash tests/badinput/binaries.sh
# (tests/data/crafted holds units that must fail: tests/cli/limits.sh)
run "decode/fixtures" build/san/tests/decode_all tests/fixtures/out tests/data/limits \
	tests/data/xtools_test_go1.20_u.a

echo
[ ${#failures[@]} -eq 0 ] || printf 'FAILED: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

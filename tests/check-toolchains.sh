#!/usr/bin/env bash
# `make check-toolchains`: every check that needs the Go toolchains, each
# run to its end whatever the others did, then one summary of what was
# skipped (a toolchain missing outside CI) and what failed.
#   GOTYPEDB    the gotypedb binary (default build/gotypedb)
#   DECODE_ALL  tests/crosscheck/decode_all, for fingerprints.sh
#   OBJDUMP     tests/crosscheck/objdump, for objfile.sh
#   (reflect.sh also reads GOTYPEDB)
#   CI=true     a missing toolchain fails instead of being skipped
# The skip-or-fail rule and the log each check appends its SKIPPED:/FAILED:
# lines to are in tests/crosscheck/toolchains.bash.
set -uo pipefail
cd "$(dirname "$0")/.."
checks=(
	"unicode|bash tests/crosscheck/unicode.sh"
	"fixtures|bash tests/fixtures/gen.sh --check"
	"diff-fixtures|bash tests/fixtures/diff/gen.sh --check"
	"fingerprints|bash tests/crosscheck/fingerprints.sh"
	"memory|bash tests/crosscheck/memory.sh"
	"oracle|bash tests/oracle/run.sh"
	"raw|bash tests/oracle/raw.sh"
	"v0|bash tests/oracle/v0.sh"
	"objfile|bash tests/crosscheck/objfile.sh"
	"reflect|bash tests/oracle/reflect.sh"
	"rt_identity|bash tests/oracle/rt_identity.sh"
)
GOTYPEDB_TC_LOG=$(mktemp)
export GOTYPEDB_TC_LOG
trap 'rm -f "$GOTYPEDB_TC_LOG"' EXIT

failed=()
for c in "${checks[@]}"; do
	name=${c%%|*}
	echo "== $name (CI=${CI:-})"
	# shellcheck disable=SC2086
	${c#*|} || failed+=("$name")
done

echo
skips=$(grep -c '^SKIPPED:' "$GOTYPEDB_TC_LOG")
echo "check-toolchains: ${#checks[@]} checks, ${#failed[@]} failed, $skips parts skipped (CI=${CI:-})"
echo "toolchains each part ran with:"
grep '^RAN: ' "$GOTYPEDB_TC_LOG" | sed 's/^RAN: /  /'
grep -v '^RAN: ' "$GOTYPEDB_TC_LOG" | sed 's/^/  /'
for f in "${failed[@]}"; do
	grep -q "^FAILED: $f" "$GOTYPEDB_TC_LOG" || echo "  FAILED: $f: exited non-zero (see its output above)"
done
[ ${#failed[@]} -eq 0 ]

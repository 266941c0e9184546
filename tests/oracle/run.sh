#!/usr/bin/env bash
# The semantic layer against go/types, for every Go toolchain present:
#   * v_uir_object and v_uir_method against tests/oracle (gcexportdata into
#     go/types) for every committed fixture and for every unit of a whole
#     `go build std cmd` cache of go1.23 (V1), go1.26 (V2) and go1.27 (V5);
#   * typeid equality against types.Identical on a sample of 12 000 pairs of
#     objects' types and of type names' underlying types over each std cmd
#     cache (objects of package main excluded: every command's own package
#     has that path, so (path, name) names no single object).
# The reference is go1.26.8's go/types (the oracle built by the machine's
# Go); go1.27.3's, built when that toolchain is reachable, reads only the
# V5 archives go1.26.8's cannot (generic methods).  The go1.19 V0 fixtures
# are not compared: x/tools v0.52.0 cannot read V0 ("internal error in
# importing"); the golden tests pin their rows instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
out=build/oracle
mkdir -p "$out"
status=0

if ! (cd tests/oracle && GOTOOLCHAIN=local GOFLAGS= go build -o "../../$out/oracle" .) 2>"$out/build.err"; then
	echo "oracle: cannot build the oracle with the machine's Go, skipped: $(head -3 "$out/build.err")"
	exit 0
fi
fallback=()
if toolchain_cmd go1.27 >/dev/null &&
	(cd tests/oracle && GOTOOLCHAIN=go1.27.3 GOFLAGS= go build -o "../../$out/oracle127" .) 2>/dev/null; then
	fallback=(--fallback "$out/oracle127")
fi

compare() { # LABEL PATH
	if ! python3 tests/oracle/compare.py "$bin" "$out/oracle" "${fallback[@]}" --label "$1: " "$2"; then
		echo "oracle: $1: FAILED"; status=1
	fi
}

echo "oracle: go1.19-unified fixtures (V0): not compared, x/tools v0.52.0 cannot read V0"
for tag in go1.21 go1.22 go1.23 go1.26 go1.27; do
	compare "$tag fixtures" "tests/fixtures/out/$tag"
done
for tag in go1.23 go1.26 go1.27; do
	if ! cache=$(std_cache "$tag" "std cmd"); then
		echo "oracle: $tag: toolchain not available, skipped"
		continue
	fi
	compare "$tag std cmd" "$cache"
	# identity is the same relation in go1.26 and go1.27 go/types; only
	# go1.27's reads every V5 archive
	identity_oracle=$out/oracle
	[ "$tag" = go1.27 ] && [ -x "$out/oracle127" ] && identity_oracle=$out/oracle127
	if ! python3 tests/oracle/identity.py "$bin" "$identity_oracle" "$cache"; then
		echo "oracle: $tag identity: FAILED"; status=1
	fi
done
exit $status

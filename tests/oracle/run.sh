#!/usr/bin/env bash
# The semantic layer against go/types, for every Go toolchain it names:
#   * v_uir_object and v_uir_method against tests/oracle (gcexportdata into
#     go/types) for every committed fixture and for every unit of a whole
#     `go build std cmd` cache of go1.23 (V1), go1.26 (V2) and go1.27 (V5);
#   * typeid equality against types.Identical on a sample of 12 000 pairs of
#     objects' types and of type names' underlying types over each std cmd
#     cache, and of 1 000 over each toolchain's fixtures plus the types
#     packages unicode and unicodetwin both declare (objects of package
#     main excluded: every command's own package has that path, so
#     (path, name) names no single object).
# The reference is go1.26.8's go/types (the oracle built by the machine's
# Go); go1.27.3's reads only the V5 archives go1.26.8's cannot (generic
# methods).  x/tools v0.52.0 cannot read V0 ("internal error in
# importing"), so the go1.19 V0 fixtures and std cache are compared with
# go1.19's own importer by tests/oracle/v0.sh instead.
#
# Nothing is left out quietly: gotypedb failing on anything the oracle
# reads fails the comparison (compare.py, identity.py), and a toolchain that
# is missing is a loud skip, a failure under CI=true
# (tests/crosscheck/toolchains.bash); an oracle or a std cache that does
# not build is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
out=build/oracle
mkdir -p "$out"

# build_oracle WHAT OUTPUT: builds tests/oracle with the toolchain tc_need
# chose; a failed build is a failure.
build_oracle() {
	# shellcheck disable=SC2086
	if ! (cd tests/oracle && env $tc_env GOFLAGS= "$tc_go" build -o "../../$2" .) 2>"$out/build.err"; then
		tc_fail "$1" "go build of tests/oracle failed with $tc_version: $(head -3 "$out/build.err" | paste -sd' ')"
		return 1
	fi
}

# check WHAT COMMAND...: runs a comparison; its last line says why it failed.
check() {
	local what=$1; shift
	if ! "$@" | tee "$out/check.log"; then
		tc_fail "$what" "$(tail -1 "$out/check.log")"
	fi
}

# The reference is go1.26.8's go/types: without it nothing here can run.
ref="oracle: every comparison (go1.26.8's go/types is the reference)"
tc_need "$ref" go1.26 || tc_exit
build_oracle "$ref" "$out/oracle" || tc_exit
# go1.27.3's go/types reads the V5 archives with generic methods
have127=0
if tc_need "oracle: V5 generic methods (go1.27.3's go/types)" go1.27 &&
	build_oracle "oracle: V5 generic methods (go1.27.3's go/types)" "$out/oracle127"; then
	have127=1
fi

compare() { # LABEL PATH
	local fallback=()
	[ $have127 = 1 ] && fallback=(--fallback "$out/oracle127")
	check "oracle: $1" python3 tests/oracle/compare.py "$bin" "$out/oracle" "${fallback[@]}" --label "$1: " "$2"
}

# Types that packages unicode and unicodetwin both declare: identical
# exactly when no field or method name is unexported (by unicode.IsUpper).
unicode_pairs=()
for name in Crate Upper Basket Title Kanji Namer; do
	unicode_pairs+=(--pair "gotypedb.test/fx/unicode $name gotypedb.test/fx/unicodetwin $name u")
done

# fixtures_identity TAG ORACLE: identity over TAG's fixtures, the pairs above included
fixtures_identity() {
	check "oracle: $1 fixtures identity" python3 tests/oracle/identity.py "$bin" "$2" --pairs 1000 \
		"${unicode_pairs[@]}" "tests/fixtures/out/$1"
}

echo "oracle: go1.19-unified fixtures (V0): compared by tests/oracle/v0.sh (x/tools v0.52.0 cannot read V0)"
for tag in go1.21 go1.22 go1.23 go1.26; do
	compare "$tag fixtures" "tests/fixtures/out/$tag"
	fixtures_identity "$tag" "$out/oracle"
done
if [ $have127 = 1 ]; then
	compare "go1.27 fixtures" tests/fixtures/out/go1.27
	fixtures_identity go1.27 "$out/oracle127"
else
	tc_unavailable "oracle: go1.27 fixtures" "their generic methods need the go1.27.3 oracle"
fi
# Valid Go at gotypedb's limits (types huge written out, nested 10000
# deep): the same rows as go/types (deep10001.a, past the limit, is
# rejected by gotypedb and so not compared).
limits=(tests/data/limits/{alias20a,alias20b,diamond20,deep10000,named5000}.a)
check "oracle: limits" python3 tests/oracle/compare.py "$bin" "$out/oracle" --label "limits: " "${limits[@]}"

for tag in go1.23 go1.26 go1.27; do
	tc_need "oracle: $tag std cmd" "$tag" || continue
	if [ $tag = go1.27 ] && [ $have127 = 0 ]; then
		tc_unavailable "oracle: go1.27 std cmd" "its generic methods need the go1.27.3 oracle"
		continue
	fi
	if ! cache=$(std_cache "$tag" "std cmd"); then
		tc_fail "oracle: $tag std cmd" "go build std cmd failed with $tc_version (its messages above)"
		continue
	fi
	compare "$tag std cmd" "$cache"
	# identity is the same relation in go1.26 and go1.27 go/types; only
	# go1.27's reads every V5 archive
	identity_oracle=$out/oracle
	[ "$tag" = go1.27 ] && identity_oracle=$out/oracle127
	check "oracle: $tag identity" python3 tests/oracle/identity.py "$bin" "$identity_oracle" "$cache"
done
tc_exit

#!/usr/bin/env bash
# Seeds for fuzz_rtype (make fuzz-rtype): tests/crosscheck/objfile/prog built
# by every toolchain of tests/crosscheck/toolchains.bash that is here, for
# 64- and 32-bit, little- and big-endian Linux targets, each shrunk to what
# the runtime decoder reads (mutate_bin --shrink: a few hundred KiB), into
# OUTDIR.  With the crafted binaries of tests/data/rtype, they are where
# the fuzzer starts.
#   bash tests/fuzz/rtype_seeds.sh OUTDIR
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
out=${1:?usage: rtype_seeds.sh OUTDIR}
mutate_bin=${MUTATE_BIN:-build/san/tests/mutate_bin}
cache=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
for tag in go1.19-indexed go1.21 go1.23 go1.26 go1.27; do
	tc_need "fuzz seeds: $tag" "$tag" || continue
	for arch in amd64 386 arm64 s390x; do
		tc_row "$tag"
		# shellcheck disable=SC2086
		if ! (cd tests/crosscheck/objfile/prog && env $tc_env GOFLAGS= GOCACHE="$cache/badinput-$tag" \
			GOOS=linux GOARCH=$arch CGO_ENABLED=0 "$tc_go" build -ldflags=-w -o "$tmp/prog" .) 2> "$tmp/err"; then
			tc_fail "fuzz seeds: $tag $arch" "go build failed: $(tail -1 "$tmp/err")"
			continue
		fi
		"$mutate_bin" --shrink "$tmp/prog" "$out/$tag-$arch" || tc_fail "fuzz seeds: $tag $arch" "shrink failed"
	done
done
echo "fuzz seeds: $(ls "$out" | wc -l) binaries in $out"
tc_exit

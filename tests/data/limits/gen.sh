#!/usr/bin/env bash
# Regenerates the archives of tests/data/limits with go1.26.8 (the
# machine's go): valid Go whose types are huge written out, deeply nested,
# or embedded on exponentially many paths — inputs whose cost must stay in
# proportion to their size (tests/cli/limits.sh).  Each archive keeps only
# the __.PKGDEF member (the object code of the deep ones is hundreds of
# megabytes).  Slow: the compiler takes minutes on the deep types.
#
#   alias20a.a, alias20b.a  type A1 = struct{X, Y A0} ... A20, in two packages:
#                           2^20 copies of A0 written out; identical types
#   diamond20.a             interfaces embedding two that embed one, 20 levels
#   deep10000.a             var V [][]...int, 10000 types nested (the limit)
#   deep10001.a             one level more: unsupported
#   named5000.a             type T1 struct{x T0} ... T4999: declarations
#                           and types alternating, 10000 levels
set -euo pipefail
cd "$(dirname "$0")"
out=$PWD
src=$(mktemp -d)
trap 'chmod -R u+w "$src"; rm -rf "$src"' EXIT
cd "$src"
printf 'module example.com/limits\n\ngo 1.26\n' > go.mod

gen() { # NAME: Go source on stdin
	mkdir -p "$1"
	cat > "$1/p.go"
}
for p in alias20a alias20b; do
	{ echo "package $p"; echo "type A0 = struct{ X int }"
	  for i in $(seq 1 20); do echo "type A$i = struct{ X, Y A$((i - 1)) }"; done
	  echo "var V A20"; } | gen $p
done
{ echo "package diamond20"; echo "type L0 interface{ M() }"
  for i in $(seq 1 20); do
	echo "type La$i interface{ L$((i - 1)) }"; echo "type Lb$i interface{ L$((i - 1)) }"
	echo "type L$i interface{ La$i; Lb$i }"
  done
  echo "var V L20"; } | gen diamond20
for d in 10000 10001; do
	{ echo "package deep$d"; printf 'var V '; for _ in $(seq 2 $d); do printf '[]'; done; echo int; } | gen deep$d
done
{ echo "package named5000"; echo "type T0 int"
  for i in $(seq 1 4999); do echo "type T$i struct{ x T$((i - 1)) }"; done
  echo "var V T4999"; } | gen named5000

for p in alias20a alias20b diamond20 deep10000 deep10001 named5000; do
	a=$(GOCACHE="$src/cache" GOFLAGS=-trimpath CGO_ENABLED=0 GOOS=linux GOARCH=amd64 \
		go list -export -f '{{.Export}}' "./$p")
	ar p "$a" __.PKGDEF > "$src/pkgdef"
	size=$(stat -c %s "$src/pkgdef")
	{ printf '!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n' __.PKGDEF 0 0 0 644 "$size"
	  cat "$src/pkgdef"; [ $((size % 2)) -eq 0 ] || printf '\n'; } > "$out/$p.a"
	echo "$p.a: $size bytes of export data"
done

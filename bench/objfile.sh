#!/usr/bin/env bash
# libelf against a minimal ELF reader of our own (bench/elfread.c), on the
# real Go binaries of this machine's toolchains (go, gofmt and the
# compiler, linker and other tools of go1.26 and of Debian's go1.19-go1.23,
# when installed): the time to read every section header and name and
# every symbol with its name, from the same bytes in memory, in
# interleaved runs (ROUNDS, default 11; the median of each).  The issue
# asked to keep libelf unless these figures say otherwise.
#
#   bash bench/objfile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
cc -O2 -o "$work/elfread" bench/elfread.c $(pkg-config --cflags --libs libelf)
files=()
for root in "$(GOTOOLCHAIN=local go env GOROOT 2>/dev/null)" /usr/lib/go-1.19 /usr/lib/go-1.21 \
	    /usr/lib/go-1.22 /usr/lib/go-1.23; do
	[ -n "$root" ] && [ -d "$root/bin" ] || continue
	for f in "$root"/bin/go "$root"/bin/gofmt "$root"/pkg/tool/linux_amd64/{compile,link,asm,cgo,vet}; do
		[ -f "$f" ] && files+=("$(readlink -f "$f")")
	done
done
[ ${#files[@]} -gt 0 ] || { echo "bench/objfile.sh: no Go toolchain binaries found"; exit 1; }
echo "libelf vs own reader: ${#files[@]} Go binaries, $rounds interleaved rounds, median per open"
"$work/elfread" "$rounds" "${files[@]}"

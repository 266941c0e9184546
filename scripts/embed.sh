#!/bin/sh
# Writes a C file that holds the given files as NUL-terminated byte arrays,
# listed in an array named by $1:  embed.sh VAR FILE... > out.c
# Bytes, not string literals: no escaping rules to get wrong.
set -eu
var=$1
shift
echo '#include "gotypedb/embedded.h"'
n=0
for f in "$@"; do
	echo "static const char ${var}_$n[] = {"
	od -An -v -tx1 "$f" | sed -e 's/ *$//' -e 's/^ *//' -e 's/ /, 0x/g' -e 's/^/0x/' -e 's/$/,/' | grep -v '^0x,$' || true
	echo "0 };"
	n=$((n + 1))
done
echo "const struct gtd_embedded ${var}[] = {"
n=0
for f in "$@"; do
	echo "	{ \"$(basename "$f")\", ${var}_$n },"
	n=$((n + 1))
done
echo "	{ 0, 0 }"
echo "};"

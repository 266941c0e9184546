#!/usr/bin/env bash
# Golden outputs of every bundled query (queries/*.sql, as @NAME) and of
# the default reports (queries/reports.yaml) in every format, on one
# database of the committed fixtures (export data of every toolchain,
# crafted binaries of every runtime release):
#
#   gen.sh           write them to out/ (then read the diff before committing)
#   gen.sh --check   write them to a temporary directory and compare with
#                    out/, byte for byte (tests/cli/builtins.sh, make check)
#
# Either way truth.py then recomputes every query's rows from the base
# tables in Python and compares them with the json goldens: a golden is
# not taken on gotypedb's word.
#   GOTYPEDB  the binary (default build/gotypedb)
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin=${GOTYPEDB:-build/gotypedb}
here=tests/golden/builtins
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$here/out
[ "${1:-}" = --check ] && dest=$work/out
mkdir -p "$dest"
rm -f "$dest"/*

# The database keeps absolute paths (v_module.path is in the rows): the
# corpus is copied to a fixed place first, so that the goldens do not
# depend on where the checkout is.  Runs hold a lock on it.
corpus=/tmp/gotypedb-builtins
exec 9>"$corpus.lock"
flock 9
rm -rf "$corpus"
mkdir -p "$corpus"
cp -r tests/fixtures/out "$corpus/fixtures"
cp -r tests/data/rtype "$corpus/rtype"
rc=0
# 65: the corpus holds damaged binaries on purpose
GOTYPEDB_HASH_SEED=golden "$bin" index --no-progress -j 1 -d "$work/fx.db" \
	"$corpus/fixtures" "$corpus/rtype" >/dev/null 2>&1 || rc=$?
[ $rc -eq 0 ] || [ $rc -eq 65 ] || { echo "builtins: index failed: exit $rc"; exit 1; }
for q in queries/*.sql; do
	name=$(basename "$q" .sql)
	for f in table csv json markdown html; do
		"$bin" query -d "$work/fx.db" --format "$f" "@$name" > "$dest/$name.$f"
	done
done
for f in table csv json markdown html; do
	"$bin" report -d "$work/fx.db" --format "$f" > "$dest/reports.$f"
done
# the database's path is in the html report's head: named as in the tree
sed -i "s|$work/fx.db|fx.db|g" "$dest/reports.html"
python3 "$here/truth.py" "$work/fx.db" "$dest"
if [ "$dest" != "$here/out" ]; then
	if ! diff -r "$here/out" "$dest" > "$work/diff"; then
		echo "builtins: the output differs from the goldens in $here/out:"
		head -40 "$work/diff"
		exit 1
	fi
	echo "builtins: $(ls "$dest" | wc -l) outputs identical to the goldens"
fi

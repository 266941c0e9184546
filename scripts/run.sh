#!/usr/bin/env bash
# The quick start: index the local Go build cache (or, without Go, the
# committed fixtures) into ./gotypedb.db and show the duplication: the
# built-in reports (queries/reports.yaml), then writes them as html beside
# the database, and says where both are and what to ask next.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${GOTYPEDB_DB:-gotypedb.db}
if command -v go >/dev/null && cache=$(go env GOCACHE 2>/dev/null) && [ -d "$cache" ]; then
	echo "indexing the Go build cache $cache into $db" >&2
	set -- "$cache"
else
	echo "no Go build cache here: indexing the committed fixtures into $db" >&2
	set -- tests/fixtures/out tests/data
fi
# The quick start's own database, left by an older gotypedb of another
# schema version (which index refuses to add to): made again.
if [ -e "$db" ]; then
	want=$(build/gotypedb --version | sed -n 's/.*schema version \([0-9]*\).*/\1/p')
	have=$(build/gotypedb query -d "$db" --format csv 'PRAGMA user_version' 2>/dev/null | tail -n +2) || have=
	if [ "$have" != "$want" ]; then
		echo "$db is of schema version ${have:-unknown}, this gotypedb writes $want: indexing into a new one" >&2
		rm -f "$db" "$db-wal" "$db-shm"
	fi
fi
rc=0
build/gotypedb index -d "$db" "$@" || rc=$?
# 65: some files were corrupt; they are reported above and the rest is indexed.
[ $rc -eq 0 ] || [ $rc -eq 65 ] || exit $rc
build/gotypedb report -d "$db"
html=${db%.db}.html
build/gotypedb report -d "$db" --format html -o "$html"
cat <<EOF

The database is $db; the reports above are \`gotypedb report\` (queries/reports.yaml).
The same reports with their charts (a treemap of where duplicate type
descriptors' bytes go, bars for the rest), sortable: $(realpath "$html")
Three queries to try next:
  build/gotypedb query -d $db @summary
  build/gotypedb query -d $db "SELECT kind, count(*) AS types FROM typedef GROUP BY kind ORDER BY types DESC"
  build/gotypedb query -d $db "SELECT go_quote(text) AS string, units FROM v_string_dup ORDER BY units DESC LIMIT 10"
EOF

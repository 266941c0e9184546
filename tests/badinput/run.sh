#!/usr/bin/env bash
# Bad input: damaged copies of every committed fixture (tests/badinput/mutate.c)
# are indexed in one run by the sanitizer build.  Each must give a clear
# error or decode consistently: never a crash, a hang or partial rows.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${GOTYPEDB:-build/san/gotypedb}
mutate=${MUTATE:-build/san/tests/mutate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

shopt -s nullglob
inputs=(tests/data/xtools_test_go1.20_u.a tests/fixtures/out/*/*.a)
n=0
for f in "${inputs[@]}"; do
	# only unified-IR archives: the indexed-format fixtures are for rejection tests
	d=$tmp/in/$n
	mkdir -p "$d"
	if "$mutate" "$f" "$d" $((n + 1)) 2>/dev/null; then n=$((n + 1)); else rmdir "$d"; fi
done
files=$(find "$tmp/in" -type f | wc -l)
echo "bad input: $files damaged copies of $n archives"

set +e
timeout 600 "$bin" index --no-progress -j 2 -d "$tmp/db" "$tmp/in" 2>"$tmp/stderr"
rc=$?
set -e
if [ $rc -ne 65 ]; then
	echo "expected exit 65 (corrupt input), got $rc"; tail -20 "$tmp/stderr"; exit 1
fi
if grep -q -E 'AddressSanitizer|UndefinedBehaviorSanitizer|runtime error' "$tmp/stderr"; then
	echo "sanitizer report:"; grep -m5 -E 'Sanitizer|runtime error' "$tmp/stderr"; exit 1
fi

q() { "$bin" query --format csv -d "$tmp/db" "$1" | tail -n +2; }
# every message names the file and a location: "gotypedb: PATH: __.PKGDEF: ..." etc.
bad=$(grep -c -v -E '^gotypedb: /[^:]+\.a: .+: .+' "$tmp/stderr" | tr -d ' ' || true)
bad=$((bad - $(grep -c -E '^gotypedb: [0-9]+ files in|^  (time|skipped|rejected)' "$tmp/stderr")))
[ "$bad" -eq 0 ] || { echo "$bad messages without file and location:"; grep -v -E '^gotypedb: /' "$tmp/stderr" | head; exit 1; }
[ "$(q "SELECT count(*) FROM file")" -eq "$files" ] || { echo "not every file recorded"; exit 1; }
partial=$(q "SELECT (SELECT count(*) FROM unit JOIN content c ON c.id = unit.content_id WHERE c.status != 'indexed')
 + (SELECT count(*) FROM unit_section WHERE unit_id NOT IN (SELECT id FROM unit))
 + (SELECT count(*) FROM unit WHERE (SELECT count(*) FROM unit_section s WHERE s.unit_id = unit.id) != 10)
 + (SELECT count(*) FROM uir_unit WHERE unit_id NOT IN (SELECT id FROM unit))
 + (SELECT count(*) FROM uir_decl WHERE id NOT IN (SELECT decl_id FROM uir_unit_object))
 + (SELECT count(*) FROM unit WHERE id NOT IN (SELECT unit_id FROM uir_unit))
 + (SELECT count(*) FROM typedef WHERE typeid NOT IN (SELECT typeid FROM uir_type UNION SELECT typeid FROM uir_object
     UNION SELECT under_typeid FROM uir_object UNION SELECT part_typeid FROM typedef_part))
 + (SELECT count(*) FROM typedef_part WHERE typeid NOT IN (SELECT typeid FROM typedef))
 + (SELECT count(*) FROM package WHERE id NOT IN (SELECT package_id FROM uir_decl
     UNION SELECT package_id FROM typedef))
 + (SELECT count(*) FROM string WHERE id NOT IN (SELECT string_id FROM unit_string
     UNION SELECT file_id FROM uir_decl UNION SELECT name_id FROM uir_decl
     UNION SELECT canonical_id FROM typedef UNION SELECT path_id FROM package
     UNION SELECT name_id FROM package UNION SELECT name_id FROM typedef
     UNION SELECT name_id FROM typedef_part UNION SELECT pkg_path_id FROM typedef_part
     UNION SELECT tag_id FROM typedef_part)) AS n")
[ "$partial" -eq 0 ] || { echo "$partial partial rows"; exit 1; }
errors=$(q "SELECT count(*) FROM content WHERE status = 'error'")
nomsg=$(q "SELECT count(*) FROM content WHERE status != 'indexed' AND (error IS NULL OR error = '')")
[ "$nomsg" -eq 0 ] || { echo "$nomsg failed contents without a message"; exit 1; }
cuts=$(q "SELECT count(*) AS n FROM file f JOIN content c ON c.id = f.content_id
          WHERE f.path LIKE '%/cut-%' AND c.status = 'indexed'")
[ "$cuts" -eq 0 ] || { echo "$cuts truncated archives were indexed"; exit 1; }
echo "bad input: $errors error contents, all with messages; no crash, no partial rows"
# The model decoder (every public element) on the same copies, without the
# fingerprint check, so that structural damage reaches it.
decode_all=${DECODE_ALL:-build/san/tests/decode_all}
set +e
timeout 600 "$decode_all" --keep-going "$tmp/in" > "$tmp/decode.out" 2> "$tmp/decode.err"
rc=$?
set -e
if [ $rc -ne 0 ] || grep -q -E 'Sanitizer|runtime error|without a message' "$tmp/decode.err"; then
	echo "model decoder on bad input: exit $rc"; head -5 "$tmp/decode.err"; exit 1
fi
echo "model decoder: $(cut -d';' -f1-2 "$tmp/decode.out")"
q "SELECT reason, count(*) FROM content GROUP BY reason" | sed 's/^/  /'

# The command line: usage, exit codes, schema, query formats, read-only.
source "$(dirname "$0")/lib.bash"

expect_exit 64 "$bin"
expect_exit 64 "$bin" frobnicate
expect_grep 'unknown command "frobnicate"' "$tmp/err"
expect_exit 0 "$bin" --help
expect_grep 'gotypedb index' "$tmp/out"
expect_exit 0 "$bin" --version
expect_grep 'schema version 7, pkgbits V0-V5, Go runtime tables 1.16-1.27, report files version 1' "$tmp/out"
expect_exit 64 "$bin" index -j 0 "$XT"
expect_exit 64 "$bin" query
expect_exit 64 "$bin" query --format xml 'select 1'

# every command's --help exits 0 and describes every option its source
# declares, and the exit statuses
expect_exit 0 "$bin" --help
expect_grep 'Exit status: 0 ok; 64 usage' "$tmp/out"
for c in index query schema; do
	expect_exit 0 "$bin" $c --help
	expect_grep "^usage: gotypedb $c" "$tmp/out"
	expect_grep '^Exit status: 0 ok; 64 usage' "$tmp/out"
	expect_grep '^  -h, --help' "$tmp/out"
	for o in $(grep -o '{ "[a-z-]*", [a-z_]*_argument' "src/cli/$c.c" | cut -d'"' -f2); do
		expect_grep "^ *\(-[a-z], \)\?--$o\b" "$tmp/out"
	done
done
expect_exit 0 "$bin" schema -h
expect_exit 64 "$bin" schema extra
expect_grep '^usage: gotypedb schema' "$tmp/err"
expect_exit 0 "$bin" query --help
for p in table_info user_version integrity_check; do
	expect_grep " $p" "$tmp/out"
done

# schema: every table documented, printed from the binary
expect_exit 0 "$bin" schema
for t in string file content unit uir_section unit_section; do
	expect_grep "CREATE TABLE $t " "$tmp/out"
done
for v in unit_string uir_element uir_ref v_uir_ref v_string_dup; do
	expect_grep "CREATE VIEW $v" "$tmp/out"
done

# no input
expect_exit 66 "$bin" index -d "$tmp/db" "$tmp/does-not-exist"
expect_grep "gotypedb: $tmp/does-not-exist: No such file or directory" "$tmp/err"
expect_exit 66 "$bin" query -d "$tmp/none.db" 'select 1'

# a first index, and its database
expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$XT"
expect_grep '1 files in .* 1 units indexed' "$tmp/err"
expect_eq "$(q "$tmp/db" 'PRAGMA user_version')" 7 "user_version"
expect_eq "$(q "$tmp/db" 'PRAGMA application_id')" 1735681122 "application_id"
expect_eq "$(q "$tmp/db" "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name='string_text'")" 1 "indexes built after load"

# formats
expect_exit 0 "$bin" query -d "$tmp/db" --format csv "SELECT pkg_path, version, fingerprint FROM unit"
expect_eq "$(cat "$tmp/out")" $'pkg_path,version,fingerprint\ncommand-line-arguments,1,x\'eeebaed644dc1fc8\'' "csv"
expect_exit 0 "$bin" query -d "$tmp/db" --format json "SELECT pkg_path, version, NULL AS n FROM unit"
expect_eq "$(cat "$tmp/out")" $'[\n{"pkg_path":"command-line-arguments","version":1,"n":null}\n]' "json"
expect_exit 0 "$bin" query -d "$tmp/db" "SELECT version, pkg_path FROM unit"
expect_eq "$(cat "$tmp/out")" $'version  pkg_path\n-------  ----------------------\n      1  command-line-arguments' "table"
printf 'SELECT count(*) AS n FROM unit_string;\n' > "$tmp/q.sql"
expect_exit 0 "$bin" query -d "$tmp/db" --format csv -f "$tmp/q.sql"
expect_eq "$(cat "$tmp/out")" $'n\n6' "-f FILE"
expect_exit 0 "$bin" query -d "$tmp/db" @string_dup
expect_exit 64 "$bin" query -d "$tmp/db" @no_such_query
expect_grep 'bundled queries: .*@string_dup @summary @type_dup' "$tmp/err"

# -f FILE that is not a file of SQL
expect_exit 66 "$bin" query -d "$tmp/db" -f "$tmp"
expect_grep "gotypedb: $tmp: is a directory, not a file of SQL" "$tmp/err"
expect_exit 66 "$bin" query -d "$tmp/db" -f "$tmp/no-such.sql"
expect_grep "gotypedb: $tmp/no-such.sql: No such file or directory" "$tmp/err"
printf 'SELECT 1;\0DELETE FROM unit;\n' > "$tmp/nul.sql"
expect_exit 64 "$bin" query -d "$tmp/db" -f "$tmp/nul.sql"
expect_grep "gotypedb: $tmp/nul.sql: byte 9 is NUL: SQL is text" "$tmp/err"
printf 'SELECT 1;\n\n  SELECT nonesuch FROM unit;\n' > "$tmp/bad.sql"
expect_exit 64 "$bin" query -d "$tmp/db" -f "$tmp/bad.sql"
expect_grep "gotypedb: $tmp/bad.sql:3:10: no such column: nonesuch" "$tmp/err"

# query is read-only (tests/cli/query_guard.sh: every way to write)
expect_exit 64 "$bin" query -d "$tmp/db" "DELETE FROM unit"
expect_grep 'DELETE from unit is not allowed: gotypedb query only reads' "$tmp/err"
expect_eq "$(q "$tmp/db" 'SELECT count(*) FROM unit')" 1 "unit survives"
expect_exit 64 "$bin" query -d "$tmp/db" "SELECT * FROM no_such_table"
expect_grep 'no such table' "$tmp/err"

# GOTYPEDB_DB names the default database
GOTYPEDB_DB="$tmp/db" expect_exit 0 "$bin" query "SELECT 1"
echo "commands ok"

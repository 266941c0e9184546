# gotypedb query writes nothing anywhere: every statement that would write
# (to the database, a temporary or attached one, a file, a setting) is
# refused with exit 64 and a message before anything runs, and no file
# appears or changes.
source "$(dirname "$0")/lib.bash"

export TMPDIR="$tmp/tmpdir" # where SQLite and gotypedb put temporary files
mkdir -p "$TMPDIR" "$tmp/x"
expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$XT"
expect_exit 0 "$bin" query -d "$tmp/db" "SELECT count(*) FROM unit" # makes the WAL reader's -shm
sum() { md5sum "$tmp/db" | cut -d' ' -f1; }
before_sum=$(sum)
# every file under $tmp but the test's own out and err, with its size
files() { find "$tmp" -path "$tmp/out" -prune -o -path "$tmp/err" -prune -o -printf '%P %s\n' | sort; }
before=$(files)

# refused SQL MESSAGE: exit 64, MESSAGE on stderr, nothing on stdout, no
# file made or changed
refused() {
	expect_exit 64 "$bin" query -d "$tmp/db" "$1"
	expect_grep "$2" "$tmp/err"
	[ ! -s "$tmp/out" ] || fail "$1: printed $(head -c 200 "$tmp/out")"
	expect_eq "$(files)" "$before" "files after $1"
	expect_eq "$(sum)" "$before_sum" "the database after $1"
}

ro="gotypedb query only reads"
refused "PRAGMA query_only=0; VACUUM INTO '$tmp/x/copy.db'" "query:1:1: PRAGMA query_only is not allowed: $ro"
refused "VACUUM INTO '$tmp/x/copy.db'" "query:1:1: this statement would change the database or its files: $ro"
refused "VACUUM INTO '$tmp/no-such-dir/copy.db'" "this statement would change the database or its files"
refused "VACUUM" "this statement would change the database or its files"
refused "CREATE TEMP TABLE t(x)" "changing the schema of temp is not allowed: $ro"
refused "CREATE TEMP VIEW v AS SELECT 1" "changing the schema of temp is not allowed"
refused "CREATE TEMP TRIGGER t AFTER INSERT ON unit BEGIN SELECT 1; END" "CREATE TEMP TRIGGER is not allowed"
refused "CREATE VIRTUAL TABLE temp.f USING fts5(a)" "changing the schema of temp is not allowed"
refused "PRAGMA temp_store_directory = '$tmp/x'" "PRAGMA temp_store_directory is not allowed: $ro"
refused "PRAGMA temp_store = MEMORY" "PRAGMA temp_store is not allowed"
refused "ATTACH '$tmp/x/a.db' AS a" "ATTACH is not allowed: $ro"
refused "DETACH temp" "DETACH is not allowed"
refused "DELETE FROM unit" "DELETE from unit is not allowed: $ro"
refused "INSERT INTO string(text) VALUES ('x')" "INSERT into string is not allowed"
refused "UPDATE unit SET pkg_path = 'x'" "UPDATE of unit is not allowed"
refused "CREATE TABLE t(a)" "changing the schema of main is not allowed"
refused "CREATE INDEX i ON unit(version)" "changing the schema of main is not allowed"
refused "DROP VIEW v_uir_ref" "changing the schema of main is not allowed"
refused "ALTER TABLE unit RENAME TO u" "ALTER TABLE is not allowed"
refused "REINDEX" "REINDEX is not allowed"
refused "ANALYZE" "is not allowed: $ro"
refused "PRAGMA user_version = 5" "PRAGMA user_version = 5 is not allowed: $ro"
refused "PRAGMA application_id = 1" "PRAGMA application_id = 1 is not allowed"
refused "PRAGMA journal_mode = DELETE" "PRAGMA journal_mode is not allowed"
refused "PRAGMA wal_checkpoint(TRUNCATE)" "PRAGMA wal_checkpoint is not allowed"
refused "PRAGMA writable_schema = 1" "PRAGMA writable_schema is not allowed"
refused "PRAGMA optimize" "PRAGMA optimize is not allowed"
refused "BEGIN IMMEDIATE" "BEGIN is not allowed: all statements run in one read transaction"
refused "COMMIT" "COMMIT is not allowed"
refused "SAVEPOINT s" "SAVEPOINT is not allowed"
refused "SELECT load_extension('$tmp/x/evil.so')" "load_extension"
refused "SELECT fts3_tokenizer('simple', x'4141414141414141')" "fts3_tokenizer"
refused "UPDATE sqlite_master SET sql = 'x'" "may not be modified"
# a refused statement stops the query before the ones ahead of it run
refused "SELECT 1 AS first; DELETE FROM unit" "query:1:20: DELETE from unit is not allowed"
# the statements a pragma_* table runs inside a SELECT are asked about too
refused "SELECT * FROM pragma_journal_mode" "query:1:1: PRAGMA journal_mode is not allowed: $ro"
refused "SELECT * FROM pragma_query_only" "PRAGMA query_only is not allowed"

# what reads is allowed
expect_exit 0 "$bin" query -d "$tmp/db" --format csv "PRAGMA table_info(unit_section)"
expect_grep '^3,bytes,INTEGER,1,,0$' "$tmp/out"
expect_eq "$(q "$tmp/db" "SELECT name FROM pragma_table_info('uir_section') ORDER BY cid")" $'section\nname' "pragma_table_info"
expect_eq "$(q "$tmp/db" "PRAGMA user_version")" 7 "PRAGMA user_version"
expect_eq "$(q "$tmp/db" "PRAGMA integrity_check")" ok "PRAGMA integrity_check"
expect_eq "$(q "$tmp/db" "SELECT count(*) > 0 FROM dbstat")" 1 "dbstat"
expect_eq "$(q "$tmp/db" "SELECT count(*) FROM uir_ref")" 15 "views over json_each"
expect_eq "$(files)" "$before" "files after the reads"

# a database made elsewhere cannot call functions with effects from its views
sqlite3 "$tmp/x/foreign.db" "CREATE VIEW v AS SELECT load_extension('$tmp/x/evil.so') AS p"
expect_exit 64 "$bin" query -d "$tmp/x/foreign.db" "SELECT * FROM v"
expect_grep "unsafe use of load_extension()" "$tmp/err"
echo "query guard ok"

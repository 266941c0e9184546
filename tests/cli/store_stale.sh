# A new database absorbs nothing that earlier writers left at its path: a
# WAL without its database, temporary databases of runs that ended.
source "$(dirname "$0")/lib.bash"

files() { q "$1" 'SELECT count(*) FROM file'; }

# A WAL left without its database (a crashed writer's, the database since
# removed) is not replayed into a new database at that path.
sqlite3 "$tmp/other.db" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
CREATE TABLE foreign_rows(a);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000)
INSERT INTO foreign_rows SELECT i FROM c;
.system cp "$tmp/other.db-wal" "$tmp/stale.db-wal"
EOF
[ -s "$tmp/stale.db-wal" ] || fail "no WAL to leave behind"
: > "$tmp/stale.db-shm"
expect_exit 0 "$bin" index --no-progress -d "$tmp/stale.db" "$XT"
expect_eq "$(sqlite3 "$tmp/stale.db" "SELECT group_concat(name) FROM sqlite_schema WHERE name = 'foreign_rows'")" "" "foreign table"
expect_eq "$(files "$tmp/stale.db")" 1 "files"
expect_eq "$(sqlite3 "$tmp/stale.db" 'PRAGMA integrity_check')" ok "integrity"
expect_grep "gotypedb: $tmp/stale.db-wal: removed: left without its database by an earlier writer" "$tmp/err"
expect_grep "gotypedb: $tmp/stale.db-shm: removed" "$tmp/err"

# Temporary files of earlier runs: an unfinished one whose run is gone is
# removed (with its journal); one of a running process is left alone.
db=$tmp/swept.db
sh -c 'exit 0' & dead=$!
wait $dead
sqlite3 "$db.tmp-$dead" 'CREATE TABLE half(x)'
: > "$db.tmp-$dead-journal"
: > "$db.tmp-$$"
expect_exit 0 "$bin" index --no-progress -d "$db" "$XT"
expect_grep "gotypedb: $db.tmp-$dead: removed: left unfinished by run $dead, which ended before it" "$tmp/err"
expect_grep "gotypedb: $db.tmp-$$: left alone: process $$, which may be writing it, is running" "$tmp/err"
expect_eq "$(cd "$tmp" && echo swept*)" "swept.db swept.db.tmp-$$" "files left"

echo "store_stale ok"

# index refuses a database that is not gotypedb's (or not of this schema
# version) before it changes a byte of it.
source "$(dirname "$0")/lib.bash"

# (it used to switch the database to WAL, then refuse it)
sqlite3 "$tmp/theirs.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
sum=$(sha256sum < "$tmp/theirs.db")
expect_exit 64 "$bin" index --no-progress -d "$tmp/theirs.db" "$XT"
expect_grep "gotypedb: $tmp/theirs.db: not a gotypedb database (application_id 0)" "$tmp/err"
expect_eq "$(sha256sum < "$tmp/theirs.db")" "$sum" "the refused database's bytes"
expect_eq "$(cd "$tmp" && echo theirs*)" "theirs.db" "files next to the refused database"
head -c 5000 /dev/urandom > "$tmp/noise.db"
sum=$(sha256sum < "$tmp/noise.db")
expect_exit 64 "$bin" index --no-progress -d "$tmp/noise.db" "$XT"
expect_grep "gotypedb: $tmp/noise.db: not a gotypedb database (file is not a database)" "$tmp/err"
expect_eq "$(sha256sum < "$tmp/noise.db")" "$sum" "a file that is no database"
"$bin" index --no-progress -d "$tmp/v3.db" "$XT" 2>/dev/null || fail "index"
sqlite3 "$tmp/v3.db" 'PRAGMA journal_mode = DELETE; PRAGMA user_version = 3' >/dev/null
sum=$(sha256sum < "$tmp/v3.db")
expect_exit 64 "$bin" index --no-progress -d "$tmp/v3.db" "$XT"
expect_grep "schema version 3, but this gotypedb writes version" "$tmp/err"
expect_eq "$(sha256sum < "$tmp/v3.db")" "$sum" "a database of another schema version"

echo "store_refuse ok"

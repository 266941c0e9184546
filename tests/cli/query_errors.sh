# Whose fault a query's failure is: a database that cannot be read exits 74
# (EX_IOERR), wrong SQL 64, a database that is not there 66; messages name
# the database, or the SQL's NAME:LINE:COL.
source "$(dirname "$0")/lib.bash"

expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$XT"

echo "not a database, just text long enough to look like a header......" > "$tmp/text.db"
expect_exit 74 "$bin" query -d "$tmp/text.db" "SELECT 1 FROM unit"
expect_grep "gotypedb: $tmp/text.db: file is not a database" "$tmp/err"

# 64 bytes of 0xff over the header of a leaf page of the string table
cp "$tmp/db" "$tmp/damaged.db"
page=$(sqlite3 "$tmp/damaged.db" "SELECT pageno FROM dbstat WHERE name = 'string' AND pagetype = 'leaf' LIMIT 1")
size=$(sqlite3 "$tmp/damaged.db" "PRAGMA page_size")
printf '\377%.0s' $(seq 64) | dd of="$tmp/damaged.db" bs=1 seek=$(( (page - 1) * size + 8 )) conv=notrunc status=none
expect_exit 74 "$bin" query -d "$tmp/damaged.db" --format csv "SELECT * FROM string"
expect_grep "gotypedb: $tmp/damaged.db: database disk image is malformed" "$tmp/err"

expect_exit 64 "$bin" query -d "$tmp/db" "SELECT 1;
  SELECT nonsense FROM unit"
expect_grep 'gotypedb: query:2:10: no such column: nonsense' "$tmp/err"
expect_exit 64 "$bin" query -d "$tmp/db" @no_such_query
expect_exit 66 "$bin" query -d "$tmp/none.db" "SELECT 1"
expect_grep "gotypedb: $tmp/none.db: No such file or directory" "$tmp/err"
expect_exit 66 "$bin" query -d "$tmp" "SELECT 1"
expect_grep "gotypedb: $tmp: is a directory, not a database" "$tmp/err"
# a missing table, function or column is located at its name (SQLite gives
# no offset for a table: erroffset.c finds the name), not in a string
expect_exit 64 "$bin" query -d "$tmp/db" "SELECT 'FROM rtypo';
SELECT count(*)
  FROM rtypo"
expect_eq "$(cat "$tmp/err")" "gotypedb: query:3:8: no such table: rtypo" "a missing table's place"
expect_exit 64 "$bin" query -d "$tmp/db" "SELECT go_qoute(text) FROM string"
expect_eq "$(cat "$tmp/err")" "gotypedb: query:1:8: no such function: go_qoute" "a missing function's place"
echo "query errors ok"

# A first run renames its new database into place only where nothing
# appeared meanwhile; else it keeps it under its temporary name and exits 74.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/held_run.bash"

make_stall "$tmp/stall"
files() { q "$1" 'SELECT count(*) FROM file'; }

# A database that another program creates at the path meanwhile is not
# clobbered: the message names where the new database is kept.
db=$tmp/raced.db
start_held "$db" "$tmp/stall"
sqlite3 "$db" 'CREATE TABLE mine(x); INSERT INTO mine VALUES (42)'
sum=$(sha256sum < "$db")
release_held
expect_eq "$held_rc" 74 "exit status when the path was taken meanwhile"
expect_eq "$(sha256sum < "$db")" "$sum" "the other program's database"
expect_grep "gotypedb: $db: a file appeared at $db during this run; the new database is kept as $db.tmp-$held_pid$" "$tmp/held.err"
expect_eq "$(files "$db.tmp-$held_pid")" 400 "files in the kept database"
kept=$held_pid
# the next run reports it (finished: the user's to rename) and leaves it
expect_exit 64 "$bin" index --no-progress -d "$db" "$XT"
expect_grep "gotypedb: $db.tmp-$kept: a finished database that run $kept could not rename to $db: rename it yourself, or remove it" "$tmp/err"
[ -f "$db.tmp-$kept" ] || fail "the kept database was removed"

# nor is a WAL (or journal) that appears at the path: the new database
# would absorb it
db=$tmp/walraced.db
start_held "$db" "$tmp/stall"
printf 'x' > "$db-journal"
release_held
expect_eq "$held_rc" 74 "exit status when a journal appeared"
expect_grep "gotypedb: $db: $db-journal appeared during this run; the new database is kept as $db.tmp-$held_pid$" "$tmp/held.err"
[ ! -e "$db" ] || fail "a database was renamed next to the journal"

echo "store_rename ok"

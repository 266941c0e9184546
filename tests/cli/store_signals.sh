# SIGINT and SIGTERM stop an index run as kill -9 would leave the database
# (whole contents only: what was committed), but say so, leave no
# temporary file, and end by the signal; a second signal ends it at once.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/held_run.bash"

make_stall "$tmp/stall"
mkdir -p "$tmp/first"
cp tests/fixtures/out/go1.26/basic.a tests/fixtures/out/go1.26/generic.a "$tmp/first/"
counts='SELECT (SELECT count(*) FROM file) || "/" || (SELECT count(*) FROM content) || "/" || (SELECT count(*) FROM string)'

# a new database: none is created
db=$tmp/new.db
start_held "$db" "$tmp/stall"
kill -INT $held_pid
release_held
expect_eq "$held_rc" 130 "exit status after SIGINT"
expect_grep "gotypedb: $db: interrupted by SIGINT: no database was created (a new one appears only when its run completes)" "$tmp/held.err"
expect_eq "$(cd "$tmp" && echo new*)" "new*" "files at the new database's path"

# an existing database: what this run had not committed is rolled back
db=$tmp/old.db
expect_exit 0 "$bin" index --no-progress -d "$db" "$tmp/first"
before=$(q "$db" "$counts")
start_held "$db" "$tmp/stall"
kill -TERM $held_pid
release_held
expect_eq "$held_rc" 143 "exit status after SIGTERM"
expect_grep "gotypedb: $db: interrupted by SIGTERM: the database keeps what earlier runs and this one had committed, whole contents only; index again to go on" "$tmp/held.err"
expect_eq "$(q "$db" "$counts")" "$before" "files, contents and strings after the interrupted run"
expect_eq "$(q "$db" 'PRAGMA integrity_check')" ok "integrity"
# and the next run goes on from there
expect_exit 65 "$bin" index --no-progress -d "$db" "$tmp/stall"
expect_grep '400 files in .* 400 errors' "$tmp/err"

# a second signal ends the run at once (here: while it is blocked writing a
# message), as kill -9 would: its temporary database stays, unfinished, and
# the next run removes it.  The run is stopped while both are sent, so
# that it cannot clean up in between (two different signals: two of one
# kind pending at once are one); on SIGCONT, SIGINT, the lower number, is
# taken first.
db=$tmp/twice.db
start_held "$db" "$tmp/stall"
kill -STOP $held_pid
kill -INT $held_pid
kill -TERM $held_pid
kill -CONT $held_pid
end_status $held_pid
exec 3<&-
expect_eq "$end_rc" 143 "exit status after SIGINT and SIGTERM"
[ -f "$db.tmp-$held_pid" ] || fail "no temporary database left by the killed run"
expect_exit 0 "$bin" index --no-progress -d "$db" "$tmp/first"
expect_grep "gotypedb: $db.tmp-$held_pid: removed: left unfinished by run $held_pid, which ended before it" "$tmp/err"
expect_eq "$(cd "$tmp" && echo twice*)" "twice.db" "files after the next run"
echo "store_signals ok"

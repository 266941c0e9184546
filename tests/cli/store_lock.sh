# One index run per database: a second run waits for the first (or, with
# --wait, gives up and names it), so that two first runs on one path both
# keep their rows instead of the later rename throwing the other's away.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/held_run.bash"

make_stall "$tmp/stall"
mkdir -p "$tmp/b" "$tmp/c"
cp tests/fixtures/out/go1.26/basic.a "$tmp/b/"
cp tests/fixtures/out/go1.26/generic.a "$tmp/c/"
db=$tmp/db

# A holds a new database (its first run) mid-way; B and C, first runs too,
# start meanwhile.
start_held "$db" "$tmp/stall"
"$bin" index --no-progress -d "$db" "$tmp/b" 2> "$tmp/b.err" & b_pid=$!
"$bin" index --no-progress -d "$db" "$tmp/c" 2> "$tmp/c.err" & c_pid=$!
b_waited=0 c_waited=0
wait_for_line "$tmp/b.err" "waiting for it to end" $b_pid && b_waited=1
wait_for_line "$tmp/c.err" "waiting for it to end" $c_pid && c_waited=1

release_held
rc_b=0 rc_c=0
wait $b_pid || rc_b=$?
wait $c_pid || rc_c=$?
files_left=$(cd "$tmp" && echo db*)

# every run's rows are there, in one sound database
expect_eq "$(q "$db" "SELECT count(*) FROM file WHERE path LIKE '$tmp/stall/%'")" 400 "the first run's files"
expect_eq "$(q "$db" "SELECT count(*) FROM file WHERE path = '$tmp/b/basic.a'")" 1 "the second run's file"
expect_eq "$(q "$db" "SELECT count(*) FROM file WHERE path = '$tmp/c/generic.a'")" 1 "the third run's file"
expect_eq "$(q "$db" 'PRAGMA integrity_check')" ok "integrity"
expect_eq "$held_rc/$rc_b/$rc_c" "65/0/0" "exit statuses of the three runs"
[ $b_waited = 1 ] || fail "the second run did not wait: $(cat "$tmp/b.err")"
[ $c_waited = 1 ] || fail "the third run did not wait: $(cat "$tmp/c.err")"
expect_grep "gotypedb: $db: another index run (pid $held_pid) is writing this database; waiting for it to end" "$tmp/b.err"
expect_eq "$files_left" "db" "files next to the database after the runs (no lock file, no temporary)"

# --wait 0 gives up at once, naming the run that holds the database;
# --wait SECONDS after that long
start_held "$db" "$tmp/stall" --force
expect_exit 75 "$bin" index --no-progress --wait 0 -d "$db" "$tmp/b"
expect_grep "gotypedb: $db: another index run (pid $held_pid) is writing this database$" "$tmp/err"
before=$(date +%s%N)
expect_exit 75 "$bin" index --no-progress --wait 0.3 -d "$db" "$tmp/b"
[ $(( $(date +%s%N) - before )) -ge 300000000 ] || fail "--wait 0.3 gave up before 0.3 s"
expect_grep "(pid $held_pid) is writing this database; gave up waiting" "$tmp/err"
expect_exit 64 "$bin" index --wait soon -d "$db" "$tmp/b"
expect_grep 'wait wants a number of seconds' "$tmp/err"

# a run that waits can be interrupted: it leaves nothing and ends by the signal
"${default_sigint[@]}" "$bin" index --no-progress -d "$db" "$tmp/b" 2> "$tmp/b.err" & b_pid=$!
wait_for_line "$tmp/b.err" "waiting for it to end" $b_pid || fail "no wait: $(cat "$tmp/b.err")"
kill -INT $b_pid
rc_b=0
wait $b_pid || rc_b=$?
release_held
expect_eq "$rc_b" 130 "exit status of the interrupted waiting run"
expect_grep "gotypedb: $db: interrupted by SIGINT: nothing was written" "$tmp/b.err"
echo "store_lock ok"

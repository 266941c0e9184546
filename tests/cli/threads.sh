# A thread that cannot be started is an error said plainly (exit 71,
# EX_OSERR), never a crash: the walker's creation is checked too.  A stack
# limit beyond the address space makes every pthread_create fail (its
# default stack size is the limit), whatever the overcommit policy.
source "$(dirname "$0")/lib.bash"

expect_exit 71 bash -c 'ulimit -s 200000000000 && exec "$@"' - "$bin" index --no-progress -d "$tmp/db" "$XT"
expect_grep '^gotypedb: cannot start the thread that walks the inputs: Resource temporarily unavailable$' "$tmp/err"
expect_eq "$(cd "$tmp" && echo *)" "err out" "files left (no database, no temporary, no lock)"
echo "threads ok"

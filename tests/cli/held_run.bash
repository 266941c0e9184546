# Sourced by the store's tests (after lib.bash): an index run held in the
# middle, deterministically, without a hook in gotypedb.  Its input holds
# enough corrupt archives that their error messages overflow a pipe
# (64 KiB), and its stderr is a FIFO that the test reads from only when it
# wants the run to go on.  When the first message arrives, the run holds the
# database's lock, has opened (or begun building) the database and is
# writing results; it cannot finish before the test drains the rest.

# make_stall DIR: 400 different corrupt archives (the test archive cut at
# 400 lengths inside its __.PKGDEF member), each with a 230-byte name, so
# that each gives its own ~300-byte message: 120 KB in all.
make_stall() {
	local dir=$1 pad i
	pad=$(printf 'x%.0s' {1..220})
	mkdir -p "$dir"
	for i in $(seq 100 499); do
		head -c "$i" "$XT" > "$dir/$pad-$i.a"
	done
}

# A shell without job control starts background commands with SIGINT
# ignored (and gotypedb keeps a signal ignored on entry ignored): the tests
# that interrupt a background run give it back its default first (as a
# simple command, so that $! is gotypedb's pid: env execs it).
default_sigint=(env --default-signal=INT)

# start_held DB ARGS...: starts `index -d DB ARGS` with -j 1 in the
# background and returns once its first message is read.  Sets held_pid.
start_held() {
	local db=$1 line; shift
	rm -f "$tmp/held.fifo"
	mkfifo "$tmp/held.fifo"
	"${default_sigint[@]}" "$bin" index --no-progress -j 1 -d "$db" "$@" 2> "$tmp/held.fifo" &
	held_pid=$!
	exec 3< "$tmp/held.fifo"
	IFS= read -r -t 120 -u 3 line || fail "the held run wrote no message (it ended, or took over 120 s)"
	printf '%s\n' "$line" > "$tmp/held.err"
}

# release_held: reads the run's other messages, lets it end; held_rc is its
# exit status (128 + N if a signal ended it).
release_held() {
	held_rc=0
	cat <&3 >> "$tmp/held.err"
	exec 3<&-
	wait "$held_pid" || held_rc=$?
}

# wait_for_line FILE PATTERN PID: returns once PATTERN is in FILE; fails
# if process PID ends first (or after 120 s).
wait_for_line() {
	local i
	for i in $(seq 2400); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || { grep -q -- "$2" "$1" 2>/dev/null && return 0; return 1; }
		sleep 0.05
	done
	return 1
}

# end_status PID: sets end_rc to the exit status of child PID, which must
# end within 60 s (else it is killed: 137).
end_status() {
	end_rc=0
	timeout 60 tail -s 0.05 --pid="$1" -f /dev/null || kill -KILL "$1" 2>/dev/null
	wait "$1" || end_rc=$?
}

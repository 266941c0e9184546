# A database in a read-only directory or on a read-only file system is
# still readable, and nothing is made beside it; one whose -wal holds
# changes that cannot be read there is an error (exit 74), not a quietly
# older answer.  Root ignores permission bits, so the directory is made
# read-only by a read-only bind mount in a private mount namespace
# (`unshare -m` as root, `unshare -rm` in a user namespace); without
# either, a user other than root uses chmod.
source "$(dirname "$0")/lib.bash"

mkdir -p "$tmp/ro"
expect_exit 0 "$bin" index --no-progress -d "$tmp/ro/db" "$XT"

ro_with=
if unshare -m true 2>/dev/null; then
	ro_with="unshare -m"
elif unshare -rm true 2>/dev/null; then
	ro_with="unshare -rm"
elif [ "$(id -u)" -ne 0 ]; then
	ro_with=chmod
elif [ "${CI:-}" = true ]; then
	fail "cannot make a read-only directory here (no mount namespace, and root ignores chmod)"
else
	echo "SKIPPED: cannot make a read-only directory here (no mount namespace, and root ignores chmod)" >&2
	exit 0
fi

# readonly CMD...: runs CMD with $tmp/ro read-only
readonly_dir() {
	if [ "$ro_with" = chmod ]; then
		chmod a-w "$tmp/ro"
		"$@"
		local rc=$?
		chmod u+w "$tmp/ro"
		return $rc
	fi
	# shellcheck disable=SC2016
	$ro_with sh -c 'mount --bind -o ro "$1" "$1" && shift && exec "$@"' sh "$tmp/ro" "$@"
}

# the directory is read-only indeed
expect_exit 1 readonly_dir touch "$tmp/ro/probe"

expect_exit 0 readonly_dir "$bin" query -d "$tmp/ro/db" --format csv "SELECT pkg_path FROM unit"
expect_eq "$(cat "$tmp/out")" $'pkg_path\ncommand-line-arguments' "read from a read-only directory"
expect_eq "$(ls "$tmp/ro")" db "nothing made beside it"

# a writer killed before its checkpoint leaves changes in db-wal; with no
# db-shm, they cannot be read in a read-only directory
sh -c 'sqlite3 "$1" "UPDATE unit SET pkg_path = '"'changed'"'" ".shell kill -9 \$PPID"' sh "$tmp/ro/db" \
	2>/dev/null || true
rm -f "$tmp/ro/db-shm"
[ -s "$tmp/ro/db-wal" ] || fail "the killed writer left no db-wal"
expect_exit 74 readonly_dir "$bin" query -d "$tmp/ro/db" "SELECT pkg_path FROM unit"
expect_grep "gotypedb: $tmp/ro/db: cannot be read here: its -wal file holds changes not yet in the database" "$tmp/err"
[ ! -s "$tmp/out" ] || fail "printed $(cat "$tmp/out")"
# where it can be written, the changes are read
expect_eq "$(q "$tmp/ro/db" "SELECT pkg_path FROM unit")" changed "the -wal's changes"
echo "query on a read-only file system ok ($ro_with)"

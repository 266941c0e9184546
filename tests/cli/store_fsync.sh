# A new database is synced before its rename, and its directory after it
# (with synchronous=OFF and no fsync, a power loss could leave a truncated
# file at the final path).
source "$(dirname "$0")/lib.bash"

if ! command -v strace >/dev/null; then
	[ "${CI:-}" != true ] || fail "strace is missing (scripts/install-deps.sh installs it)"
	echo "SKIPPED: the fsync order check needs strace" >&2
else
	db=$tmp/synced.db
	# LeakSanitizer cannot run under ptrace
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -y -qq -e trace=fsync,fdatasync,rename,renameat,renameat2,link,linkat -o "$tmp/trace" \
		"$bin" index --no-progress -d "$db" "$XT" 2>/dev/null || fail "index under strace"
	order=$(grep -n -E "^[0-9]+ +(f(data)?sync\(.*<$db\.tmp-[0-9]+>|rename.*\"$db\.tmp-[0-9]+\".*\"$db\"|f(data)?sync\(.*<$tmp>)" "$tmp/trace" |
		sed -E 's/^([0-9]+):[0-9]+ +([a-z0-9]+)\(.*/\2/' | tr '\n' ' ')
	expect_eq "$order" "fsync renameat2 fsync " "syncs and rename, in order (trace: $(cat "$tmp/trace"))"
fi
echo "store_fsync ok"

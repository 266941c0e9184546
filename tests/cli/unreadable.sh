# A file that could not be read is read again on the next run, not skipped
# as unchanged: permission denied and I/O errors exit 74 (EX_IOERR), a unit
# that ran out of memory 71 (EX_OSERR), and neither is recorded as corrupt
# (no content row: nothing is known about the bytes).  Corrupt input stays 65.
source "$(dirname "$0")/lib.bash"
mutate=${MUTATE:-build/san/tests/mutate}
fx=tests/fixtures/out/go1.26

# ---- permission denied ----------------------------------------------------
# Permission bits do not stop root: as root, the runs go as nobody.
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
u=$tmp/u
mkdir -p "$u/in"
chmod 755 "$tmp"
chmod 777 "$u"
cp "$XT" "$u/in/x.a"
cp "$fx/basic.a" "$u/in/b.a"
chmod 000 "$u/in/x.a"
expect_exit 74 as_user "$bin" index --no-progress -d "$u/db" "$u/in"
expect_grep "gotypedb: $u/in/x.a: open: Permission denied" "$tmp/err"
expect_grep '2 files in .* 1 units indexed, 0 binaries indexed, 0 duplicate contents, 0 unchanged, 1 errors' "$tmp/err"
expect_grep 'not read, read again on the next run: 1 unreadable, 0 out of memory' "$tmp/err"
expect_eq "$(q "$u/db" "SELECT skip_reason || '/' || (content_id IS NULL) FROM file WHERE path LIKE '%/x.a'")" "unreadable/1" "x.a's row"
expect_eq "$(q "$u/db" 'SELECT count(*) FROM content')" 1 "no content for an unread file"
# unchanged (size, mtime) but unread: read again
expect_exit 74 as_user "$bin" index --no-progress -d "$u/db" "$u/in"
expect_grep '2 files in .* 0 units indexed, 0 binaries indexed, 0 duplicate contents, 1 unchanged, 1 errors' "$tmp/err"
# readable now (chmod leaves the mtime alone): indexed
chmod 644 "$u/in/x.a"
expect_exit 0 as_user "$bin" index --no-progress -d "$u/db" "$u/in"
expect_grep '2 files in .* 1 units indexed, 0 binaries indexed, 0 duplicate contents, 1 unchanged, 0 errors' "$tmp/err"
expect_eq "$(q "$u/db" "SELECT coalesce(f.skip_reason, '') || '/' || c.status FROM file f JOIN content c ON c.id = f.content_id WHERE f.path LIKE '%/x.a'")" "/indexed" "x.a indexed"
expect_eq "$(q "$u/db" 'SELECT count(*) FROM unit')" 2 "units"

# ---- I/O error ---------------------------------------------------------------
# A sysfs attribute says it has 4096 bytes and gives a few: a read that
# falls short of the size the file system reported.
sysattr=
for f in /sys/kernel/mm/transparent_hugepage/enabled /sys/class/net/lo/mtu /sys/kernel/uevent_seqnum /sys/kernel/profiling; do
	if [ -r "$f" ] && [ "$(stat -c %s "$f")" -gt 512 ] && [ "$(wc -c < "$f")" -lt 512 ]; then sysattr=$f; break; fi
done
[ -n "$sysattr" ] || fail "no sysfs attribute that reads shorter than its size (is /sys mounted?)"
expect_exit 74 "$bin" index --no-progress -d "$tmp/io" "$sysattr" "$XT"
expect_grep "gotypedb: $sysattr: read: file shrank while being read" "$tmp/err"
expect_eq "$(q "$tmp/io" "SELECT skip_reason FROM file WHERE path = '$sysattr'")" unreadable "sysfs row"
expect_exit 74 "$bin" index --no-progress -d "$tmp/io" "$sysattr" "$XT"
expect_grep '2 files in .* 1 unchanged, 1 errors' "$tmp/err"
# corrupt input alone stays 65; with an unreadable file the run is 74
head -c 300 "$XT" > "$tmp/truncated.a"
expect_exit 65 "$bin" index --no-progress -d "$tmp/corrupt" "$tmp/truncated.a"
expect_exit 74 "$bin" index --no-progress -d "$tmp/both" "$tmp/truncated.a" "$sysattr"

# ---- out of memory -------------------------------------------------------------
# The sanitizer's allocator refuses any allocation over 4 MiB
# (max_allocation_size_mb): a unit with a 6 MiB string cannot be read, one
# with 300000 strings can be read but not decoded (nor its copy, which is
# then not decoded either).  Without the limit, all are indexed.
ldd "$bin" 2>/dev/null | grep libasan >/dev/null || fail "the out-of-memory cases need the sanitizer build (make check)"
mkdir -p "$tmp/mem"
"$mutate" --grow "$XT" "$tmp/mem/big-string.a" 1 6291456
"$mutate" --grow "$XT" "$tmp/mem/many-strings.a" 300000 0
cp "$tmp/mem/many-strings.a" "$tmp/mem/many-strings2.a"
limit="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=4"
ASAN_OPTIONS=$limit expect_exit 71 "$bin" index --no-progress -j 1 -d "$tmp/memdb" "$tmp/mem"
expect_grep "gotypedb: $tmp/mem/big-string.a: out of memory for a [0-9]*-byte member" "$tmp/err"
expect_grep "gotypedb: $tmp/mem/many-strings.a: __.PKGDEF: out of memory" "$tmp/err"
expect_grep "gotypedb: $tmp/mem/many-strings2.a: out of memory decoding another file with the same content" "$tmp/err"
expect_grep 'not read, read again on the next run: 0 unreadable, 3 out of memory' "$tmp/err"
expect_eq "$(q "$tmp/memdb" "SELECT group_concat(skip_reason, ' ') FROM file")" "out-of-memory out-of-memory out-of-memory" "rows"
expect_eq "$(q "$tmp/memdb" 'SELECT count(*) FROM content')" 0 "no content for what ran out of memory"
expect_exit 0 "$bin" index --no-progress -d "$tmp/memdb" "$tmp/mem"
expect_grep '3 files in .* 2 units indexed, 0 binaries indexed, 1 duplicate contents, 0 unchanged, 0 errors' "$tmp/err"
echo "unreadable ok"

# A binary whose decode fails after the writer took its first records
# (rej-deep10000: its names, methods and fields are staged and handed over,
# then its types nest deeper than gotypedb follows) leaves nothing behind
# but its rejected content and file rows: the tables of the binaries
# around it, every id as stored, are those of an index without it.  With
# -j 1 the writer takes the records while the one worker builds the types
# (the undo runs); with -j 3 either may come first: the same database.
# A copy of a binary in the same walk (b2) is found one at the end of its
# decode, when the hash it runs beside is known: if the writer took its
# records meanwhile, begun without the hash, they are undone too.
source "$(dirname "$0")/lib.bash"

# The rejected one first (the walk's order is the names'): the strings of
# its records ("*int" among them) come back new with the next binaries,
# under the ids they get without it.
mkdir -p "$tmp/with" "$tmp/without"
cp tests/data/rtype/rej-deep10000 "$tmp/with/a"
cp tests/data/rtype/ok-go1.21-64le "$tmp/with/b"
cp tests/data/rtype/ok-go1.21-64le "$tmp/with/b2"
cp tests/data/rtype/ok-go1.26-64le "$tmp/with/c"
cp "$tmp/with/b" "$tmp/with/c" "$tmp/without/"

expect_exit 0 "$bin" index --no-progress -j 1 -d "$tmp/one.db" "$tmp/with"
expect_grep 'rejected: 1 limit-exceeded' "$tmp/err"
expect_grep ' 1 duplicate contents' "$tmp/err"
expect_exit 0 "$bin" index --no-progress -j 3 -d "$tmp/three.db" "$tmp/with"
expect_grep ' 1 duplicate contents' "$tmp/err"
expect_exit 0 "$bin" index --no-progress -d "$tmp/none.db" "$tmp/without"

# every table but the query planner's statistics, ids as stored; content
# and binary.content_id aside: the rejected content has its own id
dump() {
	local t
	for t in $(q "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%'
			   AND name NOT IN ('content', 'file') ORDER BY name"); do
		echo "== $t"
		if [ "$t" = binary ]; then
			"$bin" query --format csv -d "$1" "SELECT id, ordinal, format, goarch, go_version FROM binary"
		else
			"$bin" query --format csv -d "$1" "SELECT * FROM \"$t\""
		fi
	done
}
dump "$tmp/one.db" > "$tmp/one.dump"
dump "$tmp/three.db" > "$tmp/three.dump"
dump "$tmp/none.db" > "$tmp/none.dump"
[ "$(grep -c '^== ' "$tmp/none.dump")" -ge 20 ] || fail "too few tables dumped"
expect_eq "$(q "$tmp/none.db" 'SELECT count(*) > 20 FROM string')" 1 "strings"
cmp -s "$tmp/one.dump" "$tmp/none.dump" || fail "-j 1: the tables differ from an index without the rejected binary: $(diff "$tmp/one.dump" "$tmp/none.dump" | head -5)"
cmp -s "$tmp/three.dump" "$tmp/none.dump" || fail "-j 3: the tables differ from an index without the rejected binary: $(diff "$tmp/three.dump" "$tmp/none.dump" | head -5)"
expect_eq "$(q "$tmp/one.db" "SELECT c.status || ' ' || c.reason FROM file f JOIN content c ON c.id = f.content_id WHERE f.path LIKE '%/a'")" \
	"rejected limit-exceeded" "the rejected binary's content row"
expect_eq "$(q "$tmp/one.db" "SELECT count(*) FROM binary b JOIN content c ON c.id = b.content_id WHERE c.status <> 'indexed'")" 0 \
	"binary rows of the rejected content"
echo "binary undo ok: $(wc -l < "$tmp/none.dump") rows equal at -j 1 and -j 3"

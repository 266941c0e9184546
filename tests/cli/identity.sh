# Identity and hashing: content.hash is the SHA-256 of the bytes gotypedb
# reads (the __.PKGDEF member, as `ar p` extracts it), uir_decl.hash a
# SHA-256 too, and the hash tables' per-run secret changes nothing stored:
# runs under different secrets give identical tables, row for row.
source "$(dirname "$0")/lib.bash"

mkdir -p "$tmp/in"
for v in 1.19-unified 1.21 1.22 1.23 1.26 1.27; do
	for a in tests/fixtures/out/go$v/*.a; do cp "$a" "$tmp/in/$v-$(basename "$a")"; done
done
cp "$XT" "$tmp/in/"
[ "$(ls "$tmp/in" | wc -l)" -gt 30 ] || fail "fixtures missing"

GOTYPEDB_HASH_SEED=one expect_exit 0 "$bin" index --no-progress -d "$tmp/one" "$tmp/in"
GOTYPEDB_HASH_SEED=two expect_exit 0 "$bin" index --no-progress -j 3 -d "$tmp/two" "$tmp/in"
expect_exit 0 "$bin" index --no-progress -d "$tmp/random" "$tmp/in"

# every archive's content.hash is sha256sum of its __.PKGDEF member
n=0
while IFS=, read -r path hash; do
	want=$(ar p "$path" __.PKGDEF | sha256sum | cut -d' ' -f1)
	expect_eq "$hash" "$want" "content.hash of $path"
	n=$((n + 1))
done < <(q "$tmp/one" "SELECT f.path, lower(hex(c.hash)) FROM file f JOIN content c ON c.id = f.content_id ORDER BY f.path")
[ "$n" -gt 30 ] || fail "only $n contents compared"
expect_eq "$(q "$tmp/one" 'SELECT count(*) FROM uir_decl WHERE length(hash) <> 32')" 0 "uir_decl.hash is 32 bytes"
expect_eq "$(q "$tmp/one" 'SELECT count(*) > 100 FROM uir_decl')" 1 "declarations"

# every table, every row, sorted: the same under any secret
dump() {
	local t
	for t in $(q "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"); do
		echo "== $t"
		"$bin" query --format csv -d "$1" "SELECT * FROM \"$t\"" | sort
	done
}
dump "$tmp/one" > "$tmp/one.dump"
dump "$tmp/two" > "$tmp/two.dump"
dump "$tmp/random" > "$tmp/random.dump"
[ "$(grep -c '^== ' "$tmp/one.dump")" -ge 10 ] || fail "too few tables dumped"
cmp -s "$tmp/one.dump" "$tmp/two.dump" || fail "tables differ between two secrets: $(diff "$tmp/one.dump" "$tmp/two.dump" | head -5)"
cmp -s "$tmp/one.dump" "$tmp/random.dump" || fail "tables differ with a random secret: $(diff "$tmp/one.dump" "$tmp/random.dump" | head -5)"
echo "identity ok: $n contents, $(wc -l < "$tmp/one.dump") rows"

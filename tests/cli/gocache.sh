# A GOCACHE-shaped tree: entries are classified by content, never by name;
# "-a" action entries are skipped with their counted reason, and go1.24+
# executable directories ("<hex>-d/") are walked like the rest: what is in
# them is judged by its bytes (here a program that is no Go binary).
source "$(dirname "$0")/lib.bash"

hex=$(printf '%064d' 0 | tr 0 a)
mkdir -p "$tmp/cache/aa" "$tmp/cache/bb/${hex}-d"
cp "$XT" "$tmp/cache/aa/${hex}-d"                    # an archive named like an output
printf 'v1 %s %s %20d %20d\n' "$hex" "$hex" 410 1700000000 > "$tmp/cache/aa/${hex}-a"
cp /bin/true "$tmp/cache/bb/${hex}-d/prog"             # a cached executable, not Go
printf './io.go\n./multi.go\n' > "$tmp/cache/bb/list-d"  # a file list output
: > "$tmp/cache/bb/empty-d"
echo 1700000000 > "$tmp/cache/trim.txt"

expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$tmp/cache"
expect_grep '6 files in .* 1 units indexed, 0 binaries indexed' "$tmp/err"
expect_grep 'skipped: 1 empty, 2 not-go-output, 1 cache-action-entry, 1 not-go-binary' "$tmp/err"
expect_eq "$(q "$tmp/db" "SELECT skip_reason FROM file WHERE path LIKE '%-d/prog'")" not-go-binary \
	"the executable read and judged by its bytes"
echo "gocache ok"

# A GOCACHE-shaped tree: entries are classified by content, never by name;
# "-a" action entries and go1.24+ executable directories ("<hex>-d/") are
# skipped with their counted reasons.
source "$(dirname "$0")/lib.bash"

hex=$(printf '%064d' 0 | tr 0 a)
mkdir -p "$tmp/cache/aa" "$tmp/cache/bb/${hex}-d"
cp "$XT" "$tmp/cache/aa/${hex}-d"                    # an archive named like an output
printf 'v1 %s %s %20d %20d\n' "$hex" "$hex" 410 1700000000 > "$tmp/cache/aa/${hex}-a"
printf '\177ELF\2\1\1' > "$tmp/cache/bb/${hex}-d/prog"  # a cached executable
printf './io.go\n./multi.go\n' > "$tmp/cache/bb/list-d"  # a file list output
: > "$tmp/cache/bb/empty-d"
echo 1700000000 > "$tmp/cache/trim.txt"

expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$tmp/cache"
expect_grep '5 files in .* 1 units indexed' "$tmp/err"
expect_grep 'skipped: 1 empty, 2 not-go-output, 1 cache-action-entry' "$tmp/err"
expect_grep 'skipped directories: 1 cache executable directories' "$tmp/err"
expect_eq "$(q "$tmp/db" "SELECT count(*) FROM file WHERE path LIKE '%/prog'")" 0 "executable not read"
echo "gocache ok"

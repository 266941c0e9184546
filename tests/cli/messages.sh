# Messages never pass a file name's control bytes to the terminal (a
# crafted name could retitle the window or clear the screen): they are
# escaped as Go's strconv.Quote would; the database keeps names byte for byte.
source "$(dirname "$0")/lib.bash"

mkdir -p "$tmp/in"
name=$'title\e]0;pwned\a-clear\e[2J-c1\xc2\x9b-notutf8\x9b-nl\n-tab\t-del\x7f-ok\xc3\xa9.a'
head -c 300 "$XT" > "$tmp/in/$name"
expect_exit 65 "$bin" index --no-progress -d "$tmp/db" "$tmp/in"
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f\x80-\x9f]' "$tmp/err" ||
   LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$tmp/err"; then
	fail "control bytes in messages: $(cat -v "$tmp/err")"
fi
expect_grep "gotypedb: $tmp/in/"'title\\x1b]0;pwned\\a-clear\\x1b\[2J-c1\\u009b-notutf8\\x9b-nl\\n-tab\\t-del\\x7f-oké\.a: offset 0x38: ' "$tmp/err"
expect_eq "$(q "$tmp/db" "SELECT count(*) FROM file WHERE path = CAST(x'$(printf '%s' "$tmp/in/$name" | od -An -tx1 | tr -d ' \n')' AS TEXT)")" 1 "the name in the database, byte for byte"

# paths the user gave: an input, the database
expect_exit 66 "$bin" index --no-progress -d "$tmp/db" "$tmp/"$'\e[2Jnone'
expect_grep "gotypedb: $tmp/"'\\x1b\[2Jnone: No such file or directory' "$tmp/err"
sqlite3 "$tmp/"$'\e]0;x\a.db' 'CREATE TABLE t(x)'
expect_exit 64 "$bin" index --no-progress -d "$tmp/"$'\e]0;x\a.db' "$XT"
expect_grep "gotypedb: $tmp/"'\\x1b]0;x\\a.db: not a gotypedb database' "$tmp/err"
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$tmp/err"; then
	fail "control bytes in messages: $(cat -v "$tmp/err")"
fi
echo "messages ok"

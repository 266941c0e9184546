# Export data gotypedb recognises but does not decode is recorded as
# 'rejected' with a counted reason, never decoded and never an error:
# the old formats in Debian's golang-1.19-src test data, a pkgbits version
# from the future, and a go1.18 unified-experiment archive.
source "$(dirname "$0")/lib.bash"

versions=/usr/share/go-1.19/src/go/internal/gcimporter/testdata/versions
[ -f "$versions/test_go1.7_0.a" ] || fail "$versions is missing: install golang-1.19-src (scripts/install-deps.sh)"
mkdir -p "$tmp/in"
cp "$versions"/*.a "$tmp/in/"

# V6: the go1.20 archive with its version word (file offset 0xd3) set to 6
cp "$XT" "$tmp/in/v6.a"
printf '\x06' | dd of="$tmp/in/v6.a" bs=1 seek=$((0xd3)) conv=notrunc status=none

# go1.18 with GOEXPERIMENT=unified: "newexportsize" header, 'i' data, tail
member=$'go object linux amd64 go1.18 X:unified\nnewexportsize 4\n\n$$B\ni\x02\x00\x00\n$$\nabcd'
printf '!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n%s' __.PKGDEF 0 0 0 644 ${#member} "$member" > "$tmp/in/proto.a"

# gccgo export data
printf 'v3;\npackage p;\n' > "$tmp/in/p.gox"

expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$tmp/in"
expect_grep 'rejected: 2 format-indexed, 6 format-old-binary, 1 format-unified-prototype, 1 version-unsupported' "$tmp/err"
expect_grep 'skipped: 1 gccgo-export-data' "$tmp/err"
r() { q "$tmp/db" "SELECT c.reason FROM file f JOIN content c ON c.id = f.content_id WHERE f.path LIKE '%/$1'"; }
expect_eq "$(r test_go1.7_0.a)" format-old-binary "go1.7 'c'"
expect_eq "$(r test_go1.8_5.a)" format-old-binary "go1.8 'version 5'"
expect_eq "$(r test_go1.11_0i.a)" format-indexed "go1.11 'i'"
expect_eq "$(r test_go1.11_999i.a)" format-indexed "'i' version 999"
expect_eq "$(r v6.a)" version-unsupported "V6"
expect_eq "$(r proto.a)" format-unified-prototype "go1.18 prototype"
expect_eq "$(q "$tmp/db" "SELECT error FROM content WHERE reason = 'version-unsupported'")" \
	"__.PKGDEF: export data header: offset 0xd3: pkgbits version 6 is newer than the newest this gotypedb decodes (V5)" "V6 message"
expect_eq "$(q "$tmp/db" "SELECT count(*) FROM unit")" 0 "nothing decoded"
echo "rejections ok"

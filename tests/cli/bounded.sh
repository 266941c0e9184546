# Reads are bounded by what the export data needs, never by the file: a
# 1 GiB (sparse) file that only starts like Go output costs a few KiB of
# reading, and a bare "go object" file is read only up to the end of its
# export data.  Each is judged by the bytes read, which are its content.
source "$(dirname "$0")/lib.bash"

big=$((1 << 30))
mkdir -p "$tmp/in"
# "go object " and nothing else: the header scan stops at 4 KiB
printf 'go object linux amd64 go1.26.8 X:none\n' > "$tmp/in/goobj.o"
# a damaged archive header
printf '!<arch>\n__.PKGDEF  0   0     0     644   100       `\n' > "$tmp/in/damaged.a"
# a well-formed archive header claiming a 1 GiB __.PKGDEF whose pkgbits
# header (all zeros) describes a 52-byte unit
{
	printf '!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n' __.PKGDEF 0 0 0 644 $((big - 68))
	printf 'go object linux amd64 go1.26.8 X:none\n\n$$B\nu'
} > "$tmp/in/bigmember.a"
# a real unit as a bare object file, then 1 GiB of something else
size=$(head -c 66 "$XT" | tail -c 10 | tr -d ' ')
dd if="$XT" of="$tmp/in/bare.o" bs=1 skip=68 count="$size" status=none
for f in goobj.o damaged.a bigmember.a bare.o; do truncate -s $big "$tmp/in/$f"; done

expect_exit 65 "$bin" index --no-progress -j 1 -d "$tmp/db" "$tmp/in"
expect_grep "$tmp/in/goobj.o: __.PKGDEF: offset 0x0: the header lines and \"\$\$B\" do not end within the first 4096 bytes" "$tmp/err"
expect_grep "$tmp/in/damaged.a: offset 0x8: archive member header does not end in" "$tmp/err"
expect_grep "$tmp/in/bigmember.a: __.PKGDEF: export data header: offset 0x70: a 52-byte unit and the \"\\\\n\$\$\\\\n\" marker would end at offset 0xa8, but the member ends at 0x40000000" "$tmp/err"
expect_grep '4 files in .* 1 units indexed, 0 binaries indexed, 0 duplicate contents, 0 unchanged, 3 errors; [0-9]* rows, 0.0 MB read' "$tmp/err"
c() { q "$tmp/db" "SELECT c.kind || ' ' || c.size || ' ' || c.status FROM file f JOIN content c ON c.id = f.content_id WHERE f.path LIKE '%/$1'"; }
expect_eq "$(c goobj.o)" "object 4096 error" "goobj.o: judged by its first 4 KiB"
expect_eq "$(c damaged.a)" "archive 512 error" "damaged.a: judged by its head"
expect_eq "$(c bigmember.a)" "archive 4096 error" "bigmember.a: judged by the member's first 4 KiB"
expect_eq "$(c bare.o)" "object $size indexed" "bare.o: its export data only"
# the sanitizer build's own footprint is ~20 MB; reading a file whole was 1 GB
peak=$(sed -n 's/.*peak memory \([0-9]*\)\..*/\1/p' "$tmp/err")
[ -n "$peak" ] && [ "$peak" -lt 256 ] || fail "peak memory ${peak:-?} MB, want under 256 MB"
echo "bounded ok: peak memory $peak MB"

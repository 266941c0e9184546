#!/usr/bin/env bash
# One dictionary of types: a type seen in a binary has the typeid of the
# same type in export data.  The reflect oracle's program (tests/oracle/
# reflect) is built by each toolchain into a GOCACHE of its own; the cache
# (every package it compiled, main included) is indexed first, then the
# binary into the same database.  Every named descriptor whose type the
# export data declares (by package path and name: main's, its second
# package's, std's; function-local types, main.T·1, are no declaration)
# must carry the declaration's typeid; generic instances must be found
# among the typeids the export data gave before the binary came (typeids
# are numbered as types first appear), at least as many as it spells (not
# every instance is in export data: go1.19's spells none of the program's,
# go1.23's and later at least 5); and no two descriptors of the module
# may share a typeid (the program has four local main.T besides its
# package-level one).  go1.19 builds with GOEXPERIMENT=unified (V0).
#
# A missing toolchain is a loud skip, a failure under CI=true
# (tests/crosscheck/toolchains.bash).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

q() { "$bin" query --format csv -d "$tmp/db" "$1" | tail -n +2; }

# A named descriptor and the declaration of its package path and name.
pairs="FROM v_rtype r JOIN typedef t ON t.typeid = r.typeid JOIN string c ON c.id = t.canonical_id
       JOIN uir_decl d ON d.kind = 'type'
       JOIN package p ON p.id = d.package_id JOIN string pp ON pp.id = p.path_id
       JOIN string dn ON dn.id = d.name_id
       WHERE r.name != '' AND instr(r.name, '[') = 0 AND pp.text = r.pkgpath AND dn.text = r.name
         AND instr(c.text, '·') = 0"

for row in go1.19-unified:0 go1.21:1 go1.22:2 go1.23:5 go1.26:5 go1.27:5; do
	tag=${row%:*} want_inst=${row#*:}
	what="rt_identity: $tag"
	tc_need "$what" "$tag" || continue
	rm -rf "$tmp/cache" "$tmp/db"*
	if ! (cd tests/oracle/reflect && env $tc_env GOFLAGS= GOCACHE="$tmp/cache" \
		"$tc_go" build -o "$tmp/prog" .) 2> "$tmp/build.err"; then
		tc_fail "$what" "go build failed: $(head -3 "$tmp/build.err" | paste -sd' ')"
		continue
	fi
	rc=0
	"$bin" index --no-progress -d "$tmp/db" "$tmp/cache" 2> "$tmp/err" || rc=$?
	before=$(q "SELECT max(typeid) FROM typedef")
	[ "$rc" -ne 0 ] || "$bin" index --no-progress -d "$tmp/db" "$tmp/prog" 2> "$tmp/err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		tc_fail "$what" "gotypedb index exited $rc: $(head -3 "$tmp/err" | paste -sd' ')"
		continue
	fi
	units=$(q "SELECT count(*) FROM unit WHERE pkg_path IN ('main', 'gotypedb.test/reflect/inner')")
	named=$(q "SELECT count(*) $pairs")
	differ=$(q "SELECT r.string || ': ' || r.typeid || ' vs ' || d.typeid $pairs AND r.typeid != d.typeid")
	inst=$(q "SELECT count(*) FROM v_rtype WHERE instr(name, '[') > 0 AND instr(name, 'go.shape.') = 0
		  AND typeid <= $before")
	local=$(q "SELECT count(*) FROM rtype r JOIN typedef t USING (typeid) JOIN string c ON c.id = t.canonical_id
		   WHERE r.name_id IS NOT NULL AND c.text LIKE 'main.T·%'")
	shared=$(q "SELECT count(*) FROM (SELECT typeid FROM rtype GROUP BY module_id, typeid HAVING count(*) > 1)")
	ndiffer=$(printf '%s' "$differ" | grep -c . || true)
	echo "rt_identity: $tag: $units units of the program's packages; $named named descriptors" \
	     "declared in export data, $ndiffer with another typeid; $inst instances with the export" \
	     "data's typeid; $local local main.T; $shared typeids on several descriptors"
	if [ "$units" -ne 2 ] || [ "$named" -lt 100 ] || [ "$ndiffer" -ne 0 ] || [ "$inst" -lt "$want_inst" ] ||
	   [ "$local" -ne 4 ] || [ "$shared" -ne 0 ]; then
		printf '%s\n' "$differ" | head -10 | sed 's/^/  /'
		tc_fail "$what" "want the program's 2 units, at least 100 named types declared in export" \
			"data with its typeids, $want_inst instances with theirs, 4 local main.T, no typeid on two" \
			"descriptors"
	fi
done
tc_exit

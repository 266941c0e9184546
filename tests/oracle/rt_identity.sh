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
# And the same dictionary in every database: shards that cross the
# toolchains (one's binary with another's cache, so that an instance
# comes from a binary first in one order and from export data first in
# the other, and a package from two releases) merged in both orders equal
# one index of them all, every table and view dumped by tests/cli/
# dumpdb.py, as does a database that indexed the binaries first and the
# caches in a second run (an instance stored by a binary without its
# 'targ' parts gets them from export data later); the instances binaries
# and export data share must be there with their 'targ' parts.
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

built=()
for row in go1.19-unified:0 go1.21:1 go1.22:2 go1.23:5 go1.26:5 go1.27:5; do
	tag=${row%:*} want_inst=${row#*:}
	what="rt_identity: $tag"
	tc_need "$what" "$tag" || continue
	rm -rf "$tmp/db"*
	if ! (cd tests/oracle/reflect && env $tc_env GOFLAGS= GOCACHE="$tmp/cache-$tag" \
		"$tc_go" build -o "$tmp/prog-$tag" .) 2> "$tmp/build.err"; then
		tc_fail "$what" "go build failed: $(head -3 "$tmp/build.err" | paste -sd' ')"
		continue
	fi
	rc=0
	"$bin" index --no-progress -d "$tmp/db" "$tmp/cache-$tag" 2> "$tmp/err" || rc=$?
	before=$(q "SELECT max(typeid) FROM typedef")
	[ "$rc" -ne 0 ] || "$bin" index --no-progress -d "$tmp/db" "$tmp/prog-$tag" 2> "$tmp/err" || rc=$?
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
	built+=("$tag")
done

# The shards: every toolchain's binary with the next one's cache (the last
# with the first's), each a shard.
what="rt_identity: merge order"
if [ ${#built[@]} -lt 3 ]; then
	tc_fail "$what" "needs 3 toolchains' programs, ${#built[@]} built"
	tc_exit
fi
shards=() all=() progs=() caches=()
for i in "${!built[@]}"; do
	next=${built[$(( (i + 1) % ${#built[@]} ))]}
	shards+=("$tmp/shard$i.db")
	all+=("$tmp/prog-${built[$i]}" "$tmp/cache-$next")
	progs+=("$tmp/prog-${built[$i]}")
	caches+=("$tmp/cache-$next")
	"$bin" index --no-progress -d "$tmp/shard$i.db" "$tmp/prog-${built[$i]}" "$tmp/cache-$next" 2> "$tmp/err" ||
		{ tc_fail "$what" "index of shard $i failed: $(head -3 "$tmp/err" | paste -sd' ')"; tc_exit; }
done
reversed=()
for ((i = ${#shards[@]} - 1; i >= 0; i--)); do reversed+=("${shards[$i]}"); done
if ! "$bin" index --no-progress -d "$tmp/whole.db" "${all[@]}" 2> "$tmp/err" ||
   ! "$bin" merge -d "$tmp/fwd.db" "${shards[@]}" 2> "$tmp/err" ||
   ! "$bin" merge -d "$tmp/rev.db" "${reversed[@]}" 2> "$tmp/err" ||
   ! "$bin" index --no-progress -d "$tmp/grown.db" "${progs[@]}" 2> "$tmp/err" ||
   ! "$bin" index --no-progress -d "$tmp/grown.db" "${caches[@]}" 2> "$tmp/err"; then
	tc_fail "$what" "index or merge failed: $(head -3 "$tmp/err" | paste -sd' ')"
	tc_exit
fi
for d in whole fwd rev grown; do
	python3 tests/cli/dumpdb.py "$tmp/$d.db" > "$tmp/$d.dump" || { tc_fail "$what" "dumpdb.py $d failed"; tc_exit; }
done
shared=$("$bin" query --format csv -d "$tmp/whole.db" "SELECT count(DISTINCT r.typeid) FROM v_rtype r
	WHERE instr(r.name, '[') > 0 AND EXISTS (SELECT 1 FROM typedef_part p WHERE p.typeid = r.typeid
	AND p.role = 'targ')" | tail -n +2)
rows=$(wc -l < "$tmp/whole.dump")
echo "rt_identity: merge order: ${#shards[@]} shards of ${built[*]}: $rows rows dumped; $shared" \
     "instances of binaries with their 'targ' parts"
if ! diff "$tmp/fwd.dump" "$tmp/rev.dump" > "$tmp/d1"; then
	head -8 "$tmp/d1" | sed 's/^/  /'
	tc_fail "$what" "the merge depends on the order of its inputs"
elif ! diff "$tmp/whole.dump" "$tmp/fwd.dump" > "$tmp/d2"; then
	head -8 "$tmp/d2" | sed 's/^/  /'
	tc_fail "$what" "the merged shards differ from one index of them all"
elif ! diff "$tmp/whole.dump" "$tmp/grown.dump" > "$tmp/d3"; then
	head -8 "$tmp/d3" | sed 's/^/  /'
	tc_fail "$what" "the binaries indexed first, the caches in a second run, differ from one index of them all"
elif [ "$shared" -lt 5 ]; then
	tc_fail "$what" "want at least 5 instances in binaries with 'targ' parts from export data"
fi
tc_exit

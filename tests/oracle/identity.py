#!/usr/bin/env python3
"""Checks that typeid equality is Go type identity, against types.Identical.

    identity.py GOTYPEDB ORACLE [--pairs N] [--seed S] [--pair "PA NA PB NB [u]"]... PATH...

Indexes PATH... into a fresh database and takes every package-scope object
(package path, name) with its typeid.  An object must have one typeid in
every unit that holds it.  Then it samples pairs of distinct objects: about
half with equal typeids (drawn across all groups of equal types) and half
with different ones, most of those near misses (neighbours in the sorted
canonical strings, so types that differ in one detail).  The oracle loads
every archive into one imports map (one *types.Package per path, as
go/packages would) and answers types.Identical for each pair.  Exit 1 on
any disagreement, in either direction, on a pair go/types cannot find,
and when gotypedb failed on anything the oracle reads
(tests/oracle/indexed.py); the last line then says "FAILED: ...".  Each
--pair (package path and name of two objects, u to compare their
underlying types) is asked too, whatever the sample, and its verdict
printed: pairs a test must not leave to chance."""
import csv, io, random, sys, tempfile
from collections import defaultdict
from indexed import Indexed, fail_on, run


def main():
    args = sys.argv[1:]
    gotypedb, oracle = args[0], args[1]
    npairs, seed, paths, forced, i = 12000, 1, [], [], 2
    while i < len(args):
        if args[i] == "--pairs":
            npairs = int(args[i + 1]); i += 2
        elif args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        elif args[i] == "--pair":
            f = args[i + 1].split() + [""]
            forced.append(((f[0], f[1], f[4]), (f[2], f[3], f[4]))); i += 2
        else:
            paths.append(args[i]); i += 1
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        ix = Indexed(gotypedb, oracle, paths, tmp)
        q = ix.query
        archives = list(ix.path_of.values())  # unit order: the oracle loads them so into one imports map
        objs = q("SELECT DISTINCT sp.text, sn.text, '', o.typeid, sc.text FROM uir_object o "
                 "JOIN package p ON p.id = o.package_id JOIN string sp ON sp.id = p.path_id "
                 "JOIN string sn ON sn.id = o.name_id JOIN typedef t ON t.typeid = o.typeid "
                 "JOIN string sc ON sc.id = t.canonical_id "
                 "UNION SELECT DISTINCT sp.text, sn.text, 'u', o.under_typeid, sc.text FROM uir_object o "
                 "JOIN package p ON p.id = o.package_id JOIN string sp ON sp.id = p.path_id "
                 "JOIN string sn ON sn.id = o.name_id JOIN typedef t ON t.typeid = o.under_typeid "
                 "JOIN string sc ON sc.id = t.canonical_id")
    # keys: (path, name, '') for an object's type, (path, name, 'u') for a
    # type name's underlying type; pairs are drawn within each kind of key
    typeid_of = defaultdict(set)
    canonical = {}
    for path, name, which, typeid, canon in objs:
        if path == "main":
            continue  # every command's own package has this path: not one package
        typeid_of[(path, name, which)].add(typeid)
        canonical[typeid] = canon
    split = [k for k, v in typeid_of.items() if len(v) > 1]
    keys = sorted(typeid_of)
    tid = {k: min(typeid_of[k]) for k in keys}
    groups = defaultdict(list)
    for k in keys:
        groups[tid[k]].append(k)
    pairs = set()

    def sample(which, n):
        """n pairs of keys of one kind: half equal typeids, a quarter near
        misses (neighbouring canonical strings), the rest random."""
        ks = [k for k in keys if k[2] == which]
        n = min(n, len(ks) * (len(ks) - 1))  # a small input has fewer ordered pairs
        gs = defaultdict(list)
        for k in ks:
            gs[tid[k]].append(k)
        multi = [g for g in gs.values() if len(g) > 1]
        pool = [(g, k) for g in multi for k in g]
        got = set()
        tries = 0
        while multi and len(got) < n // 2 and tries < 50 * n:
            tries += 1
            g, a = rnd.choice(pool)
            b = rnd.choice(g)
            if a != b:
                got.add((a, b))
        by_canon = sorted(gs, key=lambda t: canonical[t])
        for x, y in zip(by_canon, by_canon[1:]):
            if len(got) >= n * 3 // 4:
                break
            got.add((rnd.choice(gs[x]), rnd.choice(gs[y])))
        tries = 0
        while len(got) < n and len(ks) > 1 and tries < 50 * n:  # bounded: few keys have few pairs
            tries += 1
            a, b = rnd.choice(ks), rnd.choice(ks)
            if a != b:
                got.add((a, b))
        return got

    pairs = sample("", npairs - npairs // 2) | sample("u", npairs // 2)
    unknown = [k for p in forced for k in p if k not in tid]
    pairs = sorted(pairs | {p for p in forced if p[0] in tid and p[1] in tid})
    text = "".join(a + "\n" for a in archives) + "--\n" + "".join(
        f"{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}" + ("\tu" if a[2] else "") + "\n" for a, b in pairs)
    rc, out, err = run([oracle, "identical"], text)
    print("identity: " + ix.summary())
    problems = list(ix.problems)
    if rc:
        print("identity: oracle errors:\n" + err[:2000])
        problems.append(f"oracle identical exited {rc}: {(err.strip().splitlines() or [''])[0]}")
    agree = {"same": 0, "different": 0}
    wrong = []
    missing = 0
    for row in list(csv.reader(io.StringIO(out)))[1:]:
        a, b, ident = (row[0], row[1], row[4]), (row[2], row[3], row[4]), row[5]
        if (a, b) in forced:
            verdict = {"true": "identical", "false": "not identical"}.get(ident, ident)
            print(f"identity: {a[0]}.{a[1]} and {b[0]}.{b[1]}{' (underlying)' if a[2] else ''}: "
                  f"go/types: {verdict}; typeids {'equal' if tid[a] == tid[b] else 'different'}")
        if ident == "missing":
            missing += 1
            continue
        mine = tid[a] == tid[b]
        if mine == (ident == "true"):
            agree["same" if mine else "different"] += 1
        else:
            wrong.append((a, b, ident, canonical[tid[a]], canonical[tid[b]]))
    nunder = sum(1 for a, _ in pairs if a[2])
    print(f"identity: {len(archives)} units, {len(keys)} object types and underlying types, "
          f"{len(groups)} distinct typeids; {nunder} of the pairs compare underlying types; "
          f"{len(pairs)} pairs: {agree['same']} identical and equal typeids, "
          f"{agree['different']} not identical and different typeids, {len(wrong)} disagreements, "
          f"{missing} not found by go/types; {len(split)} objects with several typeids")
    for w in wrong[:10]:
        print("  disagree:", w)
    for k in split[:10]:
        print("  several typeids:", k, [canonical[t] for t in typeid_of[k]])
    if wrong:
        problems.append(f"{len(wrong)} pairs where typeid equality is not types.Identical")
    if split:
        problems.append(f"{len(split)} objects with several typeids")
    if unknown:
        problems.append(f"--pair objects not indexed: {unknown}")
    if missing:
        problems.append(f"{missing} pairs go/types cannot find")
    if not pairs:
        problems.append("no pair to compare")
    fail_on(problems)


main()

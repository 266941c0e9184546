#!/usr/bin/env python3
"""Checks that typeid equality is Go type identity, against types.Identical.

    identity.py GOTYPEDB ORACLE [--pairs N] [--seed S] PATH...

Indexes PATH... into a fresh database and takes every package-scope object
(package path, name) with its typeid.  An object must have one typeid in
every unit that holds it.  Then it samples pairs of distinct objects: about
half with equal typeids (drawn across all groups of equal types) and half
with different ones, most of those near misses (neighbours in the sorted
canonical strings, so types that differ in one detail).  The oracle loads
every archive into one imports map (one *types.Package per path, as
go/packages would) and answers types.Identical for each pair.  Exit 1 on
any disagreement, in either direction."""
import csv, io, os, random, subprocess, sys, tempfile
from collections import defaultdict


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    args = sys.argv[1:]
    gotypedb, oracle = args[0], args[1]
    npairs, seed, paths, i = 12000, 1, [], 2
    while i < len(args):
        if args[i] == "--pairs":
            npairs = int(args[i + 1]); i += 2
        elif args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        else:
            paths.append(args[i]); i += 1
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "t.db")
        rc, _, err = run([gotypedb, "index", "-d", db, "--no-progress"] + paths)
        if rc not in (0, 65):
            sys.exit("identity: gotypedb index failed:\n" + err)
        def q(sql):
            return list(csv.reader(io.StringIO(run([gotypedb, "query", "-d", db, "--format", "csv", sql])[1])))[1:]
        archives = [r[0] for r in q("SELECT min(f.path) FROM unit u JOIN file f ON f.content_id = u.content_id GROUP BY u.id")]
        objs = q("SELECT DISTINCT sp.text, sn.text, o.typeid, sc.text FROM uir_object o "
                 "JOIN package p ON p.id = o.package_id JOIN string sp ON sp.id = p.path_id "
                 "JOIN string sn ON sn.id = o.name_id JOIN typedef t ON t.typeid = o.typeid "
                 "JOIN string sc ON sc.id = t.canonical_id")
    typeid_of = defaultdict(set)
    canonical = {}
    for path, name, typeid, canon in objs:
        typeid_of[(path, name)].add(typeid)
        canonical[typeid] = canon
    split = [k for k, v in typeid_of.items() if len(v) > 1]
    keys = sorted(typeid_of)
    tid = {k: min(typeid_of[k]) for k in keys}
    groups = defaultdict(list)
    for k in keys:
        groups[tid[k]].append(k)
    multi = [g for g in groups.values() if len(g) > 1]
    pairs = set()
    # equal typeids: across all groups, weighted by group size
    pool = [(g, k) for g in multi for k in g]
    while multi and len(pairs) < npairs // 2:
        g, a = rnd.choice(pool)
        b = rnd.choice(g)
        if a != b:
            pairs.add((a, b))
    # near misses: objects whose canonical strings are neighbours
    by_canon = sorted(groups, key=lambda t: canonical[t])
    for x, y in zip(by_canon, by_canon[1:]):
        if len(pairs) >= npairs * 3 // 4:
            break
        pairs.add((rnd.choice(groups[x]), rnd.choice(groups[y])))
    while len(pairs) < npairs and len(keys) > 1:
        a, b = rnd.choice(keys), rnd.choice(keys)
        if a != b:
            pairs.add((a, b))
    pairs = sorted(pairs)
    text = "".join(a + "\n" for a in archives) + "--\n" + "".join(
        f"{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}\n" for a, b in pairs)
    rc, out, err = run([oracle, "identical"], text)
    if rc:
        print("identity: oracle errors:\n" + err[:2000])
    agree = {"same": 0, "different": 0}
    wrong = []
    missing = 0
    for row in list(csv.reader(io.StringIO(out)))[1:]:
        a, b, ident = (row[0], row[1]), (row[2], row[3]), row[4]
        if ident == "missing":
            missing += 1
            continue
        mine = tid[a] == tid[b]
        if mine == (ident == "true"):
            agree["same" if mine else "different"] += 1
        else:
            wrong.append((a, b, ident, canonical[tid[a]], canonical[tid[b]]))
    print(f"identity: {len(archives)} units, {len(keys)} objects, {len(groups)} distinct typeids; "
          f"{len(pairs)} pairs: {agree['same']} identical and equal typeids, "
          f"{agree['different']} not identical and different typeids, {len(wrong)} disagreements, "
          f"{missing} not found by go/types; {len(split)} objects with several typeids")
    for w in wrong[:10]:
        print("  disagree:", w)
    for k in split[:10]:
        print("  several typeids:", k, [canonical[t] for t in typeid_of[k]])
    sys.exit(1 if wrong or split or missing or rc else 0)


main()

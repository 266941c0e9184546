// Command v0oracle states what go1.19's own go/importer and go/types make
// of export data, for V0 archives (go1.19 with GOEXPERIMENT=unified) that
// golang.org/x/tools cannot read.  Build it with go1.19
// (/usr/lib/go-1.19/bin/go): go1.19.8's go/internal/gcimporter reads the
// 'u' format whatever GOEXPERIMENT the program was built with (it
// switches on the format byte), and its go/types is the one that matches
// the data.  tests/oracle/v0.sh compares its rows with gotypedb's.
//
//	v0oracle objects < archive-paths   one row per package-scope object
//	v0oracle methods < archive-paths   one row per declared or interface method
//
// The CSV shapes are those of tests/oracle's go1.26 oracle, and one more
// column for methods:
//
//	objects: archive,package_path,name,kind,object_string,value
//	methods: archive,package_path,type_name,set,index,name,object_string,receiver_owner
//
// receiver_owner is, for an interface method, the named type whose
// interface declares it (see receiverOwner), else empty.
//
// Each archive is imported with a fresh importer (a fresh packages map),
// asked for the path "main": the importer gives that path to the unit's
// own package only where the data leaves its path empty, as gotypedb does
// (go1.19's compiler writes the real path, or "main").  The rows cover the
// archive's package and every package its export data embeds: go/importer
// keeps its packages map private, so they are found through
// Package.Imports, which the importer sets for every package it creates
// from that package's import list in the data.  Package unsafe is not in
// the map (the importer returns types.Unsafe for it) and is left out.
package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"sort"
)

func qualifier(p *types.Package) string { return p.Path() }

// load imports one archive with go/importer; an importer panic (go1.19's
// unified reader asserts by panicking) becomes the error.
func load(archive string) (pkg *types.Package, err error) {
	lookup := func(path string) (io.ReadCloser, error) {
		if path != "main" {
			return nil, fmt.Errorf("unexpected lookup of %q: unified export data is self-contained", path)
		}
		return os.Open(archive)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("importer panic: %v", p)
		}
	}()
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup).Import("main")
}

// packages returns pkg and every package reachable through Imports,
// sorted by path, each once.
func packages(pkg *types.Package) []*types.Package {
	seen := map[*types.Package]bool{}
	var all []*types.Package
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if p == nil || p == types.Unsafe || seen[p] {
			return
		}
		seen[p] = true
		all = append(all, p)
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(pkg)
	sort.Slice(all, func(i, j int) bool { return all[i].Path() < all[j].Path() })
	return all
}

func kind(obj types.Object) string {
	switch obj := obj.(type) {
	case *types.Const:
		return "const"
	case *types.TypeName:
		if obj.IsAlias() {
			return "alias"
		}
		return "type"
	case *types.Func:
		return "func"
	case *types.Var:
		return "var"
	}
	return fmt.Sprintf("%T", obj)
}

func objects(w *csv.Writer, archive string, pkgs []*types.Package) {
	for _, p := range pkgs {
		for _, name := range p.Scope().Names() {
			obj := p.Scope().Lookup(name)
			value := ""
			if c, ok := obj.(*types.Const); ok {
				value = c.Val().ExactString()
			}
			w.Write([]string{archive, p.Path(), name, kind(obj), types.ObjectString(obj, qualifier), value})
		}
	}
}

// receiverOwners maps the underlying *Interface of every named interface
// type in pkgs to that named type.  go1.19's importer makes an interface
// method's receiver the *Interface that declares it; the owner is the
// named type later importers use as the receiver instead.
func receiverOwners(pkgs []*types.Package) map[*types.Interface]*types.Named {
	owners := map[*types.Interface]*types.Named{}
	for _, p := range pkgs {
		for _, name := range p.Scope().Names() {
			tn, ok := p.Scope().Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			if named, ok := tn.Type().(*types.Named); ok {
				if iface, ok := named.Underlying().(*types.Interface); ok {
					owners[iface] = named
				}
			}
		}
	}
	return owners
}

// receiverOwner is the named type that declares interface method m, as
// TypeString prints it, or "" when m's receiver is not an interface or no
// named type of pkgs owns it.
func receiverOwner(m *types.Func, owners map[*types.Interface]*types.Named) string {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return ""
	}
	iface, ok := recv.Type().(*types.Interface)
	if !ok || owners[iface] == nil {
		return ""
	}
	return types.TypeString(owners[iface], qualifier)
}

// methods writes the method rows, each with an eighth column: for an
// interface method, the named type that declares it (receiverOwner).
func methods(w *csv.Writer, archive string, pkgs []*types.Package) {
	owners := receiverOwners(pkgs)
	for _, p := range pkgs {
		for _, name := range p.Scope().Names() {
			tn, ok := p.Scope().Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok {
				continue
			}
			for i := 0; i < named.NumMethods(); i++ {
				m := named.Method(i)
				w.Write([]string{archive, p.Path(), name, "declared", fmt.Sprint(i), m.Name(),
					types.ObjectString(m, qualifier), ""})
			}
			if iface, ok := named.Underlying().(*types.Interface); ok {
				for i := 0; i < iface.NumMethods(); i++ {
					m := iface.Method(i)
					w.Write([]string{archive, p.Path(), name, "interface", fmt.Sprint(i), m.Name(),
						types.ObjectString(m, qualifier), receiverOwner(m, owners)})
				}
			}
		}
	}
}

func main() {
	if len(os.Args) != 2 || (os.Args[1] != "objects" && os.Args[1] != "methods") {
		fmt.Fprintln(os.Stderr, "usage: v0oracle objects|methods < archive-paths")
		os.Exit(2)
	}
	w := csv.NewWriter(os.Stdout)
	if os.Args[1] == "objects" {
		w.Write([]string{"archive", "package_path", "name", "kind", "object_string", "value"})
	} else {
		w.Write([]string{"archive", "package_path", "type_name", "set", "index", "name", "object_string",
			"receiver_owner"})
	}
	status := 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		archive := sc.Text()
		pkg, err := load(archive)
		if err != nil {
			fmt.Fprintf(os.Stderr, "v0oracle: %s: %v\n", archive, err)
			status = 1
			continue
		}
		if os.Args[1] == "objects" {
			objects(w, archive, packages(pkg))
		} else {
			methods(w, archive, packages(pkg))
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fmt.Fprintln(os.Stderr, "v0oracle:", err)
		status = 1
	}
	os.Exit(status)
}

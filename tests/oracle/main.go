// Command oracle states the truth about export data from the Go side, for
// comparison with gotypedb's rows: it loads package archives with
// golang.org/x/tools/go/gcexportdata into go/types and prints, as CSV with
// a header row, what go/types says.
//
//	oracle exports < file-paths      the archives in which export data is found
//	oracle objects < archive-paths   one row per package-scope object
//	oracle methods < archive-paths   one row per declared or interface method
//	oracle identical < input         types.Identical for pairs of objects' types
//
// Each archive is loaded with a fresh imports map, as a tool loading one
// package would; the rows cover the archive's own package and every package
// whose objects its export data embeds (they appear in the imports map with
// just those objects).  Object strings use types.ObjectString with the
// package path as qualifier.
package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
)

func qualifier(p *types.Package) string { return p.Path() }

// load reads one archive; the own package of a `package main` archive is
// reported with the path "main", as its export data records it.
func load(path string) (*types.Package, map[string]*types.Package, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, nil, err
	}
	imports := make(map[string]*types.Package)
	pkg, err := gcexportdata.Read(r, token.NewFileSet(), imports, "main")
	if err != nil {
		return nil, nil, err
	}
	return pkg, imports, nil
}

// packages returns the archive's package and every package in imports,
// sorted by path, each once.
func packages(pkg *types.Package, imports map[string]*types.Package) []*types.Package {
	seen := map[*types.Package]bool{pkg: true}
	all := []*types.Package{pkg}
	for _, p := range imports {
		if !seen[p] {
			seen[p] = true
			all = append(all, p)
		}
	}
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

func methods(w *csv.Writer, archive string, pkgs []*types.Package) {
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
					types.ObjectString(m, qualifier)})
			}
			if iface, ok := named.Underlying().(*types.Interface); ok {
				for i := 0; i < iface.NumMethods(); i++ {
					m := iface.Method(i)
					w.Write([]string{archive, p.Path(), name, "interface", fmt.Sprint(i), m.Name(),
						types.ObjectString(m, qualifier)})
				}
			}
		}
	}
}

// objectType is the type whose identity gotypedb's uir_object.typeid
// names: a type name's type with aliases followed, or any other object's.
func objectType(obj types.Object) types.Type {
	return types.Unalias(obj.Type())
}

// identical reads archive paths up to a line "--", loads them all into one
// imports map (as go/packages would: one *types.Package per path, shared),
// then reads "pkgA TAB nameA TAB pkgB TAB nameB [TAB u]" lines and prints
// whether the two objects' types (with u: the underlying types of two type
// names) are identical: true, false, or missing.
func identical(w *csv.Writer) int {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	imports := make(map[string]*types.Package)
	fset := token.NewFileSet()
	status := 0
	for sc.Scan() && sc.Text() != "--" {
		f, err := os.Open(sc.Text())
		if err != nil {
			fmt.Fprintf(os.Stderr, "oracle: %v\n", err)
			status = 1
			continue
		}
		r, err := gcexportdata.NewReader(bufio.NewReader(f))
		if err == nil {
			_, err = gcexportdata.Read(r, fset, imports, "main")
		}
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "oracle: %s: %v\n", sc.Text(), err)
			status = 1
		}
	}
	lookup := func(path, name string) types.Object {
		if p := imports[path]; p != nil {
			return p.Scope().Lookup(name)
		}
		return nil
	}
	w.Write([]string{"pkg_a", "name_a", "pkg_b", "name_b", "which", "identical"})
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 && len(f) != 5 {
			continue
		}
		a, b := lookup(f[0], f[1]), lookup(f[2], f[3])
		res, which := "missing", ""
		if len(f) == 5 {
			which = f[4]
		}
		if a != nil && b != nil {
			ta, tb := objectType(a), objectType(b)
			if which == "u" {
				ta, tb = ta.Underlying(), tb.Underlying()
			}
			res = fmt.Sprint(types.Identical(ta, tb))
		}
		w.Write([]string{f[0], f[1], f[2], f[3], which, res})
	}
	return status
}

// exports prints, of the file paths on stdin, those that are archives
// ("!<arch>\n") in which gcexportdata finds export data: the archives the
// oracle reads, listed without asking gotypedb, so that a comparison can
// tell which of them gotypedb failed to index.  A file it cannot open is an
// error (exit 1), not a file without export data.
func exports() int {
	status := 0
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		path := sc.Text()
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "oracle: %v\n", err)
			status = 1
			continue
		}
		buf := bufio.NewReader(f)
		if magic, _ := buf.Peek(8); string(magic) == "!<arch>\n" {
			if _, err := gcexportdata.NewReader(buf); err == nil {
				fmt.Println(path)
			}
		}
		f.Close()
	}
	return status
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "exports" {
		os.Exit(exports())
	}
	if len(os.Args) == 2 && os.Args[1] == "identical" {
		w := csv.NewWriter(os.Stdout)
		status := identical(w)
		w.Flush()
		os.Exit(status)
	}
	if len(os.Args) != 2 || (os.Args[1] != "objects" && os.Args[1] != "methods") {
		fmt.Fprintln(os.Stderr, "usage: oracle exports|objects|methods|identical < input")
		os.Exit(2)
	}
	w := csv.NewWriter(os.Stdout)
	if os.Args[1] == "objects" {
		w.Write([]string{"archive", "package_path", "name", "kind", "object_string", "value"})
	} else {
		w.Write([]string{"archive", "package_path", "type_name", "set", "index", "name", "object_string"})
	}
	status := 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		archive := sc.Text()
		pkg, imports, err := load(archive)
		if err != nil {
			fmt.Fprintf(os.Stderr, "oracle: %s: %v\n", archive, err)
			status = 1
			continue
		}
		if os.Args[1] == "objects" {
			objects(w, archive, packages(pkg, imports))
		} else {
			methods(w, archive, packages(pkg, imports))
		}
	}
	w.Flush()
	os.Exit(status)
}

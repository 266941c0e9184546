// Command gcexportdata is the peer in gotypedb's benchmark: it loads the
// export data of each package archive named on stdin with Go's own reader,
// golang.org/x/tools/go/gcexportdata, into go/types, the way a tool that
// loads archives one by one does (a fresh imports map per archive).
//
//	gcexportdata [-j N] < archive-paths
//	gcexportdata -identical PATH.NAME < archive-paths
//
// It prints the archives, packages and objects it loaded, and fails on the
// first archive it cannot read, so that a benchmark never times errors.
//
// With -identical it answers the benchmark's question the way a Go program
// must without an index: load every archive (into one imports map, so that
// a package is one *types.Package however many archives embed it), then
// print, sorted, every package path (but "main", which every command
// shares) that declares a type whose underlying type is identical to that
// of the type PATH.NAME.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/gcexportdata"
)

func load(path string) (objects int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return 0, fmt.Errorf("%s: %v", path, err)
	}
	imports := make(map[string]*types.Package)
	pkg, err := gcexportdata.Read(r, token.NewFileSet(), imports, path)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", path, err)
	}
	return len(pkg.Scope().Names()), nil
}

func identical(paths []string, target string) error {
	imports := make(map[string]*types.Package)
	fset := token.NewFileSet()
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		r, err := gcexportdata.NewReader(bufio.NewReader(f))
		if err == nil {
			_, err = gcexportdata.Read(r, fset, imports, "main")
		}
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
	}
	dot := strings.LastIndex(target, ".")
	tpkg := imports[target[:dot]]
	if tpkg == nil || tpkg.Scope().Lookup(target[dot+1:]) == nil {
		return fmt.Errorf("%s: not found", target)
	}
	want := tpkg.Scope().Lookup(target[dot+1:]).Type().Underlying()
	var found []string
	for path, pkg := range imports {
		if path == "main" {
			continue
		}
		for _, name := range pkg.Scope().Names() {
			tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
			if ok && !tn.IsAlias() && types.Identical(tn.Type().Underlying(), want) {
				found = append(found, path)
				break
			}
		}
	}
	sort.Strings(found)
	for _, p := range found {
		fmt.Println(p)
	}
	return nil
}

func main() {
	jobs := flag.Int("j", 1, "archives loaded in parallel")
	target := flag.String("identical", "", "PATH.NAME: the packages declaring a type identical to its underlying type")
	flag.Parse()

	var paths []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		paths = append(paths, sc.Text())
	}
	if *target != "" {
		if err := identical(paths, *target); err != nil {
			fmt.Fprintln(os.Stderr, "gcexportdata:", err)
			os.Exit(1)
		}
		return
	}
	var (
		next, objects atomic.Int64
		wg            sync.WaitGroup
		failed        atomic.Value
	)
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				n, err := load(paths[i])
				if err != nil {
					failed.Store(err)
					return
				}
				objects.Add(int64(n))
			}
		}()
	}
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		fmt.Fprintln(os.Stderr, "gcexportdata:", err)
		os.Exit(1)
	}
	fmt.Printf("%d archives, %d package-scope objects\n", len(paths), objects.Load())
}

// Command gcexportdata is the peer in gotypedb's benchmark: it loads the
// export data of each package archive named on stdin with Go's own reader,
// golang.org/x/tools/go/gcexportdata, into go/types, the way a tool that
// loads archives one by one does (a fresh imports map per archive).
//
//	gcexportdata [-j N] < archive-paths
//
// It prints the archives, packages and objects it loaded, and fails on the
// first archive it cannot read, so that a benchmark never times errors.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"os"
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

func main() {
	jobs := flag.Int("j", 1, "archives loaded in parallel")
	flag.Parse()

	var paths []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		paths = append(paths, sc.Text())
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

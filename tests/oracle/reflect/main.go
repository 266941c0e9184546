// Command reflect is the reflect oracle for gotypedb's runtime views: it
// prints, from reflect inside the running program, the facts of every type
// reachable from a set of its own values (roots.go), one row per line,
// tab-separated, the first field naming the view the row is checked
// against (tests/oracle/reflect.py; the columns are in
// tests/oracle/README.md).
//
// Built as a c-shared library (-buildmode=c-shared, with cgo), it prints
// the same rows from its exported function GotypedbReflectFacts, called by
// host.c.  -ldflags=-X=main.buildMode=MODE names the build mode in the
// module row.
package main

import (
	"fmt"
	"os"
)

var buildMode = "exe"

func main() {
	if err := writeFacts(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reflect oracle:", err)
		os.Exit(1)
	}
}

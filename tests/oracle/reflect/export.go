//go:build cgo

package main

import "C"

import (
	"fmt"
	"os"
)

// GotypedbReflectFacts is what host.c calls of the c-shared build: it
// writes the same rows as the executable, and returns 0, or 1 after a
// message on stderr.
//
//export GotypedbReflectFacts
func GotypedbReflectFacts() C.int {
	if err := writeFacts(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reflect oracle:", err)
		return 1
	}
	return 0
}

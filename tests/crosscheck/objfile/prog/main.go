// Command prog is the tiny program tests/crosscheck/objfile.sh builds for
// every target: its data holds pointers of every kind the linker
// relocates in a PIE or a shared object (type descriptors and their
// names, an itab, a map, closures, strings), so that relocation tables
// have entries of each shape.  Run with OBJFILE_WAIT=1 it prints "ready"
// and waits for stdin to close, so that its memory can be read as the
// dynamic loader left it.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct {
	W, H float64 `json:"w"`
	tag  string
}

func (r Rect) Area() float64  { return r.W * r.H }
func (r *Rect) Name() string  { return "rect " + r.tag }
func (r *Rect) Scale(k int)   { r.W *= float64(k) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

var (
	shapes   = []Shape{&Rect{2, 3, "a"}, &Rect{4, 5, "b"}}
	byName   = map[string]*Rect{"x": {1, 1, "x"}}
	handlers = [...]func(int) int{func(i int) int { return i + 1 }, func(i int) int { return i * 2 }}
	pairs    = []Pair[string, chan<- int]{{"p", nil}}
)

func main() {
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	keys := []string{}
	for k := range byName {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(total, keys, handlers[1](3), len(pairs), shapes[0].Name())
	if os.Getenv("OBJFILE_WAIT") == "1" {
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
	"unsafe"

	innards "gotypedb.test/reflect/inner"
)

// The program's own types: one of every kind and of every feature that
// changes how a descriptor is laid out or named.  They use only standard
// types that are the same on every GOOS (no os, syscall), so that the
// darwin and windows builds can be compared with the linux one.

// Anchor's one method is where every code address is measured from (see
// facts.go): a pointer method, so that the itab of AnchorI and *Anchor
// holds the method itself, not a wrapper.
type Anchor struct{ n int }

func (a *Anchor) Mark() int { return a.n }

type AnchorI interface{ Mark() int }

// Celsius is a named basic type with methods on the value.
type Celsius float64

func (c Celsius) String() string  { return fmt.Sprintf("%.1f°C", float64(c)) }
func (c Celsius) Kelvin() float64 { return float64(c) + 273.15 }

// Point has methods on the value and on the pointer, exported and not.
type Point struct {
	X, Y int32
	name string
}

func (p Point) Norm() int32        { return p.X*p.X + p.Y*p.Y }
func (p *Point) Move(dx, dy int32) { p.X += dx; p.Y += dy }
func (p Point) String() string     { return p.name }
func (p *Point) reset()            { *p = Point{} }
func (p Point) Äquator() bool      { return p.Y == 0 }

// Tagged has tags (one with a tab, quotes and a backslash, to test the
// output's escaping), embedded pointers, an embedded interface, an embedded
// value of another package and unexported fields of every kind.
type Tagged struct {
	*innards.Thing
	io.Reader
	Point     `json:"point"`
	Name      string `json:"name,omitempty" db:"n"`
	Weird     int    `weird:"tab	here \"quoted\" back\\slash"` // a tab character
	count     int
	mu        sync.Mutex
	Timeout   time.Duration
	π         float32
	Äpfel     innards.Äpfel
	日本        []rune
	_         [0]func()
	Callbacks [3]func(int) string
}

// Walker embeds an interface of this package, one of another package
// (whose unexported method carries that package's path), and one of the
// standard library; it has unexported and non-ASCII methods.
type Walker interface {
	fmt.Stringer
	innards.Runner
	Walk(steps ...int) (int, error)
	walk()
	Über() Celsius
}

// walker implements Walker except for innards.Runner's unexported run,
// which it gets by embedding innards.Job.
type walker struct {
	innards.Job
	at int
}

func (w *walker) String() string                 { return "walker" }
func (w *walker) Walk(steps ...int) (int, error) { return len(steps), nil }
func (w *walker) walk()                          {}
func (w *walker) Über() Celsius                  { return 0 }

// Channels of every direction, nested both ways.
type Channels struct {
	Both     chan int
	Recv     <-chan string
	Send     chan<- error
	RecvRecv <-chan <-chan int
	SendRecv chan<- <-chan int
	BothSend chan (chan<- int)
	OfStruct chan struct{}
}

// Maps of structs, with struct keys and struct values.
type Key struct {
	A int8
	B string
}

type Maps struct {
	ByKey   map[Key]Point
	ByName  map[string]struct{ N, M int }
	Nested  map[Key]map[string][]*Point
	Sets    map[innards.Thing]struct{}
	Counter map[*Tagged]uint64
}

// Funcs: variadic, many results, func-typed parameters and results,
// arrays and slices of funcs.
type Funcs struct {
	Plain     func()
	Variadic  func(string, ...any) (int, error)
	Higher    func(func(int) bool) func() []string
	Array     [4]func(Celsius) Celsius
	Slice     []func(*Point, Key) (map[Key]bool, error)
	Method    func(*Tagged) io.Reader
	Unsafeish func(uintptr, complex128, complex64) bool
}

// Basics holds one field of every basic kind.
type Basics struct {
	B    bool
	I    int
	I8   int8
	I16  int16
	I32  int32
	I64  int64
	U    uint
	U8   uint8
	U16  uint16
	U32  uint32
	U64  uint64
	Uptr uintptr
	F32  float32
	F64  float64
	C64  complex64
	C128 complex128
	S    string
	P    unsafe.Pointer
	E    error
	A    any
}

// lowerCase is an unexported named type with an unexported method and an
// exported one.
type lowerCase struct{ v []byte }

func (l lowerCase) Len() int { return len(l.v) }
func (l lowerCase) cap() int { return cap(l.v) }

// Recursive types reach themselves.
type Tree struct {
	Left, Right *Tree
	Kids        []Tree
	Parent      map[string]*Tree
	Visit       func(*Tree) *Tree
}

// myErr is an error type of the program's.
type myErr struct{ msg string }

func (e myErr) Error() string { return e.msg }

var errSentinel = errors.New("sentinel")

// Closures: func values that capture variables.  reflect sees their func
// types; the structs the compiler makes for captured variables are not
// reachable from reflect (see README).
func makeClosures() []any {
	n := 3
	add := func(x int) int { return x + n }
	var p Point
	move := func(d int32) { p.Move(d, d); n++ }
	return []any{add, move, func() *Point { return &p }}
}

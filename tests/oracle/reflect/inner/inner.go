// Package innards is the reflect oracle's second package: its path
// (gotypedb.test/reflect/inner) and its name differ, so that a type's
// string (innards.Thing) and its package path can be told apart, and its
// unexported names are qualified by a path that is not main.
package innards

// Thing is embedded by pointer and by value in the main package's types.
type Thing struct {
	ID    int64
	label string
	Next  *Thing
}

func (t Thing) Label() string      { return t.label }
func (t *Thing) SetLabel(s string) { t.label = s }
func (t Thing) hidden() int        { return int(t.ID) }

// Runner has an unexported method: an interface that embeds it holds a
// method whose package path is this package's, not the embedder's.
type Runner interface {
	Run(n int) error
	run()
}

// Job implements Runner (and so only this package's types can).
type Job struct{ N int }

func (j Job) Run(n int) error { return nil }
func (j Job) run()            {}

// List is generic: the main package instantiates it with its own types,
// this package's types and unnamed ones.
type List[T any] struct {
	Items []T
	head  *T
}

func (l *List[T]) Push(v T) { l.Items = append(l.Items, v) }
func (l List[T]) Len() int  { return len(l.Items) }

// Pair is generic over two type parameters, one of them comparable.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Äpfel and π are non-ASCII names: Ä is upper case (exported), π is not.
type Äpfel struct {
	Sorte string
	π     float64
}

func (a Äpfel) Zählen() int { return len(a.Sorte) }

type π struct{ 日本 int }

// NewRunner returns a Runner of this package's for the main package's
// package variables.
func NewRunner() Runner { return Job{N: 1} }

// Pi returns a value of the unexported type π.
func Pi() any { return π{日本: 3} }

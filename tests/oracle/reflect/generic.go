package main

import (
	"fmt"

	innards "gotypedb.test/reflect/inner"
)

// Box is generic with methods on the value and the pointer.
type Box[T any] struct {
	V    T
	seen bool
}

func (b Box[T]) Get() T         { return b.V }
func (b *Box[T]) Set(v T)       { b.V = v; b.seen = true }
func (b Box[T]) String() string { return fmt.Sprint(b.V) }

// Num is a constraint with a type set.
type Num interface {
	~int | ~int64 | ~float64
}

// Sum is generic over a constrained type parameter.
type Sum[N Num] struct{ Terms []N }

func (s Sum[N]) Total() N {
	var t N
	for _, x := range s.Terms {
		t += x
	}
	return t
}

// Graph is generic over a comparable key and refers to itself.
type Graph[K comparable] struct {
	Edges map[K][]K
	Sub   *Graph[K]
}

// genericValues: instances over the program's types, the other
// package's, unnamed types, and instances nested in instances.
func genericValues() []any {
	return []any{
		Box[int]{},
		Box[Point]{},
		&Box[*Tagged]{},
		Box[innards.Thing]{},
		Box[[]map[string]chan<- int]{},
		Box[struct{ A, b int }]{},
		Box[func(Celsius) error]{},
		Box[Box[innards.Äpfel]]{},
		Box[innards.List[Box[Key]]]{},
		innards.List[Point]{},
		innards.List[*innards.Thing]{},
		innards.Pair[Key, []Celsius]{},
		innards.Pair[string, innards.Pair[int, Walker]]{},
		Sum[Celsius]{},
		Sum[int64]{},
		Graph[string]{},
		Graph[Key]{},
	}
}

// localGeneric instantiates generic types with a function-local type.
func localGeneric() (any, any) {
	type T struct{ Local int }
	return Box[T]{}, innards.Pair[T, *T]{}
}

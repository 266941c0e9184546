package main

import (
	"reflect"

	innards "gotypedb.test/reflect/inner"
)

// roots: the types the walk starts from.  A binary's tables reach a
// named type only through another descriptor (a field, an element, a
// parameter, an itab), never from code: gotypedb enumerates what its
// typelinks and itabs reach, so a named type that only code refers to is
// held here through an unnamed one ([]DeepPointers is typelinked).
func roots(tabs []itab) []reflect.Type {
	vals := []any{
		0, Anchor{}, &Anchor{}, Celsius(0), Point{}, &Point{}, Tagged{}, &Tagged{},
		walker{}, &walker{}, Channels{}, Maps{}, Funcs{}, Basics{}, lowerCase{}, &lowerCase{},
		Tree{}, myErr{}, T{}, localA(), localB(), localMethods(),
		(*Walker)(nil), (*AnchorI)(nil), Wide{}, (*Wide)(nil), []DeepPointers(nil), []DeepMixed(nil),
		innards.Pi(), innards.Äpfel{}, innards.Job{}, &innards.Thing{},
		[2][3]Celsius{}, []Point{}, map[Key][2]string{}, (func(...Key))(nil),
		struct{}{}, [0]int{}, struct {
			*Point
			lowerCase
		}{},
	}
	vals = append(vals, genericValues()...)
	vals = append(vals, makeClosures()...)
	a, b := localGeneric()
	vals = append(vals, a, b)
	var out []reflect.Type
	for _, v := range vals {
		out = append(out, reflect.TypeOf(v))
	}
	for _, it := range tabs {
		out = append(out, it.inter, it.typ)
	}
	return out
}

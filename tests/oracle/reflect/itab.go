package main

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"unsafe"

	innards "gotypedb.test/reflect/inner"
)

// Totaler is a generic interface.
type Totaler[N Num] interface{ Total() N }

// Non-empty interface values in package variables, each converted from a
// concrete type where the compiler sees both types, so that its itab is
// one the linker wrote into the binary (an assertion at run time may make
// an itab on the heap, which is not in the binary).
var (
	ifAnchor   AnchorI                 = &Anchor{n: 1} // first: its Fun[0] is checked
	ifStringer fmt.Stringer            = Celsius(21)
	ifPointer  fmt.Stringer            = &Point{} // a value method through a pointer: a wrapper
	ifWalker   Walker                  = &walker{}
	ifRunner   innards.Runner          = innards.NewRunner()
	ifError    error                   = myErr{"x"}
	ifBox      fmt.Stringer            = Box[Key]{}
	ifBoxPtr   fmt.Stringer            = &Box[innards.Thing]{}
	ifTotal    Totaler[Celsius]        = Sum[Celsius]{}
	ifUnnamed  interface{ Mark() int } = &Anchor{}
	ifReader   io.Reader               = strings.NewReader("")
)

var itabVars = []any{&ifAnchor, &ifStringer, &ifPointer, &ifWalker, &ifRunner, &ifError, &errSentinel,
	&ifBox, &ifBoxPtr, &ifTotal, &ifUnnamed, &ifReader}

// itab is what the program reads of one: runtime.itab (abi.ITab since
// go1.23) is {Inter, Type *_type; Hash uint32; [pad]; Fun [n]uintptr}.
type itab struct {
	addr, fun0 uintptr
	inter, typ reflect.Type
}

const ptrSize = unsafe.Sizeof(uintptr(0))

// itabFunOffset: Fun follows Hash and its padding (itabHashBytes: a
// uint32, and until go1.22 an explicit [4]byte), aligned to a pointer.
const itabFunOffset = (2*ptrSize + itabHashBytes + ptrSize - 1) &^ (ptrSize - 1)

func word(p unsafe.Pointer, off uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(p, off))
}

// readItabs reads the itab of each of itabVars: the first word of a
// non-empty interface value.  Its Inter and Type must be the descriptors
// reflect names for the variable's type and its dynamic type, or the
// layout above is wrong.
func readItabs() ([]itab, error) {
	var out []itab
	for _, v := range itabVars {
		iv := reflect.ValueOf(v).Elem()
		tab := word(iv.Addr().UnsafePointer(), 0)
		inter, typ := uintptr(word(tab, 0)), uintptr(word(tab, ptrSize))
		it := itab{addr: uintptr(tab), inter: iv.Type(), typ: iv.Elem().Type(),
			fun0: uintptr(word(tab, itabFunOffset))}
		if inter != descriptor(it.inter) || typ != descriptor(it.typ) {
			return nil, fmt.Errorf("itab of %s holding %s at %#x: Inter %#x, Type %#x; reflect says %#x, %#x",
				it.inter, it.typ, it.addr, inter, typ, descriptor(it.inter), descriptor(it.typ))
		}
		if it.fun0 == 0 {
			return nil, fmt.Errorf("itab of %s holding %s: Fun[0] is 0", it.inter, it.typ)
		}
		out = append(out, it)
	}
	return out, nil
}

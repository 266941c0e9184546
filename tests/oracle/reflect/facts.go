package main

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"unsafe"
)

// innerPath is the package path of the program's second package.
const innerPath = "gotypedb.test/reflect/inner"

// facts walks the reflect graph from the roots and writes one row per
// fact (the format is in main.go's comment).  Every descriptor address is
// written relative to int's descriptor and every code address relative to
// the anchor's, so that the rows are the same wherever the loader put the
// module (PIE, c-shared, ASLR).
type facts struct {
	w     *bufio.Writer
	base  uintptr // int's descriptor
	code  uintptr // the code of (*Anchor).Mark
	seen  map[uintptr]bool
	order []reflect.Type
	own   map[uintptr]bool
}

// descriptor is the address of the type descriptor behind t: a
// reflect.Type holds a *rtype (*abi.Type) in its data word.
func descriptor(t reflect.Type) uintptr {
	return uintptr((*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1])
}

func (f *facts) rel(p uintptr) string {
	return strconv.FormatInt(int64(p)-int64(f.base), 10)
}

func (f *facts) codeRel(p uintptr) string {
	return strconv.FormatInt(int64(p)-int64(f.code), 10)
}

// esc keeps every value on one line and in one field.
var esc = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace

func (f *facts) row(view string, cols ...string) {
	f.w.WriteString(view)
	for _, c := range cols {
		f.w.WriteByte('\t')
		f.w.WriteString(esc(c))
	}
	f.w.WriteByte('\n')
}

// writeFacts is what the executable's main and the c-shared library's
// exported function both do.
func writeFacts(out io.Writer) error {
	anchor := reflect.TypeOf(&Anchor{})
	f := &facts{
		w:    bufio.NewWriter(out),
		base: descriptor(reflect.TypeOf(0)),
		code: anchor.Method(0).Func.Pointer(),
		seen: map[uintptr]bool{},
		own:  map[uintptr]bool{},
	}
	tabs, err := readItabs()
	if err != nil {
		return err
	}
	// the anchor's itab holds (*Anchor).Mark itself: if its Fun[0] is not
	// that code, itabFunOffset is wrong for this release
	if tabs[0].fun0 != f.code {
		return fmt.Errorf("itab of %s holding %s: Fun[0] at offset %d is %#x, not (*Anchor).Mark's code %#x",
			tabs[0].inter, tabs[0].typ, itabFunOffset, tabs[0].fun0, f.code)
	}
	f.row("module", buildMode, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	f.row("anchor", f.rel(descriptor(anchor)))
	for _, t := range roots(tabs) {
		f.visit(t)
	}
	for i := 0; i < len(f.order); i++ {
		if err := f.describe(f.order[i]); err != nil {
			return err
		}
	}
	for _, it := range tabs {
		f.row("ritab", f.rel(it.addr), it.inter.String(), it.typ.String(), f.codeRel(it.fun0))
	}
	for _, t := range f.order {
		if f.isOwn(t) {
			f.row("own", f.rel(descriptor(t)))
		}
	}
	return f.w.Flush()
}

// visit queues t once; describe then queues what t refers to, so the
// walk is breadth-first and never recursive, whatever the depth.
func (f *facts) visit(t reflect.Type) {
	if a := descriptor(t); !f.seen[a] {
		f.seen[a] = true
		f.order = append(f.order, t)
	}
}

func (f *facts) describe(t reflect.Type) error {
	f.row("rtype", f.rel(descriptor(t)), t.Kind().String(), t.String(),
		strconv.FormatUint(uint64(t.Size()), 10), strconv.Itoa(t.Align()), t.PkgPath(), t.Name())
	if t.Kind() == reflect.Interface {
		return f.interfaceMethods(t)
	}
	if t.Kind() == reflect.Struct {
		f.fields(t)
	}
	if err := f.methods(t); err != nil {
		return err
	}
	for _, e := range elems(t) {
		f.visit(e)
	}
	return nil
}

// elems: the types a descriptor points at, other than its methods' (never
// reflect.PtrTo, SliceOf, ...: they may make descriptors that are not in
// the binary).
func elems(t reflect.Type) []reflect.Type {
	var out []reflect.Type
	switch t.Kind() {
	case reflect.Array, reflect.Chan, reflect.Pointer, reflect.Slice:
		out = append(out, t.Elem())
	case reflect.Map:
		out = append(out, t.Key(), t.Elem())
	case reflect.Func:
		for i := 0; i < t.NumIn(); i++ {
			out = append(out, t.In(i))
		}
		for i := 0; i < t.NumOut(); i++ {
			out = append(out, t.Out(i))
		}
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			out = append(out, t.Field(i).Type)
		}
	}
	return out
}

func (f *facts) fields(t reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		fd := t.Field(i)
		f.row("rfield", f.rel(descriptor(t)), strconv.Itoa(i), fd.Name, fd.Type.String(),
			strconv.FormatUint(uint64(fd.Offset), 10), string(fd.Tag), flag(fd.Anonymous))
	}
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// methodType is the descriptor of method i of the non-interface type t
// without its receiver, as the binary holds it (Method.Mtyp): a method
// value's Type.  (Type.Method(i).Type is made by reflect.FuncOf, with the
// receiver first, and need not be in the binary.)  nil where the linker
// dropped it.
func methodType(t reflect.Type, i int) reflect.Type {
	mt := reflect.Zero(t).Method(i).Type()
	if descriptor(mt) == 0 {
		return nil
	}
	return mt
}

// methods: the exported methods of a non-interface type (reflect sees no
// others), in reflect's order, which is the binary's (exported first).
// Only the code address of Type.Method(i) is used, not its Type.
func (f *facts) methods(t reflect.Type) error {
	for i := 0; i < t.NumMethod(); i++ {
		mt := methodType(t, i)
		if mt == nil {
			return fmt.Errorf("%s: method %d: the linker dropped its type, reflect cannot say its code address", t, i)
		}
		m := t.Method(i)
		f.row("rmethod", f.rel(descriptor(t)), strconv.Itoa(i), m.Name, m.PkgPath, mt.String(),
			f.codeRel(m.Func.Pointer()))
		f.visit(mt)
	}
	return nil
}

// interfaceMethods: all methods of an interface type, unexported ones
// included (Type.Method(i) of an interface is the descriptor's own).
func (f *facts) interfaceMethods(t reflect.Type) error {
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if m.Type == nil || descriptor(m.Type) == 0 {
			return fmt.Errorf("%s: interface method %d (%s) has no type", t, i, m.Name)
		}
		f.row("rimethod", f.rel(descriptor(t)), strconv.Itoa(i), m.Name, m.PkgPath,
			f.rel(descriptor(m.Type)), m.Type.String())
		f.visit(m.Type)
	}
	return nil
}

// isOwn: whether t is one of the program's own types, which are the same
// on every GOOS: a named type of package main or of innards, a predeclared
// type, or an unnamed type made only of own types.
func (f *facts) isOwn(t reflect.Type) bool {
	a := descriptor(t)
	if v, ok := f.own[a]; ok {
		return v
	}
	v := true
	if t.Name() != "" {
		p := t.PkgPath()
		v = p == "" || p == "main" || p == innerPath
	} else {
		for _, e := range append(elems(t), methodTypes(t)...) {
			// an unnamed type cannot contain itself but through a
			// named one, so this recursion ends
			v = v && f.isOwn(e)
		}
	}
	f.own[a] = v
	return v
}

func methodTypes(t reflect.Type) []reflect.Type {
	var out []reflect.Type
	for i := 0; i < t.NumMethod(); i++ {
		if t.Kind() == reflect.Interface {
			out = append(out, t.Method(i).Type)
		} else if mt := methodType(t, i); mt != nil {
			out = append(out, mt)
		}
	}
	return out
}

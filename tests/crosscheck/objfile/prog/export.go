//go:build cgo

package main

import "C"

// Total is what a C host calls of the c-shared builds.
//
//export Total
func Total() C.double {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return C.double(t)
}

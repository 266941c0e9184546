//go:build !go1.23

package main

// Until go1.22 runtime.itab had `hash uint32; _ [4]byte` before fun.
const itabHashBytes = 8

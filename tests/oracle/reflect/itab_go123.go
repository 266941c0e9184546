//go:build go1.23

package main

// Since go1.23 the itab is internal/abi.ITab: Hash is followed by Fun.
const itabHashBytes = 4

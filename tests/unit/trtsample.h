/* Types the runtime-decoder tests and the crafted binaries of the bad-input
 * tests share, written with testrt.h: a small program's descriptors of
 * every kind, and descriptor graphs only a corrupt or crafted file holds. */
#ifndef GOTYPEDB_TRTSAMPLE_H
#define GOTYPEDB_TRTSAMPLE_H

#include <stdint.h>

#include "testrt.h"

/* The descriptors of
 *	package main
 *	type E struct{}
 *	type T struct { A int; b string `LONGTAG`; E }
 *	func (T) M(); func (T) m2()     // m2 dropped by the linker
 *	type I interface{ M() }
 *	type M map[string]int; func (M) Len()
 * and the unnamed types a program of them links: *T, []int, [4]int,
 * chan<- int, func(), func(int, ...string) bool, []string, map[string]int
 * (with its bucket or group type), []M, and the itab of (I, T). */
struct trt_sample {
	uint32_t Int, String, Bool, E, T, I, M;
	uint32_t pT, slice, array, chan, fnM, fn, sstr, map, sM, group;
	int32_t n_A, n_b, n_E, n_M, n_m2, n_Len, n_main;
	uint64_t itab;
	char tag[320];
};

/* Writes the sample into b. */
void trt_write_sample(struct trt *b, struct trt_sample *s);

/* S = struct{ f *S } and P = *P, cycles no named type closes; and
 * *...*int, depth pointers deep.  Each returns the offset of the
 * descriptor to typelink. */
uint32_t trt_struct_in_itself(struct trt *b);
uint32_t trt_pointer_to_itself(struct trt *b);
uint32_t trt_deep_pointers(struct trt *b, unsigned depth);
/* The struct a go1.16 compiler makes for the buckets of a
 * map[string]int: unnamed, "map.bucket[string]int", whose overflow field
 * points at itself, a cycle no named type closes that is no corruption. */
uint32_t trt_map_bucket(struct trt *b);

#endif

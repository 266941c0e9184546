/* A Go binary's runtime type tables written by hand for the tests: names,
 * type descriptors, typelinks, itabs, moduledata, the pclntab's header and
 * the build info, as the Go linker of a release lays them out, in a small
 * ELF executable (testelf.h) of either pointer size and byte order.
 *
 * Every layout is written here from Go's own source of each release
 * (runtime/symtab.go's moduledata, internal/abi/type.go, map*.go,
 * iface.go, debug/buildinfo), never from src/rtype: a wrong entry in the
 * decoder's tables then misreads a binary written from these. */
#ifndef GOTYPEDB_TESTRT_H
#define GOTYPEDB_TESTRT_H

#include <stdint.h>

#include "testlib.h"

/* Where the sections are loaded. */
enum {
	TRT_TEXT = 0x401000,
	TRT_ETEXT = 0x401100,
	TRT_NAMES = 0x480000,     /* 1.27: .rodata, the names (before types) */
	TRT_TYPES = 0x500000,     /* .rodata through 1.26, .go.type in 1.27 */
	TRT_PCLNTAB = 0x600000,
	TRT_TYPELINK = 0x640000,
	TRT_ITABLINK = 0x650000,
	TRT_BUILDINFO = 0x700000,
	TRT_MODULE = 0x710000,    /* moduledata: .noptrdata, .go.module from 1.26 */
};

/* reflect's kinds, abi.Name's flags and abi.TFlag's bits. */
enum { TK_BOOL = 1, TK_INT = 2, TK_UINT8 = 8, TK_ARRAY = 17, TK_CHAN, TK_FUNC, TK_INTERFACE, TK_MAP,
       TK_PTR, TK_SLICE, TK_STRING, TK_STRUCT, TK_UNSAFE_POINTER };
enum { TN_EXPORTED = 1, TN_TAG = 2, TN_PKGPATH = 4, TN_EMBEDDED = 8 };
enum { TF_UNCOMMON = 1, TF_EXTRA_STAR = 2, TF_NAMED = 4 };

struct trt_field {
	int32_t name;           /* NameOff, written as a Name pointer */
	uint32_t type;          /* descriptor offset, written as a pointer */
	uint64_t offset;
	int embedded;           /* before 1.19: offsetEmbed's low bit (else the name's flag) */
};
struct trt_imethod {
	int32_t name, type;     /* NameOff, TypeOff */
};
struct trt_method {
	int32_t name, mtyp, ifn, tfn;
};

/* A descriptor.  Offsets of other descriptors are from types and written
 * as the pointers the kind holds; 0 writes a nil pointer. */
struct trt_desc {
	uint8_t kind, tflag;    /* TF_UNCOMMON is added when uncommon is set */
	uint64_t size, ptrdata;
	uint32_t hash;
	uint8_t align, fieldalign;
	int32_t str, ptrtothis; /* NameOff, TypeOff */
	uint32_t elem, key, slice, group;
	uint64_t len, dir;
	uint16_t in, out;       /* func: InCount, OutCount (without the variadic bit) */
	int variadic;
	const uint32_t *params; /* in + out descriptors */
	int32_t pkgpath;        /* struct, interface: PkgPath, a Name pointer (0: nil) */
	const struct trt_field *fields;
	uint32_t nfields;
	const struct trt_imethod *imethods;
	uint32_t nimethods;
	int uncommon;
	int32_t upkgpath;       /* the uncommon type's PkgPath NameOff */
	const struct trt_method *methods;
	uint16_t mcount, xcount;
};

#define TRT_MAX_SET 8

struct trt {
	unsigned minor, w;
	int be;
	int swiss;              /* 1.24-1.25: swiss maps (else GOEXPERIMENT=noswissmap) */
	struct tbuf names;      /* 1.27: at TRT_NAMES; before, names are in types */
	struct tbuf types;      /* at TRT_TYPES */
	struct tbuf typelinks;  /* through 1.26: int32 offsets */
	struct tbuf itablinks;  /* through 1.26: pointers */
	uint64_t typedesclen, itaboffset;
	int in_itabs;           /* 1.27: itabs begun */
	/* What trt_binary writes, set by the test before. */
	char version[32];       /* "go1.21.1"; "": no build info */
	const char *modinfo;    /* the module text; NULL: none */
	int symbol;             /* runtime.firstmoduledata in a symbol table */
	const char *md_section; /* the section moduledata lies in */
	int no_moduledata;      /* moduledata's words all zero */
	int no_pclntab;         /* no .gopclntab section */
	struct { const char *field; uint64_t value; } set[TRT_MAX_SET];
	unsigned nset;
};

/* A binary of Go 1.minor (0 writes no moduledata layout's words: use with
 * no_moduledata), w-byte pointers, byte order be. */
void trt_init(struct trt *b, unsigned minor, unsigned w, int be);
void trt_free(struct trt *b);

/* An abi.Name; its NameOff.  flags as written (TN_TAG: tag follows;
 * TN_PKGPATH: pkgpath, a NameOff, follows). */
int32_t trt_name(struct trt *b, uint8_t flags, const char *name, const char *tag, int32_t pkgpath);

/* A descriptor (aligned to a pointer); its offset.  trt_reserve takes its
 * room and trt_fill writes it, for types that refer to each other. */
uint32_t trt_type(struct trt *b, const struct trt_desc *d);
uint32_t trt_reserve(struct trt *b, const struct trt_desc *d);
void trt_fill(struct trt *b, uint32_t off, const struct trt_desc *d);
/* The common header's bytes, and the kind's own (header included). */
unsigned trt_header_size(const struct trt *b);
unsigned trt_kind_size(const struct trt *b, uint8_t kind);

/* The descriptor at off typelinked: a typelinks entry through 1.26; in
 * 1.27 the typelinked descriptors are the first ones written, and
 * trt_typelinks_end marks where they end (typedesclen). */
void trt_typelink(struct trt *b, uint32_t off);
void trt_typelinks_end(struct trt *b);
/* An itab of inter and type with nfun Fun words (the first fun0, the
 * others 0); its address. */
uint64_t trt_itab(struct trt *b, uint32_t inter, uint32_t type, uint32_t hash, unsigned nfun,
		  uint64_t fun0);

/* A word, uint32 or uint16 at off of the types region, in its order. */
void trt_put(struct trt *b, uint32_t off, unsigned n, uint64_t v);

/* Sets a moduledata field (by its name in runtime/symtab.go; a slice's
 * words are FIELD, FIELD.len, FIELD.cap) after the defaults. */
void trt_md_set(struct trt *b, const char *field, uint64_t value);
/* The word index of a moduledata field in this release; -1: none. */
int trt_md_word(const struct trt *b, const char *field);

/* The ELF file. */
void trt_binary(const struct trt *b, struct tbuf *out);

#endif

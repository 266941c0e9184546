/* Helpers for the unit tests: a byte-buffer writer and a pkgbits unit
 * builder that encodes exactly as Go's internal/pkgbits Encoder does, so
 * tests can state hand-written vectors at the level of the format. */
#ifndef GOTYPEDB_TESTLIB_H
#define GOTYPEDB_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

struct tbuf {
	uint8_t *p;
	size_t n, cap;
};

void tb_bytes(struct tbuf *b, const void *p, size_t n);
void tb_str(struct tbuf *b, const char *s);
void tb_u8(struct tbuf *b, uint8_t v);
void tb_u32le(struct tbuf *b, uint32_t v);
void tb_uvarint(struct tbuf *b, uint64_t v);
void tb_free(struct tbuf *b);

/* One element being written: its reference table and its payload. */
#define T_MAX_RELOCS 64
struct telem {
	int sync;          /* write sync markers (copied from the unit) */
	unsigned nrelocs;
	unsigned reloc_section[T_MAX_RELOCS], reloc_idx[T_MAX_RELOCS];
	struct tbuf data;  /* payload after the reference table */
};

void te_sync(struct telem *e, unsigned marker);
void te_bool(struct telem *e, int v);
void te_uint64(struct telem *e, uint64_t v);
void te_len(struct telem *e, uint64_t v);
void te_int64(struct telem *e, int64_t v);
/* Reloc(section, idx): adds (or reuses) a table entry and writes its use. */
void te_reloc(struct telem *e, unsigned section, unsigned idx);
void te_string(struct telem *e, unsigned string_idx);
void te_code(struct telem *e, unsigned marker, uint64_t v);

#define T_MAX_ELEMS 64
struct tunit {
	unsigned version;
	uint32_t flags;
	int sync;
	int sha256;                     /* fingerprint hash: SHA-256, else MD5 */
	unsigned nelems[10];
	struct tbuf strings[T_MAX_ELEMS];   /* section 0: raw bytes */
	struct telem elems[10][T_MAX_ELEMS];
};

void tu_init(struct tunit *u, unsigned version, int sync);
/* Appends a string element; returns its index. */
unsigned tu_string(struct tunit *u, const char *s);
/* Appends an element of section (not String) and returns it; tu_blob
 * writes its reference table and element marker before its payload. */
struct telem *tu_elem(struct tunit *u, unsigned section, unsigned *idx);
/* Serialises the blob: header, element ends, data, fingerprint. */
void tu_blob(const struct tunit *u, struct tbuf *out);
void tu_free(struct tunit *u);

/* A minimal "package p" unit (see testlib.c), written as Go would. */
void tu_package_p(struct tunit *u, unsigned version, int sync);
/* The same wrapped as a __.PKGDEF member and ar archive. */
void t_archive(const struct tbuf *blob, const char *goversion, struct tbuf *out);

/* Reads a file into *b; 0 on success. */
int t_read_file(const char *path, struct tbuf *b);

#endif

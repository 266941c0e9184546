/* mutate_bin: damaged copies of a Go binary for the bad-input tests
 * (tests/badinput/binaries.sh).
 *
 *   mutate_bin IN OUTDIR SEED NFLIPS
 *
 * IN must decode (it is decoded first, to find where its tables lie).
 * Writes into OUTDIR, each file named by what was done:
 *   cut-N          IN truncated to N bytes: at every section's first and
 *                  last byte in the file, and in the headers;
 *   md-FIELD       moduledata's FIELD set to what it cannot hold (a types
 *                  region that is none, tables longer than any section, a
 *                  pcHeader, text or hasmain no linker writes);
 *   str-, ptrtothis-, mname-, mtyp-OFF   the descriptor at OFF with its
 *                  Str, PtrToThis, or a method's Name or Mtyp pointed
 *                  outside the types region;
 *   kind-, elem-OFF   its kind made 0, its Elem pointer outside the region;
 *   count-, icount-OFF   its struct fields' or interface methods' count
 *                  made larger than any section;
 *   tl-, il-N      typelink N unaligned, itablink N outside;
 *   cycle-OFF      an unnamed pointer's Elem, or an unnamed struct's first
 *                  field, pointed at the descriptor itself;
 *   flip-B         bit B flipped, NFLIPS of them, drawn among the bytes the
 *                  decoder reads (build info, moduledata, the tables,
 *                  descriptors) and, one in eight, anywhere in the file.
 * Every copy but flip-* must be refused: an error naming where, or a
 * counted skip or rejection.  Pointers are only changed where the file
 * holds them as they read (no dynamic relocation over them).  The random
 * choices come from SEED (xorshift), so a failure reproduces.
 *
 *   mutate_bin --shrink IN OUT
 *
 * OUT: IN, an ELF executable, with only what the runtime decoder reads:
 * its loaded sections but the code, the pclntab cut to its header, the
 * symbols runtime.firstmoduledata and runtime.buildVersion; a real
 * binary's tables in a few hundred KiB, a seed for the fuzz target. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "../unit/testelf.h"
#include "../unit/testrt.h"

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* The file at path, whole (testlib's reader), or the program ends. */
static uint8_t *read_all(const char *path, size_t *n)
{
	struct tbuf b;

	if (t_read_file(path, &b)) {
		perror(path);
		exit(1);
	}
	*n = b.n;
	return b.p;
}

static void write_path(const char *path, const uint8_t *p, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* ---- what the original holds: its module and descriptors -------------- */

struct desc {
	uint32_t off;
	uint8_t kind, tflag;
	int uncommon;
	uint32_t moff, mcount;
};

struct found {
	int has_version;        /* the binary names its Go release */
	struct gtd_module_rec mod;
	char layout[16];
	struct desc *d;
	size_t nd, capd;
};

static int on_module(void *ctx, const struct gtd_module_rec *m)
{
	struct found *fd = ctx;

	fd->mod = *m;
	snprintf(fd->layout, sizeof fd->layout, "%s", m->layout);
	return 0;
}

static int on_binary(void *ctx, const struct gtd_binary_rec *b)
{
	((struct found *)ctx)->has_version = b->go_version.n > 0;
	return 0;
}

static int on_rtype(void *ctx, const struct gtd_rtype_rec *t)
{
	struct found *fd = ctx;

	if (fd->nd == fd->capd) {
		fd->capd = fd->capd ? 2 * fd->capd : 1024;
		if (!(fd->d = realloc(fd->d, fd->capd * sizeof *fd->d)))
			abort();
	}
	fd->d[fd->nd++] = (struct desc){ t->off, t->kind, t->tflag, t->uncommon_pkgpath_off != GTD_RT_NONE,
					 t->moff, t->mcount };
	return 0;
}

#define NOOP(name, T) static int name(void *ctx, const T *r) { (void)ctx; (void)r; return 0; }
NOOP(no_shape, struct gtd_shape_rec)
NOOP(no_rname, struct gtd_rname_rec)
NOOP(no_rmethod, struct gtd_rmethod_rec)
NOOP(no_rfield, struct gtd_rfield_rec)
NOOP(no_rimethod, struct gtd_rimethod_rec)
NOOP(no_rparam, struct gtd_rparam_rec)
NOOP(no_itab, struct gtd_itab_rec)
NOOP(no_typelink, struct gtd_typelink_rec)

static void decode(const struct gtd_objfile *f, struct found *fd, const char *path)
{
	struct gtd_sink sink = {
		.ctx = fd, .shape = no_shape, .binary = on_binary, .module = on_module, .rtype = on_rtype,
		.rname = no_rname, .rmethod = no_rmethod, .rfield = no_rfield, .rimethod = no_rimethod,
		.rparam = no_rparam, .itab = no_itab, .typelink = no_typelink,
	};
	struct gtd_error err;
	int not_go;

	memset(fd, 0, sizeof *fd);
	if (gtd_rtype_decode(f, &sink, &not_go, &err) || not_go) {
		fprintf(stderr, "mutate_bin: %s: does not decode: %s\n", path, not_go ? "no Go binary" : err.msg);
		exit(1);
	}
}

/* ---- damaged copies ----------------------------------------------------- */

struct bin {
	const char *outdir;
	uint8_t *p;
	size_t n;
	const struct gtd_objfile *f;
	unsigned w;
	int be;
	struct found fd;
	struct trt md;          /* for its layout's field words (testrt.h) */
	unsigned written;
};

struct edit {
	uint64_t addr;
	unsigned n;
	uint64_t v;
};

/* The file offset of [addr, addr+n) within one section's file bytes; -1:
 * none. */
static int64_t file_off(const struct bin *b, uint64_t addr, unsigned n)
{
	const struct gtd_obj_section *s = gtd_objfile_section_at(b->f, addr);

	if (!s || addr - s->addr > s->file_size || n > s->file_size - (addr - s->addr))
		return -1;
	return (int64_t)(s->offset + (addr - s->addr));
}

/* Does a dynamic relocation write over [addr, addr+n)?  Then the file's
 * bytes there are not what is read. */
static int relocated(const struct bin *b, uint64_t addr, unsigned n)
{
	size_t lo = 0, hi = gtd_objfile_nrelocs(b->f);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (gtd_objfile_reloc(b->f, mid)->addr + b->w <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < gtd_objfile_nrelocs(b->f) && gtd_objfile_reloc(b->f, lo)->addr < addr + n;
}

static void put_at(struct bin *b, size_t off, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		b->p[off + (b->be ? n - 1 - i : i)] = (uint8_t)(v >> (8 * i));
}

static void write_copy(struct bin *b, const char *name)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", b->outdir, name);
	write_path(path, b->p, b->n);
	b->written++;
}

/* A copy with the edits made, called name; nothing if one cannot be made
 * (outside the file's bytes, or relocated). */
static void edited(struct bin *b, const char *name, const struct edit *e, unsigned ne)
{
	uint8_t save[4][8];
	int64_t off[4];

	for (unsigned i = 0; i < ne; i++)
		if ((off[i] = file_off(b, e[i].addr, e[i].n)) < 0 || relocated(b, e[i].addr, e[i].n))
			return;
	for (unsigned i = 0; i < ne; i++) {
		memcpy(save[i], b->p + off[i], e[i].n);
		put_at(b, (size_t)off[i], e[i].n, e[i].v);
	}
	write_copy(b, name);
	for (unsigned i = ne; i-- > 0;)
		memcpy(b->p + off[i], save[i], e[i].n);
}

static void edit1(struct bin *b, const char *name, uint64_t addr, unsigned n, uint64_t v)
{
	struct edit e = { addr, n, v };

	edited(b, name, &e, 1);
}

/* A word of the file as it is read (relocated). */
static uint64_t word_at(const struct bin *b, uint64_t addr)
{
	struct gtd_error err;
	uint64_t v = 0;

	return gtd_objfile_ptr(b->f, addr, &v, &err) ? 0 : v;
}

static uint64_t huge(const struct bin *b)
{
	return b->w == 8 ? (uint64_t)1 << 40 : 0x7ffffff0;
}

/* ---- truncations ---- */

static int by_value(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, c = *(const uint64_t *)y;

	return a < c ? -1 : a > c;
}

/* An unsigned field of n bytes at off of the ELF file in its byte order. */
static uint64_t elf_field(const uint8_t *p, size_t off, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[off + (p[5] == 2 ? n - 1 - i : i)] << (8 * i);
	return v;
}

/* The end of what the file's format covers: its sections' bytes and its
 * header tables.  The linker may pad the file past it (go1.19 ends an
 * executable on a page): a cut there takes nothing, and is no damage. */
static uint64_t content_end(struct bin *b)
{
	const uint8_t *p = b->p;
	int is64 = p[4] == 2;
	uint64_t end = is64 ? 64 : 52, e;

	for (size_t i = 0; i < gtd_objfile_nsections(b->f); i++) {
		const struct gtd_obj_section *s = gtd_objfile_section(b->f, i);

		if (s->file_size && (e = s->offset + s->file_size) > end)
			end = e;
	}
	e = elf_field(p, is64 ? 40 : 32, is64 ? 8 : 4) +
	    elf_field(p, is64 ? 60 : 48, 2) * elf_field(p, is64 ? 58 : 46, 2);
	if (e > end)
		end = e;
	e = elf_field(p, is64 ? 32 : 28, is64 ? 8 : 4) +
	    elf_field(p, is64 ? 56 : 44, 2) * elf_field(p, is64 ? 54 : 42, 2);
	return e > end ? e : end;
}

static void cuts(struct bin *b)
{
	size_t ns = gtd_objfile_nsections(b->f), n = 0;
	uint64_t *at = malloc((2 * ns + 4) * sizeof *at);
	uint8_t *whole = b->p;
	size_t len = b->n;
	uint64_t end = content_end(b);

	if (!at)
		abort();
	at[n++] = 4;
	at[n++] = 16;
	at[n++] = 64;
	at[n++] = 256;
	for (size_t i = 0; i < ns; i++) {
		const struct gtd_obj_section *s = gtd_objfile_section(b->f, i);

		if (s->file_size) {
			at[n++] = s->offset;
			at[n++] = s->offset + s->file_size;
		}
	}
	qsort(at, n, sizeof *at, by_value);
	for (size_t i = 0; i < n; i++) {
		char name[64];

		if ((i && at[i] == at[i - 1]) || at[i] >= len || at[i] >= end)
			continue;
		snprintf(name, sizeof name, "cut-%llu", (unsigned long long)at[i]);
		b->n = (size_t)at[i];
		write_copy(b, name);
	}
	b->p = whole;
	b->n = len;
	free(at);
}

/* ---- moduledata ---- */

static uint64_t md_addr(const struct bin *b, const char *field)
{
	int word = trt_md_word(&b->md, field);

	return word < 0 ? 0 : b->fd.mod.addr + (uint64_t)word * b->w;
}

static void md_edit(struct bin *b, const char *field, uint64_t v)
{
	char name[64];

	if (!md_addr(b, field))
		return;
	snprintf(name, sizeof name, "md-%s", field);
	edit1(b, name, md_addr(b, field), b->w, v);
}

static void md_table_huge(struct bin *b, const char *table)
{
	char len[32], cap[32], name[64];
	struct edit e[2];

	snprintf(len, sizeof len, "%s.len", table);
	snprintf(cap, sizeof cap, "%s.cap", table);
	snprintf(name, sizeof name, "md-%s-huge", table);
	if (!md_addr(b, len))
		return;
	e[0] = (struct edit){ md_addr(b, len), b->w, huge(b) };
	e[1] = (struct edit){ md_addr(b, cap), b->w, huge(b) };
	edited(b, name, e, 2);
}

static void moduledata(struct bin *b)
{
	const struct gtd_module_rec *m = &b->fd.mod;
	uint64_t region = m->etypes - m->types;

	md_edit(b, "types", m->etypes);
	md_edit(b, "etypes", m->types - b->w);
	md_edit(b, "pcHeader", 0);
	md_edit(b, "text", m->etext + 1);
	md_table_huge(b, "typelinks");
	md_table_huge(b, "itablinks");
	if (md_addr(b, "typelinks.cap"))
		md_edit(b, "typelinks.cap", word_at(b, md_addr(b, "typelinks.len")) + 1);
	md_edit(b, "typedesclen", region + 1);
	md_edit(b, "itaboffset", region + b->w);
	md_edit(b, "itabsize", region + 1);
	/* (without a release, other layouts are tried, and one whose hasmain
	 * lies elsewhere may fit: 1.20's in 1.21's modulehashes) */
	if (b->fd.has_version)
		edit1(b, "md-hasmain", md_addr(b, "hasmain"), 1, 7);
}

/* ---- descriptors ---- */

enum { K_ARRAY = 17, K_CHAN, K_FUNC, K_INTERFACE, K_MAP, K_PTR, K_SLICE, K_STRING, K_STRUCT };

static unsigned header(const struct bin *b)
{
	return 4 * b->w + 16;
}

/* The kind's own bytes (header included), but for maps, whose layout
 * depends on the release (0). */
static unsigned kind_size(const struct bin *b, unsigned kind)
{
	switch (kind) {
	case K_ARRAY: return header(b) + 3 * b->w;
	case K_CHAN: return header(b) + 2 * b->w;
	case K_FUNC: return header(b) + b->w;
	case K_INTERFACE:
	case K_STRUCT: return header(b) + 4 * b->w;
	case K_MAP: return 0;
	case K_PTR:
	case K_SLICE: return header(b) + b->w;
	default: return header(b);
	}
}

static uint64_t daddr(const struct bin *b, const struct desc *d)
{
	return b->fd.mod.types + d->off;
}

/* Up to k descriptors for which pick says yes, at random. */
static void each_picked(struct bin *b, unsigned k, int (*pick)(const struct bin *, const struct desc *),
			void (*damage)(struct bin *, const struct desc *))
{
	size_t n = b->fd.nd;

	for (unsigned tries = 0, done = 0; n && done < k && tries < 64 * k; tries++) {
		const struct desc *d = &b->fd.d[next() % n];

		if (pick(b, d)) {
			damage(b, d);
			done++;
		}
	}
}

static int any(const struct bin *b, const struct desc *d) { (void)b; (void)d; return 1; }

static int with_methods(const struct bin *b, const struct desc *d)
{
	return d->uncommon && d->mcount && kind_size(b, d->kind);
}

static int with_elem(const struct bin *b, const struct desc *d)
{
	(void)b;
	return d->kind == K_PTR || d->kind == K_SLICE || d->kind == K_ARRAY || d->kind == K_CHAN;
}

static int is_struct(const struct bin *b, const struct desc *d) { (void)b; return d->kind == K_STRUCT; }
static int is_interface(const struct bin *b, const struct desc *d) { (void)b; return d->kind == K_INTERFACE; }

static int unnamed_ptr(const struct bin *b, const struct desc *d)
{
	(void)b;
	return d->kind == K_PTR && !(d->tflag & 4);
}

/* An unnamed struct with a field, whose first field's Typ is a word of
 * the file. */
static int unnamed_struct(const struct bin *b, const struct desc *d)
{
	uint64_t k = daddr(b, d) + header(b);

	return d->kind == K_STRUCT && !(d->tflag & 4) && word_at(b, k + 2 * b->w) > 0;
}

static void named(char *name, size_t n, const char *what, const struct desc *d)
{
	snprintf(name, n, "%s-%u", what, d->off);
}

static void str_outside(struct bin *b, const struct desc *d)
{
	char name[64];

	named(name, sizeof name, "str", d);
	edit1(b, name, daddr(b, d) + 4 * b->w + 8, 4, 0x7fffff00);
}

static void ptrtothis_outside(struct bin *b, const struct desc *d)
{
	char name[64];

	named(name, sizeof name, "ptrtothis", d);
	edit1(b, name, daddr(b, d) + 4 * b->w + 12, 4, (uint32_t)(b->fd.mod.etypes - b->fd.mod.types + 8));
}

static void kind_zero(struct bin *b, const struct desc *d)
{
	char name[64];

	named(name, sizeof name, "kind", d);
	edit1(b, name, daddr(b, d) + 2 * b->w + 7, 1, 0);
}

/* Method 0's Name past the region, or its Mtyp before it. */
static void method_outside(struct bin *b, const struct desc *d)
{
	uint64_t m = daddr(b, d) + kind_size(b, d->kind) + d->moff;
	char name[64];

	named(name, sizeof name, "mname", d);
	edit1(b, name, m, 4, 0x7fffff00);
	named(name, sizeof name, "mtyp", d);
	edit1(b, name, m + 4, 4, (uint32_t)-8);
}

static void elem_outside(struct bin *b, const struct desc *d)
{
	char name[64];

	named(name, sizeof name, "elem", d);
	edit1(b, name, daddr(b, d) + header(b), b->w, b->fd.mod.types - b->w);
}

/* A struct's fields or an interface's methods: a count past any section. */
static void count_huge(struct bin *b, const struct desc *d)
{
	char name[64];

	named(name, sizeof name, d->kind == K_STRUCT ? "count" : "icount", d);
	edit1(b, name, daddr(b, d) + header(b) + 2 * b->w, b->w, huge(b));
}

static void cycle(struct bin *b, const struct desc *d)
{
	uint64_t k = daddr(b, d) + header(b);
	char name[64];

	named(name, sizeof name, "cycle", d);
	if (d->kind == K_PTR)
		edit1(b, name, k, b->w, daddr(b, d));
	else
		edit1(b, name, word_at(b, k + b->w) + b->w, b->w, daddr(b, d));
}

static void descriptors(struct bin *b, unsigned k)
{
	each_picked(b, k, any, str_outside);
	each_picked(b, k, any, ptrtothis_outside);
	each_picked(b, k, any, kind_zero);
	each_picked(b, k, with_methods, method_outside);
	each_picked(b, k, with_elem, elem_outside);
	each_picked(b, k, is_struct, count_huge);
	each_picked(b, k, is_interface, count_huge);
	each_picked(b, k, unnamed_ptr, cycle);
	each_picked(b, k, unnamed_struct, cycle);
}

/* Typelink entries unaligned, itablink entries outside the file. */
static void tables(struct bin *b, unsigned k)
{
	uint64_t tl = word_at(b, md_addr(b, "typelinks")), ntl = word_at(b, md_addr(b, "typelinks.len"));
	uint64_t il = word_at(b, md_addr(b, "itablinks")), nil = word_at(b, md_addr(b, "itablinks.len"));
	char name[64];

	for (unsigned i = 0; md_addr(b, "typelinks") && ntl && i < k; i++) {
		uint64_t j = next() % ntl;
		struct gtd_error err;
		uint32_t v = 0;

		snprintf(name, sizeof name, "tl-%llu", (unsigned long long)j);
		if (!gtd_objfile_u32(b->f, tl + 4 * j, &v, &err))
			edit1(b, name, tl + 4 * j, 4, v + 1);
	}
	for (unsigned i = 0; md_addr(b, "itablinks") && nil && i < k; i++) {
		uint64_t j = next() % nil;

		snprintf(name, sizeof name, "il-%llu", (unsigned long long)j);
		edit1(b, name, il + b->w * j, b->w, 0x10);
	}
}

/* ---- bit flips ---- */

struct range {
	uint64_t addr, n;
};

/* Where the decoder reads: the build info's start, moduledata, the
 * tables, the descriptors' headers and kind fields. */
static size_t read_ranges(const struct bin *b, struct range *r, size_t max)
{
	const struct gtd_obj_section *bi = gtd_objfile_section_by_name(b->f, ".go.buildinfo");
	size_t n = 0;

	if (bi && bi->file_size)
		r[n++] = (struct range){ bi->addr, bi->file_size < 256 ? bi->file_size : 256 };
	r[n++] = (struct range){ b->fd.mod.addr, (uint64_t)(trt_md_word(&b->md, "hasmain") + 1) * b->w };
	if (md_addr(b, "typelinks"))
		r[n++] = (struct range){ word_at(b, md_addr(b, "typelinks")), 4 * word_at(b, md_addr(b, "typelinks.len")) };
	if (md_addr(b, "itablinks"))
		r[n++] = (struct range){ word_at(b, md_addr(b, "itablinks")),
					 b->w * word_at(b, md_addr(b, "itablinks.len")) };
	for (size_t i = 0; i < b->fd.nd && n < max; i++)
		r[n++] = (struct range){ daddr(b, &b->fd.d[i]), header(b) + 4 * b->w };
	return n;
}

static void flips(struct bin *b, unsigned nflips)
{
	struct range r[4096];
	size_t nr = read_ranges(b, r, sizeof r / sizeof r[0]);

	for (unsigned i = 0; i < nflips; i++) {
		const struct range *x = &r[next() % nr];
		int64_t off = x->n ? file_off(b, x->addr + next() % x->n, 1) : -1;
		size_t bit;
		char name[64];

		if (off < 0 || next() % 8 == 0)
			bit = (size_t)(next() % ((uint64_t)b->n * 8));
		else
			bit = (size_t)off * 8 + next() % 8;
		snprintf(name, sizeof name, "flip-%zu", bit);
		b->p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		write_copy(b, name);
		b->p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
}

static void damage_all(const char *in, const char *outdir, uint64_t seed, unsigned nflips)
{
	struct bin b = { .outdir = outdir };
	struct gtd_objfile *f;
	struct gtd_error err;
	unsigned k = nflips / 16 > 2 ? nflips / 16 : 2;

	rng = seed | 1;
	b.p = read_all(in, &b.n);
	if (gtd_objfile_open(b.p, b.n, 0, &f, &err)) {
		fprintf(stderr, "mutate_bin: %s: %s\n", in, err.msg);
		exit(1);
	}
	b.f = f;
	b.w = gtd_objfile_info(f)->ptr_size;
	b.be = gtd_objfile_info(f)->big_endian;
	decode(f, &b.fd, in);
	b.md.minor = (unsigned)atoi(b.fd.layout + 4); /* "go1.21" */
	b.md.w = b.w;
	cuts(&b);
	moduledata(&b);
	descriptors(&b, k);
	tables(&b, k);
	flips(&b, nflips);
	printf("%u\n", b.written);
	gtd_objfile_free(f);
	free(b.fd.d);
	free(b.p);
}

/* ---- shrinking ---- */

/* The sections worth keeping: loaded, not code, the pclntab to its
 * header. */
static size_t kept_sections(const struct gtd_objfile *f, const uint8_t *p, struct telf_section *out,
			    unsigned *index_of)
{
	size_t n = 0;

	for (size_t i = 0; i < gtd_objfile_nsections(f); i++) {
		const struct gtd_obj_section *s = gtd_objfile_section(f, i);
		int pcln = strstr(s->name, "gopclntab") != NULL;

		index_of[i] = 0;
		if (!(s->flags & GTD_OBJ_SEC_ALLOC) || (s->flags & GTD_OBJ_SEC_EXEC) || !s->size)
			continue;
		out[n] = (struct telf_section){ s->name, s->file_size ? SHT_PROGBITS : SHT_NOBITS,
						SHF_ALLOC | (s->flags & GTD_OBJ_SEC_WRITE ? SHF_WRITE : 0), s->addr,
						p + s->offset, pcln && s->file_size > 64 ? 64 : s->file_size,
						pcln && s->file_size > 64 ? 64 : s->size };
		index_of[i] = (unsigned)++n;
		if (n == 64 - 5)
			break;
	}
	return n;
}

static void shrink(const char *in, const char *out)
{
	static const char *keep[] = { "runtime.firstmoduledata", "runtime.buildVersion" };
	struct telf_section sec[64];
	struct telf_symbol sym[2];
	unsigned index_of[4096];
	struct gtd_objfile *f;
	struct gtd_error err;
	struct tbuf file;
	size_t n, len, nsym = 0;
	uint8_t *p = read_all(in, &len);
	const struct gtd_obj_info *info;

	if (gtd_objfile_open(p, len, 0, &f, &err) || (info = gtd_objfile_info(f))->format != GTD_OBJ_ELF ||
	    info->image != GTD_OBJ_IMAGE_EXEC || gtd_objfile_nsections(f) > 4096) {
		fprintf(stderr, "mutate_bin: %s: not an ELF executable to shrink\n", in);
		exit(1);
	}
	n = kept_sections(f, p, sec, index_of);
	for (size_t i = 0; i < 2; i++) {
		const struct gtd_obj_symbol *s = gtd_objfile_symbol_by_name(f, keep[i]);

		if (s && s->section >= 0 && index_of[s->section])
			sym[nsym++] = (struct telf_symbol){ keep[i], s->value, s->size, index_of[s->section] };
	}
	telf_write(&(struct telf){ info->ptr_size == 8, info->big_endian, (uint16_t)info->machine, sec, n, sym,
				   nsym }, &file);
	write_path(out, file.p, file.n);
	tb_free(&file);
	gtd_objfile_free(f);
	free(p);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--shrink") == 0) {
		shrink(argv[2], argv[3]);
		return 0;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: mutate_bin IN OUTDIR SEED NFLIPS | mutate_bin --shrink IN OUT\n");
		return 2;
	}
	damage_all(argv[1], argv[2], strtoull(argv[3], NULL, 10), (unsigned)strtoul(argv[4], NULL, 10));
	return 0;
}

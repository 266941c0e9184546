/* A Go binary's runtime tables, written field by field from Go's source
 * of each release (paths under its GOROOT/src):
 *   moduledata    runtime/symtab.go, written by cmd/link/internal/ld/symtab.go;
 *   descriptors   internal/abi/type.go (runtime/type.go before 1.21),
 *                 internal/abi/map*.go for maps;
 *   itabs         internal/abi/iface.go (runtime/runtime2.go before 1.23);
 *   pclntab       runtime/symtab.go pcHeader and debug/gosym's magics;
 *   build info    debug/buildinfo/buildinfo.go. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "testelf.h"
#include "testrt.h"

/* moduledata's fields up to hasmain, in order, as each release's
 * runtime/symtab.go declares them: "[]" a slice (3 words), "$" a string
 * (2 words), else one word (hasmain, a uint8, starts its word).  Read
 * from go1.19.8 (/usr/lib/go-1.19), go1.21.13 (/usr/lib/go-1.21),
 * go1.26.8 and go1.27.3 (their module-proxy GOROOTs); 1.16-1.17 and 1.20
 * from ../shared/research/runtime-tables.md §1.1 (tags go1.16, go1.20). */
#define MD_HEAD "pcHeader funcnametab[] cutab[] filetab[] pctab[] pclntable[] ftab[] findfunctab " \
		"minpc maxpc text etext noptrdata enoptrdata data edata bss ebss noptrbss enoptrbss "
#define MD_TAIL "modulename$ modulehashes[] hasmain"
static const struct md_release {
	unsigned first, last;
	const char *fields;
} md_releases[] = {
	{ 16, 17, MD_HEAD "end gcdata gcbss types etypes textsectmap[] typelinks[] itablinks[] "
		  "ptab[] pluginpath$ pkghashes[] " MD_TAIL },
	{ 18, 19, MD_HEAD "end gcdata gcbss types etypes rodata gofunc textsectmap[] typelinks[] "
		  "itablinks[] ptab[] pluginpath$ pkghashes[] " MD_TAIL },
	{ 20, 20, MD_HEAD "covctrs ecovctrs end gcdata gcbss types etypes rodata gofunc textsectmap[] "
		  "typelinks[] itablinks[] ptab[] pluginpath$ pkghashes[] " MD_TAIL },
	{ 21, 25, MD_HEAD "covctrs ecovctrs end gcdata gcbss types etypes rodata gofunc textsectmap[] "
		  "typelinks[] itablinks[] ptab[] pluginpath$ pkghashes[] inittasks[] " MD_TAIL },
	{ 26, 26, MD_HEAD "covctrs ecovctrs end gcdata gcbss types etypes rodata gofunc epclntab "
		  "textsectmap[] typelinks[] itablinks[] ptab[] pluginpath$ pkghashes[] inittasks[] "
		  MD_TAIL },
	{ 27, 27, MD_HEAD "covctrs ecovctrs end gcdata gcbss types typedesclen etypes itaboffset "
		  "itabsize rodata gofunc epclntab textsectmap[] ptab[] pluginpath$ pkghashes[] "
		  "inittasks[] " MD_TAIL },
};

static const char *md_fields(const struct trt *b)
{
	for (size_t i = 0; i < sizeof md_releases / sizeof md_releases[0]; i++)
		if (b->minor >= md_releases[i].first && b->minor <= md_releases[i].last)
			return md_releases[i].fields;
	fail_msg("no moduledata of go1.%u", b->minor);
	return NULL;
}

int trt_md_word(const struct trt *b, const char *field)
{
	const char *dot = strchr(field, '.'), *p = md_fields(b);
	size_t len = dot ? (size_t)(dot - field) : strlen(field);
	int word = 0;

	while (*p) {
		size_t n = strcspn(p, " []$");
		int words = p[n] == '[' ? 3 : p[n] == '$' ? 2 : 1;

		if (n == len && memcmp(p, field, n) == 0)
			return word + (!dot ? 0 : strcmp(dot, ".len") == 0 ? 1 : 2);
		word += words;
		p += n + strcspn(p + n, " ");
		p += *p == ' ';
	}
	return -1;
}

void trt_init(struct trt *b, unsigned minor, unsigned w, int be)
{
	memset(b, 0, sizeof *b);
	b->minor = minor;
	b->w = w;
	b->be = be;
	b->swiss = 1;
	b->symbol = 1;
	b->md_section = minor >= 26 ? ".go.module" : ".noptrdata";
	snprintf(b->version, sizeof b->version, "go1.%u.1", minor);
	/* nothing at offset 0 (a pointer word in 1.27), so that 0 is nil */
	telf_put(&b->types, 0, w, 0, be);
}

void trt_free(struct trt *b)
{
	tb_free(&b->names);
	tb_free(&b->types);
	tb_free(&b->typelinks);
	tb_free(&b->itablinks);
}

/* ---- names ------------------------------------------------------------- */

/* A length: a uvarint from 1.17, 2 bytes big-endian before. */
static void name_len(const struct trt *b, struct tbuf *t, size_t n)
{
	if (b->minor >= 17) {
		tb_uvarint(t, n);
	} else {
		tb_u8(t, (uint8_t)(n >> 8));
		tb_u8(t, (uint8_t)n);
	}
}

int32_t trt_name(struct trt *b, uint8_t flags, const char *name, const char *tag, int32_t pkgpath)
{
	struct tbuf *t = b->minor >= 27 ? &b->names : &b->types;
	int64_t off = b->minor >= 27 ? (int64_t)TRT_NAMES + (int64_t)t->n - TRT_TYPES : (int64_t)t->n;

	tb_u8(t, flags);
	name_len(b, t, strlen(name));
	tb_str(t, name);
	if (flags & TN_TAG) {
		name_len(b, t, strlen(tag));
		tb_str(t, tag);
	}
	if (flags & TN_PKGPATH)
		telf_put(t, t->n, 4, (uint32_t)pkgpath, b->be);
	return (int32_t)off;
}

/* ---- descriptors ------------------------------------------------------- */

unsigned trt_header_size(const struct trt *b)
{
	/* Size_, PtrBytes; Hash, TFlag, Align_, FieldAlign_, Kind_; Equal,
	 * GCData; Str, PtrToThis */
	return 2 * b->w + 8 + 2 * b->w + 8;
}

/* A map's fields after the header: Key, Elem, Bucket or Group, Hasher,
 * then through 1.23 (and 1.24-1.25 with noswissmap: map_noswiss.go)
 * KeySize, ValueSize uint8, BucketSize uint16, Flags uint32; swiss maps
 * (map_swiss.go 1.24-1.25, map.go 1.26) GroupSize, SlotSize, ElemOff
 * uintptr, Flags uint32; 1.27's map.go GroupSize, KeysOff, KeyStride,
 * ElemsOff, ElemStride, ElemOff uintptr, Flags uint32. */
static unsigned map_fields(const struct trt *b)
{
	unsigned w = b->w;

	if (b->minor >= 27)
		return 4 * w + 6 * w + w;
	if (b->minor >= 26 || (b->minor >= 24 && b->swiss))
		return 4 * w + 3 * w + w;
	return 4 * w + 8;
}

unsigned trt_kind_size(const struct trt *b, uint8_t kind)
{
	unsigned h = trt_header_size(b), w = b->w;

	switch (kind) {
	case TK_ARRAY: return h + 3 * w;        /* Elem, Slice, Len */
	case TK_CHAN: return h + 2 * w;         /* Elem, Dir */
	case TK_FUNC: return h + (4 + w - 1) / w * w; /* InCount, OutCount uint16 */
	case TK_INTERFACE:                      /* PkgPath Name, Methods []Imethod */
	case TK_STRUCT: return h + 4 * w;       /* PkgPath Name, Fields []StructField */
	case TK_MAP: return h + map_fields(b);
	case TK_PTR:
	case TK_SLICE: return h + w;            /* Elem */
	default: return h;
	}
}

/* The arrays after the uncommon type: a func's parameters, a struct's
 * fields (StructField: Name, Typ, Offset), an interface's Imethods. */
static size_t trailing(const struct trt *b, const struct trt_desc *d)
{
	switch (d->kind) {
	case TK_FUNC: return (size_t)(d->in + d->out) * b->w;
	case TK_STRUCT: return (size_t)d->nfields * 3 * b->w;
	case TK_INTERFACE: return (size_t)d->nimethods * 8;
	default: return 0;
	}
}

static size_t desc_size(const struct trt *b, const struct trt_desc *d)
{
	return trt_kind_size(b, d->kind) + (d->uncommon ? 16 : 0) + trailing(b, d) + (size_t)d->mcount * 16;
}

void trt_put(struct trt *b, uint32_t off, unsigned n, uint64_t v)
{
	telf_put(&b->types, off, n, v, b->be);
}

static void put_ptr(struct trt *b, size_t at, int64_t off)
{
	telf_put(&b->types, at, b->w, off ? (uint64_t)(TRT_TYPES + off) : 0, b->be);
}

uint32_t trt_reserve(struct trt *b, const struct trt_desc *d)
{
	size_t off;

	while (b->types.n % b->w)
		tb_u8(&b->types, 0);
	off = b->types.n;
	telf_put(&b->types, off + desc_size(b, d) - 1, 1, 0, b->be);
	return (uint32_t)off;
}

static void put_header(struct trt *b, uint32_t off, const struct trt_desc *d)
{
	unsigned w = b->w;

	trt_put(b, off, w, d->size);
	trt_put(b, off + w, w, d->ptrdata);
	trt_put(b, off + 2 * w, 4, d->hash);
	trt_put(b, off + 2 * w + 4, 1, d->tflag | (d->uncommon ? TF_UNCOMMON : 0));
	trt_put(b, off + 2 * w + 5, 1, d->align);
	trt_put(b, off + 2 * w + 6, 1, d->fieldalign);
	trt_put(b, off + 2 * w + 7, 1, d->kind);
	trt_put(b, off + 4 * w + 8, 4, (uint32_t)d->str);
	trt_put(b, off + 4 * w + 12, 4, (uint32_t)d->ptrtothis);
}

/* A slice header at at: data pointer, len, cap. */
static void put_slice(struct trt *b, size_t at, uint64_t data, uint64_t n)
{
	put_ptr(b, at, n ? (int64_t)data : 0);
	trt_put(b, (uint32_t)at + b->w, b->w, n);
	trt_put(b, (uint32_t)at + 2 * b->w, b->w, n);
}

static void put_kind(struct trt *b, uint32_t off, const struct trt_desc *d, size_t arr)
{
	size_t k = off + trt_header_size(b);
	unsigned w = b->w;

	switch (d->kind) {
	case TK_ARRAY:
		put_ptr(b, k, d->elem);
		put_ptr(b, k + w, d->slice);
		trt_put(b, (uint32_t)(k + 2 * w), w, d->len);
		break;
	case TK_CHAN:
		put_ptr(b, k, d->elem);
		trt_put(b, (uint32_t)(k + w), w, d->dir);
		break;
	case TK_FUNC:
		trt_put(b, (uint32_t)k, 2, d->in);
		trt_put(b, (uint32_t)k + 2, 2, d->out | (d->variadic ? 0x8000u : 0));
		break;
	case TK_MAP:
		put_ptr(b, k, d->key);
		put_ptr(b, k + w, d->elem);
		put_ptr(b, k + 2 * w, d->group);
		break;
	case TK_PTR:
	case TK_SLICE:
		put_ptr(b, k, d->elem);
		break;
	case TK_STRUCT:
	case TK_INTERFACE:
		put_ptr(b, k, d->pkgpath);
		put_slice(b, k + w, arr, d->kind == TK_STRUCT ? d->nfields : d->nimethods);
		break;
	}
}

static void put_trailing(struct trt *b, const struct trt_desc *d, size_t arr)
{
	unsigned w = b->w;

	if (d->kind == TK_FUNC)
		for (unsigned i = 0; i < (unsigned)d->in + d->out; i++)
			put_ptr(b, arr + i * w, d->params[i]);
	if (d->kind == TK_STRUCT)
		for (uint32_t i = 0; i < d->nfields; i++) {
			const struct trt_field *f = &d->fields[i];
			size_t at = arr + (size_t)i * 3 * w;
			/* before 1.19: offsetEmbed, the offset shifted and the embedded bit */
			uint64_t off = b->minor >= 19 ? f->offset : f->offset << 1 | (uint64_t)!!f->embedded;

			put_ptr(b, at, f->name);
			put_ptr(b, at + w, f->type);
			trt_put(b, (uint32_t)(at + 2 * w), w, off);
		}
	if (d->kind == TK_INTERFACE)
		for (uint32_t i = 0; i < d->nimethods; i++) {
			trt_put(b, (uint32_t)(arr + 8 * i), 4, (uint32_t)d->imethods[i].name);
			trt_put(b, (uint32_t)(arr + 8 * i + 4), 4, (uint32_t)d->imethods[i].type);
		}
}

/* UncommonType: PkgPath NameOff, Mcount, Xcount uint16, Moff uint32 (from
 * the uncommon type to its methods), then the Methods. */
static void put_uncommon(struct trt *b, size_t u, const struct trt_desc *d)
{
	uint32_t moff = (uint32_t)(16 + trailing(b, d));

	trt_put(b, (uint32_t)u, 4, (uint32_t)d->upkgpath);
	trt_put(b, (uint32_t)u + 4, 2, d->mcount);
	trt_put(b, (uint32_t)u + 6, 2, d->xcount);
	trt_put(b, (uint32_t)u + 8, 4, moff);
	for (unsigned i = 0; i < d->mcount; i++) {
		const struct trt_method *m = &d->methods[i];
		uint32_t at = (uint32_t)u + moff + 16 * i;

		trt_put(b, at, 4, (uint32_t)m->name);
		trt_put(b, at + 4, 4, (uint32_t)m->mtyp);
		trt_put(b, at + 8, 4, (uint32_t)m->ifn);
		trt_put(b, at + 12, 4, (uint32_t)m->tfn);
	}
}

void trt_fill(struct trt *b, uint32_t off, const struct trt_desc *d)
{
	size_t u = off + trt_kind_size(b, d->kind), arr = u + (d->uncommon ? 16 : 0);

	put_header(b, off, d);
	put_kind(b, off, d, arr);
	put_trailing(b, d, arr);
	if (d->uncommon)
		put_uncommon(b, u, d);
}

uint32_t trt_type(struct trt *b, const struct trt_desc *d)
{
	uint32_t off = trt_reserve(b, d);

	trt_fill(b, off, d);
	return off;
}

/* ---- typelinks and itabs ------------------------------------------------ */

void trt_typelink(struct trt *b, uint32_t off)
{
	if (b->minor < 27)
		telf_put(&b->typelinks, b->typelinks.n, 4, off, b->be);
}

void trt_typelinks_end(struct trt *b)
{
	b->typedesclen = b->types.n;
}

/* Inter, Type, Hash, (32-bit through 1.22: 4 bytes of padding), Fun. */
uint64_t trt_itab(struct trt *b, uint32_t inter, uint32_t type, uint32_t hash, unsigned nfun,
		  uint64_t fun0)
{
	unsigned w = b->w, fun = w == 8 ? 24 : b->minor <= 22 ? 16 : 12;
	size_t at;

	while (b->types.n % w)
		tb_u8(&b->types, 0);
	at = b->types.n;
	if (!b->in_itabs) {
		b->in_itabs = 1;
		b->itaboffset = at;
	}
	put_ptr(b, at, inter);
	put_ptr(b, at + w, type);
	trt_put(b, (uint32_t)(at + 2 * w), 4, hash);
	for (unsigned i = 0; i < nfun; i++)
		trt_put(b, (uint32_t)(at + fun + i * w), w, i ? 0 : fun0);
	if (b->minor < 27)
		telf_put(&b->itablinks, b->itablinks.n, w, TRT_TYPES + at, b->be);
	return TRT_TYPES + at;
}

/* ---- moduledata, pclntab, build info, the file ------------------------- */

void trt_md_set(struct trt *b, const char *field, uint64_t value)
{
	assert_true(b->nset < TRT_MAX_SET);
	b->set[b->nset].field = field;
	b->set[b->nset++].value = value;
}

static void md_put(const struct trt *b, struct tbuf *md, const char *field, uint64_t v)
{
	int word = trt_md_word(b, field);

	if (word >= 0)
		telf_put(md, (size_t)word * b->w, b->w, v, b->be);
}

static void md_slice(const struct trt *b, struct tbuf *md, const char *field, uint64_t p, uint64_t n)
{
	char len[32], cap[32];

	snprintf(len, sizeof len, "%s.len", field);
	snprintf(cap, sizeof cap, "%s.cap", field);
	md_put(b, md, field, p);
	md_put(b, md, len, n);
	md_put(b, md, cap, n);
}

/* moduledata's words through hasmain, then a one-entry textsectmap. */
static void moduledata(const struct trt *b, struct tbuf *md)
{
	static const char *pcln[] = { "funcnametab", "cutab", "filetab", "pctab", "pclntable" };
	unsigned w = b->w, words = (unsigned)trt_md_word(b, "hasmain") + 1;
	uint64_t itabs = b->in_itabs ? b->types.n - b->itaboffset : 0;

	telf_put(md, (size_t)words * w + 3 * w - 1, 1, 0, b->be);
	if (b->no_moduledata)
		return;
	md_put(b, md, "pcHeader", TRT_PCLNTAB);
	for (size_t i = 0; i < sizeof pcln / sizeof pcln[0]; i++)
		md_slice(b, md, pcln[i], TRT_PCLNTAB, 64);
	md_slice(b, md, "ftab", TRT_PCLNTAB + 8, 1);
	md_put(b, md, "minpc", TRT_TEXT);
	md_put(b, md, "maxpc", TRT_ETEXT);
	md_put(b, md, "text", TRT_TEXT);
	md_put(b, md, "etext", TRT_ETEXT);
	md_put(b, md, "types", TRT_TYPES);
	md_put(b, md, "etypes", TRT_TYPES + b->types.n);
	md_put(b, md, "typedesclen", b->typedesclen);
	md_put(b, md, "itaboffset", b->in_itabs ? b->itaboffset : b->types.n);
	md_put(b, md, "itabsize", itabs);
	md_put(b, md, "rodata", TRT_TYPES);
	md_put(b, md, "gofunc", TRT_PCLNTAB);
	md_put(b, md, "epclntab", TRT_PCLNTAB + 64);
	md_slice(b, md, "textsectmap", TRT_MODULE + (uint64_t)words * w, 1);
	md_slice(b, md, "typelinks", TRT_TYPELINK, b->typelinks.n / 4);
	md_slice(b, md, "itablinks", TRT_ITABLINK, b->itablinks.n / w);
	telf_put(md, (size_t)trt_md_word(b, "hasmain") * w, 1, 1, b->be);
	/* textsect{vaddr, end, baseaddr} */
	telf_put(md, (size_t)words * w + w, w, TRT_ETEXT - TRT_TEXT, b->be);
	telf_put(md, (size_t)words * w + 2 * w, w, TRT_TEXT, b->be);
	for (unsigned i = 0; i < b->nset; i++) {
		int word = trt_md_word(b, b->set[i].field);

		assert_true(word >= 0);
		telf_put(md, (size_t)word * w, w, b->set[i].value, b->be);
	}
}

/* pcHeader: magic, two zero bytes, the instruction size quantum, the
 * pointer size; the magic is 0xfffffffa from 1.16, 0xfffffff0 from 1.18,
 * 0xfffffff1 from 1.20 (debug/gosym go116magic, go118magic, go120magic). */
static void pclntab(const struct trt *b, struct tbuf *p)
{
	uint32_t magic = b->minor >= 20 ? 0xfffffff1 : b->minor >= 18 ? 0xfffffff0 : 0xfffffffa;

	telf_put(p, 63, 1, 0, 0);
	telf_put(p, 0, 4, magic, b->be);
	p->p[6] = 1;
	p->p[7] = (uint8_t)b->w;
}

/* The build info: "\xff Go buildinf:", the pointer size, flags (bit 0
 * big-endian, bit 1 the strings inline, 1.18+), then the version and the
 * module text framed by 16-byte sentinels: inline as uvarint-prefixed
 * strings, or before 1.18 through pointers to Go string headers. */
static void buildinfo(const struct trt *b, struct tbuf *bi)
{
	static const char start[] = "0w\xaf\x0c\x92t\x08\x02" "A\xe1\xc1\x07\xe6\xd6\x18\xe6";
	static const char end[] = "\xf9" "2C1\x86\x18 r\x00\x82" "B\x10" "A\x16\xd8\xf2";
	struct tbuf mod = { 0 };
	unsigned w = b->w;

	if (b->modinfo) {
		tb_bytes(&mod, start, 16);
		tb_str(&mod, b->modinfo);
		tb_bytes(&mod, end, 16);
	}
	tb_bytes(bi, "\xff Go buildinf:", 14);
	tb_u8(bi, (uint8_t)w);
	tb_u8(bi, (uint8_t)((b->minor >= 18 ? 2 : 0) | (b->be ? 1 : 0)));
	telf_put(bi, 31, 1, 0, 0);
	if (b->minor >= 18) {
		tb_uvarint(bi, strlen(b->version));
		tb_str(bi, b->version);
		tb_uvarint(bi, mod.n);
		tb_bytes(bi, mod.p, mod.n);
	} else {
		size_t hdr = 32, bytes = 32 + 4 * w;

		telf_put(bi, 16, w, TRT_BUILDINFO + hdr, b->be);
		telf_put(bi, 16 + w, w, TRT_BUILDINFO + hdr + 2 * w, b->be);
		telf_put(bi, hdr, w, TRT_BUILDINFO + bytes, b->be);
		telf_put(bi, hdr + w, w, strlen(b->version), b->be);
		telf_put(bi, hdr + 2 * w, w, TRT_BUILDINFO + bytes + strlen(b->version), b->be);
		telf_put(bi, hdr + 3 * w, w, mod.n, b->be);
		tb_str(bi, b->version);
		tb_bytes(bi, mod.p, mod.n);
	}
	tb_free(&mod);
}

static uint16_t machine(const struct trt *b)
{
	if (b->w == 8)
		return b->be ? EM_S390 : EM_X86_64;
	return b->be ? EM_MIPS : EM_386;
}

void trt_binary(const struct trt *b, struct tbuf *out)
{
	static const uint8_t text[0x100];
	struct tbuf pcln = { 0 }, bi = { 0 }, md = { 0 };
	struct telf_section s[9];
	struct telf_symbol sym = { "runtime.firstmoduledata", TRT_MODULE, 0, 0 };
	size_t n = 0;

	pclntab(b, &pcln);
	moduledata(b, &md);
	s[n++] = (struct telf_section){ ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, TRT_TEXT, text,
					sizeof text, 0 };
	if (b->minor >= 27)
		s[n++] = (struct telf_section){ ".rodata", SHT_PROGBITS, SHF_ALLOC, TRT_NAMES, b->names.p,
						b->names.n, 0 };
	s[n++] = (struct telf_section){ b->minor >= 27 ? ".go.type" : ".rodata", SHT_PROGBITS, SHF_ALLOC,
					TRT_TYPES, b->types.p, b->types.n, 0 };
	if (!b->no_pclntab)
		s[n++] = (struct telf_section){ ".gopclntab", SHT_PROGBITS, SHF_ALLOC, TRT_PCLNTAB, pcln.p,
						pcln.n, 0 };
	if (b->minor < 27) {
		s[n++] = (struct telf_section){ ".typelink", SHT_PROGBITS, SHF_ALLOC, TRT_TYPELINK,
						b->typelinks.p, b->typelinks.n, 0 };
		s[n++] = (struct telf_section){ ".itablink", SHT_PROGBITS, SHF_ALLOC, TRT_ITABLINK,
						b->itablinks.p, b->itablinks.n, 0 };
	}
	if (b->version[0]) {
		buildinfo(b, &bi);
		s[n++] = (struct telf_section){ ".go.buildinfo", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
						TRT_BUILDINFO, bi.p, bi.n, 0 };
	}
	s[n++] = (struct telf_section){ b->md_section, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, TRT_MODULE,
					md.p, md.n, 0 };
	sym.section = (unsigned)n;
	telf_write(&(struct telf){ b->w == 8, b->be, machine(b), s, n, &sym, b->symbol ? 1 : 0 }, out);
	tb_free(&pcln);
	tb_free(&bi);
	tb_free(&md);
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/digest.h"
#include "gotypedb/pkgbits.h"
#include "testlib.h"

void tb_bytes(struct tbuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

void tb_str(struct tbuf *b, const char *s) { tb_bytes(b, s, strlen(s)); }
void tb_u8(struct tbuf *b, uint8_t v) { tb_bytes(b, &v, 1); }

void tb_u32le(struct tbuf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	tb_bytes(b, x, 4);
}

void tb_uvarint(struct tbuf *b, uint64_t v)
{
	while (v >= 0x80) {
		tb_u8(b, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	tb_u8(b, (uint8_t)v);
}

void tb_free(struct tbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* ---- each version's layout -------------------------------------------- */

/* Written from the Go source of the release that wrote each version, never
 * from src/uir/version.c: a test that encodes from these rows and decodes
 * with the table catches a wrong table entry.  Paths are under that
 * release's GOROOT/src; "noder/" is cmd/compile/internal/noder/. */
const struct tlayout t_layouts[T_NUM_VERSIONS] = {
	/* go1.19.8 with GOEXPERIMENT=unified (/usr/lib/go-1.19/src):
	 * internal/pkgbits/encoder.go DumpTo writes `writeUint32(0) // version`
	 * and no flags word, hashes with crypto/md5; internal/pkgbits/sync.go
	 * `const EnableSync = true`.  noder/unified.go writeUnifiedExport
	 * writes the public root only, with `w.Bool(...inittask...)` and a
	 * `w.Bool(false)` before each object's Reloc; noder/writer.go pkgIdx
	 * writes `w.Len(pkg.Height())`, objDict `w.Bool(typ.needed)` after each
	 * derived type and then Len nfuncs and Len nitabs, doObj an alias as
	 * Pos and its type only. */
	{ .version = 0, .writer = "go1.19.8", .sync_always = 1, .root_has_init = 1, .objuse_dfi = 1,
	  .pkg_height = 1, .dict_needed = 1 },
	/* go1.21.13, go1.22.12, go1.23.5 (/usr/lib/go-1.2x/src): encoder.go
	 * `const currentVersion uint32 = 1` and a flags word (flagSyncMarkers),
	 * md5.  noder/unified.go writeUnifiedExport adds the private root and
	 * writes `w.Bool(false) // TODO(mdempsky): Remove; was "has init"`;
	 * writer.go objInfo `w.Bool(false) // ... was derived func inst.`,
	 * pkgIdx no height, objDict `w.Bool(typ.needed)` then one Bool per type
	 * parameter and Len typeParamMethodExprs, subdicts, rtypes, itabs. */
	{ .version = 1, .writer = "go1.23.5", .flags_word = 1, .private_root = 1, .root_has_init = 1,
	  .objuse_dfi = 1, .dict_needed = 1, .dict_tail_go121 = 1 },
	/* go1.26.8 (`go env GOROOT`/src): noder/writer.go newPkgWriter
	 * `version := pkgbits.V2`; encoder.go hashes with crypto/sha256; the
	 * writer's gates at V2 drop the has-init, derived-func-instance and
	 * needed Bools and write an alias's typeParamNames (doObj). */
	{ .version = 2, .writer = "go1.26.8", .flags_word = 1, .sha256 = 1, .private_root = 1,
	  .dict_tail_go121 = 1, .alias_tparams = 1 },
	/* No release: golang/go master wrote V3 from 2026-03-16 to 2026-05-18
	 * (uir-format.md §2b).  go1.27.0's internal/pkgbits/version.go: "V3:
	 * introduces a more compact format for composite literal element
	 * lists"; its noder/writer.go asks for CompactCompLiterals only in
	 * compLit (a Body), so the public sections are V2's: go1.27.0's
	 * writer.go with its gates at V3. */
	{ .version = 3, .writer = "master 2026-03 (no release)", .flags_word = 1, .sha256 = 1,
	  .private_root = 1, .dict_tail_go121 = 1, .alias_tparams = 1, .compact_comp_literals = 1 },
	/* go1.27.0 (GOTOOLCHAIN=go1.27.0): noder/unified.go `const uirVersion =
	 * pkgbits.V4`; noder/writer.go doObj writes Bool(true) and the
	 * receiver's type-parameter names for a generic method and Bool(false)
	 * for a function, and a Type's non-generic method records then
	 * Len + Reloc(Obj) of its generic methods; objDict Len len(rtparams)
	 * and their bounds before the explicit ones. */
	{ .version = 4, .writer = "go1.27.0", .flags_word = 1, .sha256 = 1, .private_root = 1,
	  .dict_tail_go121 = 1, .alias_tparams = 1, .compact_comp_literals = 1, .generic_methods = 1 },
	/* go1.27.3 (GOTOOLCHAIN=go1.27.3): noder/unified.go `const uirVersion =
	 * pkgbits.V5`; noder/writer.go method writes `w.Len(w.p.methodIdx[...])`
	 * after Sync(Method), doObj after a generic method's receiver. */
	{ .version = 5, .writer = "go1.27.3", .flags_word = 1, .sha256 = 1, .private_root = 1,
	  .dict_tail_go121 = 1, .alias_tparams = 1, .compact_comp_literals = 1, .generic_methods = 1,
	  .method_index = 1 },
};

/* ---- element writer (pkgbits Encoder) --------------------------------- */

static void sync_to(struct tbuf *b, int on, unsigned marker)
{
	if (!on || !marker)
		return;
	tb_uvarint(b, marker);
	tb_uvarint(b, 0); /* no frames */
}

void te_sync(struct telem *e, unsigned marker) { sync_to(&e->data, e->sync, marker); }

void te_bool(struct telem *e, int v)
{
	te_sync(e, GTD_SYNC_BOOL);
	tb_u8(&e->data, (uint8_t)(v != 0));
}

void te_uint64(struct telem *e, uint64_t v)
{
	te_sync(e, GTD_SYNC_UINT64);
	tb_uvarint(&e->data, v);
}

void te_len(struct telem *e, uint64_t v) { te_uint64(e, v); }

void te_int64(struct telem *e, int64_t v)
{
	uint64_t u = (uint64_t)v << 1;

	if (v < 0)
		u = ~u;
	te_sync(e, GTD_SYNC_INT64);
	tb_uvarint(&e->data, u);
}

void te_reloc(struct telem *e, unsigned section, unsigned idx)
{
	unsigned i;

	for (i = 0; i < e->nrelocs; i++)
		if (e->reloc_section[i] == section && e->reloc_idx[i] == idx)
			break;
	if (i == e->nrelocs) {
		assert_true(e->nrelocs < T_MAX_RELOCS);
		e->reloc_section[i] = section;
		e->reloc_idx[i] = idx;
		e->nrelocs++;
	}
	te_sync(e, GTD_SYNC_USE_RELOC);
	te_len(e, i);
}

void te_string(struct telem *e, unsigned string_idx)
{
	te_sync(e, GTD_SYNC_STRING);
	te_reloc(e, GTD_SEC_STRING, string_idx);
}

void te_code(struct telem *e, unsigned marker, uint64_t v)
{
	te_sync(e, marker);
	te_len(e, v);
}

/* ---- the public sections' pieces (noder/writer.go) ---------------------- */

void te_pos(struct telem *e, unsigned line, unsigned col)
{
	te_sync(e, GTD_SYNC_POS);
	te_bool(e, 1);
	te_reloc(e, GTD_SEC_POSBASE, 0);
	te_uint64(e, line);
	te_uint64(e, col);
}

void te_pkgref(struct telem *e, unsigned pkg)
{
	te_sync(e, GTD_SYNC_PKG);
	te_reloc(e, GTD_SEC_PKG, pkg);
}

void te_ident(struct telem *e, unsigned marker, unsigned pkg, unsigned name)
{
	te_sync(e, marker);
	te_pkgref(e, pkg);
	te_string(e, name);
}

void te_typeinfo(struct telem *e, struct tti t)
{
	te_sync(e, GTD_SYNC_TYPE);
	te_bool(e, t.derived);
	if (t.derived)
		te_len(e, t.idx);
	else
		te_reloc(e, GTD_SEC_TYPE, t.idx);
}

void te_objuse(struct telem *e, unsigned obj, unsigned ntargs, const struct tti *targs)
{
	te_sync(e, GTD_SYNC_OBJECT);
	if (e->lay->objuse_dfi)
		te_bool(e, 0);
	te_reloc(e, GTD_SEC_OBJ, obj);
	te_len(e, ntargs);
	for (unsigned i = 0; i < ntargs; i++)
		te_typeinfo(e, targs[i]);
}

void te_tparam_names(struct telem *e, unsigned n, const struct tvar *names)
{
	te_sync(e, GTD_SYNC_TYPE_PARAM_NAMES);
	for (unsigned i = 0; i < n; i++) {
		te_pos(e, names[i].line, names[i].col);
		te_ident(e, GTD_SYNC_LOCAL_IDENT, names[i].pkg, names[i].name);
	}
}

void te_param(struct telem *e, const struct tvar *v)
{
	te_sync(e, GTD_SYNC_PARAM);
	te_pos(e, v->line, v->col);
	te_ident(e, GTD_SYNC_LOCAL_IDENT, v->pkg, v->name);
	te_typeinfo(e, v->type);
}

static void te_params(struct telem *e, unsigned n, const struct tvar *v)
{
	te_sync(e, GTD_SYNC_PARAMS);
	te_len(e, n);
	for (unsigned i = 0; i < n; i++)
		te_param(e, &v[i]);
}

void te_signature(struct telem *e, unsigned np, const struct tvar *params, unsigned nr,
		  const struct tvar *results, int variadic)
{
	te_sync(e, GTD_SYNC_SIGNATURE);
	te_params(e, np, params);
	te_params(e, nr, results);
	te_bool(e, variadic);
}

/* [Sync(Method)] [index] Pos selector tpNames(receiver's) param(recv)
 * signature Pos(decl), the declaration's at column 1 of the name's line. */
void te_method(struct telem *e, const struct tmethod *m)
{
	te_sync(e, GTD_SYNC_METHOD);
	if (e->lay->method_index)
		te_len(e, m->source_index);
	te_pos(e, m->line, m->col);
	te_ident(e, GTD_SYNC_SELECTOR, m->pkg, m->name);
	te_tparam_names(e, m->nrtparams, m->rtparams);
	te_param(e, &m->recv);
	te_signature(e, m->np, m->params, m->nr, m->results, 0);
	te_pos(e, m->line, 1);
}

/* Pos Bool(true) selector tpNames(receiver's) param(recv) [index]
 * tpNames(own) signature Pos(decl) */
void te_generic_method(struct telem *e, const struct tmethod *m)
{
	assert_true(e->lay->generic_methods);
	te_pos(e, m->line, m->col);
	te_bool(e, 1);
	te_ident(e, GTD_SYNC_SELECTOR, m->pkg, m->name);
	te_tparam_names(e, m->nrtparams, m->rtparams);
	te_param(e, &m->recv);
	if (e->lay->method_index)
		te_len(e, m->source_index);
	te_tparam_names(e, m->ntparams, m->tparams);
	te_signature(e, m->np, m->params, m->nr, m->results, 0);
	te_pos(e, m->line, 1);
}

/* The compiler-private tail, empty: go1.19 lists funcs and itabs; go1.21+
 * one Bool per type parameter (is its bound a method set; `any` is) and
 * then methods expressions, subdictionaries, rtypes and itabs. */
static void te_objdict_tail(struct telem *e, unsigned ntparams)
{
	unsigned lists = 2;

	if (e->lay->dict_tail_go121) {
		for (unsigned i = 0; i < ntparams; i++)
			te_bool(e, 1);
		lists = 4;
	}
	for (unsigned i = 0; i < lists; i++)
		te_len(e, 0);
}

/* Each derived type's `needed` Bool (<V2) is false, as go1.21-1.23 always
 * write it (`needed bool // TODO(mdempsky): Remove.`); go1.19 also writes
 * true, for types its bodies need at run time, which importers skip. */
void te_objdict(struct telem *e, unsigned nreceivers, const struct tti *rbounds, unsigned nexplicits,
		const struct tti *bounds, unsigned nderived, const unsigned *derived)
{
	assert_true(nreceivers == 0 || e->lay->generic_methods);
	te_len(e, 0); /* implicits: only types local to a generic function have them */
	if (e->lay->generic_methods)
		te_len(e, nreceivers);
	te_len(e, nexplicits);
	for (unsigned i = 0; i < nreceivers; i++)
		te_typeinfo(e, rbounds[i]);
	for (unsigned i = 0; i < nexplicits; i++)
		te_typeinfo(e, bounds[i]);
	te_len(e, nderived);
	for (unsigned i = 0; i < nderived; i++) {
		te_reloc(e, GTD_SEC_TYPE, derived[i]);
		if (e->lay->dict_needed)
			te_bool(e, 0);
	}
	te_objdict_tail(e, nreceivers + nexplicits);
}

/* ---- unit writer (PkgEncoder.DumpTo) ----------------------------------- */

void tu_init(struct tunit *u, unsigned version, int sync)
{
	assert_true(version < T_NUM_VERSIONS);
	memset(u, 0, sizeof *u);
	u->lay = &t_layouts[version];
	u->version = version;
	u->sync = u->lay->sync_always || (u->lay->flags_word && sync);
	u->flags = u->lay->flags_word && sync ? GTD_FLAG_SYNC_MARKERS : 0;
	u->sha256 = u->lay->sha256;
}

unsigned tu_string(struct tunit *u, const char *s)
{
	unsigned i;

	for (i = 0; i < u->nelems[0]; i++)
		if (u->strings[i].n == strlen(s) && (!*s || !memcmp(u->strings[i].p, s, strlen(s))))
			return i;
	i = u->nelems[0]++;
	assert_true(i < T_MAX_ELEMS);
	tb_str(&u->strings[i], s);
	return i;
}

struct telem *tu_elem(struct tunit *u, unsigned section, unsigned *idx)
{
	unsigned i = u->nelems[section]++;

	assert_true(section > 0 && section < 10 && i < T_MAX_ELEMS);
	if (idx)
		*idx = i;
	u->elems[section][i].sync = u->sync;
	u->elems[section][i].lay = u->lay;
	return &u->elems[section][i];
}

unsigned tu_object(struct tunit *u, struct telem **name, struct telem **obj, struct telem **dict)
{
	unsigned idx = u->nelems[GTD_SEC_OBJ];

	assert_int_equal(u->nelems[GTD_SEC_NAME], idx);
	*name = tu_elem(u, GTD_SEC_NAME, NULL);
	*obj = tu_elem(u, GTD_SEC_OBJ, NULL);
	tu_elem(u, GTD_SEC_OBJEXT, NULL);
	*dict = tu_elem(u, GTD_SEC_OBJDICT, NULL);
	return idx;
}

static unsigned marker_of(unsigned section, unsigned idx)
{
	switch (section) {
	case GTD_SEC_META: return idx == 0 ? GTD_SYNC_PUBLIC : GTD_SYNC_PRIVATE;
	case GTD_SEC_POSBASE: return GTD_SYNC_POSBASE;
	case GTD_SEC_PKG: return GTD_SYNC_PKGDEF;
	case GTD_SEC_TYPE: return GTD_SYNC_TYPEIDX;
	case GTD_SEC_BODY: return 0;
	default: return GTD_SYNC_OBJECT1;
	}
}

static void encode_elem(const struct tunit *u, unsigned section, unsigned idx, struct tbuf *out)
{
	const struct telem *e = &u->elems[section][idx];

	sync_to(out, u->sync, GTD_SYNC_RELOCS);
	sync_to(out, u->sync, GTD_SYNC_UINT64);
	tb_uvarint(out, e->nrelocs);
	for (unsigned i = 0; i < e->nrelocs; i++) {
		sync_to(out, u->sync, GTD_SYNC_RELOC);
		sync_to(out, u->sync, GTD_SYNC_UINT64);
		tb_uvarint(out, e->reloc_section[i]);
		sync_to(out, u->sync, GTD_SYNC_UINT64);
		tb_uvarint(out, e->reloc_idx[i]);
	}
	sync_to(out, u->sync, marker_of(section, idx));
	tb_bytes(out, e->data.p, e->data.n);
}

void tu_blob(const struct tunit *u, struct tbuf *out)
{
	struct tbuf data = { 0 };
	uint32_t ends[10 * T_MAX_ELEMS];
	unsigned n = 0, end = 0;
	uint8_t sum[32];

	for (unsigned k = 0; k < 10; k++)
		for (unsigned i = 0; i < u->nelems[k]; i++) {
			if (k == 0)
				tb_bytes(&data, u->strings[i].p, u->strings[i].n);
			else
				encode_elem(u, k, i, &data);
			ends[n++] = (uint32_t)data.n;
		}
	memset(out, 0, sizeof *out);
	tb_u32le(out, u->version);
	if (u->lay->flags_word)
		tb_u32le(out, u->flags);
	for (unsigned k = 0; k < 10; k++) {
		end += u->nelems[k];
		tb_u32le(out, end);
	}
	for (unsigned i = 0; i < n; i++)
		tb_u32le(out, ends[i]);
	tb_bytes(out, data.p, data.n);
	if (u->sha256)
		gtd_sha256(out->p, out->n, sum);
	else
		gtd_md5(out->p, out->n, sum);
	tb_bytes(out, sum, 8);
	tb_free(&data);
}

void tu_free(struct tunit *u)
{
	for (unsigned i = 0; i < T_MAX_ELEMS; i++)
		tb_free(&u->strings[i]);
	for (unsigned k = 0; k < 10; k++)
		for (unsigned i = 0; i < T_MAX_ELEMS; i++)
			tb_free(&u->elems[k][i].data);
}

/* The roots (noder/unified.go writeUnifiedExport): the public one lists
 * Obj 0 to n-1, every object the linker kept, in index order; the private
 * one (V1+) lists no inlinable bodies. */
void tu_roots(struct tunit *u, unsigned self, unsigned n)
{
	struct telem *e = tu_elem(u, GTD_SEC_META, NULL);

	te_pkgref(e, self);
	if (u->lay->root_has_init)
		te_bool(e, 0);
	te_len(e, n);
	for (unsigned i = 0; i < n; i++)
		te_objuse(e, i, 0, NULL);
	te_sync(e, GTD_SYNC_EOF);
	if (!u->lay->private_root)
		return;
	e = tu_elem(u, GTD_SEC_META, NULL);
	te_bool(e, 0);
	te_len(e, 0);
	te_sync(e, GTD_SYNC_EOF);
}

/* A package's Pkg element (writer.go pkgIdx), importing nothing. */
void tu_pkg(struct tunit *u, const char *path, const char *name)
{
	struct telem *e = tu_elem(u, GTD_SEC_PKG, NULL);

	te_string(e, tu_string(u, path));
	if (!name)
		return; /* builtin and unsafe: the path only */
	te_string(e, tu_string(u, name));
	if (u->lay->pkg_height)
		te_len(e, 0);
	te_len(e, 0);
}

void tu_posbase(struct tunit *u, const char *file)
{
	struct telem *e = tu_elem(u, GTD_SEC_POSBASE, NULL);

	te_string(e, tu_string(u, file));
	te_bool(e, 1);
}

/* package p
 *
 *   const C = 1
 *
 * compiled to the layout the go/types importer reads (uir-format.md §4):
 * Meta 0 lists Obj 0; Name 0 names "C" in Pkg 0 as a Const; Obj 0 holds its
 * position, type (Type 0 = untyped int) and value (Int64 1). */
void tu_package_p(struct tunit *u, unsigned version, int sync)
{
	struct telem *e, *name, *obj, *dict;

	tu_init(u, version, sync);
	tu_string(u, "");
	tu_string(u, "p");
	tu_roots(u, 0, 1);
	tu_pkg(u, "example.com/p", "p");
	tu_posbase(u, "p.go");

	tu_object(u, &name, &obj, &dict);
	te_ident(name, GTD_SYNC_SYM, 0, tu_string(u, "C"));
	te_code(name, GTD_SYNC_CODE_OBJ, 1); /* ObjConst */

	e = tu_elem(u, GTD_SEC_TYPE, NULL);
	te_code(e, GTD_SYNC_TYPE, 0); /* TypeBasic */
	te_len(e, 20); /* UntypedInt */

	te_pos(obj, 3, 7);
	te_typeinfo(obj, TTI(0));
	te_sync(obj, GTD_SYNC_VALUE);
	te_bool(obj, 0);
	te_code(obj, GTD_SYNC_VAL, 2); /* ValInt64 */
	te_int64(obj, 1);

	te_objdict(dict, 0, NULL, 0, NULL, 0, NULL);
}

void t_archive(const struct tbuf *blob, const char *goversion, struct tbuf *out)
{
	struct tbuf member = { 0 };
	char hdr[61];

	tb_str(&member, "go object linux amd64 ");
	tb_str(&member, goversion);
	tb_str(&member, " X:\nbuild id \"aaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbbbbbb\"\n\n\n$$B\nu");
	tb_bytes(&member, blob->p, blob->n);
	tb_str(&member, "\n$$\n");
	memset(out, 0, sizeof *out);
	tb_str(out, "!<arch>\n");
	snprintf(hdr, sizeof hdr, "%-16s%-12d%-6d%-6d%-8o%-10zu`\n", "__.PKGDEF", 0, 0, 0, 0644, member.n);
	tb_bytes(out, hdr, 60);
	tb_bytes(out, member.p, member.n);
	if (member.n & 1)
		tb_u8(out, 0);
	tb_free(&member);
}

int t_read_file(const char *path, struct tbuf *b)
{
	FILE *f = fopen(path, "rb");
	uint8_t buf[65536];
	size_t k;

	memset(b, 0, sizeof *b);
	if (!f)
		return -1;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		tb_bytes(b, buf, k);
	fclose(f);
	return 0;
}

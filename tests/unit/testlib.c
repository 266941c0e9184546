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

/* ---- unit writer (PkgEncoder.DumpTo) ----------------------------------- */

void tu_init(struct tunit *u, unsigned version, int sync)
{
	memset(u, 0, sizeof *u);
	u->version = version;
	u->sync = version == 0 ? 1 : sync;
	u->flags = version > 0 && sync ? GTD_FLAG_SYNC_MARKERS : 0;
	u->sha256 = version >= 2;
}

unsigned tu_string(struct tunit *u, const char *s)
{
	unsigned i = u->nelems[0]++;

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
	return &u->elems[section][i];
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
	if (u->version > 0)
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

/* package p
 *
 *   const C = 1
 *
 * compiled to the layout the go/types importer reads (uir-format.md §4):
 * Meta 0 lists Obj 0; Name 0 names "C" in Pkg 0 as a Const; Obj 0 holds its
 * position, type (Type 0 = untyped int) and value (Int64 1). */
void tu_package_p(struct tunit *u, unsigned version, int sync)
{
	unsigned s_empty, s_p, s_path, s_file, s_c;
	struct telem *e;

	tu_init(u, version, sync);
	s_empty = tu_string(u, "");
	s_p = tu_string(u, "p");
	s_path = tu_string(u, "example.com/p");
	s_file = tu_string(u, "p.go");
	s_c = tu_string(u, "C");
	(void)s_empty;

	e = tu_elem(u, GTD_SEC_META, NULL); /* public root */
	te_sync(e, GTD_SYNC_PKG);
	te_reloc(e, GTD_SEC_PKG, 0);
	if (gtd_uir_has(version, GTD_FIELD_HAS_INIT))
		te_bool(e, 0);
	te_len(e, 1);
	te_sync(e, GTD_SYNC_OBJECT);
	if (gtd_uir_has(version, GTD_FIELD_DERIVED_FUNC_INSTANCE))
		te_bool(e, 0);
	te_reloc(e, GTD_SEC_OBJ, 0);
	te_len(e, 0);
	te_sync(e, GTD_SYNC_EOF);
	if (version > 0) {
		e = tu_elem(u, GTD_SEC_META, NULL); /* private root */
		te_bool(e, 0);
		te_len(e, 0);
		te_sync(e, GTD_SYNC_EOF);
	}

	e = tu_elem(u, GTD_SEC_POSBASE, NULL);
	te_string(e, s_file);
	te_bool(e, 1);

	e = tu_elem(u, GTD_SEC_PKG, NULL);
	te_string(e, s_path);
	te_string(e, s_p);
	if (gtd_uir_has(version, GTD_FIELD_PKG_HEIGHT))
		te_len(e, 0);
	te_len(e, 0);

	e = tu_elem(u, GTD_SEC_NAME, NULL);
	te_sync(e, GTD_SYNC_SYM);
	te_sync(e, GTD_SYNC_PKG);
	te_reloc(e, GTD_SEC_PKG, 0);
	te_string(e, s_c);
	te_code(e, GTD_SYNC_CODE_OBJ, 1);

	e = tu_elem(u, GTD_SEC_TYPE, NULL);
	te_code(e, GTD_SYNC_TYPE, 0);
	te_len(e, 20); /* UntypedInt */

	e = tu_elem(u, GTD_SEC_OBJ, NULL);
	te_sync(e, GTD_SYNC_POS);
	te_bool(e, 1);
	te_reloc(e, GTD_SEC_POSBASE, 0);
	te_uint64(e, 3);
	te_uint64(e, 7);
	te_sync(e, GTD_SYNC_TYPE);
	te_bool(e, 0);
	te_reloc(e, GTD_SEC_TYPE, 0);
	te_sync(e, GTD_SYNC_VALUE);
	te_bool(e, 0);
	te_code(e, GTD_SYNC_VAL, 2);
	te_int64(e, 1);

	tu_elem(u, GTD_SEC_OBJEXT, NULL);
	e = tu_elem(u, GTD_SEC_OBJDICT, NULL);
	te_len(e, 0);
	if (gtd_uir_has(version, GTD_FIELD_GENERIC_METHODS))
		te_len(e, 0);
	te_len(e, 0);
	te_len(e, 0);
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

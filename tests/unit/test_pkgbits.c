/* pkgbits: the unit header, element reader and raw unit decoder, on the real
 * go1.20 archive and on hand-written units of every version. */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/digest.h"
#include "gotypedb/exportdata.h"
#include "gotypedb/pkgbits.h"
#include "gotypedb/uir.h"
#include "testlib.h"

#define XT_V1 "tests/data/xtools_test_go1.20_u.a"

/* ---- a sink that counts and remembers --------------------------------- */

struct rec {
	struct gtd_unit_rec unit;
	char pkg_path[128];
	unsigned units, sections, strings, elements, refs;
	uint32_t section_elems[10];
	char strs[64][64];
	struct { unsigned section, idx, slot, ref_section, ref_idx; } ref[256];
};

static int r_unit(void *ctx, const struct gtd_unit_rec *u)
{
	struct rec *r = ctx;

	r->unit = *u;
	memcpy(r->pkg_path, u->pkg_path.p, u->pkg_path.n < 127 ? u->pkg_path.n : 127);
	r->units++;
	return 0;
}

static int r_section(void *ctx, unsigned s, uint32_t elems, uint32_t bytes)
{
	struct rec *r = ctx;

	(void)bytes;
	r->section_elems[s] = elems;
	r->sections++;
	return 0;
}

static int r_string(void *ctx, uint32_t idx, struct gtd_bytes t)
{
	struct rec *r = ctx;

	if (idx < 64 && t.n < 64)
		memcpy(r->strs[idx], t.p, t.n);
	r->strings++;
	return 0;
}

static int r_element(void *ctx, unsigned s, uint32_t idx, uint32_t off, uint32_t len)
{
	struct rec *r = ctx;

	(void)s; (void)idx; (void)off; (void)len;
	r->elements++;
	return 0;
}

static int r_ref(void *ctx, unsigned s, uint32_t idx, uint32_t slot, unsigned rs, uint32_t ri)
{
	struct rec *r = ctx;

	if (r->refs < 256) {
		r->ref[r->refs].section = s;
		r->ref[r->refs].idx = idx;
		r->ref[r->refs].slot = slot;
		r->ref[r->refs].ref_section = rs;
		r->ref[r->refs].ref_idx = ri;
	}
	r->refs++;
	return 0;
}

static struct gtd_sink rec_sink(struct rec *r)
{
	memset(r, 0, sizeof *r);
	return (struct gtd_sink){ .ctx = r, .unit = r_unit, .section = r_section, .string = r_string,
				  .element = r_element, .ref = r_ref };
}

/* Decodes blob as the export data of a fake member. */
static int decode_blob(const struct tbuf *blob, struct rec *r, struct gtd_error *err, int skip_fp)
{
	struct gtd_uir_options opt = { skip_fp };
	struct gtd_exportdata ed;
	struct gtd_sink sink = rec_sink(r);

	memset(&ed, 0, sizeof ed);
	ed.format = GTD_EXPORT_UNIFIED;
	gtd_cursor_init(&ed.blob, blob->p, blob->n, 0x100, err);
	return gtd_uir_decode_unit(&ed, &opt, &sink, err);
}

static int has_ref(const struct rec *r, unsigned s, unsigned idx, unsigned slot, unsigned rs,
		   unsigned ri)
{
	for (unsigned i = 0; i < r->refs && i < 256; i++)
		if (r->ref[i].section == s && r->ref[i].idx == idx && r->ref[i].slot == slot &&
		    r->ref[i].ref_section == rs && r->ref[i].ref_idx == ri)
			return 1;
	return 0;
}

/* ---- the real go1.20 archive (uir-format.md §2a) ----------------------- */

/* gtd_pkgbits_blob_size's reader: from the file's bytes. */
struct file_bytes {
	const struct tbuf *f;
	unsigned reads;
};

static int read_le32_file(void *ctx, uint64_t off, uint32_t *v, struct gtd_error *err)
{
	struct file_bytes *fb = ctx;

	fb->reads++;
	if (off + 4 > fb->f->n)
		return gtd_fail(err, GTD_EDATA, "offset 0x%llx: past the end", (unsigned long long)off);
	*v = gtd_pkgbits_le32(fb->f->p + off);
	return GTD_OK;
}

/* The blob's length from its fixed header and last element end alone. */
static void test_xtools_v1_blob_size(void **state)
{
	struct file_bytes fb;
	struct gtd_error err;
	struct gtd_cursor head;
	struct tbuf f;
	uint64_t size;
	(void)state;

	assert_int_equal(t_read_file(XT_V1, &f), 0);
	fb.f = &f;
	fb.reads = 0;
	gtd_cursor_init(&head, f.p + 0xd3, GTD_PKGBITS_FIXED_HEADER_MAX, 0xd3, &err);
	assert_int_equal(gtd_pkgbits_blob_size(&head, read_le32_file, &fb, &size), GTD_OK);
	assert_int_equal(size, 0x20d - 0xd3);
	assert_int_equal(fb.reads, 1); /* elem_end[15] only */
	/* V6: refused as gtd_pkgbits_open refuses it, before any other read */
	f.p[0xd3] = 6;
	fb.reads = 0;
	assert_int_equal(gtd_pkgbits_blob_size(&head, read_le32_file, &fb, &size), GTD_EUNSUPPORTED);
	assert_string_equal(err.msg, "offset 0xd3: pkgbits version 6 is newer than the newest this "
				     "gotypedb decodes (V5)");
	assert_int_equal(fb.reads, 0);
	tb_free(&f);
}

static void test_xtools_v1_header(void **state)
{
	static const uint32_t section_end[10] = { 6, 8, 9, 10, 11, 13, 14, 15, 16, 16 };
	static const uint32_t elem_end[16] = { 0, 4, 26, 96, 97, 107, 118, 121, 126, 136, 144, 167,
					       170, 182, 186, 194 };
	struct gtd_pkgbits pb;
	struct gtd_error err;
	struct gtd_cursor blob;
	struct tbuf f;
	(void)state;

	assert_int_equal(t_read_file(XT_V1, &f), 0);
	gtd_cursor_init(&blob, f.p + 0xd3, 0x20d - 0xd3, 0xd3, &err);
	assert_int_equal(gtd_pkgbits_open(&blob, &pb), GTD_OK);
	assert_int_equal(pb.version, 1);
	assert_int_equal(pb.flags, 0);
	assert_int_equal(pb.sync, 0);
	assert_memory_equal(pb.section_end, section_end, sizeof section_end);
	for (uint32_t i = 0; i < 16; i++) {
		uint32_t off, len;

		gtd_pkgbits_elem_range(&pb, i, &off, &len);
		assert_int_equal(off + len, elem_end[i]);
	}
	assert_int_equal(pb.data.base, 0x143);
	assert_memory_equal(pb.fingerprint, "\xee\xeb\xae\xd6\x44\xdc\x1f\xc8", 8);
	assert_true(gtd_pkgbits_fingerprint_ok(&pb, GTD_FP_MD5));
	assert_false(gtd_pkgbits_fingerprint_ok(&pb, GTD_FP_SHA256));
	tb_free(&f);
}

static void test_xtools_v1_decode(void **state)
{
	struct tbuf f, blob = { 0 };
	struct gtd_error err;
	struct rec r;
	(void)state;

	assert_int_equal(t_read_file(XT_V1, &f), 0);
	tb_bytes(&blob, f.p + 0xd3, 0x20d - 0xd3);
	assert_int_equal(decode_blob(&blob, &r, &err, 0), GTD_OK);
	assert_string_equal(r.unit.fingerprint_hash, "md5");
	assert_string_equal(r.pkg_path, "command-line-arguments");
	assert_int_equal(r.strings, 6);
	assert_int_equal(r.elements, 16);
	assert_int_equal(r.sections, 10);
	assert_int_equal(r.refs, 15);
	assert_string_equal(r.strs[5], "BlankField");
	/* Type 0 = struct{ _ int }: (PosBase,0) (Pkg,0) (String,"_") (Type,1) (String,"") */
	assert_true(has_ref(&r, GTD_SEC_TYPE, 0, 0, GTD_SEC_POSBASE, 0));
	assert_true(has_ref(&r, GTD_SEC_TYPE, 0, 2, GTD_SEC_STRING, 4));
	assert_true(has_ref(&r, GTD_SEC_TYPE, 0, 3, GTD_SEC_TYPE, 1));
	/* Name 0 names BlankField */
	assert_true(has_ref(&r, GTD_SEC_NAME, 0, 1, GTD_SEC_STRING, 5));
	/* Meta 0 lists Obj 0 */
	assert_true(has_ref(&r, GTD_SEC_META, 0, 1, GTD_SEC_OBJ, 0));
	tb_free(&f);
	tb_free(&blob);
}

/* ---- hand-written "package p" in every version ------------------------ */

static void test_package_p_every_version(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= GTD_UIR_MAX_VERSION; v++) {
		for (int sync = 0; sync <= 1; sync++) {
			struct tunit u;
			struct tbuf blob;
			struct gtd_error err;
			struct rec r;

			tu_package_p(&u, v, sync);
			tu_blob(&u, &blob);
			assert_int_equal(decode_blob(&blob, &r, &err, 0), GTD_OK);
			assert_string_equal(r.pkg_path, "example.com/p");
			assert_int_equal(r.unit.version, v);
			assert_int_equal(r.unit.sync_markers, v == 0 || sync);
			assert_string_equal(r.unit.fingerprint_hash, v >= 2 ? "sha256" : "md5");
			assert_int_equal(r.strings, 5);
			assert_int_equal(r.section_elems[GTD_SEC_META], v == 0 ? 1 : 2);
			assert_true(has_ref(&r, GTD_SEC_NAME, 0, 1, GTD_SEC_STRING, 4));
			tb_free(&blob);
			tu_free(&u);
		}
	}
}

/* The fingerprint hash is whatever matches: a V1 unit hashed with
 * SHA-256 (go1.24 with noaliastypeparams) is fine. */
static void test_fingerprint_either_hash(void **state)
{
	struct tunit u;
	struct tbuf blob;
	struct gtd_error err;
	struct rec r;
	(void)state;

	tu_package_p(&u, 1, 0);
	u.sha256 = 1;
	tu_blob(&u, &blob);
	assert_int_equal(decode_blob(&blob, &r, &err, 0), GTD_OK);
	assert_string_equal(r.unit.fingerprint_hash, "sha256");
	blob.p[blob.n - 1] ^= 1;
	assert_int_equal(decode_blob(&blob, &r, &err, 0), GTD_EDATA);
	assert_non_null(strstr(err.msg, "fingerprint does not match"));
	assert_int_equal(r.units, 0);
	tb_free(&blob);
	tu_free(&u);
}

/* Recomputes the fingerprint after a test has altered the blob. */
static void refingerprint(struct tbuf *blob, int sha256)
{
	uint8_t sum[32];

	if (sha256)
		gtd_sha256(blob->p, blob->n - 8, sum);
	else
		gtd_md5(blob->p, blob->n - 8, sum);
	memcpy(blob->p + blob->n - 8, sum, 8);
}

static void put32(struct tbuf *b, size_t off, uint32_t v)
{
	b->p[off] = (uint8_t)v;
	b->p[off + 1] = (uint8_t)(v >> 8);
	b->p[off + 2] = (uint8_t)(v >> 16);
	b->p[off + 3] = (uint8_t)(v >> 24);
}

static void expect_error(struct tbuf *blob, int sha256, int code, const char *needle)
{
	struct gtd_error err;
	struct rec r;

	refingerprint(blob, sha256);
	assert_int_equal(decode_blob(blob, &r, &err, 0), code);
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
}

static void test_header_errors(void **state)
{
	struct tunit u;
	struct tbuf blob;
	(void)state;

	tu_package_p(&u, 2, 0);
	tu_blob(&u, &blob);

	put32(&blob, 0, 6); /* version 6 */
	expect_error(&blob, 1, GTD_EUNSUPPORTED, "pkgbits version 6 is newer than the newest");
	put32(&blob, 0, 2);

	put32(&blob, 4, 2); /* an undefined flag bit */
	expect_error(&blob, 1, GTD_EUNSUPPORTED, "unknown pkgbits flags 0x2");
	put32(&blob, 4, 0);

	put32(&blob, 8 + 4, 2); /* section end 1 below section end 0 (5) */
	expect_error(&blob, 1, GTD_EDATA, "section end 1 (Meta) is 2, below the previous 5");
	put32(&blob, 8 + 4, 7);

	put32(&blob, 48, 3); /* element end 0 (3) above element end 1 (1) */
	expect_error(&blob, 1, GTD_EDATA, "element end 1 is 1, below the previous 3");
	tb_free(&blob);
	tu_free(&u);
}

static void test_length_mismatch(void **state)
{
	struct tunit u;
	struct tbuf blob, longer = { 0 };
	(void)state;

	tu_package_p(&u, 2, 0);
	tu_blob(&u, &blob);
	tb_bytes(&longer, blob.p, blob.n);
	tb_u8(&longer, 0);
	expect_error(&longer, 1, GTD_EDATA, "plus an 8-byte fingerprint should fill the remaining");
	tb_free(&longer);

	put32(&blob, 8 + 36, 1000000); /* a huge element count */
	expect_error(&blob, 1, GTD_EDATA, "1000000 elements need a 4000000-byte end table");
	tb_free(&blob);
	tu_free(&u);
}

/* Element-level damage, each with a valid fingerprint so that the
 * structural checks (not the fingerprint) must catch it. */
static void test_element_errors(void **state)
{
	struct tunit u;
	struct tbuf blob;
	struct telem *e;
	(void)state;

	/* a reference to section 12 */
	tu_package_p(&u, 1, 0);
	e = &u.elems[GTD_SEC_TYPE][0];
	e->reloc_section[e->nrelocs] = 12;
	e->reloc_idx[e->nrelocs++] = 0;
	tu_blob(&u, &blob);
	expect_error(&blob, 0, GTD_EDATA, "Type 0: reference table entry 0: ");
	expect_error(&blob, 0, GTD_EDATA, "reference to section 12; sections are 0-9");
	tb_free(&blob);
	tu_free(&u);

	/* a reference to String 99 of 5 */
	tu_package_p(&u, 1, 0);
	e = &u.elems[GTD_SEC_OBJ][0];
	e->reloc_section[e->nrelocs] = GTD_SEC_STRING;
	e->reloc_idx[e->nrelocs++] = 99;
	tu_blob(&u, &blob);
	expect_error(&blob, 0, GTD_EDATA, "reference to String 99, but the unit has 5");
	tb_free(&blob);
	tu_free(&u);

	/* the public root's Pkg use names a String entry */
	tu_package_p(&u, 1, 0);
	u.elems[GTD_SEC_META][0].reloc_section[0] = GTD_SEC_STRING;
	tu_blob(&u, &blob);
	expect_error(&blob, 0, GTD_EDATA, "Meta 0: offset");
	expect_error(&blob, 0, GTD_EDATA, "reference 0 is to String where Pkg was expected");
	tb_free(&blob);
	tu_free(&u);
}

static void test_sync_marker_mismatch(void **state)
{
	struct tunit u;
	struct tbuf blob;
	(void)state;

	tu_package_p(&u, 0, 1);
	/* The public root's payload starts with Sync(Pkg) = 16: make it 17. */
	assert_int_equal(u.elems[GTD_SEC_META][0].data.p[0], GTD_SYNC_PKG);
	u.elems[GTD_SEC_META][0].data.p[0] = GTD_SYNC_PKGDEF;
	tu_blob(&u, &blob);
	expect_error(&blob, 0, GTD_EDATA, "sync marker 17 where marker 16 was expected");
	tb_free(&blob);
	tu_free(&u);
}

/* Every truncation of the blob is an error, never a crash or a row. */
static void test_every_truncation(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v += 1) {
		struct tunit u;
		struct tbuf blob;

		tu_package_p(&u, v, v == 0);
		tu_blob(&u, &blob);
		for (size_t n = 0; n < blob.n; n++) {
			struct tbuf cut = { 0 };
			struct gtd_error err;
			struct rec r;

			tb_bytes(&cut, blob.p, n);
			assert_int_not_equal(decode_blob(&cut, &r, &err, 1), GTD_OK);
			assert_int_equal(r.units + r.strings + r.elements + r.refs, 0);
			assert_true(err.msg[0] != '\0');
			tb_free(&cut);
		}
		tb_free(&blob);
		tu_free(&u);
	}
}

/* Every single-bit flip, with the fingerprint recomputed so the structural
 * decoder sees it: an error with a message, or a consistent decode. */
static void test_every_bit_flip(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 4; v += 4) {
		struct tunit u;
		struct tbuf blob;

		tu_package_p(&u, v, 1);
		tu_blob(&u, &blob);
		for (size_t bit = 0; bit < (blob.n - 8) * 8; bit++) {
			struct gtd_error err;
			struct rec r;
			int rc;

			blob.p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			refingerprint(&blob, v >= 2);
			rc = decode_blob(&blob, &r, &err, 0);
			if (rc != GTD_OK)
				assert_true(err.msg[0] != '\0');
			else
				assert_int_equal(r.units, 1);
			blob.p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		tb_free(&blob);
		tu_free(&u);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xtools_v1_header),
		cmocka_unit_test(test_xtools_v1_blob_size),
		cmocka_unit_test(test_xtools_v1_decode),
		cmocka_unit_test(test_package_p_every_version),
		cmocka_unit_test(test_fingerprint_either_hash),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_length_mismatch),
		cmocka_unit_test(test_element_errors),
		cmocka_unit_test(test_sync_marker_mismatch),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_every_bit_flip),
	};
	return cmocka_run_group_tests_name("pkgbits", tests, NULL, NULL) ? 1 : 0;
}

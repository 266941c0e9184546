/* mutate: writes damaged copies of a package archive for the bad-input
 * tests.
 *
 *   mutate IN.a OUTDIR SEED
 *
 * Writes into OUTDIR:
 *   cut-N.a    IN truncated to N bytes, for N at every section and element
 *              boundary of its export data, every header boundary, and 32
 *              random points, all inside the __.PKGDEF member;
 *   flip-B.a   IN with bit B flipped, for 64 random bits of the member;
 *   refp-B.a   IN with a random bit of the element data or header tables
 *              flipped and the fingerprint recomputed, so that the
 *              structural decoder (not the fingerprint) must catch it;
 *              64 of them.
 * The random choices come from SEED (xorshift), so a failure reproduces.
 *
 *   mutate --grow IN.a OUT.a K N
 *
 * Writes OUT.a: IN with K more String elements of N bytes each, the
 * fingerprint recomputed: a valid unit of any size or element count, for
 * the out-of-memory tests (tests/cli/unreadable.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/classify.h"
#include "gotypedb/digest.h"
#include "gotypedb/exportdata.h"
#include "gotypedb/pkgbits.h"

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void write_file(const char *dir, const char *kind, size_t n, const uint8_t *p, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s-%zu.a", dir, kind, n);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static uint8_t *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(1);
	}
	p = malloc((size_t)len + 1);
	if (!p || fread(p, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*n = (size_t)len;
	return p;
}

/* A growable output buffer. */
struct out {
	uint8_t *p;
	size_t n, cap;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2;
		if (!(o->p = realloc(o->p, o->cap))) {
			perror("mutate");
			exit(1);
		}
	}
	memcpy(o->p + o->n, p, n);
	o->n += n;
}

static void put_u32(struct out *o, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	put(o, b, 4);
}

/* The blob of pb with k String elements of n bytes ('x') after the others. */
static void grown_blob(const struct gtd_pkgbits *pb, uint32_t k, uint32_t n, struct out *o)
{
	uint32_t nstr = pb->section_end[0], end = 0, grown = k * n;
	uint8_t sum[32];
	size_t start = o->n;

	put_u32(o, pb->version);
	if (pb->version >= 1)
		put_u32(o, pb->flags);
	for (unsigned s = 0; s < GTD_NUM_SECTIONS; s++)
		put_u32(o, pb->section_end[s] + k);
	for (uint32_t i = 0; i < pb->nelems; i++) {
		if (i == nstr)
			for (uint32_t j = 1; j <= k; j++)
				put_u32(o, end + j * n);
		end = gtd_pkgbits_le32(pb->elem_end + 4 * (size_t)i);
		put_u32(o, end + (i >= nstr ? grown : 0));
	}
	if (nstr == pb->nelems)
		for (uint32_t j = 1; j <= k; j++)
			put_u32(o, end + j * n);
	end = nstr ? gtd_pkgbits_le32(pb->elem_end + 4 * ((size_t)nstr - 1)) : 0;
	put(o, pb->data.data, end);
	for (uint32_t j = 0; j < grown; j++)
		put(o, "x", 1);
	put(o, pb->data.data + end, pb->data.len - end);
	if (pb->version >= 2)
		gtd_sha256(o->p + start, o->n - start, sum);
	else
		gtd_md5(o->p + start, o->n - start, sum);
	put(o, sum, 8);
}

static int grow(const uint8_t *p, const struct gtd_classified *cl, const struct gtd_exportdata *ed,
		const struct gtd_pkgbits *pb, const char *out_path, uint32_t k, uint32_t n)
{
	struct out member = { 0 }, ar = { 0 };
	char hdr[61];
	FILE *f;

	put(&member, p + cl->member_off, (size_t)ed->blob.base - cl->member_off);
	grown_blob(pb, k, n, &member);
	put(&member, "\n$$\n", 4);
	snprintf(hdr, sizeof hdr, "%-16s%-12d%-6d%-6d%-8o%-10zu`\n", "__.PKGDEF", 0, 0, 0, 0644, member.n);
	put(&ar, GTD_AR_MAGIC, GTD_AR_MAGIC_LEN);
	put(&ar, hdr, GTD_AR_HEADER_LEN);
	put(&ar, member.p, member.n);
	if (member.n & 1)
		put(&ar, "\n", 1);
	f = fopen(out_path, "wb");
	if (!f || fwrite(ar.p, 1, ar.n, f) != ar.n || fclose(f)) {
		perror(out_path);
		return 1;
	}
	free(member.p);
	free(ar.p);
	return 0;
}

int main(int argc, char **argv)
{
	struct gtd_error err;
	struct gtd_cursor file, member;
	struct gtd_classified cl;
	struct gtd_exportdata ed;
	struct gtd_pkgbits pb;
	uint8_t *p, sum[32];
	size_t n, blob_off, data_off;

	int growing = argc == 6 && strcmp(argv[1], "--grow") == 0;

	if (argc != 4 && !growing) {
		fprintf(stderr, "usage: mutate IN.a OUTDIR SEED | mutate --grow IN.a OUT.a K N\n");
		return 2;
	}
	if (growing)
		argv++;
	p = read_all(argv[1], &n);
	rng = strtoull(argv[3], NULL, 10) | 1;
	gtd_cursor_init(&file, p, n, 0, &err);
	if (gtd_classify(&file, n, &cl) || cl.kind != GTD_FILE_ARCHIVE ||
	    gtd_cursor_sub(&file, cl.member_off, cl.member_size, &member) ||
	    gtd_exportdata_parse(&member, &ed) || ed.format != GTD_EXPORT_UNIFIED ||
	    gtd_pkgbits_open(&ed.blob, &pb)) {
		fprintf(stderr, "mutate: %s: not a unified-IR archive: %s\n", argv[1], err.msg);
		return 1;
	}
	if (growing) {
		int rc = grow(p, &cl, &ed, &pb, argv[2], (uint32_t)strtoul(argv[3], NULL, 10),
			      (uint32_t)strtoul(argv[4], NULL, 10));

		free(p);
		return rc;
	}
	blob_off = (size_t)ed.blob.base;
	data_off = (size_t)pb.data.base;

	/* truncations: the archive and member headers, the blob's header
	 * tables, every element boundary, the fingerprint and end marker */
	for (size_t k = 0; k <= 68; k += 4)
		write_file(argv[2], "cut", k, p, k);
	for (size_t k = blob_off; k < data_off; k += 4)
		write_file(argv[2], "cut", k, p, k);
	for (uint32_t i = 0; i < pb.nelems; i++) {
		uint32_t off, len;

		gtd_pkgbits_elem_range(&pb, i, &off, &len);
		write_file(argv[2], "cut", data_off + off, p, data_off + off);
	}
	for (size_t k = data_off + pb.data.len; k < blob_off + ed.blob.len + 4; k++)
		write_file(argv[2], "cut", k, p, k);
	for (int i = 0; i < 32; i++) {
		size_t k = (size_t)(next() % (cl.member_off + cl.member_size));
		write_file(argv[2], "cut", k, p, k);
	}

	/* plain bit flips anywhere in the member */
	for (int i = 0; i < 64; i++) {
		size_t bit = (size_t)(next() % (cl.member_size * 8)) + cl.member_off * 8;

		p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		write_file(argv[2], "flip", bit, p, n);
		p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}

	/* bit flips in the blob (version through element data), with the
	 * fingerprint recomputed as a hostile writer would */
	for (int i = 0; i < 64; i++) {
		size_t span = pb.hashed.n, bit = (size_t)(next() % (span * 8)) + blob_off * 8;
		uint8_t save[8];
		uint8_t *fp = p + blob_off + pb.hashed.n;

		memcpy(save, fp, 8);
		p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (pb.version >= 2)
			gtd_sha256(p + blob_off, pb.hashed.n, sum);
		else
			gtd_md5(p + blob_off, pb.hashed.n, sum);
		memcpy(fp, sum, 8);
		write_file(argv[2], "refp", bit, p, n);
		p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memcpy(fp, save, 8);
	}
	free(p);
	return 0;
}

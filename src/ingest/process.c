/* One file, in a worker thread: read only what is needed, in bounded
 * pieces, never the whole file for what is not needed: the first bytes (to
 * classify it), the member's first bytes (its header lines and the pkgbits
 * header, which say where the export data ends), then the member up to
 * that end (an archive's object code, or a bare object's, is never read);
 * then hash, claim, decode.  What cannot be decoded is judged from the
 * bytes read so far, and those bytes are its content. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gotypedb/exportdata.h"
#include "gotypedb/uir.h"
#include "ingest_int.h"

/* Member bytes read to find the export data: Go writes a few hundred bytes
 * of header lines before it (cmd/go's reader takes each line in a 4096-byte
 * buffer), and the pkgbits header follows. */
#define HEADER_WINDOW 4096

/* What decoding a member of n bytes may hold at its peak, the member and
 * the staged rows included, reserved before it is read: on the go1.26
 * std cmd cache (894 units) the heap grew by at most 24 bytes per member
 * byte plus 1.6 MB while a unit decoded.  Once decoded, a result counts
 * what it keeps. */
#define DECODE_BYTES_PER_BYTE 25
#define DECODE_FIXED (2u << 20)

/* Where the export data may be: the __.PKGDEF member of an archive, which
 * it must end, or a bare "go object" file, which goes on with object code. */
struct member {
	uint64_t off, size;
	int archive;
};

static int read_at(int fd, uint8_t *buf, size_t n, uint64_t off, struct gtd_error *err)
{
	size_t done = 0;

	while (done < n) {
		ssize_t k = pread(fd, buf + done, n - done, (off_t)(off + done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return gtd_fail(err, GTD_EIO, "read: %s", strerror(errno));
		if (k == 0)
			return gtd_fail(err, GTD_EIO, "read: file shrank while being read");
		done += (size_t)k;
	}
	return GTD_OK;
}

static const char *reject_message(const struct gtd_exportdata *ed, enum gtd_reject *why)
{
	switch (ed->format) {
	case GTD_EXPORT_INDEXED:
		*why = GTD_REJECT_FORMAT_INDEXED;
		return "indexed (i) export data (the default of go1.11-go1.19, and of go1.20+ "
		       "with GOEXPERIMENT=nounified); gotypedb decodes unified (u) export data";
	case GTD_EXPORT_OLD_BINARY:
		*why = GTD_REJECT_FORMAT_OLD_BINARY;
		return "old binary export data (go1.7-go1.10); gotypedb decodes unified (u) export data";
	case GTD_EXPORT_TEXTUAL:
		*why = GTD_REJECT_FORMAT_TEXTUAL;
		return "textual export data (go1.6 and older); gotypedb decodes unified (u) export data";
	case GTD_EXPORT_UNIFIED_PROTOTYPE:
		*why = GTD_REJECT_FORMAT_PROTOTYPE;
		return "go1.18 GOEXPERIMENT=unified prototype (\"newexportsize\" tail after indexed "
		       "data); gotypedb decodes the final unified (u) format of go1.19 and later";
	default:
		*why = GTD_REJECT_FORMAT_UNKNOWN;
		return "unknown export data format byte";
	}
}

/* Returns 1 if this file should decode the content, 0 if another file
 * (earlier in walk order) or the database already has it. */
int claim(struct ingest *in, struct result *r)
{
	int64_t content_id;
	uint64_t *slot;
	int inserted, mine = 1;

	pthread_mutex_lock(&in->mu);
	if (gtd_bmap_upsert(&in->claims, r->hash, sizeof r->hash, &slot, &inserted)) {
		mine = 1; /* no memory to remember the claim: decode, the writer dedups */
	} else if (inserted) {
		if (!in->opt->force && gtd_store_known_content(in->st, r->hash, &content_id)) {
			*slot = CLAIM_WRITTEN;
			mine = 0;
		} else {
			*slot = r->job.seq;
		}
	} else if (*slot == CLAIM_WRITTEN || *slot == CLAIM_FAILED || *slot < r->job.seq) {
		mine = 0;
	} else {
		*slot = r->job.seq; /* a later file claimed it first: decode here too */
	}
	pthread_mutex_unlock(&in->mu);
	r->claimed = mine;
	return mine;
}

/* A content judged from the n bytes read so far (r->outcome and r->err
 * hold the verdict): those bytes are its identity.  The verdict stands
 * unless another file has the content. */
static void judged_content(struct ingest *in, struct result *r, const uint8_t *bytes, size_t n)
{
	r->content_size = n;
	gtd_content_hash(bytes, n, r->hash);
	if (!claim(in, r))
		r->outcome = OUT_DUPLICATE;
}

static void reject(struct result *r, const struct gtd_exportdata *ed)
{
	const char *msg = reject_message(ed, &r->reject);

	r->outcome = OUT_REJECTED;
	if (ed->format == GTD_EXPORT_INDEXED)
		gtd_fail(&r->err, GTD_EUNSUPPORTED, "__.PKGDEF: %s (iexport version %llu)", msg,
			 (unsigned long long)ed->indexed_version);
	else
		gtd_fail(&r->err, GTD_EUNSUPPORTED, "__.PKGDEF: %s", msg);
}

/* The verdict of an error code found before decoding. */
static void fail_before_decoding(struct result *r, int rc)
{
	if (rc == GTD_EIO) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	gtd_context(&r->err, "__.PKGDEF");
	r->outcome = rc == GTD_EUNSUPPORTED ? OUT_REJECTED : OUT_ERROR;
	r->reject = GTD_REJECT_VERSION;
}

static void decode_content(struct result *r, const struct gtd_cursor *member)
{
	struct gtd_uir_options uopt = { 0 };
	struct gtd_exportdata ed;
	int rc;

	if (gtd_exportdata_parse(member, &ed)) {
		r->outcome = OUT_ERROR;
		gtd_context(&r->err, "__.PKGDEF");
		return;
	}
	if (ed.format != GTD_EXPORT_UNIFIED) {
		reject(r, &ed);
		return;
	}
	gtd_stage_init(&r->stage, &r->err);
	rc = gtd_uir_decode_unit(&ed, &uopt, &r->stage.sink, &r->err);
	if (rc == GTD_OK)
		rc = gtd_stage_finish(&r->stage);
	if (rc == GTD_OK) {
		r->outcome = OUT_DECODED;
		return;
	}
	gtd_stage_free(&r->stage);
	gtd_context(&r->err, "__.PKGDEF");
	r->outcome = rc == GTD_ENOMEM ? OUT_NO_MEMORY
		     : rc == GTD_EUNSUPPORTED || rc == GTD_ELIMIT ? OUT_REJECTED : OUT_ERROR;
	r->reject = rc == GTD_ELIMIT ? GTD_REJECT_LIMIT : GTD_REJECT_VERSION;
}

struct le32_reader {
	int fd;
	const struct member *m;
};

/* A uint32 of the pkgbits header, far into the member (an element end). */
static int read_le32_at(void *ctx, uint64_t off, uint32_t *v, struct gtd_error *err)
{
	const struct le32_reader *rd = ctx;
	uint8_t b[4];

	if (off < rd->m->off || off + 4 > rd->m->off + rd->m->size)
		return gtd_fail(err, GTD_EDATA, "offset 0x%llx: past the member's end (0x%llx)",
				(unsigned long long)off, (unsigned long long)(rd->m->off + rd->m->size));
	if (read_at(rd->fd, b, 4, off, err))
		return err->code;
	*v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return GTD_OK;
}

/* Where the unit's export data ends (its "\n$$\n" marker included), as a
 * member offset, from the pkgbits header alone: the member must end there
 * (an archive) or go on (a bare object). */
static int export_end(int fd, const struct member *m, const struct gtd_exportdata *ed,
		      const uint8_t *window, size_t wn, uint64_t *end, struct gtd_error *err)
{
	uint8_t fixed[GTD_PKGBITS_FIXED_HEADER_MAX];
	uint64_t left = m->size - ed->data_off, blob_size;
	size_t n = left < sizeof fixed ? (size_t)left : sizeof fixed;
	struct le32_reader rd = { fd, m };
	struct gtd_cursor head;

	if (ed->data_off + n <= wn)
		memcpy(fixed, window + ed->data_off, n);
	else if (read_at(fd, fixed, n, m->off + ed->data_off, err))
		return err->code;
	gtd_cursor_init(&head, fixed, n, m->off + ed->data_off, err);
	if (gtd_pkgbits_blob_size(&head, read_le32_at, &rd, &blob_size))
		return gtd_context(err, "export data header");
	*end = ed->data_off + blob_size + 4; /* "\n$$\n" */
	if (m->archive ? *end == m->size : *end <= m->size)
		return GTD_OK;
	return gtd_fail(err, GTD_EDATA,
			"export data header: offset 0x%llx: a %llu-byte unit and the \"\\n$$\\n\" marker "
			"would end at offset 0x%llx, but the %s ends at 0x%llx",
			(unsigned long long)(m->off + ed->data_off), (unsigned long long)blob_size,
			(unsigned long long)(m->off + *end), m->archive ? "member" : "file",
			(unsigned long long)(m->off + m->size));
}

/* What the result keeps once decoded (or not): the budget counts that. */
static void settle(struct ingest *in, struct result *r)
{
	uint64_t keep = 0;

	if (r->outcome == OUT_DECODED) {
		keep = r->content_size + gtd_stage_bytes(&r->stage);
	} else {
		free(r->bytes);
		r->bytes = NULL;
	}
	budget_settle(&in->budget, &r->budgeted, keep);
}

/* The member's first end bytes (window holds the first have): read,
 * hashed, claimed, decoded. */
static void decode_member(struct ingest *in, struct result *r, int fd, const struct member *m,
			  const uint8_t *window, size_t have, uint64_t end)
{
	struct gtd_cursor member;

	if (end > SIZE_MAX || !(r->bytes = malloc((size_t)end))) {
		r->outcome = OUT_NO_MEMORY;
		gtd_fail(&r->err, GTD_ENOMEM, "out of memory for a %llu-byte member",
			 (unsigned long long)end);
		return;
	}
	memcpy(r->bytes, window, have);
	if (read_at(fd, r->bytes + have, (size_t)end - have, m->off + have, &r->err)) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	r->bytes_read += end - have;
	r->content_size = end;
	gtd_content_hash(r->bytes, (size_t)end, r->hash);
	if (!claim(in, r)) {
		r->outcome = OUT_DUPLICATE;
		return;
	}
	gtd_cursor_init(&member, r->bytes, (size_t)end, m->off, &r->err);
	decode_content(r, &member);
}

/* The unit in the member's first end bytes (window holds the first wn),
 * its cost counted in the budget of results in flight. */
static void read_unit(struct ingest *in, struct result *r, int fd, const struct member *m,
		      const uint8_t *window, size_t wn, uint64_t end)
{
	size_t have = wn < end ? wn : (size_t)end;
	uint64_t cost = end > (UINT64_MAX - DECODE_FIXED) / DECODE_BYTES_PER_BYTE ?
				UINT64_MAX / 2 : end * DECODE_BYTES_PER_BYTE + DECODE_FIXED;

	budget_reserve(&in->budget, r->job.seq, cost, &r->budgeted);
	decode_member(in, r, fd, m, window, have, end);
	settle(in, r);
}

static void process_member(struct ingest *in, struct result *r, int fd, const struct member *m)
{
	uint8_t window[HEADER_WINDOW];
	size_t wn = m->size < HEADER_WINDOW ? (size_t)m->size : HEADER_WINDOW;
	struct gtd_exportdata ed;
	struct gtd_cursor w;
	uint64_t end = 0;
	int rc;

	if (read_at(fd, window, wn, m->off, &r->err)) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	r->bytes_read += wn;
	gtd_cursor_init(&w, window, wn, m->off, &r->err);
	if ((rc = gtd_exportdata_parse_header(&w, m->size, &ed)) == GTD_OK &&
	    ed.format == GTD_EXPORT_UNIFIED)
		rc = export_end(fd, m, &ed, window, wn, &end, &r->err);
	if (rc == GTD_OK && ed.format == GTD_EXPORT_UNIFIED) {
		read_unit(in, r, fd, m, window, wn, end);
		return;
	}
	if (rc)
		fail_before_decoding(r, rc);
	else
		reject(r, &ed);
	if (r->outcome != OUT_UNREADABLE)
		judged_content(in, r, window, wn);
}

static void process_fd(struct ingest *in, struct result *r, int fd)
{
	uint8_t head[GTD_CLASSIFY_HEAD];
	size_t n = r->job.size < GTD_CLASSIFY_HEAD ? (size_t)r->job.size : GTD_CLASSIFY_HEAD;
	struct gtd_classified cl;
	struct gtd_cursor c;
	struct member m;

	if (read_at(fd, head, n, 0, &r->err)) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	r->bytes_read = n;
	gtd_cursor_init(&c, head, n, 0, &r->err);
	if (gtd_classify(&c, (uint64_t)r->job.size, &cl)) {
		/* An archive too damaged to find its first member: judged by its head. */
		r->kind = "archive";
		r->outcome = OUT_ERROR;
		judged_content(in, r, head, n);
		return;
	}
	if (cl.kind == GTD_FILE_SKIP) {
		r->outcome = OUT_SKIPPED;
		r->skip = cl.skip;
		return;
	}
	if (cl.kind == GTD_FILE_BINARY) {
		process_binary(in, r, fd);
		return;
	}
	r->kind = cl.kind == GTD_FILE_ARCHIVE ? "archive" : "object";
	m.off = cl.member_off;
	m.size = cl.member_size;
	m.archive = cl.kind == GTD_FILE_ARCHIVE;
	process_member(in, r, fd, &m);
}

void process_file(struct ingest *in, struct result *r)
{
	int fd;

	gtd_error_clear(&r->err);
	if (r->job.walk_errno) {
		r->outcome = OUT_UNREADABLE;
		gtd_fail(&r->err, GTD_EIO, "%s", strerror(r->job.walk_errno));
		return;
	}
	fd = open(r->job.path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r->outcome = OUT_UNREADABLE;
		gtd_fail(&r->err, GTD_EIO, "open: %s", strerror(errno));
		return;
	}
	process_fd(in, r, fd);
	close(fd);
}

void result_release(struct result *r)
{
	if (r->outcome == OUT_DECODED || r->published)
		gtd_stage_free(&r->stage);
	gtd_stage_runtime_free(&r->records);
	free(r->bytes);
	if (r->map)
		munmap((void *)(uintptr_t)r->map, r->map_len);
	free(r->job.path);
	memset(r, 0, sizeof *r);
}

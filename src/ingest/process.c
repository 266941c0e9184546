/* One file, in a worker thread: read only what is needed (the first bytes,
 * then the __.PKGDEF member, never the object code), classify, hash, claim,
 * decode. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gotypedb/exportdata.h"
#include "gotypedb/uir.h"
#include "ingest_int.h"

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
static int claim(struct ingest *in, struct result *r)
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

static void decode_content(struct result *r, const struct gtd_cursor *member)
{
	struct gtd_uir_options uopt = { 0 };
	struct gtd_exportdata ed;
	const char *msg;
	int rc;

	if (gtd_exportdata_parse(member, &ed)) {
		r->outcome = OUT_ERROR;
		gtd_context(&r->err, "__.PKGDEF");
		return;
	}
	if (ed.format != GTD_EXPORT_UNIFIED) {
		msg = reject_message(&ed, &r->reject);
		r->outcome = OUT_REJECTED;
		if (ed.format == GTD_EXPORT_INDEXED)
			gtd_fail(&r->err, GTD_EUNSUPPORTED, "__.PKGDEF: %s (iexport version %llu)", msg,
				 (unsigned long long)ed.indexed_version);
		else
			gtd_fail(&r->err, GTD_EUNSUPPORTED, "__.PKGDEF: %s", msg);
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
	r->outcome = rc == GTD_ENOMEM ? OUT_NO_MEMORY : rc == GTD_EUNSUPPORTED ? OUT_REJECTED : OUT_ERROR;
	r->reject = GTD_REJECT_VERSION;
}

/* Hashes [off, off+size) as the content, claims it, and decodes it if ours.
 * corrupt: the caller already found it damaged (r->err says how); it is
 * recorded as an error content without decoding. */
static void handle_content(struct ingest *in, struct result *r, int fd, uint64_t off,
			   uint64_t size, const struct gtd_error *corrupt)
{
	struct gtd_cursor member;

	r->bytes = malloc(size ? size : 1);
	if (!r->bytes) {
		r->outcome = OUT_NO_MEMORY;
		gtd_fail(&r->err, GTD_ENOMEM, "out of memory for a %llu-byte member",
			 (unsigned long long)size);
		return;
	}
	if (read_at(fd, r->bytes, size, off, &r->err)) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	r->bytes_read += size;
	r->content_size = size;
	gtd_content_hash(r->bytes, size, r->hash);
	if (!claim(in, r)) {
		r->outcome = OUT_DUPLICATE;
		return;
	}
	if (corrupt) {
		r->err = *corrupt;
		r->outcome = OUT_ERROR;
		return;
	}
	gtd_cursor_init(&member, r->bytes, size, off, &r->err);
	decode_content(r, &member);
}

static void process_fd(struct ingest *in, struct result *r, int fd)
{
	uint8_t head[GTD_CLASSIFY_HEAD];
	size_t n = r->job.size < GTD_CLASSIFY_HEAD ? (size_t)r->job.size : GTD_CLASSIFY_HEAD;
	struct gtd_classified cl;
	struct gtd_cursor c;

	if (read_at(fd, head, n, 0, &r->err)) {
		r->outcome = OUT_UNREADABLE;
		return;
	}
	r->bytes_read = n;
	gtd_cursor_init(&c, head, n, 0, &r->err);
	if (gtd_classify(&c, (uint64_t)r->job.size, &cl)) {
		/* An archive too damaged to find its first member: its content is the file. */
		struct gtd_error corrupt = r->err;

		r->kind = "archive";
		handle_content(in, r, fd, 0, (uint64_t)r->job.size, &corrupt);
		return;
	}
	if (cl.kind == GTD_FILE_SKIP) {
		r->outcome = OUT_SKIPPED;
		r->skip = cl.skip;
		return;
	}
	r->kind = cl.kind == GTD_FILE_ARCHIVE ? "archive" : "object";
	handle_content(in, r, fd, cl.member_off, cl.member_size, NULL);
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
	if (r->outcome == OUT_DECODED)
		gtd_stage_free(&r->stage);
	free(r->bytes);
	free(r->job.path);
	memset(r, 0, sizeof *r);
}

/* A binary (ELF, Mach-O, PE), in a worker thread: mapped, hashed whole
 * (its content is the file) and claimed, and each object in it (one, or
 * one per architecture of a universal Mach-O) opened and its runtime
 * tables decoded into the result's stage (beside the hash, into a new
 * database: see hash_job).  The mapping stays until the result is
 * written: the staged records borrow the file's strings. */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "ingest_int.h"

/* What decoding a binary may hold at its peak besides the mapped file
 * (which is the page cache's): descriptors, names and staged records are
 * in proportion to its type tables, a fraction of the file. */
#define BINARY_BYTES_PER_BYTE 2
#define BINARY_FIXED (16u << 20)
/* page aligned: what the hash reads of a binary before dropping it (the
 * pages it holds meanwhile count in the peak, whenever it comes) */
#define HASH_WINDOW ((size_t)512 << 10)
/* a binary this large decodes with tens of MB of its own: its pages go
 * back to the system after, and its records wait for the end of its
 * decode (what the writer holds for them would add to that peak) */
#define TRIM_AFTER_FILE_BYTES ((size_t)16 << 20)
/* the hash thread's: SHA-256 over a window, no recursion */
#define HASH_STACK ((size_t)64 << 10)

static int decode_object(const uint8_t *data, const struct gtd_obj_slice *sl, struct gtd_stage *stage,
			 int *not_go, int *opened, struct gtd_error *err)
{
	struct gtd_objfile *f;
	int rc;

	if ((rc = gtd_objfile_open(data + sl->off, sl->size, sl->off, &f, err)))
		return rc;
	*opened = 1;
	gtd_objfile_set_file_mapped(f); /* process_binary's mapping */
	rc = gtd_rtype_decode(f, &stage->sink, not_go, err);
	gtd_objfile_free(f);
	return rc;
}

/* The content hash of a mapped file, read a window at a time, each
 * window's pages dropped from this process once hashed.  They stay in the
 * page cache; dropped, they do not count in this process's memory while
 * the hash reads the rest (a whole binary of 100 MB otherwise, on top of
 * what the other workers and the writer hold), nor while the decode
 * touches the few it needs, nor while the result waits for the writer
 * (which reads again only the strings the stage borrows). */
static void hash_dropping_pages(const uint8_t *p, size_t len, uint8_t out[GTD_CONTENT_HASH_SIZE])
{
	struct gtd_content_hasher h;

	madvise((void *)p, len, MADV_SEQUENTIAL);
	gtd_content_hash_init(&h);
	for (size_t at = 0; at < len; at += HASH_WINDOW) {
		size_t n = len - at < HASH_WINDOW ? len - at : HASH_WINDOW;

		gtd_content_hash_add(&h, p + at, n);
		madvise((void *)(p + at), n, MADV_DONTNEED);
	}
	gtd_content_hash_done(&h, out);
}

/* Into a new database, the hash of a binary runs beside its decode and
 * the claim comes after both: the decode does not need the hash, which
 * would otherwise stand between reading the file and decoding it (a core
 * is free for it while the writer waits for the decode).  Only copies
 * within the walk repeat a content there, whose decode is then wasted.
 * A database being extended often has the content already (a file moved,
 * copied or touched): there the hash and the claim come first and spare
 * that decode. */
struct hash_job {
	const uint8_t *p;
	size_t len;
	uint8_t *out;
};

static void *hash_main(void *arg)
{
	struct hash_job *h = arg;

	hash_dropping_pages(h->p, h->len, h->out);
	return NULL;
}

/* 1 if the hash runs in *t (join it before reading r->hash). */
static int start_hash(struct hash_job *h, pthread_t *t)
{
	pthread_attr_t attr;
	int ok;

	if (pthread_attr_init(&attr))
		return 0;
	pthread_attr_setstacksize(&attr, HASH_STACK);
	ok = pthread_create(t, &attr, hash_main, h) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}

/* A binary being decoded: what its stage's records_done needs. */
struct binary_job {
	struct ingest *in;
	struct result *r;
	struct hash_job hash;
	pthread_t hasher;
	int hashing;    /* the hash runs in hasher, not joined yet */
};

/* Its records but its types are staged: the writer may take them now.
 * Into a new database the hash runs meanwhile, and the claim on the
 * content waits for it at the end of the decode: the records go to the
 * writer unclaimed (a copy of a content met in this walk is rare; the
 * writer then undoes what it wrote of them when the result turns out a
 * duplicate), and the types are not held up by the hash. */
static int on_records_done(void *ctx)
{
	struct binary_job *b = ctx;
	struct gtd_stage_runtime records;

	if (gtd_stage_take_records(&b->r->stage, &records))
		return b->r->err.code;
	records_publish(b->in, b->r, &records);
	return GTD_OK;
}

/* The objects of the file, each decoded; *not_go when none is Go.  The
 * records of a file of one object go to the writer as soon as they are
 * staged (those of a universal Mach-O's objects, and of a large file,
 * all at the end). */
static int decode_binary(struct binary_job *b, int *not_go, int *opened)
{
	struct gtd_obj_slice sl[GTD_OBJ_MAX_SLICES];
	struct result *r = b->r;
	size_t n;
	int rc, any_go = 0;

	gtd_stage_init(&r->stage, &r->err);
	if ((rc = gtd_objfile_slices(r->map, r->map_len, sl, &n, &r->err)))
		return rc;
	if (n == 1 && r->map_len < TRIM_AFTER_FILE_BYTES)
		gtd_stage_on_records_done(&r->stage, on_records_done, b);
	for (size_t i = 0; i < n; i++) {
		int nogo = 0;

		if ((rc = decode_object(r->map, &sl[i], &r->stage, &nogo, opened, &r->err))) {
			if (n > 1)
				gtd_context(&r->err, "slice %zu at 0x%llx", i, (unsigned long long)sl[i].off);
			return rc;
		}
		any_go |= !nogo;
	}
	*not_go = !any_go;
	return GTD_OK;
}

/* Not Go, or Go: decoded, rejected (a release or limit gotypedb does not
 * read) or corrupt.  A file objfile does not read at all (an object
 * file, a core dump, a machine Go has no port for) is no Go binary. */
static void verdict(struct result *r, int rc, int not_go, int opened)
{
	if (rc == GTD_OK && !not_go) {
		r->outcome = OUT_DECODED;
		return;
	}
	if (!r->published) /* (else the writer may be reading it: result_release) */
		gtd_stage_free(&r->stage);
	if (rc == GTD_OK || (rc == GTD_EUNSUPPORTED && !opened)) {
		r->outcome = OUT_SKIPPED;
		r->skip = GTD_SKIP_NOT_GO_BINARY;
		return;
	}
	r->outcome = rc == GTD_ENOMEM ? OUT_NO_MEMORY
		     : rc == GTD_EUNSUPPORTED || rc == GTD_ELIMIT ? OUT_REJECTED : OUT_ERROR;
	r->reject = rc == GTD_ELIMIT ? GTD_REJECT_LIMIT : GTD_REJECT_VERSION;
}

void process_binary(struct ingest *in, struct result *r, int fd)
{
	struct binary_job b = { .in = in, .r = r };
	struct stat sb;
	size_t len;
	uint64_t cost;
	int rc, not_go = 0, opened = 0, claim_after;
	void *p;

	r->kind = "binary";
	/* the size now, not the walk's: a mapping past the end faults */
	if (fstat(fd, &sb) || sb.st_size <= 0 || (uint64_t)sb.st_size > SIZE_MAX) {
		r->outcome = OUT_UNREADABLE;
		gtd_fail(&r->err, GTD_EIO, "stat: %s", sb.st_size <= 0 ? "the file is empty now" : strerror(errno));
		return;
	}
	len = (size_t)sb.st_size;
	cost = (uint64_t)len * BINARY_BYTES_PER_BYTE + BINARY_FIXED;
	if ((p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		r->outcome = errno == ENOMEM ? OUT_NO_MEMORY : OUT_UNREADABLE;
		gtd_fail(&r->err, errno == ENOMEM ? GTD_ENOMEM : GTD_EIO, "mmap: %s", strerror(errno));
		return;
	}
	r->map = p;
	r->map_len = len;
	r->bytes_read += len;
	r->content_size = len;
	b.hash.p = r->map;
	b.hash.len = len;
	b.hash.out = r->hash;
	claim_after = b.hashing = gtd_store_is_new(in->st) && start_hash(&b.hash, &b.hasher);
	if (!claim_after) {
		hash_main(&b.hash);
		if (!claim(in, r)) {
			r->outcome = OUT_DUPLICATE;
			return;
		}
	}
	budget_reserve(&in->budget, r->job.seq, cost, &r->budgeted);
	rc = decode_binary(&b, &not_go, &opened);
	if (b.hashing)
		pthread_join(b.hasher, NULL);
	madvise(p, len, MADV_DONTNEED);
	/* the decode's own memory (descriptors, model, shapes) is freed: its
	 * pages go back to the system, not only to the heap (see
	 * TRIM_AFTER_BYTES in pipeline.c) */
	if (len >= TRIM_AFTER_FILE_BYTES)
		malloc_trim(0);
	if (claim_after && !claim(in, r)) {
		/* another file has this content: what the decode made goes (and
		 * what the writer wrote of its runs) */
		gtd_stage_free(&r->stage);
		gtd_error_clear(&r->err);
		r->outcome = OUT_DUPLICATE;
		budget_settle(&in->budget, &r->budgeted, 0);
		return;
	}
	verdict(r, rc, not_go, opened);
	if (r->outcome == OUT_SKIPPED && rc == GTD_OK)
		gtd_error_clear(&r->err);
	budget_settle(&in->budget, &r->budgeted,
		      (r->outcome == OUT_DECODED || r->published ? gtd_stage_bytes(&r->stage) : 0) +
			      r->records_bytes);
}

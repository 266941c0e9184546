/* decode_all: decodes every public element (Pkg, PosBase, Name, ObjDict,
 * Type, Obj and both roots) of every unified-IR archive under the given
 * paths into the model, requiring each element to be consumed exactly to
 * its end: an independent check of every layout on real compiler output.
 * Then builds the semantic layer and renders every record of it.
 *
 *   decode_all PATH...              prints counts; exit 1 on the first failure
 *   decode_all --keep-going PATH... counts failures and goes on (bad input)
 *
 * A unit past one of gotypedb's limits (GTD_ELIMIT: nested too deep, too
 * large to describe) is counted apart, as `gotypedb index` rejects it.  The
 * work runs in a thread with the decoding threads' stack
 * (GTD_DECODE_STACK_BYTES): the deepest supported type needs it. */
#include <fts.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/classify.h"
#include "gotypedb/exportdata.h"
#include "gotypedb/uirsem.h"

static unsigned long units, failures, types[GTD_TYPE_NCODES], objs[GTD_OBJ_NCODES], methods, gmethods;
static unsigned long sem_objects, sem_methods, sem_types;

static unsigned long sem_shapes;

static int count_shape(void *ctx, const struct gtd_shape_rec *s)
{
	(void)ctx;
	(void)s;
	sem_shapes++;
	return 0;
}

static int count_object(void *ctx, const struct gtd_object_rec *o)
{
	(void)ctx;
	(void)o;
	sem_objects++;
	return 0;
}

static int count_method(void *ctx, const struct gtd_method_rec *m)
{
	(void)ctx;
	(void)m;
	sem_methods++;
	return 0;
}

static int count_type(void *ctx, const struct gtd_type_rec *t)
{
	(void)ctx;
	(void)t;
	sem_types++;
	return 0;
}

/* The semantic layer over a decoded model: 0, or non-zero with err set. */
static int semantic(const struct gtd_uir_model *m, struct gtd_error *err)
{
	static const struct gtd_sink counter = { .shape = count_shape, .object = count_object,
						 .method = count_method, .type = count_type };
	struct gtd_uir_semantic s;
	int rc = gtd_uir_semantic_build(m, &s);

	if (rc == 0) {
		rc = gtd_uir_emit_semantic(&s, &counter, err);
		gtd_uir_semantic_free(&s);
	}
	return rc;
}
static int keep_going;
static unsigned long limited;

static int decode(const char *path, const uint8_t *p, size_t n)
{
	struct gtd_error err = { 0 };
	struct gtd_cursor file, member;
	struct gtd_classified cl;
	struct gtd_exportdata ed;
	struct gtd_pkgbits pb;
	struct gtd_uir_model m;

	gtd_cursor_init(&file, p, n, 0, &err);
	if (gtd_classify(&file, n, &cl) || cl.kind != GTD_FILE_ARCHIVE ||
	    gtd_cursor_sub(&file, cl.member_off, cl.member_size, &member) ||
	    gtd_exportdata_parse(&member, &ed) || ed.format != GTD_EXPORT_UNIFIED)
		return 0;
	if (gtd_pkgbits_open(&ed.blob, &pb))
		return keep_going ? (failures++, 0) : (fprintf(stderr, "decode_all: %s: %s\n", path, err.msg), 1);
	if (gtd_uir_model_decode(&pb, &m) || semantic(&m, &err)) {
		gtd_uir_model_free(&m);
		if (err.code == GTD_ELIMIT) {
			limited++;
			return 0;
		}
		if (!err.msg[0])
			fprintf(stderr, "decode_all: %s: an error without a message\n", path);
		if (keep_going && err.msg[0]) {
			failures++;
			return 0;
		}
		fprintf(stderr, "decode_all: %s: %s\n", path, err.msg);
		return 1;
	}
	units++;
	for (uint32_t i = 0; i < gtd_pkgbits_elems(&pb, GTD_SEC_TYPE); i++)
		types[m.types[i].code]++;
	for (uint32_t i = 0; i < gtd_pkgbits_elems(&pb, GTD_SEC_OBJ); i++) {
		objs[m.objs[i].code]++;
		methods += m.objs[i].nmethods;
		gmethods += m.objs[i].is_generic_method;
	}
	gtd_uir_model_free(&m);
	return 0;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)len + 1)) && fread(p, 1, (size_t)len, f) == (size_t)len) {
		*n = (size_t)len;
	} else {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

struct args {
	int argc;
	char **argv;
	int status;
};

static void *run(void *arg)
{
	struct args *a = arg;
	int argc = a->argc;
	char **argv = a->argv;
	static const char *const tnames[] = { "Basic", "Named", "Pointer", "Slice", "Array", "Chan",
		"Map", "Signature", "Struct", "Interface", "Union", "TypeParam" };
	static const char *const onames[] = { "Alias", "Const", "Type", "Func", "Var", "Stub" };
	FTS *fts;
	FTSENT *e;
	int status = 0;

	if (argc > 1 && strcmp(argv[1], "--keep-going") == 0) {
		keep_going = 1;
		argv++;
		argc--;
	}
	if (argc < 2 || !(fts = fts_open(argv + 1, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, NULL))) {
		a->status = 2;
		return NULL;
	}
	while (!status && (e = fts_read(fts))) {
		size_t n;
		uint8_t *p;

		if (e->fts_info != FTS_F || !(p = slurp(e->fts_path, &n)))
			continue;
		status = decode(e->fts_path, p, n);
		free(p);
	}
	fts_close(fts);
	if (keep_going)
		printf("%lu units failed with a message; ", failures);
	if (limited)
		printf("%lu units past gotypedb's limits; ", limited);
	printf("%lu units decoded exactly; types:", units);
	for (int i = 0; i < GTD_TYPE_NCODES; i++)
		printf(" %s %lu", tnames[i], types[i]);
	printf("; objects:");
	for (int i = 0; i < GTD_OBJ_NCODES; i++)
		printf(" %s %lu", onames[i], objs[i]);
	printf("; methods %lu, generic methods %lu; semantic: types %lu (%lu per-unit distinct), objects %lu, methods %lu\n",
	       methods, gmethods, sem_types, sem_shapes, sem_objects, sem_methods);
	if (!keep_going && units == 0) {
		fprintf(stderr, "decode_all: no unified-IR archive under the given paths\n");
		status = 1;
	}
	a->status = status;
	return NULL;
}

int main(int argc, char **argv)
{
	struct args a = { argc, argv, 0 };
	pthread_attr_t attr;
	pthread_t t;

	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES) ||
	    pthread_create(&t, &attr, run, &a)) {
		fprintf(stderr, "decode_all: cannot start the decoding thread\n");
		return 2;
	}
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	return a.status;
}

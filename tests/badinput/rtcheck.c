/* rtcheck: each file through the object-file layer and the runtime decoder
 * on its own, in a child process, as `gotypedb index` decodes a binary:
 * the records must hold together (tests/fuzz/rtsink.h), a failure must
 * say why, and the decode must stay within a time limit and a peak
 * resident set in proportion to the file.
 *
 *   rtcheck SECONDS MB-FIXED MB-PER-MB FILE...
 *
 * A file may take SECONDS, and a peak RSS of MB-FIXED + MB-PER-MB times
 * its size in MiB (the child's whole resident set: the sanitizers'
 * runtime is part of MB-FIXED).  Prints a line per file that fails (a
 * sanitizer's report goes to stderr) and a summary: decoded, refused,
 * the slowest and the largest.  Exits 1 if a
 * child crashed, was killed, broke an invariant, failed without a
 * message or went past a limit. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gotypedb/gotype.h"
#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "../fuzz/rtsink.h"

/* The child's exit statuses. */
enum { DECODED = 0, REFUSED = 10, BROKEN = 11, NO_MESSAGE = 12, UNREADABLE = 13 };

struct input {
	const uint8_t *p;
	size_t n;
	int status;
};

static const char *current; /* the file the child decodes */

/* Into a sink that takes the records before the types (records_done, as
 * the ingest's stage of a small binary) or, for every other file of the
 * command line, one that does not: both orders over the files, each
 * file's peak memory that of one decode. */
static int early_order;

static int decode_object(const uint8_t *p, const struct gtd_obj_slice *sl)
{
	struct gtd_objfile *f;
	struct gtd_error err = { 0, "" };
	struct rtsink k;
	const char *broken;
	int not_go, rc;

	if ((rc = gtd_objfile_open(p + sl->off, sl->size, sl->off, &f, &err)))
		return err.msg[0] ? REFUSED : NO_MESSAGE;
	rtsink_init(&k, early_order);
	rc = gtd_rtype_decode(f, &k.sink, &not_go, &err);
	broken = rc == GTD_OK ? rtsink_finish(&k) : k.broken;
	if (broken) {
		printf("rtcheck: %s: %s (%s)\n", current, broken,
		       early_order ? "records before the types" : "types first");
		fflush(stdout);
	}
	rtsink_free(&k);
	gtd_objfile_free(f);
	return broken ? BROKEN : rc && !err.msg[0] ? NO_MESSAGE : rc ? REFUSED : DECODED;
}

/* In a thread with the decoding threads' stack, as gotypedb index. */
static void *decode_thread(void *arg)
{
	struct input *in = arg;
	struct gtd_obj_slice s[GTD_OBJ_MAX_SLICES];
	struct gtd_error err;
	size_t n;

	in->status = DECODED;
	if (gtd_objfile_slices(in->p, in->n, s, &n, &err)) {
		in->status = REFUSED;
		return NULL;
	}
	for (size_t i = 0; i < n && in->status == DECODED; i++)
		in->status = decode_object(in->p, &s[i]);
	return NULL;
}

static int child(const char *path)
{
	struct input in = { 0 };
	struct stat sb;
	pthread_attr_t attr;
	pthread_t t;
	int fd = open(path, O_RDONLY);
	void *p;

	current = path;
	if (fd < 0 || fstat(fd, &sb))
		return UNREADABLE;
	if (sb.st_size == 0)
		return REFUSED;
	if ((p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		return UNREADABLE;
	in.p = p;
	in.n = (size_t)sb.st_size;
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES) ||
	    pthread_create(&t, &attr, decode_thread, &in))
		return UNREADABLE;
	pthread_join(t, NULL);
	return in.status;
}

struct totals {
	unsigned files, decoded, refused, failed;
	double slowest;
	long largest_kb;
	const char *slowest_file, *largest_file;
};

/* Runs one file in a child; 0 if it held. */
static int check(const char *path, double seconds, double mb_fixed, double mb_per_mb, struct totals *tt)
{
	struct timespec t0, t1;
	struct rusage ru;
	struct stat sb;
	int status;
	double secs, limit_kb;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("rtcheck: fork");
		exit(2);
	}
	if (pid == 0) {
		alarm((unsigned)seconds + 1);
		status = child(path);
		fflush(stdout);
		_exit(status);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("rtcheck: wait4");
		exit(2);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	limit_kb = 1024 * (mb_fixed + mb_per_mb * (stat(path, &sb) ? 0 : (double)sb.st_size / (1 << 20)));
	tt->files++;
	if (secs > tt->slowest) {
		tt->slowest = secs;
		tt->slowest_file = path;
	}
	if (ru.ru_maxrss > tt->largest_kb) {
		tt->largest_kb = ru.ru_maxrss;
		tt->largest_file = path;
	}
	if (WIFSIGNALED(status)) {
		printf("rtcheck: %s: killed by signal %d%s\n", path, WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (the time limit)" : "");
		return 1;
	}
	if (WEXITSTATUS(status) == DECODED || WEXITSTATUS(status) == REFUSED) {
		if (WEXITSTATUS(status) == DECODED)
			tt->decoded++;
		else
			tt->refused++;
		if (secs > seconds || ru.ru_maxrss > limit_kb) {
			printf("rtcheck: %s: %.2f s, peak RSS %ld KB: past %.0f s or %.0f KB\n", path, secs,
			       ru.ru_maxrss, seconds, limit_kb);
			return 1;
		}
		return 0;
	}
	printf("rtcheck: %s: %s\n", path, WEXITSTATUS(status) == BROKEN ? "an invariant of the records failed"
				    : WEXITSTATUS(status) == NO_MESSAGE ? "a failure without a message"
				    : "exited with an unexpected status (a sanitizer's report?)");
	return 1;
}

int main(int argc, char **argv)
{
	struct totals tt = { 0 };
	double seconds, fixed, per;

	if (argc < 5) {
		fprintf(stderr, "usage: rtcheck SECONDS MB-FIXED MB-PER-MB FILE...\n");
		return 2;
	}
	seconds = atof(argv[1]);
	fixed = atof(argv[2]);
	per = atof(argv[3]);
	fflush(stdout);
	for (int i = 4; i < argc; i++) {
		early_order = i % 2;
		if (check(argv[i], seconds, fixed, per, &tt))
			tt.failed++;
	}
	printf("rtcheck: %u files: %u decoded, %u refused, %u failed; slowest %.2f s (%s), largest peak RSS "
	       "%ld KB (%s)\n", tt.files, tt.decoded, tt.refused, tt.failed, tt.slowest,
	       tt.slowest_file ? tt.slowest_file : "-", tt.largest_kb, tt.largest_file ? tt.largest_file : "-");
	return tt.failed ? 1 : 0;
}

/* A new database: built next to its path under a temporary name
 * (PATH.tmp-PID, private to its run: no WAL, no fsync until the end), then
 * synced and renamed into place, only where nothing else appeared.  All of
 * it runs under the database's lock (lock.c), so no other index run can be
 * planning, building or renaming a database at the same path meanwhile;
 * what these checks guard against is what other programs (or a crashed
 * run) leave there. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

/* The files SQLite keeps next to a database: a WAL and its index, or a
 * rollback journal.  Any of them at the final path would be read as part of
 * the database renamed there (a WAL replayed onto it, a journal rolled
 * back into it). */
static const char *const sidecars[] = { "-wal", "-shm", "-journal" };
#define NSIDECARS (sizeof sidecars / sizeof sidecars[0])

/* The directory part of an absolute path. */
static void dir_of(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');

	snprintf(out, n, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

static int exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* 0 if the name does not fit (then no such file can exist). */
static int sidecar_path(const char *db, size_t i, char *out, size_t n)
{
	return snprintf(out, n, "%s%s", db, sidecars[i]) < (int)n;
}

/* A new database's sidecars, left by a writer of an earlier database at
 * this path which is gone: they belong to no database any more, and must
 * not be replayed into the new one. */
static int remove_orphan_sidecars(struct gtd_store *st, struct gtd_error *err)
{
	char p[PATH_MAX + 16], msg[GTD_STORE_NOTE_MAX];

	for (size_t i = 0; i < NSIDECARS; i++) {
		if (!sidecar_path(st->final_path, i, p, sizeof p) || !exists(p))
			continue;
		if (unlink(p) != 0)
			return gtd_fail(err, GTD_EIO, "%s: cannot remove it (left without its database by an "
					"earlier writer; a new database must not absorb it): %s", p, strerror(errno));
		snprintf(msg, sizeof msg, "%s: removed: left without its database by an earlier writer", p);
		store_note(st, msg);
	}
	return GTD_OK;
}

/* Whether the SQLite file at path was finished by its run: a run switches
 * its new database to WAL (header bytes 18 and 19 = 2) as its last step
 * before the rename; until then it is in rollback mode (1), or empty. */
static int finished_database(const char *path)
{
	unsigned char h[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = pread(fd, h, sizeof h, 0);
	close(fd);
	return n == (ssize_t)sizeof h && memcmp(h, "SQLite format 3", 16) == 0 && h[18] == 2 && h[19] == 2;
}

/* "BASE.tmp-PID" (no sidecar suffix): PID, else 0. */
static long temp_pid(const char *name, const char *base)
{
	size_t n = strlen(base);
	char *end;
	long pid;

	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp-", 5) != 0 ||
	    name[n + 5] < '1' || name[n + 5] > '9')
		return 0;
	errno = 0;
	pid = strtol(name + n + 5, &end, 10);
	return *end == '\0' && errno == 0 && pid > 0 ? pid : 0;
}

static int process_exists(long pid)
{
	return pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* One DB.tmp-PID of another run.  Unfinished and its run gone (crashed,
 * killed): removed with its sidecars.  Finished (its rename failed): the
 * user's to rename or remove.  Its run alive (an older gotypedb that took
 * no lock, or a reused pid): left alone. */
static void sweep_temp(struct gtd_store *st, const char *path, long pid)
{
	char msg[GTD_STORE_NOTE_MAX], p[PATH_MAX + 16];

	if (process_exists(pid)) {
		snprintf(msg, sizeof msg, "%s: left alone: process %ld, which may be writing it, is running",
			 path, pid);
	} else if (finished_database(path)) {
		snprintf(msg, sizeof msg, "%s: a finished database that run %ld could not rename to %s:"
			 " rename it yourself, or remove it", path, pid, st->path);
	} else if (unlink(path) == 0) {
		for (size_t i = 0; i < NSIDECARS; i++) {
			if (sidecar_path(path, i, p, sizeof p))
				unlink(p);
		}
		snprintf(msg, sizeof msg, "%s: removed: left unfinished by run %ld, which ended before it", path,
			 pid);
	} else {
		snprintf(msg, sizeof msg, "%s: left unfinished by run %ld; cannot remove it: %s", path, pid,
			 strerror(errno));
	}
	store_note(st, msg);
}

/* Temporary databases of earlier runs at this path. */
static int sweep_temps(struct gtd_store *st, struct gtd_error *err)
{
	const char *base = strrchr(st->final_path, '/') + 1;
	char dir[PATH_MAX], path[PATH_MAX + 256];
	struct dirent *e;
	DIR *d;

	dir_of(st->final_path, dir, sizeof dir);
	if (!(d = opendir(dir)))
		return gtd_fail(err, GTD_EIO, "%s: cannot list the directory: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		long pid = temp_pid(e->d_name, base);

		if (!pid)
			continue;
		snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, e->d_name);
		sweep_temp(st, path, pid);
	}
	closedir(d);
	return GTD_OK;
}

/* final_path resolved: the database itself if it exists (a symlink to it is
 * followed), else its directory's real path and its name, so that every
 * way of naming one database gives one lock and one temporary name. */
static char *resolve(const char *path, struct gtd_error *err)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], *real, *out;
	size_t n;

	if ((real = realpath(path, NULL)))
		return real;
	snprintf(dir, sizeof dir, "%.*s", slash ? (slash == path ? 1 : (int)(slash - path)) : 1,
		 slash ? path : ".");
	if (!(real = realpath(dir, NULL))) {
		gtd_fail(err, GTD_EIO, "%s: cannot use the directory %s: %s", path, dir, strerror(errno));
		return NULL;
	}
	n = strlen(real) + strlen(path) + 2;
	if ((out = malloc(n)))
		snprintf(out, n, "%s/%s", strcmp(real, "/") == 0 ? "" : real, slash ? slash + 1 : path);
	else
		gtd_fail(err, GTD_ENOMEM, "out of memory");
	free(real);
	return out;
}

/* Whether the database at final_path is to be built anew: nothing there,
 * or an empty file without sidecars (an empty file with a WAL may be a
 * database whose pages are all in its WAL: SQLite opens that in place). */
static int is_new(struct gtd_store *st)
{
	char p[PATH_MAX + 16];

	if (lstat(st->final_path, &st->final_st) != 0)
		return 1;
	if (!S_ISREG(st->final_st.st_mode) || st->final_st.st_size != 0)
		return 0;
	for (size_t i = 0; i < NSIDECARS; i++) {
		if (sidecar_path(st->final_path, i, p, sizeof p) && exists(p))
			return 0;
	}
	st->final_empty = 1;
	return 1;
}

int store_plan(struct gtd_store *st, const char *path, struct gtd_error *err)
{
	size_t n;

	if (path[0] == ':' || strncmp(path, "file:", 5) == 0)
		return GTD_OK; /* SQLite's special names: no file to lock or rename */
	if (!(st->final_path = resolve(path, err)))
		return err->code;
	n = strlen(st->final_path) + 32;
	if (!(st->lock_path = malloc(n)) || !(st->tmp_path = malloc(n)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	snprintf(st->lock_path, n, "%s.lock", st->final_path);
	snprintf(st->tmp_path, n, "%s.tmp-%ld", st->final_path, (long)getpid());
	if (store_lock(st, err) || sweep_temps(st, err))
		return err->code;
	if (!is_new(st)) {
		free(st->tmp_path);
		st->tmp_path = NULL;
		return GTD_OK;
	}
	if (!st->final_empty && remove_orphan_sidecars(st, err))
		return err->code;
	unlink(st->tmp_path);
	return GTD_OK;
}

/* Writes all of buf at off. */
static int pwrite_all(int fd, const uint8_t *buf, size_t n, off_t off)
{
	while (n) {
		ssize_t k = pwrite(fd, buf, n, off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
		off += k;
	}
	return 0;
}

/* The image's runs, the zeros between them left as holes: SQLite reads
 * those as the zeros they are.  The file is created as SQLite would
 * (0644 less the umask), and only here: sweep_temps and store_plan
 * removed what had the name. */
int store_write_image(struct gtd_store *st, struct gtd_error *err)
{
	const struct gtd_schema_image *im = st->opt.schema_image;
	const uint8_t *bytes;
	int fd, failed = 0;

	if (!im || !st->tmp_path)
		return GTD_OK;
	if ((fd = open(st->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return gtd_fail(err, GTD_EIO, "%s: cannot create: %s", st->tmp_path, strerror(errno));
	bytes = im->bytes;
	for (size_t i = 0; i < im->nruns && !failed; i++) {
		failed = pwrite_all(fd, bytes, im->runs[i].len, (off_t)im->runs[i].off) != 0;
		bytes += im->runs[i].len;
	}
	if (!failed)
		failed = ftruncate(fd, (off_t)im->size) != 0;
	if (close(fd) != 0)
		failed = 1;
	if (failed) {
		gtd_fail(err, GTD_EIO, "%s: writing the new database: %s", st->tmp_path, strerror(errno));
		unlink(st->tmp_path);
		return err->code;
	}
	st->from_image = 1;
	return GTD_OK;
}

/* Starts writing a new database's committed pages to disk, without
 * waiting: the index build runs meanwhile, and the fsync before the
 * rename then waits for little more than the index pages.  Only a hint:
 * nothing depends on it succeeding. */
void store_start_writeback(struct gtd_store *st)
{
#ifdef SYNC_FILE_RANGE_WRITE
	int fd;

	if (!st->tmp_path || (fd = open(st->tmp_path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	close(fd);
#else
	(void)st;
#endif
}

/* fsync() of a file or directory by path. */
static int sync_path(const char *path, int flags, struct gtd_error *err)
{
	int fd = open(path, flags | O_CLOEXEC), rc;

	if (fd < 0)
		return gtd_fail(err, GTD_EIO, "%s: cannot open to sync: %s", path, strerror(errno));
	rc = fsync(fd);
	if (rc != 0)
		gtd_fail(err, GTD_EIO, "%s: fsync: %s", path, strerror(errno));
	close(fd);
	return rc ? GTD_EIO : GTD_OK;
}

/* What is at final_path now: PATH_FREE (nothing), PATH_OURS (the empty
 * file the run began with, to be replaced), or PATH_TAKEN (*why says by
 * what: anything else, or a sidecar that the database would absorb). */
enum path_state { PATH_FREE, PATH_OURS, PATH_TAKEN };

static enum path_state path_state(const struct gtd_store *st, char *why, size_t n)
{
	char p[PATH_MAX + 16];
	struct stat sb;

	for (size_t i = 0; i < NSIDECARS; i++) {
		if (sidecar_path(st->final_path, i, p, sizeof p) && exists(p)) {
			snprintf(why, n, "%s appeared during this run", p);
			return PATH_TAKEN;
		}
	}
	if (lstat(st->final_path, &sb) != 0)
		return PATH_FREE;
	if (st->final_empty && sb.st_dev == st->final_st.st_dev && sb.st_ino == st->final_st.st_ino &&
	    sb.st_size == 0)
		return PATH_OURS;
	snprintf(why, n, "%s appeared at %s during this run", st->final_empty ? "another file" : "a file",
		 st->final_path);
	return PATH_TAKEN;
}

/* rename() that never replaces: renameat2(RENAME_NOREPLACE), or where the
 * file system lacks it, link() (which fails on an existing name) and
 * unlink(). */
static int rename_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(from, to) != 0)
		return -1;
	unlink(from);
	return 0;
}

static int keep(struct gtd_store *st, struct gtd_error *err, const char *why)
{
	st->keep_tmp = 1;
	return gtd_fail(err, GTD_EIO, "%s: %s; the new database is kept as %s", st->path, why, st->tmp_path);
}

int store_publish(struct gtd_store *st, struct gtd_error *err)
{
	char why[GTD_STORE_NOTE_MAX], dir[PATH_MAX];
	enum path_state at;

	if (sync_path(st->tmp_path, O_RDONLY, err)) {
		snprintf(why, sizeof why, "%s", err->msg);
		return keep(st, err, why);
	}
	if ((at = path_state(st, why, sizeof why)) == PATH_TAKEN)
		return keep(st, err, why);
	/* rename() replaces only the empty file, checked just above */
	if ((at == PATH_OURS ? rename(st->tmp_path, st->final_path)
			     : rename_noreplace(st->tmp_path, st->final_path)) != 0) {
		snprintf(why, sizeof why, "cannot rename the new database into place: %s", strerror(errno));
		return keep(st, err, why);
	}
	st->published = 1;
	dir_of(st->final_path, dir, sizeof dir);
	return sync_path(dir, O_RDONLY | O_DIRECTORY, err);
}

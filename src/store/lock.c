/* One index run per database: an exclusive flock() on DB.lock, taken
 * before the store decides whether the database is new and held until a
 * new database is renamed into place (gtd_store_close).
 *
 * Why a file of its own, and flock():
 * - the lock must exist before the database does (two first runs on one
 *   path would both build a new one) and outlive its replacement (a new
 *   database is renamed over the path: a lock on the old inode would not
 *   cover the new one);
 * - SQLite takes POSIX (fcntl) locks on the database, and closing any
 *   descriptor of a file drops every POSIX lock the process holds on it,
 *   so the database must not be opened a second time for a lock of ours;
 *   flock() locks are separate from POSIX ones on Linux and belong to the
 *   open file description, so no other close() in the process drops them;
 * - the kernel drops the lock when the process ends, however it ends
 *   (kill -9 too): there is never a stale lock to break, unlike a lock
 *   file created with O_EXCL.
 * The file holds the holder's pid, for the message of a run that waits.
 * The holder removes it before it unlocks, and a run that gets the lock
 * checks that the file at the path is still the one it locked, else starts
 * over (still_at): so a run that waited on a removed file never holds a
 * lock that a later run, on the file created since, does not see.  Only a
 * run killed outright leaves the file, which the next run reuses. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

/* How often a waiting run tries the lock again (and looks at the
 * interrupt flag): a run holds it for seconds at least. */
#define LOCK_POLL_NS 50000000L

/* The pid the holder wrote, or 0 if there is none yet. */
static long holder_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static void write_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());

	/* only for other runs' messages: a failure costs them the pid */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) != n)
		(void)ftruncate(fd, 0);
}

/* Whether fd is still the file at path: a lock taken on a file that was
 * removed or replaced meanwhile locks nothing another run would see. */
static int still_at(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int busy(struct gtd_store *st, int fd, const char *what, struct gtd_error *err)
{
	long pid = holder_pid(fd);

	if (pid > 0)
		return gtd_fail(err, GTD_EBUSY, "%s: another index run (pid %ld) is writing this database%s",
				st->path, pid, what);
	return gtd_fail(err, GTD_EBUSY, "%s: another index run is writing this database%s", st->path, what);
}

/* Once, when the lock is found taken and the run is to wait. */
static void note_waiting(struct gtd_store *st, int fd)
{
	char msg[GTD_STORE_NOTE_MAX];
	long pid = holder_pid(fd);

	if (pid > 0)
		snprintf(msg, sizeof msg, "%s: another index run (pid %ld) is writing this database;"
			 " waiting for it to end", st->path, pid);
	else
		snprintf(msg, sizeof msg, "%s: another index run is writing this database;"
			 " waiting for it to end", st->path);
	store_note(st, msg);
}

/* Waits for the lock on fd: GTD_OK when held, else the reason. */
static int wait_lock(struct gtd_store *st, int fd, struct gtd_error *err)
{
	const struct timespec poll = { 0, LOCK_POLL_NS };
	struct timespec t0;
	int noted = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			return gtd_fail(err, GTD_EIO, "%s: cannot lock: %s", st->lock_path, strerror(errno));
		if (st->opt.lock_wait == 0)
			return busy(st, fd, "", err);
		if (st->opt.lock_wait > 0 && seconds_since(&t0) >= st->opt.lock_wait)
			return busy(st, fd, "; gave up waiting", err);
		if (store_interrupted(st))
			return gtd_fail(err, GTD_EINTR, "%s: interrupted while waiting for another index run",
					st->path);
		if (!noted++)
			note_waiting(st, fd);
		nanosleep(&poll, NULL);
	}
	return GTD_OK;
}

int store_lock(struct gtd_store *st, struct gtd_error *err)
{
	for (;;) {
		int fd = open(st->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

		if (fd < 0)
			return gtd_fail(err, GTD_EIO, "%s: cannot create the lock file: %s", st->lock_path,
					strerror(errno));
		if (wait_lock(st, fd, err)) {
			close(fd);
			return err->code;
		}
		if (still_at(fd, st->lock_path)) {
			st->lock_fd = fd;
			write_pid(fd);
			return GTD_OK;
		}
		close(fd); /* removed while we waited: lock the file that is there now */
	}
}

void store_unlock(struct gtd_store *st)
{
	if (st->lock_fd < 0)
		return;
	if (still_at(st->lock_fd, st->lock_path))
		unlink(st->lock_path);
	close(st->lock_fd); /* releases the flock() */
	st->lock_fd = -1;
}

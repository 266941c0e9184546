/* The spool: a stdio stream (fopencookie) that fills memory up to
 * SPOOL_MEMORY, then an unnamed file in $TMPDIR (O_TMPFILE, or a name
 * removed as soon as it is made where O_TMPFILE is not supported), so
 * that nothing is left behind however the process ends. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gotypedb/strbuf.h"
#include "spool.h"

enum { SPOOL_MEMORY = 1 << 20 };

static const char *tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

/* An unnamed file in the temporary directory, or -1 (errno set). */
static int unnamed_file(void)
{
	struct gtd_strbuf name = { 0 };
	int fd = open(tmp_dir(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	gtd_strbuf_puts(&name, tmp_dir());
	gtd_strbuf_puts(&name, "/gotypedb-spool-XXXXXX");
	if (name.oom) {
		errno = ENOMEM;
		return -1;
	}
	fd = mkostemp(name.p, O_CLOEXEC);
	if (fd >= 0)
		unlink(name.p);
	gtd_strbuf_free(&name);
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Moves the spool from memory to a file. */
static int spill(struct spool *sp)
{
	if ((sp->fd = unnamed_file()) < 0 || write_all(sp->fd, sp->mem, sp->n) != 0)
		return -1;
	free(sp->mem);
	sp->mem = NULL;
	return 0;
}

static ssize_t spool_write(void *cookie, const char *p, size_t n)
{
	struct spool *sp = cookie;

	if (sp->fd < 0 && sp->n + n <= SPOOL_MEMORY) {
		memcpy(sp->mem + sp->n, p, n);
		sp->n += n;
		return (ssize_t)n;
	}
	if ((sp->fd < 0 && spill(sp) != 0) || write_all(sp->fd, p, n) != 0) {
		sp->error = errno;
		return -1;
	}
	return (ssize_t)n;
}

int spool_open(struct spool *sp, struct gtd_error *err)
{
	static const cookie_io_functions_t io = { .write = spool_write };

	memset(sp, 0, sizeof *sp);
	sp->fd = -1;
	sp->mem = malloc(SPOOL_MEMORY);
	if (sp->mem)
		sp->f = fopencookie(sp, "w", io);
	if (!sp->f)
		return gtd_fail(err, GTD_ENOMEM, "query: no memory for the output");
	return GTD_OK;
}

static int copy_file(int fd, FILE *out)
{
	char buf[65536];
	ssize_t k;

	if (lseek(fd, 0, SEEK_SET) != 0)
		return -1;
	while ((k = read(fd, buf, sizeof buf)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		fwrite(buf, 1, (size_t)k, out);
	}
	return 0;
}

int spool_copy(struct spool *sp, FILE *out, struct gtd_error *err)
{
	if (fflush(sp->f) != 0 || sp->error)
		return gtd_fail(err, GTD_EIO, "%s: cannot keep the output until the query ends: %s",
				tmp_dir(), strerror(sp->error ? sp->error : errno));
	if (sp->fd < 0) {
		fwrite(sp->mem, 1, sp->n, out);
		return GTD_OK;
	}
	if (copy_file(sp->fd, out) != 0)
		return gtd_fail(err, GTD_EIO, "%s: cannot read back the output kept there: %s",
				tmp_dir(), strerror(errno));
	return GTD_OK;
}

void spool_close(struct spool *sp)
{
	if (sp->f)
		fclose(sp->f);
	if (sp->fd >= 0)
		close(sp->fd);
	free(sp->mem);
	memset(sp, 0, sizeof *sp);
	sp->fd = -1;
}

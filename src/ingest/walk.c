/* The walk: roots made absolute and de-nested, then fts in name order, so
 * jobs (and so ids) come in the same order on every run. */
#include <errno.h>
#include <fts.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk.h"

static int by_name(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

static int is_under(const char *path, const char *root)
{
	size_t n = strlen(root);

	return strncmp(path, root, n) == 0 && (path[n] == '/' || (n == 1 && root[0] == '/'));
}

/* Resolves roots; drops duplicates and roots inside other roots, so that no
 * file is visited twice. */
int walk_roots(const char *const *paths, int n, char ***out, struct gtd_error *err)
{
	char **roots = calloc((size_t)n + 1, sizeof *roots);
	int k = 0;

	if (!roots)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		char *r = realpath(paths[i], NULL);
		int dup = 0;

		if (!r) {
			gtd_fail(err, GTD_ENOINPUT, "%s: %s", paths[i], strerror(errno));
			walk_free_roots(roots);
			return GTD_ENOINPUT;
		}
		for (int j = 0; j < k; j++)
			dup |= strcmp(roots[j], r) == 0 || is_under(r, roots[j]);
		if (dup) {
			free(r);
			continue;
		}
		for (int j = 0; j < k; j++)
			if (is_under(roots[j], r)) { /* r contains an earlier root: drop that one */
				free(roots[j]);
				roots[j] = roots[--k];
				roots[k] = NULL;
				j--;
			}
		roots[k++] = r;
	}
	*out = roots;
	return GTD_OK;
}

void walk_free_roots(char **roots)
{
	for (char **r = roots; r && *r; r++)
		free(*r);
	free(roots);
}

int walk(char *const *roots, const struct walk_visitor *v, struct gtd_error *err)
{
	FTS *fts;
	FTSENT *e;
	int rc = GTD_OK;

	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR | FTS_COMFOLLOW, by_name);
	if (!fts)
		return gtd_fail(err, GTD_EIO, "fts_open: %s", strerror(errno));
	while (rc == GTD_OK && (e = fts_read(fts))) {
		switch (e->fts_info) {
		case FTS_F:
			rc = v->file(v->ctx, e->fts_path, (int64_t)e->fts_statp->st_size,
				     (int64_t)e->fts_statp->st_mtim.tv_sec * 1000000000 +
					     e->fts_statp->st_mtim.tv_nsec, 0);
			break;
		case FTS_DNR: case FTS_ERR: case FTS_NS:
			rc = v->file(v->ctx, e->fts_path, 0, 0, e->fts_errno);
			break;
		default: /* symlinks below a root, directories on the way out, ... */
			break;
		}
	}
	fts_close(fts);
	return rc;
}

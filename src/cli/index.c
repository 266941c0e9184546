/* gotypedb index: options, the default path, progress and the summary. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"
#include "gotypedb/ingest.h"

struct index_cli {
	int progress;
	int progress_shown;
};

static void on_error(void *ctx, const char *path, const char *message)
{
	struct index_cli *c = ctx;

	if (c->progress_shown)
		fputs("\r\033[K", stderr);
	if (message)
		cli_error("%s: %s", path, message);
	else
		cli_error("%s", path);
}

static void on_note(void *ctx, const char *message)
{
	on_error(ctx, message, NULL);
}

static void on_progress(void *ctx, const struct gtd_ingest_stats *s, int done)
{
	struct index_cli *c = ctx;

	if (!c->progress)
		return;
	fprintf(stderr, "\r\033[Kindexing: %llu files, %llu units, %llu binaries, %llu errors, %.1f MB read, "
		"%.1f s", (unsigned long long)s->files, (unsigned long long)s->units,
		(unsigned long long)s->binaries,
		(unsigned long long)s->errors, (double)s->bytes / 1e6, s->seconds);
	c->progress_shown = !done;
	if (done)
		fputs("\r\033[K", stderr);
}

/* "LABEL: 3 a, 5 b" for the non-zero counts v[first..n). */
static void print_counts(const char *label, const uint64_t *v, int first, int n,
			 const char *(*name)(int), FILE *out)
{
	int any = 0;

	for (int i = first; i < n; i++) {
		if (!v[i])
			continue;
		fprintf(out, "%s%llu %s", any ? ", " : label, (unsigned long long)v[i], name(i));
		any = 1;
	}
	if (any)
		fputc('\n', out);
}

static const char *skip_name(int i) { return gtd_skip_name((enum gtd_skip)i); }
static const char *reject_name(int i) { return gtd_reject_name((enum gtd_reject)i); }

/* The process's peak resident set so far, as /usr/bin/time -v reports it. */
static double peak_rss_mb(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (double)ru.ru_maxrss * 1024 / 1e6;
}

static void print_summary(const struct gtd_ingest_stats *s)
{
	fprintf(stderr,
		"gotypedb: %llu files in %.2f s: %llu units indexed, %llu binaries indexed, "
		"%llu duplicate contents, %llu unchanged, %llu errors; %llu rows, %.1f MB read\n",
		(unsigned long long)s->files, s->seconds, (unsigned long long)s->units,
		(unsigned long long)s->binaries,
		(unsigned long long)s->duplicates, (unsigned long long)s->unchanged,
		(unsigned long long)s->errors, (unsigned long long)s->rows, (double)s->bytes / 1e6);
	fprintf(stderr, "  time: %.2f s loading, %.2f s building indexes; the writer thread used %.2f s of CPU;"
		" peak memory %.1f MB\n", s->seconds - s->index_seconds, s->index_seconds,
		s->writer_cpu_seconds, peak_rss_mb());
	print_counts("  skipped: ", s->skipped, GTD_SKIP_NONE + 1, GTD_SKIP_COUNT, skip_name, stderr);
	print_counts("  rejected: ", s->rejected, 0, GTD_REJECT_COUNT, reject_name, stderr);
	if (s->unreadable || s->no_memory)
		fprintf(stderr, "  not read, read again on the next run: %llu unreadable, %llu out of memory\n",
			(unsigned long long)s->unreadable, (unsigned long long)s->no_memory);
}

/* The exit status of a run that finished: a file the OS refused to read
 * first (EX_IOERR: nothing is wrong with the data), then memory, then
 * corrupt input (EX_DATAERR). */
static int run_status(const struct gtd_ingest_stats *s)
{
	if (s->unreadable)
		return EXIT_IOERR;
	if (s->no_memory)
		return EXIT_OSERR;
	return s->errors ? EXIT_DATAERR : 0;
}

/* `go env GOCACHE`, or NULL when there is no go command. */
static char *default_gocache(void)
{
	FILE *p = popen("go env GOCACHE 2>/dev/null", "r");
	char buf[4096];
	char *path = NULL;

	if (!p)
		return NULL;
	if (fgets(buf, sizeof buf, p)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (buf[0] && strcmp(buf, "off") != 0)
			path = strdup(buf);
	}
	pclose(p);
	return path;
}

static const char usage[] =
	"usage: gotypedb index [-d DB] [-j N] [--no-progress] [--force] [--wait SECONDS] [PATH...]";

static const char help[] =
	"\n"
	"Walks each PATH (a directory, or one file) and stores every unit of Go\n"
	"export data found in package archives into the database, created if need\n"
	"be.  Files that are not Go output are skipped by content, with a counted\n"
	"reason.  A file whose path, size and mtime are unchanged since the last\n"
	"run is skipped, and a content already stored is not decoded again.\n"
	"\n"
	"  PATH...            what to index (default: `go env GOCACHE`)\n"
	"  -d, --db DB        the database (default: $GOTYPEDB_DB, else ./gotypedb.db)\n"
	"  -j, --jobs N       decode in N threads, 1 to 256 (default: the cores)\n"
	"      --force        decode every file again, changed or not\n"
	"      --no-progress  no progress line (shown only when stderr is a terminal)\n"
	"      --wait SECONDS while another index run writes the database, wait this\n"
	"                     long for it (0: not at all; default: as long as it takes)\n"
	"  -h, --help         this help\n"
	"\n"
	"A bad file is reported as `gotypedb: FILE: where: what`, recorded with its\n"
	"error, and the run goes on.  A file that could not be read (permission,\n"
	"I/O error) or that memory ran out for is reported and read again on the\n"
	"next run.  SIGINT, SIGTERM or SIGHUP stop the run at the next file: what\n"
	"was committed stays, whole contents only.\n"
	"\n"
	"Exit status: 0 ok; 64 usage; 65 some input was corrupt (the rest is\n"
	"indexed); 66 a PATH does not exist; 70 an internal error; 71 out of memory\n"
	"or threads (also for a unit, the rest indexed); 74 an I/O or database\n"
	"error (also a file that could not be read, the rest indexed); 75 another\n"
	"run held the database past --wait; 128+N stopped by signal N.  Of 74, 71\n"
	"and 65, a run that finished exits with the first that applies.";

/* An index run allocates and frees the same kinds of buffers for every unit
 * (members, decoded models, staged rows) and grows a few large hash tables.
 * glibc's defaults give blocks from 128 KiB up back to the kernel on free
 * (munmap, or trimming a thread's heap) and take fresh zeroed pages for the
 * next one: a third of the run's page faults, on a VM where first-touching
 * a page is slow.  Keeping freed memory in the heap for reuse costs no peak
 * memory as long as there is one heap: the workers allocate what the
 * writer frees, and with a heap per thread (glibc's default, up to 8 per
 * core) each kept its own high-water mark: at -j 16 on a go1.26 std cmd
 * cache, 16 heaps held 282 MB for the 64 MiB the results in flight may
 * hold (peak RSS 267 -> 129 MB with one heap; -j 2 114 -> 76 MB).  Small
 * blocks come from glibc's per-thread caches without the heap's lock. */
static void keep_freed_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_ARENA_MAX, 1);
}

/* What an index run had done when it ended. */
enum ran { RAN_NOTHING, RAN_NEW, RAN_EXISTING };

/* Opens the store, indexes, closes it. */
static int run(const char *db, const struct gtd_store_options *so, const struct gtd_ingest_options *o,
	       struct gtd_ingest_stats *stats, enum ran *ran, struct gtd_error *err)
{
	struct gtd_store *st;
	int rc = gtd_store_open(db, so, &st, err);

	*ran = RAN_NOTHING;
	if (rc)
		return rc;
	*ran = gtd_store_is_new(st) ? RAN_NEW : RAN_EXISTING;
	rc = gtd_ingest(st, o, stats, err);
	gtd_store_close(st);
	return rc;
}

/* A signal stopped the run: says what is left, and ends by the signal. */
static int interrupted(struct index_cli *c, const char *db, enum ran ran)
{
	static const char *const left[] = {
		[RAN_NOTHING] = "nothing was written",
		[RAN_NEW] = "no database was created (a new one appears only when its run completes)",
		[RAN_EXISTING] = "the database keeps what earlier runs and this one had committed, whole"
				 " contents only; index again to go on",
	};
	int sig = cli_interrupted();

	if (c->progress_shown)
		fputs("\r\033[K", stderr);
	cli_error("%s: interrupted by %s: %s", db, cli_signal_name(sig), left[ran]);
	return cli_die_of_signal(sig);
}

int cmd_index(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'F' },
		{ "no-progress", no_argument, NULL, 'P' },
		{ "wait", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct index_cli c = { isatty(2), 0 };
	struct gtd_ingest_options o = { 0 };
	struct gtd_store_options so = {
		.lock_wait = -1, .interrupt = cli_interrupt_flag(), .on_note = on_note, .ctx = &c,
		.schema_image = &gtd_schema_image,
	};
	struct gtd_ingest_stats stats;
	struct gtd_error err = { 0 };
	const char *db = NULL;
	char *gocache = NULL, *end;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	enum ran ran;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "d:j:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 256) {
				cli_error("-j wants a number of threads from 1 to 256, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'W':
			if (cli_parse_wait(optarg, &so.lock_wait))
				return EXIT_USAGE;
			break;
		case 'F': o.force = 1; break;
		case 'P': c.progress = 0; break;
		case 'h': puts(usage); puts(help); return 0;
		default: fprintf(stderr, "%s\n", usage); return EXIT_USAGE;
		}
	}
	o.jobs = jobs > 0 ? (int)jobs : 1;
	o.paths = (const char *const *)argv + optind;
	o.npaths = argc - optind;
	if (o.npaths == 0) {
		gocache = default_gocache();
		if (!gocache) {
			cli_error("no PATH given and `go env GOCACHE` gave none; name what to index");
			return EXIT_USAGE;
		}
		o.paths = (const char *const *)&gocache;
		o.npaths = 1;
	}
	keep_freed_memory();
	o.on_error = on_error;
	o.on_progress = on_progress;
	o.ctx = &c;
	cli_catch_interrupts();
	rc = run(cli_db_path(db), &so, &o, &stats, &ran, &err);
	free(gocache);
	if (rc && cli_interrupted()) /* whatever error it caused */
		return interrupted(&c, cli_db_path(db), ran);
	if (rc)
		return cli_fail(rc, &err);
	print_summary(&stats);
	return run_status(&stats);
}

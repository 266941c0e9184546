/* gotypedb merge: databases indexed elsewhere (shards of one cache, other
 * machines' builds) into one, through the store like an index run: the
 * same lock, a new database built under a temporary name and renamed
 * into place when the run completes, signals stopping it at the next
 * input.  Every input is checked before any is merged. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "gotypedb/store.h"

static const char usage[] = "usage: gotypedb merge [-d OUT.db] [--wait SECONDS] IN.db...";

static const char help[] =
	"\n"
	"Adds the rows of each IN.db (gotypedb databases indexed separately: shards\n"
	"of one cache, builds on other machines) to OUT.db, created if need be.\n"
	"Rows are matched by what identifies them, never by ids: a content by its\n"
	"SHA-256, a string by its text, a file by its path, a package by its path\n"
	"and name, a Go type by its canonical string, a declaration by its hash;\n"
	"each is stored once and every reference renumbered.  The result is the\n"
	"same whatever the order of the inputs, and equals one index of all their\n"
	"files, ids aside (but where one canonical string stands for types whose\n"
	"parts differ, package main's of different programs or the generic\n"
	"signatures of different functions: the first definition met stays, as in\n"
	"an index run).  A path in several inputs keeps the row with a content,\n"
	"then the later mtime, then the larger size, then the larger content hash.\n"
	"\n"
	"  -d, --db OUT.db    the database to merge into (default: $GOTYPEDB_DB,\n"
	"                     else ./gotypedb.db)\n"
	"      --wait SECONDS while another run writes OUT.db, wait this long for it\n"
	"                     (0: not at all; default: as long as it takes)\n"
	"  -h, --help         this help\n"
	"\n"
	"Every input is checked first (a gotypedb database of this schema version,\n"
	"read-only); one that is not stops the run before anything is written.\n"
	"Each input is added whole or not at all.  A new OUT.db appears only when\n"
	"the run completes.\n"
	"\n"
	"Exit status: 0 ok; 64 usage, an input of another schema version or not a\n"
	"gotypedb database, or an input that is OUT.db itself; 66 an input does not\n"
	"exist; 71 out of memory; 74 an I/O or database error; 75 another run held\n"
	"OUT.db past --wait; 128+N stopped by signal N.";

static void on_note(void *ctx, const char *message)
{
	(void)ctx;
	cli_error("%s", message);
}

/* 1 if a and b name one file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "wait", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gtd_store_options so = { .lock_wait = -1, .interrupt = cli_interrupt_flag(), .on_note = on_note,
					.schema_image = &gtd_schema_image };
	struct gtd_merge_stats sum = { 0 }, one;
	struct gtd_store_stats rows;
	struct gtd_error err = { 0 };
	struct gtd_store *st = NULL;
	const char *db = NULL;
	double start = now();
	int opt, rc = GTD_OK, is_new = 0;

	while ((opt = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'W':
			if (cli_parse_wait(optarg, &so.lock_wait))
				return EXIT_USAGE;
			break;
		case 'h': puts(usage); puts(help); return 0;
		default: fprintf(stderr, "%s\n", usage); return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "%s\n", usage);
		return EXIT_USAGE;
	}
	db = cli_db_path(db);
	for (int i = optind; i < argc; i++) {
		if (same_file(argv[i], db)) {
			cli_error("%s: is %s itself: merge other databases into it", argv[i], db);
			return EXIT_USAGE;
		}
		if (gtd_store_merge_check(argv[i], &err))
			return cli_fail(err.code, &err);
	}
	cli_catch_interrupts();
	rc = gtd_store_open(db, &so, &st, &err);
	if (rc == GTD_OK)
		is_new = gtd_store_is_new(st);
	for (int i = optind; rc == GTD_OK && i < argc; i++) {
		if ((rc = gtd_store_merge(st, argv[i], &one, &err)) == GTD_OK) {
			sum.contents += one.contents;
			sum.files += one.files;
			sum.strings += one.strings;
		}
	}
	if (rc == GTD_OK) {
		gtd_store_stats(st, &rows);
		rc = gtd_store_finish(st, &err);
	}
	gtd_store_close(st);
	if (rc && cli_interrupted()) {
		int sig = cli_interrupted();

		cli_error("%s: interrupted by %s: %s", db, cli_signal_name(sig),
			  is_new ? "no database was created (a new one appears only when its run completes)"
				 : "the database keeps the inputs merged before the signal, each whole");
		return cli_die_of_signal(sig);
	}
	if (rc)
		return cli_fail(rc, &err);
	fprintf(stderr, "gotypedb: %d database%s merged into %s in %.2f s: %llu new contents, %llu files,"
		" %llu new strings; %llu rows\n", argc - optind, argc - optind == 1 ? "" : "s", db, now() - start,
		(unsigned long long)sum.contents, (unsigned long long)sum.files, (unsigned long long)sum.strings,
		(unsigned long long)rows.rows);
	return 0;
}

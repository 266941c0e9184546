/* gotypedb query: SQL from the argument, a file, or a bundled @NAME. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gotypedb/embedded.h"
#include "gotypedb/query.h"

static const char usage[] =
	"usage: gotypedb query [-d DB] [--format table|csv|json] (SQL | -f FILE | @NAME)";

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (!f)
		return NULL;
	do {
		char *b;

		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			b = realloc(buf, cap + 1);
			if (!b) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void list_queries(FILE *out)
{
	fputs("bundled queries:", out);
	for (const struct gtd_embedded *q = gtd_query_files; q->name; q++)
		fprintf(out, " @%.*s", (int)(strlen(q->name) - 4), q->name);
	fputc('\n', out);
}

int cmd_query(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gtd_error err = { 0 };
	const char *db = NULL, *file = NULL, *sql = NULL;
	char *owned = NULL;
	int opt, fmt = GTD_FORMAT_TABLE, rc;

	while ((opt = getopt_long(argc, argv, "d:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'f': file = optarg; break;
		case 'F':
			if ((fmt = gtd_format_parse(optarg)) < 0) {
				cli_error("--format wants table, csv or json, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': puts(usage); list_queries(stdout); return 0;
		default: fprintf(stderr, "%s\n", usage); return EXIT_USAGE;
		}
	}
	if ((file != NULL) + (argc - optind) != 1) {
		fprintf(stderr, "%s\n", usage);
		return EXIT_USAGE;
	}
	if (file) {
		if (!(sql = owned = read_file(file))) {
			cli_error("%s: cannot read", file);
			return EXIT_NOINPUT;
		}
	} else if (argv[optind][0] == '@') {
		if (!(sql = gtd_embedded_query(argv[optind] + 1))) {
			cli_error("no bundled query \"%s\"", argv[optind]);
			list_queries(stderr);
			return EXIT_USAGE;
		}
	} else {
		sql = argv[optind];
	}
	rc = gtd_query_run(cli_db_path(db), sql, (enum gtd_format)fmt, stdout, &err);
	free(owned);
	if (rc)
		cli_error("%s", err.msg);
	return cli_exit_code(rc);
}

/* gotypedb query: SQL from the argument, a file, or a bundled @NAME. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "gotypedb/embedded.h"
#include "gotypedb/query.h"

static const char usage[] =
	"usage: gotypedb query [-d DB] [--format table|csv|json|markdown|html] [-o OUT]\n"
	"                      (SQL | -f FILE | @NAME)\n";

static const char help[] =
	"\n"
	"Runs SQL on the database and prints the rows of each statement.\n"
	"\n"
	"  SQL                one or more statements, separated by ';'\n"
	"  -f, --file FILE    the statements in FILE\n"
	"  @NAME              a bundled query (queries/NAME.sql; listed below)\n"
	"  -d, --db DB        the database (default: $GOTYPEDB_DB, else ./gotypedb.db)\n"
	"      --format FMT   table (default): aligned columns; on a terminal, cells\n"
	"                       are cut with an ellipsis to fit its width, elsewhere\n"
	"                       never; control characters are escaped\n"
	"                     csv: RFC 4180 with a header row, values byte for byte\n"
	"                     json: one document: the statement's rows as an array\n"
	"                       of objects; with several statements, an array of\n"
	"                       those arrays\n"
	"                     markdown: a GitHub-flavoured table (CI summaries);\n"
	"                       markup characters backslash-escaped\n"
	"                     html: one self-contained page, each statement's SQL\n"
	"                       above its table, sortable by a click on a header\n"
	"  -o, --output OUT   write the rows to OUT (removed if the query fails)\n"
	"  -h, --help         this help\n"
	"\n"
	"NULL prints as an empty cell (table, csv) or null (json).  BLOBs print as\n"
	"x'0a1b'; in json, so does text that is not UTF-8.  All statements read one\n"
	"snapshot of the database.  json and html print nothing unless every\n"
	"statement succeeded; table, csv and markdown print as rows come.\n"
	"\n"
	"Nothing is written anywhere.  A statement that would write to a database\n"
	"(the main one, a temporary one or one attached), attach one, vacuum,\n"
	"begin a transaction or change a setting is refused before any statement\n"
	"runs.  These pragmas report and are allowed:\n";

static const char help_exit[] =
	"\n"
	"Exit status: 0 ok; 64 usage, an SQL error or a refused statement; 66 the\n"
	"database or FILE does not exist or cannot be opened; 71 out of memory;\n"
	"74 the database cannot be read (not a database, damaged, an I/O error) or\n"
	"the output cannot be written.\n";

static void list_queries(FILE *out)
{
	fputs("bundled queries:", out);
	for (const struct gtd_embedded *q = gtd_query_files; q->name; q++)
		fprintf(out, " @%.*s", (int)(strlen(q->name) - 4), q->name);
	fputc('\n', out);
}

static void print_help(void)
{
	fputs(usage, stdout);
	fputs(help, stdout);
	gtd_query_print_pragmas(stdout);
	fputs(help_exit, stdout);
	fputc('\n', stdout);
	list_queries(stdout);
}

/* Reads all of f into a NUL-terminated buffer, or NULL (errno set). */
static char *read_all(FILE *f, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	do {
		if (cap - n < 4096) {
			char *b = realloc(buf, (cap = cap ? cap * 2 : 8192) + 1);

			if (!b) {
				free(buf);
				return NULL;
			}
			buf = b;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The SQL in path; on failure prints why and returns NULL with *rc set. */
static char *read_sql_file(const char *path, int *rc)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *sql = NULL;
	size_t n = 0;

	*rc = EXIT_NOINPUT;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error("%s: is a directory, not a file of SQL", path);
	} else if (!(sql = read_all(f, &n))) {
		*rc = errno == ENOMEM ? EXIT_OSERR : EXIT_IOERR;
		cli_error("%s: cannot read: %s", path, strerror(errno));
	} else if (strlen(sql) != n) {
		*rc = EXIT_USAGE; /* SQLite would stop at the NUL and skip the rest */
		cli_error("%s: byte %zu is NUL: SQL is text", path, strlen(sql));
		free(sql);
		sql = NULL;
	}
	fclose(f);
	return sql;
}

int cmd_query(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "file", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gtd_query_options o = { GTD_FORMAT_TABLE, "query", 0 };
	struct gtd_error err = { 0 };
	const char *db = NULL, *file = NULL, *sql = NULL, *output = NULL;
	FILE *out;
	char *owned = NULL;
	int opt, fmt, rc;

	while ((opt = getopt_long(argc, argv, "d:f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'f': file = optarg; break;
		case 'o': output = optarg; break;
		case 'F':
			if ((fmt = gtd_format_parse(optarg)) < 0) {
				cli_error("--format wants table, csv, json, markdown or html, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			o.format = (enum gtd_format)fmt;
			break;
		case 'h': print_help(); return 0;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if ((file != NULL) + (argc - optind) != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (file) {
		if (!(sql = owned = read_sql_file(file, &rc)))
			return rc;
		o.sql_name = file;
	} else if (argv[optind][0] == '@') {
		if (!(sql = gtd_embedded_query(argv[optind] + 1))) {
			cli_error("no bundled query \"%s\"", argv[optind]);
			list_queries(stderr);
			return EXIT_USAGE;
		}
		o.sql_name = argv[optind];
	} else {
		sql = argv[optind];
	}
	o.width = o.format == GTD_FORMAT_TABLE && !output ? cli_terminal_width() : 0;
	if (!(out = cli_output_open(output))) {
		free(owned);
		return EXIT_IOERR;
	}
	rc = gtd_query_run(cli_db_path(db), sql, &o, out, &err);
	rc = cli_output_close(output, out, rc, &err);
	free(owned);
	if (rc)
		cli_error("%s", err.msg);
	return cli_exit_code(rc);
}

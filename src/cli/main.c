/* gotypedb: dispatch to the subcommands, like git's builtins. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gotypedb/pkgbits.h"
#include "gotypedb/report.h"
#include "gotypedb/rtype.h"
#include "gotypedb/store.h"

#ifndef GTD_VERSION
#define GTD_VERSION "unknown"
#endif

static const char usage[] =
	"usage: gotypedb index  [-d DB] [-j N] [--no-progress] [--force] [--wait SECONDS] [PATH...]\n"
	"       gotypedb query  [-d DB] [--format FMT] [-o OUT] (SQL | -f FILE | @NAME)\n"
	"       gotypedb report [-d DB] [-c FILE] [--check] [--param NAME=VALUE]...\n"
	"                       [--format FMT] [-o OUT]\n"
	"       gotypedb diff   [-c FILE] [--check] [--param NAME=VALUE]... [--format FMT] [-o OUT]\n"
	"                       OLD.db NEW.db\n"
	"       gotypedb merge  [-d OUT.db] [--wait SECONDS] IN.db...\n"
	"       gotypedb schema\n"
	"       gotypedb --help | --version\n"
	"\n"
	"Indexes Go Unified IR export data (package archives in a build cache,\n"
	"GOPATH/pkg or GOROOT/pkg) into SQLite and answers SQL about it.\n"
	"\n"
	"  index   walk PATHs (default: `go env GOCACHE`) and store every unit\n"
	"  query   run SQL read-only; @NAME runs the bundled queries/NAME.sql\n"
	"  report  run the reports of a YAML file, with thresholds for CI\n"
	"  diff    compare two databases (two builds): types, declarations, bytes\n"
	"  merge   merge databases indexed elsewhere (shards) into one\n"
	"  schema  print the schema: every table, column and view, documented\n"
	"\n"
	"`gotypedb COMMAND --help` describes a command's options.  FMT is table (the\n"
	"default), csv, json, markdown or html.\n"
	"DB defaults to $GOTYPEDB_DB, else ./gotypedb.db.  Data goes to stdout,\n"
	"messages to stderr, as `gotypedb: FILE: where: what`.\n"
	"\n"
	"Exit status: 0 ok; 64 usage, an SQL error or a refused statement; 65 some\n"
	"input was corrupt; 66 an input or the database does not exist; 70 an\n"
	"internal error; 71 out of memory or threads; 74 an I/O or database error\n"
	"(a database that cannot be read); 75 another index run holds the\n"
	"database (index --wait); 78 a report file is wrong; 1 a report's error\n"
	"threshold was crossed; 128+N stopped by signal N.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "index", cmd_index },
	{ "query", cmd_query },
	{ "report", cmd_report },
	{ "diff", cmd_diff },
	{ "merge", cmd_merge },
	{ "schema", cmd_schema },
};

void cli_error(const char *fmt, ...)
{
	struct gtd_strbuf line = { 0 };
	char small[1024], *msg = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (!msg) { /* no memory for the whole message: its start */
		msg = small;
		n = (int)strlen(small);
	}
	gtd_strbuf_puts(&line, "gotypedb: ");
	cli_escape(&line, msg, n < 0 ? 0 : (size_t)n);
	gtd_strbuf_putc(&line, '\n');
	if (!line.oom)
		fwrite(line.p, 1, line.n, stderr);
	gtd_strbuf_free(&line);
	if (msg != small)
		free(msg);
}

int cli_fail(int code, const struct gtd_error *err)
{
	if (code == GTD_EINTERNAL)
		cli_error("internal error: %s; this is a bug in gotypedb %s: please report it, with the "
			  "command line and the input that caused it", err->msg, GTD_VERSION);
	else
		cli_error("%s", err->msg);
	return cli_exit_code(code);
}

int cli_exit_code(int code)
{
	switch (code) {
	case GTD_OK: return 0;
	case GTD_EDATA: case GTD_EUNSUPPORTED: case GTD_ELIMIT: return EXIT_DATAERR;
	case GTD_ENOMEM: return EXIT_OSERR;
	case GTD_EUSAGE: return EXIT_USAGE;
	case GTD_ENOINPUT: return EXIT_NOINPUT;
	case GTD_EINTERNAL: return EXIT_SOFTWARE;
	case GTD_EBUSY: return EXIT_TEMPFAIL;
	case GTD_EINTR: return 128 + 2; /* as a shell reports SIGINT; see interrupt.c */
	default: return EXIT_IOERR;
	}
}

int cli_parse_wait(const char *arg, double *seconds)
{
	char *end;

	*seconds = strtod(arg, &end);
	if (end == arg || *end || !(*seconds >= 0)) {
		cli_error("--wait wants a number of seconds, 0 or more, not \"%s\"", arg);
		return -1;
	}
	return 0;
}

const char *cli_db_path(const char *opt)
{
	const char *env = getenv("GOTYPEDB_DB");

	if (opt)
		return opt;
	return env && *env ? env : "gotypedb.db";
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("gotypedb %s (schema version %d, pkgbits V0-V%d, Go runtime tables 1.%d-1.%d,"
		       " report files version %d)\n", GTD_VERSION, GTD_SCHEMA_VERSION, GTD_UIR_MAX_VERSION,
		       GTD_RT_FIRST_MINOR, GTD_RT_LAST_MINOR, GTD_REPORT_FILE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	cli_error("unknown command \"%s\"; see gotypedb --help", argv[1]);
	return EXIT_USAGE;
}

/* gotypedb report: the reports of a YAML file, checked whole, then run on
 * one snapshot of the database, with thresholds that set the exit status.
 * gotypedb diff is the same on two databases: its reports (the built-in
 * queries/diff.yaml, or -c FILE) read the schemas "old" and "new". */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "gotypedb/embedded.h"
#include "gotypedb/query.h"
#include "gotypedb/report.h"

/* The compiled-in report files, as messages name them. */
#define BUILTIN_NAME "(built-in) queries/reports.yaml"
#define BUILTIN_DIFF_NAME "(built-in) queries/diff.yaml"

static const char usage[] =
	"usage: gotypedb report [-d DB] [-c FILE] [--check] [--param NAME=VALUE]...\n"
	"                       [--format table|csv|json|markdown|html] [-o OUT]\n";

static const char diff_usage[] =
	"usage: gotypedb diff [-c FILE] [--check] [--param NAME=VALUE]... [--format FMT] [-o OUT]\n"
	"                     OLD.db NEW.db\n";

static const char diff_help[] =
	"\n"
	"Compares two databases (two builds indexed): totals; runtime type metadata\n"
	"by binary and by package; export data by package; types added, removed\n"
	"or whose descriptors changed; declarations and methods added, removed or\n"
	"changed; itabs and strings in one and not the other.  Numbers are old ->\n"
	"new with the change and its percent, sorted by the size of the change.\n"
	"Binaries are matched by their path below the directory each database's\n"
	"binaries share, so that builds in old/ and new/ compare file by file.\n"
	"\n"
	"  -c, --config FILE    a report file whose SQL reads old.TABLE and new.TABLE\n"
	"                         (default: the built-in queries/diff.yaml); its\n"
	"                         thresholds set the exit status as for report\n"
	"      --check          only check the file\n"
	"      --param N=V      the value of parameter N (see gotypedb report)\n"
	"      --format FMT     table (default), csv, json, markdown or html\n"
	"  -o, --output OUT     write to OUT instead of stdout (removed on failure)\n"
	"  -h, --help           this help\n"
	"\n"
	"Both databases must be gotypedb's, of this schema version; both are read\n"
	"on one snapshot each, and nothing is written.\n"
	"\n"
	"Exit status: 0 ok; 1 an error threshold of -c FILE was crossed; 64 usage,\n"
	"or a database of another schema version; 66 a database or FILE does not\n"
	"exist; 71 out of memory; 74 a database cannot be read or OUT cannot be\n"
	"written; 78 the report file is wrong.\n";

static const char help[] =
	"\n"
	"Runs the reports of a report file (YAML; see the README, \"Reports\") on the\n"
	"database.  The whole file is checked first, its SQL included (prepared on an\n"
	"empty database of this schema), and every problem is listed as\n"
	"FILE:LINE:COL: message; then nothing runs.\n"
	"\n"
	"  -c, --config FILE    the report file (default: the built-in reports,\n"
	"                         queries/reports.yaml, compiled in)\n"
	"      --check          only check the file (no database is opened)\n"
	"      --param N=V      the value of parameter N for every report declaring\n"
	"                         it, read as its declared type; bound, never pasted\n"
	"                         into the SQL\n"
	"  -d, --db DB          the database (default: $GOTYPEDB_DB, else ./gotypedb.db)\n"
	"      --format FMT     table (default), csv, json (one array of reports,\n"
	"                         each with its thresholds and rows), or markdown\n"
	"                         (a heading and a table each, crossed thresholds\n"
	"                         under them: for a CI job's summary), or html\n"
	"                         (one self-contained page: the tables, sortable by\n"
	"                         a click on a header, and each report's chart)\n"
	"  -o, --output OUT     write the reports to OUT instead of stdout\n"
	"  -h, --help           this help\n"
	"\n"
	"A threshold (warn, error) is crossed when any row of the report's whole\n"
	"result, not only the rows shown, compares true; each crossing is said on\n"
	"stderr.  All reports read one snapshot of the database.\n"
	"\n"
	"Exit status: 0 ok (warnings allowed); 1 an error threshold was crossed;\n"
	"64 usage or a bad --param; 66 the database or FILE does not exist; 71 out\n"
	"of memory; 74 the database cannot be read or OUT cannot be written;\n"
	"78 the report file is wrong.\n";

/* Prints each "FILE:LINE:COL: message" line as "gotypedb: ..." */
static void print_diags(const struct gtd_strbuf *diags)
{
	const char *p = diags->p;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		cli_error("%.*s", (int)n, p);
		p += n + (nl != NULL);
	}
}

struct report_cli {
	int diff; /* gotypedb diff: old and new below */
	const char *old_db, *new_db;
	const char *db, *config, *output;
	int check, format;
	struct gtd_report_override *overrides;
	size_t noverrides;
};

static int add_override(struct report_cli *c, char *arg)
{
	char *eq = strchr(arg, '=');
	struct gtd_report_override *v;

	if (!eq || eq == arg) {
		cli_error("--param wants NAME=VALUE, not \"%s\"", arg);
		return EXIT_USAGE;
	}
	if (!(v = realloc(c->overrides, (c->noverrides + 1) * sizeof *v))) {
		cli_error("out of memory");
		return EXIT_OSERR;
	}
	*eq = '\0';
	c->overrides = v;
	for (size_t i = 0; i < c->noverrides; i++)
		if (strcmp(v[i].name, arg) == 0) {
			cli_error("--param %s given twice", arg);
			return EXIT_USAGE;
		}
	v[c->noverrides++] = (struct gtd_report_override){ arg, eq + 1 };
	return 0;
}

static int parse_args(struct report_cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },   { "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'C' },      { "param", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' }, { "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
	};
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "d:c:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': c->db = optarg; break;
		case 'c': c->config = optarg; break;
		case 'C': c->check = 1; break;
		case 'o': c->output = optarg; break;
		case 'p':
			if ((rc = add_override(c, optarg)))
				return rc;
			break;
		case 'F':
			if ((c->format = gtd_format_parse(optarg)) < 0) {
				cli_error("--format wants table, csv, json, markdown or html, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(c->diff ? diff_usage : usage, stdout);
			fputs(c->diff ? diff_help : help, stdout);
			return -1;
		default: fputs(c->diff ? diff_usage : usage, stderr); return EXIT_USAGE;
		}
	}
	if (c->diff && c->db) {
		cli_error("diff takes OLD.db and NEW.db, not -d");
		return EXIT_USAGE;
	}
	if (c->diff && !c->check && argc - optind == 2) {
		c->old_db = argv[optind];
		c->new_db = argv[optind + 1];
		return 0;
	}
	if (optind != argc) {
		fputs(c->diff ? diff_usage : usage, stderr);
		return EXIT_USAGE;
	}
	if (c->diff && !c->check) {
		fputs(diff_usage, stderr);
		return EXIT_USAGE;
	}
	return 0;
}

/* Runs the checked reports into stdout or OUT (removed if the run fails). */
static int run(const struct report_cli *c, const struct gtd_report_file *f)
{
	struct gtd_report_run_options o = { c->format, 0, c->overrides, c->noverrides, stdout, stderr,
					    c->old_db, c->diff ? "gotypedb diff" : NULL };
	struct gtd_report_outcome outcome;
	struct gtd_error err = { 0 };
	int rc;

	if (!(o.out = cli_output_open(c->output)))
		return EXIT_IOERR;
	if (!c->output && c->format == GTD_FORMAT_TABLE)
		o.width = cli_terminal_width();
	rc = gtd_report_run(f, c->diff ? c->new_db : cli_db_path(c->db), &o, &outcome, &err);
	if ((rc = cli_output_close(c->output, o.out, rc, &err))) {
		cli_error("%s", err.msg);
		return cli_exit_code(rc);
	}
	return outcome.errors ? 1 : 0;
}

static int report_or_diff(int diff, int argc, char **argv)
{
	struct report_cli c = { .diff = diff };
	const char *builtin = diff ? BUILTIN_DIFF_NAME : BUILTIN_NAME;
	const char *text = gtd_embedded_report(diff ? "diff.yaml" : "reports.yaml");
	struct gtd_report_file f;
	struct gtd_strbuf diags = { 0 };
	struct gtd_error err = { 0 };
	int rc = parse_args(&c, argc, argv), problems;

	if (rc) {
		free(c.overrides);
		return rc < 0 ? 0 : rc;
	}
	if (c.config)
		problems = (diff ? gtd_report_file_load_pair : gtd_report_file_load)(c.config, &f, &diags, &err);
	else
		problems = (diff ? gtd_report_file_parse_pair : gtd_report_file_parse)(builtin, text, strlen(text), &f,
											&diags, &err);
	if (problems < 0) {
		cli_error("%s", err.msg);
		rc = cli_exit_code(err.code);
	} else if (problems > 0) {
		print_diags(&diags);
		cli_error("%s: %d problem%s; nothing was run", c.config ? c.config : builtin, problems,
			  problems == 1 ? "" : "s");
		rc = EXIT_CONFIG;
	} else {
		rc = c.check ? 0 : run(&c, &f);
		gtd_report_file_free(&f);
	}
	gtd_strbuf_free(&diags);
	free(c.overrides);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	return report_or_diff(0, argc, argv);
}

int cmd_diff(int argc, char **argv)
{
	return report_or_diff(1, argc, argv);
}

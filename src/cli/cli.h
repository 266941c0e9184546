/* Shared by the subcommands: exit codes, messages, the database path. */
#ifndef GOTYPEDB_CLI_H
#define GOTYPEDB_CLI_H

#include <stdatomic.h>
#include <stddef.h>

#include "gotypedb/error.h"
#include "gotypedb/strbuf.h"

/* sysexits.h values, named here so the mapping is in one place. */
enum {
	EXIT_USAGE = 64,    /* EX_USAGE */
	EXIT_DATAERR = 65,  /* EX_DATAERR: some input was corrupt */
	EXIT_NOINPUT = 66,  /* EX_NOINPUT */
	EXIT_SOFTWARE = 70, /* EX_SOFTWARE: an internal error, a bug to report */
	EXIT_OSERR = 71,    /* EX_OSERR: out of memory, threads */
	EXIT_IOERR = 74,    /* EX_IOERR: the database or a read failed */
	EXIT_TEMPFAIL = 75, /* EX_TEMPFAIL: another index run holds the database */
	EXIT_CONFIG = 78,   /* EX_CONFIG */
};

int cmd_index(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* "gotypedb: MESSAGE" on stderr, control bytes escaped (escape.c). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Reports err (an internal error with a request to report it) and returns
 * the exit code for code. */
int cli_fail(int code, const struct gtd_error *err);
/* The exit code for an error code. */
int cli_exit_code(int code);
/* escape.c: appends s[0:n] with control bytes and non-UTF-8 escaped. */
void cli_escape(struct gtd_strbuf *b, const char *s, size_t n);

/* interrupt.c: SIGINT, SIGTERM and SIGHUP set a flag (the first time;
 * a second one ends the process). */
void cli_catch_interrupts(void);
const atomic_int *cli_interrupt_flag(void);
/* The signal caught, or 0. */
int cli_interrupted(void);
const char *cli_signal_name(int sig);
/* Ends the process by sig (after the clean-up), as if never caught. */
int cli_die_of_signal(int sig);
/* terminal.c: the terminal's width if stdout is one, else 0 (never cut
 * a cell). */
int cli_terminal_width(void);
/* output.c: -o OUT, or stdout when path is NULL; NULL (said why) if OUT
 * cannot be created.  Close returns rc, or GTD_EIO if OUT could not be
 * written; OUT is removed unless the result is GTD_OK. */
#include <stdio.h>
FILE *cli_output_open(const char *path);
int cli_output_close(const char *path, FILE *f, int rc, struct gtd_error *err);
/* --wait SECONDS of index and merge into *seconds; -1 (said why) if arg
 * is not a number of seconds, 0 or more. */
int cli_parse_wait(const char *arg, double *seconds);
/* -d DB, else $GOTYPEDB_DB, else ./gotypedb.db */
const char *cli_db_path(const char *opt);

#endif

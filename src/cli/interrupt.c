/* SIGINT, SIGTERM and SIGHUP during an index run.  The first one only
 * records itself: the store then stops at the next content (or interrupts
 * SQLite's statement in progress), rolls back what it had not committed
 * and removes a new database's temporary file, which leaves the database as
 * a kill -9 would (whole contents only) but says so and leaves no temporary
 * file behind.  The handler then gives all three back their default action,
 * so a second signal ends the process at once, as kill -9 would.  After the
 * clean-up the process ends by the same signal, so that a calling shell or
 * make sees it was interrupted (status 128 + N: 130, 143, 129).  The
 * pipeline's threads block these signals (src/ingest/pipeline.c), so the
 * handler runs on the calling thread, one signal after the other. */
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* A signal handler may only touch lock-free atomics. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic_int must be lock-free for the signal handler");

static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGS (sizeof sigs / sizeof sigs[0])
static atomic_int caught;
static int handled[NSIGS]; /* set before the handler can run; read-only after */

static void set_action(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	/* SA_RESTART: reads of the inputs and SQLite's I/O go on undisturbed;
	 * the store sees the flag between contents and in SQLite's progress
	 * handler. */
	sa.sa_flags = SA_RESTART;
	/* another of them waits until this handler has reset them all */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGS; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	sigaction(sig, &sa, NULL); /* async-signal-safe */
}

static void on_signal(int sig)
{
	atomic_store(&caught, sig);
	for (size_t i = 0; i < NSIGS; i++)
		if (handled[i])
			set_action(sigs[i], SIG_DFL);
}

void cli_catch_interrupts(void)
{
	for (size_t i = 0; i < NSIGS; i++) {
		struct sigaction old;

		/* A signal ignored on entry stays ignored: nohup's SIGHUP, a
		 * shell's SIGINT for a background job. */
		handled[i] = sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN;
	}
	for (size_t i = 0; i < NSIGS; i++)
		if (handled[i])
			set_action(sigs[i], on_signal);
}

const atomic_int *cli_interrupt_flag(void)
{
	return &caught;
}

int cli_interrupted(void)
{
	return atomic_load(&caught);
}

const char *cli_signal_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	default: return "a signal";
	}
}

int cli_die_of_signal(int sig)
{
	set_action(sig, SIG_DFL);
	raise(sig);
	return 128 + sig; /* if it did not end the process: the status a shell would give */
}

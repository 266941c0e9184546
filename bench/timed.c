/* timed OUT CMD...: runs CMD with stdout into OUT and stderr into OUT.err;
 * prints "SECONDS MAXRSS_KIB STATUS" on one line.
 *
 * SECONDS is the wall time from fork to the child's exit, from a
 * monotonic clock to the microsecond (GNU time's %e has centiseconds: a
 * run of 0.05 s would be 20% wrong).  MAXRSS_KIB is the child's peak RSS
 * from wait4's rusage.  Linux keeps a process's peak across exec: it is
 * the larger of the command's own and what the forked copy of this
 * launcher held before exec, so the launcher is a small static program
 * (a few hundred KiB resident), not a script whose interpreter's ~10 MiB
 * would stand in for a smaller command's peak.  STATUS is the exit
 * status, or 128 + the signal that ended it.  The benches run both
 * programs they compare through this, so both are measured alike. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char err[4096];
	struct rusage ru;
	double t0;
	pid_t pid;
	int status;

	if (argc < 3) {
		fprintf(stderr, "usage: timed OUT CMD...\n");
		return 2;
	}
	snprintf(err, sizeof err, "%s.err", argv[1]);
	t0 = now();
	if ((pid = fork()) < 0) {
		perror("timed: fork");
		return 1;
	}
	if (pid == 0) {
		int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fd2 = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (out < 0 || fd2 < 0 || dup2(out, 1) < 0 || dup2(fd2, 2) < 0)
			_exit(127);
		execvp(argv[2], argv + 2);
		dprintf(2, "timed: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timed: wait4");
		return 1;
	}
	printf("%.6f %ld %d\n", now() - t0, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}

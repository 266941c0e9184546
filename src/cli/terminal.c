/* The width a table may take on the terminal. */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

int cli_terminal_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long cols;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	cols = env ? strtol(env, NULL, 10) : 0;
	return cols > 0 && cols < 100000 ? (int)cols : 80;
}

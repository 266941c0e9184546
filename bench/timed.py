#!/usr/bin/env python3
"""timed.py OUT CMD...: runs CMD with stdout into OUT and stderr into
OUT.err; prints "SECONDS MAXRSS_KIB STATUS" on one line.

SECONDS is the wall time from fork to the child's exit, read from a
monotonic clock to the microsecond (GNU time's %e has centiseconds: a
run of 0.05 s would be 20% wrong).  MAXRSS_KIB is the child's peak RSS
from wait4's rusage, the number GNU time's %M prints.  STATUS is the
exit status, or 128 + the signal that ended it.  Both programs a bench
compares run through this, so both are measured alike.
"""
import os
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: timed.py OUT CMD...")
    out, cmd = sys.argv[1], sys.argv[2:]
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            fd = os.open(out + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 2)
            os.execvp(cmd[0], cmd)
        except OSError as e:
            os.write(2, ("timed.py: %s: %s\n" % (cmd[0], e.strerror)).encode())
        os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    seconds = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    print("%.6f %d %d" % (seconds, ru.ru_maxrss, code if code >= 0 else 128 - code))


main()

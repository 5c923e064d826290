/* tty.h - a pseudo-terminal as a child's stdout, copied to its log: the
 * terminal half of proc.c, and used only by it.
 *
 * A program that block-buffers stdout when it is a file (the C library
 * does, and Python, and most custom simulators) writes each line at once
 * to a terminal. cosim-run cannot change such a program's buffering from
 * inside, so with pty = yes it gives it the slave side of a pseudo-terminal
 * in raw mode (cfmakeraw: no CR added, no echo, no signals from bytes); it
 * is not made the controlling terminal, so no SIGHUP or job control comes
 * with it. The master side is read whenever proc_event waits, and what
 * arrives is appended to the log file, up to a byte limit beyond which it
 * is read and dropped (the program must never block on a full terminal).
 * When the last writer has gone, a read gives EIO; tty_drain reads what is
 * left once every process has ended. */
#ifndef COSIM_TTY_H
#define COSIM_TTY_H

#include <poll.h>
#include <stdint.h>

/* Open a pseudo-terminal in raw mode: the master (close-on-exec,
 * non-blocking) is returned, the slave (close-on-exec) put in *slave;
 * -1 with errno set. */
int tty_open(int *slave);
/* Copy what the master gives to the file at path (created, emptied),
 * at most max bytes (max < 0: all). Takes the master; -1 with errno set. */
int tty_copy(int master, const char *path, int64_t max);
/* Put the copies' masters in pf (at most n); returns how many. */
int tty_pollfds(struct pollfd *pf, int n);
/* Copy what is ready on the masters in pf (as tty_pollfds filled it). */
void tty_pump(const struct pollfd *pf, int n);
/* Copy everything left and close every copy: call when no process can
 * write to the terminals any more. */
void tty_drain(void);

#endif

/* cosim_linebuf.c - make a simulator's standard output line-buffered.
 *
 * cosim-run sends a simulator's stdout to a file, and the C library
 * block-buffers a file: what a testbench printed would reach its log in
 * 4 KiB blocks, not at all when the simulator is killed (a timeout), and
 * the idle timeout would see no output from a simulation that prints a
 * line a second. Line buffering writes every finished line at once, at
 * one write per line, as on a terminal. (Unbuffered would also write an
 * unfinished line, but it made a Verilator run of 200,000 $display lines
 * three times slower, at the same number of writes.)
 *
 * cosimgen links this file into every Verilator design and builds it into
 * the VPI module that every Icarus run loads. A constructor does it, before
 * the simulation starts and without any call from the testbench.
 *
 * What is left in the buffer, a $write without a newline, would be lost
 * when SIGTERM kills the simulator: Verilator's generated main catches no
 * signal. So when nothing else catches SIGTERM (the bridge does, and ends
 * the simulation cleanly; vvp does, and flushes), a handler here writes
 * the buffer's content with write(2), reading the C library's own
 * pointers rather than calling stdio, which is not async-signal-safe, then
 * lets the signal kill the process as before. It needs glibc's FILE
 * layout; elsewhere an unfinished line is lost.
 *
 * The code is valid C and C++: Verilator compiles .c files with g++. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__) && !defined(COSIM_BRIDGE_VPI)
static void
cosim_linebuf_term(int sig)
{
	const char *p = stdout->_IO_write_base;

	while (p && p < stdout->_IO_write_ptr) {
		ssize_t n = write(1, p, (size_t)(stdout->_IO_write_ptr - p));

		if (n <= 0)
			break;
		p += n;
	}
	raise(sig);	/* SA_RESETHAND: on return it kills, as before */
}
#endif

__attribute__((constructor)) static void
cosim_linebuf_init(void)
{
#if defined(__GLIBC__) && !defined(COSIM_BRIDGE_VPI)
	struct sigaction sa, old;
#endif

	setvbuf(stdout, NULL, _IOLBF, 0);
#if defined(__GLIBC__) && !defined(COSIM_BRIDGE_VPI)
	/* only where SIGTERM would kill: the bridge's handler, installed
	 * before or after this one, takes precedence */
	if (sigaction(SIGTERM, NULL, &old) != 0 || old.sa_handler != SIG_DFL ||
	    (old.sa_flags & SA_SIGINFO))
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cosim_linebuf_term;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGTERM, &sa, NULL);
#endif
}

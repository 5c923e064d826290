/* capture.h - a program run to learn something: its standard output and
 * its standard error captured, for the generator's questions to
 * cocotb-config, Python and Verilator. The program runs in a process
 * group of its own, under a deadline, and nothing of the group outlives
 * the run. */
#ifndef COSIM_CAPTURE_H
#define COSIM_CAPTURE_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* capture.status when the program did not end by itself. */
#define CAPTURE_NOSTART (-1)	/* it could not start: errno in error */
#define CAPTURE_TIMEOUT (-2)	/* killed at the deadline */

/* A program's run. */
struct capture {
	struct buf out;		/* what it wrote on stdout */
	int status;		/* its exit status, 128 + the signal that
				 * ended it, or CAPTURE_* */
	int error;		/* CAPTURE_NOSTART: why (an errno value) */
	FILE *err;		/* what it wrote on stderr (a temporary
				 * file), or NULL */
};

/* Run the program at path (not searched for) with argv, stdin from
 * /dev/null, in a process group of its own, and wait for it; then kill
 * what is left of its group (children it left behind). silence_ms > 0:
 * kill the group once stdout has been silent for that long, a deadline
 * that a program writing a line after each step of its work sets anew at
 * each step. Fills *c (capture_free frees it). Dies on I/O errors of this
 * process. */
void capture_run(struct capture *c, const char *path, char *const argv[],
	int64_t silence_ms);
/* What c's program wrote on stderr from byte from on: at most its last
 * max bytes, then starting at a line, after "...\n". Allocated, "" when
 * nothing. */
char *capture_err(const struct capture *c, long long from, size_t max);
/* Forget c. */
void capture_free(struct capture *c);
/* The last non-empty line of text (a program's stderr), allocated; ""
 * when it has none. */
char *capture_last_line(const char *text);

#endif

/* capture.h - a program run to learn something: its standard output and
 * its standard error captured, for the generator's questions to
 * cocotb-config, Python and Verilator. */
#ifndef COSIM_CAPTURE_H
#define COSIM_CAPTURE_H

#include "util.h"

/* Run the program at path (not searched for) with argv, stdin from
 * /dev/null, and wait for it: its stdout into out, its stderr into err
 * (either NULL: discarded). Returns its exit status, 128 + the signal
 * that ended it, or -1 with errno set when it could not start. Dies on
 * I/O errors of this process. */
int capture_run(const char *path, char *const argv[], struct buf *out,
	struct buf *err);
/* The last non-empty line of text (a program's stderr), allocated; ""
 * when it has none. */
char *capture_last_line(const char *text);

#endif

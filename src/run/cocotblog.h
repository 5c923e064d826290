/* cocotblog.h - what cocotb's log (the simulator's output) says of a run:
 * the exception and traceback of a failed test when the results file has
 * none (cocotb 1.9), and why there is no results file at all (a module
 * that does not import, a test that is not there).
 *
 * cocotb writes each log record as "TIME LEVEL LOGGER TEXT" (TIME such as
 * "1.00ns", "-.--ns" before the simulation starts), a text of several
 * lines on continuation lines indented to the column TEXT began in. The
 * end of a test is a record of the logger cocotb.regression, "NAME failed"
 * (cocotb 2: "MODULE.NAME failed") or "NAME passed" (NAME one word),
 * maybe followed by ": WHY" ("passed but we expected a failure", "failed
 * as expected (result was AssertionError)"), and by the exception's
 * traceback on its continuation lines:
 *
 *   1.00ns INFO     cocotb.regression                  test_fail failed
 *                                                      Traceback (most recent call last):
 *                                                        File "t.py", line 20, in test_fail
 *                                                          assert x == 4, "x is not four"
 *                                                      AssertionError: x is not four
 *
 * Lines outside any record (a print(), or Python's own traceback on
 * stderr when cocotb cannot start) form a record of their own. The log is
 * read a line at a time and only the records sought are kept, each cut to
 * its first COCOTBLOG_HEAD and last COCOTBLOG_TAIL lines of at most
 * COCOTBLOG_LINE bytes: a log of any size costs little. */
#ifndef COSIM_COCOTBLOG_H
#define COSIM_COCOTBLOG_H

#include <stdio.h>
#include "fields.h"

#define COCOTBLOG_HEAD 100
#define COCOTBLOG_TAIL 300
#define COCOTBLOG_LINE 4096

/* The first line of a Python traceback. */
#define COCOTBLOG_TRACEBACK "Traceback (most recent call last):"

/* What a log says. */
struct cocotb_said {
	int end;		/* the test's end: 'f' failed, 'p' passed, 0
				 * not in the log; when the log has no end
				 * of the test's name, its only end of a test
				 * of another name (cocotb 1 names a test by
				 * its function's __qualname__: an alias, a
				 * wrapped or a generated function has
				 * another; one test runs per simulator) */
	char *why;		/* what followed "NAME failed: ", or NULL */
	struct strlist traceback;	/* the traceback in the record of
					 * the test's end, de-indented, a line
					 * an item (allocated), or empty */
	struct strlist last_traceback;	/* the last traceback of any
					 * record (the test's too) */
	char *error;		/* the first line of the first ERROR or
				 * CRITICAL record, or NULL */
	char *error_line;	/* the first line outside the records that
				 * reads as an error ("ERROR: ...", "%Error:
				 * ...", "Fatal Python error: ..."), or NULL */
	char *last;		/* the last line that is not blank, or NULL */
};

/* Read the log f of a run of test name of module into s (zeroed first):
 * returns 0, or -1 when f could not be read (errno set). */
int cocotblog_read(struct cocotb_said *s, FILE *f, const char *module,
    const char *name);
/* The exception a traceback ends with: its lines after the last frame,
 * joined by newlines (allocated), or NULL when it has none. */
char *cocotblog_exception(const struct strlist *traceback);
/* Free what cocotblog_read allocated in s. */
void cocotblog_free(struct cocotb_said *s);

#endif

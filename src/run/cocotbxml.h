/* cocotbxml.h - the results file cocotb writes at the end of a run
 * (COCOTB_RESULTS_FILE, LAYOUT_COCOTB_RESULTS in the run directory), read
 * with expat for what it says of one test.
 *
 * It is JUnit XML: <testsuites><testsuite><testcase name=TEST
 * classname=MODULE>, with a <failure> (or <error>) child when the test
 * failed, <skipped> when cocotb skipped it, no such child when it
 * passed. cocotb 1.9's failure holds only message="Test failed with
 * RANDOM_SEED=N" (the exception is in its log, cocotblog.h); cocotb 2's
 * holds the exception's text as message, its class as type and the
 * traceback as the element's text. cocotb writes the file only when its
 * regression ran: a module that does not import leaves none. */
#ifndef COSIM_COCOTBXML_H
#define COSIM_COCOTBXML_H

#include <stddef.h>
#include "util.h"

/* The most text of a failure kept (a traceback); the rest is dropped. */
#define COCOTBXML_BODY_MAX 65536

enum cocotb_outcome { COCOTB_PASSED, COCOTB_FAILED, COCOTB_SKIPPED };

/* What the file says of one test. */
struct cocotb_case {
	int found;		/* it has the testcase sought */
	size_t cases;		/* how many testcases it has */
	enum cocotb_outcome outcome;
	char *message;		/* the failure's or skip's message, or NULL */
	char *type;		/* the failure's type (cocotb 2: the
				 * exception's class), or NULL */
	char *body;		/* the failure's text (cocotb 2: the
				 * traceback), or NULL when it has none */
};

/* Read the testcase name of module (classname; a testcase without one
 * matches any) from the text of a results file (len bytes) into c; when
 * it has none of that name, its only testcase, if it has one alone: one
 * test runs per simulator, and cocotb 1 names it by its function's
 * __qualname__ and __module__, which an alias, an import from another
 * module, a wrapped or a generated function make differ from the name
 * the module gives it (and TESTCASE selects). Returns 0 (c->found says
 * whether it is there), or -1 when the text is no well-formed XML, with
 * why appended to why. */
int cocotbxml_read(struct cocotb_case *c, const char *text, size_t len,
    const char *module, const char *name, struct buf *why);
/* Free what cocotbxml_read allocated in c. */
void cocotbxml_free(struct cocotb_case *c);

#endif

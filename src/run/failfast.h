/* failfast.h - max_failures: once that many tests failed in this run of
 * the suite, a test that starts records `notrun` instead of running.
 *
 * The failures are counted in BUILDDIR/failures, read and written under
 * an flock(2) of the file itself:
 *
 *   cosim-failures 1
 *   suite_run ID        the run of the suite they belong to (suiterun.h)
 *   failed NAME         one line per failed test, in the order they ended
 *
 * A file of another suite run counts nothing: the first failure of a new
 * run starts it again. A failure is a final verdict that is not a pass
 * (pass, xfail, flaky, skip); a test that did not run (notrun) or was
 * interrupted is none. */
#ifndef COSIM_FAILFAST_H
#define COSIM_FAILFAST_H

#include "spec.h"
#include "util.h"

/* The limit for a test of spec s: COSIM_MAX_FAILURES when set, else the
 * spec's max_failures; 0: none. Returns 0, or -1 with why the variable
 * cannot be used appended to why. */
int failfast_limit(const struct spec *s, long long *max, struct buf *why);
/* Whether max tests of suite run id failed already, by builddir's file:
 * 1 with the reason a test does not run appended to why, else 0. */
int failfast_reached(const char *builddir, const char *id, long long max,
	struct buf *why);
/* Count test name as failed in suite run id. */
void failfast_add(const char *builddir, const char *id, const char *name);

#endif

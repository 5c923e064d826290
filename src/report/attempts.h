/* attempts.h - the earlier attempts of a test that cosim-run ran more
 * than once in one run (retries = N, or a repeat): the last attempt's
 * result is the test's, with `attempts` the count; each earlier one was
 * moved to BUILDDIR/tests/NAME/attempt.K/ before the next began. */
#ifndef COSIM_ATTEMPTS_H
#define COSIM_ATTEMPTS_H

#include "results.h"

/* Load the earlier attempts, 1 .. attempts - 1, of each test of rp whose
 * result says it ran more than once, into its att. */
void attempts_load(struct report *rp);
/* Free what attempts_load allocated in rp. */
void attempts_free(struct report *rp);
/* Whether attempt a failed in the way JUnit calls an error (a crash, or
 * a problem of the run itself) rather than a failure. */
int attempts_is_error(const struct attempt *a);

#endif

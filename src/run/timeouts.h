/* timeouts.h - a run's time limits: the spec's durations, scaled by
 * COSIM_TIMEOUT_MULTIPLIER (for slow machines, sanitizers, coverage).
 *
 * A multiplier that cannot be used must never turn into an unlimited run:
 * it is refused unless it is a finite number greater than 0 that keeps
 * every nonzero limit between 1 ms and TIMEOUT_MAX_MS (so that a deadline,
 * now plus a limit, cannot overflow). */
#ifndef COSIM_TIMEOUTS_H
#define COSIM_TIMEOUTS_H

#include <stdint.h>
#include "spec.h"
#include "util.h"

/* The largest scaled limit, in ms: about 31,700 years. */
#define TIMEOUT_MAX_MS INT64_C(1000000000000000)
/* The log scan's time bound: the test's timeout, at least SCAN_MIN_MS;
 * SCAN_NONE_MS for a test without a timeout. */
#define SCAN_MIN_MS INT64_C(10000)
#define SCAN_NONE_MS INT64_C(600000)

struct timeouts {
	int64_t test, startup, idle;	/* ms, 0: none */
	int64_t scan;			/* ms, the log scan's bound */
};

/* Scale t's test, startup and idle limits (ms, 0: none) by
 * COSIM_TIMEOUT_MULTIPLIER (unset or empty: 1) and set the scan's bound.
 * Returns 0, or -1 with why set to a sentence naming the variable and its
 * value (the limits are then left as given, and the scan's bound set from
 * them). */
int timeouts_apply(struct timeouts *t, struct buf *why);
/* timeouts_apply to the spec's timeout, startup_timeout and idle_timeout. */
int timeouts_read(struct timeouts *t, const struct spec *s, struct buf *why);

#endif

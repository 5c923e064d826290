/* runend.h - the ways a run of cosim-run ends: a verdict (finish), an
 * interrupt, a log past its limit, a failure of cosim-run itself (the
 * fatal hook), each leaving a result; and what the whole run held let go
 * once, at its very end. cosimrun.c runs the stages and calls these. */
#ifndef COSIM_RUNEND_H
#define COSIM_RUNEND_H

#include <stdint.h>
#include "run.h"

/* From now on a fatal error of cosim-run ends r with a result (status
 * error, "cosim-run failed: ..."). */
void runend_watch(struct run *r);
/* Stop the test, then the simulator, then what they left, with grace;
 * returns a terminating signal that arrived meanwhile, or 0. */
int runend_stop_both(struct run *r, int64_t grace);
/* Cut the logs, once: returns the first that was over the limit, or -1. */
int runend_cut_logs(struct run *r);
/* The run is over: let go, once and in the process that began it, of the
 * resource slots, then the fixtures (within kill_grace when interrupted),
 * and last mark the process record done. Returns a terminating signal
 * that came meanwhile, or 0. */
int runend_over(struct run *r, int interrupted);
/* The one abort path: stop everything at once, cut the logs, and leave
 * the run as status with the reason fmt says; from_fatal (a failure of
 * cosim-run itself) writes no repro script and leaves the stamp alone. */
void runend_abort(struct run *r, int from_fatal, enum status status,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Stop everything that runs, on signal sig from outside, record the run
 * interrupted, and end through sig. */
void runend_interrupted(struct run *r, int sig) __attribute__((noreturn));
/* The end of an attempt with the verdict r holds: its result and repro
 * script, then the next attempt, or the end of the run (max_failures,
 * the stamp, what it held) and the exit status. */
void runend_finish(struct run *r) __attribute__((noreturn));
/* A log (stream) passed the limit: the test fails, in its stage. */
void runend_log_limit(struct run *r, int stream) __attribute__((noreturn));

#endif

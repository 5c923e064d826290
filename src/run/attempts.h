/* attempts.h - a test run more than once by one cosim-run: retries
 * (retries = N in the spec: an attempt whose verdict is fail, xpass,
 * timeout or crash is run again, with the same seed, up to N more times;
 * a pass after a failed attempt is `flaky`) and stress (COSIM_REPEAT=N:
 * up to N attempts, stopping at the first that does not pass; retries do
 * not apply then).
 *
 * Each attempt but the last runs in a copy of cosim-run (a fork), so that
 * nothing of one attempt leaks into the next: the copy runs the stages,
 * writes the attempt's result, and when another attempt follows, moves
 * that result, run/ and repro.sh to DIR/attempt.K/ and exits
 * ATTEMPT_AGAIN; when none follows, its result is the test's and it ends
 * the test as a single run would, but for what the whole run holds (the
 * resource slots, the fixtures, the process record), which the process
 * that forked it lets go once it has exited. The last attempt runs in
 * cosim-run itself. The attempt.K/ of an earlier run go before the first
 * attempt. */
#ifndef COSIM_ATTEMPTS_H
#define COSIM_ATTEMPTS_H

#include "run.h"

/* The exit status of a copy after an attempt that another one follows
 * (EX_TEMPFAIL: "try again"; cosim-run itself never exits so). */
#define ATTEMPT_AGAIN 75

/* What attempts_next found. */
enum { ATT_RUN, ATT_OVER, ATT_INTERRUPTED, ATT_LOST };

/* How many attempts r may have: r->attempts_max and r->repeat, from the
 * spec's retries and COSIM_REPEAT. Returns 0, or -1 with why the
 * variable cannot be used appended to why. */
int attempts_plan(struct run *r, struct buf *why);
/* Run the attempts: returns ATT_RUN in the process that runs attempt
 * r->attempt (a copy, or this process for the last one). Else the run is
 * over, and this process must end it: ATT_OVER when a copy ended it with
 * its result (it exited with *code; *sig, when not 0, came here
 * meanwhile and was passed on to it), ATT_INTERRUPTED when *sig came as
 * one attempt ended and another was due (there is no result then), and
 * ATT_LOST when a copy was killed by *sig, which did not come here (an
 * out-of-memory kill): nothing wrote a result. */
int attempts_next(struct run *r, int *code, int *sig);
/* Whether another attempt follows the one whose verdict r holds. */
int attempts_again(const struct run *r);
/* The verdict of the test from its last attempt's: flaky after a failed
 * attempt, the reason of a repeat. */
void attempts_conclude(struct run *r);
/* Move the run directory of attempt r->attempt, which another follows,
 * to DIR/attempt.K/run; returns its new absolute path (NULL without
 * one), for the attempt's result. */
char *attempts_move_rundir(const struct run *r);
/* Move the attempt's result and repro script beside it. */
void attempts_archive(const struct run *r);
/* When the attempt whose verdict r holds passed after a failed first
 * attempt (k > 1 attempts of at most max), make it flaky, with a reason
 * that names both; returns 1 then. */
int attempts_flaky(struct run *r, long long k, long long max);

#endif

/* loglimit.h - the size limit of a test's logs (log_limit).
 *
 * A runaway testbench can write hundreds of megabytes a second. cosim-run
 * looks at the sizes of the four logs (sim.out, sim.err, test.out,
 * test.err) every LOGLIMIT_CHECK_MS while anything of the test runs
 * (startup, test, teardown, a kill's grace period), and once when all of
 * it has ended; a log past the limit stops the test (the whole process
 * tree, at once), is cut back to the limit with a last line that says so,
 * and fails the test. Only the logs are limited: a simulation's other files
 * (waveforms, coverage data) are not, which a process-wide RLIMIT_FSIZE
 * could not tell apart. */
#ifndef COSIM_LOGLIMIT_H
#define COSIM_LOGLIMIT_H

#include <stdint.h>
#include "util.h"

/* How often the sizes are looked at while a test runs (stat only). */
#define LOGLIMIT_CHECK_MS 200

/* The first log in rundir larger than limit bytes (an ST_* of scan.h), or
 * -1 when none is (or limit is 0: no limit). */
int loglimit_over(const char *rundir, int64_t limit);
/* Cut every log in rundir larger than limit back to limit bytes and end it
 * with a line saying so; returns the first log that was over (an ST_*),
 * or -1 when none was (or limit is 0). Call once, when nothing writes to
 * them any more: a cut log ends past the limit, by its last line. */
int loglimit_cut(const char *rundir, int64_t limit);
/* Append the limit for people: "64 MiB", "1500 bytes". */
void loglimit_describe(struct buf *b, int64_t limit);

#endif

/* progress.h - the running tally the launcher's line carries while a
 * suite runs:
 *
 *   pass    adder_basic (0.05s)  [12 passed, 1 failed, 87 left; 0:12, about 1:30 left]
 *
 * passed counts the final verdicts that pass (pass, flaky, xfail, skip),
 * failed the others, as max_failures does (failfast.h); a test that did
 * not run (notrun) is neither, and the tally says `N not run` when there
 * are some. left is how many of the tests this run of the suite will run
 * have not ended; then the time since the earliest start of a test that
 * ended, and, once PROGRESS_FEW tests ended, the estimate of the time
 * left: the elapsed time scaled by the expected durations of the tests
 * left over those of the tests done, so it follows how fast the suite
 * really goes (jobs in parallel included).
 *
 * What this run will run is counted once, by the first test of the suite
 * run (suiterun.h) to end, from the plan (gen/progressplan.h): under
 * `cosimgen run`, the tests it selected; under a ninja given no target,
 * every test; of those, the ones a ninja runs (stamp missing or older than
 * an input). Under make, under a ninja given targets, or once more tests
 * ended than were counted (an edge dirty for a reason the plan does not
 * see), the count cannot be trusted: the tally then leaves out left and
 * the estimate rather than print a wrong number.
 *
 * The tally is BUILDDIR/progress, read and written under an flock(2) of
 * the file itself, as BUILDDIR/failures is: a file of another suite run
 * starts again. Each test costs the locked read and write of a few lines;
 * its line in the plan is the one its run found when it began (plan.h).
 * COSIM_PROGRESS=0 turns it off, and the line is as it was. */
#ifndef COSIM_PROGRESS_H
#define COSIM_PROGRESS_H

#include <stddef.h>
#include "run.h"

/* Tests that must have ended before the estimate is shown. */
#define PROGRESS_FEW 3

/* Count the run r, which ends now, in its suite run's tally and write
 * the note its line carries ("[12 passed, ...]") to note (size bytes);
 * "" when the tally is off. */
void progress_note(const struct run *r, char *note, size_t size);

#endif

/* lastrun.h - what a test's directory says of its last run, for the
 * launcher that starts one, the generator that changes its spec and the
 * report that must never take an old result for a new verdict.
 *
 * <dir>/result exists only for a run that finished: cosim-run moves the
 * last one aside (to result.prev) before it starts, and cosimgen does the
 * same when it rewrites the spec. A missing result then tells, with the
 * process record <dir>/pids (whose last line is RECORD_DONE once a run
 * finished), why there is none. The report reads the record only for
 * tests without a result, so its cost stays one read per test.
 *
 * The new result is written into a spare file (result.next) in place and
 * renamed to result, and the last one is renamed to result.prev: no file
 * is freed or replaced from run to run, which on ext4 costs (a rename
 * over a file starts a flush of the new one and frees the old one's
 * block: 300 us against 20 us). */
#ifndef COSIM_LASTRUN_H
#define COSIM_LASTRUN_H

#include <stddef.h>

/* The last line of a process record after a run that finished. */
#define RECORD_DONE "done\n"

enum lastrun {
	LR_NEVER,	/* no record: the test has never run here */
	LR_UNFINISHED,	/* a run started and wrote no result: killed,
			 * stopped, out of disk space, or running now */
	LR_FINISHED,	/* the last run finished, and its result was set
			 * aside since: the spec changed */
};

/* Move dir's result, if any, to result.prev (what was there becomes the
 * spare). Returns 0, or -1 with errno set. */
int lastrun_set_aside(const char *dir);
/* Write a new result for dir (through the spare; result.prev stays as it
 * is). Returns 0, or -1 with errno set: then dir has no result. */
int lastrun_put(const char *dir, const char *data, size_t len);
/* Why dir has no result. */
enum lastrun lastrun_state(const char *dir);

#endif

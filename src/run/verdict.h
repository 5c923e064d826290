/* verdict.h - every rule that turns how the children ended and what the
 * log scan found into the status, stage and reason of a run (run.h says
 * in which order they apply). The rules only read and set the run; none
 * starts a process or waits, so they are unit-tested on a struct run. */
#ifndef COSIM_VERDICT_H
#define COSIM_VERDICT_H

#include "run.h"

/* Whether the status counts as a success: pass, skip, xfail or flaky. */
int verdict_is_pass(const struct run *r);
/* The signal that ended a child, also through a shell's 128+n. */
int verdict_death_signal(const struct child *c, int direct);
/* Whether the child exited SKIP_EXIT on its own. */
int verdict_asks_skip(const struct child *c);
/* What a built-in simulator's exit means, or NULL. */
const char *verdict_exit_meaning(const struct run *r, const struct child *c);
/* Append to r's reason how the child who ended. */
void verdict_describe_exit(struct run *r, const char *who,
    const struct child *c, int direct);
/* The simulator did not get ready (rc from ready_wait, not READY_OK). */
void verdict_not_ready(struct run *r, int rc);
/* The exits of a run whose test stage ended: pass, a skip the test (or,
 * without one, the simulator) asked for, or a failure or crash. */
void verdict_exits(struct run *r, int has_test);
/* The end of the test was seen at ran ms, past its timeout: a timeout. */
void verdict_late(struct run *r, int64_t ran, int64_t timeout);
/* A test that signalled its launcher: an error that says so, told once. */
void verdict_tree_signal(struct run *r);
/* The scan stage: scan the logs; only a run that passed so far can fail
 * by it, and a skip pattern has the last word over a pass or failure. */
void verdict_scan(struct run *r);
/* The verdict after the exits: keep it as pre_scan, take what the test
 * reports when they passed (a cocotb test's results file, cocotb.h),
 * scan, then apply expect = fail. */
void verdict_judge(struct run *r);
/* Apply expect = fail to the status. */
void verdict_expect(struct run *r);
/* --scan-only: the verdict of the earlier run old as it was before its
 * scan, then what the test reports read again (a cocotb test's results
 * file and log, still in its run directory), and the scan again with the
 * spec's patterns. r borrows strings
 * of old, which must outlive it. */
void verdict_rescan(struct run *r, const struct result *old);

#endif

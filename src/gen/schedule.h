/* schedule.h - the order the tests should start in, drawn from the run
 * history (history.h) and the manifest's priority and cost keys: the
 * writers put the test edges in this order, which is the order ninja
 * starts ready edges in (schedule.c says why and for which versions). */
#ifndef COSIM_SCHEDULE_H
#define COSIM_SCHEDULE_H

#include <stddef.h>
#include "history.h"
#include "model.h"

/* How many of a test's last recorded durations its expectation is the
 * mean of. */
#define SCHEDULE_RECENT 5

/* Order mo->tests into mo->order from the summaries s[0..ns) (sorted by
 * name, history_summarize's), and set each test's expected_ms and
 * notrun_last and failed_last. */
void schedule_order(struct model *mo, const struct hist_summary *s,
	size_t ns);
/* Read the history mo->history names (relative to dir, the output's
 * directory) and order the tests by it; a file that cannot be read or is
 * not a history is a warning, and the tests are ordered without it. */
void schedule_model(struct model *mo, const char *dir);
/* Whether a test whose last recorded status is st failed last time: not
 * a pass, xfail, flaky, skip, notrun or interrupted. */
int schedule_failed(enum status st);

#endif

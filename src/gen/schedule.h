/* schedule.h - the order the tests and the compiles that gate them
 * should start in, drawn from the run history (history.h) and the
 * manifest's priority and cost keys: the writers put the edges in this
 * order, which is the order ninja starts ready edges in (schedule.c says
 * why and for which versions). */
#ifndef COSIM_SCHEDULE_H
#define COSIM_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include "history.h"
#include "model.h"

/* How many of a test's last recorded durations its expectation is the
 * mean of. */
#define SCHEDULE_RECENT 5

/* What the history says, summarized (each sorted by name, as
 * history_summarize and history_summarize_compiles give it). */
struct sched_hist {
	const struct hist_summary *tests;
	size_t ntests;
	const struct hist_summary *compiles;
	size_t ncompiles;
};

/* Order mo->tests into mo->order from h, and set each test's expected_ms
 * and notrun_last and failed_last; then merge the compiles into that
 * order as mo->steps. */
void schedule_order(struct model *mo, const struct sched_hist *h);

/* No job: a sched_job's gate when no compile gates it. */
#define SCHED_NONE ((size_t)-1)

/* A compile edge as the order sees it. */
struct sched_job {
	/* given */
	int64_t own_ms;		/* its expected duration */
	int64_t tests_ms;	/* the expected durations of the tests it
				 * gates, summed */
	int64_t longest_ms;	/* the longest of them */
	size_t ntests;		/* how many tests it gates (directly or
				 * not) */
	size_t first;		/* where the first of them is in the order */
	int64_t priority;	/* the rank of the best of them: priority, */
	int notrun, failed;	/* notrun_last, failed_last */
	size_t gate;		/* the job that must finish before it starts
				 * (a compile every design links), or
				 * SCHED_NONE */
	/* schedule_weigh: given, plus what it gates through other jobs */
	int64_t work_ms;	/* its own and its tests' durations */
	int64_t path_ms;	/* the longest chain of jobs and a test
				 * behind it, its own included */
	size_t depth;		/* how many jobs gate it, one behind the
				 * other */
	/* schedule_merge */
	int64_t merge_ms;	/* the longest path_ms of it and the jobs
				 * of its rank after it */
	size_t at;		/* how many tests go before it */
};

/* Fold into every job of v[0..n) what the jobs it gates gate. */
void schedule_weigh(struct sched_job *v, size_t n);
/* Put the jobs v[0..n) in the order they should start in, as indices in
 * order[0..n), and set each one's place among the tests (at), which are
 * in the order tests[0..ntests) (schedule.c's header says how). */
void schedule_merge(struct sched_job *v, size_t n, struct test *const *tests,
	size_t ntests, size_t *order);
/* Read the history mo->history names (relative to dir, the output's
 * directory) and order the tests by it; a file that cannot be read or is
 * not a history is a warning, and the tests are ordered without it. */
void schedule_model(struct model *mo, const char *dir);
/* Whether a test whose last recorded status is st failed last time: not
 * a pass, xfail, flaky, skip, notrun or interrupted. */
int schedule_failed(enum status st);

#endif

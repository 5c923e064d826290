/* report.h - `cosimgen report`: read every test's result and write what a
 * person and a CI server read: the console summary (also saved as
 * <builddir>/summary.txt), report.xml (JUnit, junit.c), results.json
 * (json.c) and report.html (html.c), all from the same struct report
 * (results.c loads it, compiles.c adds the compiles, attempts.c the
 * earlier attempts of tests run more than once, fixtures.c the fixture
 * cleanups, timeline.c places them in rows); then it adds the run to the
 * run history (record.c). */
#ifndef COSIM_REPORT_H
#define COSIM_REPORT_H

#include <stddef.h>

/* What the command line asks of a report. */
struct report_opts {
	const char *const *filters;	/* NULL-terminated shell patterns on
				 * names, or label:L, design:D, status:S;
				 * NULL or empty: every test */
	const char *history;	/* the run history; NULL: BUILDDIR/history */
	size_t history_runs;	/* runs it keeps; 0: HISTORY_RUNS */
};

/* Summarise the results under builddir: print the summary, write the
 * report files and add the tests that ran since the last recorded run to
 * the history. With filters, only the tests that match every one are
 * printed, and no file is written. Returns the exit status: 0 when every
 * test (of the filters) passed, was skipped, failed as expected or was
 * flaky; 1 otherwise, or when the builddir holds no test list. */
int report_run_opts(const char *builddir, const struct report_opts *o);
/* report_run_opts with these filters and the default history. */
int report_run(const char *builddir, const char *const *filters);

#endif

/* report.h - `cosimgen report`: read every test's result and write what a
 * person and a CI server read: the console summary (also saved as
 * <builddir>/summary.txt), report.xml (JUnit, junit.c), results.json
 * (json.c) and report.html (html.c), all from the same struct report
 * (builddir.c loads it: results.c the tests, compiles.c the compiles,
 * attempts.c the earlier attempts of tests run more than once,
 * fixtures.c the fixture cleanups; merge.c merges several; timeline.c
 * places them in rows); then it adds the run to the run history
 * (record.c). */
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
	char *const *only;	/* the names of the tests shown, as one
				 * more filter (cosimgen run --shard);
				 * NULL: every test the filters select */
	size_t nonly;
	size_t waves_on_failure;	/* failing tests it reruns with waves
					 * first (wavesreport.h); 0: none */
	size_t trend_runs;	/* runs the trends show; 0: TRENDS_RUNS */
	size_t unstable_runs;	/* the runs instability is judged over
				 * (triage.h); 0: TRIAGE_RUNS */
};

/* Summarise the results under builddir: print the summary, write the
 * report files and add the tests that ran since the last recorded run to
 * the history. With filters, only the tests that match every one are
 * printed, and no file is written (likewise with only). Returns the exit status: 0 when every
 * test (of the filters) passed, was skipped, failed as expected or was
 * flaky; 1 otherwise, or when the builddir holds no test list. */
int report_run_opts(const char *builddir, const struct report_opts *o);
/* report_run_opts on the build directories builddirs[0..n) as one, the
 * files written into outdir (made when missing; the history default is
 * OUTDIR/history): each test once, with the result that ended last
 * among them (merge.h). */
int report_merge(const char *outdir, char *const *builddirs, size_t n,
	const struct report_opts *o);

#endif

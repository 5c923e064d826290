/* trends.h - the suite and each test over the last runs: from the run
 * history as it was before this run (rp->hist) and this report's results,
 * computed once (trends.c) and shown in results.json (trends.c) and
 * report.html (trendshtml.c). Its data are struct trends (results.h).
 *
 * The runs are the last N of the history, the last of them this report's
 * own run when it records one (record.h): what it records is counted as
 * the history will have it. Per run: what its records say (tests,
 * passed, failed) and the suite's state after it: every test of the
 * suite now (the test list) at the latest status the history gave it up
 * to that run, so that a rerun of the failed tests alone still shows the
 * whole suite. Per test: its status in each of those runs (none when it
 * did not run in one), and the CPU time and peak memory recorded. The
 * slowest tests now come with the mean of their earlier records of the
 * same fingerprint (the same inputs). The history's records are matched
 * to the tests once, through a map of the names: the work grows with the
 * records, never with tests times records. */
#ifndef COSIM_TRENDS_H
#define COSIM_TRENDS_H

#include <stddef.h>
#include "results.h"
#include "util.h"

/* The runs shown by default (cosimgen report --trend-runs). */
#define TRENDS_RUNS 30
/* The trends of rp over its last runs runs (0: TRENDS_RUNS) into t. */
void trends_compute(struct trends *t, const struct report *rp, size_t runs);
/* Free what trends_compute allocated. */
void trends_free(struct trends *t);
/* The change of ms against mean as "+35%", "-10%" or "0%" into out
 * (at least 24 bytes); "new" without a mean. */
void trends_change(char *out, size_t size, long long ms, long long mean);

/* results.json: ",\n \"trends\": {runs, slowest}" (nothing without
 * rp->trends). */
void trends_json(struct buf *b, const struct report *rp);
/* A test's object: its status, CPU time and peak memory in each run,
 * ", \"history\": [...], ...". */
void trends_json_test(struct buf *b, const struct report *rp,
	const struct entry *e);

/* report.html: the Trends section (charts of the suite's pass rate and
 * run time, the slowest tests). */
void trends_html(struct buf *b, const struct report *rp,
	const char *(*colour)(enum status));
/* The heads of the test table's columns trends_html_cells fills. */
void trends_html_heads(struct buf *b);
/* A test's cells: its strip of statuses, CPU seconds, peak MiB. */
void trends_html_cells(struct buf *b, const struct report *rp,
	const struct entry *e);

#endif

/* trends.h - the suite and each test over the last runs: from the run
 * history as it was before this run (rp->hist) and this report's results,
 * computed once (trends.c) and shown in results.json (trends.c) and
 * report.html (trendshtml.c).
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
/* How many of the slowest tests are listed. */
#define TRENDS_SLOWEST 20

struct trend_run {
	long long id;		/* the history's id (this report's run: the
				 * id it is recorded with) */
	long long start_ms, end_ms;	/* its first start, and when its
					 * report was made */
	size_t tests, passed, failed;	/* its records, and of them the
					 * successes (status_is_pass) and
					 * the rest */
	size_t suite, passing;	/* tests of the suite with a status up to
				 * it, and of them those that passed */
	int current;		/* this report's run */
};

struct trend_slow {
	size_t test;		/* its index in rp->e */
	long long mean_ms;	/* its earlier records' mean duration, of
				 * its fingerprint now; -1: none (new) */
};

struct trends {
	struct trend_run *runs;	/* oldest first */
	size_t nruns;
	size_t ntests;		/* rp->n */
	unsigned char *strip;	/* ntests rows of nruns: a status + 1, or
				 * 0 when the test did not run in that run */
	long long *cpu_ms, *max_rss_kb;	/* the same shape: as recorded,
					 * -1: not */
	struct trend_slow slow[TRENDS_SLOWEST];	/* slowest first */
	size_t nslow;
};

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
void trends_html(struct buf *b, const struct report *rp);
/* The heads of the test table's columns trends_html_cells fills. */
void trends_html_heads(struct buf *b);
/* A test's cells: its strip of statuses, CPU seconds, peak MiB. */
void trends_html_cells(struct buf *b, const struct report *rp,
	const struct entry *e);

#endif

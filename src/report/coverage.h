/* coverage.h - the coverage of a run: the data files of the tests built
 * with coverage (each result names its own, report/../run/coverage.h)
 * merged with verilator_coverage into BUILDDIR/coverage/merged.dat, with
 * sources annotated from it in BUILDDIR/coverage/annotated/, and the
 * totals for the summary and the other reports.
 *
 * Only the tests that passed count: the data of a failing run is no
 * evidence that what it covered works. A flaky test counts: its data is
 * its last attempt's, which passed (the failed attempts' stay in
 * attempt.K/run/). An xfail does not: the run failed, as expected.
 *
 * A point is a record of the merged data (a line, a toggle bit, a
 * branch); it is covered when its count is at least 1, and the annotated
 * sources mark with %00 the lines of the points that are not
 * (--annotate-min 1). Counting the records of the merged file is exact
 * where verilator_coverage's own "Total coverage" counts annotated lines
 * against a threshold of 10.
 *
 * The merge reruns only when its inputs changed (their paths, sizes and
 * times, kept in BUILDDIR/coverage/inputs). Every file is replaced whole:
 * the merged data through a temp file and a rename, the annotated
 * directory by renaming a new one into place. */
#ifndef COSIM_REPORT_COVERAGE_H
#define COSIM_REPORT_COVERAGE_H

#include "results.h"
#include "util.h"

/* When a test of rp's has coverage data, merge the passing tests' into
 * rp->builddir/coverage/ and set rp->cov (allocated); else leave it
 * NULL. Dies only on I/O errors of this process. */
void coverage_merge(struct report *rp);
/* The summary's coverage line, when rp->cov is set: "coverage: 412/530
 * points (77.7%) from 14 passing tests". */
void coverage_line(struct buf *b, const struct report *rp);
/* The percentage of points covered, to one decimal, as text: "77.7". */
void coverage_percent(struct buf *b, const struct coverage *cv);
/* ",\n "coverage": {...}" in results.json: the tests merged and left
 * out, and the totals and files, or the error. */
void coverage_json(struct buf *b, const struct report *rp);
/* The coverage.* <property> lines of report.xml (the first suite's: the
 * schema has no properties for the whole run); whether there were any. */
int coverage_junit(struct buf *b, const struct report *rp);
/* The coverage paragraph of report.html: the summary's line and links
 * to the annotated sources and the merged data. */
void coverage_html(struct buf *b, const struct report *rp);
/* Free rp->cov. */
void coverage_free(struct report *rp);

/* The number of points and of covered points of the data file text
 * (verilator_coverage's format: one "C 'KEY' COUNT" line a point). */
void coverage_count(const char *text, long long *points, long long *covered);

#endif

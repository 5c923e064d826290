/* report.h - `cosimgen report`: read every test's result and write what a
 * person and a CI server read: the console summary (also saved as
 * <builddir>/summary.txt), report.xml (JUnit), results.json and report.html.
 *
 * The test list (<builddir>/tests.list, written by cosimgen) says which
 * tests exist now; each test's result file says how its last run went. So
 * a partial rerun still reports every test, and a test removed from the
 * manifest is no longer reported. A test "ran this time" when its run
 * ended after the previous report was written (the time of results.json).
 *
 * The report files are written by report.c (summary, JSON), junit.c and
 * html.c from the same loaded list. */
#ifndef COSIM_REPORT_H
#define COSIM_REPORT_H

#include <stddef.h>
#include "spec.h"
#include "util.h"

/* What the summary counts, in the order of its last line. */
enum tally { TL_PASS, TL_FAIL, TL_SKIP, TL_TIMEOUT, TL_CRASH, TL_ERROR,
	TL_NOTRUN, TL_N };

struct entry {
	const char *name;
	struct spec r;		/* the result (empty when it has none) */
	struct spec sp;		/* the spec, read only when there is no
				 * result: for the design and the labels */
	int has_result;
	const char *status;	/* as recorded, or "notrun" */
	const char *reason, *design;
	const char *seed;	/* as recorded, or NULL */
	long long warnings;	/* log lines a warning pattern matched */
	const char *warning;	/* the first of them, "STREAM:LINE: TEXT" */
	enum tally tally;
	int ran;		/* ran since the previous report */
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int lane;		/* timeline row, from 0 */
};

/* A compile the timeline shows (from ninja's log). */
struct compile {
	char *output;		/* as ninja names it */
	char *label;		/* the designs it builds */
	long long start_ms, dur_ms;
	int lane;
};

struct report {
	const char *builddir;
	struct entry *e;
	size_t n;
	struct compile *c;
	size_t nc;
	size_t count[TL_N];
	long long now_ms;	/* when this report was made */
	long long prev_ms;	/* when the previous one was, or 0 */
	int nlanes;		/* timeline rows; 0: nothing to draw */
	long long first, last;	/* the timeline's span, ms since the epoch */
	char *summary;		/* the console text, last line included */
};

/* Words of the last line: "passed", "failed", "skipped", ... */
extern const char *const tally_words[TL_N];

/* Summarise the results under builddir: print the summary and write the
 * report files. With filter (a shell pattern on names, or label:L,
 * design:D, status:S), only the tests it matches are printed, and no file
 * is written. Returns the exit status: 0 when every test (of the filter)
 * passed, was skipped or failed as expected; 1 otherwise, or when the
 * builddir holds no test list. */
int report_run(const char *builddir, const char *filter);

/* Append report.xml (JUnit, as the xUnit plugin's junit-10.xsd has it). */
void junit_render(struct buf *b, const struct report *rp);
/* Append report.html: one page with the summary, a filterable table and a
 * timeline drawn as inline SVG. */
void html_render(struct buf *b, const struct report *rp);

/* Where e's design and labels are: its result, else its spec. */
const struct spec *entry_info(const struct entry *e);
/* The log a person opens first for e: the stream of its first match, else
 * the test's, else the simulator's stderr. */
const char *entry_log(const struct entry *e);

#endif

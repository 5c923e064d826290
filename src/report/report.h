/* report.h - `cosimgen report`: read every test's result and write what a
 * person and a CI server read: the console summary (also saved as
 * <builddir>/summary.txt), report.xml (JUnit), results.json and report.html.
 *
 * The test list (<builddir>/tests.list, written by cosimgen) says which
 * tests exist now, and their labels ("NAME LABEL..." a line); each test's
 * result file says how its last run went. So
 * a partial rerun still reports every test, and a test removed from the
 * manifest is no longer reported. A test "ran this time" when its run
 * ended after the previous report was written (the time of results.json).
 *
 * The report files are written by report.c (summary, JSON), junit.c and
 * html.c from the same loaded list.
 *
 * Compiles are reported too: <builddir>/compiles.list (written by
 * cosimgen) says which exist, and each one's result (cosim-run --compile)
 * how its last run went. A failed compile comes first in the summary, and
 * makes the report fail even when no test uses its design. */
#ifndef COSIM_REPORT_H
#define COSIM_REPORT_H

#include <stddef.h>
#include "kvfile.h"
#include "util.h"

/* What the summary counts, in the order of its last line. */
enum tally { TL_PASS, TL_FAIL, TL_SKIP, TL_TIMEOUT, TL_CRASH, TL_ERROR,
	TL_NOTRUN, TL_N };

struct entry {
	const char *name;
	struct kvfile r;		/* the result (empty when it has none) */
	struct kvfile sp;		/* the spec, read only when there is no
				 * result: for the design */
	char **labels;		/* from tests.list, NULL-terminated */
	int has_result;
	const char *status;	/* as recorded, or "notrun" */
	const char *reason, *design;
	char *judged;		/* the report's own reason, when it does not
				 * take the recorded verdict (owns it) */
	const char *seed;	/* as recorded, or NULL */
	long long warnings;	/* log lines a warning pattern matched */
	const char *warning;	/* the first of them, "STREAM:LINE: TEXT" */
	enum tally tally;
	int ran;		/* ran since the previous report */
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int lane;		/* timeline row, from 0 */
};

/* A compile with a result: a line of <builddir>/compiles.list and its
 * <builddir>/ID/result, written by cosim-run --compile. */
struct compile {
	char *id;		/* "designs/HASH" or "vpi" */
	char *label;		/* the designs it builds */
	struct kvfile r;		/* its result */
	const char *status, *reason;
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int ran;		/* ran since the previous report */
	int shown;		/* in the summary (a filter may leave it out) */
	int lane;
};

struct report {
	const char *builddir;
	struct entry *e;
	size_t n;
	struct compile *c;
	size_t nc;
	size_t count[TL_N];
	size_t failed_compiles;	/* shown compiles that did not pass */
	long long now_ms;	/* when this report was made */
	long long prev_ms;	/* when the previous one was, or 0 */
	int nlanes;		/* timeline rows; 0: nothing to draw */
	long long first, last;	/* the timeline's span, ms since the epoch */
	char *summary;		/* the console text, last line included */
};

/* Words of the last line: "passed", "failed", "skipped", ... */
extern const char *const tally_words[TL_N];
/* The tally a status counts in (an unknown one as a failure). */
enum tally tally_of(const char *status);

/* Summarise the results under builddir: print the summary and write the
 * report files. With filters (NULL-terminated shell patterns on names, or
 * label:L, design:D, status:S), only the tests that match every one are
 * printed, and no file is written. Returns the exit status: 0 when every
 * test (of the filters) passed, was skipped or failed as expected; 1
 * otherwise, or when the builddir holds no test list. */
int report_run(const char *builddir, const char *const *filters);

/* Load the compiles of compiles.list that have a result (compiles.c). */
void compiles_load(struct report *rp);
/* A test whose last run is older than the last attempt at its design's
 * compile, which did not pass, shows that compile's failure, not the
 * verdict on an older build. */
void compiles_judge(struct report *rp);
/* Append an entry for each compile that did not pass and that, with a
 * filters, builds the design of a test they select; count them. */
void compiles_summarise(struct report *rp, struct buf *b,
	const char *const *filters);
/* Append compile c as a JSON object. */
void compiles_json(struct buf *b, const struct report *rp,
	const struct compile *c);

/* Append report.xml (JUnit, as the xUnit plugin's junit-10.xsd has it). */
void junit_render(struct buf *b, const struct report *rp);
/* Append report.html: one page with the summary, a filterable table and a
 * timeline drawn as inline SVG. */
void html_render(struct buf *b, const struct report *rp);

/* A number of a result, within 0..max: a hand-edited or damaged file must
 * not make the times overflow; 0 when it is not there. */
long long result_num(const struct kvfile *r, const char *key, long long max);
/* A result's start (epoch ms) and duration (ms); whether it ran since
 * prev_ms, the previous report. */
int result_when(const struct kvfile *r, long long prev_ms, long long *start_ms,
	long long *dur_ms);
/* Whether e is one of the tests the filters select, every one of them
 * (see report_run); with none, every test is. */
int entry_matches(const struct entry *e, const char *const *filters);
/* Append the status column of a summary entry: in capitals, padded. */
void status_word(struct buf *b, const char *status);
/* Where e's design is: its result, else its spec. */
const struct kvfile *entry_info(const struct entry *e);
/* The log a person opens first for e: the stream of its first match, else
 * the test's, else the simulator's stderr. */
const char *entry_log(const struct entry *e);
/* That log's path relative to the builddir: run/LOG of the test, or the
 * compile log when its design did not compile; *line is the line to look
 * at, or 0. Allocated. */
char *entry_log_path(const struct entry *e, size_t *line);
/* The compile's log relative to the builddir, and the line of its first
 * error (or 0). */
const char *compile_log(const struct compile *c, size_t *line);

#endif

/* results.h - what `cosimgen report` knows of the builddir: every test of
 * the test list with its result (or, without one, why and the design its
 * spec names), the compiles, and the tallies. Loaded once; the summary and
 * the renderers read these fields and call nothing back.
 *
 * The test list (<builddir>/tests.list, written by cosimgen) says which
 * tests exist now, and their labels ("NAME LABEL..." a line); each test's
 * result file says how its last run went. So a partial rerun still
 * reports every test, and a test removed from the manifest is no longer
 * reported. A test "ran this time" when its run ended after the previous
 * report was written (the time of results.json). */
#ifndef COSIM_RESULTS_H
#define COSIM_RESULTS_H

#include <stddef.h>
#include "kvfile.h"

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
	const char *sim;	/* the simulator's executable, as the result
				 * recorded it, or NULL */
	long long warnings;	/* log lines a warning pattern matched */
	const char *warning;	/* the first of them, "STREAM:LINE: TEXT" */
	const char *match;	/* the first match to show, or NULL: it is
				 * shown unless the scan itself failed the
				 * test */
	const char *compile_log;	/* the log of the compile that kept
				 * it from running, or NULL */
	const char *log;	/* the log a person opens first: "test.out",
				 * "sim.err" ... */
	char *log_path;		/* that log relative to the builddir: run/LOG
				 * of the test, or compile_log (owns it) */
	size_t log_line;	/* the line to look at there, or 0 */
	char *repro;		/* its repro script relative to the builddir
				 * (owns it) */
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
	const char *log;	/* its log relative to the builddir, or "" */
	size_t log_line;	/* the line of its first error, or 0 */
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
	const char *summary_last;	/* its last line, the counts (in
				 * summary, '\n' included) */
};

/* Words of the last line: "passed", "failed", "skipped", ... */
extern const char *const tally_words[TL_N];
/* The tally a status counts in (an unknown one as a failure). */
enum tally tally_of(const char *status);

/* Load the tests of list, the text of tests.list (split in place and kept
 * by rp), with their results, into rp->e, and count them in rp->count. */
void results_load(struct report *rp, char *list);
/* Free what results_load allocated in rp (compiles_free the compiles). */
void results_free(struct report *rp);

/* A number of a result, within 0..max: a hand-edited or damaged file must
 * not make the times overflow; 0 when it is not there. */
long long result_num(const struct kvfile *r, const char *key, long long max);
/* A result's start (epoch ms) and duration (ms); whether it ran since
 * prev_ms, the previous report. */
int result_when(const struct kvfile *r, long long prev_ms, long long *start_ms,
	long long *dur_ms);

#endif

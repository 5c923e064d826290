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
#include "history.h"
#include "kvfile.h"
#include "result.h"

/* What the summary counts, in the order of its last line. */
enum tally { TL_PASS, TL_FAIL, TL_FLAKY, TL_SKIP, TL_TIMEOUT, TL_CRASH,
	TL_ERROR, TL_NOTRUN,
	TL_WAIVED,	/* did not pass, but a waiver covers it (waivers.h) */
	TL_N };

/* How a test stands against its previous record in the run history
 * (triage.h): a failure that is new or known, a failure fixed. */
enum mark { MARK_NONE, MARK_NEW, MARK_KNOWN, MARK_FIXED, MARK_N };

/* The tests with the same failure signature (buckets.h). */
struct bucket {
	size_t id;		/* its index in rp->buckets */
	const char *signature;	/* its tests' (the first one's string) */
	const struct entry **tests;	/* in report order (owns the
				 * array) */
	size_t n;
	enum mark mark;		/* MARK_NEW or MARK_KNOWN (triage.h) */
};

/* A signature that tests failed with in the last recorded run and that
 * no test fails with now. */
struct fixed_bucket {
	char *signature;	/* (owns it) */
	size_t then;		/* tests that failed with it in their
				 * previous record and pass now */
	const char **passing;	/* their names, in the report's order
				 * (owns the array) */
	size_t npassing;
};

/* An earlier attempt of a test that cosim-run ran again (retries, or
 * repeats): BUILDDIR/tests/NAME/attempt.K/, with its result, run/ and
 * repro.sh (attempts.c). */
struct attempt {
	long long k;		/* its number, from 1 */
	struct result r;	/* its result (empty when it has none) */
	struct kvfile rf;	/* the result's text */
	enum status status;	/* as recorded; STATUS_ERROR without a
				 * usable result */
	const char *status_word;	/* STATUS_UNKNOWN: the word recorded */
	const char *reason;
	char *dir;		/* tests/NAME/attempt.K (owns it) */
	char *log_path;		/* the log to open first, relative to the
				 * builddir (owns it) */
	size_t log_line;	/* the line to look at there, or 0 */
	char *match;		/* the first match to show, or NULL (owns
				 * it) */
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int lane;		/* timeline row, from 0; -1: not drawn */
};


struct entry {
	const char *name;
	const char *home;	/* the build directory its files are in, as
				 * given: the report's own, or in a merged
				 * report the one its result came from; the
				 * paths below are relative to it */
	const char *href;	/* home relative to the report's own
				 * directory, for links: "" or "DIR/" */
	struct result r;	/* the result (empty when it has none; a
				 * result without a status still lends its
				 * fields) */
	struct kvfile rf;	/* the result's text */
	struct kvfile spf;	/* the spec's text, read only when there is
				 * no result: for the design */
	char **labels;		/* from tests.list, NULL-terminated */
	int has_result;
	enum status status;	/* as recorded, or STATUS_NOTRUN */
	const char *status_word;	/* STATUS_UNKNOWN: the word recorded */
	const char *reason, *design;
	char *judged;		/* the report's own reason, when it does not
				 * take the recorded verdict (owns it) */
	char *seed;		/* as recorded (or as the spec has it), or
				 * NULL (owns it) */
	long long warnings;	/* log lines a warning pattern matched */
	char *warning;		/* the first of them, "STREAM:LINE: TEXT",
				 * or "" (owns it) */
	char *match;		/* the first match to show, or NULL: it is
				 * shown unless the scan itself failed the
				 * test (owns it) */
	char *exception;	/* the exception type its message starts
				 * with, "AssertionError", or NULL (owns it) */
	char *at;		/* "PATH:LINE": the innermost frame of its
				 * traceback in the test's own file, or NULL
				 * (owns it) */
	const char *compile_log;	/* the log of the compile that kept
				 * it from running, or NULL */
	const char *fixture_log;	/* the log of the fixture setup that
				 * kept it from running, or NULL */
	const char *log;	/* the log a person opens first: "test.out",
				 * "sim.err" ... */
	char *log_path;		/* that log relative to the builddir: run/LOG
				 * of the test, or compile_log (owns it) */
	size_t log_line;	/* the line to look at there, or 0 */
	char *repro;		/* its repro script relative to the builddir
				 * (owns it) */
	char *waves;		/* a failing test's waveform, of its current
				 * spec, relative to the builddir, or NULL
				 * (owns it; wavesreport.h) */
	char *waves_note;	/* else why its waves run wrote none, or
				 * NULL (owns it) */
	const char *cause;	/* the first error of the compile that kept
				 * it from running, when the report judged so
				 * (compiles.h), or NULL */
	char *signature;	/* a test that did not pass: its failure's
				 * signature (signature.h), else NULL (owns
				 * it) */
	const struct waiver *waiver;	/* the waiver that waives it (its
				 * tally is TL_WAIVED), or NULL */
	const struct bucket *bucket;	/* the bucket of its signature
				 * (buckets.h), or NULL */
	enum mark mark;		/* against its previous record (triage.h) */
	int unstable;		/* passed and failed with the same inputs
				 * within its last runs (triage.h) */
	const char *fixed_from;	/* a fixed test: the signature it failed
				 * with in its previous record (the
				 * history's), or NULL */
	enum tally tally;
	int ran;		/* ran since the previous report */
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int lane;		/* timeline row, from 0 */
	struct attempt *att;	/* its earlier attempts, oldest first */
	size_t natt;
};

/* A compile with a result: a line of <builddir>/compiles.list and its
 * <builddir>/ID/result, written by cosim-run --compile. A fixture's
 * cleanup has a result of the same shape (fixtures.h), and is one too. */
struct compile {
	char *id;		/* "designs/HASH" or "vpi"; a cleanup's
				 * "fixtures/NAME" */
	char *label;		/* the designs it builds; the fixture */
	const char *home, *href;	/* as an entry's */
	struct result r;	/* its result */
	struct kvfile rf;	/* the result's text */
	enum status status;
	const char *status_word;	/* STATUS_UNKNOWN: the word recorded */
	const char *reason;
	const char *log;	/* its log relative to the builddir, or "" */
	size_t log_line;	/* the line of its first error, or 0 */
	long long start_ms, dur_ms;	/* wall clock, ms since the epoch */
	int ran;		/* ran since the previous report */
	int shown;		/* in the summary (a filter may leave it out) */
	int lane;
};

/* The merged coverage of the tests that passed (coverage.h). */
struct coverage {
	size_t tests;		/* passing tests whose data was merged */
	size_t left_out;	/* tests with data that did not pass */
	long long points, covered;
	char *merged;		/* the merged data (allocated), or NULL
				 * without data from a passing test */
	char *annotated;	/* the annotated sources' directory, or
				 * NULL */
	char *error;		/* why there are no totals: the merge
				 * failed (allocated), or NULL */
};

/* The suite and each test over the last runs (trends.h). */
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

struct report {
	const char *builddir;	/* where the report is written */
	char *const *merged;	/* a merged report (merge.h): the build
				 * directories it merges, as given; else
				 * NULL */
	size_t nmerged;
	struct entry *e;
	size_t n;
	struct compile *c;
	size_t nc;
	struct compile *cl;	/* fixture cleanups, by fixture name */
	size_t ncl;
	size_t count[TL_N];
	size_t failed_compiles;	/* shown compiles that did not pass */
	long long now_ms;	/* when this report was made */
	long long prev_ms;	/* when the previous one was, or 0 */
	long long seed_epoch;	/* the epoch the seeds were drawn in
				 * (seeding.h), or -1 when none is kept */
	long long seeds_override;	/* cosimgen --seeds N in force, or -1 */
	int nlanes;		/* timeline rows; 0: nothing to draw */
	long long first, last;	/* the timeline's span, ms since the epoch */
	char *summary;		/* the console text, last line included */
	const char *summary_last;	/* its last line, the counts (in
				 * summary, '\n' included) */
	const struct history *hist;	/* the run history before this run
				 * is added (read once by report.c): empty
				 * when there is none or it cannot be read */
	struct strlist *provenance;	/* "KEY=VALUE": what the run was made
				 * with (provenance.h), or NULL (a filtered
				 * report, which writes no file) */
	struct waivers *waivers;	/* the waivers of the build directory
				 * (report/waivers.h), or NULL */
	const struct trends *trends;	/* over the last runs (trends.h),
				 * or NULL */
	struct bucket *buckets;	/* the tests with a signature grouped by it,
				 * most tests first (buckets.h) */
	size_t nbuckets;
	struct fixed_bucket *fixed;	/* the fixed tests, by the signature
				 * they failed with before */
	size_t nfixed;
	struct coverage *cov;	/* the merged coverage (coverage.h), or
				 * NULL: no test has coverage data, or a
				 * filter wrote no file */
};

/* The words of the marks: "new", "known", "fixed" (MARK_NONE: NULL). */
extern const char *const mark_words[MARK_N];
/* Words of the last line: "passed", "failed", "flaky", ... */
extern const char *const tally_words[TL_N];
/* The tally a status counts in (an unknown one as a failure). */
enum tally results_tally(enum status s);
/* The word of status s as the report shows it: its name, or for
 * STATUS_UNKNOWN the word recorded (unknown). */
const char *results_word(enum status s, const char *unknown);

/* Whether r holds a status word (one that is not a damaged file's). */
int results_has_status(const struct result *r);
/* The log a person opens first for the run r, a file of its run
 * directory: the stream of its first match, else the test's, else the
 * simulator's stderr; *line the line of that match there, or 0. command:
 * r is empty, and the test has a test program. */
const char *results_first_log(const struct result *r, int command,
	size_t *line);
/* The first match to show of r, or NULL (allocated): none when the scan
 * itself failed the test. */
char *results_match(const struct result *r);

/* The exception type a test's message starts with, allocated: a dotted
 * Python name whose last part starts with a capital letter, alone on
 * the first line or before ':' ("AssertionError: x is not four",
 * "cocotb.result.TestFailure"); NULL when message has none. */
char *results_exception(const char *message);
/* The length of a test's message but its trailing newlines; 0 for
 * NULL. */
size_t results_message_len(const char *message);
/* Whether reason already says the first line of message (the launcher
 * writes it into a cocotb test's reason): then a report that shows both
 * need not repeat it. */
int results_reason_says(const char *reason, const char *message);

/* Load the tests of list, the text of tests.list (split in place and kept
 * by rp), with their results, into rp->e, and count them in rp->count. */
void results_load(struct report *rp, char *list);
/* Free what results_load allocated in rp (compiles_free the compiles). */
void results_free(struct report *rp);

/* A number of a result, within 0..max: a hand-edited or damaged file must
 * not make the times overflow. */
long long results_clamp(long long n, long long max);
/* A result's start (epoch ms) and duration (ms); whether it ran since
 * prev_ms, the previous report. */
int results_when(const struct result *r, long long prev_ms,
	long long *start_ms, long long *dur_ms);

#endif

/* history.h - the run history: how each test went in each of the last N
 * runs of a suite (BUILDDIR/history, or the file `history =` names).
 * cosimgen report adds a run when it runs; the generator reads it to put
 * the tests in the order they should start; triage reads it across runs.
 *
 * The file is text, one record a line, fields separated by tabs:
 *
 *   cosimgen-history 1
 *   run	id=7	start_ms=...	end_ms=...	cosimgen=1.0	host=node1
 *   test	name=adder	status=pass	duration_ms=1234	seed=42	...
 *   compile	run=7	name=designs/0123456789abcdef	status=pass	duration_ms=9000
 *
 * The first field is the kind of record; the others are KEY=VALUE, with
 * tab, newline, carriage return and backslash in a value written \t \n \r
 * \\. A test record's keys: name, status, duration_ms, seed,
 * fingerprint (the spec_hash of its run), inputs (its inputs_hash: the
 * spec and its edge's inputs as they were), attempts, signature
 * (the failure's, signature.h), and run (the run's id: older writers put
 * it; a record belongs to the run record before it), cpu_ms and
 * max_rss_kb (what its process tree used, when the launcher measured
 * it). A writer leaves out
 * an empty seed, inputs or signature and attempts=1, which a reader takes as
 * such. A compile record (a compile that ran
 * in the run: its name is its directory under the builddir, which its
 * recipe's hash names) has run, name, status and duration_ms, which the
 * generator orders the compiles by. A run record's: id, start_ms, end_ms,
 * cosimgen, host, seed_epoch (when the suite draws seeds), and tool
 * versions as TOOL=VERSION. Readers skip kinds
 * and keys they do not know, and rewriting the file keeps every line of
 * the runs it keeps as it was, so a newer writer's fields survive. Runs
 * are in the order they were added; a test record belongs to the run
 * record before it. */
#ifndef COSIM_HISTORY_H
#define COSIM_HISTORY_H

#include "result.h"
#include "util.h"

/* The default of the runs a history keeps, and the least one may ask
 * for (a history of a large suite may hold fewer: HISTORY_BYTES). */
#define HISTORY_RUNS 50
/* The most bytes a history holds: the oldest runs go first, down to the
 * newest one alone. 10,000 tests of short names fill 50 runs
 * with about 67 MB. */
#define HISTORY_BYTES (128UL * 1024 * 1024)

struct hist_run {
	long long id, start_ms, end_ms;
	long long seed_epoch;	/* the epoch its seeds were drawn in
				 * (seeding.h); -1: none recorded */
	char *cosimgen, *host;
	struct strlist tools;	/* "TOOL=VERSION" */
	size_t first, n;	/* its tests: tests[first..first+n) */
};

struct hist_test {
	long long run;
	char *name;
	enum status status;
	char *status_word;	/* as written */
	long long duration_ms;	/* -1: not recorded */
	char *seed, *fingerprint, *signature;	/* "" when not recorded */
	long long attempts;
	long long cpu_ms, max_rss_kb;	/* -1: not recorded */
	int compile;		/* a compile's record, not a test's */
	char *inputs;		/* the inputs_hash of its run; "" when not
				 * recorded (a writer takes NULL so too) */
};

struct history {
	struct hist_run *runs;	/* oldest first */
	size_t nruns;
	struct hist_test *tests;	/* in file order */
	size_t ntests;
	struct hist_test *compiles;	/* the compile records, in file order */
	size_t ncompiles;
	char *text;		/* the file; the strings point into it */
};

/* What the history says of one test: for the order of the next run. */
struct hist_summary {
	const char *name;
	size_t records;
	long long mean_ms;	/* of its last records with a duration (up
				 * to the k asked for); -1: none */
	enum status last;	/* its last record's status */
	const char *last_fingerprint;
};

/* Read the history at path into h; a file that does not exist is an
 * empty history. Returns 0, or -1 with errno set (EINVAL: not a history
 * file). A line that cannot be read is skipped. */
int history_read(struct history *h, const char *path);
/* Free what history_read allocated. */
void history_free(struct history *h);
/* Add a run of n records (tests, and compiles: those with compile set)
 * to the history at path, as a new file put in place atomically, keeping
 * the last keep runs (HISTORY_RUNS at least) that fit in HISTORY_BYTES
 * with it. run->id is set to one more
 * than the last run's. Returns 0, or -1 with errno set. */
int history_add(const char *path, struct hist_run *run,
	const struct hist_test *tests, size_t n, size_t keep);
/* One summary per test of h, sorted by name (strcmp), into *out (freed
 * by the caller, its strings h's); returns how many. */
size_t history_summarize(const struct history *h, size_t k,
	struct hist_summary **out);
/* The same of the compiles of h, by their names. */
size_t history_summarize_compiles(const struct history *h, size_t k,
	struct hist_summary **out);
/* The summary of name among n sorted ones, or NULL. */
const struct hist_summary *history_find(const struct hist_summary *s,
	size_t n, const char *name);
/* Create an empty history at path unless a file is there. Returns 0, or
 * -1 with errno set. */
int history_touch(const char *path);

#endif

/* triage.h - each test against the run history (the history as it was
 * before this run was added). The marks judge the run the report records
 * (its tests' results are newer than the history's last run) or, for a
 * report made again with nothing run since, that last run: a test of it
 * that does not pass is new, or known when its previous record failed
 * too; a test of it that passes and whose previous record failed is
 * fixed. A test that did not run in it is known when it fails (its
 * failure is not new) and has no mark when it passes. A test is unstable
 * when, among its last runs with the same inputs and its current result,
 * one passed and one failed. A bucket is known when one of its tests
 * failed with its signature before; the fixed tests, grouped by the
 * signature they failed with, are the fixed buckets.
 *
 * A test's previous record is its last one of a run that ended before
 * its current result started, leaving out records that say nothing of
 * it (interrupted, not run): a report made again with nothing run since
 * finds the current result recorded already, in the last run, and skips
 * it, so it gives the same marks as the first. */
#ifndef COSIM_TRIAGE_H
#define COSIM_TRIAGE_H

#include "results.h"
#include "util.h"

/* The runs a test's instability is judged over, by default. */
#define TRIAGE_RUNS 10

/* Mark the tests and the buckets of rp (buckets_make made them) against
 * rp->hist, judging instability over the last runs records (0:
 * TRIAGE_RUNS), and list the fixed buckets. */
void triage_mark(struct report *rp, size_t runs);

/* Whether e passes now, or fails now (it has a signature); a test that
 * was skipped or did not run does neither. */
int triage_passes(const struct entry *e);

/* The marks of the tests a summary shows. */
struct triage_counts {
	size_t failed;		/* tests with a signature */
	size_t mark[MARK_N];
	size_t unstable;
};

/* Count e into tc. */
void triage_count(struct triage_counts *tc, const struct entry *e);
/* " [new]", " [known, unstable]", ...: e's marks at the end of its
 * entry's first line in the summary (after its reason, so that the line
 * still starts "STATUS   NAME: "), or nothing; nothing without history,
 * where every failure is new. */
void triage_note(struct buf *b, const struct report *rp,
	const struct entry *e);
/* The summary's line of how many failures are new, how many known,
 * fixed and unstable (after the entries, before the seed epoch, the
 * coverage and the counts); none without history and failures. */
void triage_line(struct buf *b, const struct report *rp,
	const struct triage_counts *tc);
/* A test's ", "signature": ..., "bucket": N, "mark": ..., "unstable":
 * true" in results.json (each only when it has one). */
void triage_json(struct buf *b, const struct entry *e);

#endif

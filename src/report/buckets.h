/* buckets.h - failure buckets: the tests that did not pass grouped by
 * their failure's signature (signature.h), so that 300 failures read as
 * the few problems they are. A bucket is marked new or known against the
 * run history (triage.h); the tests fixed since their previous run,
 * grouped by the signature they failed with, are listed apart, as fixed
 * buckets.
 *
 * The summary lists the buckets before the entries when more than
 * BUCKETS_FROM tests fail (BUCKETS_SHOWN at most, each with one example
 * test); results.json and report.html carry them all. The types, struct
 * bucket and struct fixed_bucket, are in results.h, with the report they
 * belong to. */
#ifndef COSIM_BUCKETS_H
#define COSIM_BUCKETS_H

#include "results.h"
#include "util.h"

/* More tests with a signature than this: the summary lists the buckets
 * first. */
#define BUCKETS_FROM 5
/* The buckets the summary lists at most, and the fixed ones. */
#define BUCKETS_SHOWN 20

/* A test's marks (results.h) as badges, each followed by a space: at the
 * start of its reason cell in report.html, and in its bucket's list. */
void buckets_badge(struct buf *b, const struct entry *e);
/* Group the tests of rp with a signature into rp->buckets and point
 * each one's bucket at its own; the buckets start new. */
void buckets_make(struct report *rp);
/* Free rp's buckets and fixed buckets. */
void buckets_free(struct report *rp);

/* The summary's buckets, when more than BUCKETS_FROM tests have a
 * signature and some of them share one, and the fixed buckets. */
void buckets_summary(struct buf *b, const struct report *rp);
/* ",\n "buckets": [...],\n "fixed_buckets": [...]" of results.json. */
void buckets_json(struct buf *b, const struct report *rp);
/* The "Failure buckets" section of report.html (nothing when there are
 * none and none was fixed). */
void buckets_html(struct buf *b, const struct report *rp);

#endif

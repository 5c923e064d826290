/* waivers.h - the report's side of waivers (waiver.h): a test that did
 * not pass and whose signature an unexpired waiver covers is waived. It
 * keeps its status and signature, but counts as waived (TL_WAIVED), not
 * as failed: the report, and so ninja, do not fail for it. A test kept
 * from running by a compile that failed is never waived (the compile is
 * a failure of its own), and an expired waiver waives nothing: the
 * summary says it expired. */
#ifndef COSIM_REPORT_WAIVERS_H
#define COSIM_REPORT_WAIVERS_H

#include "results.h"
#include "util.h"
#include "waiver.h"

/* Read the waivers of rp's build directory (the first of a merged
 * report's) into rp->waivers, and waive the tests they cover at
 * rp->now_ms: their waiver and tally set, rp->count moved. After
 * signature_all. */
void waivers_apply(struct report *rp);
/* " (waiver NAME: REASON, until DATE)" for w. */
void waivers_note(struct buf *b, const struct waiver *w);
/* The summary's lines of rp's waivers: one per expired waiver. */
void waivers_summary(struct buf *b, const struct report *rp);
/* Free rp->waivers. */
void waivers_done(struct report *rp);

#endif

/* fixtures.h - the fixtures in the report: a fixture's cleanup that did
 * not pass is a warning (the tests that used it ran and have their own
 * verdicts), in the summary, results.json and report.html. A failed
 * setup reaches the report through its tests' results instead (their
 * fixture and fixture_log). */
#ifndef COSIM_FIXTURES_H
#define COSIM_FIXTURES_H

#include "results.h"

/* Load every BUILDDIR/fixtures/NAME/cleanup.result that holds a status
 * into rp->cl, by name: id fixtures/NAME, label NAME, result, status,
 * reason, log (relative to the builddir), times. */
void fixtures_load(struct report *rp);
/* Free what fixtures_load allocated in rp. */
void fixtures_free(struct report *rp);

#endif

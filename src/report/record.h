/* record.h - adding the run a report covers to the run history
 * (history.h), which the generator reads to order the next run. */
#ifndef COSIM_RECORD_H
#define COSIM_RECORD_H

#include "results.h"

/* The end of the last run h records: a result that started after it is
 * new (-1: every result is). */
long long record_since(const struct history *h);
/* Whether the run a report records takes e's result, given since. */
int record_takes(const struct entry *e, long long since);
/* Add to the history at path, which was read into rp->hist (err: 0, or
 * the errno of that read when it failed), a run of the tests whose
 * result is newer than the end of the last run it records (every test
 * with a result when it records none), keeping the last keep runs. Adds
 * nothing when no result is new. A file at path that is not a history,
 * or one that cannot be read or written, is a warning on stderr and is
 * left as it is: the report does not fail for it. */
void record_run(const struct report *rp, const char *path, int err,
	size_t keep);

#endif

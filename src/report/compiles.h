/* compiles.h - the compiles in the report: <builddir>/compiles.list
 * (written by cosimgen) says which exist, and each one's result
 * (cosim-run --compile) how its last run went. A failed compile comes
 * first in the summary, and makes the report fail even when no test uses
 * its design. */
#ifndef COSIM_COMPILES_H
#define COSIM_COMPILES_H

#include "results.h"

/* Read the result at path into c (its status, reason, log, times);
 * -1 when it cannot be read or holds no status. */
int compiles_read(const struct report *rp, struct compile *c,
	const char *path);
/* Load the compiles of compiles.list that have a result into rp->c. */
void compiles_load(struct report *rp);
/* A test whose last run is older than the last attempt at its design's
 * compile, which did not pass, shows that compile's failure, not the
 * verdict on an older build. */
void compiles_judge(struct report *rp);
/* Whether compile c builds the design of e, or kept e from running. */
int compiles_builds(const struct compile *c, const struct entry *e);
/* Free the n compiles of c, and c. */
void compiles_free_list(struct compile *c, size_t n);
/* Free what compiles_load allocated in rp. */
void compiles_free(struct report *rp);

#endif

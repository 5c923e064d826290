/* timeline.h - the rows of the report's timeline: which tests and
 * compiles are drawn, and in which row. Computes only; report.c keeps the
 * span in <builddir>/.timeline and html.c draws it. */
#ifndef COSIM_TIMELINE_H
#define COSIM_TIMELINE_H

#include "results.h"

/* Place what ran this time in rows (every lane, nlanes, first and last of
 * rp); when nothing did, what lies within kept, the text of the previous
 * .timeline (or NULL). Returns 1 when rp->first..rp->last is a new span
 * to keep, 0 otherwise. */
int timeline_place(struct report *rp, const char *kept);

#endif

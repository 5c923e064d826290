/* plan.h - the launcher's look at BUILDDIR/progress.plan
 * (gen/progressplan.h): the file mapped, a test's line found by a binary
 * search over its sorted lines, never read whole, and the fingerprint of
 * the inputs the line names.
 *
 * The inputs hash says whether two runs of a test had the same inputs:
 * the spec (its spec_hash) and each input of its edge, by its path, its
 * modification time (seconds and nanoseconds) and its size, or as
 * missing. It costs a stat() per input, no read: a file rewritten with
 * the same text (a design compiled again) counts as changed, as it does
 * for ninja. */
#ifndef COSIM_PLAN_H
#define COSIM_PLAN_H

#include <stddef.h>
#include "util.h"

/* The plan, mapped: its lines after the magic one. */
struct plan {
	char *map;	/* NULL: no plan, or not a whole one */
	size_t len, first;	/* the size; where the first test's line is */
};

/* Map the plan of builddir into p. Returns 0, or -1 (p is then empty,
 * and finds nothing). */
int plan_open(struct plan *p, const char *builddir);
/* Unmap it. */
void plan_close(struct plan *p);
/* The line of test name in p, or NULL. */
const char *plan_find(const struct plan *p, const char *name);
/* The expected duration a line gives. */
long long plan_line_ms(const char *line);
/* The next tab-separated field of a line from *s into b, 0 at its end;
 * from the start of a line, the one after its name. */
int plan_field(const char **s, struct buf *b);
/* The inputs hash of a line, from spec_hash, into out: 16 hex digits. */
void plan_inputs_hash(const char *line, const char *spec_hash,
	char out[17]);

#endif

/* sweep.h - a section's sweep (sweep =): its axes, parsed and checked
 * once, and the combinations they make (see expand.c, which makes a
 * section of each). */
#ifndef COSIM_SWEEP_H
#define COSIM_SWEEP_H

#include <stddef.h>
#include "manifest.h"
#include "util.h"

/* The most sections one sweep may make. */
#define COMBOS_MAX 100000

/* One swept name and its values. */
struct axis {
	char *name;		/* WIDTH, or mode for +mode */
	char **values;		/* NULL-terminated */
	size_t nvalues;
};

struct sweep {
	struct axis *axes;
	size_t naxes;
	size_t ncombos;		/* 1 when nothing is swept */
	int plus;		/* plusargs (a test's), else parameters */
};

/* The sweep of section s (plus: a test's, of plusargs; else a design's,
 * of parameters), into sw; ncombos 1 when s sweeps nothing or its sweep
 * is bad (reported at its line). */
void sweep_parse(struct sweep *sw, const struct msection *s, int plus);
/* Free what sweep_parse made. */
void sweep_free(struct sweep *sw);
/* Combination k of sw: its name part ("W8.D4", characters a name cannot
 * hold as '_') into suffix, its words ("W=8 D=4", "+mode=a", each one
 * list word as written) into words. */
void sweep_combo(const struct sweep *sw, size_t k, struct buf *suffix,
    struct buf *words);
/* The parameter sw sets that design d's params set too, or NULL. */
const char *sweep_clash(const struct msection *d, const struct sweep *sw);

#endif

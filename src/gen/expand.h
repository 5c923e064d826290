/* expand.h - seeds and sweeps: the written design and test sections made
 * into the ones the model is built from, before it is, so that the rest
 * of the generator sees plain sections.
 *
 * A design with `sweep = W=8,16 D=4` becomes one design per combination,
 * fifo.W8.D4, fifo.W8.D... (the parameters added to its params, its base
 * name added to its labels). A test becomes one test per variant of its
 * design (basic.W8.D4), per combination of its own `sweep = +mode=a,b`
 * plusargs (basic.modea), and per seed (basic.1234): the seeds listed in
 * `seed =` and `seeds = N` drawn ones (seeding.h). A test that becomes
 * several keeps its written name as a group (test/NAME runs them all) and
 * as a label. Every generated section keeps the file and line of what it
 * was made from, so its errors point there; a generated name that is
 * taken is an error naming both. The work is linear in the sections made. */
#ifndef COSIM_EXPAND_H
#define COSIM_EXPAND_H

#include <stddef.h>
#include <stdint.h>
#include "manifest.h"
#include "seeding.h"

/* What the command line asks of the seeding (cosimgen --reseed,
 * --seed-epoch, --seeds). */
struct seedopts {
	int reseed;		/* draw a fresh epoch */
	int64_t epoch;		/* set the epoch; -1: keep */
	int64_t seeds;		/* override every seeds count; 0: go back to
				 * the manifest's; -1: keep */
};

/* The sections of m (designs, tests, resources, fixtures, in order)
 * expanded as above, drawing seeds in sd's epoch with its override, into
 * *out (allocated; *nout of them). Problems are recorded with diag_*.
 * Returns the number of tests that draw their seeds. */
size_t expand_sections(const struct manifest *m, const struct seeding *sd,
	struct msection ***out, size_t *nout);
/* Apply o to sd (read from the build directory). */
void seedopts_apply(const struct seedopts *o, struct seeding *sd);

#endif

/* build.h - building the validated model (model.h) from a manifest.
 *
 * Every semantic check of a manifest runs from model_build() (check.c,
 * then resolve.c, recipe.c and datafiles.c), but for the paths a make file
 * cannot express (makefile_check, which the driver calls for -G make); the
 * writers (ninja.c, makefile.c) take a model without errors and fail only
 * on I/O.
 *
 * Compile once, run many: designs are grouped by their compile recipe
 * (simulator, sources in order, top, defines, params, flags, include dirs,
 * compile template), not by their names. The recipe's 64-bit FNV-1a hash,
 * as 16 hex digits, names its output directory <builddir>/designs/HASH.
 * Each compile runs through `cosim-run --compile SPEC` (compile.h); the
 * compile spec holds the command and the limits, never the designs' names,
 * so renaming a design or adding one with the same recipe recompiles
 * nothing: the names are in compiles.list. */
#ifndef COSIM_BUILD_H
#define COSIM_BUILD_H

#include "manifest.h"
#include "model.h"
#include "expand.h"

/* Check the manifest and build the model; paths become relative to outdir
 * (absolute, symlink-free); executor, unless EXEC_MANIFEST, overrides
 * the manifest's; so (or NULL) changes the build directory's seeding;
 * coverage, unless -1, overrides [cosimgen]'s coverage.
 * m's sections are replaced by their expansion (expand.h). Problems are recorded with diag_*. */
void model_build(struct model *mo, struct manifest *m,
	const char *outdir, const char *templates, enum executor executor,
	const struct seedopts *so, int coverage);

/* Whether the run history is the report's default: BUILDDIR/history,
 * keeping HISTORY_RUNS runs. The report edge names it only otherwise, so
 * that the graph asks nothing of a report that does not know history. */
int model_history_default(const struct model *mo);

/* Tests grouped (design/NAME, label/NAME): the tests of group i are
 * tests[start[i]] .. tests[start[i + 1] - 1], in the order of the list
 * they were drawn from. Made in two passes over the list, where asking
 * each group for its tests made large suites quadratic. */
struct groups {
	struct test **tests;
	size_t *start;		/* ngroups + 1 entries */
};

/* Group list (mo->ntests tests: mo->tests or mo->order) by design, group
 * i holding the tests of mo->designs[i]. */
void groups_by_design(struct groups *g, const struct model *mo,
	struct test *const *list);
/* Group list by label, group i holding the tests of mo->labels[i]. */
void groups_by_label(struct groups *g, const struct model *mo,
	struct test *const *list);
void groups_free(struct groups *g);

#endif

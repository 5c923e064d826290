/* compiled.h - what the graph and a test learn from the result a compile
 * left in the directory of its output (compile.h): whether it passed,
 * and when not, the reason, the log and its first error line. */
#ifndef COSIM_COMPILED_H
#define COSIM_COMPILED_H

#include "run.h"

/* cosim-run --compiled BUILDDIR ID...: print each compile that did not
 * pass (ID as in compiles.list); 1 when one did not, else 0. */
int compiled_check(const char *builddir, char **ids, int n);
/* Whether the compile ID under builddir passed (a compile it needs, the
 * Verilator runtime: spec.h); when not, why, appended to why, and its
 * log (relative to builddir, allocated, or NULL) and the error's line in
 * it (or 0). */
int compiled_needed(const char *builddir, const char *id, struct buf *why,
	char **log, size_t *line);
/* For a test about to run: when its design or VPI module did not compile
 * (or its output is missing), make r an error that says so, naming the
 * compile log, and return 1. */
int compiled_blocks(struct run *r);

#endif
